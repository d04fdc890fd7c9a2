//! What a diagram shows and how it looks, before any output format: the nodes and links
//! picked from a [`crate::filter::View`] (the whole graph, ego networks or a chain), their
//! labels, tooltips, colours and line styles, the clusters and the legend.
//!
//! A [`Plan`] holds the choice; each node's and link's look is made from it on demand.
//! [`crate::dot`] streams a plan as Graphviz's DOT, and [`crate::render`] lays it out with
//! Graphviz or, from the whole [`Drawing`], with the built-in engine; both draw the same
//! thing because the styling is decided here, once. Texts here are the data as people should read it: line breaks are
//! real `\n`, every other control character is written out visibly (see [`display`]), and
//! nothing is escaped for any format yet.

use crate::model::{Date, NodeId};
pub use crate::vocab::Stroke;

mod heading;
mod ids;
mod plan;
mod projection;
mod text;

pub use heading::{credits, short_name, Credits, DRAWN_WITH};
pub use ids::Ids;
pub use plan::{plan, plan_with, Plan};
pub use text::{display, shorten, wrap, MAX_LABEL_CHARS};

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
    /// Drawn heavier: a focus organisation, an end of the chain, or highlighted.
    pub focus: bool,
    /// First reported since the date of `--since`.
    pub new: bool,
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
    /// For a tie: the arrow points from the one that is KIND of the other to it; `Back`
    /// when that is `b`, so that `a` and `b` keep the chain's order.
    pub arrow: Option<Arrow>,
    /// First reported, or its status moved, since the date of `--since`.
    pub new: bool,
}

/// Which way a line's arrow points: from `a` to `b`, or back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrow {
    Forward,
    Back,
}

/// Everything a diagram shows, in output order: nodes sorted by id, links by the ids of
/// their ends. [`Plan::drawing`] makes it; the layout engines take it whole, which is why
/// they refuse more than a few hundred nodes, while DOT streams from the [`Plan`].
#[derive(Debug, Clone, PartialEq)]
pub struct Drawing {
    /// The headline, and the caption under it: each may be empty or hold several lines.
    pub title: String,
    pub caption: String,
    /// The lines of the footnote (source credits), empty with `--no-credits`.
    pub footnote: Vec<String>,
    /// Inches to fit exactly, as Graphviz's `size` with `!`.
    pub size: Option<(f64, f64)>,
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
    /// `--since`: the date, and how many nodes and lines are marked new since then.
    pub since: Option<(Date, usize)>,
    /// The legend of the lines drawn, one entry per style ([`crate::vocab::legend`]).
    pub legend: Vec<crate::vocab::legend::LegendLine>,
}

/// How a diagram is drawn, besides which part of the graph ([`Selection`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Organisations only, linked when they share projects.
    pub projection: bool,
    pub cluster: Cluster,
    /// A projection keeps the pairs of organisations sharing at least this many projects.
    pub min_shared: usize,
    /// A projection links the members of umbrella programmes (projects that others name in
    /// `part_of`) too; by default they do not count as shared projects.
    pub umbrellas: bool,
    /// Nodes drawn heavier, besides focus organisations and the ends of a chain.
    pub highlight: Vec<NodeId>,
    /// The headline instead of the one saying what is drawn.
    pub title: Option<String>,
    /// The caption under the headline instead of the counts and filters.
    pub caption: Option<String>,
    /// A footnote crediting the sources of what is drawn, and partnet.
    pub credits: bool,
    /// The Graphviz layout engine; `None` picks one by the kind and size of the diagram.
    pub layout: Option<Layout>,
    /// Graphviz's `size` in inches, with `!`: the drawing is scaled to fit it exactly.
    pub size: Option<(f64, f64)>,
    /// Mark what became known after this date ([`crate::query::changes`]).
    pub since: Option<Date>,
}

impl Options {
    /// Defaults: the partnership graph, credits on, every other choice automatic.
    pub fn new(projection: bool, cluster: Cluster) -> Options {
        Options {
            projection,
            cluster,
            min_shared: 1,
            umbrellas: false,
            highlight: Vec::new(),
            title: None,
            caption: None,
            credits: true,
            layout: None,
            size: None,
            since: None,
        }
    }
}

/// A Graphviz layout engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Layered: organisations, then projects, in columns.
    Dot,
    /// Spring model: for the organisation projection.
    Neato,
    /// Spring model that keeps clusters together.
    Fdp,
    /// Spring model for large graphs.
    Sfdp,
}

/// Above this many nodes the automatic layout is `sfdp`: `dot` takes minutes beyond a few
/// thousand nodes.
pub const SFDP_ABOVE: usize = 1000;

impl Layout {
    /// Graphviz's name of the engine.
    pub fn name(self) -> &'static str {
        match self {
            Layout::Dot => "dot",
            Layout::Neato => "neato",
            Layout::Fdp => "fdp",
            Layout::Sfdp => "sfdp",
        }
    }

    /// The engine for a diagram: `dot` (columns: organisations, then projects) for the
    /// partnership graph; `neato` for the organisation projection, whose cliques `dot` would
    /// tangle, or `fdp` when it has clusters, which `neato` does not draw; `sfdp` above
    /// [`SFDP_ABOVE`] nodes.
    pub fn auto(nodes: usize, projection: bool, clusters: bool) -> Layout {
        match () {
            _ if nodes > SFDP_ABOVE => Layout::Sfdp,
            _ if projection && clusters => Layout::Fdp,
            _ if projection => Layout::Neato,
            _ => Layout::Dot,
        }
    }

    /// Whether the footnote goes in a frame around the drawing, under it. Only `dot` lays
    /// clusters out the same on every run: Graphviz 2.43's `fdp` (and `neato`, which does
    /// not draw them) place the nodes of a graph with clusters differently from one run to
    /// the next; `sfdp` draws none.
    pub fn frames_footnote(self) -> bool {
        self == Layout::Dot
    }
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
/// Outline of nodes, and colour of lines, new since `--since`.
pub const NEW_COLOR: &str = "#1a9850";

/// The legend's words for what `--since` marks.
pub fn new_since(date: Date) -> String {
    format!("new or changed since {date}")
}

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
