//! How two nodes are connected: shortest chains, found by a search from both ends, and the
//! evidence for every link of them.

use std::collections::HashMap;

use petgraph::graph::EdgeIndex;
use serde::Serialize;

use crate::filter::View;
use crate::model::NodeId;
use crate::vocab;

use super::facts::{Citations, Link, NodeInfo, SourceRef, TieLink};

const UNSEEN: u32 = u32::MAX;

/// The best-evidenced shortest path from `from` to `to` as a node list, or `None` when they
/// are not connected.
///
/// Among equally short chains it takes the one whose links are most definite — each link
/// counts its status's place in [`crate::vocab::STATUSES`] (its visible records' most
/// definite), added up over the chain — then the one with the most sources (each link's
/// distinct visible sources, added up), then the one with the smallest ids, read from the
/// end whose id is smaller. So `path B A` is `path A B` backwards, and the answer never
/// depends on file order.
///
/// Complexity: two searches from both ends (see `distances_between`), then one pass over
/// the shortest-path subgraph.
pub fn shortest_path(view: &View, from: NodeId, to: NodeId) -> Option<Vec<NodeId>> {
    if view.ds.node(from).id() > view.ds.node(to).id() {
        let mut path = best_path(view, to, from)?;
        path.reverse();
        return Some(path);
    }
    best_path(view, from, to)
}

/// How well a link is evidenced: the place of its most definite visible status in the
/// vocabulary's order (0 for an unknown status), and how many distinct visible sources
/// back it.
pub fn evidence(view: &View, e: EdgeIndex) -> (u64, u64) {
    let ds = view.ds;
    let records = view.records(e).map(|p| (ds.status(p), p.sources));
    let ties = view.ties(e).map(|t| (ds.tie_status(t), t.sources));
    let (mut rank, mut sources) = (0, Vec::new());
    for (status, span) in records.chain(ties) {
        rank = rank.max(vocab::status_rank(status) as u64);
        for &s in &ds.source_refs[span.range()] {
            if view.source_ok(&ds.sources[s as usize]) && !sources.contains(&s) {
                sources.push(s);
            }
        }
    }
    (rank, sources.len() as u64)
}

/// The shortest paths from one node to another, as distances from both ends: a node is on
/// one when its two distances add up to the length.
struct Dag {
    from: NodeId,
    to: NodeId,
    near_from: Vec<u32>,
    near_to: Vec<u32>,
    length: u32,
}

impl Dag {
    /// `None` when `to` cannot be reached from `from`.
    fn new(view: &View, from: NodeId, to: NodeId) -> Option<Dag> {
        // Each distance is exact or UNSEEN, and exact on every shortest path.
        let near_from = distances_between(view, from, to)?;
        let near_to = distances_between(view, to, from).expect("connected both ways");
        Some(Dag {
            from,
            to,
            length: near_from[to.index()],
            near_from,
            near_to,
        })
    }

    fn on_path(&self, n: NodeId) -> bool {
        let (a, b) = (self.near_from[n.index()], self.near_to[n.index()]);
        a != UNSEEN && b != UNSEEN && a + b == self.length
    }

    /// The links from `v` one step further along a shortest path, in neighbour order.
    fn step(&self, view: &View, v: NodeId) -> Vec<(NodeId, EdgeIndex)> {
        let depth = self.near_from[v.index()] + 1;
        view.neighbors(v)
            .filter(|&(w, _)| self.on_path(w) && self.near_from[w.index()] == depth)
            .collect()
    }

    /// The nodes on shortest paths, layer by layer from `from`.
    fn layers(&self, view: &View) -> Vec<Vec<NodeId>> {
        let mut layers = vec![vec![self.from]];
        for _ in 0..self.length {
            let last = layers.last().expect("the first layer is there");
            let mut next: Vec<NodeId> = last
                .iter()
                .flat_map(|&v| self.step(view, v).into_iter().map(|(w, _)| w))
                .collect();
            next.sort_unstable();
            next.dedup();
            layers.push(next);
        }
        layers
    }

    /// How many shortest paths there are (at most `u64::MAX`).
    fn count(&self, view: &View) -> u64 {
        let mut paths: HashMap<NodeId, u64> = HashMap::from([(self.from, 1)]);
        for layer in self.layers(view) {
            for v in layer {
                let here = paths[&v];
                for (w, _) in self.step(view, v) {
                    let slot = paths.entry(w).or_insert(0);
                    *slot = slot.saturating_add(here);
                }
            }
        }
        paths[&self.to]
    }
}

/// [`shortest_path`] with ties broken by the ids read from `from`.
fn best_path(view: &View, from: NodeId, to: NodeId) -> Option<Vec<NodeId>> {
    let ds = view.ds;
    let dag = Dag::new(view, from, to)?;
    // From the far end back: the best score to `to` from each node, and its next node.
    let mut best: HashMap<NodeId, ((u64, u64), Option<NodeId>)> = HashMap::new();
    best.insert(to, ((0, 0), None));
    for layer in dag.layers(view).iter().rev().skip(1) {
        for &v in layer {
            let mut choice: Option<((u64, u64), NodeId)> = None;
            for (w, e) in dag.step(view, v) {
                let (rank, sources) = evidence(view, e);
                let after = best[&w].0;
                let score = (after.0 + rank, after.1 + sources);
                let better = match choice {
                    None => true,
                    Some((s, c)) => score > s || (score == s && ds.node(w).id() < ds.node(c).id()),
                };
                if better {
                    choice = Some((score, w));
                }
            }
            let (score, next) = choice.expect("a node on a shortest path has a next step");
            best.insert(v, (score, Some(next)));
        }
    }
    let mut path = vec![from];
    while let Some(next) = best[path.last().expect("the path starts at `from`")].1 {
        path.push(next);
    }
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

/// Every shortest path from `from` to `to`, at most `limit`, in order of their id sequences,
/// and how many there are in all.
pub fn all_shortest_paths(view: &View, from: NodeId, to: NodeId, limit: usize) -> (Vec<Vec<NodeId>>, u64) {
    let Some(dag) = Dag::new(view, from, to) else {
        return (Vec::new(), 0);
    };
    // Depth-first over the shortest-path DAG with an explicit stack: a long chain cannot
    // overflow the call stack. Each frame holds the candidates still to try, largest id
    // first so that popping yields them in id order.
    let step = |n: NodeId| -> Vec<NodeId> {
        let mut next: Vec<NodeId> = dag.step(view, n).into_iter().map(|(m, _)| m).collect();
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
    (paths, dag.count(view))
}

/// A chain: its nodes from A to B and the link between each consecutive pair.
#[derive(Debug, Serialize)]
pub struct Chain {
    pub nodes: Vec<NodeInfo>,
    pub links: Vec<Step>,
}

/// One link of a chain: a participation in a project, or a tie between organisations.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Step {
    Participation(Link),
    Tie(TieStep),
}

/// A tie as a step of a chain: its first kind (in record order), and any other kinds the
/// same two organisations are tied by.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TieStep {
    #[serde(flatten)]
    pub tie: TieLink,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<TieLink>,
}

impl Step {
    /// The step over a visible edge.
    pub fn of(view: &View, edge: EdgeIndex) -> Step {
        if view.is_tie(edge) {
            let mut ties = TieLink::of(view, edge).into_iter();
            let tie = ties.next().expect("a visible tie edge has a visible tie");
            Step::Tie(TieStep {
                tie,
                also: ties.collect(),
            })
        } else {
            Step::Participation(Link::of(view, edge))
        }
    }

    /// The source ids the step cites.
    pub fn sources(&self) -> Vec<&str> {
        match self {
            Step::Participation(l) => l.sources.iter().map(String::as_str).collect(),
            Step::Tie(t) => {
                let mut ids: Vec<&str> = Vec::new();
                for id in std::iter::once(&t.tie).chain(&t.also).flat_map(|l| &l.sources) {
                    if !ids.contains(&id.as_str()) {
                        ids.push(id);
                    }
                }
                ids
            }
        }
    }
}

impl Chain {
    pub fn of(view: &View, path: &[NodeId]) -> Chain {
        let nodes = path.iter().map(|&n| NodeInfo::of(view.ds, n)).collect();
        let links = path
            .windows(2)
            .map(|pair| {
                let edge =
                    super::partners::edge_between(view, pair[0], pair[1]).expect("consecutive path nodes are linked");
                Step::of(view, edge)
            })
            .collect();
        Chain { nodes, links }
    }
}

/// The answer: the best-evidenced chain (`nodes`, `links`) and with `--all` every shortest
/// chain in `paths`; the sources every chain cites.
#[derive(Debug, Serialize)]
pub struct PathReport<'a> {
    pub found: bool,
    /// Number of links in a shortest chain.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub length: Option<usize>,
    pub nodes: Vec<NodeInfo>,
    pub links: Vec<Step>,
    /// With `--all`: the shortest chains, in the order of their id sequences.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paths: Option<Vec<Chain>>,
    /// With `--all`: how many shortest chains there are in all.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<u64>,
    /// With `--all`: whether `--limit` left some out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub truncated: Option<bool>,
    /// Every source the chains cite, by id.
    pub sources: Vec<SourceRef<'a>>,
    /// The names of the two ends, for the text form.
    #[serde(skip)]
    pub ends: (String, String),
}

/// The chains from `a` to `b`: the best-evidenced one, and with `all` up to that many of
/// every shortest one, in id order.
pub fn answer<'a>(view: &View<'a>, a: NodeId, b: NodeId, all: Option<usize>) -> PathReport<'a> {
    let ends = (view.ds.node(a).name().to_string(), view.ds.node(b).name().to_string());
    let mut report = PathReport {
        found: false,
        length: None,
        nodes: vec![],
        links: vec![],
        paths: None,
        total: None,
        truncated: None,
        sources: vec![],
        ends,
    };
    let Some(best) = shortest_path(view, a, b) else {
        return report;
    };
    let mut cited = Citations::new(view);
    let mut chain = |path: &[NodeId]| {
        for pair in path.windows(2) {
            cited.cite_edge(super::partners::edge_between(view, pair[0], pair[1]).expect("linked"));
        }
        Chain::of(view, path)
    };
    let Chain { nodes, links } = chain(&best);
    if let Some(limit) = all {
        let (paths, total) = all_shortest_paths(view, a, b, limit);
        report.truncated = Some((paths.len() as u64) < total);
        report.total = Some(total);
        report.paths = Some(paths.iter().map(|p| chain(p)).collect());
    }
    report.found = true;
    report.length = Some(best.len() - 1);
    report.nodes = nodes;
    report.links = links;
    report.sources = cited.by_id();
    report
}
