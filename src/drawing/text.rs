//! The words of a drawing: labels, tooltips, links to sources and the title.

use petgraph::graph::EdgeIndex;

use crate::filter::View;
use crate::model::{NodeId, NodeRef, Source};
use crate::query::facts::{Citations, Link, TieLink};
use crate::text::{clean, width};

/// At most this many sources are listed in a tooltip.
const MAX_SOURCES: usize = 8;

/// Text from the data as a diagram shows it: line breaks kept, every other control
/// character (tab, ESC, bidi overrides, ...) written out as in the terminal (`\t`,
/// `\u{1b}`), so that no name can hide text or break an output format.
///
/// ```
/// use partnet::drawing::display;
/// assert_eq!(display("a\tb\nc\u{1b}"), "a\\tb\nc\\u{1b}");
/// ```
pub fn display(text: &str) -> String {
    text.split('\n').map(|line| clean(line)).collect::<Vec<_>>().join("\n")
}

/// Breaks each line of `text` at single spaces so that lines stay within `max` columns
/// where possible. Joining the lines of a wrapped line with spaces gives it back.
///
/// ```
/// use partnet::drawing::wrap;
/// assert_eq!(wrap("Westinghouse AP1000 reactors and small modular reactors", 24),
///            "Westinghouse AP1000\nreactors and small\nmodular reactors");
/// assert_eq!(wrap("a  b", 1), "a\n\nb");
/// ```
pub fn wrap(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut used = None;
        for word in line.split(' ') {
            let w = width(word);
            match used {
                None => used = Some(w),
                Some(u) if u + 1 + w <= max => {
                    out.push(' ');
                    used = Some(u + 1 + w);
                }
                Some(_) => {
                    out.push('\n');
                    used = Some(w);
                }
            }
            out.push_str(word);
        }
    }
    out
}

/// A node's label shows at most this many characters of its name: longer ones end in "…"
/// (the tooltip keeps the whole name). Every name of the shipped data fits.
pub const MAX_LABEL_CHARS: usize = 100;

/// `name` cut to [`MAX_LABEL_CHARS`] characters, at a space when one is in its second half,
/// ending in "…".
///
/// ```
/// use partnet::drawing::shorten;
/// assert_eq!(shorten("Toyota Motor"), "Toyota Motor");
/// let long = "word ".repeat(400);
/// let short = shorten(&long);
/// assert!(short.ends_with("word…") && short.chars().count() <= 100);
/// ```
pub fn shorten(name: &str) -> std::borrow::Cow<'_, str> {
    if name.chars().count() <= MAX_LABEL_CHARS {
        return name.into();
    }
    let cut = name
        .char_indices()
        .nth(MAX_LABEL_CHARS - 1)
        .map_or(name.len(), |(i, _)| i);
    let head = &name[..cut];
    let head = match head.rfind(' ') {
        Some(space) if space >= cut / 2 => &head[..space],
        _ => head,
    };
    format!("{}…", head.trim_end()).into()
}

/// A node's label: the name (shortened past [`MAX_LABEL_CHARS`]), and for a project its
/// value and status.
pub fn node_label(node: NodeRef) -> String {
    match node {
        NodeRef::Entity(e) => wrap(&display(&shorten(e.name())), 24),
        NodeRef::Project(p) => {
            let mut label = wrap(&display(&shorten(p.name())), 40);
            let facts: Vec<String> = p
                .value
                .map(|v| v.to_string())
                .into_iter()
                .chain(p.status.as_deref().map(display))
                .collect();
            if !facts.is_empty() {
                label.push('\n');
                label.push_str(&facts.join(" · "));
            }
            label
        }
    }
}

/// The sources behind a node: a project's own, then those of its visible links.
fn node_sources<'a>(view: &View<'a>, n: NodeId) -> Vec<&'a Source> {
    let mut cited = Citations::new(view);
    cited.cite_node(n);
    // Its links by the other end's id, not in the files' order (the graph's adjacency).
    let mut links: Vec<(NodeId, EdgeIndex)> = view.neighbors(n).collect();
    links.sort_by(|a, b| view.ds.node(a.0).id().cmp(view.ds.node(b.0).id()).then(a.0.cmp(&b.0)));
    for (_, e) in links {
        cited.cite_edge(e);
    }
    cited.as_cited()
}

fn source_line(s: &Source) -> String {
    let mut line = format!("- {}", s.id);
    if let Some(title) = &s.title {
        line.push_str(&format!(": {title}"));
    }
    let about: Vec<String> = s
        .publisher
        .as_deref()
        .map(str::to_string)
        .into_iter()
        .chain(s.date.map(|d| d.to_string()))
        .collect();
    if !about.is_empty() {
        line.push_str(&format!(" ({})", about.join(", ")));
    }
    if let Some(url) = &s.url {
        line.push_str(&format!(" {url}"));
    }
    line
}

fn push_sources(text: &mut String, sources: &[&Source]) {
    if sources.is_empty() {
        return;
    }
    text.push_str("\nsources:");
    for s in sources.iter().take(MAX_SOURCES) {
        text.push('\n');
        text.push_str(&source_line(s));
    }
    if sources.len() > MAX_SOURCES {
        text.push_str(&format!("\n- and {} more", sources.len() - MAX_SOURCES));
    }
}

/// A node's tooltip: its exact name on the first line(s), then id, kind and the facts,
/// then its sources.
pub fn node_tooltip(view: &View, n: NodeId) -> String {
    let ds = view.ds;
    let node = ds.node(n);
    let mut text = format!("{}\nid: {}", node.name(), node.id());
    match node {
        NodeRef::Entity(e) => {
            text.push_str(&format!("\n{}", e.kind));
            if let Some(c) = &e.country {
                text.push_str(&format!(" · {c}"));
            }
            if !e.sectors.is_empty() {
                let sectors: Vec<&str> = e.sectors.iter().map(|s| &**s).collect();
                text.push_str(&format!("\nsectors: {}", sectors.join(", ")));
            }
            if !e.aliases().is_empty() {
                let aliases: Vec<&str> = e.aliases().iter().map(|s| &**s).collect();
                text.push_str(&format!("\nalso: {}", aliases.join(", ")));
            }
            if let Some(note) = e.note() {
                text.push_str(&format!("\n{note}"));
            }
        }
        NodeRef::Project(p) => {
            let facts: Vec<String> = std::iter::once("project".to_string())
                .chain(p.sector.as_deref().map(str::to_string))
                .chain(p.value.map(|v| v.to_string()))
                .chain(p.status.as_deref().map(str::to_string))
                .chain(p.location().map(str::to_string))
                .chain(p.date.map(|d| d.to_string()))
                .collect();
            text.push_str(&format!("\n{}", facts.join(" · ")));
            if let Some(parent) = p.part_of {
                text.push_str(&format!("\npart of: {}", ds.projects[parent as usize].name()));
            }
            if let Some(note) = p.note() {
                text.push_str(&format!("\n{note}"));
            }
        }
    }
    push_sources(&mut text, &node_sources(view, n));
    display(&text)
}

fn is_web_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\'))
}

/// Where a click on the node leads: the organisation's own page, else the first source
/// with a web address. Only http and https addresses are used.
pub fn node_url(view: &View, n: NodeId) -> Option<String> {
    let own = match view.ds.node(n) {
        NodeRef::Entity(e) => e.url(),
        NodeRef::Project(_) => None,
    };
    own.filter(|u| is_web_url(u))
        .or_else(|| {
            node_sources(view, n)
                .into_iter()
                .filter_map(|s| s.url.as_deref())
                .find(|u| is_web_url(u))
        })
        .map(str::to_string)
}

/// A tie's tooltip: who is what of whom, each kind on its line with its status and dates,
/// then the evidence and the sources.
pub fn tie_tooltip(view: &View, ties: &[TieLink], e: EdgeIndex) -> String {
    let ds = view.ds;
    let (a, b) = view.graph.edge_ends(e);
    let name = |id: &str| {
        let n = if ds.node(a).id() == id { a } else { b };
        ds.node(n).name().to_string()
    };
    let mut text = String::new();
    for t in ties {
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&format!("{} {} {}", name(&t.from), t.phrase(false), name(&t.to)));
        if let Some(title) = &t.title {
            text.push_str(&format!(" ({title})"));
        }
        text.push_str(&format!("\nstatus: {}", t.status));
        if let Some(date) = &t.date {
            text.push_str(&format!(" · since {date}"));
        }
        if let Some(until) = &t.until {
            text.push_str(&format!(" · until {until}"));
        }
        if let Some(value) = t.value {
            text.push_str(&format!(" · {value}"));
        }
    }
    for evidence in ties.iter().flat_map(|t| &t.evidence) {
        text.push_str(&format!("\n“{evidence}”"));
    }
    let mut cited = Citations::new(view);
    cited.cite_edge(e);
    push_sources(&mut text, &cited.as_cited());
    display(&text)
}

/// A link's tooltip: who, in what, roles, status, date, sources and evidence.
pub fn link_tooltip(view: &View, link: &Link, e: EdgeIndex) -> String {
    let ds = view.ds;
    let (entity, project) = view.graph.edge_ends(e);
    let mut text = format!(
        "{} — {}\nrole: {}\nstatus: {}",
        ds.node(entity).name(),
        ds.node(project).name(),
        link.roles.join(", "),
        link.status
    );
    if let Some(date) = &link.date {
        text.push_str(&format!("\ndate: {date}"));
    }
    for evidence in &link.evidence {
        text.push_str(&format!("\n“{evidence}”"));
    }
    let mut cited = Citations::new(view);
    cited.cite_edge(e);
    push_sources(&mut text, &cited.as_cited());
    display(&text)
}
