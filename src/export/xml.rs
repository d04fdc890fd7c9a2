//! What XML 1.0 can carry, and how to make a string fit, for the GraphML and GEXF writers.
//!
//! XML 1.0 has no way to carry most control characters: U+0000–U+001F other than tab,
//! newline and carriage return are illegal even as character references (`&#27;` is a
//! well-formedness error), and so are U+FFFE and U+FFFF. The XML formats replace each of
//! them with U+FFFD, the replacement character; a name without them is written exactly.
//! JSON, CSV and Cypher carry every character and are not affected.
//!
//! quick-xml escapes the markup characters (`<`, `>`, `&`, `'`, `"`). Two whitespace
//! rules of XML parsers remain, and [`attribute`] and [`text`] handle them on top of
//! quick-xml's escaping: a parser turns tab, newline and carriage return inside an
//! attribute value into spaces, and a carriage return in text into a newline, unless they
//! are written as character references (`&#9;`, `&#10;`, `&#13;`).

use std::borrow::Cow;

use quick_xml::escape::escape;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::BytesText;
use quick_xml::name::QName;

/// Whether XML 1.0 can carry the character at all.
fn allowed(c: char) -> bool {
    !matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// The string with every character XML 1.0 cannot carry replaced by U+FFFD.
pub fn safe(text: &str) -> Cow<'_, str> {
    if text.chars().all(allowed) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().map(|c| if allowed(c) { c } else { '\u{fffd}' }).collect())
    }
}

/// Replaces the given whitespace characters with character references in already escaped
/// text.
fn whitespace_refs<'a>(escaped: Cow<'a, str>, chars: &[char]) -> Cow<'a, str> {
    if !escaped.contains(chars) {
        return escaped;
    }
    let mut out = String::with_capacity(escaped.len() + 8);
    for c in escaped.chars() {
        match c {
            '\t' if chars.contains(&c) => out.push_str("&#9;"),
            '\n' if chars.contains(&c) => out.push_str("&#10;"),
            '\r' if chars.contains(&c) => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// An attribute value, escaped and ready to write as is (`Attribute` from raw bytes).
pub fn attribute(value: &str) -> Cow<'_, str> {
    whitespace_refs(escape(safe(value)), &['\t', '\n', '\r'])
}

/// Text content, escaped and ready for `BytesText::from_escaped`.
pub fn text(value: &str) -> Cow<'_, str> {
    whitespace_refs(escape(safe(value)), &['\r'])
}

/// An attribute for quick-xml's writer, with its value escaped by [`attribute`].
pub fn attr<'a>(key: &'a str, value: &'a str) -> Attribute<'a> {
    let value = match attribute(value) {
        Cow::Borrowed(s) => Cow::Borrowed(s.as_bytes()),
        Cow::Owned(s) => Cow::Owned(s.into_bytes()),
    };
    Attribute {
        key: QName(key.as_bytes()),
        value,
    }
}

/// Text content for quick-xml's writer, escaped by [`text`].
pub fn text_event(value: &str) -> BytesText<'_> {
    BytesText::from_escaped(text(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_whitespace_and_replaces_the_unwritable() {
        assert_eq!(
            attribute("a\"b'<c>&\td\ne\rf"),
            "a&quot;b&apos;&lt;c&gt;&amp;&#9;d&#10;e&#13;f"
        );
        assert_eq!(text("a\tb\nc\rd<"), "a\tb\nc&#13;d&lt;");
        assert_eq!(text("\u{0}\u{1b}\u{7f}\u{ffff}"), "\u{fffd}\u{fffd}\u{7f}\u{fffd}");
        assert!(matches!(attribute("東芝 plain"), Cow::Borrowed(_)));
    }
}
