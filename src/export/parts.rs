//! The edges of the graph formats that write one record per edge (GraphML, GEXF,
//! Cytoscape.js): a participation link once, each tie between two organisations once, so
//! that a pair tied both ways keeps both directions and both shares.

use std::borrow::Cow;

use super::{edge_attrs, tie_attrs, Attr, EdgeData, Type, EDGE_KEYS};

/// One edge of a graph format that writes a record per edge (see [`EdgeData::parts`]).
pub struct EdgePart<'a> {
    pub source: &'a str,
    pub target: &'a str,
    pub attrs: Vec<(&'static str, Attr<'a>)>,
    /// The tie's place among its pair's ties, when the pair has several.
    pub nth: Option<usize>,
}

/// The edge attributes of GraphML and GEXF, in the order they are declared: [`EDGE_KEYS`]
/// with a tie's `from` and `to` after `type`, and without `also` (each tie is its own edge).
pub fn part_keys() -> Vec<(&'static str, Type)> {
    let mut keys: Vec<(&'static str, Type)> = EDGE_KEYS.iter().copied().filter(|(k, _)| *k != "also").collect();
    keys.splice(1..1, [("from", Type::Text), ("to", Type::Text)]);
    keys
}

impl EdgeData {
    /// The edge as the graph formats whose edges are one record each write it (GraphML,
    /// GEXF, Cytoscape.js): a participation link once, from the entity to the project; a
    /// pair of organisations once per tie, from its `from` to its `to`, with that tie's own
    /// attributes and its ends again in `from` and `to` (an undirected reader such as
    /// networkx's keeps the attributes but not which end was written first). So a
    /// cross-holding (A owns 20% of B, B 5% of A) is two edges, each with its own share.
    pub fn parts(&self) -> Vec<EdgePart<'_>> {
        match self {
            EdgeData::Link(l) => vec![EdgePart {
                source: &l.entity,
                target: &l.project,
                attrs: edge_attrs(l),
                nth: None,
            }],
            EdgeData::Tie(ties) => ties
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let mut attrs = tie_attrs(std::slice::from_ref(t));
                    attrs.insert(1, ("from", Attr::Text(Cow::Borrowed(&t.from))));
                    attrs.insert(2, ("to", Attr::Text(Cow::Borrowed(&t.to))));
                    EdgePart {
                        source: &t.from,
                        target: &t.to,
                        attrs,
                        nth: (ties.len() > 1).then_some(i),
                    }
                })
                .collect(),
        }
    }
}
