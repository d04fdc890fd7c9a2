//! The dataset file format, as serde reads it and as `partnet schema` publishes it.
//!
//! These types borrow from the file's text wherever a string has no escapes, so a large
//! file is parsed without copying most of its strings. Unknown fields are errors: a typo
//! in hand-written data must not vanish silently.

use std::borrow::Cow;
use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer};

use crate::value::Value;

/// A string borrowed from the input when it has no escapes, owned otherwise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text<'a>(pub Cow<'a, str>);

impl std::ops::Deref for Text<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Text<'a>, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v)))
            }
        }
        d.deserialize_str(Visitor)
    }
}

impl JsonSchema for Text<'_> {
    fn schema_name() -> Cow<'static, str> {
        "String".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string" })
    }
}

/// A project's value as the file states it: the parsed [`Value`], and the text it was
/// read from when it was a string, so that exports write `"$759M-$1518M"` as it stands
/// rather than re-rendered. A number has no text: its rendering reads back exactly.
#[derive(Debug, Clone, PartialEq)]
pub struct Stated<'a> {
    pub value: Value,
    pub text: Option<Text<'a>>,
}

impl<'a> Stated<'a> {
    /// Reads a value from its text, keeping the text.
    pub fn parse(text: Text<'a>) -> Result<Stated<'a>, crate::value::ValueError> {
        Ok(Stated {
            value: text.parse()?,
            text: Some(text),
        })
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Stated<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Stated<'a>, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Stated<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a value in USD: a number, or a string like \"up to $100B\"")
            }
            fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<Stated<'de>, E> {
                Stated::parse(Text(Cow::Borrowed(v))).map_err(E::custom)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Stated<'de>, E> {
                Stated::parse(Text(Cow::Owned(v.to_owned()))).map_err(E::custom)
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Stated<'de>, E> {
                Stated::parse(Text(Cow::Owned(v))).map_err(E::custom)
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Stated<'de>, E> {
                Value::deserialize(serde::de::value::U64Deserializer::new(v)).map(Stated::number)
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Stated<'de>, E> {
                Value::deserialize(serde::de::value::I64Deserializer::new(v)).map(Stated::number)
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Stated<'de>, E> {
                Value::deserialize(serde::de::value::F64Deserializer::new(v)).map(Stated::number)
            }
        }
        d.deserialize_any(Visitor)
    }
}

impl Stated<'_> {
    fn number(value: Value) -> Stated<'static> {
        Stated { value, text: None }
    }
}

/// As the file stated it (the schema's default, `null`, is written through this).
impl serde::Serialize for Stated<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match &self.text {
            Some(text) => s.serialize_str(text),
            None => self.value.serialize(s),
        }
    }
}

impl JsonSchema for Stated<'_> {
    fn schema_name() -> Cow<'static, str> {
        Value::schema_name()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        Value::json_schema(generator)
    }
}

/// A record that must be a JSON object.
///
/// serde's derived structs also accept an array of field values in order, which would let
/// `["a", "A"]` pass for an entity; a hand-typed file must say which field is which.
pub struct MapOnly<T>(pub T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for MapOnly<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<MapOnly<T>, D::Error> {
        struct Visitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Visitor<T> {
            type Value = MapOnly<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object {...}")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<MapOnly<T>, A::Error> {
                T::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(MapOnly)
            }
        }
        d.deserialize_map(Visitor(std::marker::PhantomData))
    }
}

/// Reads an array of records, each of which must be an object.
fn records<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    let wrapped: Vec<MapOnly<T>> = Deserialize::deserialize(d)?;
    // A newtype: this collect reuses the allocation.
    Ok(wrapped.into_iter().map(|m| m.0).collect())
}

/// What the loader takes as a date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, a day the month has
/// (February 29 in leap years only), years 0000 to 9999 ([`crate::model::Date::read`]).
pub const DATE_PATTERN: &str = concat!(
    "^[0-9]{4}(-(0[1-9]|1[0-2]))?$",
    "|^[0-9]{4}-((0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])|(0[469]|11)-(0[1-9]|[12][0-9]|30)|02-(0[1-9]|1[0-9]|2[0-8]))$",
    "|^([0-9]{2}(0[48]|[2468][048]|[13579][26])|([02468][048]|[13579][26])00)-02-29$",
);

/// What the loader takes as a country: a code of [`crate::country::COUNTRIES`], in any
/// case ([`crate::country::schema_pattern`]).
fn country_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "type": ["string", "null"],
        "pattern": crate::country::schema_pattern(),
    })
}

/// A partnet dataset: organisations, projects, who takes part in what, and who says so.
///
/// Every array is optional; several files are merged into one graph.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "partnet dataset")]
pub struct RawDataset<'a> {
    /// The schema this file follows, for editors: "partnet.schema.json".
    #[serde(default, rename = "$schema", borrow)]
    pub schema: Option<Text<'a>>,
    /// Reports that the participations and projects cite.
    #[serde(default, borrow, deserialize_with = "records")]
    pub sources: Vec<RawSource<'a>>,
    /// Organisations and people.
    #[serde(default, borrow, deserialize_with = "records")]
    pub entities: Vec<RawEntity<'a>>,
    /// Projects, programmes and deals.
    #[serde(default, borrow, deserialize_with = "records")]
    pub projects: Vec<RawProject<'a>>,
    /// Links: an entity takes part in a project, in a role, as reported by sources.
    #[serde(default, borrow, deserialize_with = "records")]
    pub participations: Vec<RawParticipation<'a>>,
    /// Ties between organisations: "from is KIND of to" (owner, parent, founder, ...).
    #[serde(default, borrow, deserialize_with = "records")]
    pub ties: Vec<RawTie<'a>>,
}

/// A report: article, fact sheet, filing. Source ids are their own namespace.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Source")]
pub struct RawSource<'a> {
    #[serde(borrow)]
    pub id: Text<'a>,
    #[serde(default, borrow)]
    pub title: Option<Text<'a>>,
    #[serde(default, borrow)]
    pub publisher: Option<Text<'a>>,
    /// ISO date: "2025-10-28", "2025-10" or "2025".
    #[serde(default, borrow)]
    #[schemars(pattern(DATE_PATTERN))]
    pub date: Option<Text<'a>>,
    #[serde(default, borrow)]
    pub url: Option<Text<'a>>,
    #[serde(default, borrow)]
    pub note: Option<Text<'a>>,
}

/// An organisation or person. Ids are unique across entities and projects together.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Entity")]
pub struct RawEntity<'a> {
    #[serde(borrow)]
    pub id: Text<'a>,
    #[serde(borrow)]
    pub name: Text<'a>,
    /// company (default), agency, government, person, organisation, ...
    #[serde(default, borrow)]
    pub kind: Option<Text<'a>>,
    /// ISO 3166-1 alpha-2 code, e.g. "JP", "US", "GB" (not "UK"), in any case ("jp" is
    /// read as "JP").
    #[serde(default, borrow)]
    #[schemars(schema_with = "country_schema")]
    pub country: Option<Text<'a>>,
    /// Other names people use: "MHI", "GE Vernova".
    #[serde(default, borrow)]
    pub aliases: Vec<Text<'a>>,
    /// Sectors as slash paths: "energy/nuclear".
    #[serde(default, borrow)]
    #[schemars(inner(pattern(super::sector::SECTOR_PATTERN)))]
    pub sectors: Vec<Text<'a>>,
    #[serde(default, borrow)]
    pub url: Option<Text<'a>>,
    #[serde(default, borrow)]
    pub note: Option<Text<'a>>,
}

/// A project, programme or deal.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Project")]
pub struct RawProject<'a> {
    #[serde(borrow)]
    pub id: Text<'a>,
    #[serde(borrow)]
    pub name: Text<'a>,
    /// A slash path: "energy/nuclear". `--sector energy` matches it.
    #[serde(default, borrow)]
    #[schemars(pattern(super::sector::SECTOR_PATTERN))]
    pub sector: Option<Text<'a>>,
    /// Value in USD, with its qualifier.
    #[serde(default, borrow)]
    pub value: Option<Stated<'a>>,
    /// reported, proposed, considering, selected, agreed, completed, cancelled, ...
    #[serde(default, borrow)]
    pub status: Option<Text<'a>>,
    #[serde(default, borrow)]
    pub location: Option<Text<'a>>,
    /// When the project was reported: "2025-10-28".
    #[serde(default, borrow)]
    #[schemars(pattern(DATE_PATTERN))]
    pub date: Option<Text<'a>>,
    /// Id of the programme (another project) this one belongs to.
    #[serde(default, borrow)]
    pub part_of: Option<Text<'a>>,
    /// Source ids.
    #[serde(default, borrow)]
    #[schemars(length(max = 65535))]
    pub sources: Vec<Text<'a>>,
    #[serde(default, borrow)]
    pub note: Option<Text<'a>>,
}

/// An entity taking part in a project.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Participation")]
pub struct RawParticipation<'a> {
    /// Entity id.
    #[serde(borrow)]
    pub entity: Text<'a>,
    /// Project id.
    #[serde(borrow)]
    pub project: Text<'a>,
    /// lead, partner (default), supplier, financier, investor, contractor, ...
    #[serde(default, borrow)]
    pub role: Option<Text<'a>>,
    /// reported (default), interested, considering, announced, memorandum, term-sheet, agreed, completed,
    /// cancelled, ...
    #[serde(default, borrow)]
    pub status: Option<Text<'a>>,
    /// Source ids: who reports this link.
    #[serde(default, borrow)]
    #[schemars(length(max = 65535))]
    pub sources: Vec<Text<'a>>,
    /// What the source says, in our words.
    #[serde(default, borrow)]
    pub evidence: Option<Text<'a>>,
    /// When it was reported: "2025-10-28".
    #[serde(default, borrow)]
    #[schemars(pattern(DATE_PATTERN))]
    pub date: Option<Text<'a>>,
}

/// A tie between two organisations or people: "`from` is `kind` of `to`".
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Tie")]
pub struct RawTie<'a> {
    /// Entity id of the one that is KIND of the other: the owner, the parent, the founder.
    #[serde(borrow)]
    pub from: Text<'a>,
    /// Entity id of the other: the owned, the subsidiary, the organisation founded.
    #[serde(borrow)]
    pub to: Text<'a>,
    /// owner, parent, joint-venture, founder, executive, director, member, partner, family,
    /// payer (payments and donations: "from paid to"), ...
    #[serde(borrow)]
    pub kind: Text<'a>,
    /// For ownership: the percentage held, in (0, 100].
    #[serde(default)]
    #[schemars(range(min = 0, max = 100))]
    pub share: Option<f64>,
    /// A person's title: "Chairman and CEO".
    #[serde(default, borrow)]
    pub title: Option<Text<'a>>,
    /// reported (default), announced, agreed, completed, cancelled, ...
    #[serde(default, borrow)]
    pub status: Option<Text<'a>>,
    /// Source ids: who reports this tie.
    #[serde(default, borrow)]
    #[schemars(length(max = 65535))]
    pub sources: Vec<Text<'a>>,
    /// What the source says, in our words.
    #[serde(default, borrow)]
    pub evidence: Option<Text<'a>>,
    /// When it began or was reported: "2023-11-07".
    #[serde(default, borrow)]
    #[schemars(pattern(DATE_PATTERN))]
    pub date: Option<Text<'a>>,
    /// When it ended: an `--as-of` after it hides the tie.
    #[serde(default, borrow)]
    #[schemars(pattern(DATE_PATTERN))]
    pub until: Option<Text<'a>>,
    /// A payment's amount or a deal's price, in the format of project values.
    #[serde(default)]
    pub value: Option<Value>,
}

/// The JSON Schema of the dataset format, pretty-printed, with a trailing newline.
pub fn schema_json() -> String {
    let schema = schemars::schema_for!(RawDataset);
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema always serializes");
    text.push('\n');
    text
}

/// The field names each record accepts, for "did you mean" suggestions.
pub const FIELDS: &[(&str, &[&str])] = &[
    (
        "dataset",
        &["$schema", "sources", "entities", "projects", "participations", "ties"],
    ),
    ("source", &["id", "title", "publisher", "date", "url", "note"]),
    (
        "entity",
        &["id", "name", "kind", "country", "aliases", "sectors", "url", "note"],
    ),
    (
        "project",
        &[
            "id", "name", "sector", "value", "status", "location", "date", "part_of", "sources", "note",
        ],
    ),
    (
        "participation",
        &["entity", "project", "role", "status", "sources", "evidence", "date"],
    ),
    (
        "tie",
        &[
            "from", "to", "kind", "share", "title", "status", "sources", "evidence", "date", "until", "value",
        ],
    ),
];
