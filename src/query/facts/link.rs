//! An entity's part in a project as answers show it: the records of one pair merged
//! ([`Link`]), its history ([`LinkRecord`]), and the one rule for its status as of a date
//! ([`status_as_of`]).

use petgraph::graph::EdgeIndex;
use serde::Serialize;

use crate::filter::{self, View};
use crate::model::{Dataset, Date, Participation, SymId};
use crate::vocab;

/// An entity's part in a project, merged over all the records of that pair.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Link {
    pub entity: String,
    pub project: String,
    /// Distinct roles, in vocabulary order ([`vocab::ROLES`], unknown ones after by name).
    pub roles: Vec<String>,
    /// Without `--as-of`, the most definite status among the records (see
    /// [`vocab::STATUSES`]); as of a date, the latest record's, per role
    /// ([`status_as_of`]).
    pub status: String,
    /// Distinct source ids, in record order.
    pub sources: Vec<String>,
    /// What the sources say, one line per record that has it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// The earliest date among the records.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The records one by one, oldest first, when there are several: how the link moved.
    /// A link of one record has none, its own fields say it all.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<LinkRecord>,
}

/// One record of a link's history.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct LinkRecord {
    /// When it was reported: its date, else its earliest source's ([`filter::reported`]);
    /// none when neither is known (such a record counts as always known).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    pub status: String,
    pub role: String,
    pub sources: Vec<String>,
}

/// A link's status as of a date, from its records reported by then: for each of its roles,
/// that of the role's latest record (undated ones count as the earliest: always known);
/// of several roles, or several records of one day, the most definite. `None` for no
/// record. So a history (interested, then agreed, then cancelled) reads as its last word,
/// while a second role (lead, agreed; then also financier, considering) does not undo the
/// first.
///
/// This is the one place the rule lives: [`Link::from_records`] applies it under
/// `--as-of`, and `changes`, `timeline` and the explorer's date control follow it.
///
/// ```
/// # use partnet::{graph::PartnerGraph, filter::View, load, query::facts::status_as_of};
/// let text = r#"{"entities": [{"id": "a", "name": "A"}], "projects": [{"id": "p", "name": "P"}],
///   "participations": [
///     {"entity": "a", "project": "p", "role": "lead", "status": "agreed", "date": "2025-01"},
///     {"entity": "a", "project": "p", "role": "lead", "status": "cancelled", "date": "2025-03"},
///     {"entity": "a", "project": "p", "role": "financier", "status": "considering", "date": "2025-02"}]}"#;
/// let ds = load::load(&[load::Input::Text("t.json".into(), text.into())], Default::default()).unwrap().dataset;
/// let r = &ds.participations;
/// assert_eq!(status_as_of(&ds, [&r[0], &r[2]]), Some("agreed"));
/// assert_eq!(status_as_of(&ds, r), Some("cancelled"));
/// ```
pub fn status_as_of<'d>(ds: &'d Dataset, records: impl IntoIterator<Item = &'d Participation>) -> Option<&'d str> {
    // (role, when, status) per role, in the order the roles first come.
    let mut latest: Vec<(SymId, Option<Date>, &str)> = Vec::new();
    for p in records {
        let (when, status) = (filter::reported(ds, p), ds.status(p));
        let role = ds.role_id(p);
        match latest.iter_mut().find(|(r, _, _)| *r == role) {
            None => latest.push((role, when, status)),
            Some(slot) => {
                if when > slot.1 || (when == slot.1 && vocab::status_rank(status) > vocab::status_rank(slot.2)) {
                    (slot.1, slot.2) = (when, status);
                }
            }
        }
    }
    let mut best: Option<&str> = None;
    for (_, _, status) in latest {
        if best.is_none_or(|b| vocab::status_rank(status) > vocab::status_rank(b)) {
            best = Some(status);
        }
    }
    best
}

impl Link {
    /// Summarises the visible records of an edge.
    pub fn of(view: &View, edge: EdgeIndex) -> Link {
        Link::from_records(view, view.records(edge))
    }

    /// Summarises records of one pair as `view` shows them: under `--as-of` the status is
    /// the latest record's ([`status_as_of`]), otherwise the most definite of all.
    pub fn from_records<'a>(view: &View, records: impl Iterator<Item = &'a Participation>) -> Link {
        let ds = view.ds;
        let mut link = Link {
            entity: String::new(),
            project: String::new(),
            roles: Vec::new(),
            status: String::new(),
            sources: Vec::new(),
            evidence: Vec::new(),
            date: None,
            history: Vec::new(),
        };
        let mut earliest: Option<Date> = None;
        // Most links have one record: the list is only made for a second.
        let mut first: Option<&Participation> = None;
        let mut all: Vec<&Participation> = Vec::new();
        for p in records {
            if link.entity.is_empty() {
                link.entity = ds.entities[p.entity as usize].id().to_string();
                link.project = ds.projects[p.project as usize].id().to_string();
            }
            push_new(&mut link.roles, ds.role(p));
            let status = ds.status(p);
            if link.status.is_empty() || vocab::status_rank(status) > vocab::status_rank(&link.status) {
                link.status = status.to_string();
            }
            for s in ds.sources_in(p.sources) {
                push_new(&mut link.sources, &s.id);
            }
            if let Some(e) = ds.evidence_of(p) {
                push_new(&mut link.evidence, e);
            }
            if let Some(d) = p.date {
                earliest = Some(earliest.map_or(d, |e| e.min(d)));
            }
            match first {
                None => first = Some(p),
                Some(f) => {
                    if all.is_empty() {
                        all.push(f);
                    }
                    all.push(p);
                }
            }
        }
        link.date = earliest.map(|d| d.to_string());
        link.roles
            .sort_by(|a, b| (vocab::role_rank(a), a).cmp(&(vocab::role_rank(b), b)));
        if view.filter.as_of.is_some() && !all.is_empty() {
            if let Some(s) = status_as_of(ds, all.iter().copied()) {
                link.status = s.to_string();
            }
        }
        let mut dated: Vec<(Option<Date>, &Participation)> =
            all.into_iter().map(|p| (filter::reported(ds, p), p)).collect();
        // Stable: records of one day keep the graph's order of them, by their content.
        dated.sort_by_key(|&(d, _)| d);
        link.history = dated
            .into_iter()
            .map(|(date, p)| LinkRecord {
                date,
                status: ds.status(p).to_string(),
                role: ds.role(p).to_string(),
                sources: ds.sources_in(p.sources).map(|s| s.id.to_string()).collect(),
            })
            .collect();
        link
    }
}

/// Adds `item` to `list` unless it is there already: distinct values in the order first seen.
pub(super) fn push_new(list: &mut Vec<String>, item: &str) {
    if !list.iter().any(|x| x == item) {
        list.push(item.to_string());
    }
}
