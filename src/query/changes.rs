//! What became known between two dates: the organisations, projects and links first
//! reported in the window, and the links whose status moved in it, each with its sources.
//!
//! The window (D1, D2] is read as the difference of two views, `--as-of D1` and
//! `--as-of D2`, with every other filter the same: what the second shows and the first does
//! not is added, by the very rules of `--as-of` ([`crate::filter`]); a link's status as of a
//! date follows [`status_as_of`](super::facts::status_as_of). So applying an answer to the `--as-of D1` view gives the
//! `--as-of D2` view: add what is added, then move each status in date order.
//!
//! Ties count as links do: one first shown in the window is added, one whose `until` falls
//! in it has ended (`query/changes/ties.rs`).
//!
//! A project has one value in the data, with no date of its own: the format cannot say that
//! a value changed, so no value change is reported.

use petgraph::graph::EdgeIndex;
use rayon::slice::ParallelSliceMut;
use serde::Serialize;

use crate::filter::{self, Filter, View};
use crate::graph::PartnerGraph;
use crate::model::{Dataset, Date, NodeId, NodeRef, Participation, Span};

use super::facts::{Citations, SourceRef};
use super::known::{all_records, known_from};

mod ties;
mod walk;
mod window;

pub use ties::TieEvent;
use walk::walk;
use window::{touched, Side};

/// An organisation or project first reported in the window.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct AddedNode<'a> {
    pub id: &'a str,
    pub name: &'a str,
    /// The entity's kind, or "project".
    pub kind: &'a str,
    /// When it was first reported.
    pub date: Date,
    /// A project's value, as text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// A project's own status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<&'a str>,
    /// Who reports it: a project's own sources, else those of the records that made it
    /// known; by id.
    pub sources: Vec<&'a str>,
}

/// A link first reported in the window, as it was then.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct AddedLink<'a> {
    pub entity: &'a str,
    pub entity_name: &'a str,
    pub project: &'a str,
    pub project_name: &'a str,
    /// The roles of its records reported by `date`.
    pub roles: Vec<&'a str>,
    /// Its status on `date` ([`status_as_of`](super::facts::status_as_of)); later moves are in [`Changes::changed`].
    pub status: &'a str,
    pub date: Date,
    /// The sources of its records reported by `date`, by id.
    pub sources: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<&'a str>,
}

/// Everything added in the window, by kind, each list oldest first.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Added<'a> {
    pub entities: Vec<AddedNode<'a>>,
    pub projects: Vec<AddedNode<'a>>,
    pub links: Vec<AddedLink<'a>>,
    /// Ties first shown in the window.
    pub ties: Vec<TieEvent<'a>>,
}

/// What ended in the window: ties whose `until` falls in it.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Ended<'a> {
    pub ties: Vec<TieEvent<'a>>,
}

/// A link whose status moved on `date`, reported by the records of that day.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Change<'a> {
    pub entity: &'a str,
    pub entity_name: &'a str,
    pub project: &'a str,
    pub project_name: &'a str,
    pub from: &'a str,
    pub to: &'a str,
    pub date: Date,
    /// The sources of that day's records, by id.
    pub sources: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<&'a str>,
}

/// What became known after `since`, up to and including `until`.
#[derive(Debug, Clone, Serialize)]
pub struct Changes<'a> {
    pub since: Date,
    pub until: Date,
    pub added: Added<'a>,
    /// Status moves of links, oldest first.
    pub changed: Vec<Change<'a>>,
    pub ended: Ended<'a>,
    /// Every source cited above, by id.
    pub sources: Vec<SourceRef<'a>>,
    /// The nodes added and the links added or moved, sorted: what a "what changed" diagram
    /// marks.
    #[serde(skip)]
    pub marked: (Vec<NodeId>, Vec<EdgeIndex>),
}

impl Changes<'_> {
    /// Whether nothing became known in the window.
    pub fn is_empty(&self) -> bool {
        let a = &self.added;
        a.entities.is_empty()
            && a.projects.is_empty()
            && a.links.is_empty()
            && a.ties.is_empty()
            && self.changed.is_empty()
            && self.ended.ties.is_empty()
    }
}

/// Where a window ends when `--until` does not say: on the latest date anywhere in the
/// data (of a record, a project, a tie or a source), or, when a tie ends later, on the day
/// after its `until` (a tie still holds on its `until`, as `--as-of` shows it, and is gone
/// the next day). So the default window takes in every date the data has: every addition,
/// every status move and every end. It depends on the data alone, never on the clock.
/// O(records).
pub fn default_until(ds: &Dataset) -> Option<Date> {
    let records = ds.participations.iter().filter_map(|p| p.date);
    let projects = ds.projects.iter().filter_map(|p| p.date);
    let sources = ds.sources.iter().filter_map(|s| s.date);
    let ties = ds.ties.iter().filter_map(|t| t.date);
    let ends = ds.ties.iter().filter_map(|t| t.until).map(Date::day_after);
    records.chain(projects).chain(sources).chain(ties).chain(ends).max()
}

/// A record with when it was reported.
type Dated<'d> = (Option<Date>, &'d Participation);

/// What became known after `since`, up to `until`, under the filters of `filter` (its own
/// `--as-of` is replaced by the two ends of the window).
///
/// Takes the dataset and the filters rather than a [`View`]: a view of a million records
/// costs a pass over all of them, and most of the time none is needed. The records are read
/// once in file order for those reported in the window, and only the links they and the
/// projects dated in the window touch are looked at closer: nothing else can have changed.
/// What was visible at either end comes from the rules of `--as-of` applied to what the
/// window touches when `--as-of` is the only filter, else from two views. O(records), plus
/// O(nodes + records) for those views (else O(nodes) for a table of what each end knew), plus
/// a sort of the records of the links touched.
pub fn changes<'a>(ds: &'a Dataset, graph: &'a PartnerGraph, filter: &Filter, since: Date, until: Date) -> Changes<'a> {
    let until = until.max(since);
    let others = Filter {
        as_of: None,
        ..filter.clone()
    };
    let (edges, tie_edges, nodes) = touched(ds, graph, since, until);
    let (before, after) = rayon::join(
        || Side::new(ds, graph, &others, since, &nodes),
        || Side::new(ds, graph, &others, until, &nodes),
    );
    // Over the whole graph: what `after` shows of each source is decided in `cite_spans`.
    let whole = View::all(ds, graph);
    let walked = walk(&whole, (&before, &after), &edges, since, until);
    let mut cited = walked.cited;
    let mut added = Added {
        links: walked.links,
        ..Added::default()
    };
    let mut changed = walked.changed;
    let mut marked_edges = walked.marked;
    // The day each new node showed with its first link, with the sources of that day's: an
    // organisation or project shown only with a link appears with its first one.
    let mut linked = Linked::new(graph.graph.node_count());
    for &(n, at) in &walked.fresh {
        let link = &added.links[at as usize];
        linked.note([n], link.date, &link.sources);
    }
    let tied = ties::tie_changes(
        &others,
        (&before, &after),
        &tie_edges,
        since,
        until,
        &mut cited,
        &mut linked,
    );
    added.ties = tied.added;
    // Tie edges come after every participation edge: the list stays sorted.
    marked_edges.extend(tied.marked);
    let mut marked_nodes = Vec::new();
    for n in nodes.into_iter().filter(|&n| after.contains(n) && !before.contains(n)) {
        marked_nodes.push(n);
        let node = ds.node(n);
        let own = match node {
            NodeRef::Project(p) => filter::project_reported(ds, p),
            NodeRef::Entity(_) => None,
        };
        // Known from its own date, else from its first record (any, as `--as-of` reads it);
        // shown from then, or from its first link when it needs one.
        let on_time = known_from(ds, graph, n, Some(until));
        let link = linked.get(n);
        let date = match link {
            Some(&(d, _)) if others.needs_link(ds, n) => on_time.map_or(d, |t| t.max(d)),
            _ => on_time.filter(|&d| d > since).or(link.map(|l| l.0)).unwrap_or(until),
        };
        let sources = match (node, link) {
            (NodeRef::Project(p), _) if own == Some(date) => cite_spans(&mut cited, &after, [p.sources]),
            (_, Some((d, sources))) if *d == date => sources.clone(),
            _ => {
                let that_day: Vec<Span> = all_records(ds, graph, n, Some(until))
                    .filter(|&(d, _)| d == Some(date))
                    .map(|(_, sources)| sources)
                    .collect();
                cite_spans(&mut cited, &after, that_day)
            }
        };
        let item = AddedNode {
            id: node.id(),
            name: node.name(),
            kind: node.kind(),
            date,
            value: None,
            status: None,
            sources,
        };
        match node {
            NodeRef::Entity(_) => added.entities.push(item),
            NodeRef::Project(p) => added.projects.push(AddedNode {
                value: p.value.map(|v| v.to_string()),
                status: p.status.as_deref(),
                ..item
            }),
        }
    }
    // On every thread: a wide window adds hundreds of thousands of links. Unstable sorts, for
    // no two items share a key.
    added.entities.par_sort_unstable_by_key(|n| (n.date, n.id));
    added.projects.par_sort_unstable_by_key(|n| (n.date, n.id));
    added.links.par_sort_unstable_by_key(|l| (l.date, l.entity, l.project));
    changed.par_sort_by_key(|c| (c.date, c.entity, c.project));
    Changes {
        since,
        until,
        added,
        changed,
        ended: Ended { ties: tied.ended },
        sources: cited.by_id(),
        marked: (marked_nodes, marked_edges),
    }
}

/// The day each node not shown at the window's start first showed with a link (or tie) in
/// it, with the sources of the links of that day. A node shown at the start is not noted: a
/// tie between two such nodes shows from its own date, whatever new links they gain. By node
/// index, into a list of the nodes noted: a wide window notes many nodes, and a table is
/// read without hashing.
struct Linked<'a> {
    /// By node index: where its day is in `days`, or `u32::MAX`.
    at: Vec<u32>,
    days: Vec<(Date, Vec<&'a str>)>,
}

impl<'a> Linked<'a> {
    fn new(nodes: usize) -> Linked<'a> {
        Linked {
            at: vec![u32::MAX; nodes],
            days: Vec::new(),
        }
    }

    fn get(&self, n: NodeId) -> Option<&(Date, Vec<&'a str>)> {
        self.days.get(self.at[n.index()] as usize)
    }

    /// Notes that `ends` showed with a link on `date`, reported by `sources`: an earlier day
    /// replaces a later one, and the same day adds its sources (kept by id).
    fn note(&mut self, ends: impl IntoIterator<Item = NodeId>, date: Date, sources: &[&'a str]) {
        for end in ends {
            let at = &mut self.at[end.index()];
            if *at == u32::MAX {
                *at = self.days.len() as u32;
                self.days.push((date, Vec::new()));
            }
            let slot = &mut self.days[*at as usize];
            if date < slot.0 {
                *slot = (date, Vec::new());
            }
            if date == slot.0 {
                for s in sources {
                    insert_by_id(&mut slot.1, s);
                }
            }
        }
    }
}

/// Cites the sources of some spans that `side` shows, and returns their ids, each once, by
/// id: the records of a node or link come in file order, which no answer follows.
fn cite_spans<'a>(cited: &mut Citations<'_, 'a>, side: &Side, spans: impl IntoIterator<Item = Span>) -> Vec<&'a str> {
    let mut ids = Vec::new();
    for span in spans {
        cited.cite_each_if(span, |s| side.source_ok(s), |s| insert_by_id(&mut ids, &s.id));
    }
    ids
}

/// Adds a source id to a short list sorted by id, unless it is there already.
fn insert_by_id<'a>(list: &mut Vec<&'a str>, id: &'a str) {
    if let Err(at) = list.binary_search(&id) {
        list.insert(at, id);
    }
}

/// Adds `item` to a short list unless it is there already.
fn push_new<'a>(list: &mut Vec<&'a str>, item: &'a str) {
    if !list.contains(&item) {
        list.push(item);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::PartnerGraph;
    use crate::load;

    /// A link that moves interested (2025-11) -> agreed (2026-02), one cancelled later, and
    /// a project and an organisation that first appear in 2026.
    const HISTORY: &str = r#"{
      "sources": [{"id": "s1", "date": "2025-11-03"}, {"id": "s2", "date": "2026-02-10"},
                  {"id": "s3", "date": "2026-04-01"}],
      "entities": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}, {"id": "c", "name": "C"}],
      "projects": [{"id": "p", "name": "P", "date": "2025-11-03", "sources": ["s1"]},
                   {"id": "q", "name": "Q", "date": "2026-02-10", "value": "$2B", "sources": ["s2"]}],
      "participations": [
        {"entity": "a", "project": "p", "status": "interested", "date": "2025-11-03", "sources": ["s1"]},
        {"entity": "a", "project": "p", "status": "agreed", "date": "2026-02-10", "sources": ["s2"],
         "evidence": "s2 says A agreed."},
        {"entity": "b", "project": "p", "status": "signed", "date": "2025-11-03", "sources": ["s1"]},
        {"entity": "b", "project": "p", "status": "cancelled", "date": "2026-04-01", "sources": ["s3"]},
        {"entity": "c", "project": "q", "role": "lead", "status": "selected", "date": "2026-02-10", "sources": ["s2"]}
      ]}"#;

    fn load(text: &str) -> Dataset {
        load::load(&[load::Input::Text("t.json".into(), text.into())], Default::default())
            .unwrap()
            .dataset
    }

    fn ids(list: &[AddedNode]) -> Vec<String> {
        list.iter().map(|n| n.id.to_string()).collect()
    }

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    /// The changes of HISTORY in (since, until], handed to `check`.
    fn window(since: &str, until: &str, check: impl FnOnce(&Changes)) {
        let ds = load(HISTORY);
        let g = PartnerGraph::build(&ds);
        let filter = Filter {
            as_of: Some(date(until)),
            ..Filter::default()
        };
        check(&changes(&ds, &g, &filter, date(since), date(until)));
    }

    #[test]
    fn a_node_keeps_the_first_day_it_showed_with_the_sources_of_that_day() {
        let (a, b, c) = (NodeId::new(0), NodeId::new(1), NodeId::new(2));
        let mut linked = Linked::new(3);
        linked.note([a, b], date("2026-03-01"), &["s3"]);
        linked.note([a, c], date("2026-02-01"), &["s2"]);
        linked.note([a, b], date("2026-02-01"), &["s1", "s2"]);
        linked.note([a, c], date("2026-04-01"), &["s4"]);
        assert_eq!(
            linked.get(a),
            Some(&(date("2026-02-01"), vec!["s1", "s2"])),
            "by id, not as noted"
        );
        assert_eq!(linked.get(b), Some(&(date("2026-02-01"), vec!["s1", "s2"])));
        assert_eq!(linked.get(c), Some(&(date("2026-02-01"), vec!["s2"])));
        assert_eq!(Linked::new(1).get(a), None);
    }

    #[test]
    fn a_window_lists_what_was_added_and_each_status_move() {
        window("2025-12-31", "2026-03-31", |c| {
            assert_eq!(ids(&c.added.entities), ["c"]);
            assert_eq!(ids(&c.added.projects), ["q"]);
            assert_eq!(c.added.projects[0].value.as_deref(), Some("$2B"));
            assert_eq!(c.added.projects[0].sources, ["s2"]);
            assert_eq!(c.added.links.len(), 1);
            assert_eq!((c.added.links[0].entity, c.added.links[0].status), ("c", "selected"));
            assert_eq!(c.changed.len(), 1, "{:?}", c.changed);
            let move_ = &c.changed[0];
            assert_eq!((move_.entity, move_.from, move_.to), ("a", "interested", "agreed"));
            assert_eq!((move_.date, &move_.sources[..]), (date("2026-02-10"), &["s2"][..]));
            assert_eq!(move_.evidence, ["s2 says A agreed."]);
            let cited: Vec<&str> = c.sources.iter().map(|s| s.id).collect();
            assert_eq!(cited, ["s2"]);
        });
        // Later, the cancellation.
        window("2026-03-31", "2026-12-31", |c| {
            assert!(c.added.links.is_empty() && c.added.entities.is_empty());
            assert_eq!(c.changed.len(), 1);
            assert_eq!((c.changed[0].from, c.changed[0].to), ("signed", "cancelled"));
        });
        // Over everything: every node is added, and A's move still shows after its start.
        window("2025-01-01", "2026-12-31", |c| {
            assert_eq!(ids(&c.added.entities), ["a", "b", "c"]);
            assert_eq!(c.added.links.len(), 3);
            assert_eq!(c.changed.len(), 2);
        });
        window("2026-04-01", "2026-12-31", |c| assert!(c.is_empty()));
    }
}
