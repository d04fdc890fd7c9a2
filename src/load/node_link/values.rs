//! The records of node-link JSON as serde reads them: nodes and links with the attributes
//! partnet's export writes, lists in any of the forms other tools write them, and the names
//! of the attributes partnet does not read.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::load::keys::Keys;
use crate::load::raw::{MapOnly, RawTie, Stated, Text};

/// A string, or a number as its JSON text (networkx writes integer node ids).
pub(super) struct Loose<'a>(pub(super) Text<'a>);

impl<'de: 'a, 'a> Deserialize<'de> for Loose<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Loose<'a>, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Loose<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or a number")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Loose<'de>, E> {
                Ok(Loose(Text(Cow::Borrowed(v))))
            }
            fn visit_str<E>(self, v: &str) -> Result<Loose<'de>, E> {
                Ok(Loose(Text(Cow::Owned(v.to_owned()))))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Loose<'de>, E> {
                Ok(Loose(Text(Cow::Owned(v.to_string()))))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Loose<'de>, E> {
                Ok(Loose(Text(Cow::Owned(v.to_string()))))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Loose<'de>, E> {
                Ok(Loose(Text(Cow::Owned(v.to_string()))))
            }
        }
        d.deserialize_any(V)
    }
}

/// A list attribute: a JSON array of strings, a string that holds one (GraphML's way), or
/// one string; `null` is the empty list.
#[derive(Default)]
pub(super) struct List<'a>(pub(super) Vec<Text<'a>>);

impl<'de: 'a, 'a> Deserialize<'de> for List<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<List<'a>, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = List<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of strings")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<List<'de>, A::Error> {
                let mut items = Vec::new();
                while let Some(Loose(item)) = seq.next_element()? {
                    items.push(item);
                }
                Ok(List(items))
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<List<'de>, E> {
                Ok(List(one_or_array(Cow::Borrowed(v))))
            }
            fn visit_str<E>(self, v: &str) -> Result<List<'de>, E> {
                Ok(List(one_or_array(Cow::Owned(v.to_owned()))))
            }
            fn visit_unit<E>(self) -> Result<List<'de>, E> {
                Ok(List(Vec::new()))
            }
        }
        d.deserialize_any(V)
    }
}

/// A string that is a JSON array of strings, as those; any other string, as one item.
pub(super) fn one_or_array(text: Cow<'_, str>) -> Vec<Text<'_>> {
    if text.starts_with('[') {
        if let Ok(items) = serde_json::from_str::<Vec<String>>(&text) {
            return items.into_iter().map(|s| Text(Cow::Owned(s))).collect();
        }
    }
    vec![Text(text)]
}

/// One node's attributes, and the names of those partnet does not read.
#[derive(Default)]
pub(super) struct Node<'a> {
    pub(super) id: Option<Text<'a>>,
    pub(super) name: Option<Text<'a>>,
    pub(super) kind: Option<Text<'a>>,
    pub(super) country: Option<Text<'a>>,
    pub(super) sectors: List<'a>,
    pub(super) aliases: List<'a>,
    pub(super) sector: Option<Text<'a>>,
    pub(super) value: Option<Stated<'a>>,
    pub(super) value_usd: Option<f64>,
    pub(super) status: Option<Text<'a>>,
    pub(super) location: Option<Text<'a>>,
    pub(super) date: Option<Text<'a>>,
    pub(super) part_of: Option<Text<'a>>,
    pub(super) sources: List<'a>,
    pub(super) url: Option<Text<'a>>,
    pub(super) note: Option<Text<'a>>,
    pub(super) unknown: Vec<String>,
}

/// The keys a node's reader knows (any other is noted once too).
const NODE_KEYS: &[&str] = &[
    "id",
    "name",
    "kind",
    "country",
    "sectors",
    "aliases",
    "sector",
    "value",
    "value_usd",
    "status",
    "location",
    "date",
    "part_of",
    "sources",
    "url",
    "note",
    "label",
    "value_min_usd",
    "value_max_usd",
];

/// The keys a link's reader knows.
const LINK_KEYS: &[&str] = &[
    "source",
    "target",
    "roles",
    "role",
    "type",
    "kind",
    "also",
    "share",
    "title",
    "until",
    "value",
    "value_usd",
    "ties",
    "status",
    "sources",
    "evidence",
    "date",
    "records",
    "key",
];

/// `Some` text of an optional loose value.
pub(super) fn loose<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Option<Text<'de>>, A::Error> {
    Ok(map.next_value::<Option<Loose>>()?.map(|l| l.0))
}

impl<'de: 'a, 'a> Deserialize<'de> for Node<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Node<'a>, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Node<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a node object {\"id\": ..., \"name\": ...}")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node<'de>, A::Error> {
                let mut n = Node::default();
                let mut keys = Keys::default();
                while let Some(key) = map.next_key::<Cow<str>>()? {
                    keys.any(NODE_KEYS, &key)?;
                    match &*key {
                        "id" => n.id = loose(&mut map)?,
                        "name" => n.name = loose(&mut map)?,
                        "kind" => n.kind = loose(&mut map)?,
                        "country" => n.country = loose(&mut map)?,
                        "sectors" => n.sectors = map.next_value()?,
                        "aliases" => n.aliases = map.next_value()?,
                        "sector" => n.sector = loose(&mut map)?,
                        "value" => n.value = map.next_value()?,
                        "value_usd" => n.value_usd = map.next_value()?,
                        "status" => n.status = loose(&mut map)?,
                        "location" => n.location = loose(&mut map)?,
                        "date" => n.date = loose(&mut map)?,
                        "part_of" => n.part_of = loose(&mut map)?,
                        "sources" => n.sources = map.next_value()?,
                        "url" => n.url = loose(&mut map)?,
                        "note" => n.note = loose(&mut map)?,
                        // What the export writes beside the name and the value.
                        "label" | "value_min_usd" | "value_max_usd" => drop(map.next_value::<IgnoredAny>()?),
                        _ => {
                            n.unknown.push(key.into_owned());
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(n)
            }
        }
        d.deserialize_map(V)
    }
}

/// One participation record of a link, as the export writes it.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Record<'a> {
    #[serde(default, borrow)]
    pub(super) role: Option<Text<'a>>,
    #[serde(default, borrow)]
    pub(super) status: Option<Text<'a>>,
    #[serde(default, borrow)]
    pub(super) sources: Vec<Text<'a>>,
    #[serde(default, borrow)]
    pub(super) evidence: Option<Text<'a>>,
    #[serde(default, borrow)]
    pub(super) date: Option<Text<'a>>,
}

/// One tie of a pair tied in several ways, as the export writes it (`"ties": [...]`).
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TieRecord<'a> {
    #[serde(borrow)]
    pub(super) from: Text<'a>,
    #[serde(borrow)]
    pub(super) to: Text<'a>,
    #[serde(borrow)]
    pub(super) kind: Text<'a>,
    #[serde(default)]
    pub(super) share: Option<f64>,
    #[serde(default, borrow)]
    pub(super) title: Option<Text<'a>>,
    #[serde(default, borrow)]
    pub(super) status: Option<Text<'a>>,
    #[serde(default, borrow)]
    pub(super) sources: Vec<Text<'a>>,
    #[serde(default, borrow)]
    pub(super) evidence: Vec<Text<'a>>,
    #[serde(default, borrow)]
    pub(super) date: Option<Text<'a>>,
    #[serde(default, borrow)]
    pub(super) until: Option<Text<'a>>,
    #[serde(default)]
    pub(super) value: Option<crate::value::Value>,
}

#[derive(Default)]
pub(super) struct Link<'a> {
    pub(super) source: Option<Text<'a>>,
    pub(super) target: Option<Text<'a>>,
    /// "participation" (or none), or "tie".
    pub(super) r#type: Option<Text<'a>>,
    pub(super) roles: List<'a>,
    /// Whether the link gives both `role` and `roles` (an error: which would it mean?).
    pub(super) role_and_roles: bool,
    /// A tie's kind, its other kinds, share, title, end and value.
    pub(super) kind: Option<Text<'a>>,
    pub(super) also: List<'a>,
    pub(super) share: Option<f64>,
    pub(super) title: Option<Text<'a>>,
    pub(super) until: Option<Text<'a>>,
    pub(super) value: Option<crate::value::Value>,
    pub(super) status: Option<Text<'a>>,
    pub(super) sources: List<'a>,
    pub(super) evidence: List<'a>,
    pub(super) date: Option<Text<'a>>,
    pub(super) records: Vec<Record<'a>>,
    pub(super) ties: Vec<TieRecord<'a>>,
    pub(super) unknown: Vec<String>,
}

impl<'de: 'a, 'a> Deserialize<'de> for Link<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Link<'a>, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Link<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a link object {\"source\": ..., \"target\": ...}")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Link<'de>, A::Error> {
                let mut l = Link::default();
                let mut keys = Keys::default();
                let mut seen_role = false;
                while let Some(key) = map.next_key::<Cow<str>>()? {
                    keys.any(LINK_KEYS, &key)?;
                    match &*key {
                        "source" => l.source = loose(&mut map)?,
                        "target" => l.target = loose(&mut map)?,
                        "roles" | "role" => {
                            // A key given twice is refused above; these are two keys.
                            l.role_and_roles |= seen_role;
                            seen_role = true;
                            l.roles = map.next_value()?
                        }
                        "type" => l.r#type = loose(&mut map)?,
                        "kind" => l.kind = loose(&mut map)?,
                        "also" => l.also = map.next_value()?,
                        "share" => l.share = map.next_value()?,
                        "title" => l.title = loose(&mut map)?,
                        "until" => l.until = loose(&mut map)?,
                        "value" => l.value = map.next_value()?,
                        // The upper bound of `value`, which says it whole.
                        "value_usd" => drop(map.next_value::<IgnoredAny>()?),
                        "ties" => {
                            l.ties = map
                                .next_value::<Vec<MapOnly<TieRecord>>>()?
                                .into_iter()
                                .map(|r| r.0)
                                .collect()
                        }
                        "status" => l.status = loose(&mut map)?,
                        "sources" => l.sources = map.next_value()?,
                        "evidence" => l.evidence = map.next_value()?,
                        "date" => l.date = loose(&mut map)?,
                        "records" => {
                            l.records = map
                                .next_value::<Vec<MapOnly<Record>>>()?
                                .into_iter()
                                .map(|r| r.0)
                                .collect()
                        }
                        // networkx's key of a multigraph edge: partnet keeps every record anyway.
                        "key" => drop(map.next_value::<IgnoredAny>()?),
                        _ => {
                            l.unknown.push(key.into_owned());
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(l)
            }
        }
        d.deserialize_map(V)
    }
}

/// A list's lines as one text (`None` when empty), as a dataset's `evidence` holds them.
pub(super) fn joined(list: Vec<Text<'_>>) -> Option<Text<'_>> {
    match list.len() {
        0 => None,
        1 => list.into_iter().next(),
        _ => Some(Text(Cow::Owned(
            list.iter().map(|t| &**t).collect::<Vec<_>>().join("\n"),
        ))),
    }
}

impl<'a> Link<'a> {
    /// The tie records of a tie link: its `ties` list when it has one (a pair tied in several
    /// ways), else one tie of each kind it names (`kind`, then `also`) from its source to its
    /// target, with its own attributes.
    pub(super) fn into_ties(self, source: Text<'a>, target: Text<'a>) -> Vec<RawTie<'a>> {
        if !self.ties.is_empty() {
            return self
                .ties
                .into_iter()
                .map(|t| RawTie {
                    from: t.from,
                    to: t.to,
                    kind: t.kind,
                    share: t.share,
                    title: t.title,
                    status: t.status,
                    sources: t.sources,
                    evidence: joined(t.evidence),
                    date: t.date,
                    until: t.until,
                    value: t.value,
                })
                .collect();
        }
        let evidence = joined(self.evidence.0);
        self.kind
            .into_iter()
            .chain(self.also.0)
            .map(|kind| RawTie {
                from: source.clone(),
                to: target.clone(),
                kind,
                share: self.share,
                title: self.title.clone(),
                status: self.status.clone(),
                sources: self.sources.0.clone(),
                evidence: evidence.clone(),
                date: self.date.clone(),
                until: self.until.clone(),
                value: self.value,
            })
            .collect()
    }
}
