//! When a node became known: the one rule by which `--as-of`, `changes` and `timeline` date
//! an organisation or a project.
//!
//! A project is known from its own report: its `date`, else its earliest source's. An
//! organisation, and a project that gives neither, is known from its first record: the
//! earliest of its links' records and its ties, each dated as `--as-of` dates it (its date,
//! else its earliest source's). A node with an undated record, or with none, is always
//! known: it has no date.

use petgraph::visit::EdgeRef;

use crate::filter;
use crate::graph::PartnerGraph;
use crate::model::{Dataset, Date, NodeId, NodeRef, Span};

/// Every record of node `n`'s links and ties, reported by `until` when given, whatever the
/// filters, as (when reported, sources). O(records of its links).
pub(crate) fn all_records<'a>(
    ds: &'a Dataset,
    graph: &'a PartnerGraph,
    n: NodeId,
    until: Option<Date>,
) -> impl Iterator<Item = (Option<Date>, Span)> + 'a {
    graph
        .graph
        .edges(n)
        .flat_map(move |e| {
            let records = graph
                .edge_records(ds, e.id())
                .map(|p| (filter::reported(ds, p), p.sources));
            records.chain(
                graph
                    .edge_ties(ds, e.id())
                    .map(|t| (filter::tie_reported(ds, t), t.sources)),
            )
        })
        .filter(move |&(d, _)| d.is_none_or(|d| until.is_none_or(|u| d <= u)))
}

/// When node `n` became known (the module's rule), counting only records reported by
/// `until` when given; `None` when it is always known. O(records of its links).
pub fn known_from(ds: &Dataset, graph: &PartnerGraph, n: NodeId, until: Option<Date>) -> Option<Date> {
    if let NodeRef::Project(p) = ds.node(n) {
        if let Some(own) = filter::project_reported(ds, p) {
            return Some(own);
        }
    }
    let mut first: Option<Option<Date>> = None;
    for (d, _) in all_records(ds, graph, n, until) {
        first = Some(first.map_or(d, |f| f.min(d)));
    }
    first.flatten()
}
