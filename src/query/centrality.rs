//! Betweenness centrality (Brandes 2001) on the filtered view, exact or sampled, on all
//! cores.
//!
//! Scores follow networkx's `betweenness_centrality(G, normalized=True)` for undirected
//! graphs: the sum over source nodes of pair dependencies, divided by (n-1)(n-2), so a
//! node on every shortest path between every other pair scores 1.

use rayon::prelude::*;

use crate::filter::{Adjacency, View};
use crate::model::NodeId;

/// How many source nodes to run from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sources {
    /// Every node: exact.
    All,
    /// `k` nodes drawn without replacement by a seeded generator; scores are scaled by n/k.
    /// The standard error shrinks like 1/sqrt(k).
    Sample { k: usize, seed: u64 },
}

/// Betweenness of every node (indexed by node index; hidden nodes score 0).
///
/// ```
/// use partnet::{query::centrality::{betweenness, Sources}, filter::View, graph::PartnerGraph, load};
/// // a - p - b - q - c : b sits on every path between the two ends.
/// let text = r#"{"entities": [{"id":"a","name":"A"},{"id":"b","name":"B"},{"id":"c","name":"C"}],
///   "projects": [{"id":"p","name":"P"},{"id":"q","name":"Q"}],
///   "participations": [{"entity":"a","project":"p"},{"entity":"b","project":"p"},
///                      {"entity":"b","project":"q"},{"entity":"c","project":"q"}]}"#;
/// let ds = load::load(&[load::Input::Text("t".into(), text.into())], Default::default()).unwrap().dataset;
/// let g = PartnerGraph::build(&ds);
/// let scores = betweenness(&View::all(&ds, &g), Sources::All);
/// assert!((scores[1] - 4.0 / 6.0).abs() < 1e-12); // b: on 4 of the 6 pairs of other nodes
/// ```
pub fn betweenness(view: &View, sources: Sources) -> Vec<f64> {
    let n_all = view.ds.node_count();
    let nodes: Vec<NodeId> = view.nodes().collect();
    let n = nodes.len();
    let chosen: Vec<NodeId> = match sources {
        Sources::All => nodes.clone(),
        Sources::Sample { k, seed } => sample(&nodes, k, seed),
    };
    // A fixed number of chunks, summed in order: floating-point addition is not
    // associative, and the scores must not depend on the machine or on thread scheduling.
    let chunk = chosen.len().div_ceil(CHUNKS).max(1);
    let adjacency = view.adjacency();
    let partial: Vec<Vec<f64>> = chosen
        .par_chunks(chunk)
        .map(|starts| {
            let mut acc = vec![0.0f64; n_all];
            let mut work = Work::new(n_all);
            for &s in starts {
                work.accumulate(adjacency, s.index() as u32, &mut acc);
            }
            acc
        })
        .collect();
    let mut sum = vec![0.0f64; n_all];
    for acc in partial {
        sum.iter_mut().zip(acc).for_each(|(x, y)| *x += y);
    }
    let mut scale = if n > 2 {
        1.0 / ((n - 1) as f64 * (n - 2) as f64)
    } else {
        1.0
    };
    if let Sources::Sample { .. } = sources {
        if !chosen.is_empty() {
            scale *= n as f64 / chosen.len() as f64;
        }
    }
    // Rounded to 12 decimals: the last bits of a sum are noise, and equal scores must tie
    // (and then rank by id) rather than order by rounding error.
    sum.into_iter().map(|x| (x * scale * 1e12).round() / 1e12).collect()
}

/// Work is split into this many chunks whatever the number of cores (enough to keep a few
/// cores busy; each chunk holds one score vector).
const CHUNKS: usize = 8;

/// What a Brandes pass knows of one node. The three numbers sit together because each step
/// of a search touches them together at a random node: one cache miss instead of three.
#[derive(Clone, Copy)]
struct State {
    /// Number of shortest paths from the source.
    sigma: f64,
    /// Dependency of the source on this node.
    delta: f64,
    /// Distance from the source; `u32::MAX` when not reached.
    dist: u32,
}

const UNSEEN: State = State {
    sigma: 0.0,
    delta: 0.0,
    dist: u32::MAX,
};

/// Reusable buffers of one Brandes pass.
struct Work {
    state: Vec<State>,
    order: Vec<u32>,
}

impl Work {
    fn new(n: usize) -> Work {
        Work {
            state: vec![UNSEEN; n],
            order: Vec::new(),
        }
    }

    /// Adds the dependencies of source `s` to `acc`.
    fn accumulate(&mut self, adjacency: &Adjacency, s: u32, acc: &mut [f64]) {
        let state = &mut self.state;
        self.order.clear();
        state[s as usize].sigma = 1.0;
        state[s as usize].dist = 0;
        self.order.push(s);
        let mut head = 0;
        while head < self.order.len() {
            let v = self.order[head] as usize;
            head += 1;
            let State {
                sigma: sv, dist: dv, ..
            } = state[v];
            for &w in adjacency.neighbors(v as u32) {
                let ws = &mut state[w as usize];
                if ws.dist == u32::MAX {
                    ws.dist = dv + 1;
                    self.order.push(w);
                }
                if ws.dist == dv + 1 {
                    ws.sigma += sv;
                }
            }
        }
        // Predecessors are the neighbours one layer closer: no predecessor lists needed.
        for &w in self.order.iter().rev() {
            let w = w as usize;
            let State { sigma, delta, dist } = state[w];
            let coeff = (1.0 + delta) / sigma;
            for &v in adjacency.neighbors(w as u32) {
                let v = &mut state[v as usize];
                if dist > 0 && v.dist == dist - 1 {
                    v.delta += v.sigma * coeff;
                }
            }
            if w != s as usize {
                acc[w] += delta;
            }
        }
        for &w in &self.order {
            state[w as usize] = UNSEEN;
        }
    }
}

/// `k` distinct items chosen by a partial Fisher-Yates shuffle with a SplitMix64 generator:
/// the same seed gives the same sample on every machine.
fn sample(items: &[NodeId], k: usize, seed: u64) -> Vec<NodeId> {
    let mut pool = items.to_vec();
    let k = k.min(pool.len());
    let mut state = seed;
    for i in 0..k {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        let j = i + (z % (pool.len() - i) as u64) as usize;
        pool.swap(i, j);
    }
    pool.truncate(k);
    pool
}
