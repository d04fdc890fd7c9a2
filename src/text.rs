//! Text from the data as a terminal shows it: control characters escaped ([`clean`]) and
//! the display width of East Asian text ([`width`]), and the words around a count or a noun
//! ([`plural`], [`a`]). Shared by the printed answers
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

/// A count and its noun, singular for one: "1 project", "2 projects", "3 entities",
/// "2 matches". `one` is the singular; its plural is made by the English rules for the
/// nouns partnet counts (a consonant's "y" becomes "ies", a hiss takes "es"). A phrase
/// ("more shortest chain") takes the plural on its last word.
///
/// ```
/// use partnet::text::plural;
/// assert_eq!(plural(1, "project"), "1 project");
/// assert_eq!(plural(0, "project"), "0 projects");
/// assert_eq!((plural(2, "entity"), plural(2, "day")), ("2 entities".into(), "2 days".into()));
/// assert_eq!(plural(3, "match"), "3 matches");
/// ```
pub fn plural(n: usize, one: &str) -> String {
    if n == 1 {
        return format!("1 {one}");
    }
    let consonant_y = one
        .strip_suffix('y')
        .filter(|stem| !stem.ends_with(['a', 'e', 'i', 'o', 'u']));
    match consonant_y {
        Some(stem) => format!("{n} {stem}ies"),
        None if one.ends_with(['s', 'x', 'z']) || one.ends_with("ch") || one.ends_with("sh") => format!("{n} {one}es"),
        None => format!("{n} {one}s"),
    }
}

/// `word` with its indefinite article, "a" or "an" by how the word begins when spoken:
/// "an Address", "a Vessel", "an entity", "a project"; "a unit", "a one-off", "an hour".
///
/// ```
/// use partnet::text::a;
/// assert_eq!((a("Address"), a("Vessel")), ("an Address".into(), "a Vessel".into()));
/// assert_eq!((a("entity"), a("UnknownLink")), ("an entity".into(), "an UnknownLink".into()));
/// assert_eq!((a("user"), a("hour")), ("a user".into(), "an hour".into()));
/// ```
pub fn a(word: &str) -> String {
    let lower = word.to_lowercase();
    // Vowels that sound "you" or "w", and a silent "h".
    let a_before = ["uni", "use", "usu", "uti", "eu", "one", "once"];
    let an_before = ["hour", "honest", "honour", "heir"];
    let vowel = lower.starts_with(['a', 'e', 'i', 'o', 'u']);
    let an = if vowel {
        !a_before.iter().any(|p| lower.starts_with(p))
    } else {
        an_before.iter().any(|p| lower.starts_with(p))
    };
    format!("{} {word}", if an { "an" } else { "a" })
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
