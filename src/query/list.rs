//! The entities or projects the filters keep, sorted by name.

use serde::Serialize;

use crate::filter::View;
use crate::names::fold;

use super::facts::{NodeFacts, SourceRef, TieLink};

/// One row of a list.
#[derive(Debug, Serialize)]
pub struct Row<'a> {
    pub id: &'a str,
    pub name: &'a str,
    /// Entity kind; for projects, "project".
    pub kind: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sector: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<&'a str>,
    /// Entities: projects taken part in; projects: participants.
    pub links: usize,
}

/// The visible entities (or projects), by folded name, then id.
pub fn list<'a>(view: &View<'a>, projects: bool) -> Vec<Row<'a>> {
    let ds = view.ds;
    let mut rows: Vec<Row> = view
        .nodes()
        .filter(|&n| ds.node(n).is_project() == projects)
        .map(|n| {
            let f = NodeFacts::of(ds, n);
            Row {
                id: f.id,
                name: f.name,
                kind: f.kind,
                country: f.country,
                sector: f.sector,
                value: f.value.map(|v| v.to_string()),
                status: f.status,
                links: view.neighbors(n).filter(|&(_, e)| !view.is_tie(e)).count(),
            }
        })
        .collect();
    rows.sort_by_cached_key(|r| (fold(r.name).into_owned(), r.id));
    rows
}

/// One source in a list, with how much it backs.
#[derive(Debug, Serialize)]
pub struct SourceRow<'a> {
    #[serde(flatten)]
    pub source: SourceRef<'a>,
    /// Visible projects whose own record cites it.
    pub projects: usize,
    /// Visible links one of whose visible records cites it.
    pub links: usize,
    /// Visible ties (merged as `show` lists them) one of whose visible records cites it.
    pub ties: usize,
}

/// The sources of what the view shows (every source of a whole view), by id.
/// O(projects + records).
pub fn sources<'a>(view: &View<'a>) -> Vec<SourceRow<'a>> {
    let ds = view.ds;
    let (mut projects, mut links) = (vec![0usize; ds.sources.len()], vec![0usize; ds.sources.len()]);
    for n in view.nodes() {
        if let Some(p) = ds.project_of(n) {
            for &s in &ds.source_refs[ds.projects[p as usize].sources.range()] {
                projects[s as usize] += 1;
            }
        }
    }
    let mut ties = vec![0usize; ds.sources.len()];
    let index: std::collections::HashMap<&str, usize> =
        ds.sources.iter().enumerate().map(|(i, s)| (&*s.id, i)).collect();
    let mut seen: Vec<u32> = Vec::new();
    for e in view.edges().filter(|&e| view.is_tie(e)) {
        // Ties merge as `show` lists them: a source counts once per merged tie it backs.
        for link in TieLink::of(view, e) {
            for id in &link.sources {
                if let Some(&i) = index.get(id.as_str()) {
                    ties[i] += 1;
                }
            }
        }
    }
    for e in view.edges() {
        seen.clear();
        for p in view.records(e) {
            seen.extend_from_slice(&ds.source_refs[p.sources.range()]);
        }
        seen.sort_unstable();
        seen.dedup();
        for &s in &seen {
            links[s as usize] += 1;
        }
    }
    let mut rows: Vec<SourceRow> = ds
        .sources
        .iter()
        .enumerate()
        .filter(|&(i, s)| view.source_ok(s) && (view.is_whole() || projects[i] + links[i] + ties[i] > 0))
        .map(|(i, s)| SourceRow {
            source: SourceRef::from(s),
            projects: projects[i],
            links: links[i],
            ties: ties[i],
        })
        .collect();
    rows.sort_by(|a, b| a.source.id.cmp(b.source.id));
    rows
}
