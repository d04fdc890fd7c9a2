//! Ties as answers show them: a tie merged over the records of its pair that say the same
//! thing ([`TieLink`]), and a tie seen from one of its ends ([`TieRef`]).

use petgraph::graph::EdgeIndex;
use serde::Serialize;

use crate::filter::View;
use crate::model::Date;
use crate::value::Value;
use crate::vocab;

use super::as_text;
use super::link::push_new;

/// A tie between two organisations, merged over the visible records of that pair that say
/// the same thing (see [`TieLink::of`]).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TieLink {
    /// The one that is `kind` of the other.
    pub from: String,
    pub to: String,
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The most definite status among the records.
    pub status: String,
    /// Distinct source ids, in record order.
    pub sources: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// The earliest date among the records.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    /// A payment's amount or a deal's price.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "as_text")]
    pub value: Option<Value>,
}

impl TieLink {
    /// The visible ties of a tie edge, in record order: records that say the same thing (the
    /// same direction, kind, share, title, end and value) merge their statuses, sources,
    /// evidence and dates; records that differ stay apart (owner 10% until 2024, then 30%).
    pub fn of(view: &View, edge: EdgeIndex) -> Vec<TieLink> {
        TieLink::from_ties(view, view.ties(edge))
    }

    /// [`TieLink::of`] over the given tie records (of one pair), in their order.
    pub fn from_ties<'a>(view: &View, ties: impl Iterator<Item = &'a crate::model::Tie>) -> Vec<TieLink> {
        let ds = view.ds;
        let mut out: Vec<TieLink> = Vec::new();
        for t in ties {
            let (from, to, kind) = (
                ds.entities[t.from as usize].id(),
                ds.entities[t.to as usize].id(),
                ds.tie_kind(t),
            );
            let title = t.title.as_deref();
            let until = t.until.map(|u| u.to_string());
            let at = match out.iter().position(|l| {
                (
                    &*l.from,
                    &*l.to,
                    &*l.kind,
                    l.share,
                    l.title.as_deref(),
                    &l.until,
                    l.value,
                ) == (from, to, kind, t.share, title, &until, t.value)
            }) {
                Some(at) => at,
                None => {
                    out.push(TieLink {
                        from: from.to_string(),
                        to: to.to_string(),
                        kind: kind.to_string(),
                        share: t.share,
                        title: title.map(str::to_string),
                        status: String::new(),
                        sources: Vec::new(),
                        evidence: Vec::new(),
                        date: None,
                        until,
                        value: t.value,
                    });
                    out.len() - 1
                }
            };
            let link = &mut out[at];
            let status = ds.tie_status(t);
            if link.status.is_empty() || vocab::status_rank(status) > vocab::status_rank(&link.status) {
                link.status = status.to_string();
            }
            for s in ds.sources_in(t.sources).filter(|s| view.source_ok(s)) {
                push_new(&mut link.sources, &s.id);
            }
            if let Some(e) = ds.tie_evidence(t) {
                push_new(&mut link.evidence, e);
            }
            if let Some(d) = t.date {
                let earliest = link.date.as_deref().and_then(Date::parse).map_or(d, |e| e.min(d));
                link.date = Some(earliest.to_string());
            }
        }
        out
    }

    /// How `from` stands to `to`, as a partner's line says it: "owner 49% of".
    pub fn phrase(&self, backward: bool) -> String {
        vocab::tie_phrase(&self.kind, self.share, backward)
    }
}

/// A tie as seen from one of its ends: what kind, which way, the share and the title.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TieRef {
    pub kind: String,
    /// "out" when the end it is seen from is the one that is `kind` of the other.
    pub direction: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

impl TieRef {
    /// The tie `link` seen from entity id `from_here`.
    pub fn seen_from(link: &TieLink, from_here: &str) -> TieRef {
        TieRef {
            kind: link.kind.clone(),
            direction: if link.from == from_here { "out" } else { "in" },
            share: link.share,
            title: link.title.clone(),
        }
    }

    /// What the other end is to this one, in words: for a tie "Cameco owner 49% of
    /// Westinghouse" seen from Westinghouse, Cameco is "owner 49% of" it.
    pub fn other_is(&self) -> String {
        vocab::tie_phrase(&self.kind, self.share, self.direction == "out")
    }
}
