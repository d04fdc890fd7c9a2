//! The JSON formats: node-link JSON (networkx, D3) and Cytoscape.js elements.
//!
//! Both are written one node or edge per line, each serialized by serde_json, so a large
//! graph streams out without a document tree in memory. The source definitions the graph
//! cites go in the graph's attributes (`graph.sources` / `data.sources`).

use std::io::{self, Write};

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use crate::model::Source;
use crate::query::facts::{SourceRef, TieLink};

use super::{node_attrs, Attr, EdgeData, EdgePart, Selection};

impl Serialize for Attr<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Attr::Text(t) => s.serialize_str(t),
            Attr::Number(n) => s.serialize_f64(*n),
            Attr::List(items) => items.serialize(s),
        }
    }
}

/// An object of fixed leading keys, then attributes.
struct Object<'a>(Vec<(&'static str, Attr<'a>)>);

impl Serialize for Object<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// A source as the graph attributes carry it: the shared view, plus its note.
#[derive(Serialize)]
struct SourceJson<'a> {
    #[serde(flatten)]
    source: SourceRef<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

impl<'a> From<&'a Source> for SourceJson<'a> {
    fn from(s: &'a Source) -> SourceJson<'a> {
        SourceJson {
            source: SourceRef::from(s),
            note: s.note.as_deref(),
        }
    }
}

/// `{"name": "partnet", "sources": [...]}`: the graph-level attributes.
fn graph_attrs(sel: &Selection, out: &mut dyn Write) -> io::Result<()> {
    let sources: Vec<SourceJson> = sel.sources().into_iter().map(SourceJson::from).collect();
    out.write_all(b"{\"name\": \"partnet\", \"sources\": ")?;
    serde_json::to_writer(&mut *out, &sources)?;
    out.write_all(b"}")
}

/// Writes `items` one per line, comma-separated.
fn lines<T: Serialize>(out: &mut dyn Write, items: impl Iterator<Item = T>) -> io::Result<()> {
    for (i, item) in items.enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut *out, &item)?;
    }
    out.write_all(b"\n")
}

fn node_object<'a>(sel: &Selection<'_, 'a>, n: crate::model::NodeId) -> Object<'a> {
    let ds = sel.ds();
    let mut fields = vec![("id", Attr::Text(ds.node(n).id().into()))];
    fields.extend(node_attrs(sel, n));
    Object(fields)
}

fn edge_object(edge: &EdgeData) -> Object<'_> {
    let (source, target) = edge.ends();
    let mut fields = vec![
        ("source", Attr::Text(source.into())),
        ("target", Attr::Text(target.into())),
    ];
    fields.extend(edge.attrs());
    Object(fields)
}

/// One participation record of a link that has several, as node-link JSON carries it.
#[derive(Serialize)]
struct RecordJson<'a> {
    role: &'a str,
    status: &'a str,
    sources: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    evidence: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<crate::model::Date>,
}

/// A node-link edge: the link's summary, and its records when there are several (a
/// summary cannot say which source reported which role; reading the file back needs to);
/// for a pair of organisations tied in several ways, each tie whole.
#[derive(Serialize)]
struct LinkJson<'a> {
    #[serde(flatten)]
    summary: Object<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    records: Vec<RecordJson<'a>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    ties: &'a [TieLink],
}

/// Node-link JSON: `{"directed": false, "multigraph": false, "graph": {...}, "nodes":
/// [{"id", "name", "kind", ...}], "links": [{"source", "target", "roles", "status",
/// "sources", ...}]}`. Links go from the entity to the project; a link that stands for
/// several participation records also lists them, each with its own `role`, `status`,
/// `sources`, `evidence` and `date`, so `--data` reads the file back into the same records.
pub fn node_link(sel: &Selection, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(b"{\"directed\": false, \"multigraph\": false, \"graph\": ")?;
    graph_attrs(sel, out)?;
    out.write_all(b",\n\"nodes\": [")?;
    lines(out, sel.nodes.iter().map(|&n| node_object(sel, n)))?;
    out.write_all(b"],\n\"links\": [")?;
    let ds = sel.ds();
    for (i, &e) in sel.edges.iter().enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        let edge = EdgeData::of(sel.view, e);
        let ties: &[TieLink] = match &edge {
            EdgeData::Tie(ties) if ties.len() > 1 => ties,
            _ => &[],
        };
        let mut records: Vec<RecordJson> = sel
            .view
            .records(e)
            .map(|p| RecordJson {
                role: ds.role(p),
                status: ds.status(p),
                sources: ds.sources_in(p.sources).map(|s| &*s.id).collect(),
                evidence: ds.evidence_of(p),
                date: p.date,
            })
            .collect();
        if records.len() < 2 {
            records.clear();
        }
        let json = LinkJson {
            summary: edge_object(&edge),
            records,
            ties,
        };
        serde_json::to_writer(&mut *out, &json)?;
    }
    out.write_all(b"\n]}\n")
}

#[derive(Serialize)]
struct Element<T> {
    data: T,
}

/// A Cytoscape edge's id: its (entity, project) or (from, to) pair as a JSON array,
/// `["toshiba","p1"]`, and for one of several ties between the same two organisations its
/// place among them too, `["toyota","denso",1]`. Stable (the same edge, the same id, in
/// every export and every load), distinct for every edge whatever the ids hold; in the
/// unlikely case that a node's id is that text too, it is prefixed with `edge:` until it
/// is free.
fn edge_id(part: &EdgePart, node_ids: &std::collections::HashSet<&str>) -> String {
    let (a, b) = (part.source, part.target);
    let mut id = match part.nth {
        None => serde_json::to_string(&[a, b]),
        Some(i) => serde_json::to_string(&(a, b, i)),
    }
    .expect("strings serialize");
    while node_ids.contains(id.as_str()) {
        id.insert_str(0, "edge:");
    }
    id
}

/// Cytoscape.js elements JSON: `{"data": {...}, "elements": {"nodes": [{"data": {"id",
/// "name", ...}}], "edges": [{"data": {"id", "source", "target", ...}}]}}`. Edge ids are
/// stable (`edge_id`): without them Cytoscape.js makes up new ones on every load.
pub fn cytoscape(sel: &Selection, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(b"{\"format_version\": \"1.0\", \"generated_by\": \"partnet\", \"data\": ")?;
    graph_attrs(sel, out)?;
    out.write_all(b",\n\"elements\": {\"nodes\": [")?;
    lines(
        out,
        sel.nodes.iter().map(|&n| Element {
            data: node_object(sel, n),
        }),
    )?;
    out.write_all(b"],\n\"edges\": [")?;
    let ds = sel.ds();
    let node_ids: std::collections::HashSet<&str> = sel.nodes.iter().map(|&n| ds.node(n).id()).collect();
    let mut first = true;
    for &e in &sel.edges {
        let edge = EdgeData::of(sel.view, e);
        for part in edge.parts() {
            out.write_all(if first { b"\n" } else { b",\n" })?;
            first = false;
            let mut fields = vec![
                ("id", Attr::Text(edge_id(&part, &node_ids).into())),
                ("source", Attr::Text(part.source.into())),
                ("target", Attr::Text(part.target.into())),
            ];
            fields.extend(part.attrs);
            serde_json::to_writer(&mut *out, &Element { data: Object(fields) })?;
        }
    }
    out.write_all(b"\n]}}\n")
}
