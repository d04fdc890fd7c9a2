//! The walk over the links a window touches: which were added (and as what), and each later
//! move of status. A wide window touches hundreds of thousands of links, each read from all
//! over the tables; the walk splits them into pieces, one a thread, and joins the pieces in
//! edge order, so the answer is the one a single walk gives.

use petgraph::graph::EdgeIndex;
use rayon::prelude::*;

use crate::filter::{self, View};
use crate::graph::PartnerGraph;
use crate::model::{Dataset, Date, NodeId};
use crate::prefetch::prefetch;
use crate::query::facts::{status_as_of, Citations};

use super::window::Side;
use super::{cite_spans, push_new, AddedLink, Change, Dated};

/// What a walk found, in edge order.
pub(super) struct Walked<'v, 'a> {
    pub links: Vec<AddedLink<'a>>,
    pub changed: Vec<Change<'a>>,
    /// The links added or moved.
    pub marked: Vec<EdgeIndex>,
    /// Each end of an added link not shown at the window's start, with where that link is
    /// in `links`: the day such a node first showed is its first link's.
    pub fresh: Vec<(NodeId, u32)>,
    pub cited: Citations<'v, 'a>,
}

impl<'v, 'a> Walked<'v, 'a> {
    /// `other`'s findings after these, as one walk over both pieces would have them.
    fn append(&mut self, mut other: Walked<'v, 'a>) {
        let offset = self.links.len() as u32;
        self.fresh.extend(other.fresh.into_iter().map(|(n, i)| (n, i + offset)));
        self.links.append(&mut other.links);
        self.changed.append(&mut other.changed);
        self.marked.append(&mut other.marked);
        self.cited.absorb(&other.cited);
    }
}

/// Below this many links one thread walks them all: a piece must outweigh a thread's start.
const PARALLEL_MIN: usize = 4096;

/// Walks `edges` (sorted) between the two sides of the window (`since`, `until`], citing
/// over `whole`. O(records of `edges`), spread over the threads.
pub(super) fn walk<'v, 'a>(
    whole: &'v View<'a>,
    sides: (&Side<'a>, &Side<'a>),
    edges: &[EdgeIndex],
    since: Date,
    until: Date,
) -> Walked<'v, 'a> {
    let size = edges.len().div_ceil(rayon::current_num_threads()).max(PARALLEL_MIN);
    walk_in_pieces(whole, sides, edges, since, until, size)
}

/// [`walk`] in pieces of `size` links.
fn walk_in_pieces<'v, 'a>(
    whole: &'v View<'a>,
    sides: (&Side<'a>, &Side<'a>),
    edges: &[EdgeIndex],
    since: Date,
    until: Date,
    size: usize,
) -> Walked<'v, 'a> {
    let piece = |part: &[EdgeIndex]| walk_piece(whole, sides, part, since, until);
    if edges.len() <= size {
        return piece(edges);
    }
    let mut pieces: Vec<Walked> = edges.par_chunks(size).map(piece).collect();
    let mut walked = pieces.remove(0);
    for later in pieces {
        walked.append(later);
    }
    walked
}

fn walk_piece<'v, 'a>(
    whole: &'v View<'a>,
    (before, after): (&Side<'a>, &Side<'a>),
    edges: &[EdgeIndex],
    since: Date,
    until: Date,
) -> Walked<'v, 'a> {
    let (ds, graph) = (whole.ds, whole.graph);
    let mut out = Walked {
        links: Vec::new(),
        changed: Vec::new(),
        marked: Vec::new(),
        fresh: Vec::new(),
        cited: Citations::new(whole),
    };
    let later = |d: Option<Date>| d.is_some_and(|d| d > since);
    let mut records: Vec<Dated> = Vec::new();
    for (i, &e) in edges.iter().enumerate() {
        if let Some(&ahead) = edges.get(i + AHEAD) {
            prefetch_link(ds, graph, ahead);
        }
        if !after.edge_visible(e) {
            continue;
        }
        let was_visible = before.edge_visible(e);
        records.clear();
        after.records(e, &mut records);
        if was_visible && !records.iter().any(|&(d, _)| later(d)) {
            continue;
        }
        // Stable: records of one day keep their file order.
        records.sort_by_key(|&(d, _)| d);
        let (entity, project) = graph.edge_ends(e);
        let (entity_node, project_node) = (ds.node(entity), ds.node(project));
        // Where the window starts for this link: `since`, or the day it appeared.
        let (mut status, start) = if was_visible {
            let known = records.iter().take_while(|&&(d, _)| !later(d)).map(|&(_, p)| p);
            (status_as_of(ds, known).unwrap_or_default(), since)
        } else {
            let appeared = appearance(ds, &records, project, since, until);
            let known = &records[..records.partition_point(|&(d, _)| d <= Some(appeared))];
            let status = status_as_of(ds, known.iter().map(|&(_, p)| p)).unwrap_or_default();
            let mut roles = Vec::new();
            for &(_, p) in known {
                push_new(&mut roles, ds.role(p));
            }
            let at = out.links.len() as u32;
            for end in [entity, project].into_iter().filter(|&n| !before.contains(n)) {
                out.fresh.push((end, at));
            }
            out.marked.push(e);
            out.links.push(AddedLink {
                entity: entity_node.id(),
                entity_name: entity_node.name(),
                project: project_node.id(),
                project_name: project_node.name(),
                roles,
                status,
                date: appeared,
                sources: cite_spans(&mut out.cited, after, known.iter().map(|(_, p)| p.sources)),
                evidence: evidence(ds, known),
            });
            (status, appeared)
        };
        // Each later day of records: the status as of that day, against the one before.
        let mut i = records.partition_point(|&(d, _)| d <= Some(start));
        while i < records.len() {
            let day = records[i].0;
            let end = i + records[i..].iter().take_while(|&&(d, _)| d == day).count();
            let now = status_as_of(ds, records[..end].iter().map(|&(_, p)| p)).unwrap_or_default();
            if now != status {
                if out.marked.last() != Some(&e) {
                    out.marked.push(e);
                }
                let those = &records[i..end];
                out.changed.push(Change {
                    entity: entity_node.id(),
                    entity_name: entity_node.name(),
                    project: project_node.id(),
                    project_name: project_node.name(),
                    from: status,
                    to: now,
                    date: day.expect("a day after the start is dated"),
                    sources: cite_spans(&mut out.cited, after, those.iter().map(|(_, p)| p.sources)),
                    evidence: evidence(ds, those),
                });
                status = now;
            }
            i = end;
        }
    }
    out
}

/// How many links ahead the walk starts fetching one's records and ends: a wide window's
/// links lie all over the tables, and each would wait on memory.
const AHEAD: usize = 8;

/// Starts fetching what the walk reads first of link `e`: its first record and its ends.
fn prefetch_link(ds: &Dataset, graph: &PartnerGraph, e: EdgeIndex) {
    if let Some(&k) = graph.edge_record_indices(e).first() {
        prefetch(&ds.participations, k as usize);
    }
    let (entity, project) = graph.edge_ends(e);
    prefetch(&ds.entities, entity.index());
    if let Some(p) = ds.project_of(project) {
        prefetch(&ds.projects, p as usize);
    }
}

/// The day a link not visible as of `since` appeared: when both its first record and its
/// project were reported (a project dated by its own record may come after the records).
fn appearance(ds: &Dataset, records: &[Dated], project: NodeId, since: Date, until: Date) -> Date {
    let first = records.first().and_then(|&(d, _)| d);
    let own = ds
        .project_of(project)
        .and_then(|p| filter::project_reported(ds, &ds.projects[p as usize]));
    match first.max(own) {
        Some(d) if d > since => d,
        // Hidden as of `since` by another filter's interplay: its first later record.
        _ => records
            .iter()
            .find_map(|&(d, _)| d.filter(|&d| d > since))
            .unwrap_or(until),
    }
}

fn evidence<'a>(ds: &'a Dataset, records: &[Dated<'a>]) -> Vec<&'a str> {
    let mut list = Vec::new();
    for &(_, p) in records {
        if let Some(e) = ds.evidence_of(p) {
            push_new(&mut list, e);
        }
    }
    list
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::Filter;
    use crate::load;
    use crate::query::changes::window::touched;

    /// Forty organisations in ten projects, linked over three years, links moving and a
    /// record in five moving again later, sources shared: a piece boundary falls between
    /// links of one node and citations of one source.
    fn history() -> String {
        let statuses = ["interested", "agreed", "signed", "cancelled"];
        let mut records = Vec::new();
        for i in 0..200 {
            let date = format!("{}-{:02}-{:02}", 2024 + i % 3, 1 + i % 12, 1 + i % 28);
            records.push(format!(
                r#"{{"entity": "e{}", "project": "p{}", "status": "{}", "date": "{date}", "sources": ["s{}", "s{}"]}}"#,
                i % 40,
                (i / 40 + i * 3) % 10,
                statuses[(i / 7) % 4],
                i % 9,
                (i + 4) % 9
            ));
            if i % 5 == 0 {
                records.push(format!(
                    r#"{{"entity": "e{}", "project": "p{}", "status": "completed", "date": "2026-{:02}-20", "sources": ["s{}"]}}"#,
                    i % 40,
                    (i / 40 + i * 3) % 10,
                    1 + i % 12,
                    i % 9
                ));
            }
        }
        let sources: Vec<String> = (0..9)
            .map(|s| format!(r#"{{"id": "s{s}", "date": "2024-0{}-01"}}"#, 1 + s))
            .collect();
        let entities: Vec<String> = (0..40)
            .map(|e| format!(r#"{{"id": "e{e}", "name": "E{e}"}}"#))
            .collect();
        let projects: Vec<String> = (0..10)
            .map(|p| format!(r#"{{"id": "p{p}", "name": "P{p}"}}"#))
            .collect();
        format!(
            r#"{{"sources": [{}], "entities": [{}], "projects": [{}], "participations": [{}]}}"#,
            sources.join(","),
            entities.join(","),
            projects.join(","),
            records.join(",")
        )
    }

    #[test]
    fn pieces_joined_in_order_find_what_one_walk_finds() {
        let ds = load::load(&[load::Input::Text("t.json".into(), history())], Default::default())
            .unwrap()
            .dataset;
        let graph = PartnerGraph::build(&ds);
        let whole = View::all(&ds, &graph);
        let mut found = (0, 0, 0);
        for (since, until) in [
            ("2024-06-30", "2026-12-31"),
            ("2025-03-31", "2025-09-30"),
            ("2023-12-31", "2026-12-31"),
        ] {
            let (since, until) = (Date::parse(since).unwrap(), Date::parse(until).unwrap());
            let (edges, _, nodes) = touched(&ds, &graph, since, until);
            let before = Side::new(&ds, &graph, &Filter::default(), since, &nodes);
            let after = Side::new(&ds, &graph, &Filter::default(), until, &nodes);
            let one = walk_in_pieces(&whole, (&before, &after), &edges, since, until, edges.len());
            found.0 += one.links.len();
            found.1 += one.changed.len();
            found.2 += one.fresh.len();
            for size in [1, 2, 3, 7, 16] {
                let joined = walk_in_pieces(&whole, (&before, &after), &edges, since, until, size);
                assert_eq!(joined.links, one.links, "{size}");
                assert_eq!(joined.changed, one.changed, "{size}");
                assert_eq!(joined.marked, one.marked, "{size}");
                assert_eq!(joined.fresh, one.fresh, "{size}");
                let cited = |w: &Walked| w.cited.as_cited().iter().map(|s| s.id.to_string()).collect::<Vec<_>>();
                assert_eq!(cited(&joined), cited(&one), "{size}");
            }
        }
        assert!(found.0 > 50 && found.1 > 50 && found.2 > 20, "{found:?}");
    }
}
