//! The JSON formats: node-link JSON (networkx, D3) and Cytoscape.js elements.
//!
//! Both are written one node or edge per line, each serialized by serde_json, so a large
//! graph streams out without a document tree in memory. The source definitions the graph
//! cites go in the graph's attributes (`graph.sources` / `data.sources`).

use std::io::{self, Write};

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use crate::model::Source;
use crate::query::facts::{Link, SourceRef};

use super::{edge_attrs, node_attrs, Attr, Selection};

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
    fields.extend(node_attrs(sel.view, n));
    Object(fields)
}

fn edge_object(link: &Link) -> Object<'_> {
    let mut fields = vec![
        ("source", Attr::Text(link.entity.as_str().into())),
        ("target", Attr::Text(link.project.as_str().into())),
    ];
    fields.extend(edge_attrs(link));
    Object(fields)
}

/// Node-link JSON: `{"directed": false, "multigraph": false, "graph": {...}, "nodes":
/// [{"id", "name", "kind", ...}], "links": [{"source", "target", "roles", "status",
/// "sources", ...}]}`. Links go from the entity to the project.
pub fn node_link(sel: &Selection, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(b"{\"directed\": false, \"multigraph\": false, \"graph\": ")?;
    graph_attrs(sel, out)?;
    out.write_all(b",\n\"nodes\": [")?;
    lines(out, sel.nodes.iter().map(|&n| node_object(sel, n)))?;
    out.write_all(b"],\n\"links\": [")?;
    for (i, &e) in sel.edges.iter().enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut *out, &edge_object(&Link::of(sel.view, e)))?;
    }
    out.write_all(b"\n]}\n")
}

#[derive(Serialize)]
struct Element<T> {
    data: T,
}

/// Cytoscape.js elements JSON: `{"data": {...}, "elements": {"nodes": [{"data": {"id",
/// "name", ...}}], "edges": [{"data": {"source", "target", ...}}]}}`. Edges carry no id:
/// Cytoscape assigns them, and a made-up one could collide with a node id.
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
    for (i, &e) in sel.edges.iter().enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        let link = Link::of(sel.view, e);
        serde_json::to_writer(
            &mut *out,
            &Element {
                data: edge_object(&link),
            },
        )?;
    }
    out.write_all(b"\n]}}\n")
}
