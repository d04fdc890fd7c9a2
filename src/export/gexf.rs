//! GEXF 1.3, written with quick-xml, for Gephi (networkx reads it with
//! `read_gexf(path, version="1.3")`).
//!
//! The node `label` is the name; the other attributes are declared with their types
//! ("string", "double") and written as `<attvalue>`s, lists as JSON array strings. Edges are
//! undirected, numbered in export order: one per participation link, one per tie (see
//! [`super::EdgeData::parts`]), so a pair tied both ways is two parallel edges.

use std::io::{self, Write};

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, Event};
use quick_xml::Writer;

use super::xml::{attr, text_event};
use super::{node_attrs, part_keys, Attr, EdgeData, Selection, Type, NODE_KEYS};

const NS: &str = "http://gexf.net/1.3";
const SCHEMA: &str = "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd";

fn declare<W: Write>(w: &mut Writer<W>, class: &str, keys: &[(&str, Type)]) -> io::Result<()> {
    w.create_element("attributes")
        .with_attribute(("class", class))
        .with_attribute(("mode", "static"))
        .write_inner_content(|w| {
            for (name, ty) in keys {
                let ty = match ty {
                    Type::Text => "string",
                    Type::Number => "double",
                };
                w.create_element("attribute")
                    .with_attribute(("id", *name))
                    .with_attribute(("title", *name))
                    .with_attribute(("type", ty))
                    .write_empty()?;
            }
            Ok(())
        })?;
    Ok(())
}

fn attvalues<W: Write>(w: &mut Writer<W>, attrs: &[(&str, Attr)]) -> io::Result<()> {
    w.create_element("attvalues").write_inner_content(|w| {
        for (name, value) in attrs {
            if matches!(value, Attr::List(l) if l.is_empty()) {
                continue;
            }
            w.create_element("attvalue")
                .with_attribute(("for", *name))
                .with_attribute(attr("value", &value.joined()))
                .write_empty()?;
        }
        Ok(())
    })?;
    Ok(())
}

pub fn write(sel: &Selection, out: &mut dyn Write) -> io::Result<()> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let mut root = BytesStart::new("gexf");
    root.push_attribute(("xmlns", NS));
    root.push_attribute(("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"));
    root.push_attribute(("xsi:schemaLocation", SCHEMA));
    root.push_attribute(("version", "1.3"));
    w.write_event(Event::Start(root))?;
    w.create_element("meta").write_inner_content(|w| {
        w.create_element("creator").write_text_content(text_event("partnet"))?;
        Ok(())
    })?;
    let mut graph = BytesStart::new("graph");
    graph.push_attribute(("defaultedgetype", "undirected"));
    graph.push_attribute(("mode", "static"));
    w.write_event(Event::Start(graph))?;
    // The name is the label, not an attribute.
    let node_keys: Vec<(&str, Type)> = NODE_KEYS.iter().copied().filter(|(k, _)| *k != "name").collect();
    declare(&mut w, "node", &node_keys)?;
    declare(&mut w, "edge", &part_keys())?;
    let ds = sel.ds();
    w.write_event(Event::Start(BytesStart::new("nodes")))?;
    for &n in &sel.nodes {
        let node = ds.node(n);
        let attrs: Vec<_> = node_attrs(sel, n).into_iter().filter(|(k, _)| *k != "name").collect();
        w.create_element("node")
            .with_attribute(attr("id", node.id()))
            .with_attribute(attr("label", node.name()))
            .write_inner_content(|w| attvalues(w, &attrs))?;
    }
    w.write_event(Event::End(BytesEnd::new("nodes")))?;
    w.write_event(Event::Start(BytesStart::new("edges")))?;
    let mut id = 0usize;
    for &e in &sel.edges {
        for part in EdgeData::of(sel.view, e).parts() {
            w.create_element("edge")
                .with_attribute(("id", id.to_string().as_str()))
                .with_attribute(attr("source", part.source))
                .with_attribute(attr("target", part.target))
                .write_inner_content(|w| attvalues(w, &part.attrs))?;
            id += 1;
        }
    }
    w.write_event(Event::End(BytesEnd::new("edges")))?;
    w.write_event(Event::End(BytesEnd::new("graph")))?;
    w.write_event(Event::End(BytesEnd::new("gexf")))?;
    w.get_mut().write_all(b"\n")
}
