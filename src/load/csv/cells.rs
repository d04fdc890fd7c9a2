//! The cells of a CSV table: lists in one cell, the line a record starts on, the csv
//! crate's errors as diagnostics.

use crate::error::Diagnostic;

use super::text;
use crate::load::raw::Text;

/// A list (aliases, sectors) as one cell: its items joined by `;`, which a spreadsheet user
/// can read and write, unless that would not split back into the same items (an item holding
/// `;`, starting or ending with a space, empty, or a cell starting with `[`): then a JSON
/// array, `["ACME; Inc","B"]`, as GraphML carries lists. [`split_list`] reads either.
pub(crate) fn list_cell<S: AsRef<str>>(items: &[S]) -> String {
    let joined = items.iter().map(AsRef::as_ref).collect::<Vec<_>>().join(";");
    let plain = !joined.trim_start().starts_with('[') && split_plain(&joined).eq(items.iter().map(AsRef::as_ref));
    if plain {
        joined
    } else {
        serde_json::to_string(&items.iter().map(AsRef::as_ref).collect::<Vec<_>>()).expect("strings serialise")
    }
}

/// A list cell's items: a JSON array of strings when the cell starts with `[`, else its
/// `;`-separated parts, each trimmed, empty ones dropped. The error says what is wrong.
pub(crate) fn split_list(cell: Option<&str>) -> Result<Vec<Text<'static>>, String> {
    let Some(cell) = cell else { return Ok(Vec::new()) };
    if cell.trim_start().starts_with('[') {
        return serde_json::from_str::<Vec<String>>(cell)
            .map(|items| items.iter().map(|s| text(s)).collect())
            .map_err(|e| format!("the cell starts with `[` but is no JSON array of strings ({e})"));
    }
    Ok(split_plain(cell).map(text).collect())
}

fn split_plain(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(';').map(str::trim).filter(|s| !s.is_empty())
}

/// `"s1;s2"` → `["s1", "s2"]`, each trimmed, empty parts dropped.
pub(super) fn split_sources(cell: Option<&str>) -> Vec<Text<'static>> {
    cell.map(|c| {
        c.split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(text)
            .collect()
    })
    .unwrap_or_default()
}

pub(super) fn csv_error(label: &str, e: ::csv::Error, lines: &mut Lines) -> Diagnostic {
    let line = e.position().map(|p| lines.of(Some(p)));
    let d = Diagnostic::error("").file(label).at(line.map(|l| (l, 1)));
    match e.kind() {
        ::csv::ErrorKind::UnequalLengths { expected_len, len, .. } => Diagnostic {
            message: format!("the row has {len} fields but the header has {expected_len}"),
            help: Some(format!(
                "give every row {expected_len} fields; quote a field that contains a comma (\"a, b\")"
            )),
            ..d
        },
        _ => Diagnostic {
            message: format!("cannot read the CSV: {e}"),
            help: Some("save the table as UTF-8 CSV with a header row".into()),
            ..d
        },
    }
}

/// Line numbers of byte offsets in the text, counting `\r\n`, `\n` and a lone `\r` each as
/// one line break: the csv crate's own count is off after a CRLF. Offsets mostly come in
/// increasing order, so each is counted on from the last one.
pub(super) struct Lines<'t> {
    text: &'t [u8],
    offset: usize,
    line: usize,
}

impl<'t> Lines<'t> {
    pub(super) fn new(text: &'t [u8]) -> Lines<'t> {
        Lines {
            text,
            offset: 0,
            line: 1,
        }
    }

    /// The line a record starts on.
    pub(super) fn of(&mut self, position: Option<&::csv::Position>) -> usize {
        let Some(position) = position else { return self.line };
        let text = self.text;
        let mut offset = (position.byte() as usize).min(text.len());
        // After a CRLF the csv crate places the next record at the LF: a record starts at
        // its first byte that ends no line.
        while matches!(text.get(offset), Some(b'\r' | b'\n')) {
            offset += 1;
        }
        if offset < self.offset {
            (self.offset, self.line) = (0, 1);
        }
        for i in self.offset..offset {
            if text[i] == b'\n' || (text[i] == b'\r' && text.get(i + 1) != Some(&b'\n')) {
                self.line += 1;
            }
        }
        self.offset = offset;
        self.line
    }
}
