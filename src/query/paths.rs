//! How two nodes are connected: shortest chains, found by a search from both ends, and the
//! evidence for every link of them.

use serde::Serialize;

use crate::filter::View;
use crate::model::NodeId;

use super::facts::{Link, NodeInfo};

const UNSEEN: u32 = u32::MAX;

/// One shortest path from `from` to `to` as a node list, or `None` when they are not
/// connected. Among equally short paths it takes, walking back from `to`, the neighbour with
/// the smallest id at each step, so the answer does not depend on file order.
pub fn shortest_path(view: &View, from: NodeId, to: NodeId) -> Option<Vec<NodeId>> {
    let dist = distances_between(view, from, to)?;
    let mut path = vec![to];
    let mut node = to;
    while node != from {
        let want = dist[node.index()] - 1;
        node = view
            .neighbors(node)
            .map(|(n, _)| n)
            .filter(|n| dist[n.index()] == want)
            .min_by_key(|&n| view.ds.node(n).id())
            .expect("a node at distance d has a neighbour at d - 1");
        path.push(node);
    }
    path.reverse();
    Some(path)
}

/// Distances from `from`: each exact or UNSEEN, and exact for every node on a shortest
/// path from `from` to `to`; `None` when `to` cannot be reached.
///
/// A search from each end, one whole layer at a time on the smaller side, meets in the
/// middle: on a graph with hubs, where most nodes are a few steps from any other, one
/// search from `from` would visit nearly all of them. The distances from `from` of the
/// nodes on shortest paths that the search from `to` found are then set from their
/// distance to `to`, layer by layer back from where the searches met.
fn distances_between(view: &View, from: NodeId, to: NodeId) -> Option<Vec<u32>> {
    let n = view.ds.node_count();
    let (mut near_from, mut near_to) = (vec![UNSEEN; n], vec![UNSEEN; n]);
    near_from[from.index()] = 0;
    near_to[to.index()] = 0;
    // Each side's outermost complete layer, and its distance from that side's end.
    let (mut layer_from, mut layer_to) = (vec![from], vec![to]);
    let (mut k_from, mut k_to) = (0, 0);
    let mut met = from == to;
    while !met {
        if layer_from.is_empty() || layer_to.is_empty() {
            return None;
        }
        let forward = layer_from.len() <= layer_to.len();
        let (dist, other, layer, k) = if forward {
            (&mut near_from, &near_to, &mut layer_from, &mut k_from)
        } else {
            (&mut near_to, &near_from, &mut layer_to, &mut k_to)
        };
        let mut next = Vec::new();
        for &node in layer.iter() {
            for (m, _) in view.neighbors(node) {
                if dist[m.index()] == UNSEEN {
                    dist[m.index()] = *k + 1;
                    met |= other[m.index()] != UNSEEN;
                    next.push(m);
                }
            }
        }
        *layer = next;
        *k += 1;
    }
    // The searches met: the distance is k_from + k_to, and the nodes on shortest paths in
    // the outer layer of the search from `to` are those the search from `from` reached.
    let length = k_from + k_to;
    let mut on_path: Vec<NodeId> = layer_to
        .into_iter()
        .filter(|m| near_from[m.index()] == k_from)
        .collect();
    for j in (1..=k_to).rev() {
        let mut closer = Vec::new();
        for &p in &on_path {
            for (m, _) in view.neighbors(p) {
                if near_to[m.index()] == j - 1 && near_from[m.index()] == UNSEEN {
                    near_from[m.index()] = length - (j - 1);
                    closer.push(m);
                }
            }
        }
        on_path = closer;
    }
    Some(near_from)
}

/// Every shortest path from `from` to `to`, at most `limit`, in order of their id sequences.
pub fn all_shortest_paths(view: &View, from: NodeId, to: NodeId, limit: usize) -> Vec<Vec<NodeId>> {
    // Each distance is exact or UNSEEN, and exact on every shortest path.
    let Some(from_start) = distances_between(view, from, to) else {
        return Vec::new();
    };
    let length = from_start[to.index()];
    let from_end = distances_between(view, to, from).expect("connected both ways");
    let on_path = |n: NodeId| {
        let (a, b) = (from_start[n.index()], from_end[n.index()]);
        a != UNSEEN && b != UNSEEN && a + b == length
    };
    // Depth-first over the shortest-path DAG with an explicit stack: a long chain cannot
    // overflow the call stack. Each frame holds the candidates still to try, largest id
    // first so that popping yields them in id order.
    let step = |n: NodeId| -> Vec<NodeId> {
        let depth = from_start[n.index()] + 1;
        let mut next: Vec<NodeId> = view
            .neighbors(n)
            .map(|(m, _)| m)
            .filter(|&m| on_path(m) && from_start[m.index()] == depth)
            .collect();
        next.sort_by(|&a, &b| view.ds.node(b).id().cmp(view.ds.node(a).id()));
        next.dedup();
        next
    };
    let mut paths = Vec::new();
    let mut chain = vec![from];
    let mut frames = vec![step(from)];
    while let Some(frame) = frames.last_mut() {
        if paths.len() >= limit {
            break;
        }
        if *chain.last().expect("the chain starts with the origin") == to {
            paths.push(chain.clone());
        }
        match frame.pop() {
            Some(next) if *chain.last().unwrap() != to => {
                chain.push(next);
                frames.push(step(next));
            }
            _ => {
                frames.pop();
                chain.pop();
            }
        }
    }
    paths
}

/// A chain: its nodes from A to B and the link between each consecutive pair.
#[derive(Debug, Serialize)]
pub struct Chain {
    pub nodes: Vec<NodeInfo>,
    pub links: Vec<Link>,
}

impl Chain {
    pub fn of(view: &View, path: &[NodeId]) -> Chain {
        let nodes = path.iter().map(|&n| NodeInfo::of(view.ds, n)).collect();
        let links = path
            .windows(2)
            .map(|pair| {
                let edge = view
                    .neighbors(pair[0])
                    .find(|&(n, _)| n == pair[1])
                    .map(|(_, e)| e)
                    .expect("consecutive path nodes are linked");
                Link::of(view, edge)
            })
            .collect();
        Chain { nodes, links }
    }
}

/// The answer: one chain (`nodes`, `links`), or with `--all` every chain in `paths`.
#[derive(Debug, Serialize)]
pub struct PathReport {
    pub found: bool,
    /// Number of links in a shortest chain.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub length: Option<usize>,
    pub nodes: Vec<NodeInfo>,
    pub links: Vec<Link>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paths: Option<Vec<Chain>>,
    /// The names of the two ends, for the text form.
    #[serde(skip)]
    pub ends: (String, String),
}

/// The chains from `a` to `b`: one, or with `all` up to that many, in id order.
pub fn answer(view: &View, a: NodeId, b: NodeId, all: Option<usize>) -> PathReport {
    let ends = (view.ds.node(a).name().to_string(), view.ds.node(b).name().to_string());
    let paths = match all {
        Some(limit) => all_shortest_paths(view, a, b, limit),
        None => shortest_path(view, a, b).into_iter().collect(),
    };
    let Some(first) = paths.first() else {
        return PathReport {
            found: false,
            length: None,
            nodes: vec![],
            links: vec![],
            paths: None,
            ends,
        };
    };
    let chain = Chain::of(view, first);
    PathReport {
        found: true,
        length: Some(first.len() - 1),
        paths: all.map(|_| paths.iter().map(|p| Chain::of(view, p)).collect()),
        nodes: chain.nodes,
        links: chain.links,
        ends,
    }
}
