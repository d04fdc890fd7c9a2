//! Plain, serializable views of nodes, links and sources, shared by every answer, the
//! explorer and the exports: one way to describe a node ([`NodeFacts`]), a link ([`Link`])
//! and a source ([`SourceRef`]), and one way to gather the sources a part of the graph
//! cites ([`Citations`]).

use petgraph::graph::EdgeIndex;
use serde::{Serialize, Serializer};

use crate::filter::{self, View};
use crate::model::{Dataset, Date, NodeId, NodeRef, Participation, Source, Span, SymId};
use crate::value::Value;
use crate::vocab;

mod ties;

pub use ties::{TieLink, TieRef};

/// A node by id, name and kind ("project" for projects).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct NodeInfo {
    pub id: String,
    pub name: String,
    pub kind: String,
}

impl NodeInfo {
    pub fn of(ds: &Dataset, n: NodeId) -> NodeInfo {
        let node = ds.node(n);
        NodeInfo {
            id: node.id().to_string(),
            name: node.name().to_string(),
            kind: node.kind().to_string(),
        }
    }
}

/// Everything a node's record says, borrowed from the dataset. Fields that do not apply
/// (a project's sector for an entity, an entity's country for a project) are absent.
#[derive(Debug, Clone, Serialize)]
pub struct NodeFacts<'a> {
    pub id: &'a str,
    pub name: &'a str,
    /// The entity's kind, or "project".
    pub kind: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub aliases: Vec<&'a str>,
    /// An entity's sectors.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub sectors: Vec<&'a str>,
    /// A project's sector.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sector: Option<&'a str>,
    /// A project's value, as text with its qualifier ("up to $100B").
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "as_text")]
    pub value: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// The id of the programme a project belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part_of: Option<&'a str>,
    /// The ids of a programme's parts, when asked for ([`NodeFacts::with_parts`]).
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub parts: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'a str>,
    /// A project's own sources; each consumer writes them its own way.
    #[serde(skip)]
    pub sources: Span,
}

fn as_text<S: Serializer>(value: &Option<Value>, s: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => s.collect_str(v),
        None => s.serialize_none(),
    }
}

impl<'a> NodeFacts<'a> {
    pub fn of(ds: &'a Dataset, n: NodeId) -> NodeFacts<'a> {
        let node = ds.node(n);
        let mut facts = NodeFacts {
            id: node.id(),
            name: node.name(),
            kind: node.kind(),
            country: None,
            aliases: Vec::new(),
            sectors: Vec::new(),
            sector: None,
            value: None,
            status: None,
            location: None,
            date: None,
            part_of: None,
            parts: Vec::new(),
            url: None,
            note: None,
            sources: Span::default(),
        };
        match node {
            NodeRef::Entity(e) => {
                facts.country = e.country.as_deref();
                facts.aliases = e.aliases().iter().map(|a| &**a).collect();
                facts.sectors = e.sectors.iter().map(|s| &**s).collect();
                facts.url = e.url();
                facts.note = e.note();
            }
            NodeRef::Project(p) => {
                facts.sector = p.sector.as_deref();
                facts.value = p.value;
                facts.status = p.status.as_deref();
                facts.location = p.location();
                facts.date = p.date;
                facts.part_of = p.part_of.map(|q| ds.projects[q as usize].id());
                facts.note = p.note();
                facts.sources = p.sources;
            }
        }
        facts
    }

    /// The same, with the ids of the visible projects that name this one in `part_of`,
    /// sorted. O(projects).
    pub fn with_parts(mut self, view: &View<'a>, n: NodeId) -> NodeFacts<'a> {
        let ds = view.ds;
        if let Some(index) = ds.project_of(n) {
            self.parts = (0..ds.projects.len() as u32)
                .filter(|&q| ds.projects[q as usize].part_of == Some(index) && view.contains(ds.project_node(q)))
                .map(|q| ds.projects[q as usize].id())
                .collect();
            self.parts.sort_unstable();
        }
        self
    }
}

/// A source as an answer cites it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct SourceRef<'a> {
    pub id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
}

impl SourceRef<'_> {
    /// The source as a citation reads: `S7 (Kyodo News; Reuters, 2026-02-17)`, or the id
    /// alone when nothing else is known.
    ///
    /// ```
    /// use partnet::query::facts::SourceRef;
    /// let s = SourceRef { id: "S7", title: None, publisher: Some("Reuters"), date: None, url: None };
    /// assert_eq!(s.label(), "S7 (Reuters)");
    /// ```
    pub fn label(&self) -> String {
        let date = self.date.map(|d| d.to_string());
        let about: Vec<&str> = [self.publisher, date.as_deref()].into_iter().flatten().collect();
        if about.is_empty() {
            self.id.to_string()
        } else {
            format!("{} ({})", self.id, about.join(", "))
        }
    }
}

impl<'a> From<&'a Source> for SourceRef<'a> {
    fn from(s: &'a Source) -> SourceRef<'a> {
        SourceRef {
            id: &s.id,
            title: s.title.as_deref(),
            publisher: s.publisher.as_deref(),
            date: s.date,
            url: s.url.as_deref(),
        }
    }
}

/// The sources some part of the graph cites, each once, in the order first cited.
///
/// Cite what an answer rests on (a project's own sources, the visible records of a link),
/// then list them in the order the answer needs: as cited, in dataset order, or by id.
pub struct Citations<'v, 'a> {
    view: &'v View<'a>,
    ds: &'a Dataset,
    /// Position in `order` of each source of the dataset, `u32::MAX` for one not cited;
    /// empty while few are cited, which a search of `order` finds faster than a table of
    /// every source would be set up (a diagram's tooltips each cite a handful).
    position: Vec<u32>,
    order: Vec<u32>,
}

/// Up to this many citations, [`Citations`] searches its list instead of keeping a table.
const FEW: usize = 16;

impl<'v, 'a> Citations<'v, 'a> {
    /// Citations of what `view` shows: a source it hides (published after `--as-of`) is
    /// never cited.
    pub fn new(view: &'v View<'a>) -> Citations<'v, 'a> {
        Citations {
            view,
            ds: view.ds,
            position: Vec::new(),
            order: Vec::new(),
        }
    }

    /// The position of source `s` in citation order, citing it if it is new.
    fn position_of(&mut self, s: u32) -> u32 {
        if self.position.is_empty() {
            if let Some(at) = self.order.iter().position(|&x| x == s) {
                return at as u32;
            }
            if self.order.len() < FEW {
                self.order.push(s);
                return self.order.len() as u32 - 1;
            }
            self.position = vec![u32::MAX; self.ds.sources.len()];
            for (at, &x) in self.order.iter().enumerate() {
                self.position[x as usize] = at as u32;
            }
        }
        let slot = &mut self.position[s as usize];
        if *slot == u32::MAX {
            *slot = self.order.len() as u32;
            self.order.push(s);
        }
        *slot
    }

    /// Cites the visible sources of a span; returns their positions in citation order,
    /// each once.
    pub fn cite(&mut self, span: Span) -> Vec<u32> {
        self.cite_if(span, |_| true)
    }

    /// Cites the visible sources of a span that `keep` accepts too (a source dated within
    /// a window the view does not know of); returns their positions, each once.
    pub fn cite_if(&mut self, span: Span, keep: impl Fn(&Source) -> bool) -> Vec<u32> {
        let mut positions = Vec::new();
        for i in span.range() {
            let s = self.ds.source_refs[i];
            let source = &self.ds.sources[s as usize];
            if !self.view.source_ok(source) || !keep(source) {
                continue;
            }
            let at = self.position_of(s);
            if !positions.contains(&at) {
                positions.push(at);
            }
        }
        positions
    }

    /// Cites the visible sources of a span that `keep` accepts, handing each to `each` in
    /// the span's order: for an answer that names its sources rather than numbering them.
    pub fn cite_each_if(&mut self, span: Span, keep: impl Fn(&Source) -> bool, mut each: impl FnMut(&'a Source)) {
        let ds = self.ds;
        for i in span.range() {
            let s = ds.source_refs[i];
            let source = &ds.sources[s as usize];
            if self.view.source_ok(source) && keep(source) {
                self.position_of(s);
                each(source);
            }
        }
    }

    /// Cites the sources of an edge's visible records (participations, or ties).
    pub fn cite_edge(&mut self, e: EdgeIndex) -> Vec<u32> {
        let mut positions = Vec::new();
        let view = self.view;
        let spans: Vec<Span> = view
            .records(e)
            .map(|p| p.sources)
            .chain(view.ties(e).map(|t| t.sources))
            .collect();
        for span in spans {
            for at in self.cite(span) {
                if !positions.contains(&at) {
                    positions.push(at);
                }
            }
        }
        positions
    }

    /// Cites a project's own sources (nothing for an entity).
    pub fn cite_node(&mut self, n: NodeId) -> Vec<u32> {
        match self.ds.project_of(n) {
            Some(p) => self.cite(self.ds.projects[p as usize].sources),
            None => Vec::new(),
        }
    }

    /// Cites what `other` (over the same dataset) cited, after what this has: pieces of an
    /// answer gathered apart, joined in order, cite as the whole would.
    pub fn absorb(&mut self, other: &Citations<'_, 'a>) {
        for &s in &other.order {
            self.position_of(s);
        }
    }

    /// The dataset the cited sources are in.
    pub fn dataset(&self) -> &'a Dataset {
        self.ds
    }

    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// The cited sources, in the order first cited.
    pub fn as_cited(&self) -> Vec<&'a Source> {
        self.order.iter().map(|&s| &self.ds.sources[s as usize]).collect()
    }

    /// The cited sources, in dataset order.
    pub fn in_dataset_order(&self) -> Vec<&'a Source> {
        let mut order = self.order.clone();
        order.sort_unstable();
        order.into_iter().map(|s| &self.ds.sources[s as usize]).collect()
    }

    /// The cited sources, by id.
    pub fn by_id(&self) -> Vec<SourceRef<'a>> {
        let mut list = self.as_cited();
        list.sort_by(|a, b| a.id.cmp(&b.id));
        list.into_iter().map(SourceRef::from).collect()
    }
}

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

fn push_new(list: &mut Vec<String>, item: &str) {
    if !list.iter().any(|x| x == item) {
        list.push(item.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load;

    fn dataset(sources: usize) -> Dataset {
        let list: Vec<String> = (0..sources).map(|i| format!(r#"{{"id": "s{i:02}"}}"#)).collect();
        let text = format!(r#"{{"sources": [{}]}}"#, list.join(","));
        load::load(&[load::Input::Text("t.json".into(), text)], Default::default())
            .unwrap()
            .dataset
    }

    #[test]
    fn citations_number_each_source_once_in_order_of_first_citation() {
        let mut ds = dataset(40);
        // Spans over an arena, as the loader makes them: 5 3 5, then 39 down to 0, then 3.
        ds.source_refs = [5, 3, 5].into_iter().chain((0..40).rev()).chain([3]).collect();
        let span = |start: u32, len: u16| Span { start, len };
        let graph = crate::graph::PartnerGraph::build(&ds);
        let view = View::all(&ds, &graph);
        let mut cited = Citations::new(&view);
        assert_eq!(cited.cite(span(0, 3)), [0, 1]);
        // Past FEW citations the table takes over; positions stay those of first citation.
        let all = cited.cite(span(3, 40));
        assert_eq!(all.len(), 40);
        assert_eq!(&all[..2], [2, 3]);
        assert_eq!(&all[34..], [0, 36, 1, 37, 38, 39]);
        assert_eq!(cited.cite(span(43, 1)), [1]);
        assert_eq!(cited.len(), 40);
        let ids = |list: Vec<&Source>| list.iter().map(|s| s.id.to_string()).collect::<Vec<_>>();
        assert_eq!(ids(cited.as_cited())[..3], ["s05", "s03", "s39"]);
        assert_eq!(ids(cited.in_dataset_order())[..3], ["s00", "s01", "s02"]);
        assert_eq!(cited.by_id()[0].id, "s00");
    }
}
