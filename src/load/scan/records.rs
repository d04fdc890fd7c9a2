//! The five record types the reader takes: each one's keys, in the order of
//! [`crate::load::raw::FIELDS`], and how the value of each key is read. The tests hold the
//! reader to serde_json on objects of every shape, damaged ones included.

use super::{once, Key, Record, Scan};
use crate::load::raw::{RawEntity, RawParticipation, RawProject, RawSource, RawTie};

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
    use proptest::prelude::*;
    use serde::Deserialize;

    use super::super::record;
    use super::*;
    use crate::load::raw::{MapOnly, FIELDS};

    #[test]
    fn keys_are_the_schema_fields() {
        let names = |keys: &[Key]| keys.iter().map(|k| k.name).collect::<Vec<_>>();
        let fields = |record: &str| FIELDS.iter().find(|(r, _)| *r == record).unwrap().1;
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
    }
}
