//! Every dated event of one organisation or project, oldest first: the records of its
//! links (each with its role, status and sources, and how it moved the link's status),
//! the dates of the projects involved, and an organisation's ties: when each began (or was
//! reported) and when it ended.

use petgraph::visit::EdgeRef;
use serde::Serialize;

use crate::filter::{self, View};
use crate::model::{Date, NodeId, NodeRef, Participation, Span, Tie};

use super::facts::{status_as_of, Citations, NodeInfo, SourceRef};
use super::known::{all_records, known_from};

/// One event. A `project` event is a project's own report (its date, value and status); a
/// `participation` event is one record of a link; a `tie` event one tie record, and a
/// `tie-ended` event the day it ended.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Event {
    /// When it was reported (a record's date, else its earliest source's; a project's date,
    /// else its earliest source's, else its first record's: [`super::known`]); none when
    /// nothing says (it counts as always known).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// `project`, `participation`, `tie` or `tie-ended`.
    pub kind: &'static str,
    /// The project, but for tie events.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_name: Option<String>,
    /// The organisation of a participation; of a tie, the other end.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity_name: Option<String>,
    /// A tie's kind, `direction` (`out` when the timeline's organisation is `tie_kind` of
    /// the other, `in` when the other is), share and title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tie_kind: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direction: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The record's status, or the project's own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// When this day's records moved the link's status ([`status_as_of`]): what it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// ... and what it became (the record's own status, but for a role stepping back).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// A project's value, as text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    pub sources: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

/// The events of one node, oldest first, and the sources they cite.
#[derive(Debug, Clone, Serialize)]
pub struct Timeline<'a> {
    pub node: NodeInfo,
    pub events: Vec<Event>,
    /// Every source cited by the events, by id.
    pub sources: Vec<SourceRef<'a>>,
}

/// The timeline of node `n` in `view`: its visible links' records and the projects' own
/// reports (for an organisation, the projects it is in; for a project, itself). Undated
/// events come first; events of one day by project id, a project's own report before its
/// links' records, those by organisation id. O(degree + records of its links).
pub fn timeline<'a>(view: &View<'a>, n: NodeId) -> Timeline<'a> {
    let ds = view.ds;
    let mut cited = Citations::new(view);
    let mut events = Vec::new();
    let mut project_event = |cited: &mut Citations, q: NodeId| {
        let NodeRef::Project(p) = ds.node(q) else { return };
        // Dated as `--as-of` and `changes` date it; one that gives no date of its own is
        // reported by the records of the day that made it known.
        let date = known_from(ds, view.graph, q, None);
        let sources = if date.is_none() || filter::project_reported(ds, p).is_some() {
            cite(view, cited, p.sources)
        } else {
            let mut ids = Vec::new();
            for (_, span) in all_records(ds, view.graph, q, None).filter(|&(d, _)| d == date) {
                for id in cite(view, cited, span) {
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
            }
            ids
        };
        events.push(Event {
            date,
            kind: "project",
            project: Some(p.id().to_string()),
            project_name: Some(p.name().to_string()),
            entity: None,
            entity_name: None,
            tie_kind: None,
            direction: None,
            share: None,
            title: None,
            role: None,
            status: p.status.as_deref().map(str::to_string),
            from: None,
            to: None,
            value: p.value.map(|v| v.to_string()),
            sources,
            evidence: None,
        });
    };
    if ds.node(n).is_project() {
        project_event(&mut cited, n);
    }
    let mut links: Vec<_> = view.neighbors(n).collect();
    links.sort_unstable_by_key(|&(other, _)| other);
    for &(other, _) in &links {
        if !ds.node(n).is_project() {
            project_event(&mut cited, other);
        }
    }
    // Ties from the graph, not the view: one that ended before `--as-of` is hidden from the
    // view, yet began and ended within what the timeline tells.
    let mut tie_edges: Vec<_> = view
        .graph
        .graph
        .edges(n)
        .filter(|e| view.is_tie(e.id()))
        .map(|e| (if e.source() == n { e.target() } else { e.source() }, e.id()))
        .filter(|&(other, _)| view.contains(other))
        .collect();
    tie_edges.sort_unstable_by_key(|&(other, _)| other);
    for (other, e) in tie_edges {
        for t in view.graph.edge_ties(ds, e).filter(|t| view.filter.tie_known(ds, t)) {
            tie_events(view, &mut cited, &mut events, n, other, t);
        }
    }
    for (_, e) in links {
        if view.is_tie(e) {
            continue;
        }
        let (entity, project) = view.graph.edge_ends(e);
        let mut records: Vec<(Option<Date>, &Participation)> =
            view.records(e).map(|p| (filter::reported(ds, p), p)).collect();
        records.sort_by_key(|&(d, _)| d);
        let mut status: Option<&str> = None;
        let mut i = 0;
        while i < records.len() {
            let day = records[i].0;
            let end = i + records[i..].iter().take_while(|&&(d, _)| d == day).count();
            let now = status_as_of(ds, records[..end].iter().map(|&(_, p)| p));
            // The move is told once: on the first record of the day that says the new status,
            // else (a role stepping back to below another's) on the day's first record.
            let mut moved = status.filter(|&before| Some(before) != now);
            let first = events.len();
            for &(date, p) in &records[i..end] {
                let from = match moved {
                    Some(before) if Some(ds.status(p)) == now => {
                        moved = None;
                        Some(before.to_string())
                    }
                    _ => None,
                };
                events.push(Event {
                    date,
                    kind: "participation",
                    project: Some(ds.node(project).id().to_string()),
                    project_name: Some(ds.node(project).name().to_string()),
                    entity: Some(ds.node(entity).id().to_string()),
                    entity_name: Some(ds.node(entity).name().to_string()),
                    tie_kind: None,
                    direction: None,
                    share: None,
                    title: None,
                    role: Some(ds.role(p).to_string()),
                    status: Some(ds.status(p).to_string()),
                    to: from.as_ref().and(now).map(str::to_string),
                    from,
                    value: None,
                    sources: cite(view, &mut cited, p.sources),
                    evidence: ds.evidence_of(p).map(str::to_string),
                });
            }
            if let Some(before) = moved {
                events[first].from = Some(before.to_string());
                events[first].to = now.map(str::to_string);
            }
            status = now;
            i = end;
        }
    }
    // Stable: records of one link and day keep their file order.
    events.sort_by(|a, b| {
        let key = |e: &Event| {
            (
                e.date,
                e.project.clone(),
                e.kind != "project",
                e.entity.clone(),
                e.tie_kind.clone(),
                e.kind,
            )
        };
        key(a).cmp(&key(b))
    });
    Timeline {
        node: NodeInfo::of(ds, n),
        events,
        sources: cited.by_id(),
    }
}

/// Cites the sources of `span` the view shows, and returns their ids, each once.
fn cite(view: &View, cited: &mut Citations, span: Span) -> Vec<String> {
    cited.cite(span);
    let mut ids: Vec<String> = Vec::new();
    for s in view.ds.sources_in(span).filter(|s| view.source_ok(s)) {
        if !ids.iter().any(|x| **x == *s.id) {
            ids.push(s.id.to_string());
        }
    }
    ids
}

/// The events of one tie of `n` with `other`: when it was reported, and when it ended if
/// that is within what the view shows.
fn tie_events(view: &View, cited: &mut Citations, events: &mut Vec<Event>, n: NodeId, other: NodeId, t: &Tie) {
    let ds = view.ds;
    let sources = cite(view, cited, t.sources);
    let tie = Event {
        date: filter::tie_reported(ds, t),
        kind: "tie",
        project: None,
        project_name: None,
        entity: Some(ds.node(other).id().to_string()),
        entity_name: Some(ds.node(other).name().to_string()),
        role: None,
        status: Some(ds.tie_status(t).to_string()),
        from: None,
        to: None,
        tie_kind: Some(ds.tie_kind(t).to_string()),
        direction: Some(if ds.entity_node(t.from) == n { "out" } else { "in" }),
        share: t.share,
        title: t.title.as_deref().map(str::to_string),
        value: t.value.map(|v| v.to_string()),
        sources,
        evidence: ds.tie_evidence(t).map(str::to_string),
    };
    // An end after `--as-of` is not known yet.
    if let Some(until) = t.until.filter(|_| view.filter.as_of.is_none_or(|d| !t.holds_on(d))) {
        events.push(Event {
            date: Some(until),
            kind: "tie-ended",
            evidence: None,
            ..tie.clone()
        });
    }
    events.push(tie);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::Filter;
    use crate::graph::PartnerGraph;
    use crate::load;

    const DATA: &str = r#"{
      "sources": [{"id": "s1", "date": "2025-11-03"}, {"id": "s2", "date": "2026-02-10"}, {"id": "s3"}],
      "entities": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
      "projects": [{"id": "p", "name": "P", "date": "2025-10-01", "value": "$1B", "sources": ["s3"]}],
      "participations": [
        {"entity": "a", "project": "p", "status": "agreed", "date": "2026-02-10", "sources": ["s2"]},
        {"entity": "a", "project": "p", "status": "interested", "sources": ["s1"]},
        {"entity": "b", "project": "p", "role": "lead", "status": "signed", "date": "2025-11-03"}
      ]}"#;

    #[test]
    fn events_run_oldest_first_and_say_what_moved() {
        let ds = load::load(&[load::Input::Text("t.json".into(), DATA.into())], Default::default())
            .unwrap()
            .dataset;
        let g = PartnerGraph::build(&ds);
        let view = View::all(&ds, &g);
        let t = timeline(&view, NodeId::new(0));
        let seen: Vec<String> = t
            .events
            .iter()
            .map(|e| {
                let date = e.date.map(|d| d.to_string()).unwrap_or_default();
                let (status, from) = (e.status.as_deref().unwrap_or("-"), e.from.as_deref().unwrap_or("-"));
                format!("{date} {} {status} {from}", e.kind)
            })
            .collect();
        assert_eq!(
            seen,
            [
                "2025-10-01 project - -",
                // Dated by its source.
                "2025-11-03 participation interested -",
                "2026-02-10 participation agreed interested",
            ]
        );
        assert_eq!(t.events[0].value.as_deref(), Some("$1B"));
        assert_eq!(t.events[0].sources, ["s3"]);
        let ids: Vec<&str> = t.sources.iter().map(|s| s.id).collect();
        assert_eq!(ids, ["s1", "s2", "s3"]);
        // A project's timeline: itself, then its participants' records; as of a date, less.
        let as_of = View::new(
            &ds,
            &g,
            Filter {
                as_of: crate::model::Date::parse("2025-12-31"),
                ..Filter::default()
            },
        );
        let t = timeline(&as_of, ds.project_node(0));
        let who: Vec<Option<&str>> = t.events.iter().map(|e| e.entity.as_deref()).collect();
        assert_eq!(who, [None, Some("a"), Some("b")]);
    }
}
