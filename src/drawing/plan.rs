//! Which nodes and links a diagram shows and in what order, decided once; the look of
//! each ([`DrawNode`], [`DrawEdge`]) is made only when asked for. A million-node DOT
//! therefore streams: it holds a few indices per node, never every label at once.

use std::collections::{BTreeMap, HashMap};

use petgraph::graph::EdgeIndex;

use super::heading::{self, Counts};
use super::projection;
use super::{country_color, text, Arrow, Cluster, DrawEdge, DrawNode, Drawing, Selection};
use super::{display, Ids, Layout, Options, NEW_COLOR, PROJECT_FILL};
use crate::error::Error;
use crate::filter::View;
use crate::model::Date;
use crate::model::{NodeId, NodeRef};
use crate::query::changes::{changes, default_until};
use crate::query::facts::{Link, TieLink};
use crate::query::partners::{ego_network, Ego};
use crate::vocab::legend::{LegendLine, Styles};
use crate::vocab::{role_width, status_look, tie_look};

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
    /// `--since`: its date, the positions of the nodes new since then and the links new or
    /// moved since then, both sorted, and how many of a projection's lines are new.
    since: Option<(Date, Vec<u32>, Vec<EdgeIndex>, usize)>,
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
    let mut new_shared = 0;
    if let (Some(since), true) = (opts.since, projection) {
        let first = projection::first_reported(view, &picked);
        for (line, pair) in shared.iter_mut().zip(&pairs) {
            if projection::is_new(pair, &first, since) {
                (line.new, line.color) = (true, NEW_COLOR);
                new_shared += 1;
            }
        }
    }
    let mut focus: Vec<u32> = focus
        .iter()
        .map(|n| position[n.index()])
        .filter(|&i| i != u32::MAX)
        .collect();
    focus.sort_unstable();
    focus.dedup();
    let since = opts.since.map(|since| {
        let until = view.filter.as_of.or_else(|| default_until(ds)).unwrap_or(since);
        let (new_nodes, new_links) = changes(ds, view.graph, &view.filter, since, until).marked;
        let mut at: Vec<u32> = new_nodes
            .iter()
            .map(|n| position[n.index()])
            .filter(|&i| i != u32::MAX)
            .collect();
        at.sort_unstable();
        let mut drawn_links = links.clone();
        drawn_links.sort_unstable();
        let drawn: Vec<EdgeIndex> = new_links
            .into_iter()
            .filter(|e| drawn_links.binary_search(e).is_ok())
            .collect();
        (since, at, drawn, new_shared)
    });
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
                orgs: nodes.len() - projects,
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

    /// The node at position `i`, with its label, tooltip and colour.
    pub fn node(&self, i: usize) -> DrawNode {
        let (view, n) = (self.view, self.nodes[i]);
        let node = view.ds.node(n);
        let fill = match node {
            NodeRef::Entity(e) => country_color(e.country.as_deref()),
            NodeRef::Project(_) => PROJECT_FILL,
        };
        DrawNode {
            k: self.ids.node(n),
            project: node.is_project(),
            label: text::node_label(node),
            tooltip: text::node_tooltip(view, n),
            url: text::node_url(view, n),
            fill,
            cluster: self.cluster(i),
            focus: self.is_focus(i),
            new: self.is_new(i),
        }
    }

    /// The line at position `j`, with its label, tooltip and style.
    pub fn edge(&self, j: usize) -> DrawEdge {
        // A projection's shared-project lines come first, then its ties.
        let j = match (self.projection, j.checked_sub(self.shared.len())) {
            (true, None) => return self.shared[j].clone(),
            (true, Some(tie)) => tie,
            (false, _) => j,
        };
        if let Some(k) = j.checked_sub(self.links.len()) {
            return self.tie_edge(self.both_ways[k], true);
        }
        let (view, e) = (self.view, self.links[j]);
        if view.is_tie(e) {
            return self.tie_edge(e, false);
        }
        let link = Link::of(view, e);
        let (entity, project) = view.graph.edge_ends(e);
        let (stroke, color) = status_look(&link.status);
        let new = self
            .since
            .as_ref()
            .is_some_and(|(_, _, links, _)| links.binary_search(&e).is_ok());
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
            id: format!("e{}", self.ids.edge(e)),
            class: "link",
            a: pos(a),
            b: pos(b),
            label: self.labelled.then(|| display(&label)),
            tooltip: text::link_tooltip(view, &link, e),
            stroke,
            width: role_width(&link.roles),
            color: if new { NEW_COLOR } else { color },
            new,
            arrow: None,
        }
    }

    /// A tie's line: styled by its (first) kind, labelled with what it is ("owner 49%"),
    /// its arrow from the one that is KIND of the other. It holds the ties that run the
    /// way the pair's first tie runs, or with `back` those that run the other way (a
    /// cross-holding is two arrows, each share beside its own direction).
    fn tie_edge(&self, e: EdgeIndex, back: bool) -> DrawEdge {
        let view = self.view;
        let mut ties = TieLink::of(view, e);
        let first_from = ties.first().expect("a drawn tie edge has a visible tie").from.clone();
        ties.retain(|t| (t.from == first_from) != back);
        let first = ties.first().expect("each way drawn has a tie");
        let (stroke, color) = tie_look(&first.kind);
        let t = view.ties(e).next().expect("the first tie is the first link's");
        let (mut from, mut to) = (view.ds.entity_node(t.from), view.ds.entity_node(t.to));
        if back {
            (from, to) = (to, from);
        }
        let words: Vec<String> = ties
            .iter()
            .map(|t| match t.share {
                Some(share) => format!("{} {share}%", t.kind),
                None => t.kind.clone(),
            })
            .collect();
        // A chain reads from its first node to its last; the arrow keeps the tie's way.
        let at = |n: NodeId| self.path.iter().position(|&x| x == n);
        let (a, b, arrow) = if self.chain && at(to) < at(from) {
            (to, from, Arrow::Back)
        } else {
            (from, to, Arrow::Forward)
        };
        let new = self
            .since
            .as_ref()
            .is_some_and(|(_, _, links, _)| links.binary_search(&e).is_ok());
        let pos = |n: NodeId| self.position[n.index()] as usize;
        DrawEdge {
            // The second way is not `e<number>`: the explorer hides it, as any line it does not
            // know, with either end.
            id: format!("e{}{}", self.ids.edge(e), if back { "-back" } else { "" }),
            class: "tie",
            a: pos(a),
            b: pos(b),
            label: Some(display(&words.join(", "))),
            tooltip: text::tie_tooltip(view, &ties, e),
            stroke,
            width: 1.8,
            color: if new { NEW_COLOR } else { color },
            new,
            arrow: Some(arrow),
        }
    }

    /// Every node and line spelled out, for a layout engine.
    pub fn drawing(&self) -> Drawing {
        Drawing {
            title: self.title.clone(),
            caption: self.caption.clone(),
            footnote: self.footnote.clone(),
            size: self.size,
            nodes: (0..self.node_count()).map(|i| self.node(i)).collect(),
            edges: (0..self.edge_count()).map(|j| self.edge(j)).collect(),
            clusters: self.clusters.clone(),
            countries: self.countries.clone(),
            projection: self.projection,
            chain: self.chain,
            since: self.since(),
            legend: self.legend.clone(),
        }
    }
}

/// The legend entries of `links` as they are drawn: each participation's width and status
/// look, each tie's kind (the first of each way, which styles its arrow).
fn line_legend(view: &View, links: &[EdgeIndex]) -> Vec<LegendLine> {
    let mut styles = Styles::default();
    for &e in links {
        if view.is_tie(e) {
            let ties = TieLink::of(view, e);
            if let Some(first) = ties.first() {
                styles.tie(&first.kind);
                if let Some(back) = ties.iter().find(|t| t.from != first.from) {
                    styles.tie(&back.kind);
                }
            }
        } else {
            let link = Link::of(view, e);
            styles.link(&link.roles, &link.status);
        }
    }
    styles.legend()
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
