//! How big the graph is and how it hangs together.

use serde::Serialize;

use crate::filter::View;

use super::components::components;
use super::facts::Citations;

/// Counts of the (filtered) graph.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Stats {
    pub entities: usize,
    pub projects: usize,
    /// Participation records on visible links.
    pub participations: usize,
    /// Sources defined (unfiltered) or cited by what the filters keep.
    pub sources: usize,
    /// Entities plus projects.
    pub nodes: usize,
    /// Distinct (entity, project) pairs, plus tied pairs of organisations.
    pub edges: usize,
    /// Distinct pairs of organisations with a tie.
    pub ties: usize,
    pub components: usize,
    /// Node count of the largest component.
    pub largest_component: usize,
}

/// Counts the view's nodes, records, sources and components. O(V + E).
pub fn stats(view: &View) -> Stats {
    let ds = view.ds;
    let (mut entities, mut projects) = (0, 0);
    for n in view.nodes() {
        if ds.node(n).is_project() {
            projects += 1;
        } else {
            entities += 1;
        }
    }
    let (participations, sources) = if view.is_whole() {
        (ds.participations.len(), ds.sources.len())
    } else {
        let mut cited = Citations::new(view);
        let mut count = 0;
        for e in view.edges() {
            count += view.records(e).count();
            cited.cite_edge(e);
        }
        for n in view.nodes() {
            cited.cite_node(n);
        }
        (count, cited.len())
    };
    let groups = components(view);
    Stats {
        entities,
        projects,
        participations,
        sources,
        nodes: entities + projects,
        edges: view.edge_count(),
        ties: view.edges().filter(|&e| view.is_tie(e)).count(),
        components: groups.len(),
        largest_component: if groups.is_empty() { 0 } else { groups.get(0).len() },
    }
}
