//! The organisation projection: organisations linked when they share projects.
//!
//! Two rules keep it readable. `--min-shared K` keeps the pairs sharing at least K
//! projects. An umbrella programme (a project that other projects name in `part_of`, such
//! as a $550 billion national pledge) does not link its members: it would join every
//! member to every other, and the picture would show the pledge, not the partnerships.
//! `--with-umbrellas` counts them too.

use std::collections::{BTreeMap, HashMap};

use petgraph::graph::EdgeIndex;

use super::{display, DrawEdge, Stroke, MAX_SHARED_EDGES};
use crate::error::Error;
use crate::filter::View;
use crate::model::{Dataset, Date, NodeId};

/// Two organisations and the projects they share, sorted by id.
pub(super) struct Pair {
    pub a: NodeId,
    pub b: NodeId,
    pub projects: Vec<NodeId>,
}

/// Whether each project (by index in [`Dataset::projects`]) is an umbrella programme:
/// another project names it in `part_of`.
pub(super) fn umbrellas(ds: &Dataset) -> Vec<bool> {
    let mut is = vec![false; ds.projects.len()];
    for p in &ds.projects {
        if let Some(parent) = p.part_of {
            is[parent as usize] = true;
        }
    }
    is
}

/// The pairs of organisations sharing at least `min_shared` of the picked projects, with
/// umbrella programmes left out unless `with_umbrellas`, in the order of their ends' ids.
/// Also says whether an umbrella programme was left out.
///
/// Fails when the picked links would make more than [`MAX_SHARED_EDGES`] pairs.
pub(super) fn pairs(
    view: &View,
    links: &[EdgeIndex],
    min_shared: usize,
    with_umbrellas: bool,
) -> Result<(Vec<Pair>, bool), Error> {
    let ds = view.ds;
    let umbrella = umbrellas(ds);
    let mut left_out = false;
    let mut members: BTreeMap<NodeId, Vec<NodeId>> = BTreeMap::new();
    for &e in links {
        let (entity, project) = view.graph.edge_ends(e);
        let is_umbrella = ds.project_of(project).is_some_and(|p| umbrella[p as usize]);
        if is_umbrella && !with_umbrellas {
            left_out = true;
            continue;
        }
        members.entry(project).or_default().push(entity);
    }
    // A consortium of k members makes k(k-1)/2 lines: count before building them.
    let count: u64 = members
        .values()
        .map(|m| m.len() as u64 * (m.len() as u64).saturating_sub(1) / 2)
        .sum();
    if count > MAX_SHARED_EDGES {
        return Err(Error::usage(format!(
            "the projection would draw up to {count} lines between organisations, more than {MAX_SHARED_EDGES}"
        ))
        .with_help("narrow it with --focus NAME, --min-shared K or filters such as --sector, --country or --status"));
    }
    // Pairs in the order of their ends' ids, as the drawing orders nodes.
    type Key<'a> = (&'a str, NodeId);
    let key = |n: NodeId| -> Key { (ds.node(n).id(), n) };
    let mut shared: BTreeMap<(Key, Key), Vec<NodeId>> = BTreeMap::new();
    for (&project, list) in &members {
        for (i, &a) in list.iter().enumerate() {
            for &b in &list[i + 1..] {
                if a == b {
                    continue;
                }
                let (a, b) = (key(a).min(key(b)), key(a).max(key(b)));
                shared.entry((a, b)).or_default().push(project);
            }
        }
    }
    let pairs = shared
        .into_iter()
        .filter(|(_, projects)| projects.len() >= min_shared.max(1))
        .map(|(((_, a), (_, b)), mut projects)| {
            projects.sort_by(|&x, &y| ds.node(x).id().cmp(ds.node(y).id()));
            Pair { a, b, projects }
        })
        .collect();
    Ok((pairs, left_out))
}

/// The line of a pair whose ends are at positions `a` and `b` of the drawing: wider for
/// more shared projects, labelled with their number, the projects in its tooltip.
pub(super) fn line(ds: &Dataset, ids: &super::Ids, pair: &Pair, a: usize, b: usize) -> DrawEdge {
    let n = pair.projects.len();
    let names: Vec<String> = pair
        .projects
        .iter()
        .map(|&p| format!("- {}", ds.node(p).name()))
        .collect();
    DrawEdge {
        arrow: None,
        id: format!("o{}-{}", ids.node(pair.a), ids.node(pair.b)),
        class: "shared",
        a: a.min(b),
        b: a.max(b),
        label: Some(n.to_string()),
        tooltip: display(&format!(
            "{} — {}\n{n} shared project{}:\n{}",
            ds.node(pair.a).name(),
            ds.node(pair.b).name(),
            if n == 1 { "" } else { "s" },
            names.join("\n")
        )),
        stroke: Stroke::Solid,
        width: (1.0 + 1.5 * (n as f64 - 1.0)).min(8.0),
        color: "#4d4d4d",
        new: false,
    }
}

/// When each organisation was first reported in each project, by the earliest visible
/// record of its link; `None` when a record says no date (it may be older than any).
pub(super) fn first_reported(view: &View, links: &[EdgeIndex]) -> HashMap<(NodeId, NodeId), Option<Date>> {
    links
        .iter()
        .filter(|&&e| !view.is_tie(e))
        .map(|&e| {
            let first = view
                .records(e)
                .map(|r| crate::filter::reported(view.ds, r))
                .min()
                .flatten();
            (view.graph.edge_ends(e), first)
        })
        .collect()
}

/// Whether a pair's line is new since `since`: in every project they share, one of the two
/// was first reported after it, so the earliest evidence for the line is. (`first` is
/// [`first_reported`].)
pub(super) fn is_new(pair: &Pair, first: &HashMap<(NodeId, NodeId), Option<Date>>, since: Date) -> bool {
    let at = |n: NodeId, p: NodeId| first.get(&(n, p)).copied().flatten();
    pair.projects.iter().all(|&p| match (at(pair.a, p), at(pair.b, p)) {
        (Some(a), Some(b)) => a.max(b) > since,
        _ => false,
    })
}
