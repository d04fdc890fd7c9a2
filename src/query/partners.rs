//! Who works with whom: the organisations within a few steps of one, and the ego network
//! that links them. One breadth-first walk over organisations serves `partners`,
//! `export --focus`, `diagram --focus` and the explorer of a focused diagram.

use petgraph::graph::EdgeIndex;
use serde::Serialize;

use crate::filter::View;
use crate::model::NodeId;
use crate::names::fold;

use super::facts::{Citations, NodeInfo, SourceRef, TieLink, TieRef};

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
    /// For each of `organisations`, how it was reached (`None` for an origin). Of several
    /// ways, the one whose project (or tied organisation) has the smallest id: the walk's
    /// order, which follows the file's, never shows.
    via: Vec<Option<Via>>,
    /// Projects whose members the walk took in, in the order crossed: the project origins,
    /// then the projects of every organisation fewer than `depth` steps away.
    crossed: Vec<NodeId>,
}

impl Reach {
    fn steps_of(&self, n: NodeId) -> Option<u32> {
        let slot = self.slot[n.index()];
        (slot != UNSEEN).then(|| self.steps[slot as usize])
    }

    fn add(&mut self, n: NodeId, steps: u32, via: Option<Via>) {
        self.slot[n.index()] = self.organisations.len() as u32;
        self.organisations.push(n);
        self.steps.push(steps);
        self.via.push(via);
    }
}

/// How an organisation was reached, one step further than the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// Through a shared project, from the organisation one step closer that is in it (none
    /// for the members of a project origin).
    Project(NodeId, Option<NodeId>),
    /// By a tie with the organisation one step closer.
    Tie(NodeId),
}

impl Via {
    /// The node whose id decides between two ways: the project, or the tied organisation.
    fn key(self) -> NodeId {
        match self {
            Via::Project(p, _) | Via::Tie(p) => p,
        }
    }
}

/// Walks `depth` steps from `origins`: an organisation origin is 0 steps away, the members
/// of a project origin 1; a step is a shared project or a tie. Each project is crossed
/// once, so a hub in a 200-member consortium costs one pass over the consortium, not
/// 200 × 200.
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
    // Takes in `n`, `k` steps away, reached `via`; or notes a better way to it.
    let reached = |r: &mut Reach, n: NodeId, k: u32, via: Via, next: &mut Vec<NodeId>| match r.steps_of(n) {
        None => {
            r.add(n, k, Some(via));
            next.push(n);
        }
        Some(s) if s == k => {
            let slot = r.slot[n.index()] as usize;
            if r.via[slot].is_some_and(|old| id(via.key()) < id(old.key())) {
                r.via[slot] = Some(via);
            }
        }
        Some(_) => {}
    };
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
            reached(r, member, k, Via::Project(project, from), next);
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
            for (other, e) in view.neighbors(org) {
                if view.is_tie(e) {
                    reached(&mut r, other, k + 1, Via::Tie(org), &mut next);
                } else {
                    cross(&mut r, other, k + 1, &mut next);
                }
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
    /// The tie edge with the origin, if any (depth 1 only).
    pub tie: Option<EdgeIndex>,
    /// How it was reached from a partner one step closer (at depth 1, from the origin).
    pub via: Via,
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
    for (project, e) in view.neighbors(origin) {
        own[project.index()] = !view.is_tie(e);
    }
    reach
        .organisations
        .iter()
        .zip(&reach.steps)
        .zip(&reach.via)
        .filter_map(|((&m, &depth), via)| via.map(|via| (m, depth, via)))
        .map(|(m, depth, via)| {
            let (mut shared, mut tie) = (Vec::new(), None);
            if depth == 1 {
                for (n, e) in view.neighbors(m) {
                    if n == origin && view.is_tie(e) {
                        tie = Some(e);
                    } else if own[n.index()] && !view.is_tie(e) {
                        shared.push(n);
                    }
                }
            }
            let via = match via {
                Via::Project(p, from) => Via::Project(p, from.filter(|&f| f != origin)),
                tie => tie,
            };
            Found {
                node: m,
                depth,
                shared,
                tie,
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
/// steps of one (a step is a shared project or a tie), the projects that link them (those
/// the walk crosses), every visible link of those projects and every visible tie among the
/// organisations. A project origin counts as crossed: its members are 1 step away.
///
/// Complexity: O(V + E) of the visible graph.
pub fn ego_network(view: &View, origins: &[NodeId], depth: u32) -> Ego {
    let reach = reach(view, origins, depth);
    let mut edges = Vec::new();
    for &project in &reach.crossed {
        edges.extend(view.neighbors(project).map(|(_, e)| e));
    }
    // The ties among the organisations taken in, each once (from its smaller end).
    for &org in &reach.organisations {
        edges.extend(
            view.neighbors(org)
                .filter(|&(other, e)| view.is_tie(e) && other > org && reach.steps_of(other).is_some())
                .map(|(_, e)| e),
        );
    }
    let mut nodes = reach.organisations;
    nodes.extend(reach.crossed);
    Ego { nodes, edges }
}

/// A partner in an answer.
#[derive(Debug, Serialize)]
pub struct Partner {
    pub id: String,
    pub name: String,
    pub depth: u32,
    /// The projects shared with the organisation asked about (depth 1), by id; possibly
    /// none when a tie alone makes it a partner.
    pub shared_projects: Vec<String>,
    /// Its ties with the organisation asked about (depth 1), seen from that organisation:
    /// "out" when the one asked about is KIND of this partner.
    pub ties: Vec<TieRef>,
    /// How it is reached below depth 1: the partner one step closer, and the project they
    /// share or their ties (seen from that partner).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<Through>,
    /// Who says so: the sources of the links that make it a partner (at depth 1 its links
    /// and the origin's to the shared projects, and their ties; further out, the tie or the
    /// links to the project that connect it to its nearer partner), by id.
    pub sources: Vec<String>,
}

/// The partner one step closer through which a partner beyond depth 1 is reached, and
/// what links the two: a shared project, or ties.
#[derive(Debug, Serialize)]
pub struct Through {
    pub id: String,
    pub name: String,
    /// The project the two share, by id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    /// Their ties, seen from the nearer partner: "out" when it is KIND of this partner.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ties: Vec<TieRef>,
}

impl Through {
    /// How partner `f` (beyond depth 1) is reached; `None` at depth 1.
    fn of(view: &View, f: &Found) -> Option<Through> {
        if f.depth <= 1 {
            return None;
        }
        let ds = view.ds;
        let (from, project, ties) = match f.via {
            Via::Project(project, from) => (from?, Some(ds.node(project).id().to_string()), Vec::new()),
            Via::Tie(from) => {
                let from_id = ds.node(from).id();
                let ties = edge_between(view, f.node, from).map_or_else(Vec::new, |e| {
                    TieLink::of(view, e)
                        .iter()
                        .map(|t| TieRef::seen_from(t, from_id))
                        .collect()
                });
                (from, None, ties)
            }
        };
        let NodeInfo { id, name, .. } = NodeInfo::of(ds, from);
        Some(Through {
            id,
            name,
            project,
            ties,
        })
    }
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
            let sources = cite_partner(view, origin, &f, &mut all);
            let ties = ties_with(view, origin, &f);
            let via = Through::of(view, &f);
            let NodeInfo { id, name, .. } = NodeInfo::of(ds, f.node);
            Partner {
                id,
                name,
                depth: f.depth,
                shared_projects: sorted_ids(view, &f.shared),
                ties,
                via,
                sources,
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

/// Who says `f` is a partner of `origin`: the sources of the links that make it one (at
/// depth 1 both links to each shared project and their ties; further out, the tie or the
/// two links to the project that connect it to its nearer partner), by id. Cites them in
/// `all` too.
pub(crate) fn cite_partner(view: &View, origin: NodeId, f: &Found, all: &mut Citations) -> Vec<String> {
    let mut links: Vec<(NodeId, NodeId)> = if f.depth == 1 {
        f.shared.iter().flat_map(|&p| [(origin, p), (f.node, p)]).collect()
    } else {
        match f.via {
            Via::Project(project, from) => std::iter::once((f.node, project))
                .chain(from.map(|o| (o, project)))
                .collect(),
            Via::Tie(from) => vec![(f.node, from)],
        }
    };
    links.extend(f.tie.map(|_| (f.node, origin)));
    let mut cited = Citations::new(view);
    for (a, b) in links {
        if let Some(e) = edge_between(view, a, b) {
            cited.cite_edge(e);
            all.cite_edge(e);
        }
    }
    cited.by_id().into_iter().map(|s| s.id.to_string()).collect()
}

/// The ties of a depth-1 partner `f` with `origin`, seen from `origin`.
pub(crate) fn ties_with(view: &View, origin: NodeId, f: &Found) -> Vec<TieRef> {
    let origin_id = view.ds.node(origin).id();
    f.tie.map_or_else(Vec::new, |e| {
        TieLink::of(view, e)
            .iter()
            .map(|t| TieRef::seen_from(t, origin_id))
            .collect()
    })
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
