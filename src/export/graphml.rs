//! GraphML, written with quick-xml: readable by networkx (`read_graphml`), Gephi, yEd and
//! Cytoscape desktop.
//!
//! Every attribute has a typed `<key>` (`attr.type` "string" or "double"); GraphML has no
//! lists, so a list attribute (sectors, aliases, roles, sources, evidence) is a JSON array
//! in a string (`["ACME; Inc","a,b"]`): `json.loads` gives the list back, items intact. Nodes also carry `label` (= name), the attribute Gephi shows. Edges are
//! undirected, written from the entity to the project, and one per tie between two
//! organisations, from the one that is `kind` of the other (named again in `from` and `to`):
//! a pair tied both ways is two parallel edges, which networkx reads as a `MultiGraph`.

use std::io::{self, Write};

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, Event};
use quick_xml::Writer;

use super::xml::{attr, text_event};
use super::{node_attrs, part_keys, Attr, EdgeData, Selection, Type, NODE_KEYS};

const NS: &str = "http://graphml.graphdrawing.org/xmlns";
const SCHEMA: &str = "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd";

fn type_name(t: Type) -> &'static str {
    match t {
        Type::Text => "string",
        Type::Number => "double",
    }
}

/// The key id of a node (`n_name`) or edge (`e_roles`) attribute: unique across both.
fn key_id(prefix: &str, name: &str) -> String {
    format!("{prefix}_{name}")
}

fn data<W: Write>(w: &mut Writer<W>, prefix: &str, attrs: &[(&str, Attr)]) -> io::Result<()> {
    for (name, value) in attrs {
        if matches!(value, Attr::List(l) if l.is_empty()) {
            continue;
        }
        let id = key_id(prefix, name);
        w.create_element("data")
            .with_attribute(attr("key", &id))
            .write_text_content(text_event(&value.joined()))?;
    }
    Ok(())
}

pub fn write(sel: &Selection, out: &mut dyn Write) -> io::Result<()> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let mut root = BytesStart::new("graphml");
    root.push_attribute(("xmlns", NS));
    root.push_attribute(("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"));
    root.push_attribute(("xsi:schemaLocation", SCHEMA));
    w.write_event(Event::Start(root))?;
    let edge_keys = part_keys();
    let node_keys = std::iter::once(&("label", Type::Text)).chain(NODE_KEYS);
    for (target, prefix, keys) in [
        ("node", "n", node_keys.collect::<Vec<_>>()),
        ("edge", "e", edge_keys.iter().collect()),
    ] {
        for (name, ty) in keys {
            w.create_element("key")
                .with_attribute(("id", key_id(prefix, name).as_str()))
                .with_attribute(("for", target))
                .with_attribute(("attr.name", *name))
                .with_attribute(("attr.type", type_name(*ty)))
                .write_empty()?;
        }
    }
    let mut graph = BytesStart::new("graph");
    graph.push_attribute(("id", "partnet"));
    graph.push_attribute(("edgedefault", "undirected"));
    w.write_event(Event::Start(graph))?;
    let ds = sel.ds();
    for &n in &sel.nodes {
        let mut attrs = node_attrs(sel, n);
        attrs.insert(0, ("label", attrs[0].1.clone()));
        w.create_element("node")
            .with_attribute(attr("id", ds.node(n).id()))
            .write_inner_content(|w| data(w, "n", &attrs))?;
    }
    for &e in &sel.edges {
        for part in EdgeData::of(sel.view, e).parts() {
            w.create_element("edge")
                .with_attribute(attr("source", part.source))
                .with_attribute(attr("target", part.target))
                .write_inner_content(|w| data(w, "e", &part.attrs))?;
        }
    }
    w.write_event(Event::End(BytesEnd::new("graph")))?;
    w.write_event(Event::End(BytesEnd::new("graphml")))?;
    w.get_mut().write_all(b"\n")
}
