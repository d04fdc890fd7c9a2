//! Printing results: JSON for scripts, aligned text for people.
//!
//! Every command computes a plain result struct and hands it to [`emit`]; the struct's
//! [`Report::human`] writes the text form. Names are data: table cells go through
//! [`clean`], so that a name cannot move the cursor or recolour the terminal.

use std::borrow::Cow;
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
    /// The widest cell of each column so far, header included.
    widths: Vec<usize>,
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
            widths: header.iter().map(|h| width(h)).collect(),
            right: vec![false; header.len()],
            header: true,
        }
    }

    /// A table of `columns` columns with no header row.
    pub fn headless(columns: usize) -> Table {
        Table {
            rows: vec![vec![String::new(); columns]],
            widths: vec![0; columns],
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
        S: AsRef<str> + Into<String>,
    {
        // An owned cell that needs no cleaning is kept, not copied: a long list has many.
        let mut row: Vec<String> = cells
            .into_iter()
            .map(|c| match clean(c.as_ref()) {
                Cow::Borrowed(_) => c.into(),
                Cow::Owned(cleaned) => cleaned,
            })
            .collect();
        let last = row.len().saturating_sub(1);
        if self.widths.len() < row.len() {
            self.widths.resize(row.len(), 0);
        }
        for (i, cell) in row.iter_mut().enumerate() {
            let max = if i == last { MAX_LAST_CELL } else { MAX_CELL };
            let mut w = width(cell);
            if w > max {
                *cell = truncate(cell, max);
                w = width(cell);
            }
            self.widths[i] = self.widths[i].max(w);
        }
        self.rows.push(row);
    }

    pub fn is_empty(&self) -> bool {
        self.rows.len() <= 1
    }

    pub fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        // One line buffer for every row, handed to `out` whole.
        let mut line = String::new();
        for row in self.rows.iter().skip(usize::from(!self.header)) {
            line.clear();
            for (c, cell) in row.iter().enumerate() {
                let pad = self.widths[c] - width(cell);
                let last = c + 1 == row.len();
                if self.right.get(c).copied().unwrap_or(false) {
                    push_spaces(&mut line, pad);
                    line.push_str(cell);
                } else {
                    line.push_str(cell);
                    if !last {
                        push_spaces(&mut line, pad);
                    }
                }
                if !last {
                    line.push_str("  ");
                }
            }
            let kept = line.trim_end().len();
            line.truncate(kept);
            line.push('\n');
            out.write_all(line.as_bytes())?;
        }
        Ok(())
    }
}

fn push_spaces(line: &mut String, mut n: usize) {
    const SPACES: &str = "                                ";
    while n > 0 {
        let k = n.min(SPACES.len());
        line.push_str(&SPACES[..k]);
        n -= k;
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

    #[test]
    fn table_pads_past_its_run_of_spaces_and_cleans_what_it_keeps() {
        let long = "x".repeat(70);
        let mut t = Table::new(&["name", "note"]);
        t.row([long.as_str(), "a"]);
        t.row(["b\tc", "d\n"]);
        let mut out = Vec::new();
        t.write(&mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], format!("name{}  note", " ".repeat(66)));
        assert_eq!(lines[1], format!("{long}  a"));
        assert_eq!(lines[2], format!("b\\tc{}  d\\n", " ".repeat(66)));
    }
}
