//! Plain, serializable views of nodes, links and sources, shared by every answer, the
//! explorer and the exports: one way to describe a node ([`NodeFacts`]), a link ([`Link`])
//! and a source ([`SourceRef`]), and one way to gather the sources a part of the graph
//! cites ([`Citations`]).

use serde::{Serialize, Serializer};

use crate::filter::View;
use crate::model::{Dataset, Date, NodeId, NodeRef, Source, Span};
use crate::value::Value;

mod citations;
mod link;
mod ties;

pub use citations::Citations;
pub use link::{status_as_of, Link, LinkRecord};
pub use ties::{TieLink, TieRef};

/// A node by id, name and kind ("project" for projects).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct NodeInfo {
    pub id: String,
    pub name: String,
    pub kind: String,
}

impl NodeInfo {
    pub fn of(ds: &Dataset, n: NodeId) -> NodeInfo {
        let node = ds.node(n);
        NodeInfo {
            id: node.id().to_string(),
            name: node.name().to_string(),
            kind: node.kind().to_string(),
        }
    }
}

/// Everything a node's record says, borrowed from the dataset. Fields that do not apply
/// (a project's sector for an entity, an entity's country for a project) are absent.
#[derive(Debug, Clone, Serialize)]
pub struct NodeFacts<'a> {
    pub id: &'a str,
    pub name: &'a str,
    /// The entity's kind, or "project".
    pub kind: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub aliases: Vec<&'a str>,
    /// An entity's sectors.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub sectors: Vec<&'a str>,
    /// A project's sector.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sector: Option<&'a str>,
    /// A project's value, as text with its qualifier ("up to $100B").
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "as_text")]
    pub value: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// The id of the programme a project belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part_of: Option<&'a str>,
    /// The ids of a programme's parts, when asked for ([`NodeFacts::with_parts`]).
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub parts: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'a str>,
    /// A project's own sources; each consumer writes them its own way.
    #[serde(skip)]
    pub sources: Span,
}

fn as_text<S: Serializer>(value: &Option<Value>, s: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => s.collect_str(v),
        None => s.serialize_none(),
    }
}

impl<'a> NodeFacts<'a> {
    pub fn of(ds: &'a Dataset, n: NodeId) -> NodeFacts<'a> {
        let node = ds.node(n);
        let mut facts = NodeFacts {
            id: node.id(),
            name: node.name(),
            kind: node.kind(),
            country: None,
            aliases: Vec::new(),
            sectors: Vec::new(),
            sector: None,
            value: None,
            status: None,
            location: None,
            date: None,
            part_of: None,
            parts: Vec::new(),
            url: None,
            note: None,
            sources: Span::default(),
        };
        match node {
            NodeRef::Entity(e) => {
                facts.country = e.country.as_deref();
                facts.aliases = e.aliases().iter().map(|a| &**a).collect();
                facts.sectors = e.sectors.iter().map(|s| &**s).collect();
                facts.url = e.url();
                facts.note = e.note();
            }
            NodeRef::Project(p) => {
                facts.sector = p.sector.as_deref();
                facts.value = p.value;
                facts.status = p.status.as_deref();
                facts.location = p.location();
                facts.date = p.date;
                facts.part_of = p.part_of.map(|q| ds.projects[q as usize].id());
                facts.note = p.note();
                facts.sources = p.sources;
            }
        }
        facts
    }

    /// The same, with the ids of the visible projects that name this one in `part_of`,
    /// sorted. O(projects).
    pub fn with_parts(mut self, view: &View<'a>, n: NodeId) -> NodeFacts<'a> {
        let ds = view.ds;
        if let Some(index) = ds.project_of(n) {
            self.parts = (0..ds.projects.len() as u32)
                .filter(|&q| ds.projects[q as usize].part_of == Some(index) && view.contains(ds.project_node(q)))
                .map(|q| ds.projects[q as usize].id())
                .collect();
            self.parts.sort_unstable();
        }
        self
    }
}

/// A source as an answer cites it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct SourceRef<'a> {
    pub id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
}

impl SourceRef<'_> {
    /// The source as a citation reads: `S7 (Kyodo News; Reuters, 2026-02-17)`, or the id
    /// alone when nothing else is known.
    ///
    /// ```
    /// use partnet::query::facts::SourceRef;
    /// let s = SourceRef { id: "S7", title: None, publisher: Some("Reuters"), date: None, url: None };
    /// assert_eq!(s.label(), "S7 (Reuters)");
    /// ```
    pub fn label(&self) -> String {
        let date = self.date.map(|d| d.to_string());
        let about: Vec<&str> = [self.publisher, date.as_deref()].into_iter().flatten().collect();
        if about.is_empty() {
            self.id.to_string()
        } else {
            format!("{} ({})", self.id, about.join(", "))
        }
    }
}

impl<'a> From<&'a Source> for SourceRef<'a> {
    fn from(s: &'a Source) -> SourceRef<'a> {
        SourceRef {
            id: &s.id,
            title: s.title.as_deref(),
            publisher: s.publisher.as_deref(),
            date: s.date,
            url: s.url.as_deref(),
        }
    }
}
