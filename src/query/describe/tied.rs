//! A tie as `show` lists it: its other end, then the tie's own fields as [`TieLink`] defines
//! them, seen from the organisation described.

use serde::ser::{Error as _, Impossible, SerializeMap, SerializeStruct, Serializer};
use serde::Serialize;

use crate::query::facts::{TieLink, TieRef};

/// A tie of the organisation described, seen from it: the other end, then the tie's
/// [`TieLink`] fields without `from` and `to` (the two ends), with `direction` after `kind`.
#[derive(Debug)]
pub struct Tied {
    /// The organisation at the other end.
    pub id: String,
    pub name: String,
    /// The tie seen from the organisation described (its kind, direction, share, title).
    pub tie: TieRef,
    /// The tie itself: what its records say, merged.
    pub link: TieLink,
    /// The other end's kind (company, person, ...), for grouping; not serialized.
    pub other_kind: String,
}

impl Serialize for Tied {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("id", &self.id)?;
        map.serialize_entry("name", &self.name)?;
        self.link.serialize(SeenFrom {
            map: &mut map,
            direction: self.tie.direction,
        })?;
        map.end()
    }
}

/// Writes a [`TieLink`]'s fields into an open map as seen from one end: what
/// `#[serde(flatten)]` would write, without `from` and `to`, and with `direction` after
/// `kind`. It takes structs only; anything else is an error.
struct SeenFrom<'m, M> {
    map: &'m mut M,
    direction: &'static str,
}

impl<M: SerializeMap> SerializeStruct for SeenFrom<'_, M> {
    type Ok = ();
    type Error = M::Error;

    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<(), M::Error> {
        match key {
            "from" | "to" => Ok(()),
            "kind" => {
                self.map.serialize_entry(key, value)?;
                self.map.serialize_entry("direction", self.direction)
            }
            _ => self.map.serialize_entry(key, value),
        }
    }

    fn end(self) -> Result<(), M::Error> {
        Ok(())
    }
}

/// The methods of [`SeenFrom`]'s `Serializer` that refuse what is not a struct.
macro_rules! not_a_struct {
    ($($name:ident($($arg:ty),*) -> $ok:ty;)*) => {
        $(fn $name(self, $(_: $arg),*) -> Result<$ok, M::Error> {
            Err(M::Error::custom("a tie is written from a struct"))
        })*
    };
}

impl<M: SerializeMap> Serializer for SeenFrom<'_, M> {
    type Ok = ();
    type Error = M::Error;
    type SerializeSeq = Impossible<(), M::Error>;
    type SerializeTuple = Impossible<(), M::Error>;
    type SerializeTupleStruct = Impossible<(), M::Error>;
    type SerializeTupleVariant = Impossible<(), M::Error>;
    type SerializeMap = Impossible<(), M::Error>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<(), M::Error>;

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, M::Error> {
        Ok(self)
    }

    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<(), M::Error> {
        Err(M::Error::custom("a tie is written from a struct"))
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, _: &T) -> Result<(), M::Error> {
        Err(M::Error::custom("a tie is written from a struct"))
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), M::Error> {
        Err(M::Error::custom("a tie is written from a struct"))
    }

    not_a_struct! {
        serialize_bool(bool) -> ();
        serialize_i8(i8) -> ();
        serialize_i16(i16) -> ();
        serialize_i32(i32) -> ();
        serialize_i64(i64) -> ();
        serialize_u8(u8) -> ();
        serialize_u16(u16) -> ();
        serialize_u32(u32) -> ();
        serialize_u64(u64) -> ();
        serialize_f32(f32) -> ();
        serialize_f64(f64) -> ();
        serialize_char(char) -> ();
        serialize_str(&str) -> ();
        serialize_bytes(&[u8]) -> ();
        serialize_none() -> ();
        serialize_unit() -> ();
        serialize_unit_struct(&'static str) -> ();
        serialize_unit_variant(&'static str, u32, &'static str) -> ();
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::Value;

    fn tie(value: Option<Value>) -> TieLink {
        TieLink {
            from: "westinghouse".into(),
            to: "cameco".into(),
            kind: "owner".into(),
            share: Some(49.0),
            title: Some("minority".into()),
            status: "reported".into(),
            sources: vec!["S1".into(), "S2".into()],
            evidence: vec!["said so".into()],
            date: Some("2024-01-01".into()),
            until: Some("2025-06-01".into()),
            value,
        }
    }

    /// Every field of the tie, in `TieLink`'s order and as `TieLink` writes it, after the
    /// other end and without the two ends' ids, `direction` after `kind`.
    #[test]
    fn a_tied_writes_its_tie_links_fields_as_seen_from_one_end() {
        for link in [
            tie(Some(Value::exact(1e9))),
            TieLink {
                share: None,
                title: None,
                evidence: vec![],
                date: None,
                until: None,
                ..tie(None)
            },
        ] {
            let expected = serde_json::to_value(&link).unwrap();
            // The tie's keys in the order `TieLink` writes them (the map above sorts them).
            let link_json = serde_json::to_string(&link).unwrap();
            let mut order: Vec<&String> = expected.as_object().unwrap().keys().collect();
            order.sort_by_key(|k| link_json.find(&format!("\"{k}\":")));
            let tied = Tied {
                id: "cameco".into(),
                name: "Cameco".into(),
                tie: TieRef::seen_from(&link, "cameco"),
                link,
                other_kind: "company".into(),
            };
            let json = serde_json::to_string(&tied).unwrap();
            let mut keys: Vec<&str> = vec!["id", "name"];
            for key in order {
                if key != "from" && key != "to" {
                    keys.push(key);
                }
                if key == "kind" {
                    keys.push("direction");
                }
            }
            let got: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&json).unwrap();
            assert_eq!(got.len(), keys.len(), "{json}");
            for key in &keys {
                let want = match *key {
                    "id" => serde_json::json!("cameco"),
                    "name" => serde_json::json!("Cameco"),
                    "direction" => serde_json::json!("in"),
                    k => expected[k].clone(),
                };
                assert_eq!(got[*key], want, "{key} in {json}");
            }
            // In that order: id, name, then the tie's own.
            let mut at = 0;
            for key in &keys {
                let found = json[at..]
                    .find(&format!("\"{key}\":"))
                    .unwrap_or_else(|| panic!("{key} out of order in {json}"));
                at += found;
            }
        }
    }
}
