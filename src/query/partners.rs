//! Who works with whom: the organisations within a few steps of one, and the ego network
//! that links them. One breadth-first walk over organisations serves `partners`,
//! `export --focus`, `diagram --focus` and the explorer of a focused diagram.

use petgraph::graph::EdgeIndex;
use serde::Serialize;

use crate::filter::View;
use crate::model::NodeId;
use crate::names::fold;

use super::facts::NodeInfo;

/// Not reached by the walk.
const UNSEEN: u32 = u32::MAX;

/// What a walk from some origins reached: organisations by their number of steps from the
/// nearest origin (a step is a shared project), and the projects it crossed.
struct Reach {
    /// Steps of each node from the origins (organisations only); [`UNSEEN`] elsewhere.
    steps: Vec<u32>,
    /// Organisations in the order reached, origins first.
    organisations: Vec<NodeId>,
    /// Projects whose members the walk took in, in the order crossed: the project origins,
    /// then the projects of every organisation fewer than `depth` steps away.
    crossed: Vec<NodeId>,
}

/// Walks `depth` steps from `origins`: an organisation origin is 0 steps away, the members
/// of a project origin 1. Each project is crossed once, so a hub in a 200-member
/// consortium costs one pass over the consortium, not 200 × 200.
///
/// Complexity: O(V + E) of the visible graph, plus O(V) to set up.
fn reach(view: &View, origins: &[NodeId], depth: u32) -> Reach {
    let ds = view.ds;
    let mut r = Reach {
        steps: vec![UNSEEN; ds.node_count()],
        organisations: Vec::new(),
        crossed: Vec::new(),
    };
    let mut is_crossed = vec![false; ds.node_count()];
    // Takes in the members of `project`, `k` steps away, into `next`.
    let mut cross = |r: &mut Reach, project: NodeId, k: u32, next: &mut Vec<NodeId>| {
        if std::mem::replace(&mut is_crossed[project.index()], true) {
            return;
        }
        r.crossed.push(project);
        for (member, _) in view.neighbors(project) {
            if r.steps[member.index()] == UNSEEN {
                r.steps[member.index()] = k;
                r.organisations.push(member);
                next.push(member);
            }
        }
    };
    // The organisations `k` steps away, and the next layer.
    let (mut frontier, mut next) = (Vec::new(), Vec::new());
    // Organisation origins first: one that is also a member of a project origin is still
    // 0 steps away.
    for &o in origins.iter().filter(|&&o| !ds.node(o).is_project()) {
        if r.steps[o.index()] == UNSEEN {
            r.steps[o.index()] = 0;
            r.organisations.push(o);
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
        .filter(|&&m| m != origin)
        .map(|&m| {
            let depth = reach.steps[m.index()];
            let shared = if depth == 1 {
                view.neighbors(m).map(|(p, _)| p).filter(|p| own[p.index()]).collect()
            } else {
                Vec::new()
            };
            Found { node: m, depth, shared }
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
}

/// The answer to "who works with NAME".
#[derive(Debug, Serialize)]
pub struct Partners {
    pub entity: NodeRef,
    pub partners: Vec<Partner>,
}

/// An organisation by id and name.
#[derive(Debug, Serialize)]
pub struct NodeRef {
    pub id: String,
    pub name: String,
}

/// The partners of `origin` within `depth` steps, by depth, then name, then id.
pub fn answer(view: &View, origin: NodeId, depth: u32) -> Partners {
    let ds = view.ds;
    let mut partners: Vec<Partner> = partners(view, origin, depth)
        .into_iter()
        .map(|f| {
            let NodeInfo { id, name, .. } = NodeInfo::of(ds, f.node);
            Partner {
                id,
                name,
                depth: f.depth,
                shared_projects: sorted_ids(view, &f.shared),
            }
        })
        .collect();
    partners.sort_by_cached_key(|p| (p.depth, fold(&p.name).into_owned(), p.id.clone()));
    let NodeInfo { id, name, .. } = NodeInfo::of(ds, origin);
    Partners {
        entity: NodeRef { id, name },
        partners,
    }
}

/// The ids of some nodes, sorted.
pub(crate) fn sorted_ids(view: &View, nodes: &[NodeId]) -> Vec<String> {
    let mut ids: Vec<String> = nodes.iter().map(|&p| view.ds.node(p).id().to_string()).collect();
    ids.sort_unstable();
    ids
}
