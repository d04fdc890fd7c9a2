//! Text from the data as a terminal shows it: control characters escaped ([`clean`]) and
//! the display width of East Asian text ([`width`]). Shared by the printed answers
//! ([`crate::output`]), the error messages ([`crate::error`]) and the drawings.

use std::borrow::Cow;

/// Escapes control characters (newlines, tabs, ESC, ...) so that text from the data stays
/// on its line and cannot inject terminal escape sequences.
///
/// ```
/// use partnet::text::clean;
/// assert_eq!(clean("a\nb\u{1b}[31m"), "a\\nb\\u{1b}[31m");
/// assert_eq!(clean("東芝 & Co"), "東芝 & Co");
/// ```
pub fn clean(text: &str) -> Cow<'_, str> {
    // Printable ASCII, the common case, is told a byte at a time.
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) || !text.chars().any(needs_escape) {
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
    if text.is_ascii() {
        return text.len();
    }
    text.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF |
        0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 |
        0xFFE0..=0xFFE6 | 0x1F300..=0x1F64F | 0x1F900..=0x1F9FF | 0x20000..=0x3FFFD)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_and_other_text_are_cleaned_and_measured_alike() {
        for (text, cleaned) in [
            ("plain ASCII ~", "plain ASCII ~"),
            ("del\u{7f}", "del\\u{7f}"),
            ("nul\0", "nul\\u{0}"),
            ("c1\u{85}", "c1\\u{85}"),
            ("zero\u{200b}width", "zero\\u{200b}width"),
        ] {
            assert_eq!(clean(text), cleaned, "{text:?}");
        }
        assert!(matches!(clean("Toshiba Corp."), Cow::Borrowed(_)));
        assert_eq!(width("IHI Corp"), 8);
        assert_eq!(width("東芝 IHI"), 8);
        assert_eq!(width("é"), 1);
    }
}
