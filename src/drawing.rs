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

use crate::model::NodeId;

mod plan;
mod text;

pub use plan::{plan, Plan};
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
/// their ends. [`Plan::drawing`] makes it; the layout engines take it whole, which is why
/// they refuse more than a few hundred nodes, while DOT streams from the [`Plan`].
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
        // Written and, for a term sheet, binding, but not the contract: solid, not black.
        "memorandum" | "term-sheet" => (Stroke::Solid, "#555555"),
        _ => (Stroke::Solid, "#555555"),
    }
}
