//! The words around a drawing: the headline that says what is drawn, the caption under it
//! (counts and filters), and the footnote crediting the sources of what is drawn.

use std::collections::{BTreeSet, HashSet};

use petgraph::graph::EdgeIndex;

use crate::filter::View;
use crate::model::{Dataset, Date, NodeId, NodeRef};
use crate::text::width;

use super::projection::{self, Pair};
use super::{display, wrap, Selection};

/// The small print under the source credits.
pub const DRAWN_WITH: &str = "Drawn with partnet";

/// At most this many publishers are named in the footnote; the rest are counted.
const MAX_PUBLISHERS: usize = 6;
/// A publisher's dates are listed up to this many; more become a range.
const MAX_DATES: usize = 3;
/// Longer publisher names (or titles standing in for them) are cut, with `…`.
const MAX_NAME: usize = 60;
/// The footnote wraps at this many columns.
const FOOTNOTE_WIDTH: usize = 110;

/// The name a headline uses: an organisation's shortest alias that its name starts with
/// ("Westinghouse" for "Westinghouse Electric Company"; "MHI" is no such alias for
/// "Mitsubishi Heavy Industries"), else its name.
///
/// ```
/// use partnet::drawing::short_name;
/// assert_eq!(short_name("Westinghouse Electric Company", &["Westinghouse"]), "Westinghouse");
/// assert_eq!(short_name("Mitsubishi Heavy Industries", &["MHI"]), "Mitsubishi Heavy Industries");
/// assert_eq!(short_name("Toshiba", &["Toshiba Corp."]), "Toshiba");
/// assert_eq!(short_name("Carrier Global", &["Car"]), "Carrier Global");
/// ```
pub fn short_name<'a>(name: &'a str, aliases: &[&'a str]) -> &'a str {
    aliases
        .iter()
        .copied()
        .filter(|a| {
            let a = a.trim();
            !a.is_empty()
                && a.len() < name.len()
                && name.is_char_boundary(a.len())
                && name[..a.len()].eq_ignore_ascii_case(a)
                && name[a.len()..].starts_with([' ', ',', '('])
        })
        .min_by_key(|a| (a.len(), *a))
        .map_or(name, str::trim)
}

fn node_short_name(node: NodeRef) -> String {
    match node {
        NodeRef::Entity(e) => {
            let aliases: Vec<&str> = e.aliases().iter().map(|a| &**a).collect();
            short_name(e.name(), &aliases).to_string()
        }
        NodeRef::Project(p) => p.name().to_string(),
    }
}

/// "A", "A and B", "A, B and C".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The headline: what is drawn, in words.
///
/// `umbrella` is the one programme the drawing is mostly made of, if there is one.
pub fn headline(view: &View, selection: &Selection, projection: bool, umbrella: Option<NodeId>) -> String {
    let ds = view.ds;
    let name = |n: &NodeId| node_short_name(ds.node(*n));
    let text = match selection {
        Selection::All if projection => "Organisations linked by shared projects".to_string(),
        Selection::All => match umbrella {
            Some(u) => format!("{}: projects and partners", ds.node(u).name()),
            None => "Partnerships and projects".to_string(),
        },
        Selection::Focus { origins, depth } => {
            let names: Vec<String> = origins.iter().map(name).collect();
            let whose = match origins.as_slice() {
                [one] if ds.node(*one).is_project() => "its participants",
                [_] => "its partners",
                _ => "their partners",
            };
            let within = if *depth > 1 {
                format!(" within {depth} hops")
            } else {
                String::new()
            };
            format!("{} and {whose}{within}", and_list(&names))
        }
        Selection::Path(chain) => match (chain.first(), chain.last()) {
            (Some(a), Some(b)) => format!("How {} and {} are linked", name(a), name(b)),
            _ => "Chain".to_string(),
        },
    };
    display(&text)
}

/// What the caption counts, besides the filters.
pub struct Counts {
    pub orgs: usize,
    pub projects: usize,
    pub lines: usize,
    /// A projection's `--min-shared`.
    pub min_shared: usize,
    /// A projection left out umbrella programmes.
    pub umbrellas_left_out: bool,
}

/// The caption: how much is drawn, and the filters.
pub fn caption(view: &View, projection: bool, c: &Counts) -> String {
    use crate::text::plural;
    let mut counts = vec![plural(c.orgs, "organisation")];
    if !projection {
        counts.push(plural(c.projects, "project"));
    }
    counts.push(plural(c.lines, "link"));
    let mut text = counts.join(" · ");
    if projection && c.min_shared > 1 {
        text.push_str(&format!(
            " · pairs sharing at least {}",
            plural(c.min_shared, "project")
        ));
    }
    if c.umbrellas_left_out {
        text.push_str(" · umbrella programmes not counted as shared projects");
    }
    let f = &view.filter;
    let mut filters: Vec<String> = Vec::new();
    for (what, list) in [
        ("sector", &f.sectors),
        ("country", &f.countries),
        ("kind", &f.kinds),
        ("status", &f.statuses),
        ("role", &f.roles),
    ] {
        if !list.is_empty() {
            filters.push(format!("{what} {}", list.join(" or ")));
        }
    }
    if let Some(d) = f.as_of {
        filters.push(format!("as of {d}"));
    }
    if !filters.is_empty() {
        text.push_str(&format!("\nfiltered: {}", filters.join("; ")));
    }
    display(&text)
}

/// How often each source is cited by what a diagram draws, by its index in
/// [`Dataset::sources`].
#[derive(Debug, Clone)]
pub struct Credits(Vec<u32>);

impl Credits {
    pub fn new(ds: &Dataset) -> Credits {
        Credits(vec![0; ds.sources.len()])
    }

    /// Counts one citation of each source in `refs` (indices into [`Dataset::sources`]).
    pub fn cite(&mut self, refs: impl Iterator<Item = u32>) {
        for s in refs {
            self.0[s as usize] += 1;
        }
    }
}

/// One publisher in the footnote.
struct Publisher {
    name: String,
    dates: BTreeSet<Date>,
    citations: u32,
}

/// The footnote lines crediting the cited sources: "Sources: Reuters, 26 Sep, 28 Oct 2025;
/// The White House, 23 Jul 2025 to 19 Mar 2026; ...". A source's publisher field may name
/// several (`Kyodo News; Reuters`); one without a publisher is named by its title, or its
/// id. Publishers come most cited first; past `MAX_PUBLISHERS` they are counted, and a
/// publisher with more than `MAX_DATES` dates gets a range.
pub fn credits(ds: &Dataset, cited: &Credits) -> Vec<String> {
    let mut publishers: Vec<Publisher> = Vec::new();
    for (s, &count) in ds.sources.iter().zip(&cited.0) {
        if count == 0 {
            continue;
        }
        let names: Vec<String> = match s.publisher.as_deref().map(str::trim) {
            Some(p) if !p.is_empty() => p
                .split(';')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(shorten)
                .collect(),
            _ => vec![shorten(s.title.as_deref().unwrap_or(&s.id))],
        };
        for name in names {
            let i = match publishers.iter().position(|p| p.name == name) {
                Some(i) => i,
                None => {
                    publishers.push(Publisher {
                        name,
                        dates: BTreeSet::new(),
                        citations: 0,
                    });
                    publishers.len() - 1
                }
            };
            publishers[i].citations += count;
            publishers[i].dates.extend(s.date);
        }
    }
    if publishers.is_empty() {
        return vec!["Sources: none cited for what is drawn".to_string()];
    }
    publishers.sort_by(|a, b| b.citations.cmp(&a.citations).then_with(|| a.name.cmp(&b.name)));
    let more = publishers.len().saturating_sub(MAX_PUBLISHERS);
    let mut parts: Vec<String> = publishers
        .iter()
        .take(MAX_PUBLISHERS)
        .map(|p| {
            if p.dates.is_empty() {
                p.name.clone()
            } else {
                format!("{}, {}", p.name, date_list(&p.dates))
            }
        })
        .collect();
    if more > 0 {
        parts.push(format!("and {more} more"));
    }
    parts[0] = format!("Sources: {}", parts[0]);
    // Lines break between publishers; one too long for a line alone breaks at spaces.
    let mut lines: Vec<String> = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        let part = if i + 1 < parts.len() {
            format!("{part};")
        } else {
            part.clone()
        };
        match lines.last_mut() {
            Some(line) if width(line) + 1 + width(&part) <= FOOTNOTE_WIDTH => {
                line.push(' ');
                line.push_str(&part);
            }
            _ => lines.extend(wrap(&part, FOOTNOTE_WIDTH).split('\n').map(str::to_string)),
        }
    }
    lines
}

/// A name cut to [`MAX_NAME`] columns, control characters written out.
fn shorten(name: &str) -> String {
    let name = display(name).replace('\n', " ");
    if width(&name) <= MAX_NAME {
        return name;
    }
    let mut out = String::new();
    for c in name.chars() {
        if width(&out) + width(c.encode_utf8(&mut [0; 4])) >= MAX_NAME {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A date's year, and its day and month as a reader writes them ("28 Oct", "Nov", "").
fn date_parts(d: Date) -> (String, String) {
    let text = d.to_string();
    let mut parts = text.split('-');
    let year = parts.next().unwrap_or_default().to_string();
    let month = parts
        .next()
        .and_then(|m| m.parse::<usize>().ok())
        .and_then(|m| MONTHS.get(m.wrapping_sub(1)));
    let day = parts.next().and_then(|d| d.parse::<u32>().ok());
    let head = match (day, month) {
        (Some(d), Some(m)) => format!("{d} {m}"),
        (None, Some(m)) => m.to_string(),
        _ => String::new(),
    };
    (year, head)
}

fn full_date(d: Date) -> String {
    match date_parts(d) {
        (year, head) if head.is_empty() => year,
        (year, head) => format!("{head} {year}"),
    }
}

/// Dates as a reader writes them, the year only once for a run in the same year
/// ("23 Jul, 5 Sep, 28 Oct 2025, 19 Mar 2026"); more than [`MAX_DATES`] become a range.
fn date_list(dates: &BTreeSet<Date>) -> String {
    let list: Vec<Date> = dates.iter().copied().collect();
    if list.len() > MAX_DATES {
        return format!("{} to {}", full_date(list[0]), full_date(list[list.len() - 1]));
    }
    let mut out: Vec<String> = Vec::new();
    for (i, &d) in list.iter().enumerate() {
        let (year, head) = date_parts(d);
        let next_same_year = list.get(i + 1).is_some_and(|&n| date_parts(n).0 == year);
        out.push(match (head.is_empty(), next_same_year) {
            (true, _) => year,
            (false, true) => head,
            (false, false) => format!("{head} {year}"),
        });
    }
    out.join(", ")
}

/// How often the drawing cites each source: the drawn projects' own sources and those of
/// the drawn links; in a projection, of the links behind its lines.
pub(super) fn cited(view: &View, nodes: &[NodeId], links: &[EdgeIndex], pairs: Option<&[Pair]>) -> Credits {
    let ds = view.ds;
    let mut credits = Credits::new(ds);
    for &n in nodes {
        if let NodeRef::Project(p) = ds.node(n) {
            credits.cite(ds.source_refs[p.sources.range()].iter().copied());
        }
    }
    let behind: Option<HashSet<(NodeId, NodeId)>> = pairs.map(|pairs| {
        pairs
            .iter()
            .flat_map(|p| p.projects.iter().flat_map(move |&q| [(p.a, q), (p.b, q)]))
            .collect()
    });
    for &e in links {
        if let Some(behind) = behind.as_ref().filter(|_| !view.is_tie(e)) {
            if !behind.contains(&view.graph.edge_ends(e)) {
                continue;
            }
        }
        for record in view.records(e) {
            credits.cite(ds.source_refs[record.sources.range()].iter().copied());
        }
        for tie in view.ties(e) {
            credits.cite(ds.source_refs[tie.sources.range()].iter().copied());
        }
    }
    credits
}

/// The umbrella programme a whole-graph drawing is mostly made of: the only drawn project
/// that others name in `part_of`, when at least half of the drawn projects are its parts.
pub(super) fn umbrella_of(view: &View, nodes: &[NodeId]) -> Option<NodeId> {
    let ds = view.ds;
    let umbrella = projection::umbrellas(ds);
    let drawn: Vec<u32> = nodes.iter().filter_map(|&n| ds.project_of(n)).collect();
    let mut found = drawn.iter().filter(|&&p| umbrella[p as usize]);
    let (Some(&u), None) = (found.next(), found.next()) else {
        return None;
    };
    let parts = drawn
        .iter()
        .filter(|&&p| ds.projects[p as usize].part_of == Some(u))
        .count();
    (2 * parts >= drawn.len()).then(|| ds.project_node(u))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn dates_read_as_a_reader_writes_them() {
        let set = |list: &[&str]| list.iter().map(|s| date(s)).collect::<BTreeSet<_>>();
        assert_eq!(date_list(&set(&["2025-10-28"])), "28 Oct 2025");
        assert_eq!(
            date_list(&set(&["2025-10-28", "2025-09-26", "2026-02-17"])),
            "26 Sep, 28 Oct 2025, 17 Feb 2026"
        );
        assert_eq!(date_list(&set(&["2025-11", "2025"])), "2025, Nov 2025");
        assert_eq!(
            date_list(&set(&["2025-07-23", "2025-09-05", "2025-10-28", "2026-03-19"])),
            "23 Jul 2025 to 19 Mar 2026"
        );
    }

    #[test]
    fn long_names_are_cut() {
        let long = "x".repeat(500);
        let cut = shorten(&long);
        assert_eq!(width(&cut), MAX_NAME);
        assert!(cut.ends_with('…'));
        assert_eq!(shorten("東芝"), "東芝");
        assert_eq!(shorten("a\u{1b}[31m\nb"), "a\\u{1b}[31m b");
    }

    #[test]
    fn lists_read_as_lists() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(and_list(&s(&["A"])), "A");
        assert_eq!(and_list(&s(&["A", "B"])), "A and B");
        assert_eq!(and_list(&s(&["A", "B", "C"])), "A, B and C");
    }
}
