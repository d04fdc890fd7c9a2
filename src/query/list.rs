//! The entities or projects the filters keep, sorted by name.

use serde::Serialize;

use crate::filter::View;
use crate::names::fold;

use super::facts::NodeFacts;

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
                links: view.neighbors(n).count(),
            }
        })
        .collect();
    rows.sort_by_cached_key(|r| (fold(r.name).into_owned(), r.id));
    rows
}
