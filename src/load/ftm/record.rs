//! One FtM entity as the file holds it, read by serde_json without copying its strings:
//! `{"id", "schema", "properties": {name: [values]}}`. Other top-level keys (OpenSanctions'
//! `caption`, `datasets`, `first_seen`, ...) are skipped. A property's values are a list of
//! strings; a lone string, a number (as its text) and `null` are taken as FtM's own reader
//! takes them.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::load::keys::Keys;
use crate::load::raw::Text;

/// An FtM entity: its id, its schema and its properties, in file order.
#[derive(Debug, Default)]
pub(crate) struct Record<'a> {
    pub id: Option<Text<'a>>,
    pub schema: Option<Text<'a>>,
    pub props: Vec<(Text<'a>, Vec<Text<'a>>)>,
}

impl<'a> Record<'a> {
    /// The values of a property (none when it is absent).
    pub fn get(&self, key: &str) -> &[Text<'a>] {
        self.props
            .iter()
            .find(|(k, _)| &**k == key)
            .map_or(&[], |(_, v)| v.as_slice())
    }

    /// The first value of a property, if any.
    pub fn first(&self, key: &str) -> Option<&Text<'a>> {
        self.get(key).first()
    }

    /// The first value among several properties, in the order given.
    pub fn first_of(&self, keys: &[&str]) -> Option<&Text<'a>> {
        keys.iter().find_map(|k| self.first(k))
    }

    /// The values of several properties, one after another.
    pub fn all_of<'s>(&'s self, keys: &'s [&'s str]) -> impl Iterator<Item = &'s Text<'a>> + 's {
        keys.iter().flat_map(move |k| self.get(k))
    }
}

/// A string borrowed where it has no escapes.
fn text<'de, E>(v: Cow<'de, str>) -> Result<Text<'de>, E> {
    Ok(Text(v))
}

/// One value of a property: a string, or a number as its text.
struct One<'a>(Option<Text<'a>>);

impl<'de: 'a, 'a> Deserialize<'de> for One<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<One<'a>, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = One<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<One<'de>, E> {
                text(Cow::Borrowed(v)).map(|t| One(Some(t)))
            }
            fn visit_str<E>(self, v: &str) -> Result<One<'de>, E> {
                text(Cow::Owned(v.to_owned())).map(|t| One(Some(t)))
            }
            fn visit_string<E>(self, v: String) -> Result<One<'de>, E> {
                text(Cow::Owned(v)).map(|t| One(Some(t)))
            }
            fn visit_u64<E>(self, v: u64) -> Result<One<'de>, E> {
                Ok(One(Some(Text(Cow::Owned(v.to_string())))))
            }
            fn visit_i64<E>(self, v: i64) -> Result<One<'de>, E> {
                Ok(One(Some(Text(Cow::Owned(v.to_string())))))
            }
            fn visit_f64<E>(self, v: f64) -> Result<One<'de>, E> {
                Ok(One(Some(Text(Cow::Owned(v.to_string())))))
            }
            fn visit_unit<E>(self) -> Result<One<'de>, E> {
                Ok(One(None))
            }
        }
        d.deserialize_any(V)
    }
}

/// A property's values: a list, or one value alone.
struct Values<'a>(Vec<Text<'a>>);

impl<'de: 'a, 'a> Deserialize<'de> for Values<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Values<'a>, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Values<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of strings")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Values<'de>, A::Error> {
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(1).min(16));
                while let Some(One(v)) = seq.next_element()? {
                    out.extend(v);
                }
                Ok(Values(out))
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Values<'de>, E> {
                Ok(Values(vec![Text(Cow::Borrowed(v))]))
            }
            fn visit_str<E>(self, v: &str) -> Result<Values<'de>, E> {
                Ok(Values(vec![Text(Cow::Owned(v.to_owned()))]))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Values<'de>, E> {
                Ok(Values(vec![Text(Cow::Owned(v.to_string()))]))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Values<'de>, E> {
                Ok(Values(vec![Text(Cow::Owned(v.to_string()))]))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Values<'de>, E> {
                Ok(Values(vec![Text(Cow::Owned(v.to_string()))]))
            }
            fn visit_unit<E>(self) -> Result<Values<'de>, E> {
                Ok(Values(Vec::new()))
            }
        }
        d.deserialize_any(V)
    }
}

/// `properties`: an object of property names to values; with `LIGHT`, only the
/// properties a first look needs ([`Head`]) are kept, the others skipped unread.
struct Props<'a, const LIGHT: bool>(Vec<(Text<'a>, Vec<Text<'a>>)>);

/// What the fast path's first read needs of every record: the `partnet-id:` keyword, and
/// what makes an UnknownLink a part-of link.
const HEAD: &[&str] = &["keywords", "subject", "object", "role"];

impl<'de: 'a, 'a, const LIGHT: bool> Deserialize<'de> for Props<'a, LIGHT> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Props<'a, LIGHT>, D::Error> {
        struct V<const LIGHT: bool>;
        impl<'de, const LIGHT: bool> Visitor<'de> for V<LIGHT> {
            type Value = Props<'de, LIGHT>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of properties {\"name\": [\"...\"], ...}")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Props<'de, LIGHT>, A::Error> {
                let mut out = Vec::new();
                let mut keys = Keys::default();
                while let Some(key) = map.next_key::<Text>()? {
                    keys.other(key.0.clone())?;
                    if LIGHT && !HEAD.contains(&&*key) {
                        map.next_value::<IgnoredAny>()?;
                        continue;
                    }
                    let Values(values) = map.next_value()?;
                    if !values.is_empty() {
                        out.push((key, values));
                    }
                }
                Ok(Props(out))
            }
            fn visit_unit<E>(self) -> Result<Props<'de, LIGHT>, E> {
                Ok(Props(Vec::new()))
            }
        }
        d.deserialize_any(V::<LIGHT>)
    }
}

/// A record read with only the properties of [`HEAD`]: the fast path's first look at
/// every record, which skips the rest of the text without taking it apart.
pub(crate) struct Head<'a>(pub Record<'a>);

fn record<'de, D: Deserializer<'de>, const LIGHT: bool>(d: D) -> Result<Record<'de>, D::Error> {
    struct V<const LIGHT: bool>;
    impl<'de, const LIGHT: bool> Visitor<'de> for V<LIGHT> {
        type Value = Record<'de>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an FtM entity {\"id\": ..., \"schema\": ..., \"properties\": {...}}")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record<'de>, A::Error> {
            let mut r = Record::default();
            let mut keys = Keys::default();
            while let Some(key) = map.next_key::<Text>()? {
                keys.any(&["id", "schema", "properties"], &key.0)?;
                match &*key {
                    "id" => r.id = map.next_value::<One>()?.0,
                    "schema" => r.schema = map.next_value::<One>()?.0,
                    "properties" => r.props = map.next_value::<Props<LIGHT>>()?.0,
                    _ => drop(map.next_value::<IgnoredAny>()?),
                }
            }
            Ok(r)
        }
    }
    d.deserialize_map(V::<LIGHT>)
}

impl<'de: 'a, 'a> Deserialize<'de> for Record<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Record<'a>, D::Error> {
        record::<D, false>(d)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Head<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Head<'a>, D::Error> {
        record::<D, true>(d).map(Head)
    }
}

/// What [`Records`] reads: a whole record, or its [`Head`].
pub(crate) trait Read<'a>: Deserialize<'a> {
    fn record(self) -> Record<'a>;
}

impl<'a> Read<'a> for Record<'a> {
    fn record(self) -> Record<'a> {
        self
    }
}

impl<'a> Read<'a> for Head<'a> {
    fn record(self) -> Record<'a> {
        self.0
    }
}

/// Reads the records of an FtM text one after another (one per line, as FtM writes them,
/// or spread over lines), each with the line it starts on. After a record that is not
/// valid it goes on at the next line, so every bad line is reported.
pub(crate) struct Records<'a, T = Record<'a>> {
    text: &'a [u8],
    pos: usize,
    line: usize,
    counted: usize,
    read: std::marker::PhantomData<T>,
}

/// A record that could not be read: where, and serde_json's message.
pub(crate) struct Bad {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl<'a, T: Read<'a>> Records<'a, T> {
    pub fn new(text: &'a [u8]) -> Records<'a, T> {
        let pos = if text.starts_with(crate::load::BOM) { 3 } else { 0 };
        Records {
            text,
            pos,
            line: 1,
            counted: 0,
            read: std::marker::PhantomData,
        }
    }

    fn line_at(&mut self, offset: usize) -> usize {
        self.line += self.text[self.counted..offset].iter().filter(|&&b| b == b'\n').count();
        self.counted = offset;
        self.line
    }

    /// The record starting at `offset`, read alone (the fast path reads a record again
    /// from its offset), whole or its head as `T` says.
    pub fn at(text: &'a [u8], offset: usize) -> Option<Record<'a>> {
        let mut values = serde_json::Deserializer::from_slice(&text[offset..]).into_iter::<T>();
        values.next()?.ok().map(Read::record)
    }
}

impl<'a, T: Read<'a>> Iterator for Records<'a, T> {
    /// The record's start offset and line, and the record or why it is not one.
    type Item = (usize, usize, Result<Record<'a>, Bad>);

    fn next(&mut self) -> Option<Self::Item> {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.text.get(self.pos) {
            self.pos += 1;
        }
        if self.pos >= self.text.len() {
            return None;
        }
        let start = self.pos;
        let line = self.line_at(start);
        let mut values = serde_json::Deserializer::from_slice(&self.text[start..]).into_iter::<T>();
        match values.next() {
            Some(Ok(record)) => {
                self.pos = start + values.byte_offset();
                Some((start, line, Ok(record.record())))
            }
            Some(Err(e)) => {
                let full = e.to_string();
                let message = full.rfind(" at line ").map_or(&full[..], |i| &full[..i]).to_string();
                // The error's place in the text: serde_json's, but for a key given twice
                // (serde_json stops at its closing quote: its start) and a trailing comma
                // (serde_json stops at the bracket after it: the comma).
                let rest = &self.text[start..];
                let before: usize = rest
                    .split_inclusive(|&b| b == b'\n')
                    .take(e.line().saturating_sub(1))
                    .map(<[u8]>::len)
                    .sum();
                let at = (start + before + e.column().max(1) - 1).min(self.text.len());
                let mut message = message;
                let place = if let Some(key) = crate::load::keys::duplicated(&message) {
                    crate::load::keys::key_start(self.text, at, key)
                } else if message == "trailing comma" {
                    crate::load::json::trailing_comma(self.text, at)
                } else if let Some(end) = unclosed_line(self.text, start, at) {
                    // `{"id": "c3", ... ]}` lacking its last `}`: serde_json reads on into the
                    // next line's entity and stops there, but the mistake is this line's end.
                    message.push_str(" at the end of the line");
                    end
                } else {
                    at
                };
                let err_line = line
                    + self.text[start..place.max(start)]
                        .iter()
                        .filter(|&&b| b == b'\n')
                        .count();
                let line_start = self.text[..place]
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |i| i + 1);
                let column = place - line_start + 1;
                let message = if message == "trailing comma" {
                    crate::load::json::TRAILING_COMMA.to_string()
                } else {
                    message
                };
                // On at the next line.
                let rest = &self.text[start..];
                self.pos = start + rest.iter().position(|&b| b == b'\n').map_or(rest.len(), |i| i + 1);
                let message = match e.classify() {
                    _ if message.starts_with("invalid JSON") => message,
                    serde_json::error::Category::Data => message,
                    _ => format!("invalid JSON: {message}"),
                };
                Some((
                    start,
                    line,
                    Err(Bad {
                        line: err_line,
                        column,
                        message,
                    }),
                ))
            }
            None => None,
        }
    }
}

/// When a syntax error at `at` is the first text of a line after the record's first
/// (`start`), the end of the text before it: the record's line lacks its end.
fn unclosed_line(text: &[u8], start: usize, at: usize) -> Option<usize> {
    let blank = |b: &u8| b.is_ascii_whitespace();
    let line_start = text[..at].iter().rposition(|&b| b == b'\n')? + 1;
    if line_start <= start || !text[line_start..at].iter().all(blank) {
        return None;
    }
    let end = text[start..line_start].iter().rposition(|b| !blank(b))? + start + 1;
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_lines_of_entities_and_says_where_one_is_bad() {
        let text = "{\"id\": \"a\", \"schema\": \"Company\", \"properties\": {\"name\": [\"A\", \"B\"], \"country\": \"jp\", \"capital\": [5, null]}, \"datasets\": [\"x\"]}\n\n{\"id\": \"b\" \"schema\": 1}\n  {\"id\": \"c\",\n \"schema\": \"Person\", \"properties\": {}}\n{\"id\": \"d\", \"properties\": {\"name\": true}}\n";
        let all: Vec<_> = Records::<Record>::new(text.as_bytes()).collect();
        assert_eq!(all.len(), 4);
        let (_, line, a) = &all[0];
        let a = a.as_ref().ok().unwrap();
        assert_eq!(*line, 1);
        assert_eq!(a.get("name").iter().map(|t| &**t).collect::<Vec<_>>(), ["A", "B"]);
        assert_eq!(a.first("country").map(|t| &**t), Some("jp"));
        assert_eq!(a.get("capital").len(), 1);
        let Err(bad) = &all[1].2 else { panic!("line 3 is bad") };
        assert_eq!((bad.line, bad.column), (3, 12));
        assert!(bad.message.starts_with("invalid JSON: expected"), "{}", bad.message);
        let (_, line, c) = &all[2];
        assert_eq!((*line, c.as_ref().ok().unwrap().schema.as_deref()), (4, Some("Person")));
        let Err(bad) = &all[3].2 else {
            panic!("a boolean is no value")
        };
        assert_eq!(bad.line, 6);
        assert!(bad.message.contains("expected a list of strings"), "{}", bad.message);
    }

    #[test]
    fn a_line_that_lacks_its_closing_brace_is_pointed_at_its_end() {
        let text = "{\"id\": \"a\"}\n{\"id\": \"b\", \"properties\": {}\n{\"id\": \"c\"}\n";
        let all: Vec<_> = Records::<Record>::new(text.as_bytes()).collect();
        let Err(bad) = &all[1].2 else { panic!("line 2 is bad") };
        assert_eq!((bad.line, bad.column), (2, 29), "{}", bad.message);
        assert_eq!(bad.message, "invalid JSON: expected `,` or `}` at the end of the line");
        assert_eq!(all[2].1, 3, "the next line is read");
        // The last line of the file too.
        let all: Vec<_> = Records::<Record>::new(b"{\"id\": \"b\"\n").collect();
        let Err(bad) = &all[0].2 else { panic!("line 1 is bad") };
        assert_eq!((bad.line, bad.column), (1, 11), "{}", bad.message);
    }
}
