//! Printing results: JSON for scripts, aligned text for people.
//!
//! Every command computes a plain result struct and hands it to [`emit`]; the struct's
//! [`Report::human`] writes the text form. Names are data: [`clean`] escapes control
//! characters so that a name cannot move the cursor or recolour the terminal.

use std::borrow::Cow;
use std::io::{self, Write};

use serde::Serialize;

/// Where it was before it grew into a module of its own.
pub use crate::write::write_atomic;

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

/// Escapes control characters (newlines, tabs, ESC, ...) so that text from the data stays
/// on its line and cannot inject terminal escape sequences.
///
/// ```
/// use partnet::output::clean;
/// assert_eq!(clean("a\nb\u{1b}[31m"), "a\\nb\\u{1b}[31m");
/// assert_eq!(clean("東芝 & Co"), "東芝 & Co");
/// ```
pub fn clean(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => out.push_str(&c.escape_unicode().to_string()),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Display width of a string in a terminal: East Asian wide characters take two columns.
pub fn width(text: &str) -> usize {
    text.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF |
        0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 |
        0xFFE0..=0xFFE6 | 0x1F300..=0x1F64F | 0x1F900..=0x1F9FF | 0x20000..=0x3FFFD)
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
