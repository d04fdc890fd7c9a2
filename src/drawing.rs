//! What a diagram shows and how it looks, before any output format: the nodes and links
//! picked from a [`View`] (the whole graph, ego networks or a chain), their labels,
//! tooltips, colours and line styles, the clusters and the legend.
//!
//! [`crate::dot`] turns a [`Drawing`] into Graphviz's DOT and [`crate::render`] lays it out
//! with Graphviz or the built-in engine; both draw the same thing because the styling is
//! decided here, once. Texts here are the data as people should read it: line breaks are
//! real `\n`, every other control character is written out visibly (see [`display`]), and
//! nothing is escaped for any format yet.

use std::collections::BTreeMap;

use petgraph::graph::EdgeIndex;

use crate::error::Error;
use crate::filter::View;
use crate::model::{NodeId, NodeRef};
use crate::summary::Link;

mod text;

pub use text::{display, wrap};

/// Which part of the graph to draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// Every visible node and link.
    All,
    /// Ego networks: each origin, its projects, and the organisations within `depth`
    /// project hops, with every visible link among them.
    Focus { origins: Vec<NodeId>, depth: u32 },
    /// One chain of nodes, each linked to the next.
    Path(Vec<NodeId>),
}

/// How nodes are grouped into boxes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cluster {
    /// Projects by sector.
    Sector,
    /// Organisations by country.
    Country,
    None,
}

/// A node to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct DrawNode {
    /// The graph's node index: the DOT node is `n<k>`, its SVG element id too.
    pub k: usize,
    pub project: bool,
    /// The label, with `\n` between lines.
    pub label: String,
    pub tooltip: String,
    /// A web page about it (http or https only).
    pub url: Option<String>,
    /// Fill colour, `#rrggbb`.
    pub fill: &'static str,
    /// Index into [`Drawing::clusters`].
    pub cluster: Option<usize>,
}

/// How a line is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stroke {
    Solid,
    Dashed,
    Dotted,
}

/// A line to draw between two nodes.
#[derive(Debug, Clone, PartialEq)]
pub struct DrawEdge {
    /// Element id: `e<k>` for a link (k = its graph edge index), `o<a>-<b>` for a
    /// projection edge (a, b: the graph node indices of its ends).
    pub id: String,
    /// `link`, or `shared` in a projection.
    pub class: &'static str,
    /// Positions of the ends in [`Drawing::nodes`]: the organisation first (in a chain,
    /// the end nearer its start).
    pub a: usize,
    pub b: usize,
    pub label: Option<String>,
    pub tooltip: String,
    pub stroke: Stroke,
    pub width: f64,
    pub color: &'static str,
}

/// Everything a diagram shows, in output order: nodes sorted by id, links by the ids of
/// their ends.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawing {
    pub title: String,
    pub nodes: Vec<DrawNode>,
    pub edges: Vec<DrawEdge>,
    /// Cluster labels, sorted.
    pub clusters: Vec<String>,
    /// Countries shown, with their colour and how many organisations have it.
    pub countries: Vec<(String, &'static str, usize)>,
    /// Organisation-to-organisation graph.
    pub projection: bool,
    /// A chain: each line goes from the earlier node to the later.
    pub chain: bool,
}

/// A projection draws at most this many lines.
pub const MAX_SHARED_EDGES: u64 = 200_000;

/// Colours of organisations by country; others get one of [`PALETTE`] by a hash of the code.
const COUNTRY_COLORS: &[(&str, &str)] = &[
    ("US", "#a6cee3"),
    ("JP", "#fbb4ae"),
    ("CA", "#b2df8a"),
    ("GB", "#decbe4"),
    ("KR", "#fed9a6"),
    ("CN", "#fddaec"),
    ("DE", "#e5d8bd"),
    ("FR", "#ccebc5"),
];
const PALETTE: &[&str] = &[
    "#8dd3c7", "#ffffb3", "#bebada", "#fdb462", "#b3de69", "#fccde5", "#d9d9d9", "#bc80bd", "#ffed6f", "#80b1d3",
];
/// Fill of organisations with no country.
pub const NO_COUNTRY: &str = "#eeeeee";
/// Fill of projects.
pub const PROJECT_FILL: &str = "#fff7dc";

/// The fill colour of an organisation from `country`: fixed for common codes, otherwise
/// stable across runs and datasets.
pub fn country_color(country: Option<&str>) -> &'static str {
    let Some(code) = country else { return NO_COUNTRY };
    if let Some((_, c)) = COUNTRY_COLORS.iter().find(|(k, _)| k.eq_ignore_ascii_case(code)) {
        return c;
    }
    // FNV-1a: the same code always gets the same colour.
    let hash = code
        .to_ascii_uppercase()
        .bytes()
        .fold(0xcbf29ce484222325u64, |h, b| (h ^ b as u64).wrapping_mul(0x100000001b3));
    PALETTE[(hash % PALETTE.len() as u64) as usize]
}

/// Statuses drawn dashed: interest, not commitment.
pub fn is_tentative(status: &str) -> bool {
    matches!(status, "potential" | "interested" | "exploring" | "considering")
}

/// Line width of a link by its strongest role: a lead bolder than a partner.
fn role_width(roles: &[String]) -> f64 {
    roles
        .iter()
        .map(|r| match r.as_str() {
            "lead" | "operator" | "owner" | "developer" => 3.0,
            "partner" | "investor" | "financier" | "insurer" | "selector" | "contractor" => 1.8,
            _ => 1.2,
        })
        .fold(1.2, f64::max)
}

/// Line style and colour of a link by its status.
fn status_look(status: &str) -> (Stroke, &'static str) {
    match status {
        "cancelled" => (Stroke::Dotted, "#b03a2e"),
        s if is_tentative(s) => (Stroke::Dashed, "#8c8c8c"),
        "agreed" | "signed" | "completed" | "selected" => (Stroke::Solid, "#1f1f1f"),
        _ => (Stroke::Solid, "#555555"),
    }
}

/// Picks the nodes and links of `selection`: nodes unsorted, links among them.
fn pick(view: &View, selection: &Selection) -> (Vec<NodeId>, Vec<EdgeIndex>) {
    let ds = view.ds;
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
            let mut hops = vec![u32::MAX; ds.node_count()];
            let mut nodes = Vec::new();
            for &origin in origins {
                // An organisation's partners at depth d are 2d hops away; a project's
                // members are 1 hop away, their partners 3.
                let limit = if ds.node(origin).is_project() {
                    2 * depth - 1
                } else {
                    2 * depth
                };
                let mut seen = vec![u32::MAX; ds.node_count()];
                seen[origin.index()] = 0;
                let mut queue = vec![origin];
                let mut head = 0;
                while head < queue.len() {
                    let node = queue[head];
                    head += 1;
                    let hop = seen[node.index()];
                    if hops[node.index()] == u32::MAX {
                        nodes.push(node);
                    }
                    hops[node.index()] = hops[node.index()].min(hop);
                    if hop == limit {
                        continue;
                    }
                    for (next, _) in view.neighbors(node) {
                        if seen[next.index()] == u32::MAX {
                            seen[next.index()] = hop + 1;
                            queue.push(next);
                        }
                    }
                }
            }
            let edges = nodes
                .iter()
                .filter(|&&n| !ds.node(n).is_project())
                .flat_map(|&n| view.neighbors(n))
                .filter(|&(other, _)| hops[other.index()] != u32::MAX)
                .map(|(_, e)| e)
                .collect();
            (nodes, edges)
        }
    }
}

/// Builds the drawing of `selection` in `view`. A project's programme (`part_of`) shows in
/// its tooltip, not as a line: lines from every part to the programme tangle the picture.
///
/// Fails only when a projection would draw more than [`MAX_SHARED_EDGES`] lines.
pub fn build(view: &View, selection: &Selection, projection: bool, cluster: Cluster) -> Result<Drawing, Error> {
    let ds = view.ds;
    let (mut nodes, mut links) = pick(view, selection);
    let chain = matches!(selection, Selection::Path(_));
    if projection {
        nodes.retain(|&n| !ds.node(n).is_project());
    }
    nodes.sort_by(|&a, &b| ds.node(a).id().cmp(ds.node(b).id()).then(a.cmp(&b)));
    let mut position = vec![u32::MAX; ds.node_count()];
    for (i, n) in nodes.iter().enumerate() {
        position[n.index()] = i as u32;
    }
    let pos = |n: NodeId| position[n.index()] as usize;
    links.sort_by_key(|&e| {
        let (a, b) = view.graph.edge_ends(e);
        (position[a.index()], position[b.index()], e)
    });
    links.dedup();

    // Clusters: projects by sector, or organisations by country.
    let group_of = |n: NodeId| -> Option<String> {
        match (cluster, ds.node(n)) {
            (Cluster::Sector, NodeRef::Project(p)) if !projection => p.sector.as_deref().map(display),
            (Cluster::Country, NodeRef::Entity(e)) => e.country.as_deref().map(display),
            _ => None,
        }
    };
    let clusters: Vec<String> = {
        let mut all: Vec<String> = nodes.iter().filter_map(|&n| group_of(n)).collect();
        all.sort();
        all.dedup();
        all
    };
    // Keyed by (no country?, code): organisations with no country come last.
    let mut countries: BTreeMap<(bool, String), (&'static str, usize)> = BTreeMap::new();
    let mut draw_nodes = Vec::with_capacity(nodes.len());
    for &n in &nodes {
        let node = ds.node(n);
        let fill = match node {
            NodeRef::Entity(e) => {
                let color = country_color(e.country.as_deref());
                let key = match e.country.as_deref() {
                    Some(code) => (false, display(code)),
                    None => (true, "no country".to_string()),
                };
                countries.entry(key).or_insert((color, 0)).1 += 1;
                color
            }
            NodeRef::Project(_) => PROJECT_FILL,
        };
        draw_nodes.push(DrawNode {
            k: n.index(),
            project: node.is_project(),
            label: text::node_label(node),
            tooltip: text::node_tooltip(view, n),
            url: text::node_url(view, n),
            fill,
            cluster: group_of(n).and_then(|g| clusters.binary_search(&g).ok()),
        });
    }

    let mut edges = Vec::new();
    if projection {
        edges = shared_edges(view, &links, &nodes, &pos)?;
    } else {
        // Role and status on every line when there are few enough to read.
        let labelled = chain || links.len() <= 30;
        for &e in &links {
            let link = Link::of(view, e);
            let (entity, project) = view.graph.edge_ends(e);
            let (stroke, color) = status_look(&link.status);
            let mut label = format!("{} · {}", link.roles.join(", "), link.status);
            if chain && !link.sources.is_empty() {
                label.push_str(&format!("\n[{}]", link.sources.join(", ")));
            }
            // A chain reads from its first node to its last.
            let (a, b) = match selection {
                Selection::Path(nodes)
                    if nodes.iter().position(|&n| n == project) < nodes.iter().position(|&n| n == entity) =>
                {
                    (project, entity)
                }
                _ => (entity, project),
            };
            edges.push(DrawEdge {
                id: format!("e{}", e.index()),
                class: "link",
                a: pos(a),
                b: pos(b),
                label: labelled.then(|| display(&label)),
                tooltip: text::link_tooltip(view, &link, entity, project),
                stroke,
                width: role_width(&link.roles),
                color,
            });
        }
    }
    let countries = countries
        .into_iter()
        .map(|((_, code), (color, count))| (code, color, count))
        .collect();
    let projects = draw_nodes.iter().filter(|n| n.project).count();
    let title = text::title(
        view,
        selection,
        projection,
        draw_nodes.len() - projects,
        projects,
        edges.len(),
    );
    Ok(Drawing {
        title,
        nodes: draw_nodes,
        edges,
        clusters,
        countries,
        projection,
        chain,
    })
}

/// The organisation-to-organisation edges of the picked links: one per pair sharing at
/// least one picked project, wider for more shared projects.
fn shared_edges(
    view: &View,
    links: &[EdgeIndex],
    nodes: &[NodeId],
    pos: &dyn Fn(NodeId) -> usize,
) -> Result<Vec<DrawEdge>, Error> {
    let ds = view.ds;
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
