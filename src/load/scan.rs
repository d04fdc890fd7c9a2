//! A one-pass reader of dataset records, for the streaming loader (`super::stream`).
//!
//! serde_json reads a record through layers of visitors: for the millions of small flat
//! records of a large file, that costs more than reading the text itself. This reader takes
//! the shape such files have: an object whose keys are the record's own field names, each
//! once and without escapes. Values that are plain strings (no escapes) or lists of them are
//! read here; any other value is read by serde_json at that place. A record of another
//! shape (an escaped, unknown or repeated key, a missing field, a syntax error) is read
//! again by serde_json from its start, so serde_json judges everything this reader does not
//! take, and both give the same record.

use std::borrow::Cow;

use serde::Deserialize;

use super::raw::{MapOnly, RawEntity, RawParticipation, RawProject, RawSource, RawTie, Stated, Text};
use crate::value::Value;

/// A reading position in a JSON text, given as bytes that are not yet known to be UTF-8:
/// each string read is checked as it is taken (most are ASCII, which the search for their
/// end already tells), and serde_json checks what it reads. Checking the whole file first
/// would be a pass of its own over hundreds of megabytes before the parsing starts.
pub(super) struct Scan<'t> {
    bytes: &'t [u8],
    /// Byte offset of the next byte to read.
    pub(super) pos: usize,
}

impl<'t> Scan<'t> {
    pub(super) fn new(bytes: &'t [u8]) -> Scan<'t> {
        Scan { bytes, pos: 0 }
    }

    /// Whether only whitespace is left.
    pub(super) fn at_end(&mut self) -> bool {
        self.ws();
        self.pos == self.bytes.len()
    }

    /// Skips JSON whitespace.
    pub(super) fn ws(&mut self) {
        let bytes = self.bytes;
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    /// Skips whitespace, then `byte` if it comes next.
    pub(super) fn eat(&mut self, byte: u8) -> bool {
        self.ws();
        let next = self.bytes.get(self.pos) == Some(&byte);
        self.pos += usize::from(next);
        next
    }

    /// A string with no escapes and no control characters, borrowed from the text. `None`
    /// for anything else (invalid UTF-8 included), with the position unchanged.
    pub(super) fn plain(&mut self) -> Option<&'t str> {
        let bytes = self.bytes;
        if bytes.get(self.pos) != Some(&b'"') {
            return None;
        }
        let (end, ascii) = plain_end(bytes, self.pos + 1)?;
        let inside = &bytes[self.pos + 1..end];
        let s = if ascii {
            // SAFETY: every byte is below 0x80 (`plain_end` saw no high bit): ASCII.
            unsafe { std::str::from_utf8_unchecked(inside) }
        } else {
            std::str::from_utf8(inside).ok()?
        };
        self.pos = end + 1;
        Some(s)
    }

    /// One JSON value read by serde_json from here, leading whitespace included.
    pub(super) fn serde<T: Deserialize<'t>>(&mut self) -> Option<T> {
        let mut values = serde_json::Deserializer::from_slice(self.bytes.get(self.pos..)?).into_iter::<T>();
        let value = values.next()?.ok()?;
        self.pos += values.byte_offset();
        Some(value)
    }

    fn text(&mut self) -> Option<Text<'t>> {
        match self.plain() {
            Some(s) => Some(Text(Cow::Borrowed(s))),
            None => self.serde(),
        }
    }

    fn optional(&mut self) -> Option<Option<Text<'t>>> {
        match self.plain() {
            Some(s) => Some(Some(Text(Cow::Borrowed(s)))),
            None => self.serde(),
        }
    }

    /// A project's value: a plain string parsed here (and kept, as the file states it),
    /// anything else read by serde_json (which parses a string the same way, and judges an
    /// invalid one).
    fn value(&mut self) -> Option<Option<Stated<'t>>> {
        let start = self.pos;
        if let Some(s) = self.plain() {
            if let Ok(value) = s.parse::<Value>() {
                let text = Some(Text(Cow::Borrowed(s)));
                return Some(Some(Stated { value, text }));
            }
        }
        self.pos = start;
        self.serde()
    }

    fn list(&mut self) -> Option<Vec<Text<'t>>> {
        let start = self.pos;
        if self.eat(b'[') {
            let mut list = Vec::new();
            if self.eat(b']') {
                return Some(list);
            }
            loop {
                self.ws();
                let Some(s) = self.plain() else { break };
                list.push(Text(Cow::Borrowed(s)));
                if self.eat(b',') {
                    continue;
                }
                if self.eat(b']') {
                    return Some(list);
                }
                break;
            }
            self.pos = start;
        }
        self.serde()
    }

    /// The index in `keys` of the key at the position; an escaped or unknown key is not
    /// the plain shape.
    fn key(&mut self, keys: &[Key]) -> Option<usize> {
        let bytes = self.bytes;
        if bytes.get(self.pos) != Some(&b'"') {
            return None;
        }
        // A key of up to 15 bytes ends in the 16 bytes after its quote: it is compared as
        // one number, with no call to memcmp.
        if let Some(chunk) = bytes.get(self.pos + 1..self.pos + 17) {
            let chunk: &[u8; 16] = chunk.try_into().ok()?;
            let classes = classify(chunk);
            if let Some(len) = classes.before_first_hit().filter(|&n| classes.quotes >> n & 1 == 1) {
                // The keys are ASCII: a name with any other byte matches none of them.
                let len = len as usize;
                let name = u128::from_le_bytes(*chunk) & ((1 << (8 * len)) - 1);
                self.pos += len + 2;
                return keys.iter().position(|k| k.word == name && k.name.len() == len);
            }
        }
        let name = self.plain()?;
        keys.iter().position(|k| k.name == name)
    }

    /// Reads an object of the plain shape, handing the index in `keys` of each key to
    /// `field`, which reads the value. `None` when the object is not of that shape.
    fn object(&mut self, keys: &[Key], mut field: impl FnMut(&mut Self, usize) -> Option<()>) -> Option<()> {
        if !self.eat(b'{') {
            return None;
        }
        if self.eat(b'}') {
            return Some(());
        }
        loop {
            self.ws();
            let key = self.key(keys)?;
            if !self.eat(b':') {
                return None;
            }
            self.ws();
            field(self, key)?;
            if self.eat(b',') {
                continue;
            }
            return self.eat(b'}').then_some(());
        }
    }
}

/// The index of the quote that ends a string whose text starts at `i`, if the string has
/// no escape and no control character before it, and whether its bytes are all ASCII.
/// Looks at 16 bytes at a time.
fn plain_end(bytes: &[u8], mut i: usize) -> Option<(usize, bool)> {
    let mut high = 0;
    while let Some(chunk) = bytes.get(i..i + 16) {
        let classes = classify(chunk.try_into().ok()?);
        if let Some(n) = classes.before_first_hit() {
            high |= classes.high & ((1 << n) - 1);
            return (classes.quotes >> n & 1 == 1).then_some((i + n as usize, high == 0));
        }
        high |= classes.high;
        i += 16;
    }
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => return Some((i, high == 0)),
            b'\\' | 0..=0x1f => return None,
            _ => {
                high |= u32::from(b & 0x80);
                i += 1;
            }
        }
    }
    None
}

/// What 16 bytes of a string hold, one bit per byte (bit `i` for byte `i`).
#[derive(Debug, PartialEq, Eq)]
struct Classes {
    quotes: u32,
    /// Backslashes and control characters: the string is not plain there.
    others: u32,
    /// Bytes of 0x80 and up: not ASCII.
    high: u32,
}

impl Classes {
    /// The bytes before the first quote, backslash or control character, if any.
    fn before_first_hit(&self) -> Option<u32> {
        let hits = self.quotes | self.others;
        (hits != 0).then(|| hits.trailing_zeros())
    }
}

/// Classifies 16 bytes at once, with the SSE2 instructions every x86_64 processor has.
#[cfg(target_arch = "x86_64")]
fn classify(chunk: &[u8; 16]) -> Classes {
    use std::arch::x86_64::{
        _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };
    // SAFETY: SSE2 is part of x86_64; the load reads the 16 bytes of `chunk`, unaligned.
    unsafe {
        let v = _mm_loadu_si128(chunk.as_ptr().cast());
        let quotes = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'"' as i8));
        let backslashes = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'\\' as i8));
        // A byte below 0x20 is its own minimum with 0x1f.
        let controls = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1f)), v);
        Classes {
            quotes: _mm_movemask_epi8(quotes) as u32,
            others: _mm_movemask_epi8(_mm_or_si128(backslashes, controls)) as u32,
            high: _mm_movemask_epi8(v) as u32,
        }
    }
}

#[cfg(not(target_arch = "x86_64"))]
fn classify(chunk: &[u8; 16]) -> Classes {
    classify_bytes(chunk)
}

/// [`classify`] a byte at a time: elsewhere than on x86_64, and to test it against.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn classify_bytes(chunk: &[u8; 16]) -> Classes {
    let mut c = Classes {
        quotes: 0,
        others: 0,
        high: 0,
    };
    for (i, &b) in chunk.iter().enumerate() {
        let bit = 1 << i;
        match b {
            b'"' => c.quotes |= bit,
            b'\\' | 0..=0x1f => c.others |= bit,
            0x80.. => c.high |= bit,
            _ => {}
        }
    }
    c
}

/// A key a record takes, with its bytes as a little-endian number.
pub(super) struct Key {
    name: &'static str,
    word: u128,
}

impl Key {
    const fn new(name: &'static str) -> Key {
        let bytes = name.as_bytes();
        assert!(bytes.len() <= 16);
        let mut word = 0u128;
        let mut i = bytes.len();
        while i > 0 {
            i -= 1;
            word = word << 8 | bytes[i] as u128;
        }
        Key { name, word }
    }
}

/// Sets a field read once; a second time is not the plain shape.
fn once<T>(slot: &mut Option<T>, value: Option<T>) -> Option<()> {
    if slot.is_some() {
        return None;
    }
    *slot = Some(value?);
    Some(())
}

/// A record type this module reads.
pub(super) trait Record<'t>: Deserialize<'t> {
    /// The record's keys, in the order of [`super::raw::FIELDS`].
    const KEYS: &'static [Key];

    /// The record at the position, if it has the plain shape.
    fn scan(s: &mut Scan<'t>) -> Option<Self>;
}

/// The record at the position: read in one pass, or by serde_json when it is not of the
/// plain shape. `None` when serde_json cannot read it either.
pub(super) fn record<'t, T: Record<'t>>(s: &mut Scan<'t>) -> Option<T> {
    let start = s.pos;
    if let Some(record) = T::scan(s) {
        return Some(record);
    }
    s.pos = start;
    s.serde::<MapOnly<T>>().map(|m| m.0)
}

impl<'t> Record<'t> for RawParticipation<'t> {
    const KEYS: &'static [Key] = &[
        Key::new("entity"),
        Key::new("project"),
        Key::new("role"),
        Key::new("status"),
        Key::new("sources"),
        Key::new("evidence"),
        Key::new("date"),
    ];

    fn scan(s: &mut Scan<'t>) -> Option<Self> {
        let (mut entity, mut project, mut role, mut status) = (None, None, None, None);
        let (mut sources, mut evidence, mut date) = (None, None, None);
        s.object(Self::KEYS, |s, key| match key {
            0 => once(&mut entity, s.text()),
            1 => once(&mut project, s.text()),
            2 => once(&mut role, s.optional()),
            3 => once(&mut status, s.optional()),
            4 => once(&mut sources, s.list()),
            5 => once(&mut evidence, s.optional()),
            6 => once(&mut date, s.optional()),
            _ => None,
        })?;
        Some(RawParticipation {
            entity: entity?,
            project: project?,
            role: role.flatten(),
            status: status.flatten(),
            sources: sources.unwrap_or_default(),
            evidence: evidence.flatten(),
            date: date.flatten(),
        })
    }
}

impl<'t> Record<'t> for RawTie<'t> {
    const KEYS: &'static [Key] = &[
        Key::new("from"),
        Key::new("to"),
        Key::new("kind"),
        Key::new("share"),
        Key::new("title"),
        Key::new("status"),
        Key::new("sources"),
        Key::new("evidence"),
        Key::new("date"),
        Key::new("until"),
        Key::new("value"),
    ];

    fn scan(s: &mut Scan<'t>) -> Option<Self> {
        let (mut from, mut to, mut kind, mut share, mut title) = (None, None, None, None, None);
        let (mut status, mut sources, mut evidence, mut date, mut until, mut value) =
            (None, None, None, None, None, None);
        s.object(Self::KEYS, |s, key| match key {
            0 => once(&mut from, s.text()),
            1 => once(&mut to, s.text()),
            2 => once(&mut kind, s.text()),
            // Few ties carry a share: serde_json reads the number.
            3 => once(&mut share, s.serde::<Option<f64>>()),
            4 => once(&mut title, s.optional()),
            5 => once(&mut status, s.optional()),
            6 => once(&mut sources, s.list()),
            7 => once(&mut evidence, s.optional()),
            8 => once(&mut date, s.optional()),
            9 => once(&mut until, s.optional()),
            10 => once(&mut value, s.value()),
            _ => None,
        })?;
        Some(RawTie {
            from: from?,
            to: to?,
            kind: kind?,
            share: share.flatten(),
            title: title.flatten(),
            status: status.flatten(),
            sources: sources.unwrap_or_default(),
            evidence: evidence.flatten(),
            date: date.flatten(),
            until: until.flatten(),
            value: value.flatten().map(|s| s.value),
        })
    }
}

impl<'t> Record<'t> for RawEntity<'t> {
    const KEYS: &'static [Key] = &[
        Key::new("id"),
        Key::new("name"),
        Key::new("kind"),
        Key::new("country"),
        Key::new("aliases"),
        Key::new("sectors"),
        Key::new("url"),
        Key::new("note"),
    ];

    fn scan(s: &mut Scan<'t>) -> Option<Self> {
        let (mut id, mut name, mut kind, mut country) = (None, None, None, None);
        let (mut aliases, mut sectors, mut url, mut note) = (None, None, None, None);
        s.object(Self::KEYS, |s, key| match key {
            0 => once(&mut id, s.text()),
            1 => once(&mut name, s.text()),
            2 => once(&mut kind, s.optional()),
            3 => once(&mut country, s.optional()),
            4 => once(&mut aliases, s.list()),
            5 => once(&mut sectors, s.list()),
            6 => once(&mut url, s.optional()),
            7 => once(&mut note, s.optional()),
            _ => None,
        })?;
        Some(RawEntity {
            id: id?,
            name: name?,
            kind: kind.flatten(),
            country: country.flatten(),
            aliases: aliases.unwrap_or_default(),
            sectors: sectors.unwrap_or_default(),
            url: url.flatten(),
            note: note.flatten(),
        })
    }
}

impl<'t> Record<'t> for RawProject<'t> {
    const KEYS: &'static [Key] = &[
        Key::new("id"),
        Key::new("name"),
        Key::new("sector"),
        Key::new("value"),
        Key::new("status"),
        Key::new("location"),
        Key::new("date"),
        Key::new("part_of"),
        Key::new("sources"),
        Key::new("note"),
    ];

    fn scan(s: &mut Scan<'t>) -> Option<Self> {
        let (mut id, mut name, mut sector, mut value, mut status) = (None, None, None, None, None);
        let (mut location, mut date, mut part_of, mut sources, mut note) = (None, None, None, None, None);
        s.object(Self::KEYS, |s, key| match key {
            0 => once(&mut id, s.text()),
            1 => once(&mut name, s.text()),
            2 => once(&mut sector, s.optional()),
            3 => once(&mut value, s.value()),
            4 => once(&mut status, s.optional()),
            5 => once(&mut location, s.optional()),
            6 => once(&mut date, s.optional()),
            7 => once(&mut part_of, s.optional()),
            8 => once(&mut sources, s.list()),
            9 => once(&mut note, s.optional()),
            _ => None,
        })?;
        Some(RawProject {
            id: id?,
            name: name?,
            sector: sector.flatten(),
            value: value.flatten(),
            status: status.flatten(),
            location: location.flatten(),
            date: date.flatten(),
            part_of: part_of.flatten(),
            sources: sources.unwrap_or_default(),
            note: note.flatten(),
        })
    }
}

impl<'t> Record<'t> for RawSource<'t> {
    const KEYS: &'static [Key] = &[
        Key::new("id"),
        Key::new("title"),
        Key::new("publisher"),
        Key::new("date"),
        Key::new("url"),
        Key::new("note"),
    ];

    fn scan(s: &mut Scan<'t>) -> Option<Self> {
        let (mut id, mut title, mut publisher, mut date, mut url, mut note) = (None, None, None, None, None, None);
        s.object(Self::KEYS, |s, key| match key {
            0 => once(&mut id, s.text()),
            1 => once(&mut title, s.optional()),
            2 => once(&mut publisher, s.optional()),
            3 => once(&mut date, s.optional()),
            4 => once(&mut url, s.optional()),
            5 => once(&mut note, s.optional()),
            _ => None,
        })?;
        Some(RawSource {
            id: id?,
            title: title.flatten(),
            publisher: publisher.flatten(),
            date: date.flatten(),
            url: url.flatten(),
            note: note.flatten(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn keys_are_the_schema_fields() {
        let names = |keys: &[Key]| keys.iter().map(|k| k.name).collect::<Vec<_>>();
        let fields = |record: &str| super::super::raw::FIELDS.iter().find(|(r, _)| *r == record).unwrap().1;
        assert_eq!(names(RawSource::KEYS), fields("source"));
        assert_eq!(names(RawEntity::KEYS), fields("entity"));
        assert_eq!(names(RawProject::KEYS), fields("project"));
        assert_eq!(names(RawParticipation::KEYS), fields("participation"));
        assert_eq!(names(RawTie::KEYS), fields("tie"));
    }

    /// The record this module reads at the start of `text`, and where it ends; or what
    /// serde_json reads, for comparison.
    fn scanned<'t, T: Record<'t> + std::fmt::Debug>(text: &'t [u8]) -> Option<(String, usize)> {
        let mut s = Scan::new(text);
        record::<T>(&mut s).map(|r| (format!("{r:?}"), s.pos))
    }
    fn serde_reads<'t, T: Deserialize<'t> + std::fmt::Debug>(text: &'t [u8]) -> Option<(String, usize)> {
        let mut values = serde_json::Deserializer::from_slice(text).into_iter::<MapOnly<T>>();
        let value = values.next()?.ok()?;
        Some((format!("{:?}", value.0), values.byte_offset()))
    }

    #[test]
    fn plain_strings_only() {
        for (text, end) in [
            (r#""abc""#, Some((4, true))),
            (r#""""#, Some((1, true))),
            (r#""a long string past sixteen bytes""#, Some((33, true))),
            (r#""a\"b""#, None),
            ("\"tab\there\"", None),
            (r#""東京電力""#, Some((13, false))),
            (r#""then a long é""#, Some((15, false))),
            (r#""ascii","東""#, Some((6, true))),
            (r#""unterminated"#, None),
        ] {
            assert_eq!(plain_end(text.as_bytes(), 1), end, "{text}");
        }
    }

    #[test]
    fn a_repeated_key_is_refused_as_serde_refuses_it() {
        for text in [
            &br#"{"id":"a","name":"A","name":"B"}"#[..],
            br#"{"id":"a","name":"A","n\u0061me":"B"}"#,
            br#"{"id":"a","id":"a","name":"A"}"#,
        ] {
            assert_eq!(scanned::<RawEntity>(text), None, "{}", String::from_utf8_lossy(text));
            assert_eq!(serde_reads::<RawEntity>(text), None);
        }
        let link = br#"{"entity":"a","project":"p","date":null,"date":"2025"}"#;
        assert_eq!(scanned::<RawParticipation>(link), None);
    }

    /// A JSON value for the field `key`: mostly of the right type and plain, sometimes
    /// escaped, null, or of the wrong type.
    fn value(key: &str) -> BoxedStrategy<String> {
        let text = "[a-z0-9 ]{0,20}".prop_map(|s| format!("{s:?}"));
        let good = match key {
            "sources" | "aliases" | "sectors" => prop::collection::vec("[a-z0-9]{0,5}", 0..3)
                .prop_map(|v| serde_json::to_string(&v).unwrap())
                .boxed(),
            "value" => prop_oneof![
                (0u32..5000).prop_map(|n| n.to_string()),
                Just("\"up to $100B\"".to_string()),
                Just("\"lots\"".to_string()),
            ]
            .boxed(),
            _ => text.boxed(),
        };
        prop_oneof![
            12 => good,
            1 => "[a-z\"\\\\\n\u{e9}]{0,6}".prop_map(|s| serde_json::to_string(&s).unwrap()),
            1 => Just("null".to_string()),
            1 => Just("7".to_string()),
            1 => Just("[\"a\",]".to_string()),
            1 => Just("[\"a\\tb\", \"c\"]".to_string()),
            1 => Just("{}".to_string()),
            // A raw tab: JSON strings cannot hold control characters unescaped.
            1 => Just("\"raw\ttab\"".to_string()),
        ]
        .boxed()
    }

    /// An object of some of `keys` in any order, each with a value, and JSON whitespace
    /// here and there; sometimes with a key unknown, escaped or repeated.
    fn object(keys: &'static [&'static str]) -> impl Strategy<Value = String> {
        let odd = prop_oneof![
            8 => Just(None),
            1 => Just(Some("\"nmae\"")),
            1 => Just(Some("\"\\u0069d\"")),
            1 => prop::sample::select(keys).prop_map(Some),
        ];
        let ws = prop::sample::select(&["", "", "", " ", "\n  ", "\t"][..]);
        (prop::sample::subsequence(keys, 0..=keys.len()).prop_shuffle(), odd)
            .prop_flat_map(move |(mut chosen, odd)| {
                let mut names: Vec<String> = chosen.drain(..).map(|k| format!("{k:?}")).collect();
                if let Some(odd) = odd {
                    let odd = if odd.starts_with('"') {
                        odd.to_string()
                    } else {
                        format!("{odd:?}")
                    };
                    names.insert(names.len() / 2, odd);
                }
                let fields: Vec<_> = names
                    .into_iter()
                    .map(|name| {
                        (
                            Just(name.clone()),
                            value(name.trim_matches('"')),
                            ws.clone(),
                            ws.clone(),
                        )
                    })
                    .collect();
                fields
            })
            .prop_map(|fields| {
                let body: Vec<String> = fields
                    .into_iter()
                    .map(|(k, v, a, b)| format!("{a}{k}{b}:{a}{v}{b}"))
                    .collect();
                format!("{{{}}},\"rest\"", body.join(","))
            })
    }

    /// Some bytes of `text` overwritten: invalid UTF-8, a stray quote or bracket anywhere.
    fn damaged(text: String, noise: Vec<(usize, u8)>) -> Vec<u8> {
        let mut bytes = text.into_bytes();
        for (at, byte) in noise {
            if !bytes.is_empty() {
                let at = at % bytes.len();
                bytes[at] = byte;
            }
        }
        bytes
    }

    fn noise() -> impl Strategy<Value = Vec<(usize, u8)>> {
        let byte = prop_oneof![
            Just(0xff),
            Just(0xc3),
            Just(0x80),
            Just(0xe6),
            Just(b'"'),
            Just(b'}'),
            any::<u8>()
        ];
        prop::collection::vec((any::<usize>(), byte), 0..3)
    }

    proptest! {
        /// On any object, this reader and serde_json read the same record and end at the
        /// same place, or both refuse it; also when some bytes are damaged, invalid UTF-8
        /// included.
        #[test]
        fn reads_what_serde_json_reads(
            link in object(&["entity", "project", "role", "status", "sources", "evidence", "date"]),
            entity in object(&["id", "name", "kind", "country", "aliases", "sectors", "url", "note"]),
            project in object(&["id", "name", "sector", "value", "status", "location", "date", "part_of", "sources", "note"]),
            source in object(&["id", "title", "publisher", "date", "url", "note"]),
            noise in noise(),
        ) {
            let link = damaged(link, noise.clone());
            let entity = damaged(entity, noise.clone());
            let project = damaged(project, noise.clone());
            let source = damaged(source, noise);
            let shown = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
            prop_assert_eq!(scanned::<RawParticipation>(&link), serde_reads::<RawParticipation>(&link), "{}", shown(&link));
            prop_assert_eq!(scanned::<RawEntity>(&entity), serde_reads::<RawEntity>(&entity), "{}", shown(&entity));
            prop_assert_eq!(scanned::<RawProject>(&project), serde_reads::<RawProject>(&project), "{}", shown(&project));
            prop_assert_eq!(scanned::<RawSource>(&source), serde_reads::<RawSource>(&source), "{}", shown(&source));
        }

        /// The 16-byte classifier agrees with the one that looks at each byte.
        #[test]
        fn classifies_as_byte_by_byte(
            chunk in prop::array::uniform16(prop_oneof![
                Just(b'"'), Just(b'\\'), Just(b'a'), Just(0x1f), Just(0x20), Just(0x7f), Just(0x80), any::<u8>(),
            ]),
        ) {
            prop_assert_eq!(classify(&chunk), classify_bytes(&chunk));
        }

        #[test]
        fn plain_end_finds_the_first_quote(
            bytes in prop::collection::vec(
                prop_oneof![Just(b'a'), Just(b'"'), Just(b'\\'), Just(1u8), Just(0xc3), Just(0xa9), any::<u8>()],
                0..40,
            ),
        ) {
            let naive = bytes.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                .filter(|&i| bytes[i] == b'"')
                .map(|i| (i, bytes[..i].is_ascii()));
            prop_assert_eq!(plain_end(&bytes, 0), naive);
        }
    }
}
