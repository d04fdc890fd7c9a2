//! The fast path for valid JSON: each record goes to the [`Builder`] as soon as it is
//! parsed, so a million-record file is never held as parsed records, only as the finished
//! dataset.
//!
//! It needs what a file written in the schema's order gives: sources, entities and projects
//! before the participations that name them. At the first thing it cannot take (a problem
//! in the data, a reference to a record not read yet, invalid JSON) it gives up, and the full
//! loader ([`super::resolve`]) runs instead: it parses everything, resolves in any order and
//! reports every problem. Both build the same dataset, so the fast path changes speed only.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::model::Dataset;

use super::build::Builder;
use super::raw::{MapOnly, RawEntity, RawParticipation, RawProject, RawSource, Text};
use super::resolve::At;

/// Loads JSON texts (label, text) into a dataset, or `None` when the full loader must do it.
pub(super) fn load(files: &[(&str, &[u8])]) -> Option<Dataset> {
    let mut builder = Builder::new(files.iter().map(|(label, _)| label.to_string()).collect());
    for (file, (_, bytes)) in files.iter().enumerate() {
        let text = std::str::from_utf8(bytes).ok()?;
        let mut de = serde_json::Deserializer::from_str(text);
        File {
            builder: &mut builder,
            file: file as u32,
        }
        .deserialize(&mut de)
        .ok()?;
        de.end().ok()?;
    }
    builder.link_parts(None).ok()?;
    Some(builder.finish())
}

/// Why the fast path stopped; the full loader says it properly.
const GIVE_UP: &str = "the streaming loader gives up";

/// One file: a JSON object of record arrays.
struct File<'b> {
    builder: &'b mut Builder,
    file: u32,
}

impl<'de> DeserializeSeed<'de> for File<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for File<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a dataset object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = [false; 5];
        while let Some(key) = map.next_key::<Text>()? {
            let (slot, table) = match &*key {
                "$schema" => (0, None),
                "sources" => (1, Some(Kind::Sources)),
                "entities" => (2, Some(Kind::Entities)),
                "projects" => (3, Some(Kind::Projects)),
                "participations" => (4, Some(Kind::Participations)),
                _ => return Err(de::Error::custom(GIVE_UP)),
            };
            if std::mem::replace(&mut seen[slot], true) {
                return Err(de::Error::custom(GIVE_UP));
            }
            match table {
                None => {
                    map.next_value::<Option<Text>>()?;
                }
                Some(kind) => map.next_value_seed(Records {
                    builder: &mut *self.builder,
                    file: self.file,
                    kind,
                })?,
            }
        }
        Ok(())
    }
}

#[derive(Clone, Copy)]
enum Kind {
    Sources,
    Entities,
    Projects,
    Participations,
}

/// One array of records, each handed to the builder as soon as it is parsed.
struct Records<'b> {
    builder: &'b mut Builder,
    file: u32,
    kind: Kind,
}

impl<'de> DeserializeSeed<'de> for Records<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Records<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of records")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let b = self.builder;
        let mut index = 0;
        let mut at = || {
            let at = At { file: self.file, index };
            index += 1;
            at
        };
        let done = match self.kind {
            Kind::Sources => each::<RawSource, _>(&mut seq, |r| b.source(&r, None, at()).is_ok())?,
            Kind::Entities => each::<RawEntity, _>(&mut seq, |r| b.entity(&r, None, at()).is_ok())?,
            Kind::Projects => each::<RawProject, _>(&mut seq, |r| b.project(&r, None, at()).is_ok())?,
            Kind::Participations => each::<RawParticipation, _>(&mut seq, |r| b.participation(&r, None, at()).is_ok())?,
        };
        if done {
            Ok(())
        } else {
            Err(de::Error::custom(GIVE_UP))
        }
    }
}

/// Parses the records of a sequence one at a time and hands each to `take`; false as soon
/// as `take` refuses one.
fn each<'de, T: de::Deserialize<'de>, A: SeqAccess<'de>>(
    seq: &mut A,
    mut take: impl FnMut(T) -> bool,
) -> Result<bool, A::Error> {
    while let Some(MapOnly(record)) = seq.next_element::<MapOnly<T>>()? {
        if !take(record) {
            return Ok(false);
        }
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{resolve, Options, RawFile};

    /// The full loader's dataset, for comparison.
    fn full(label: &str, text: &str) -> Dataset {
        let data = crate::load::json::parse(label, text).expect("valid JSON");
        let file = RawFile {
            label: label.to_string(),
            data,
            json: Some(text),
            rows: None,
            mentions: Default::default(),
        };
        let (ds, diags) = resolve::resolve(vec![file], Options::default());
        assert!(diags.is_empty(), "{diags:?}");
        ds
    }

    #[test]
    fn builds_the_same_dataset_as_the_full_loader() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for path in [
            "data/us-japan-2025.json",
            "tests/fixtures/small.json",
            "tests/fixtures/hostile.json",
            "tests/fixtures/hostile-dot.json",
            "tests/fixtures/hostile-interchange.json",
        ] {
            let text = std::fs::read_to_string(root.join(path)).unwrap();
            let fast = load(&[(path, text.as_bytes())]).expect("the fast path takes a valid file");
            assert_eq!(format!("{fast:?}"), format!("{:?}", full(path, &text)), "{path}");
        }
    }

    #[test]
    fn gives_up_on_what_it_cannot_take() {
        let links_first = r#"{"participations": [{"entity": "a", "project": "p"}],
            "entities": [{"id": "a", "name": "A"}], "projects": [{"id": "p", "name": "P"}]}"#;
        let unknown =
            r#"{"entities": [{"id": "a", "name": "A"}], "participations": [{"entity": "a", "project": "q"}]}"#;
        let twice = r#"{"entities": [], "entities": []}"#;
        let bad_date = r#"{"projects": [{"id": "p", "name": "P", "date": "2025-13"}]}"#;
        for text in [
            links_first,
            unknown,
            twice,
            bad_date,
            "[]",
            "{} x",
            "{\"entities\": [{\"id\": \"a\"}]}",
        ] {
            assert!(load(&[("t.json", text.as_bytes())]).is_none(), "{text}");
        }
        // The full loader still reads a valid file in any order.
        let loaded = crate::load::load(
            &[crate::load::Input::Text("t.json".into(), links_first.into())],
            Options::default(),
        )
        .unwrap();
        assert_eq!(loaded.dataset.participations.len(), 1);
    }
}
