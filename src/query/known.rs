//! When a node became known, one node at a time, by `filter::known`'s rule (the one by
//! which `--as-of`, `changes` and `timeline` date an organisation or a project): the records
//! of a node's links and ties, and the date they make it known from.

use petgraph::visit::EdgeRef;

use crate::filter;
use crate::filter::known::FirstRecord;
use crate::graph::PartnerGraph;
use crate::model::{Dataset, Date, NodeId, Span};

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

/// When node `n` became known (`filter::known`'s rule), counting only records reported by
/// `until` when given; `None` when it is always known. O(records of its links).
pub fn known_from(ds: &Dataset, graph: &PartnerGraph, n: NodeId, until: Option<Date>) -> Option<Date> {
    filter::known::known_from(ds, n, || {
        let mut first = FirstRecord::default();
        for (d, _) in all_records(ds, graph, n, until) {
            first.add(d);
        }
        first
    })
}
