//! Interchange: the graph in the formats other tools read.
//!
//! A [`Selection`] fixes what is exported (the filtered view, or an ego network around one
//! organisation) and in which order: nodes sorted by id, edges by (entity id, project id),
//! so the same input always gives byte-identical files. Every writer streams to an
//! [`io::Write`] node by node and edge by edge; none builds the whole file in memory.
//!
//! Node and edge attributes are described once here ([`node_attrs`], [`edge_attrs`] and the
//! key tables) and every format writes the same ones, each in its own way: JSON as typed
//! values, GraphML and GEXF as typed keys with lists as JSON array strings, Cypher as property
//! maps. In every format node ids are the dataset ids and names are carried exactly, except
//! that the XML formats replace the characters XML 1.0 cannot carry (see the `xml` module).

pub mod csv;
pub mod cypher;
pub mod ftm;
pub mod gexf;
pub mod graphml;
pub mod json;
pub mod neo4j_admin;
mod parts;
mod xml;

pub use parts::{part_keys, EdgePart};

use std::borrow::Cow;
use std::io;

use petgraph::graph::EdgeIndex;
use serde::Serialize;

use crate::filter::View;
use crate::model::{Dataset, NodeId, NodeRef, Project, Source};
use crate::query::facts::{Citations, Link, NodeFacts, TieLink};
use crate::query::partners::{ego_network, Ego};
use crate::value::Value;

/// The export formats, as the command line names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Node-link JSON, as networkx's `node_link_graph(data, edges="links")` and D3 read it.
    Json,
    /// Cytoscape.js elements JSON (Cytoscape desktop reads it as `.cyjs`).
    Cytoscape,
    /// GraphML with typed keys: networkx, Gephi, yEd, Cytoscape desktop.
    Graphml,
    /// GEXF 1.3, for Gephi.
    Gexf,
    /// One row per participation: the analyst's table, and an input partnet reads back.
    Csv,
    /// A Cypher script that loads the graph into Neo4j (or Memgraph).
    Cypher,
    /// FollowTheMoney entities, one per line: OpenSanctions, Aleph, the `ftm` tool.
    Ftm,
    /// A directory of CSV files for `neo4j-admin database import full` (needs `-o DIR`).
    #[serde(rename = "neo4j-admin")]
    Neo4jAdmin,
}

impl Format {
    /// The format a file name implies: `.json`, `.cyjs`, `.graphml`, `.gexf`, `.csv`,
    /// `.cypher` or `.cql`, and `.ftm.json`, `.ijson` or `.ftm`.
    pub fn from_extension(path: &std::path::Path) -> Option<Format> {
        if path.file_name()?.to_str().is_some_and(crate::load::ftm::is_ftm_name) {
            return Some(Format::Ftm);
        }
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "json" => Format::Json,
            "cyjs" => Format::Cytoscape,
            "graphml" => Format::Graphml,
            "gexf" => Format::Gexf,
            "csv" => Format::Csv,
            "cypher" | "cql" => Format::Cypher,
            _ => return None,
        })
    }

    /// Every format's name, as the command line spells it, joined with `sep`.
    pub fn names(sep: &str) -> String {
        use clap::ValueEnum;
        let names: Vec<String> = Format::value_variants().iter().map(Format::to_string).collect();
        names.join(sep)
    }
}

/// The format's name, as the command line spells it (clap's, derived from the variant).
impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use clap::ValueEnum;
        let value = self.to_possible_value().expect("no format is hidden");
        f.write_str(value.get_name())
    }
}

/// What an export writes, in the order it writes it.
pub struct Selection<'v, 'a> {
    pub view: &'v View<'a>,
    /// Nodes sorted by id.
    pub nodes: Vec<NodeId>,
    /// Participation edges sorted by (entity id, project id), then tie edges by their ids.
    pub edges: Vec<EdgeIndex>,
    /// Whether this is the whole unfiltered dataset, so every source belongs to it.
    whole: bool,
}

impl<'v, 'a> Selection<'v, 'a> {
    /// How many edges `format` writes: one per participation link, and for a pair of
    /// organisations one per tie where the format writes each tie as an edge of its own
    /// (GraphML, GEXF, Cytoscape.js, Cypher, neo4j-admin), else one per pair.
    pub fn edges_written(&self, format: Format) -> usize {
        let per_tie = matches!(
            format,
            Format::Cytoscape | Format::Graphml | Format::Gexf | Format::Cypher | Format::Neo4jAdmin
        );
        self.edges
            .iter()
            .map(|&e| match per_tie && self.view.is_tie(e) {
                true => TieLink::of(self.view, e).len(),
                false => 1,
            })
            .sum()
    }

    /// Everything the view shows.
    pub fn all(view: &'v View<'a>) -> Selection<'v, 'a> {
        let whole = view.is_whole();
        Selection::sorted(view, view.nodes().collect(), view.edges().collect(), whole)
    }

    /// The ego network of an organisation: itself, its partners within `depth` project hops,
    /// and the projects that link them, with their links (see
    /// [`crate::query::partners::ego_network`]).
    pub fn ego(view: &'v View<'a>, origin: NodeId, depth: u32) -> Selection<'v, 'a> {
        let Ego { nodes, edges } = ego_network(view, &[origin], depth);
        Selection::sorted(view, nodes, edges, false)
    }

    fn sorted(view: &'v View<'a>, mut nodes: Vec<NodeId>, mut edges: Vec<EdgeIndex>, whole: bool) -> Self {
        let ds = view.ds;
        nodes.sort_unstable_by(|&a, &b| ds.node(a).id().cmp(ds.node(b).id()));
        // Participations by (entity id, project id), then ties by their two ids in order:
        // the same data gives the same order, whatever order its files list it in.
        let key = |e: EdgeIndex| {
            let (a, b) = view.graph.edge_ends(e);
            let (a, b) = (ds.node(a).id(), ds.node(b).id());
            match view.is_tie(e) {
                false => (false, a, b),
                true => (true, a.min(b), a.max(b)),
            }
        };
        edges.sort_unstable_by(|&a, &b| key(a).cmp(&key(b)));
        Selection {
            view,
            nodes,
            edges,
            whole,
        }
    }

    pub fn ds(&self) -> &'a Dataset {
        self.view.ds
    }

    /// The (entity, project) ends of an edge.
    pub fn ends(&self, edge: EdgeIndex) -> (NodeRef<'a>, NodeRef<'a>) {
        let (a, b) = self.view.graph.edge_ends(edge);
        (self.ds().node(a), self.ds().node(b))
    }

    /// The id of the programme a project is part of, when the selection holds it too: a
    /// reader of the export would not find a parent left out. A binary search of the nodes.
    pub fn exported_parent(&self, p: &Project) -> Option<&'a str> {
        let ds = self.ds();
        let parent = ds.project_node(p.part_of?);
        let id = ds.node(parent).id();
        self.nodes
            .binary_search_by(|&n| ds.node(n).id().cmp(id))
            .is_ok()
            .then_some(id)
    }

    /// The sources the selection cites (all of them for the whole unfiltered dataset), by
    /// id: not in the files' order, which no answer depends on.
    pub fn sources(&self) -> Vec<&'a Source> {
        let mut list = self.cited_sources();
        list.sort_by(|a, b| a.id.cmp(&b.id));
        list
    }

    fn cited_sources(&self) -> Vec<&'a Source> {
        let ds = self.ds();
        if self.whole {
            return ds.sources.iter().collect();
        }
        let mut cited = Citations::new(self.view);
        for &e in &self.edges {
            cited.cite_edge(e);
        }
        for &n in &self.nodes {
            cited.cite_node(n);
        }
        cited.in_dataset_order()
    }
}

/// Writes the selection in a format.
pub fn write(format: Format, sel: &Selection, out: &mut dyn io::Write) -> io::Result<()> {
    match format {
        Format::Json => json::node_link(sel, out),
        Format::Cytoscape => json::cytoscape(sel, out),
        Format::Graphml => graphml::write(sel, out),
        Format::Gexf => gexf::write(sel, out),
        Format::Csv => csv::write(sel, out),
        Format::Cypher => cypher::write(sel, out),
        Format::Ftm => ftm::write(sel, out),
        // A directory, not a stream: `export` writes its files one by one.
        Format::Neo4jAdmin => Err(io::Error::other(
            "neo4j-admin writes a directory of files, not one stream",
        )),
    }
}

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

    #[test]
    fn formats_by_name_and_extension() {
        use clap::ValueEnum;
        for &format in Format::value_variants() {
            let name = format.to_string();
            assert_eq!(Format::from_str(&name, false), Ok(format));
            assert_eq!(serde_json::to_value(format).unwrap(), name.as_str());
            let by_extension = Format::from_extension(std::path::Path::new(&format!("x.{name}")));
            let none = matches!(format, Format::Cytoscape | Format::Neo4jAdmin);
            assert_eq!(by_extension.is_some(), !none, "{name}");
        }
        assert_eq!(
            Format::names(", "),
            "json, cytoscape, graphml, gexf, csv, cypher, ftm, neo4j-admin"
        );
        assert_eq!(
            Format::from_extension(std::path::Path::new("out.ftm.json")),
            Some(Format::Ftm)
        );
        assert_eq!(
            Format::from_extension(std::path::Path::new("a/b.GraphML")),
            Some(Format::Graphml)
        );
        assert_eq!(Format::from_extension(std::path::Path::new("b.txt")), None);
    }
}
