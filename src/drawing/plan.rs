//! Which nodes and links a diagram shows and in what order, decided once; the look of
//! each ([`DrawNode`], [`DrawEdge`]) is made only when asked for. A million-node DOT
//! therefore streams: it holds a few indices per node, never every label at once.

use std::collections::{BTreeMap, HashMap};

use petgraph::graph::EdgeIndex;

use super::{country_color, text, Cluster, DrawEdge, DrawNode, Drawing, Selection, Stroke};
use super::{display, MAX_SHARED_EDGES, PROJECT_FILL};
use crate::error::Error;
use crate::filter::View;
use crate::model::{NodeId, NodeRef};
use crate::query::facts::Link;
use crate::query::partners::{ego_network, Ego};
use crate::vocab::{role_width, status_look};

/// A node in no cluster.
const NO_CLUSTER: u32 = u32::MAX;

/// A diagram, decided but not spelled out: its nodes and links in output order (nodes by
/// id, links by the positions of their ends), the clusters, the legend and the title.
pub struct Plan<'a> {
    view: &'a View<'a>,
    pub title: String,
    /// Cluster labels, sorted.
    pub clusters: Vec<String>,
    /// Countries shown, with their colour and how many organisations have it.
    pub countries: Vec<(String, &'static str, usize)>,
    /// Organisation-to-organisation graph.
    pub projection: bool,
    /// A chain: each line goes from the earlier node to the later.
    pub chain: bool,
    /// The nodes in output order.
    nodes: Vec<NodeId>,
    /// Index into `clusters` of each node, by position; [`NO_CLUSTER`] for none.
    cluster_of: Vec<u32>,
    /// Position in `nodes` of each graph node; `u32::MAX` for a node not drawn.
    position: Vec<u32>,
    /// The links drawn, in output order (empty in a projection).
    links: Vec<EdgeIndex>,
    /// A projection's lines, made up front: there are at most [`MAX_SHARED_EDGES`].
    shared: Vec<DrawEdge>,
    /// The chain of a path selection, from its start.
    path: Vec<NodeId>,
    /// Whether links carry a label (role and status) on the line.
    labelled: bool,
    /// The nodes and links picked, before any projection, unless the whole view is drawn.
    scope: Option<Ego>,
}

/// Plans the drawing of `selection` in `view`. A project's programme (`part_of`) shows in
/// its tooltip, not as a line: lines from every part to the programme tangle the picture.
///
/// Fails only when a projection would draw more than [`MAX_SHARED_EDGES`] lines.
pub fn plan<'a>(
    view: &'a View<'a>,
    selection: &Selection,
    projection: bool,
    cluster: Cluster,
) -> Result<Plan<'a>, Error> {
    let ds = view.ds;
    let (mut nodes, mut links) = pick(view, selection);
    let scope = (!matches!(selection, Selection::All)).then(|| Ego {
        nodes: nodes.clone(),
        edges: links.clone(),
    });
    let chain = matches!(selection, Selection::Path(_));
    if projection {
        nodes.retain(|&n| !ds.node(n).is_project());
    }
    nodes.sort_by(|&a, &b| ds.node(a).id().cmp(ds.node(b).id()).then(a.cmp(&b)));
    let mut position = vec![u32::MAX; ds.node_count()];
    for (i, n) in nodes.iter().enumerate() {
        position[n.index()] = i as u32;
    }
    links.sort_by_key(|&e| {
        let (a, b) = view.graph.edge_ends(e);
        (position[a.index()], position[b.index()], e)
    });
    links.dedup();

    // Clusters: projects by sector, or organisations by country. Labels are made once per
    // distinct value, not once per node.
    let group_of = |n: NodeId| -> Option<&str> {
        match (cluster, ds.node(n)) {
            (Cluster::Sector, NodeRef::Project(p)) if !projection => p.sector.as_deref(),
            (Cluster::Country, NodeRef::Entity(e)) => e.country.as_deref(),
            _ => None,
        }
    };
    let mut labels: HashMap<&str, String> = HashMap::new();
    for &n in &nodes {
        if let Some(g) = group_of(n) {
            labels.entry(g).or_insert_with(|| display(g));
        }
    }
    let clusters: Vec<String> = {
        let mut all: Vec<String> = labels.values().cloned().collect();
        all.sort();
        all.dedup();
        all
    };
    let index: HashMap<&str, u32> = labels
        .iter()
        .map(|(&g, label)| {
            (
                g,
                clusters.binary_search(label).expect("every label is a cluster") as u32,
            )
        })
        .collect();
    let cluster_of = nodes
        .iter()
        .map(|&n| group_of(n).map_or(NO_CLUSTER, |g| index[g]))
        .collect();

    // The legend: organisations by country, those with none last.
    let mut by_code: HashMap<Option<&str>, usize> = HashMap::new();
    let mut projects = 0;
    for &n in &nodes {
        match ds.node(n) {
            NodeRef::Entity(e) => *by_code.entry(e.country.as_deref()).or_default() += 1,
            NodeRef::Project(_) => projects += 1,
        }
    }
    let mut by_code: Vec<(Option<&str>, usize)> = by_code.into_iter().collect();
    // Codes that display alike share the first one's colour, whatever the hash order.
    by_code.sort_unstable();
    let mut countries: BTreeMap<(bool, String), (&'static str, usize)> = BTreeMap::new();
    for (code, count) in by_code {
        let key = match code {
            Some(code) => (false, display(code)),
            None => (true, "no country".to_string()),
        };
        countries.entry(key).or_insert((country_color(code), 0)).1 += count;
    }
    let countries = countries
        .into_iter()
        .map(|((_, code), (color, count))| (code, color, count))
        .collect();

    let shared = if projection {
        shared_edges(view, &links, &nodes, &position)?
    } else {
        Vec::new()
    };
    if projection {
        links.clear();
    }
    let lines = if projection { shared.len() } else { links.len() };
    let title = text::title(view, selection, projection, nodes.len() - projects, projects, lines);
    Ok(Plan {
        view,
        title,
        clusters,
        countries,
        projection,
        chain,
        labelled: chain || links.len() <= 30,
        path: match selection {
            Selection::Path(chain) => chain.clone(),
            _ => Vec::new(),
        },
        nodes,
        cluster_of,
        position,
        links,
        shared,
        scope,
    })
}

impl Plan<'_> {
    /// What the drawing is about, as nodes and links of the graph: the focus or chain
    /// picked (with its projects, also in a projection), or `None` for the whole view.
    pub fn scope(&self) -> Option<&Ego> {
        self.scope.as_ref()
    }

    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    pub fn edge_count(&self) -> usize {
        if self.projection {
            self.shared.len()
        } else {
            self.links.len()
        }
    }

    /// The graph node index of the node at position `i`: the DOT node is `n<k>`.
    pub fn node_k(&self, i: usize) -> usize {
        self.nodes[i].index()
    }

    pub fn is_project(&self, i: usize) -> bool {
        self.view.ds.node(self.nodes[i]).is_project()
    }

    /// The cluster of the node at position `i`, as an index into [`Plan::clusters`].
    pub fn cluster(&self, i: usize) -> Option<usize> {
        let c = self.cluster_of[i];
        (c != NO_CLUSTER).then_some(c as usize)
    }

    /// The node at position `i`, with its label, tooltip and colour.
    pub fn node(&self, i: usize) -> DrawNode {
        let (view, n) = (self.view, self.nodes[i]);
        let node = view.ds.node(n);
        let fill = match node {
            NodeRef::Entity(e) => country_color(e.country.as_deref()),
            NodeRef::Project(_) => PROJECT_FILL,
        };
        DrawNode {
            k: n.index(),
            project: node.is_project(),
            label: text::node_label(node),
            tooltip: text::node_tooltip(view, n),
            url: text::node_url(view, n),
            fill,
            cluster: self.cluster(i),
        }
    }

    /// The line at position `j`, with its label, tooltip and style.
    pub fn edge(&self, j: usize) -> DrawEdge {
        if self.projection {
            return self.shared[j].clone();
        }
        let (view, e) = (self.view, self.links[j]);
        let link = Link::of(view, e);
        let (entity, project) = view.graph.edge_ends(e);
        let (stroke, color) = status_look(&link.status);
        let mut label = format!("{} · {}", link.roles.join(", "), link.status);
        if self.chain && !link.sources.is_empty() {
            label.push_str(&format!("\n[{}]", link.sources.join(", ")));
        }
        // A chain reads from its first node to its last.
        let at = |n: NodeId| self.path.iter().position(|&x| x == n);
        let (a, b) = if self.chain && at(project) < at(entity) {
            (project, entity)
        } else {
            (entity, project)
        };
        let pos = |n: NodeId| self.position[n.index()] as usize;
        DrawEdge {
            id: format!("e{}", e.index()),
            class: "link",
            a: pos(a),
            b: pos(b),
            label: self.labelled.then(|| display(&label)),
            tooltip: text::link_tooltip(view, &link, e),
            stroke,
            width: role_width(&link.roles),
            color,
        }
    }

    /// Every node and line spelled out, for a layout engine.
    pub fn drawing(&self) -> Drawing {
        Drawing {
            title: self.title.clone(),
            nodes: (0..self.node_count()).map(|i| self.node(i)).collect(),
            edges: (0..self.edge_count()).map(|j| self.edge(j)).collect(),
            clusters: self.clusters.clone(),
            countries: self.countries.clone(),
            projection: self.projection,
            chain: self.chain,
        }
    }
}

/// Picks the nodes and links of `selection`: nodes unsorted, links among them.
fn pick(view: &View, selection: &Selection) -> (Vec<NodeId>, Vec<EdgeIndex>) {
    match selection {
        Selection::All => (view.nodes().collect(), view.edges().collect()),
        Selection::Path(chain) => {
            let edges = chain
                .windows(2)
                .filter_map(|w| view.neighbors(w[0]).find(|&(n, _)| n == w[1]).map(|(_, e)| e))
                .collect();
            let mut nodes = chain.clone();
            nodes.sort_unstable();
            nodes.dedup();
            (nodes, edges)
        }
        Selection::Focus { origins, depth } => {
            let Ego { nodes, edges } = ego_network(view, origins, *depth);
            (nodes, edges)
        }
    }
}

/// The organisation-to-organisation edges of the picked links: one per pair sharing at
/// least one picked project, wider for more shared projects.
fn shared_edges(view: &View, links: &[EdgeIndex], nodes: &[NodeId], position: &[u32]) -> Result<Vec<DrawEdge>, Error> {
    let ds = view.ds;
    let pos = |n: NodeId| position[n.index()] as usize;
    let mut members: BTreeMap<NodeId, Vec<NodeId>> = BTreeMap::new();
    for &e in links {
        let (entity, project) = view.graph.edge_ends(e);
        members.entry(project).or_default().push(entity);
    }
    // A consortium of k members makes k(k-1)/2 lines: count before building them.
    let pairs: u64 = members
        .values()
        .map(|m| m.len() as u64 * (m.len() as u64).saturating_sub(1) / 2)
        .sum();
    if pairs > MAX_SHARED_EDGES {
        return Err(Error::usage(format!(
            "the projection would draw up to {pairs} lines between organisations, more than {MAX_SHARED_EDGES}"
        ))
        .with_help("narrow it with --focus NAME or filters such as --sector, --country or --status"));
    }
    let mut shared: BTreeMap<(usize, usize), Vec<NodeId>> = BTreeMap::new();
    for (&project, list) in &members {
        for (i, &a) in list.iter().enumerate() {
            for &b in &list[i + 1..] {
                let (a, b) = (pos(a).min(pos(b)), pos(a).max(pos(b)));
                shared.entry((a, b)).or_default().push(project);
            }
        }
    }
    Ok(shared
        .into_iter()
        .map(|((a, b), mut projects)| {
            projects.sort_by(|&x, &y| ds.node(x).id().cmp(ds.node(y).id()));
            let n = projects.len();
            let names: Vec<String> = projects.iter().map(|&p| format!("- {}", ds.node(p).name())).collect();
            DrawEdge {
                id: format!("o{}-{}", nodes[a].index(), nodes[b].index()),
                class: "shared",
                a,
                b,
                label: (n > 1).then(|| n.to_string()),
                tooltip: display(&format!(
                    "{n} shared project{}:\n{}",
                    if n == 1 { "" } else { "s" },
                    names.join("\n")
                )),
                stroke: Stroke::Solid,
                width: (1.0 + 1.5 * (n as f64 - 1.0)).min(8.0),
                color: "#4d4d4d",
            }
        })
        .collect())
}
