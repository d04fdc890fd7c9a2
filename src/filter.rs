//! Global filters and the filtered view of the graph every command works on.
//!
//! Filters never copy data: a [`View`] marks which nodes and edges are visible and hides
//! the records that do not match. Each filter judges what it is about by that thing's own
//! data, and keeps what passes it:
//!
//! - `--sector S` keeps projects whose sector is S or below it (`energy` keeps
//!   `energy/nuclear`); an organisation stays when it has a link to such a project.
//! - `--country C`, `--kind K` keep organisations of that country or kind; a project stays
//!   when one of them takes part in it.
//! - `--role R` keeps the records of links with that role; an organisation or project stays
//!   when it has such a link.
//! - `--status S` keeps the records with that status, and projects whose own status is S;
//!   an organisation, or a project of another status, stays when it has such a link.
//! - `--as-of D` keeps what was reported on or before D: a record by its date (else its
//!   earliest source's), a project by its date (else its earliest source's, else its
//!   earliest record's), an organisation when one of its records was (the rule of
//!   [`known`], which `changes` and `timeline` follow too), and a source by its date.
//!   Undated things count as always known. It hides nothing for lack of a link.
//!
//! An edge is visible when both ends are and at least one of its records passes. When the
//! filters keep everything, the view is the unfiltered one: `--as-of` a date after all the
//! data answers exactly as no filter does.

use std::sync::OnceLock;

use petgraph::graph::EdgeIndex;
use petgraph::visit::EdgeRef;

mod adjacency;
mod check;
pub mod known;

pub use adjacency::Adjacency;

use crate::graph::PartnerGraph;
use crate::model::{Dataset, Date, Entity, NodeId, NodeRef, Participation, Project, Source, Tie};

/// What the user asked to keep. Empty lists keep everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Project sectors; `energy` also matches `energy/nuclear`.
    pub sectors: Vec<String>,
    /// Entity countries (ISO codes, any case).
    pub countries: Vec<String>,
    /// Entity kinds: company, agency, government, person, ...
    pub kinds: Vec<String>,
    /// Participation (and project) statuses.
    pub statuses: Vec<String>,
    /// Participation roles.
    pub roles: Vec<String>,
    /// Keep only what was reported on or before this date.
    pub as_of: Option<Date>,
    /// Drop every tie between organisations: the organisation-project graph alone.
    pub no_ties: bool,
    /// Keep only ties of these kinds (empty: all).
    pub tie_kinds: Vec<String>,
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

    /// Whether an organisation must have a visible link to stay.
    fn entity_needs_link(&self) -> bool {
        !self.sectors.is_empty() || !self.statuses.is_empty() || !self.roles.is_empty()
    }

    /// Whether a tie keeps an organisation that must have a link: it does under a filter on
    /// statuses, which asks for a link of any kind; `--sector` and `--role` ask for a
    /// participation.
    pub fn tie_keeps_organisation(&self) -> bool {
        self.sectors.is_empty() && self.roles.is_empty()
    }

    /// Whether a project must have a visible link to stay (whatever its own status).
    fn project_needs_link(&self) -> bool {
        !self.kinds.is_empty() || !self.countries.is_empty() || !self.roles.is_empty()
    }

    /// Whether node `n` is shown only with a visible link: an organisation under a filter on
    /// projects or links, a project under one on organisations or links, or on statuses
    /// when its own status is not one of them.
    pub fn needs_link(&self, ds: &Dataset, n: NodeId) -> bool {
        match ds.node(n) {
            NodeRef::Entity(_) => self.entity_needs_link(),
            NodeRef::Project(p) => self.project_needs_link() || (!self.statuses.is_empty() && !self.own_status_ok(p)),
        }
    }

    /// Whether an organisation passes its own filters (kind, country; not the date, which
    /// depends on its records).
    pub fn entity_ok(&self, e: &Entity) -> bool {
        any_eq(&self.kinds, &e.kind)
            && (self.countries.is_empty() || e.country.as_deref().is_some_and(|c| any_eq(&self.countries, c)))
    }

    /// Whether a project passes its sector filter.
    pub fn project_ok(&self, p: &Project) -> bool {
        self.sectors.is_empty()
            || p.sector
                .as_deref()
                .is_some_and(|s| self.sectors.iter().any(|w| sector_matches(w, s)))
    }

    /// Whether a project's own status is one asked for.
    fn own_status_ok(&self, p: &Project) -> bool {
        !self.statuses.is_empty() && p.status.as_deref().is_some_and(|s| any_eq(&self.statuses, s))
    }

    /// Whether a date passes `--as-of`; undated things count as always known.
    pub fn date_ok(&self, date: Option<Date>) -> bool {
        self.as_of.is_none_or(|d| date.is_none_or(|x| x <= d))
    }

    /// Whether a source was published by `--as-of`.
    pub fn source_ok(&self, s: &Source) -> bool {
        self.date_ok(s.date)
    }

    /// Whether one tie record matches: its kind, its status, and `--as-of` (begun by then,
    /// and not ended before). Ties have no role: `--role` keeps none.
    pub fn tie_ok(&self, ds: &Dataset, t: &Tie) -> bool {
        self.tie_known(ds, t) && self.as_of.is_none_or(|d| t.holds_on(d))
    }

    /// Whether a tie record matches all but its end: of the kinds and statuses asked for,
    /// and reported by `--as-of`, whether or not it has ended since (a timeline tells both).
    pub fn tie_known(&self, ds: &Dataset, t: &Tie) -> bool {
        !self.no_ties
            && self.roles.is_empty()
            && any_eq(&self.tie_kinds, ds.tie_kind(t))
            && any_eq(&self.statuses, ds.tie_status(t))
            && self.date_ok(tie_reported(ds, t))
    }

    /// Whether one participation record matches.
    pub fn record_ok(&self, ds: &Dataset, p: &Participation) -> bool {
        any_eq(&self.roles, ds.role(p)) && any_eq(&self.statuses, ds.status(p)) && self.date_ok(reported(ds, p))
    }
}

/// When a record was reported: its date, else the earliest date of its sources.
pub fn reported(ds: &Dataset, p: &Participation) -> Option<Date> {
    p.date.or_else(|| ds.sources_in(p.sources).filter_map(|s| s.date).min())
}

/// When a tie was reported: its date, else the earliest date of its sources.
pub fn tie_reported(ds: &Dataset, t: &Tie) -> Option<Date> {
    t.date.or_else(|| ds.sources_in(t.sources).filter_map(|s| s.date).min())
}

/// When a project was first reported by its own record: its date, else its earliest
/// source's; `None` when it says neither.
pub fn project_reported(ds: &Dataset, p: &Project) -> Option<Date> {
    p.date.or_else(|| ds.sources_in(p.sources).filter_map(|s| s.date).min())
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
        View::with_subjects(ds, graph, filter, &[])
    }

    /// The view of `filter` in which `subjects`, the nodes a question is about (`partners
    /// NAME`, `path A B`), are exempt from the filters that judge a node by its own data
    /// (`--country`, `--kind`, `--sector`) and from needing a link: those choose the
    /// answers, not the question. Their links still pass or fail by their records
    /// (`--role`, `--status`, `--as-of`), and a subject not yet reported `--as-of` a date is
    /// still unknown then. O(nodes + records), as [`View::new`].
    pub fn with_subjects(ds: &'a Dataset, graph: &'a PartnerGraph, filter: Filter, subjects: &[NodeId]) -> View<'a> {
        let whole = |filter| View {
            ds,
            graph,
            filter,
            nodes: None,
            edges: None,
            adjacency: OnceLock::new(),
        };
        if filter.is_empty() {
            return whole(filter);
        }
        // By its own data: kind and country, sector. The dates of projects and entities come
        // with the records below.
        let mut own_ok: Vec<bool> = ds
            .nodes()
            .map(|n| match ds.node(n) {
                NodeRef::Entity(e) => filter.entity_ok(e),
                NodeRef::Project(p) => filter.project_ok(p),
            })
            .collect();
        // By node index: 1 for a subject, 2 for one its own data would have left out.
        let mut subject = vec![0u8; if subjects.is_empty() { 0 } else { ds.node_count() }];
        for &n in subjects {
            subject[n.index()] = if own_ok[n.index()] { 1 } else { 2 };
            own_ok[n.index()] = true;
        }
        let is_subject = |n: NodeId| subject.get(n.index()).is_some_and(|&s| s > 0);
        let exempt = |n: NodeId| subject.get(n.index()).is_some_and(|&s| s == 2);
        // Per node, with `--as-of`: when its first record was reported (`known`'s rule).
        let dated = filter.as_of.is_some();
        let mut first = vec![known::FirstRecord::default(); if dated { ds.node_count() } else { 0 }];
        let mut records_ok = true;
        let edge_records: Vec<(bool, bool)> = graph
            .graph
            .edge_indices()
            .map(|e| {
                let (a, b) = graph.edge_ends(e);
                let (mut any_ok, mut all_ok) = (false, true);
                let mut judge = |ok: bool, date: Option<Date>| {
                    (any_ok, all_ok) = (any_ok || ok, all_ok && ok);
                    if dated {
                        first[a.index()].add(date);
                        first[b.index()].add(date);
                    }
                };
                for p in graph.edge_records(ds, e) {
                    judge(filter.record_ok(ds, p), reported(ds, p));
                }
                for t in graph.edge_ties(ds, e) {
                    judge(filter.tie_ok(ds, t), tie_reported(ds, t));
                }
                records_ok &= all_ok;
                (any_ok, all_ok)
            })
            .collect();
        if dated {
            for n in ds.nodes() {
                own_ok[n.index()] &= filter.date_ok(known::known_from(ds, n, || first[n.index()]));
            }
        }
        // Visible participations and ties of each node, before the nodes are judged.
        let (mut degree, mut tied) = (vec![0u32; ds.node_count()], vec![false; ds.node_count()]);
        let mut edges: Vec<bool> = graph
            .graph
            .edge_indices()
            .zip(&edge_records)
            .map(|(e, &(any_ok, _))| {
                let (a, b) = graph.edge_ends(e);
                let ok = own_ok[a.index()] && own_ok[b.index()] && any_ok;
                // The link of a subject the filters would have left out keeps nothing else
                // in view: the view is the filtered one, plus the subjects and their links
                // to what it shows.
                let (by_a, by_b) = (ok && !exempt(a), ok && !exempt(b));
                let tie = graph.is_tie(e);
                for (n, _) in [(b, by_a), (a, by_b)].into_iter().filter(|&(_, by_other)| by_other) {
                    if tie {
                        tied[n.index()] = true;
                    } else {
                        degree[n.index()] += 1;
                    }
                }
                ok
            })
            .collect();
        let tie_counts = filter.tie_keeps_organisation();
        let nodes: Vec<bool> = ds
            .nodes()
            .map(|n| {
                let linked = degree[n.index()] > 0;
                own_ok[n.index()]
                    && (is_subject(n)
                        || match ds.node(n) {
                            NodeRef::Entity(_) => {
                                linked || (tie_counts && tied[n.index()]) || !filter.entity_needs_link()
                            }
                            NodeRef::Project(p) => {
                                (linked || !filter.project_needs_link())
                                    && (linked || filter.statuses.is_empty() || filter.own_status_ok(p))
                            }
                        })
            })
            .collect();
        // A tie to an organisation left without a participation goes with it.
        for (e, ok) in graph.graph.edge_indices().zip(edges.iter_mut()) {
            let (a, b) = graph.edge_ends(e);
            *ok &= nodes[a.index()] && nodes[b.index()];
        }
        let sources_ok = ds.sources.iter().all(|s| filter.source_ok(s));
        if records_ok && sources_ok && nodes.iter().all(|&v| v) && edges.iter().all(|&v| v) {
            return whole(filter);
        }
        View {
            ds,
            graph,
            filter,
            nodes: Some(nodes),
            edges: Some(edges),
            adjacency: OnceLock::new(),
        }
    }

    /// Whether the view shows the whole dataset: no filter, or filters that keep everything.
    pub fn is_whole(&self) -> bool {
        self.nodes.is_none()
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

    /// Whether an edge is a tie between two organisations.
    pub fn is_tie(&self, e: EdgeIndex) -> bool {
        self.graph.is_tie(e)
    }

    /// The visible ties an edge stands for, in content order ([`crate::graph::tie_order`]; none
    /// for a participation).
    pub fn ties(&self, e: EdgeIndex) -> impl Iterator<Item = &'a Tie> + '_ {
        let ds = self.ds;
        let whole = self.is_whole();
        self.graph
            .edge_ties(ds, e)
            .filter(move |t| whole || self.filter.tie_ok(ds, t))
    }

    /// The visible participations an edge stands for, in content order
    /// ([`crate::graph::record_order`]).
    pub fn records(&self, e: EdgeIndex) -> impl Iterator<Item = &'a Participation> + '_ {
        let ds = self.ds;
        let whole = self.is_whole();
        self.graph
            .edge_records(ds, e)
            .filter(move |p| whole || self.filter.record_ok(ds, p))
    }

    /// Whether a source is visible: published by `--as-of` (every source of a whole view).
    pub fn source_ok(&self, s: &Source) -> bool {
        self.is_whole() || self.filter.source_ok(s)
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
