//! The two ends of a window of dates: what the window can have touched, and what each end
//! (`--as-of` that date, with every other filter) shows of it.

use petgraph::graph::EdgeIndex;
use petgraph::visit::EdgeRef;
use rayon::prelude::*;

use crate::filter::{self, Filter, View};
use crate::graph::PartnerGraph;
use crate::model::{Dataset, Date, NodeId, NodeRef, Source, Tie};

use super::Dated;

/// The links a window can have changed: those with a record reported in it, and those of
/// the projects it dates. Any other link was visible as of `since` if and only if it is as
/// of `until`, with the same records: its ends were known by its records (or the project by
/// its own earlier date). With them, the nodes that can have been added: their ends and the
/// projects dated in the window (a node's visibility moves with its own date, its records
/// and its links). Apart, every tie edge; the ends of those with a tie reported or ended in
/// the window join the nodes. All sorted, each once.
pub(super) fn touched(
    ds: &Dataset,
    graph: &PartnerGraph,
    since: Date,
    until: Date,
) -> (Vec<EdgeIndex>, Vec<EdgeIndex>, Vec<NodeId>) {
    let within = |d: Option<Date>| d.is_some_and(|d| d > since && d <= until);
    // Which projects and records the window dates, read in file order (on every thread);
    // then one pass over the links, in edge order, looks each link's project and records up
    // in these tables (a byte each), and gives the list sorted: no search, no sort.
    let dated_project: Vec<bool> = ds
        .projects
        .par_iter()
        .map(|p| within(filter::project_reported(ds, p)))
        .collect();
    let in_window: Vec<bool> = ds
        .participations
        .par_iter()
        .map(|p| within(filter::reported(ds, p)))
        .collect();
    let dated = |e: EdgeIndex| {
        let project = graph.edge_ends(e).1;
        ds.project_of(project).is_some_and(|q| dated_project[q as usize])
    };
    let edges: Vec<EdgeIndex> = (0..graph.first_tie as usize)
        .into_par_iter()
        .map(EdgeIndex::new)
        .filter(|&e| dated(e) || graph.edge_record_indices(e).iter().any(|&k| in_window[k as usize]))
        .collect();
    // Nodes are marked by index, then listed in order: a wide window touches most of them.
    let mut node_touched = vec![false; graph.graph.node_count()];
    for (q, &d) in dated_project.iter().enumerate() {
        node_touched[ds.project_node(q as u32).index()] = d;
    }
    // Every tie edge (ties are few): one shows when its ends do, and they may first show in
    // the window by a participation. The ends of those begun or ended in it join the nodes.
    // Ended in the window: shown on `since`, gone by `until` (`Tie::holds_on`).
    let ended = |d: Option<Date>| d.is_some_and(|d| d.last_day() >= since && d.last_day() < until);
    let tie_edges: Vec<EdgeIndex> = (graph.first_tie as usize..graph.graph.edge_count())
        .map(EdgeIndex::new)
        .collect();
    let tied = tie_edges.iter().filter(|&&e| {
        graph
            .edge_ties(ds, e)
            .any(|t| within(filter::tie_reported(ds, t)) || ended(t.until))
    });
    for &e in edges.iter().chain(tied) {
        let (a, b) = graph.edge_ends(e);
        node_touched[a.index()] = true;
        node_touched[b.index()] = true;
    }
    let nodes = (0..node_touched.len())
        .filter(|&n| node_touched[n])
        .map(NodeId::new)
        .collect();
    (edges, tie_edges, nodes)
}

/// What was visible at one end of the window, for the nodes and links it touches.
pub(super) enum Side<'a> {
    /// The view `--as-of` that date with every other filter.
    View(Box<View<'a>>),
    /// `--as-of` alone: whether each touched node was known by then (a project by its own
    /// date, else by any of its records; an organisation by any of its records), and a link
    /// is visible when its ends were and one of its records was reported by then.
    Dates {
        ds: &'a Dataset,
        graph: &'a PartnerGraph,
        at: Date,
        /// By node index: whether a touched node was still unknown at this end; one not
        /// touched is known (false). A table rather than a map: a wide window touches most
        /// nodes.
        unknown: Vec<bool>,
    },
}

impl<'a> Side<'a> {
    /// The side `at`, under the filters `others` (which have no `--as-of`).
    pub(super) fn new(
        ds: &'a Dataset,
        graph: &'a PartnerGraph,
        others: &Filter,
        at: Date,
        nodes: &[NodeId],
    ) -> Side<'a> {
        if !others.is_empty() {
            let filter = Filter {
                as_of: Some(at),
                ..others.clone()
            };
            return Side::View(Box::new(View::new(ds, graph, filter)));
        }
        let on_time = |d: Option<Date>| d.is_none_or(|d| d <= at);
        let mut unknown = vec![false; graph.graph.node_count()];
        for &n in nodes {
            let own = match ds.node(n) {
                NodeRef::Project(p) => filter::project_reported(ds, p),
                NodeRef::Entity(_) => None,
            };
            // Known by any record of its links, participations and ties alike.
            let by_records = || {
                let mut dates = graph
                    .graph
                    .edges(n)
                    .flat_map(|e| {
                        let records = graph.edge_records(ds, e.id()).map(|p| filter::reported(ds, p));
                        records.chain(graph.edge_ties(ds, e.id()).map(|t| filter::tie_reported(ds, t)))
                    })
                    .peekable();
                dates.peek().is_none() || dates.any(on_time)
            };
            unknown[n.index()] = !own.map_or_else(by_records, |d| on_time(Some(d)));
        }
        Side::Dates { ds, graph, at, unknown }
    }

    pub(super) fn contains(&self, n: NodeId) -> bool {
        match self {
            Side::View(view) => view.contains(n),
            Side::Dates { unknown, .. } => !unknown[n.index()],
        }
    }

    pub(super) fn edge_visible(&self, e: EdgeIndex) -> bool {
        match self {
            Side::View(view) => view.edge_visible(e),
            Side::Dates { ds, graph, at, .. } => {
                let (a, b) = graph.edge_ends(e);
                self.contains(a)
                    && self.contains(b)
                    && (graph
                        .edge_records(ds, e)
                        .any(|p| filter::reported(ds, p).is_none_or(|d| d <= *at))
                        || !self.ties(e).is_empty())
            }
        }
    }

    /// The records of link `e` this side shows, with when each was reported, into `out`.
    pub(super) fn records(&self, e: EdgeIndex, out: &mut Vec<Dated<'a>>) {
        match self {
            Side::View(view) => {
                let ds = view.ds;
                out.extend(view.records(e).map(|p| (filter::reported(ds, p), p)));
            }
            Side::Dates { ds, graph, at, .. } => out.extend(
                graph
                    .edge_records(ds, e)
                    .map(|p| (filter::reported(ds, p), p))
                    .filter(|&(d, _)| d.is_none_or(|d| d <= *at)),
            ),
        }
    }

    /// The ties of tie edge `e` this side shows (begun by its date and not ended before it).
    pub(super) fn ties(&self, e: EdgeIndex) -> Vec<&'a Tie> {
        match self {
            Side::View(view) => view.ties(e).collect(),
            Side::Dates { ds, graph, at, .. } => graph
                .edge_ties(ds, e)
                .filter(|t| filter::tie_reported(ds, t).is_none_or(|d| d <= *at) && t.holds_on(*at))
                .collect(),
        }
    }

    pub(super) fn graph(&self) -> &'a PartnerGraph {
        match self {
            Side::View(view) => view.graph,
            Side::Dates { graph, .. } => graph,
        }
    }

    pub(super) fn source_ok(&self, s: &Source) -> bool {
        match self {
            Side::View(view) => view.source_ok(s),
            Side::Dates { at, .. } => s.date.is_none_or(|d| d <= *at),
        }
    }
}
