//! Reading one JSON dataset file, with errors that say where and what to do.

use crate::error::Diagnostic;
use crate::names::nearest;

use super::raw::{MapOnly, RawDataset, FIELDS};
use crate::value::Why;

/// Parses a dataset file's text. The error names the line and column, and for an unknown
/// field the nearest known one.
pub fn parse<'a>(label: &str, text: &'a str) -> Result<RawDataset<'a>, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::error("the file is empty")
            .file(label)
            .help("a dataset is a JSON object such as {\"entities\": [], \"projects\": [], \"participations\": []}"));
    }
    serde_json::from_str::<MapOnly<RawDataset>>(text)
        .map(|m| m.0)
        .map_err(|e| describe(label, text, e))
}

/// Validates UTF-8, naming the line and column of the first bad byte.
pub fn utf8<'a>(label: &str, bytes: &'a [u8]) -> Result<&'a str, Diagnostic> {
    std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = good.len() - good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1) + 1;
        Diagnostic::error("the file is not valid UTF-8 text (is it a binary file?)")
            .file(label)
            .at(Some((line, column)))
            .help("save the dataset as UTF-8 JSON or CSV")
    })
}

fn describe(label: &str, text: &str, e: serde_json::Error) -> Diagnostic {
    use serde_json::error::Category;
    let full = e.to_string();
    // serde_json appends " at line L column C"; we print the position ourselves.
    let message = match full.rfind(" at line ") {
        Some(i) => &full[..i],
        None => &full[..],
    };
    let pos = (e.line() > 0).then(|| (e.line(), e.column().max(1)));
    let diag = Diagnostic::error("").file(label).at(pos);
    match e.classify() {
        Category::Eof => Diagnostic {
            message: "the JSON ends too early (an unclosed string, array or object?)".into(),
            help: Some("check that every {, [ and \" is closed".into()),
            ..diag
        },
        Category::Syntax if message.contains("recursion limit") => Diagnostic {
            message: "the JSON is nested too deeply".into(),
            help: Some("a dataset is a flat object of four arrays of records; see `partnet schema`".into()),
            ..diag
        },
        Category::Syntax if message == "trailing comma" => {
            let comma = trailing_comma(text.as_bytes(), offset_of(text, &e));
            Diagnostic {
                message: TRAILING_COMMA.into(),
                help: Some(TRAILING_COMMA_HELP.into()),
                ..diag.at(Some(line_column(text.as_bytes(), comma)))
            }
        }
        Category::Syntax => {
            let looks_like_json = text.trim_start().starts_with(['{', '[']);
            Diagnostic {
                message: format!("invalid JSON: {message}"),
                help: Some(if looks_like_json {
                    "fix the JSON syntax at that position (a missing comma or quote?)".into()
                } else {
                    "partnet reads JSON datasets (and .csv tables); is this the right file?".into()
                }),
                ..diag
            }
        }
        Category::Data => data_error(message, diag, text, &e),
        Category::Io => Diagnostic {
            message: message.into(),
            ..diag
        },
    }
}

fn data_error(message: &str, diag: Diagnostic, text: &str, e: &serde_json::Error) -> Diagnostic {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or("");
        let expected: Vec<&str> = rest.split('`').skip(2).step_by(2).filter(|s| !s.is_empty()).collect();
        let record = FIELDS
            .iter()
            .find(|(_, fields)| fields.len() == expected.len() && fields.iter().all(|f| expected.contains(f)))
            .map_or("record", |(name, _)| *name);
        let suggestion = nearest(field, expected.iter().copied(), 1);
        let mut text = format!("unknown field `{field}` in {}", crate::text::a(record));
        if let Some(best) = suggestion.first() {
            text.push_str(&format!("; did you mean `{best}`?"));
        }
        return Diagnostic {
            message: text,
            help: Some(format!(
                "the fields of {} are: {}",
                crate::text::a(record),
                expected.join(", ")
            )),
            ..diag
        };
    }
    // The record and field the error is in, found by reading the text again up to it.
    let offset = offset_of(text, e);
    if let Some(key) = super::keys::duplicated(message) {
        let (record, _) = super::pointer::path_at(text, offset)
            .map(|path| super::pointer::describe(text, &path))
            .unwrap_or_default();
        // serde stops at the second key's closing quote: point at its opening one.
        let start = super::keys::key_start(text.as_bytes(), offset, key);
        let column = e.column().max(1) - (offset - start).min(e.column().max(1) - 1);
        return Diagnostic {
            subject: record,
            message: message.into(),
            help: Some(super::keys::HELP.into()),
            column: diag.column.map(|_| column),
            ..diag
        };
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or("");
        // serde stops at the record's closing brace: the record is the one that encloses it.
        let record = super::pointer::path_at(text, offset.saturating_sub(1))
            .and_then(|path| super::pointer::describe(text, &path).0);
        return Diagnostic {
            subject: record,
            message: format!("a record has no `{field}`"),
            help: Some(format!("add the required field `{field}` to the record that ends here")),
            ..diag
        };
    }
    let readable = message
        .replace("struct RawDataset", "a dataset object ({\"entities\": [...], ...})")
        .replace("struct RawEntity", "an entity object")
        .replace("struct RawProject", "a project object")
        .replace("struct RawSource", "a source object")
        .replace("struct RawParticipation", "a participation object")
        .replace("struct RawTie", "a tie object");
    let (record, field) = super::pointer::path_at(text, offset)
        .map(|path| super::pointer::describe(text, &path))
        .unwrap_or_default();
    let what = plain_words(&readable);
    let help = if what.contains(" is above the ceiling of ") {
        Why::TooLarge.help()
    } else if what.starts_with("value ") && what.ends_with(" is negative") {
        Why::Negative.help()
    } else if what.contains(": values are in US dollars") {
        Why::Currency.help()
    } else {
        "see the data format in the README, or validate against data/partnet.schema.json"
    };
    Diagnostic {
        subject: record,
        message: match field {
            Some(field) => format!("{field}: {what}"),
            None => what,
        },
        help: Some(help.into()),
        ..diag
    }
}

/// The byte offset of the place serde_json reports an error at.
fn offset_of(text: &str, e: &serde_json::Error) -> usize {
    text.split_inclusive('\n')
        .take(e.line().saturating_sub(1))
        .map(str::len)
        .sum::<usize>()
        + e.column().saturating_sub(1)
}

/// The message of a comma after the last item of an array or object.
pub(super) const TRAILING_COMMA: &str = "invalid JSON: a trailing comma after the last item";

/// What to do about a trailing comma.
pub(super) const TRAILING_COMMA_HELP: &str =
    "remove this comma: JSON allows none after the last item of an array or object";

/// The offset of the comma that a trailing-comma error found at `at` (the `]` or `}` after
/// it) is about; `at` if there is none.
pub(super) fn trailing_comma(bytes: &[u8], at: usize) -> usize {
    let at = at.min(bytes.len());
    let mut i = at;
    while i > 0 && matches!(bytes[i - 1], b' ' | b'\n' | b'\r' | b'\t') {
        i -= 1;
    }
    match i.checked_sub(1) {
        Some(comma) if bytes[comma] == b',' => comma,
        _ => at,
    }
}

/// The line and byte column of an offset.
fn line_column(bytes: &[u8], at: usize) -> (usize, usize) {
    let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    let column = at - bytes[..at].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1) + 1;
    (line, column)
}

/// serde's "invalid type: integer `42`, expected a string" as "expected a string, found
/// the integer 42"; other messages as they are.
fn plain_words(message: &str) -> String {
    let Some((found, expected)) = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
        .and_then(|rest| rest.split_once(", expected "))
    else {
        return message.to_string();
    };
    let quoted = |kind: &str| found.strip_prefix(kind).map(|v| v.trim_matches('`'));
    let found = if let Some(v) = quoted("integer ") {
        format!("the integer {v}")
    } else if let Some(v) = quoted("floating point ") {
        format!("the number {v}")
    } else if let Some(v) = quoted("boolean ") {
        v.to_string()
    } else if let Some(v) = found.strip_prefix("string ") {
        format!("the string {v}")
    } else {
        match found {
            "unit value" | "null" => "null".into(),
            "sequence" => "an array".into(),
            "map" => "an object".into(),
            other => other.into(),
        }
    };
    let expected = match expected {
        "a sequence" => "an array",
        other => other,
    };
    format!("expected {expected}, found {found}")
}

/// Finds the line and column of the `nth` occurrence (0-based) of `"key": "value"` in a JSON
/// text (of the string `"value"` anywhere when `key` is empty). Used only to point messages
/// at a record, so a miss just drops the position.
pub fn locate(text: &str, key: &str, value: &str, nth: usize) -> Option<(usize, usize)> {
    let needle = serde_json::to_string(value).ok()?;
    let quoted_key = serde_json::to_string(key).ok()?;
    let mut seen = 0;
    for (at, _) in text.match_indices(needle.as_str()) {
        if !key.is_empty() {
            let before = text[..at].trim_end();
            let Some(before) = before.strip_suffix(':') else {
                continue;
            };
            if !before.trim_end().ends_with(quoted_key.as_str()) {
                continue;
            }
        }
        if seen == nth {
            let line = text[..at].matches('\n').count() + 1;
            let column = text[..at].rfind('\n').map_or(at, |nl| at - nl - 1) + 1;
            return Some((line, column));
        }
        seen += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_field_suggests_the_nearest() {
        let text = "{\"entities\": [{\"id\": \"a\", \"nmae\": \"A\"}]}";
        let d = parse("f.json", text).unwrap_err();
        assert!(
            d.message
                .contains("unknown field `nmae` in an entity; did you mean `name`?"),
            "{}",
            d.message
        );
        assert_eq!((d.line, d.column), (Some(1), Some(32)));
    }

    #[test]
    fn empty_and_wrong_top_level() {
        assert_eq!(parse("f", " \n").unwrap_err().message, "the file is empty");
        let d = parse("f", "[1, 2]").unwrap_err();
        assert!(d.message.contains("expected a JSON object"), "{}", d.message);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        for text in ["[".repeat(100_000), format!("{{\"entities\": {}", "[".repeat(100_000))] {
            let d = parse("f", &text).unwrap_err();
            assert!(d.message.contains("expected"), "{}", d.message);
        }
    }

    #[test]
    fn a_trailing_comma_is_pointed_at() {
        let d = parse("f.json", "{\"entities\": [\n  {\"id\": \"a\", \"name\": \"A\"},\n]}").unwrap_err();
        assert_eq!(d.message, TRAILING_COMMA);
        assert_eq!((d.line, d.column), (Some(2), Some(27)));
        let d = parse("f.json", "{\"entities\": [{\"id\": \"a\", \"name\": \"A\" , }]}").unwrap_err();
        assert_eq!(
            (d.line, d.column, d.message.as_str()),
            (Some(1), Some(39), TRAILING_COMMA)
        );
    }

    #[test]
    fn locates_a_key_value_pair() {
        let text = "{\n  \"entities\": [\n    {\"id\": \"x\"},\n    {\"id\" : \"x\"}]}";
        assert_eq!(locate(text, "id", "x", 0), Some((3, 12)));
        assert_eq!(locate(text, "id", "x", 1), Some((4, 13)));
        assert_eq!(locate(text, "id", "y", 0), None);
    }

    #[test]
    fn invalid_utf8_names_the_position() {
        let d = utf8("f", b"{\n  \"a\xff").unwrap_err();
        assert_eq!((d.line, d.column), (Some(2), Some(5)));
    }
}
