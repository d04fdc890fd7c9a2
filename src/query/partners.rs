//! Who works with whom: the organisations within a few steps of one, and the ego network
//! that links them. One breadth-first walk over organisations serves `partners`,
//! `export --focus`, `diagram --focus` and the explorer of a focused diagram.

use petgraph::graph::EdgeIndex;
use serde::Serialize;

use crate::filter::View;
use crate::model::NodeId;
use crate::names::fold;

use super::facts::{Citations, NodeInfo, SourceRef};

/// Not reached by the walk.
const UNSEEN: u32 = u32::MAX;

/// What a walk from some origins reached: organisations by their number of steps from the
/// nearest origin (a step is a shared project), and the projects it crossed.
struct Reach {
    /// Where each node is in `organisations`; [`UNSEEN`] when not reached (and for projects).
    slot: Vec<u32>,
    /// Organisations in the order reached, origins first.
    organisations: Vec<NodeId>,
    /// Steps from the origins of each of `organisations`.
    steps: Vec<u32>,
    /// For each of `organisations`, the project it was reached through and the organisation
    /// one step closer in it (`None` for an origin; no organisation for the members of a
    /// project origin). Of several, the project with the smallest id and its member with
    /// the smallest id: the walk's order, which follows the file's, never shows.
    via: Vec<Option<(NodeId, Option<NodeId>)>>,
    /// Projects whose members the walk took in, in the order crossed: the project origins,
    /// then the projects of every organisation fewer than `depth` steps away.
    crossed: Vec<NodeId>,
}

impl Reach {
    fn steps_of(&self, n: NodeId) -> Option<u32> {
        let slot = self.slot[n.index()];
        (slot != UNSEEN).then(|| self.steps[slot as usize])
    }

    fn add(&mut self, n: NodeId, steps: u32, via: Option<(NodeId, Option<NodeId>)>) {
        self.slot[n.index()] = self.organisations.len() as u32;
        self.organisations.push(n);
        self.steps.push(steps);
        self.via.push(via);
    }
}

/// Walks `depth` steps from `origins`: an organisation origin is 0 steps away, the members
/// of a project origin 1. Each project is crossed once, so a hub in a 200-member
/// consortium costs one pass over the consortium, not 200 × 200.
///
/// Complexity: O(V + E) of the visible graph, plus O(V) to set up.
fn reach(view: &View, origins: &[NodeId], depth: u32) -> Reach {
    let ds = view.ds;
    let id = |n: NodeId| ds.node(n).id();
    let mut r = Reach {
        slot: vec![UNSEEN; ds.node_count()],
        organisations: Vec::new(),
        steps: Vec::new(),
        via: Vec::new(),
        crossed: Vec::new(),
    };
    let mut is_crossed = vec![false; ds.node_count()];
    // Takes in the members of `project`, `k` steps away, into `next`.
    let mut cross = |r: &mut Reach, project: NodeId, k: u32, next: &mut Vec<NodeId>| {
        if std::mem::replace(&mut is_crossed[project.index()], true) {
            return;
        }
        r.crossed.push(project);
        // The member one step closer that leads here: the one with the smallest id.
        let from = view
            .neighbors(project)
            .map(|(m, _)| m)
            .filter(|&m| k > 0 && r.steps_of(m) == Some(k - 1))
            .min_by_key(|&m| id(m));
        for (member, _) in view.neighbors(project) {
            match r.steps_of(member) {
                None => {
                    r.add(member, k, Some((project, from)));
                    next.push(member);
                }
                Some(s) if s == k => {
                    let slot = r.slot[member.index()] as usize;
                    if let Some((p, _)) = r.via[slot] {
                        if id(project) < id(p) {
                            r.via[slot] = Some((project, from));
                        }
                    }
                }
                Some(_) => {}
            }
        }
    };
    // The organisations `k` steps away, and the next layer.
    let (mut frontier, mut next) = (Vec::new(), Vec::new());
    // Organisation origins first: one that is also a member of a project origin is still
    // 0 steps away.
    for &o in origins.iter().filter(|&&o| !ds.node(o).is_project()) {
        if r.steps_of(o).is_none() {
            r.add(o, 0, None);
            frontier.push(o);
        }
    }
    if depth > 0 {
        for &o in origins.iter().filter(|&&o| ds.node(o).is_project()) {
            cross(&mut r, o, 1, &mut next);
        }
    }
    for k in 0..depth {
        for &org in &frontier {
            for (project, _) in view.neighbors(org) {
                cross(&mut r, project, k + 1, &mut next);
            }
        }
        if next.is_empty() {
            break;
        }
        frontier = std::mem::take(&mut next);
    }
    r
}

/// A partner found at some depth.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub node: NodeId,
    /// Steps from the origin: 1 for a direct partner.
    pub depth: u32,
    /// Projects shared with the origin (depth 1 only), in neighbour order.
    pub shared: Vec<NodeId>,
    /// The project it was first reached through, and the partner one step closer that is
    /// in it (none at depth 1: the origin).
    pub via: (NodeId, Option<NodeId>),
}

/// The organisations within `depth` steps of `origin`, in breadth-first order.
///
/// ```
/// use partnet::{filter::View, graph::PartnerGraph, load, query::partners::partners};
/// // a - p - b - q - c: b is a's partner, c is b's.
/// let text = r#"{"entities": [{"id":"a","name":"A"},{"id":"b","name":"B"},{"id":"c","name":"C"}],
///   "projects": [{"id":"p","name":"P"},{"id":"q","name":"Q"}],
///   "participations": [{"entity":"a","project":"p"},{"entity":"b","project":"p"},
///                      {"entity":"b","project":"q"},{"entity":"c","project":"q"}]}"#;
/// let ds = load::load(&[load::Input::Text("t".into(), text.into())], Default::default()).unwrap().dataset;
/// let g = PartnerGraph::build(&ds);
/// let view = View::all(&ds, &g);
/// let found = partners(&view, ds.entity_node(0), 2);
/// let depths: Vec<(usize, u32)> = found.iter().map(|f| (f.node.index(), f.depth)).collect();
/// assert_eq!(depths, [(1, 1), (2, 2)]);
/// ```
///
/// Complexity: O(V + E) of the visible graph.
pub fn partners(view: &View, origin: NodeId, depth: u32) -> Vec<Found> {
    let reach = reach(view, &[origin], depth);
    let mut own = vec![false; view.ds.node_count()];
    for (project, _) in view.neighbors(origin) {
        own[project.index()] = true;
    }
    reach
        .organisations
        .iter()
        .zip(&reach.steps)
        .zip(&reach.via)
        .filter_map(|((&m, &depth), via)| via.map(|via| (m, depth, via)))
        .map(|(m, depth, (project, from))| {
            let shared = if depth == 1 {
                view.neighbors(m).map(|(p, _)| p).filter(|p| own[p.index()]).collect()
            } else {
                Vec::new()
            };
            let via = (project, from.filter(|&f| f != origin));
            Found {
                node: m,
                depth,
                shared,
                via,
            }
        })
        .collect()
}

/// An ego network: nodes and links, in no particular order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ego {
    pub nodes: Vec<NodeId>,
    pub edges: Vec<EdgeIndex>,
}

/// The ego networks of `origins` together: each origin, the organisations within `depth`
/// steps of one, the projects that link them (those the walk crosses) and every visible
/// link of those projects. A project origin counts as crossed: its members are 1 step away.
///
/// Complexity: O(V + E) of the visible graph.
pub fn ego_network(view: &View, origins: &[NodeId], depth: u32) -> Ego {
    let reach = reach(view, origins, depth);
    let mut nodes = reach.organisations;
    let mut edges = Vec::new();
    for &project in &reach.crossed {
        edges.extend(view.neighbors(project).map(|(_, e)| e));
    }
    nodes.extend(reach.crossed);
    Ego { nodes, edges }
}

/// A partner in an answer.
#[derive(Debug, Serialize)]
pub struct Partner {
    pub id: String,
    pub name: String,
    pub depth: u32,
    /// The projects shared with the organisation asked about (depth 1), by id.
    pub shared_projects: Vec<String>,
    /// Who says so: the sources of the links that make it a partner (at depth 1 its links
    /// and the origin's to the shared projects; further out, its link and its nearer
    /// partner's to the project that connects them), by id.
    pub sources: Vec<String>,
}

/// The answer to "who works with NAME".
#[derive(Debug, Serialize)]
pub struct Partners<'a> {
    pub entity: NodeRef,
    pub partners: Vec<Partner>,
    /// Every source the partners cite, by id.
    pub sources: Vec<SourceRef<'a>>,
}

/// An organisation by id and name.
#[derive(Debug, Serialize)]
pub struct NodeRef {
    pub id: String,
    pub name: String,
}

/// The partners of `origin` within `depth` steps, by depth, then name, then id, with the
/// sources that back each.
pub fn answer<'a>(view: &View<'a>, origin: NodeId, depth: u32) -> Partners<'a> {
    let ds = view.ds;
    let mut all = Citations::new(view);
    let mut partners: Vec<Partner> = partners(view, origin, depth)
        .into_iter()
        .map(|f| {
            let mut cited = Citations::new(view);
            let links: Vec<(NodeId, NodeId)> = if f.depth == 1 {
                f.shared.iter().flat_map(|&p| [(origin, p), (f.node, p)]).collect()
            } else {
                let (project, from) = f.via;
                std::iter::once((f.node, project))
                    .chain(from.map(|o| (o, project)))
                    .collect()
            };
            for (org, project) in links {
                if let Some(e) = edge_between(view, org, project) {
                    cited.cite_edge(e);
                    all.cite_edge(e);
                }
            }
            let NodeInfo { id, name, .. } = NodeInfo::of(ds, f.node);
            Partner {
                id,
                name,
                depth: f.depth,
                shared_projects: sorted_ids(view, &f.shared),
                sources: cited.by_id().into_iter().map(|s| s.id.to_string()).collect(),
            }
        })
        .collect();
    partners.sort_by_cached_key(|p| (p.depth, fold(&p.name).into_owned(), p.id.clone()));
    let NodeInfo { id, name, .. } = NodeInfo::of(ds, origin);
    Partners {
        entity: NodeRef { id, name },
        partners,
        sources: all.by_id(),
    }
}

/// The visible edge between two nodes, if any. O(degree of `a`).
pub(crate) fn edge_between(view: &View, a: NodeId, b: NodeId) -> Option<EdgeIndex> {
    view.neighbors(a).find(|&(n, _)| n == b).map(|(_, e)| e)
}

/// The ids of some nodes, sorted.
pub(crate) fn sorted_ids(view: &View, nodes: &[NodeId]) -> Vec<String> {
    let mut ids: Vec<String> = nodes.iter().map(|&p| view.ds.node(p).id().to_string()).collect();
    ids.sort_unstable();
    ids
}
