//! Connected groups of organisations and projects.

use petgraph::unionfind::UnionFind;
use serde::Serialize;

use crate::filter::View;
use crate::model::NodeId;

/// The connected components of the view, each a list of nodes in index order, largest
/// first; ties broken by the smallest node index, so the order is stable.
///
/// Union-find over the visible edges (petgraph's, with union by rank and path halving):
/// one pass over the edge list and one over the nodes, with no walk of adjacency lists,
/// which on a million nodes is several times faster than a breadth-first search.
///
/// Complexity: O((V + E) α(V)).
pub fn components(view: &View) -> Vec<Vec<NodeId>> {
    let n = view.ds.node_count();
    let mut sets = UnionFind::<u32>::new(n);
    for e in view.edges() {
        let (a, b) = view.graph.edge_ends(e);
        sets.union(a.index() as u32, b.index() as u32);
    }
    // Nodes in index order: each group starts at its smallest node and comes out sorted.
    let mut group_of = vec![u32::MAX; n];
    let mut groups: Vec<Vec<NodeId>> = Vec::new();
    for node in view.nodes() {
        let r = sets.find_mut(node.index() as u32) as usize;
        if group_of[r] == u32::MAX {
            group_of[r] = groups.len() as u32;
            groups.push(Vec::new());
        }
        groups[group_of[r] as usize].push(node);
    }
    // Stable sort: equal sizes keep the order of their first node.
    groups.sort_by_key(|g| std::cmp::Reverse(g.len()));
    groups
}

/// One connected group, by ids.
#[derive(Debug, Serialize)]
pub struct Component {
    pub size: usize,
    pub entities: Vec<String>,
    pub projects: Vec<String>,
}

/// The connected groups, largest first; `top` keeps the first K.
#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct Components(pub Vec<Component>);

pub fn answer(view: &View, top: Option<usize>) -> Components {
    let groups = components(view);
    let take = top.unwrap_or(groups.len());
    Components(
        groups
            .into_iter()
            .take(take)
            .map(|g| {
                let (mut entities, mut projects) = (Vec::new(), Vec::new());
                for n in &g {
                    let node = view.ds.node(*n);
                    let list = if node.is_project() {
                        &mut projects
                    } else {
                        &mut entities
                    };
                    list.push(node.id().to_string());
                }
                entities.sort_unstable();
                projects.sort_unstable();
                Component {
                    size: g.len(),
                    entities,
                    projects,
                }
            })
            .collect(),
    )
}
