//! The attributes every format writes, described once: their names and types
//! ([`NODE_KEYS`], [`EDGE_KEYS`]), their values ([`Attr`]), and how a node, a link and the
//! ties of a pair give them ([`node_attrs`], [`edge_attrs`], [`tie_attrs`], [`EdgeData`]).

use std::borrow::Cow;

use petgraph::graph::EdgeIndex;

use super::Selection;
use crate::filter::View;
use crate::model::{NodeId, NodeRef};
use crate::query::facts::{Link, NodeFacts, TieLink};
use crate::value::Value;

/// An attribute's type, as typed formats declare it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    /// A string; where the format has no lists, a list is a JSON array in a string.
    Text,
    /// A double.
    Number,
}

/// An attribute value.
#[derive(Debug, Clone, PartialEq)]
pub enum Attr<'a> {
    Text(Cow<'a, str>),
    Number(f64),
    List(Vec<&'a str>),
}

impl Attr<'_> {
    /// The value as one string: a list as a JSON array (`["ACME; Inc","a,b"]`, so no item
    /// is ever split or merged with its neighbour), numbers in Rust's shortest round-trip
    /// form.
    ///
    /// ```
    /// use partnet::export::Attr;
    /// assert_eq!(Attr::List(vec!["ACME; Inc", "a,b"]).joined(), r#"["ACME; Inc","a,b"]"#);
    /// ```
    pub fn joined(&self) -> Cow<'_, str> {
        match self {
            Attr::Text(t) => Cow::Borrowed(t),
            Attr::Number(n) => Cow::Owned(n.to_string()),
            Attr::List(items) => Cow::Owned(serde_json::to_string(items).expect("strings serialize")),
        }
    }
}

/// Node attribute names and types, in the order every format writes them. `id` is not an
/// attribute: each format has its own place for it.
pub const NODE_KEYS: &[(&str, Type)] = &[
    ("name", Type::Text),
    ("kind", Type::Text),
    ("country", Type::Text),
    ("sectors", Type::Text),
    ("aliases", Type::Text),
    ("sector", Type::Text),
    ("value", Type::Text),
    ("value_usd", Type::Number),
    ("value_min_usd", Type::Number),
    ("value_max_usd", Type::Number),
    ("status", Type::Text),
    ("location", Type::Text),
    ("date", Type::Text),
    ("part_of", Type::Text),
    ("sources", Type::Text),
    ("url", Type::Text),
    ("note", Type::Text),
];

/// Edge attribute names and types.
pub const EDGE_KEYS: &[(&str, Type)] = &[
    ("type", Type::Text),
    ("roles", Type::Text),
    ("kind", Type::Text),
    ("also", Type::Text),
    ("share", Type::Number),
    ("title", Type::Text),
    ("status", Type::Text),
    ("sources", Type::Text),
    ("evidence", Type::Text),
    ("date", Type::Text),
    ("until", Type::Text),
    ("value", Type::Text),
    ("value_usd", Type::Number),
];

/// An exported edge: an organisation's part in a project, or the ties of one pair of
/// organisations (each kind and direction, in record order).
pub enum EdgeData {
    Link(Link),
    Tie(Vec<TieLink>),
}

impl EdgeData {
    /// The visible records of edge `e`.
    pub fn of(view: &View, e: EdgeIndex) -> EdgeData {
        if view.is_tie(e) {
            EdgeData::Tie(TieLink::of(view, e))
        } else {
            EdgeData::Link(Link::of(view, e))
        }
    }

    /// The edge's ends by id: the entity and the project, or the tie's `from` and `to`
    /// (of its first kind).
    pub fn ends(&self) -> (&str, &str) {
        match self {
            EdgeData::Link(l) => (&l.entity, &l.project),
            EdgeData::Tie(ties) => (&ties[0].from, &ties[0].to),
        }
    }

    /// The edge's attributes, in [`EDGE_KEYS`] order (see [`edge_attrs`], [`tie_attrs`]).
    pub fn attrs(&self) -> Vec<(&'static str, Attr<'_>)> {
        match self {
            EdgeData::Link(l) => edge_attrs(l),
            EdgeData::Tie(ties) => tie_attrs(ties),
        }
    }
}

/// A tie edge's attributes: `type` "tie", its first `kind` and the other kinds of the same
/// pair in `also`, the first `share`, `title`, `until` and `value` given, the most definite
/// status, and the sources, evidence and earliest date of all.
pub fn tie_attrs(ties: &[TieLink]) -> Vec<(&'static str, Attr<'_>)> {
    let first = &ties[0];
    let text = |s: &str| Attr::Text(Cow::Owned(s.to_string()));
    let mut sources: Vec<&str> = Vec::new();
    let mut evidence: Vec<&str> = Vec::new();
    for t in ties {
        for s in &t.sources {
            if !sources.contains(&s.as_str()) {
                sources.push(s);
            }
        }
        evidence.extend(t.evidence.iter().map(String::as_str));
    }
    let status = ties
        .iter()
        .map(|t| t.status.as_str())
        .max_by_key(|s| crate::vocab::status_rank(s))
        .unwrap_or("");
    let date = ties.iter().filter_map(|t| t.date.as_deref()).min();
    let also: Vec<&str> = ties[1..].iter().map(|t| t.kind.as_str()).collect();
    let value = ties.iter().find_map(|t| t.value);
    let values: [(&'static str, Option<Attr<'_>>); 12] = [
        ("type", Some(text("tie"))),
        ("kind", Some(text(&first.kind))),
        ("also", (!also.is_empty()).then_some(Attr::List(also))),
        ("share", ties.iter().find_map(|t| t.share).map(Attr::Number)),
        ("title", ties.iter().find_map(|t| t.title.as_deref()).map(text)),
        ("status", Some(text(status))),
        ("sources", Some(Attr::List(sources))),
        ("evidence", (!evidence.is_empty()).then_some(Attr::List(evidence))),
        ("date", date.map(text)),
        ("until", ties.iter().find_map(|t| t.until.as_deref()).map(text)),
        ("value", value.map(|v| Attr::Text(Cow::Owned(value_text(v))))),
        ("value_usd", value.map(|v| Attr::Number(v.max_usd()))),
    ];
    values.into_iter().filter_map(|(k, v)| v.map(|v| (k, v))).collect()
}

/// A node's attributes, in [`NODE_KEYS`] order; absent values and empty lists are left out.
/// `kind` is "project" for projects; `value` is the text as the dataset states it ("up to
/// $100B", "$759M-$1518M"), `value_min_usd` and `value_max_usd` its bounds, and `value_usd`
/// the upper bound again (the attribute older readers know); `part_of` only when the
/// selection holds the programme too, so that what `--data` reads back resolves.
pub fn node_attrs<'a>(sel: &Selection<'_, 'a>, n: NodeId) -> Vec<(&'static str, Attr<'a>)> {
    let (view, ds) = (sel.view, sel.ds());
    let f = NodeFacts::of(ds, n);
    let text = |s: &'a str| Attr::Text(Cow::Borrowed(s));
    let list = |items: Vec<&'a str>| (!items.is_empty()).then_some(Attr::List(items));
    let sources = list(
        ds.sources_in(f.sources)
            .filter(|s| view.source_ok(s))
            .map(|s| &*s.id)
            .collect(),
    );
    let stated = match ds.node(n) {
        NodeRef::Project(p) => p.stated_value(),
        NodeRef::Entity(_) => None,
    };
    let values: [(&'static str, Option<Attr<'a>>); 17] = [
        ("name", Some(text(f.name))),
        ("kind", Some(text(f.kind))),
        ("country", f.country.map(text)),
        ("sectors", list(f.sectors)),
        ("aliases", list(f.aliases)),
        ("sector", f.sector.map(text)),
        ("value", stated.map(Attr::Text)),
        ("value_usd", f.value.map(|v| Attr::Number(v.max_usd()))),
        ("value_min_usd", f.value.map(|v| Attr::Number(v.min_usd()))),
        ("value_max_usd", f.value.map(|v| Attr::Number(v.max_usd()))),
        ("status", f.status.map(text)),
        ("location", f.location.map(text)),
        ("date", f.date.map(|d| Attr::Text(Cow::Owned(d.to_string())))),
        ("part_of", parent(sel, ds.node(n)).map(text)),
        ("sources", sources),
        ("url", f.url.map(text)),
        ("note", f.note.map(text)),
    ];
    debug_assert!(values.iter().zip(NODE_KEYS).all(|((k, _), (key, _))| k == key));
    values.into_iter().filter_map(|(k, v)| v.map(|v| (k, v))).collect()
}

/// A project's programme, when the export holds it too (see [`Selection::exported_parent`]).
fn parent<'a>(sel: &Selection<'_, 'a>, node: NodeRef<'a>) -> Option<&'a str> {
    match node {
        NodeRef::Project(p) => sel.exported_parent(p),
        NodeRef::Entity(_) => None,
    }
}

/// An edge's attributes from its link summary, in [`EDGE_KEYS`] order. `roles`, `status`
/// and `sources` are always there (sources may be empty); `evidence` and `date` when known.
pub fn edge_attrs(link: &Link) -> Vec<(&'static str, Attr<'_>)> {
    fn list(l: &[String]) -> Vec<&str> {
        l.iter().map(String::as_str).collect()
    }
    let mut attrs = vec![
        ("type", Attr::Text(Cow::Borrowed("participation"))),
        ("roles", Attr::List(list(&link.roles))),
        ("status", Attr::Text(Cow::Borrowed(&link.status))),
        ("sources", Attr::List(list(&link.sources))),
    ];
    if !link.evidence.is_empty() {
        attrs.push(("evidence", Attr::List(list(&link.evidence))));
    }
    if let Some(d) = &link.date {
        attrs.push(("date", Attr::Text(Cow::Borrowed(d))));
    }
    attrs
}

/// A value as text that reads back to the same value (see [`crate::value::exact_text`]).
pub fn value_text(v: Value) -> String {
    crate::value::exact_text(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_text_reads_back_exactly() {
        for text in [
            "up to $100B",
            "$2.1B",
            "about $1234567",
            "$1234567.5-$2345678",
            "at least $0.5",
        ] {
            let v: Value = text.parse().unwrap();
            assert_eq!(value_text(v).parse::<Value>().unwrap(), v, "{text}");
        }
        assert_eq!(value_text("up to $100B".parse().unwrap()), "up to $100B");
        assert_eq!(value_text(Value::exact(1234567.0)), "$1234567");
    }
}
