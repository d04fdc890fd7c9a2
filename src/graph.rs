//! The partnership graph: one node per entity and per project, one undirected edge per
//! (entity, project) pair, and one per pair of organisations with a tie.
//!
//! Several reports of the same pair (two roles, two sources) share that one edge: the edge
//! weight is where the pair's run starts in [`PartnerGraph::records`], the participation
//! indices of each pair in edge order, or, for a tie edge, in [`PartnerGraph::tie_records`],
//! the tie indices of each tied pair (each tie keeps its own direction). A run ends where
//! the next edge's starts: an edge costs 20 bytes, not 24 with a length of its own.
//! Participation edges come first, tie edges after [`PartnerGraph::first_tie`]. Node `i` is
//! `Dataset::node(i)`, so the graph itself stores no strings.

use petgraph::graph::{EdgeIndex, UnGraph};

use crate::model::{Dataset, NodeId, Participation, Tie};
use crate::prefetch::{populate, prefetch};

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
    pub graph: UnGraph<(), u32, u32>,
    /// Participation indices grouped by pair, in edge order; each participation edge's
    /// weight is where its run starts.
    pub records: Vec<u32>,
    /// Tie indices grouped by (unordered) pair, in edge order; each tie edge's weight is
    /// where its run starts.
    pub tie_records: Vec<u32>,
    /// The index of the first tie edge: every edge before it links an entity to a project.
    pub first_tie: u32,
}

/// How many links ahead [`PartnerGraph::build`] fetches a project's node.
const PREFETCH: usize = 8;

/// Bytes of an edge and of a node in petgraph's tables, for mapping their pages in early.
const EDGE_BYTES: usize = std::mem::size_of::<petgraph::graph::Edge<u32, u32>>();
const NODE_BYTES: usize = std::mem::size_of::<petgraph::graph::Node<(), u32>>();
/// Below this many bytes of tables, the pages fault in faster than a thread starts.
const POPULATE_MIN: usize = 8 << 20;

impl PartnerGraph {
    /// Builds the graph in linear time: participations are bucketed by entity (a counting
    /// sort), then each entity's few records are sorted by project.
    pub fn build(ds: &Dataset) -> PartnerGraph {
        // Room for every edge up front: pairs and tied pairs are at most their records, and a
        // Vec of millions of edges that outgrows its capacity doubles it.
        let mut graph = UnGraph::with_capacity(ds.node_count(), ds.participations.len() + ds.ties.len());
        let mut pairs = vec![(0u32, 0u32); ds.participations.len()];
        std::thread::scope(|scope| {
            // A million companies' tables are a hundred megabytes of fresh memory: the other
            // core maps their pages in while this one counts and sorts what goes in them.
            let (nodes, edges) = graph.capacity();
            let tables = [
                (pairs.as_ptr() as usize, std::mem::size_of_val(&pairs[..])),
                (graph.raw_edges().as_ptr() as usize, edges * EDGE_BYTES),
                (graph.raw_nodes().as_ptr() as usize, nodes * NODE_BYTES),
            ];
            if tables.iter().map(|t| t.1).sum::<usize>() >= POPULATE_MIN {
                scope.spawn(move || tables.into_iter().for_each(|(start, len)| populate(start, len)));
            }
            Self::link(ds, &mut graph, &mut pairs);
        });
        // A new table, not `into_iter().collect()`: collected in place, the records would
        // keep the pairs' memory, twice their own.
        let mut records: Vec<u32> = pairs.iter().map(|&(_, k)| k).collect();
        drop(pairs);
        // The records of one pair in an order of their own content, not the files'.
        let runs: Vec<u32> = graph.edge_weights().copied().collect();
        for (i, &start) in runs.iter().enumerate() {
            let end = runs.get(i + 1).map_or(records.len(), |&e| e as usize);
            if end - start as usize > 1 {
                records[start as usize..end].sort_by(|&a, &b| record_order(ds, a, b));
            }
        }
        let first_tie = graph.edge_count() as u32;
        // Ties are few: sorted by their pair, one edge per pair, records by their content.
        let mut ties: Vec<(u32, u32, u32)> = ds
            .ties
            .iter()
            .enumerate()
            .map(|(k, t)| (t.from.min(t.to), t.from.max(t.to), k as u32))
            .collect();
        ties.sort_unstable();
        let mut i = 0;
        while i < ties.len() {
            let (a, b, _) = ties[i];
            let j = i + ties[i..].iter().take_while(|t| (t.0, t.1) == (a, b)).count();
            graph.add_edge(ds.entity_node(a), ds.entity_node(b), i as u32);
            i = j;
        }
        let mut tie_records: Vec<u32> = ties.into_iter().map(|(_, _, k)| k).collect();
        let tie_runs: Vec<u32> = graph.edge_weights().skip(first_tie as usize).copied().collect();
        for (i, &start) in tie_runs.iter().enumerate() {
            let end = tie_runs.get(i + 1).map_or(tie_records.len(), |&e| e as usize);
            if end - start as usize > 1 {
                tie_records[start as usize..end].sort_by(|&a, &b| tie_order(ds, a, b));
            }
        }
        PartnerGraph {
            graph,
            records,
            tie_records,
            first_tie,
        }
    }

    /// The nodes and the participation edges, in entity order and then project order, into
    /// an empty `graph`; `pairs` (one a participation) ends up holding each edge's
    /// (project, participation) pairs, in edge order.
    fn link(ds: &Dataset, graph: &mut UnGraph<(), u32, u32>, pairs: &mut [(u32, u32)]) {
        let n_entities = ds.entities.len();
        let mut starts = vec![0u32; n_entities + 1];
        for p in &ds.participations {
            starts[p.entity as usize + 1] += 1;
        }
        for i in 0..n_entities {
            starts[i + 1] += starts[i];
        }
        // (project, participation) in entity order: the project rides along, so that neither
        // the sort nor the edges read the participations again in random order.
        let mut fill = starts.clone();
        for (k, p) in ds.participations.iter().enumerate() {
            let slot = &mut fill[p.entity as usize];
            pairs[*slot as usize] = (p.project, k as u32);
            *slot += 1;
        }
        for _ in 0..ds.node_count() {
            graph.add_node(());
        }
        for e in 0..n_entities {
            // Stable for now; the records of a pair are put in content order after.
            pairs[starts[e] as usize..starts[e + 1] as usize].sort_by_key(|&(project, _)| project);
        }
        let mut i = 0;
        for e in 0..n_entities {
            let end = starts[e + 1] as usize;
            while i < end {
                let project = pairs[i].0;
                let mut j = i + 1;
                while j < end && pairs[j].0 == project {
                    j += 1;
                }
                // Projects come in no order: fetch the one a few links on while this one
                // is linked, or each link waits on memory.
                if let Some(&(ahead, _)) = pairs.get(j + PREFETCH) {
                    prefetch(graph.raw_nodes(), ds.project_node(ahead).index());
                }
                graph.add_edge(ds.entity_node(e as u32), ds.project_node(project), i as u32);
                i = j;
            }
        }
    }

    /// Whether an edge is a tie between two organisations (else a participation).
    pub fn is_tie(&self, edge: EdgeIndex) -> bool {
        edge.index() as u32 >= self.first_tie
    }

    /// Where an edge's run starts and ends, in [`PartnerGraph::records`] for a participation
    /// edge and in [`PartnerGraph::tie_records`] for a tie edge.
    fn run(&self, edge: EdgeIndex) -> std::ops::Range<usize> {
        let next = edge.index() + 1;
        let end = if self.is_tie(edge) {
            self.graph
                .edge_weight(EdgeIndex::new(next))
                .map_or(self.tie_records.len(), |&s| s as usize)
        } else if next < self.first_tie as usize {
            self.graph[EdgeIndex::new(next)] as usize
        } else {
            self.records.len()
        };
        self.graph[edge] as usize..end
    }

    /// The ties a tie edge stands for, in content order ([`tie_order`]; none for a participation edge).
    pub fn edge_ties<'s, 'd: 's>(&'s self, ds: &'d Dataset, edge: EdgeIndex) -> impl Iterator<Item = &'d Tie> + 's {
        let run = if self.is_tie(edge) { self.run(edge) } else { 0..0 };
        self.tie_records[run].iter().map(move |&k| &ds.ties[k as usize])
    }

    /// The indices in `Dataset::participations` of a participation edge's records, in file
    /// order (none for a tie edge): for a pass that reads a table by record, not the
    /// records themselves.
    pub fn edge_record_indices(&self, edge: EdgeIndex) -> &[u32] {
        let run = if self.is_tie(edge) { 0..0 } else { self.run(edge) };
        &self.records[run]
    }

    /// The participations an edge stands for, in content order ([`record_order`]; none for a tie edge).
    pub fn edge_records<'s, 'd: 's>(
        &'s self,
        ds: &'d Dataset,
        edge: EdgeIndex,
    ) -> impl Iterator<Item = &'d Participation> + 's {
        self.edge_record_indices(edge)
            .iter()
            .map(move |&k| &ds.participations[k as usize])
    }

    /// The entity and project ends of an edge (for a tie, the two entities, smaller first).
    pub fn edge_ends(&self, edge: EdgeIndex) -> (NodeId, NodeId) {
        let (a, b) = self.graph.edge_endpoints(edge).expect("edge exists");
        if a < b {
            (a, b)
        } else {
            (b, a)
        }
    }
}

/// The order of two participations of one pair, from their content alone (so that no answer
/// depends on the order of the files): when reported, the role in vocabulary order, the
/// status from least to most definite, then sources, evidence and own date.
pub fn record_order(ds: &Dataset, a: u32, b: u32) -> std::cmp::Ordering {
    let key = |k: u32| {
        let p = &ds.participations[k as usize];
        let role = ds.role(p);
        (
            crate::filter::reported(ds, p),
            crate::vocab::role_rank(role),
            role,
            crate::vocab::status_rank(ds.status(p)),
            ds.status(p),
            ds.sources_in(p.sources).map(|s| &*s.id).collect::<Vec<_>>(),
            ds.evidence_of(p),
            p.date,
        )
    };
    key(a).cmp(&key(b)).then(a.cmp(&b))
}

/// The order of two ties of one pair, from their content alone (see [`record_order`]):
/// when reported, the kind in vocabulary order, then what they say.
pub fn tie_order(ds: &Dataset, a: u32, b: u32) -> std::cmp::Ordering {
    let key = |k: u32| {
        let t = &ds.ties[k as usize];
        (
            crate::filter::tie_reported(ds, t),
            (crate::vocab::tie_kind_rank(ds.tie_kind(t)), ds.tie_kind(t)),
            ds.entities[t.from as usize].id(),
            t.share.map(f64::to_bits),
            t.title.as_deref(),
            t.until,
            t.value.map(|v| v.to_string()),
            crate::vocab::status_rank(ds.tie_status(t)),
            ds.tie_status(t),
            ds.sources_in(t.sources).map(|s| &*s.id).collect::<Vec<_>>(),
            ds.tie_evidence(t),
            t.date,
        )
    };
    key(a).cmp(&key(b)).then(a.cmp(&b))
}
