//! What `--since` marks in a plan: the nodes and links that became known, or whose status
//! moved, after the date ([`crate::query::changes`]), and in a projection the lines whose
//! earliest evidence, their shared projects, is that recent.

use petgraph::graph::EdgeIndex;

use crate::drawing::projection::{self, Pair};
use crate::drawing::{DrawEdge, NEW_COLOR};
use crate::filter::View;
use crate::model::Date;
use crate::query::changes::{changes, default_until};

/// What a plan marks new: the date, the positions of the nodes new since then and the
/// links new or moved since then (both sorted), and how many of a projection's lines are
/// new.
pub(super) type Marked = (Date, Vec<u32>, Vec<EdgeIndex>, usize);

/// Marks new (and green) each of a projection's `shared` lines, made from `pairs`, whose
/// shared projects among the `picked` links were first reported after `since`; returns
/// how many.
pub(super) fn mark_shared(
    view: &View,
    picked: &[EdgeIndex],
    pairs: &[Pair],
    shared: &mut [DrawEdge],
    since: Date,
) -> usize {
    let mut new_shared = 0;
    let first = projection::first_reported(view, picked);
    for (line, pair) in shared.iter_mut().zip(pairs) {
        if projection::is_new(pair, &first, since) {
            (line.new, line.color) = (true, NEW_COLOR);
            new_shared += 1;
        }
    }
    new_shared
}

/// The nodes (by `position`, `u32::MAX` for one not drawn) and the drawn `links` new
/// since `since`, up to `--as-of` or the latest date of the data, with the count of the
/// projection's new lines.
pub(super) fn marked(view: &View, since: Date, position: &[u32], links: &[EdgeIndex], new_shared: usize) -> Marked {
    let ds = view.ds;
    let until = view.filter.as_of.or_else(|| default_until(ds)).unwrap_or(since);
    let (new_nodes, new_links) = changes(ds, view.graph, &view.filter, since, until).marked;
    let mut at: Vec<u32> = new_nodes
        .iter()
        .map(|n| position[n.index()])
        .filter(|&i| i != u32::MAX)
        .collect();
    at.sort_unstable();
    let mut drawn_links = links.to_vec();
    drawn_links.sort_unstable();
    let drawn: Vec<EdgeIndex> = new_links
        .into_iter()
        .filter(|e| drawn_links.binary_search(e).is_ok())
        .collect();
    (since, at, drawn, new_shared)
}
