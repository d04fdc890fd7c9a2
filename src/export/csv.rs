//! CSV: the analyst's table, one row per participation or tie, written with the csv crate
//! (RFC 4180 quoting, CRLF line ends). `partnet --data FILE.csv` reads it back into the same
//! graph.
//!
//! Rows come in four kinds, in this order:
//! 1. participations: `entity` and `project` filled, and any other column of theirs;
//!    `sources` lists source ids joined by `;` (a JSON array when an id holds `;`, see
//!    `load::csv::list_cell`). Sorted by (entity id, project id), records of
//!    one pair in file order.
//! 2. ties: `entity` (the one that is `tie_kind` of the other) and `tie_to` filled, with
//!    `tie_kind`, `tie_share`, `tie_title`, `tie_until`, `tie_value` and the link columns
//!    `status`, `sources`, `evidence`, `date`; `project` empty. Sorted by their pair.
//! 3. lone nodes: an entity (or project) in no row above as `entity` (or `project`), with
//!    only its own columns filled, so the round trip keeps it and its name.
//! 4. sources: `entity` and `project` empty, `sources` holding one source id (a JSON array
//!    of it when it starts with `[` or a space, see `load::csv::source_cell`), `evidence` its
//!    title, `date` its date, `source_publisher` and `source_url` its publisher and address,
//!    so the references of the rows above resolve.
//!
//! A project's own sources are in `project_sources` on each of its rows, and its location,
//! date, programme (`project_part_of`, when the export holds the programme too, as in FtM)
//! and note in the columns after the ties'; an organisation's aliases, sectors, url and note
//! are there too (a list in one cell, see `list_cell` in load/csv.rs), and a source's
//! note in `source_note`. The table keeps the whole dataset: read back, it gives the same
//! node-link export.

use std::io::{self, Write};

use crate::model::{Entity, NodeRef, Participation, Project, Source, Tie};
use crate::vocab::CSV_COLUMNS;

use super::{value_text, Selection};

/// One row, filled by column name and written in [`CSV_COLUMNS`] order.
struct Row([String; CSV_COLUMNS.len()]);

impl Row {
    fn new() -> Row {
        Row(std::array::from_fn(|_| String::new()))
    }

    fn set(&mut self, column: &str, value: impl Into<String>) -> &mut Row {
        let at = CSV_COLUMNS
            .iter()
            .position(|c| *c == column)
            .expect("a column of the layout");
        self.0[at] = value.into();
        self
    }

    fn entity(&mut self, e: &Entity) -> &mut Row {
        let sectors: Vec<&str> = e.sectors.iter().map(|s| &**s).collect();
        self.set("entity", e.id())
            .set("entity_name", e.name())
            .set("entity_kind", &*e.kind)
            .set("entity_country", e.country.as_deref().unwrap_or(""))
            .set("entity_aliases", list(e.aliases()))
            .set("entity_sectors", list(&sectors))
            .set("entity_url", e.url().unwrap_or(""))
            .set("entity_note", e.note().unwrap_or(""))
    }

    fn project(&mut self, sel: &Selection, p: &Project) -> &mut Row {
        let own: Vec<&str> = sel
            .ds()
            .sources_in(p.sources)
            .filter(|s| sel.view.source_ok(s))
            .map(|s| &*s.id)
            .collect();
        self.set("project", p.id())
            .set("project_name", p.name())
            .set("project_sector", p.sector.as_deref().unwrap_or(""))
            .set("project_value", p.stated_value().map(String::from).unwrap_or_default())
            .set("project_status", p.status.as_deref().unwrap_or(""))
            .set("project_sources", list(&own))
            .set("project_location", p.location().unwrap_or(""))
            .set("project_date", p.date.map(|d| d.to_string()).unwrap_or_default())
            .set("project_part_of", sel.exported_parent(p).unwrap_or(""))
            .set("project_note", p.note().unwrap_or(""))
    }

    /// The columns a participation and a tie share: status, sources, evidence, date.
    fn about(
        &mut self,
        sel: &Selection,
        status: &str,
        sources: crate::model::Span,
        evidence: Option<&str>,
        date: Option<crate::model::Date>,
    ) -> &mut Row {
        let ids: Vec<&str> = sel.ds().sources_in(sources).map(|s| &*s.id).collect();
        self.set("status", status)
            .set("sources", list(&ids))
            .set("evidence", evidence.unwrap_or(""))
            .set("date", date.map(|d| d.to_string()).unwrap_or_default())
    }

    fn participation(&mut self, sel: &Selection, p: &Participation) -> &mut Row {
        let ds = sel.ds();
        self.set("role", ds.role(p));
        self.about(sel, ds.status(p), p.sources, ds.evidence_of(p), p.date)
    }

    fn tie(&mut self, sel: &Selection, t: &Tie) -> &mut Row {
        let ds = sel.ds();
        self.set("tie_to", ds.entities[t.to as usize].id())
            .set("tie_kind", ds.tie_kind(t))
            .set("tie_share", t.share.map(|s| s.to_string()).unwrap_or_default())
            .set("tie_title", t.title.as_deref().unwrap_or(""))
            .set("tie_until", t.until.map(|d| d.to_string()).unwrap_or_default())
            .set("tie_value", t.value.map(value_text).unwrap_or_default());
        self.about(sel, ds.tie_status(t), t.sources, ds.tie_evidence(t), t.date)
    }

    fn source(&mut self, s: &Source) -> &mut Row {
        self.set("sources", crate::load::csv::source_cell(&s.id))
            .set("evidence", s.title.as_deref().unwrap_or(""))
            .set("date", s.date.map(|d| d.to_string()).unwrap_or_default())
            .set("source_publisher", s.publisher.as_deref().unwrap_or(""))
            .set("source_url", s.url.as_deref().unwrap_or(""))
            .set("source_note", s.note.as_deref().unwrap_or(""))
    }
}

/// A list as one cell: empty for none.
fn list<S: AsRef<str>>(items: &[S]) -> String {
    if items.is_empty() {
        return String::new();
    }
    crate::load::csv::list_cell(items)
}

pub fn write(sel: &Selection, out: &mut dyn Write) -> io::Result<()> {
    rows(sel, out).map_err(io_error)
}

/// The csv crate wraps the writer's error in its own, of kind `Other`; unwrapping it keeps a
/// closed pipe a closed pipe (`export --format csv | head` ends quietly, as other formats do).
fn io_error(e: ::csv::Error) -> io::Error {
    match e.into_kind() {
        ::csv::ErrorKind::Io(e) => e,
        kind => io::Error::other(format!("{kind:?}")),
    }
}

fn rows(sel: &Selection, out: &mut dyn Write) -> ::csv::Result<()> {
    let ds = sel.ds();
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(CSV_COLUMNS)?;
    // Nodes some row names in its own column, with their attributes: no lone row needed.
    let mut named = vec![false; ds.node_count()];
    for &e in sel.edges.iter().filter(|&&e| !sel.view.is_tie(e)) {
        let (a, b) = sel.view.graph.edge_ends(e);
        let (NodeRef::Entity(entity), NodeRef::Project(project)) = (ds.node(a), ds.node(b)) else {
            continue;
        };
        for p in sel.view.records(e) {
            named[a.index()] = true;
            named[b.index()] = true;
            w.write_record(&Row::new().entity(entity).project(sel, project).participation(sel, p).0)?;
        }
    }
    for &e in sel.edges.iter().filter(|&&e| sel.view.is_tie(e)) {
        for t in sel.view.ties(e) {
            named[t.from as usize] = true;
            let from = &ds.entities[t.from as usize];
            w.write_record(&Row::new().entity(from).tie(sel, t).0)?;
        }
    }
    for &n in sel.nodes.iter().filter(|n| !named[n.index()]) {
        match ds.node(n) {
            NodeRef::Entity(e) => w.write_record(&Row::new().entity(e).0)?,
            NodeRef::Project(p) => w.write_record(&Row::new().project(sel, p).0)?,
        }
    }
    for s in sel.sources() {
        w.write_record(&Row::new().source(s).0)?;
    }
    Ok(w.flush()?)
}
