//! The cells of a CSV table: lists in one cell, the line a record starts on, the csv
//! crate's errors as diagnostics.

use crate::error::Diagnostic;

use super::text;
use crate::load::raw::Text;

/// A list (aliases, sectors, source ids) as one cell: its items joined by `;`, which a
/// spreadsheet user can read and write, unless that would not split back into the same
/// items (an item holding `;`, starting or ending with a space, empty, or a cell starting
/// with `[`, which would read as an array if it were one): then a JSON array,
/// `["ACME; Inc","B"]`, as GraphML carries lists. [`split_list`] reads either.
pub(crate) fn list_cell<S: AsRef<str>>(items: &[S]) -> String {
    let joined = items.iter().map(AsRef::as_ref).collect::<Vec<_>>().join(";");
    let plain = !joined.trim_start().starts_with('[') && split_plain(&joined).eq(items.iter().map(AsRef::as_ref));
    if plain {
        joined
    } else {
        serde_json::to_string(&items.iter().map(AsRef::as_ref).collect::<Vec<_>>()).expect("strings serialise")
    }
}

/// A list cell as read: its items, and whether it was a JSON array (a source row's cell
/// then holds its id in it, see [`source_id`]).
#[derive(Debug, Default)]
pub(super) struct List {
    pub(super) items: Vec<Text<'static>>,
    pub(super) json: bool,
}

/// A list cell's items: a JSON array of strings when the cell is one, else its
/// `;`-separated parts, each trimmed, empty ones dropped. A cell that starts with `[` but
/// is no JSON array is text, as it was before lists could be JSON, so that old tables keep
/// loading: a hand-written `[draft] c` is the id `[draft] c`. Only a cell that starts the
/// way an array of strings does (`["`, spaces aside) and is none is an error, which says
/// what is wrong: that is a mistyped array, and read as text it would give ids with quotes.
pub(super) fn read_list(cell: Option<&str>) -> Result<List, String> {
    let Some(cell) = cell else { return Ok(List::default()) };
    let rest = cell.trim_start();
    if let Some(inside) = rest.strip_prefix('[') {
        match serde_json::from_str::<Vec<String>>(cell) {
            Ok(items) => {
                return Ok(List {
                    items: items.iter().map(|s| text(s)).collect(),
                    json: true,
                })
            }
            Err(e) if inside.trim_start().starts_with('"') => {
                return Err(format!("the cell starts as a JSON array (`[\"`) but is none ({e})"))
            }
            Err(_) => {}
        }
    }
    Ok(List {
        items: split_plain(cell).map(text).collect(),
        json: false,
    })
}

/// Whether [`read_list`] reads the cell, without keeping its items: a cell that does not
/// start with `[` always reads, so millions of plain cells cost no allocation.
pub(super) fn check_list(cell: Option<&str>) -> Result<(), String> {
    match cell {
        Some(c) if c.trim_start().starts_with('[') => read_list(Some(c)).map(drop),
        _ => Ok(()),
    }
}

/// A list cell's items, as [`read_list`] reads them.
pub(super) fn split_list(cell: Option<&str>) -> Result<Vec<Text<'static>>, String> {
    read_list(cell).map(|list| list.items)
}

fn split_plain(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(';').map(str::trim).filter(|s| !s.is_empty())
}

/// A source row's `sources` cell: its one id as it is (a `;` in it is part of it), or a
/// JSON array of it when it would not read back as it is (it starts with `[`, or with or
/// after a space). [`source_id`] reads either.
pub(crate) fn source_cell(id: &str) -> String {
    if id.trim_start().starts_with('[') || id.trim() != id {
        list_cell(&[id])
    } else {
        id.to_string()
    }
}

/// The id a source row's `sources` cell defines, from the cell and its reading as a list
/// ([`read_list`]): a JSON array must hold one id; any other cell is the id, trimmed.
pub(super) fn source_id(cell: &str, list: List) -> Result<Text<'static>, String> {
    if !list.json {
        return Ok(text(cell.trim()));
    }
    match <[Text<'static>; 1]>::try_from(list.items) {
        Ok([id]) => Ok(id),
        Err(ids) => Err(format!(
            "a source row defines one source, and the cell lists {}",
            ids.len()
        )),
    }
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

/// Where the quotes of a table go wrong, as the csv crate reads quotes: one opens a field
/// only at its start, `""` inside is a quote.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Quotes {
    /// The byte offset of a quote that opens a field and is never closed. The crate ends
    /// such a field at the end of the file, so the rows after it vanish into one cell.
    pub(super) unclosed: Option<usize>,
    /// The byte offsets of what follows a closing quote other than a comma or a line break
    /// (`"ac"me`, `"acme" ,`), in order. The crate takes it silently, dropping the quotes
    /// (`acme`) or keeping the space (`acme `): a cell that prints like another id.
    pub(super) strays: Vec<usize>,
}

/// One pass over the table's bytes: its unclosed quote and the text after closing quotes.
pub(super) fn quotes(text: &[u8]) -> Quotes {
    let mut found = Quotes::default();
    let (mut open, mut at_start, mut closed, mut i) = (None, true, false, 0);
    while i < text.len() {
        let b = text[i];
        if closed && !matches!(b, b',' | b'\n' | b'\r') {
            found.strays.push(i);
        }
        closed = false;
        match open {
            Some(_) if b == b'"' => {
                if text.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    open = None;
                    closed = true;
                }
            }
            Some(_) => {}
            None if b == b'"' && at_start => open = Some(i),
            None => {}
        }
        at_start = open.is_none() && matches!(b, b',' | b'\n' | b'\r');
        i += 1;
    }
    found.unclosed = open;
    found
}

/// The line and column (in characters) of byte `offset` of `text`.
pub(super) fn place(text: &str, offset: usize) -> (usize, usize) {
    let line = 1 + Lines::breaks(text.as_bytes(), 0..offset);
    let line_start = text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    (line, text[line_start..offset].chars().count() + 1)
}

/// The error for an unclosed quote at byte `offset` of `text`.
pub(super) fn unclosed_error(label: &str, text: &str, offset: usize) -> Diagnostic {
    Diagnostic::error("an unclosed quote starts here: its field would run to the end of the file")
        .file(label)
        .at(Some(place(text, offset)))
        .help("close the quote; a quote inside a quoted field is written twice (\"\"), and a field with no comma, quote or line break needs none")
}

/// The error for text after a closing quote, at byte `offset` of `text`.
pub(super) fn stray_error(label: &str, text: &str, offset: usize) -> Diagnostic {
    let what = match text[offset..].chars().next() {
        Some(c) if c.is_whitespace() => "a space".to_string(),
        Some(c) => format!("`{}`", crate::text::clean(&c.to_string())),
        None => "text".to_string(),
    };
    Diagnostic::error(format!(
        "{what} after a closing quote: a quoted field ends at its quote, and a comma or the line's end comes next"
    ))
    .file(label)
    .at(Some(place(text, offset)))
    .help("quote the whole cell and write each quote inside it twice (\"ac\"\"me\" for ac\"me), or drop the quotes; remove any space between the closing quote and the comma")
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
        self.line += Lines::breaks(text, self.offset..offset);
        self.offset = offset;
        self.line
    }

    /// The line breaks in `range` of `text`: `\r\n`, `\n` and a lone `\r` each count one.
    fn breaks(text: &[u8], range: std::ops::Range<usize>) -> usize {
        range
            .filter(|&i| text[i] == b'\n' || (text[i] == b'\r' && text.get(i + 1) != Some(&b'\n')))
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unclosed_quote_is_found_as_the_csv_crate_reads_quotes() {
        let unclosed = |t: &[u8]| quotes(t).unclosed;
        assert_eq!(unclosed(b"a,\"b\nc"), Some(2));
        assert_eq!(unclosed(b"a,\"b\"\"c\"\nd"), None, "a doubled quote is a quote");
        assert_eq!(unclosed(b"a,b\"c\nd"), None, "a quote inside a field is a quote");
        assert_eq!(unclosed(b"a,\"b\"c\"\nd"), None, "after a closed field, text");
        assert_eq!(unclosed(b"a\r\n\"b"), Some(3));
        assert_eq!(unclosed(b"\"a\nb\",c"), None, "a quoted field across lines");
    }

    #[test]
    fn text_after_a_closing_quote_is_found() {
        let strays = |t: &[u8]| quotes(t).strays;
        assert_eq!(strays(b"a,\"ac\"me,b"), vec![6]);
        assert_eq!(strays(b"\"acme\" ,b\n\"x\"y\"\"\n"), vec![6, 13]);
        assert_eq!(
            strays(b"\"a\"\"b\",\"c\"\r\n\"d\""),
            Vec::<usize>::new(),
            "doubled quotes, line ends, the end"
        );
        assert_eq!(
            strays(b"a\"b\",c"),
            Vec::<usize>::new(),
            "a quote inside an unquoted field"
        );
    }

    /// A source row's id as the loader reads its cell.
    fn read_id(cell: &str) -> Result<String, String> {
        source_id(cell, read_list(Some(cell))?).map(|t| t.to_string())
    }

    fn items(cell: &str) -> Vec<String> {
        split_list(Some(cell)).unwrap().iter().map(|t| t.to_string()).collect()
    }

    #[test]
    fn a_source_rows_id_reads_back_as_it_is() {
        for id in ["a;b", "[draft] c", " x", "plain", "[\"x", "[]"] {
            assert_eq!(read_id(&source_cell(id)).unwrap(), id);
        }
        assert_eq!(
            source_cell("a;b"),
            "a;b",
            "a source row holds one id: `;` is part of it"
        );
        assert!(read_id("[\"a\",\"b\"]").unwrap_err().contains("lists 2"));
    }

    #[test]
    fn a_list_cell_splits_back_into_its_items() {
        for list in [&["a", "b"][..], &["ACME; Inc"], &[" x"], &["[y]"], &["", "z"], &["one"]] {
            let cell = list_cell(list);
            assert_eq!(items(&cell), list, "{cell}");
        }
        assert_eq!(list_cell(&["a", "b"]), "a;b");
        assert!(split_list(Some("[\"open")).is_err());
    }

    #[test]
    fn a_hand_written_cell_that_starts_with_a_bracket_is_text_unless_it_starts_as_an_array() {
        // As before lists could be JSON: ids of old tables keep reading.
        assert_eq!(items("[draft] c"), ["[draft] c"]);
        assert_eq!(items("[a]; b"), ["[a]", "b"]);
        assert_eq!(items(" [1, 2]"), ["[1, 2]"], "an array of numbers is no list of ids");
        assert_eq!(read_id("[draft] c").unwrap(), "[draft] c");
        assert_eq!(items("[\"a\", \"b; c\"]"), ["a", "b; c"]);
        for broken in ["[\"open", "[ \"a\"; \"b\"]", "[\"a\"] b"] {
            let e = split_list(Some(broken)).unwrap_err();
            assert!(
                e.starts_with("the cell starts as a JSON array (`[\"`) but is none ("),
                "{broken}: {e}"
            );
        }
    }

    #[test]
    fn checking_a_list_cell_finds_what_reading_it_finds() {
        for cell in ["a;b", "[draft] c", " [\"open", "[\"a\"]", "[\"a\"; \"b\"]", "x [\"y"] {
            let read = read_list(Some(cell)).map(drop);
            assert_eq!(check_list(Some(cell)), read, "{cell}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_list_and_any_source_id_read_back_from_their_cells(
            list in proptest::collection::vec("[ a\\[\\];\",]{0,5}", 0..4),
            id in "[ a\\[\\];\",]{1,6}",
        ) {
            let cell = list_cell(&list);
            // The loader takes an empty cell as none.
            let back = if cell.is_empty() { Vec::new() } else { items(&cell) };
            proptest::prop_assert_eq!(back, list, "{}", cell);
            // A source row's id of spaces is refused before it is read.
            if !id.trim().is_empty() {
                proptest::prop_assert_eq!(read_id(&source_cell(&id)).unwrap(), id);
            }
        }
    }
}
