//! Printing results: JSON for scripts, aligned text for people.
//!
//! Every command computes a plain result struct and hands it to [`emit`]; the struct's
//! [`Report::human`] writes the text form. Names are data: table cells go through
//! [`clean`], so that a name cannot move the cursor or recolour the terminal.

use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use crate::error::Error;
use crate::text::{clean, width};

/// A command's answer, printable as JSON or as text.
pub trait Report: Serialize {
    /// Writes the answer for a person to read.
    fn human(&self, out: &mut dyn Write) -> io::Result<()>;
}

/// Writes a report to `out`: pretty JSON (one trailing newline) or text.
pub fn emit<R: Report + ?Sized>(report: &R, json: bool, out: &mut dyn Write) -> io::Result<()> {
    if json {
        serde_json::to_writer_pretty(&mut *out, report).map_err(io::Error::other)?;
        writeln!(out)
    } else {
        report.human(out)
    }
}

/// A text table with aligned columns. Cells are cleaned of control characters.
#[derive(Debug, Default)]
pub struct Table {
    rows: Vec<Vec<String>>,
    /// Columns aligned to the right (numbers).
    right: Vec<bool>,
    /// Whether the first row is a header to print.
    header: bool,
}

impl Table {
    /// A table with a header row.
    pub fn new(header: &[&str]) -> Table {
        Table {
            rows: vec![header.iter().map(|h| h.to_string()).collect()],
            right: vec![false; header.len()],
            header: true,
        }
    }

    /// A table of `columns` columns with no header row.
    pub fn headless(columns: usize) -> Table {
        Table {
            rows: vec![vec![String::new(); columns]],
            right: vec![false; columns],
            header: false,
        }
    }

    /// Aligns column `i` to the right.
    pub fn right(mut self, i: usize) -> Table {
        self.right[i] = true;
        self
    }

    pub fn row<I, S>(&mut self, cells: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.rows
            .push(cells.into_iter().map(|c| clean(c.as_ref()).into_owned()).collect());
    }

    pub fn is_empty(&self) -> bool {
        self.rows.len() <= 1
    }

    pub fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        let columns = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        let widths: Vec<usize> = (0..columns)
            .map(|c| {
                self.rows
                    .iter()
                    .filter_map(|r| r.get(c))
                    .map(|s| width(s))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        for row in self.rows.iter().skip(usize::from(!self.header)) {
            let mut line = String::new();
            for (c, cell) in row.iter().enumerate() {
                let pad = widths[c] - width(cell);
                let last = c + 1 == row.len();
                if self.right.get(c).copied().unwrap_or(false) {
                    line.extend(std::iter::repeat_n(' ', pad));
                    line.push_str(cell);
                } else {
                    line.push_str(cell);
                    if !last {
                        line.extend(std::iter::repeat_n(' ', pad));
                    }
                }
                if !last {
                    line.push_str("  ");
                }
            }
            writeln!(out, "{}", line.trim_end())?;
        }
        Ok(())
    }
}

/// Writes a file atomically: the bytes go to a temporary file in the same directory, which
/// then replaces `path` in one rename. A failed or interrupted run never leaves a partial
/// file and never clobbers the existing one. Missing parent directories are created.
pub fn write_atomic(path: &Path, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<(), Error> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let fail = |what: &str, e: &dyn std::fmt::Display| {
        Error::environment(format!("cannot {what} {}: {e}", path.display()))
            .with_help("check that the directory exists and is writable, and that the disk has room")
    };
    std::fs::create_dir_all(dir).map_err(|e| fail("create the directory for", &e))?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".partnet-").suffix(".tmp");
    // Permissions of any new file (0666 less the umask), not tempfile's private 0600.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let tmp = builder.tempfile_in(dir).map_err(|e| fail("write", &e))?;
    let mut buffered = io::BufWriter::new(tmp);
    write(&mut buffered).map_err(|e| fail("write", &e))?;
    let tmp = buffered.into_inner().map_err(|e| fail("write", e.error()))?;
    tmp.as_file().sync_all().map_err(|e| fail("write", &e))?;
    tmp.persist(path).map_err(|e| fail("replace", &e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_keeps_the_old_file_on_failure() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        std::fs::write(&path, "old").unwrap();
        let failed = write_atomic(&path, |w: &mut dyn Write| {
            w.write_all(b"half")?;
            Err(io::Error::other("interrupted"))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left behind"
        );
        write_atomic(&path, |w| w.write_all(b"new")).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
    }

    #[test]
    fn table_aligns_wide_and_narrow_text() {
        let mut t = Table::new(&["name", "n"]).right(1);
        t.row(["東芝", "3"]);
        t.row(["IHI", "12"]);
        let mut out = Vec::new();
        t.write(&mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "name   n\n東芝   3\nIHI   12\n");
    }
}
