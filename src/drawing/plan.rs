//! Which nodes and links a diagram shows and in what order, decided once; the look of
//! each ([`super::DrawNode`], [`DrawEdge`]) is made only when asked for ([`look`]). A
//! million-node DOT therefore streams: it holds a few indices per node, never every label
//! at once. How the nodes are grouped is in [`groups`], what `--since` marks in [`since`].

use petgraph::graph::EdgeIndex;

use super::heading::{self, Counts};
use super::projection;
use super::{display, Cluster, DrawEdge, Ids, Layout, Options, Selection};
use crate::error::Error;
use crate::filter::View;
use crate::model::{Date, NodeId};
use crate::query::partners::{ego_network, Ego};
use crate::vocab::legend::LegendLine;

mod groups;
mod look;
mod since;

use look::line_legend;

/// A node in no cluster.
const NO_CLUSTER: u32 = u32::MAX;

/// A diagram, decided but not spelled out: its nodes and links in output order (nodes by
/// id, links by the positions of their ends), the clusters, the legend and the words
/// around it.
pub struct Plan<'a> {
    view: &'a View<'a>,
    /// The headline (may be empty).
    pub title: String,
    /// Under the headline: counts and filters, or the user's caption (may be empty).
    pub caption: String,
    /// The source credits, one line each; empty with `--no-credits`.
    pub footnote: Vec<String>,
    /// Cluster labels, sorted.
    pub clusters: Vec<String>,
    /// Countries shown, with their colour and how many organisations have it.
    pub countries: Vec<(String, &'static str, usize)>,
    /// Organisation-to-organisation graph.
    pub projection: bool,
    /// A chain: each line goes from the earlier node to the later.
    pub chain: bool,
    /// The Graphviz engine that lays it out.
    pub layout: Layout,
    /// Graphviz's `size` (inches), to fit exactly.
    pub size: Option<(f64, f64)>,
    /// The nodes in output order.
    nodes: Vec<NodeId>,
    /// Index into `clusters` of each node, by position; [`NO_CLUSTER`] for none.
    cluster_of: Vec<u32>,
    /// Position in `nodes` of each graph node; `u32::MAX` for a node not drawn.
    position: Vec<u32>,
    /// The links drawn, in output order (in a projection, its ties only).
    links: Vec<EdgeIndex>,
    /// The tie edges of `links` whose ties run both ways (A owns part of B, B part of A),
    /// in `links` order: each is drawn twice, one arrow per direction, the second after
    /// every other line.
    both_ways: Vec<EdgeIndex>,
    /// The legend of the lines drawn (in a projection, of its ties): one entry per style.
    pub legend: Vec<LegendLine>,
    /// A projection's lines, made up front: there are at most [`super::MAX_SHARED_EDGES`].
    shared: Vec<DrawEdge>,
    /// The chain of a path selection, from its start.
    path: Vec<NodeId>,
    /// Whether links carry a label (role and status) on the line.
    labelled: bool,
    /// The nodes and links picked, before any projection, unless the whole view is drawn.
    scope: Option<Ego>,
    /// Positions of the nodes drawn heavier, sorted.
    focus: Vec<u32>,
    /// `--since`: what is marked new since its date.
    since: Option<since::Marked>,
    /// How many drawn links each node has, by position; empty in a projection, a chain or
    /// a drawing with fewer than two organisations of several links, which keeps every
    /// organisation left of the projects.
    degree: Vec<u32>,
    /// The numbers in the nodes' and links' ids, from their content.
    ids: Ids,
}

/// Plans the drawing of `selection` in `view` with default [`Options`].
pub fn plan<'a>(
    view: &'a View<'a>,
    selection: &Selection,
    projection: bool,
    cluster: Cluster,
) -> Result<Plan<'a>, Error> {
    plan_with(view, selection, &Options::new(projection, cluster))
}

/// Plans the drawing of `selection` in `view`. A project's programme (`part_of`) shows in
/// its tooltip, not as a line: lines from every part to the programme tangle the picture.
///
/// Fails only when a projection would draw more than [`super::MAX_SHARED_EDGES`] lines.
pub fn plan_with<'a>(view: &'a View<'a>, selection: &Selection, opts: &Options) -> Result<Plan<'a>, Error> {
    let ds = view.ds;
    let (projection, cluster) = (opts.projection, opts.cluster);
    let (mut nodes, mut links) = pick(view, selection);
    let scope = (!matches!(selection, Selection::All)).then(|| Ego {
        nodes: nodes.clone(),
        edges: links.clone(),
    });
    let chain = matches!(selection, Selection::Path(_));
    let mut focus: Vec<NodeId> = match selection {
        Selection::All => Vec::new(),
        Selection::Focus { origins, .. } => origins.clone(),
        Selection::Path(chain) => chain.first().into_iter().chain(chain.last()).copied().collect(),
    };
    focus.extend(&opts.highlight);
    let mut pairs = Vec::new();
    let mut umbrellas_left_out = false;
    // Every link picked, for the credits: a projection draws only its ties of them.
    let mut picked = Vec::new();
    if projection {
        links.sort_unstable();
        links.dedup();
        // Shared projects make the projection's lines; ties are drawn in it as they are.
        let participations: Vec<EdgeIndex> = links.iter().copied().filter(|&e| !view.is_tie(e)).collect();
        (pairs, umbrellas_left_out) = projection::pairs(view, &participations, opts.min_shared, opts.umbrellas)?;
        picked = std::mem::take(&mut links);
        links = picked.iter().copied().filter(|&e| view.is_tie(e)).collect();
        nodes.retain(|&n| !ds.node(n).is_project());
        if opts.min_shared > 1 {
            // Organisations left with no line say nothing about who shares what.
            // Ties are drawn among those left, and keep no organisation in by themselves.
            let mut paired = vec![false; ds.node_count()];
            for p in &pairs {
                paired[p.a.index()] = true;
                paired[p.b.index()] = true;
            }
            nodes.retain(|n| paired[n.index()] || focus.contains(n));
        }
    }
    nodes.sort_by(|&a, &b| ds.node(a).id().cmp(ds.node(b).id()).then(a.cmp(&b)));
    let mut position = vec![u32::MAX; ds.node_count()];
    for (i, n) in nodes.iter().enumerate() {
        position[n.index()] = i as u32;
    }
    // A line is drawn between drawn nodes only.
    links.retain(|&e| {
        let (a, b) = view.graph.edge_ends(e);
        position[a.index()] != u32::MAX && position[b.index()] != u32::MAX
    });
    // A link by its entity's and project's positions, a tie by its ends' (the graph's ends
    // of a tie are in no order of their content).
    links.sort_by_key(|&e| {
        let (a, b) = view.graph.edge_ends(e);
        let (a, b) = (position[a.index()], position[b.index()]);
        if view.is_tie(e) {
            (a.min(b), a.max(b), e)
        } else {
            (a, b, e)
        }
    });
    links.dedup();
    let both_ways: Vec<EdgeIndex> = links
        .iter()
        .copied()
        .filter(|&e| {
            let mut ties = view.ties(e);
            let first = ties.next().map(|t| t.from);
            view.is_tie(e) && ties.any(|t| Some(t.from) != first)
        })
        .collect();
    let legend = line_legend(view, &links);

    let (clusters, cluster_of) = groups::clusters(ds, &nodes, cluster, projection);
    let countries = groups::countries(ds, &nodes);
    // Every organisation is in the legend under one country, or under none.
    let orgs: usize = countries.iter().map(|&(_, _, count)| count).sum();
    let projects = nodes.len() - orgs;

    let footnote = if opts.credits {
        heading::credits(
            ds,
            &heading::cited(
                view,
                &nodes,
                if projection { &picked } else { &links },
                projection.then_some(&pairs[..]),
            ),
        )
    } else {
        Vec::new()
    };
    let ids = Ids::new(ds, view.graph);
    let mut shared: Vec<DrawEdge> = pairs
        .iter()
        .map(|p| {
            projection::line(
                ds,
                &ids,
                p,
                position[p.a.index()] as usize,
                position[p.b.index()] as usize,
            )
        })
        .collect();
    // `--since`: a line is new when the earliest evidence for it, its shared projects, is.
    let new_shared = match (opts.since, projection) {
        (Some(since), true) => since::mark_shared(view, &picked, &pairs, &mut shared, since),
        _ => 0,
    };
    let mut focus: Vec<u32> = focus
        .iter()
        .map(|n| position[n.index()])
        .filter(|&i| i != u32::MAX)
        .collect();
    focus.sort_unstable();
    focus.dedup();
    let since = opts
        .since
        .map(|since| since::marked(view, since, &position, &links, new_shared));
    let mut degree = Vec::new();
    if !projection && !chain {
        degree = vec![0u32; nodes.len()];
        for &e in &links {
            let (a, b) = view.graph.edge_ends(e);
            degree[position[a.index()] as usize] += 1;
            degree[position[b.index()] as usize] += 1;
        }
        // With at most one organisation of several links, dot orders the others around it
        // without a crossing, and a third column would only widen the picture.
        let hubs = (0..nodes.len())
            .filter(|&i| degree[i] > 1 && !ds.node(nodes[i]).is_project())
            .count();
        if hubs < 2 {
            degree.clear();
        }
    }
    let lines = if projection {
        shared.len() + links.len()
    } else {
        links.len()
    };
    let title = match &opts.title {
        Some(title) => display(title),
        None => heading::headline(view, selection, projection, heading::umbrella_of(view, &nodes)),
    };
    let caption = match &opts.caption {
        Some(caption) => display(caption),
        None => heading::caption(
            view,
            projection,
            &Counts {
                orgs,
                projects,
                lines,
                min_shared: opts.min_shared,
                umbrellas_left_out,
            },
        ),
    };
    Ok(Plan {
        view,
        title,
        caption,
        footnote,
        layout: opts
            .layout
            .unwrap_or_else(|| Layout::auto(nodes.len(), projection, !clusters.is_empty())),
        size: opts.size,
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
        both_ways,
        legend,
        shared,
        scope,
        focus,
        since,
        degree,
        ids,
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
            self.shared.len() + self.links.len() + self.both_ways.len()
        } else {
            self.links.len() + self.both_ways.len()
        }
    }

    /// The graph node index of the node at position `i`: the DOT node is `n<k>`.
    pub fn node_k(&self, i: usize) -> usize {
        self.ids.node(self.nodes[i])
    }

    pub fn is_project(&self, i: usize) -> bool {
        self.view.ds.node(self.nodes[i]).is_project()
    }

    /// Whether graph node `n` is drawn.
    pub fn draws(&self, n: NodeId) -> bool {
        self.position.get(n.index()).is_some_and(|&p| p != u32::MAX)
    }

    /// Whether the node at position `i` is drawn heavier.
    pub fn is_focus(&self, i: usize) -> bool {
        self.focus.binary_search(&(i as u32)).is_ok()
    }

    /// Whether any tie between organisations is drawn.
    pub fn has_ties(&self) -> bool {
        self.links.iter().any(|&e| self.view.is_tie(e))
    }

    /// Whether any node is drawn heavier.
    pub fn has_focus(&self) -> bool {
        !self.focus.is_empty()
    }

    /// `--since`: the date, and how many nodes and lines are marked new since then.
    pub fn since(&self) -> Option<(Date, usize)> {
        self.since
            .as_ref()
            .map(|(d, nodes, links, shared)| (*d, nodes.len() + links.len() + shared))
    }

    /// Whether the node at position `i` is new since `--since`.
    pub fn is_new(&self, i: usize) -> bool {
        self.since
            .as_ref()
            .is_some_and(|(_, nodes, _, _)| nodes.binary_search(&(i as u32)).is_ok())
    }

    /// Whether the node at position `i` is an organisation with one link, not in focus:
    /// `dot` draws those right of the projects, beside their one project, so that their
    /// lines cross nothing (see scripts/layout_quality.py).
    pub fn is_leaf(&self, i: usize) -> bool {
        self.degree.get(i) == Some(&1) && !self.is_project(i) && !self.is_focus(i)
    }

    /// The cluster of the node at position `i`, as an index into [`Plan::clusters`].
    pub fn cluster(&self, i: usize) -> Option<usize> {
        let c = self.cluster_of[i];
        (c != NO_CLUSTER).then_some(c as usize)
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
