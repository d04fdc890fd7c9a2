//! Plain, serializable descriptions of nodes and links, shared by the queries.

use petgraph::graph::EdgeIndex;
use serde::Serialize;

use crate::filter::View;
use crate::model::{Dataset, NodeId, Participation};

/// Statuses from least to most definite; a link with several records shows the most
/// definite one. "cancelled" outranks everything: it is the last word on a link. A
/// memorandum (of understanding, or a letter of intent) is a written intent, not a
/// contract; a term sheet binds its parties to terms, short of the definitive contract.
pub const STATUS_ORDER: &[&str] = &[
    "reported",
    "potential",
    "interested",
    "exploring",
    "considering",
    "proposed",
    "announced",
    "memorandum",
    "selected",
    "term-sheet",
    "agreed",
    "signed",
    "completed",
    "cancelled",
];

fn status_rank(status: &str) -> usize {
    STATUS_ORDER.iter().position(|s| *s == status).map_or(0, |i| i + 1)
}

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

/// An entity's part in a project, merged over all the records of that pair.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Link {
    pub entity: String,
    pub project: String,
    /// Distinct roles, in record order.
    pub roles: Vec<String>,
    /// The most definite status among the records.
    pub status: String,
    /// Distinct source ids, in record order.
    pub sources: Vec<String>,
    /// What the sources say, one line per record that has it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// The earliest date among the records.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

impl Link {
    /// Summarises the visible records of an edge.
    pub fn of(view: &View, edge: EdgeIndex) -> Link {
        Link::from_records(view.ds, view.records(edge))
    }

    pub fn from_records<'a>(ds: &Dataset, records: impl Iterator<Item = &'a Participation>) -> Link {
        let mut link = Link {
            entity: String::new(),
            project: String::new(),
            roles: Vec::new(),
            status: String::new(),
            sources: Vec::new(),
            evidence: Vec::new(),
            date: None,
        };
        let mut earliest = None;
        for p in records {
            if link.entity.is_empty() {
                link.entity = ds.entities[p.entity as usize].id.to_string();
                link.project = ds.projects[p.project as usize].id.to_string();
            }
            push_new(&mut link.roles, ds.role(p));
            let status = ds.status(p);
            if link.status.is_empty() || status_rank(status) > status_rank(&link.status) {
                link.status = status.to_string();
            }
            for s in ds.sources_in(p.sources) {
                push_new(&mut link.sources, &s.id);
            }
            if let Some(e) = ds.evidence_of(p) {
                push_new(&mut link.evidence, e);
            }
            if let Some(d) = p.date {
                earliest = Some(earliest.map_or(d, |e: crate::model::Date| e.min(d)));
            }
        }
        link.date = earliest.map(|d| d.to_string());
        link
    }
}

fn push_new(list: &mut Vec<String>, item: &str) {
    if !list.iter().any(|x| x == item) {
        list.push(item.to_string());
    }
}
