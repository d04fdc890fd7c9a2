//! The numbers in a diagram's element ids (`n<k>` for a node, `e<k>` for a link, in DOT,
//! SVG and the HTML explorer, which finds SVG elements by them): from the content alone,
//! so that the same data in another order of records gives the same bytes. A node's
//! number is the rank of its id among every node's; a link's is the rank of its ends'
//! numbers (one edge per pair). Computed once per diagram, a few integers per node.

use petgraph::graph::EdgeIndex;

use crate::graph::PartnerGraph;
use crate::model::{Dataset, NodeId};

/// Content-derived numbers of every node and edge of a graph.
pub struct Ids {
    node: Vec<u32>,
    edge: Vec<u32>,
}

impl Ids {
    pub fn new(ds: &Dataset, graph: &PartnerGraph) -> Ids {
        let mut order: Vec<u32> = (0..ds.node_count() as u32).collect();
        let id = |k: u32| {
            let n = NodeId::new(k as usize);
            (ds.node(n).id(), ds.node(n).is_project())
        };
        order.sort_by(|&a, &b| id(a).cmp(&id(b)).then(a.cmp(&b)));
        let mut node = vec![0u32; order.len()];
        for (rank, &k) in order.iter().enumerate() {
            node[k as usize] = rank as u32;
        }
        drop(order);
        let mut keys: Vec<(u32, u32, u32)> = graph
            .graph
            .edge_indices()
            .map(|e| {
                let (a, b) = graph.edge_ends(e);
                let (a, b) = (node[a.index()], node[b.index()]);
                (a.min(b), a.max(b), e.index() as u32)
            })
            .collect();
        keys.sort_unstable();
        let mut edge = vec![0u32; keys.len()];
        for (rank, &(_, _, e)) in keys.iter().enumerate() {
            edge[e as usize] = rank as u32;
        }
        Ids { node, edge }
    }

    /// The number of node `n`: its `n<k>`.
    pub fn node(&self, n: NodeId) -> usize {
        self.node[n.index()] as usize
    }

    /// The number of edge `e`: its `e<k>`.
    pub fn edge(&self, e: EdgeIndex) -> usize {
        self.edge[e.index()] as usize
    }
}
