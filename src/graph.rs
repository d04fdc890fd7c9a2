//! The partnership graph: one node per entity and per project, one undirected edge per
//! (entity, project) pair.
//!
//! Several reports of the same pair (two roles, two sources) share that one edge: the edge
//! weight is a [`Span`] of [`PartnerGraph::records`], the participation indices of the pair.
//! Node `i` is `Dataset::node(i)`, so the graph itself stores no strings.

use petgraph::graph::{EdgeIndex, UnGraph};

use crate::model::{Dataset, NodeId, Participation, Span};

/// The graph of a dataset. Build it once with [`PartnerGraph::build`]; filter it through a
/// [`crate::filter::View`].
///
/// ```
/// use partnet::{graph::PartnerGraph, load};
/// let loaded = load::load(&[load::Input::Text("t.json".into(), r#"{
///   "entities": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
///   "projects": [{"id": "p", "name": "P"}],
///   "participations": [{"entity": "a", "project": "p", "role": "lead"},
///                      {"entity": "a", "project": "p", "role": "financier"},
///                      {"entity": "b", "project": "p"}]}"#.into())], Default::default()).unwrap();
/// let g = PartnerGraph::build(&loaded.dataset);
/// assert_eq!((g.graph.node_count(), g.graph.edge_count()), (3, 2));
/// ```
#[derive(Debug, Clone)]
pub struct PartnerGraph {
    pub graph: UnGraph<(), Span, u32>,
    /// Participation indices grouped by pair; each edge's weight is a run of this.
    pub records: Vec<u32>,
}

impl PartnerGraph {
    /// Builds the graph in linear time: participations are bucketed by entity (a counting
    /// sort), then each entity's few records are sorted by project.
    pub fn build(ds: &Dataset) -> PartnerGraph {
        let n_entities = ds.entities.len();
        let mut starts = vec![0u32; n_entities + 1];
        for p in &ds.participations {
            starts[p.entity as usize + 1] += 1;
        }
        for i in 0..n_entities {
            starts[i + 1] += starts[i];
        }
        let mut fill = starts.clone();
        let mut records = vec![0u32; ds.participations.len()];
        for (k, p) in ds.participations.iter().enumerate() {
            let slot = &mut fill[p.entity as usize];
            records[*slot as usize] = k as u32;
            *slot += 1;
        }
        let mut graph = UnGraph::with_capacity(ds.node_count(), ds.participations.len());
        for _ in 0..ds.node_count() {
            graph.add_node(());
        }
        for e in 0..n_entities {
            let bucket = &mut records[starts[e] as usize..starts[e + 1] as usize];
            // Stable: records of one pair keep their file order.
            bucket.sort_by_key(|&k| ds.participations[k as usize].project);
            let mut i = 0;
            while i < bucket.len() {
                let project = ds.participations[bucket[i] as usize].project;
                let mut j = i + 1;
                while j < bucket.len() && ds.participations[bucket[j] as usize].project == project {
                    j += 1;
                }
                let span = Span {
                    start: starts[e] + i as u32,
                    len: (j - i) as u32,
                };
                graph.add_edge(ds.entity_node(e as u32), ds.project_node(project), span);
                i = j;
            }
        }
        PartnerGraph { graph, records }
    }

    /// The participations an edge stands for, in file order.
    pub fn edge_records<'s, 'd: 's>(
        &'s self,
        ds: &'d Dataset,
        edge: EdgeIndex,
    ) -> impl Iterator<Item = &'d Participation> + 's {
        let span = self.graph[edge];
        self.records[span.range()]
            .iter()
            .map(move |&k| &ds.participations[k as usize])
    }

    /// The entity and project ends of an edge.
    pub fn edge_ends(&self, edge: EdgeIndex) -> (NodeId, NodeId) {
        let (a, b) = self.graph.edge_endpoints(edge).expect("edge exists");
        if a < b {
            (a, b)
        } else {
            (b, a)
        }
    }
}
