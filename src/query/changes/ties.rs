//! Ties in a window of dates: those first shown after `since` (by their own date, or when
//! their ends first show), and those that ended in it (an `until` on or after `since` and
//! before the window's end), read as the two sides of the window show them.

use petgraph::graph::EdgeIndex;
use serde::Serialize;

use crate::filter::{self, Filter};
use crate::model::{Date, NodeId, Tie};

use super::{cite_spans, Citations, Linked, Side};

/// A tie shown in the window for the first time, or one that ended in it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TieEvent<'a> {
    /// The one that is `kind` of the other.
    pub from: &'a str,
    pub from_name: &'a str,
    pub to: &'a str,
    pub to_name: &'a str,
    pub kind: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<&'a str>,
    pub status: &'a str,
    /// When it showed (or ended).
    pub date: Date,
    /// Its sources, by id.
    pub sources: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<&'a str>,
}

/// What the window did to ties.
pub(super) struct TieChanges<'a> {
    pub added: Vec<TieEvent<'a>>,
    pub ended: Vec<TieEvent<'a>>,
    /// The tie edges added or ended, for a diagram to mark.
    pub marked: Vec<EdgeIndex>,
}

/// The ties of `edges` (tie edges the window touches) that `after` shows and `before` does
/// not, and those `before` shows that ended in the window, under the filters `others`
/// besides the window's dates. `linked` holds the day each node new in the window first
/// showed with a link; a tie's new ends are entered there too, so an organisation known
/// only by a tie shows with it. O(ties of `edges`).
pub(super) fn tie_changes<'a>(
    others: &Filter,
    sides: (&Side<'a>, &Side<'a>),
    edges: &[EdgeIndex],
    since: Date,
    until: Date,
    cited: &mut Citations<'_, 'a>,
    linked: &mut Linked<'a>,
) -> TieChanges<'a> {
    let (before, after) = sides;
    let mut out = TieChanges {
        added: Vec::new(),
        ended: Vec::new(),
        marked: Vec::new(),
    };
    for &e in edges {
        let shown_before: Vec<&Tie> = if before.edge_visible(e) {
            before.ties(e)
        } else {
            Vec::new()
        };
        let shown_after: Vec<&Tie> = if after.edge_visible(e) {
            after.ties(e)
        } else {
            Vec::new()
        };
        let ds = cited.dataset();
        let (a, b) = after.graph().edge_ends(e);
        let mut marked = false;
        for &t in shown_after
            .iter()
            .filter(|&&t| !shown_before.iter().any(|&x| std::ptr::eq(x, t)))
        {
            // Shown once the tie and both its ends are: the latest of those days. The tie
            // makes its ends known, and shows them itself unless a filter asks each for a
            // participation: only then does an end wait for its first link.
            let own = filter::tie_reported(ds, t).filter(|&d| d > since);
            let waits = |n: NodeId| others.needs_link(ds, n) && !others.tie_keeps_organisation();
            let ends = [a, b].map(|n| linked.get(n).filter(|_| waits(n)).map(|l| l.0).filter(|&d| d > since));
            let date = [own, ends[0], ends[1]].into_iter().flatten().max().unwrap_or(until);
            let sources = cite_spans(cited, after, [t.sources]);
            linked.note([a, b].into_iter().filter(|&n| !before.contains(n)), date, &sources);
            out.added.push(event(cited, t, date, sources));
            marked = true;
        }
        for &t in shown_before
            .iter()
            .filter(|&&t| !shown_after.iter().any(|&x| std::ptr::eq(x, t)))
        {
            // Gone by the window's end because it ended, not because a filter hid it.
            let Some(ended) = t.until.filter(|_| t.holds_on(since) && !t.holds_on(until)) else {
                continue;
            };
            let sources = cite_spans(cited, before, [t.sources]);
            out.ended.push(event(cited, t, ended, sources));
            marked = true;
        }
        if marked {
            out.marked.push(e);
        }
    }
    let key = |t: &TieEvent<'a>| (t.date, t.from, t.to, t.kind);
    out.added.sort_by_key(key);
    out.ended.sort_by_key(key);
    out
}

fn event<'a>(cited: &Citations<'_, 'a>, t: &'a Tie, date: Date, sources: Vec<&'a str>) -> TieEvent<'a> {
    let ds = cited.dataset();
    let (from, to) = (&ds.entities[t.from as usize], &ds.entities[t.to as usize]);
    TieEvent {
        from: from.id(),
        from_name: from.name(),
        to: to.id(),
        to_name: to.name(),
        kind: ds.tie_kind(t),
        share: t.share,
        title: t.title.as_deref(),
        status: ds.tie_status(t),
        date,
        sources,
        evidence: ds.tie_evidence(t).into_iter().collect(),
    }
}
