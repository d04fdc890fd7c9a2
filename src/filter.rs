//! Global filters and the filtered view of the graph every command works on.
//!
//! Filters never copy data: a [`View`] marks which nodes and edges are visible and hides
//! the records that do not match. Entity filters (`--kind`, `--country`) select
//! organisations, `--sector` selects projects, and `--status`, `--role`, `--as-of` select
//! participations. An edge is visible when both ends are and at least one of its records
//! matches. A node that passes its own filters is hidden only when a filter on the other
//! side of its links leaves it with no visible link: `--country JP` still lists an isolated
//! Japanese company, but only the projects Japanese companies are in.

use std::sync::OnceLock;

use petgraph::graph::EdgeIndex;
use petgraph::visit::EdgeRef;

mod adjacency;

pub use adjacency::Adjacency;

use crate::graph::PartnerGraph;
use crate::model::{Dataset, Date, Entity, NodeId, Participation, Project};

/// What the user asked to keep. Empty lists keep everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Project sectors; `energy` also matches `energy/nuclear`.
    pub sectors: Vec<String>,
    /// Entity countries (ISO codes, any case).
    pub countries: Vec<String>,
    /// Entity kinds: company, agency, government, person, ...
    pub kinds: Vec<String>,
    /// Participation statuses.
    pub statuses: Vec<String>,
    /// Participation roles.
    pub roles: Vec<String>,
    /// Keep only what was reported on or before this date.
    pub as_of: Option<Date>,
}

fn any_eq(wanted: &[String], value: &str) -> bool {
    wanted.is_empty() || wanted.iter().any(|w| w.eq_ignore_ascii_case(value))
}

/// `energy` matches `energy` and `energy/nuclear`, not `energy-storage`.
fn sector_matches(wanted: &str, sector: &str) -> bool {
    let (w, s) = (wanted.trim_end_matches('/'), sector);
    s.len() >= w.len()
        && s.is_char_boundary(w.len())
        && s[..w.len()].eq_ignore_ascii_case(w)
        && (s.len() == w.len() || s.as_bytes()[w.len()] == b'/')
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    fn link_filters(&self) -> bool {
        !self.statuses.is_empty() || !self.roles.is_empty() || self.as_of.is_some()
    }

    pub fn entity_ok(&self, e: &Entity) -> bool {
        any_eq(&self.kinds, &e.kind)
            && (self.countries.is_empty() || e.country.as_deref().is_some_and(|c| any_eq(&self.countries, c)))
    }

    pub fn project_ok(&self, p: &Project) -> bool {
        (self.sectors.is_empty()
            || p.sector
                .as_deref()
                .is_some_and(|s| self.sectors.iter().any(|w| sector_matches(w, s))))
            && self.as_of.is_none_or(|d| p.date.is_none_or(|pd| pd <= d))
    }

    /// Whether one participation record matches. Undated records count as always known.
    pub fn record_ok(&self, ds: &Dataset, p: &Participation) -> bool {
        any_eq(&self.roles, ds.role(p))
            && any_eq(&self.statuses, ds.status(p))
            && self.as_of.is_none_or(|d| {
                let reported = p.date.or_else(|| ds.sources_in(p.sources).filter_map(|s| s.date).min());
                reported.is_none_or(|r| r <= d)
            })
    }
}

/// The graph as the filters show it.
#[derive(Debug, Clone)]
pub struct View<'a> {
    pub ds: &'a Dataset,
    pub graph: &'a PartnerGraph,
    pub filter: Filter,
    /// `None` when nothing is filtered: the common case costs nothing.
    nodes: Option<Vec<bool>>,
    edges: Option<Vec<bool>>,
    /// Built on first use by the queries that walk the graph many times.
    adjacency: OnceLock<Adjacency>,
}

impl<'a> View<'a> {
    pub fn new(ds: &'a Dataset, graph: &'a PartnerGraph, filter: Filter) -> View<'a> {
        if filter.is_empty() {
            return View {
                ds,
                graph,
                filter,
                nodes: None,
                edges: None,
                adjacency: OnceLock::new(),
            };
        }
        let own_ok: Vec<bool> = ds
            .nodes()
            .map(|n| match ds.node(n) {
                crate::model::NodeRef::Entity(e) => filter.entity_ok(e),
                crate::model::NodeRef::Project(p) => filter.project_ok(p),
            })
            .collect();
        let mut degree = vec![0u32; ds.node_count()];
        let edges: Vec<bool> = graph
            .graph
            .edge_indices()
            .map(|e| {
                let (a, b) = graph.edge_ends(e);
                let ok = own_ok[a.index()]
                    && own_ok[b.index()]
                    && graph.edge_records(ds, e).any(|p| filter.record_ok(ds, p));
                if ok {
                    degree[a.index()] += 1;
                    degree[b.index()] += 1;
                }
                ok
            })
            .collect();
        let entity_needs_link = !filter.sectors.is_empty() || filter.link_filters();
        let project_needs_link = !filter.kinds.is_empty() || !filter.countries.is_empty() || filter.link_filters();
        let nodes = ds
            .nodes()
            .map(|n| {
                let needs_link = if ds.node(n).is_project() {
                    project_needs_link
                } else {
                    entity_needs_link
                };
                own_ok[n.index()] && (!needs_link || degree[n.index()] > 0)
            })
            .collect();
        View {
            ds,
            graph,
            filter,
            nodes: Some(nodes),
            edges: Some(edges),
            adjacency: OnceLock::new(),
        }
    }

    /// An unfiltered view.
    pub fn all(ds: &'a Dataset, graph: &'a PartnerGraph) -> View<'a> {
        View::new(ds, graph, Filter::default())
    }

    pub fn contains(&self, n: NodeId) -> bool {
        self.nodes.as_ref().is_none_or(|v| v[n.index()])
    }

    pub fn edge_visible(&self, e: EdgeIndex) -> bool {
        self.edges.as_ref().is_none_or(|v| v[e.index()])
    }

    /// Visible nodes, entities first, in dataset order.
    pub fn nodes(&self) -> impl Iterator<Item = NodeId> + '_ {
        self.ds.nodes().filter(|&n| self.contains(n))
    }

    /// Visible edges.
    pub fn edges(&self) -> impl Iterator<Item = EdgeIndex> + '_ {
        self.graph.graph.edge_indices().filter(|&e| self.edge_visible(e))
    }

    pub fn node_count(&self) -> usize {
        match &self.nodes {
            None => self.ds.node_count(),
            Some(v) => v.iter().filter(|&&b| b).count(),
        }
    }

    pub fn edge_count(&self) -> usize {
        match &self.edges {
            None => self.graph.graph.edge_count(),
            Some(v) => v.iter().filter(|&&b| b).count(),
        }
    }

    /// Visible neighbours of a node, with the edge that links them.
    pub fn neighbors(&self, n: NodeId) -> impl Iterator<Item = (NodeId, EdgeIndex)> + '_ {
        self.graph
            .graph
            .edges(n)
            .filter(|e| self.edge_visible(e.id()))
            .map(move |e| {
                let other = if e.source() == n { e.target() } else { e.source() };
                (other, e.id())
            })
    }

    /// The visible graph as compact neighbour arrays, built on the first call (O(V + E))
    /// and kept for the view's life.
    pub fn adjacency(&self) -> &Adjacency {
        self.adjacency.get_or_init(|| Adjacency::of(self))
    }

    /// `n` if the filters show it, else the error that says it is hidden.
    pub fn require(&self, n: NodeId) -> Result<NodeId, crate::error::Error> {
        if self.contains(n) {
            Ok(n)
        } else {
            Err(crate::error::Error::hidden(self.ds.node(n).id()))
        }
    }

    /// The visible participations an edge stands for, in file order.
    pub fn records(&self, e: EdgeIndex) -> impl Iterator<Item = &'a Participation> + '_ {
        let ds = self.ds;
        self.graph
            .edge_records(ds, e)
            .filter(move |p| self.filter.record_ok(ds, p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sector_prefix_stops_at_slash() {
        assert!(sector_matches("energy", "energy"));
        assert!(sector_matches("Energy", "energy/nuclear"));
        assert!(sector_matches("energy/", "energy/nuclear"));
        assert!(!sector_matches("energy", "energy-storage"));
        assert!(!sector_matches("energy/nuclear", "energy"));
    }
}
