//! Printing results: JSON for scripts, aligned text for people.
//!
//! Every command computes a plain result struct and hands it to [`emit`]; the struct's
//! [`Report::human`] writes the text form. Names are data: table cells go through
//! [`clean`], so that a name cannot move the cursor or recolour the terminal.

use std::io::{self, Write};

use serde::Serialize;

use crate::text::{clean, width};

mod pretty;

/// A command's answer, printable as JSON or as text.
pub trait Report: Serialize {
    /// Writes the answer for a person to read.
    fn human(&self, out: &mut dyn Write) -> io::Result<()>;
}

/// Writes a report to `out`: pretty JSON (one trailing newline) or text.
pub fn emit<R: Report + ?Sized>(report: &R, json: bool, out: &mut dyn Write) -> io::Result<()> {
    if json {
        // serde_json writes a few bytes at a time: a buffer of its own keeps those writes
        // off `out`'s dynamic calls (a fifth off writing a 160 MB answer). serde_json hands
        // back the writer's own error, so a closed pipe stays one.
        let mut buffered = io::BufWriter::with_capacity(1 << 16, out);
        pretty::to_writer(&mut buffered, report).map_err(io::Error::from)?;
        writeln!(buffered)?;
        buffered.flush()
    } else {
        report.human(out)
    }
}

/// The widest a table cell gets, in terminal columns, but for the last one of a row.
pub const MAX_CELL: usize = 100;
/// The widest the last cell of a row gets.
pub const MAX_LAST_CELL: usize = 1000;

/// `text` cut to at most `max` columns, ending with `…` when cut.
///
/// ```
/// use partnet::output::truncate;
/// assert_eq!(truncate("Westinghouse", 6), "Westi…");
/// assert_eq!(truncate("東芝東芝", 5), "東芝…");
/// ```
pub fn truncate(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = width(c.encode_utf8(&mut [0; 4]));
        if used + w + 1 > max {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
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

    /// Adds a row. Cells are cleaned of control characters and cut to [`MAX_CELL`] columns
    /// ([`MAX_LAST_CELL`] for the last, which pads nothing): one 100 KB name must not pad
    /// every line of a long list to its width. `--json` carries every value whole.
    pub fn row<I, S>(&mut self, cells: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut row: Vec<String> = cells.into_iter().map(|c| clean(c.as_ref()).into_owned()).collect();
        let last = row.len().saturating_sub(1);
        for (i, cell) in row.iter_mut().enumerate() {
            let max = if i == last { MAX_LAST_CELL } else { MAX_CELL };
            if width(cell) > max {
                *cell = truncate(cell, max);
            }
        }
        self.rows.push(row);
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

#[cfg(test)]
mod tests {
    use super::*;

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
