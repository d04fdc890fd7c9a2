//! CSV: the analyst's table, one row per participation, written with the csv crate (RFC 4180
//! quoting, CRLF line ends). `partnet --data FILE.csv` reads it back into the same graph.
//!
//! Rows come in three kinds, in this order:
//! 1. participations: every column may be filled; `sources` lists source ids joined by `;`.
//!    Sorted by (entity id, project id), records of one pair in file order.
//! 2. lone nodes: an entity (or project) with no participation in the export, with only its
//!    own columns filled and the other side empty, so the round trip keeps it.
//! 3. sources: `entity` and `project` empty, `sources` holding one source id, `evidence` its
//!    title, `date` its date, `source_publisher` and `source_url` its publisher and address,
//!    so the references of the rows above resolve.
//!
//! A project's own sources are in `project_sources` on each of its rows. The table keeps ids,
//! names, kinds, countries, sectors, values, statuses, roles, sources, evidence and dates.
//! Entity aliases, sectors, urls and notes, project locations, dates and parents, and
//! source notes stay in the JSON formats.

use std::io::{self, Write};

use crate::model::{Entity, NodeRef, Participation, Project, Source};
use crate::vocab::CSV_COLUMNS;

use super::Selection;

fn entity_cells(e: &Entity) -> [String; 4] {
    [
        e.id.to_string(),
        e.name.to_string(),
        e.kind.to_string(),
        e.country.as_deref().unwrap_or("").to_string(),
    ]
}

fn project_cells(p: &Project) -> [String; 5] {
    [
        p.id.to_string(),
        p.name.to_string(),
        p.sector.as_deref().unwrap_or("").to_string(),
        p.stated_value().map(String::from).unwrap_or_default(),
        p.status.as_deref().unwrap_or("").to_string(),
    ]
}

fn link_cells(sel: &Selection, p: &Participation) -> [String; 5] {
    let ds = sel.ds();
    let sources: Vec<&str> = ds.sources_in(p.sources).map(|s| &*s.id).collect();
    [
        ds.role(p).to_string(),
        ds.status(p).to_string(),
        sources.join(";"),
        ds.evidence_of(p).unwrap_or("").to_string(),
        p.date.map(|d| d.to_string()).unwrap_or_default(),
    ]
}

fn source_cells(s: &Source) -> [String; 5] {
    [
        String::new(),
        String::new(),
        s.id.to_string(),
        s.title.as_deref().unwrap_or("").to_string(),
        s.date.map(|d| d.to_string()).unwrap_or_default(),
    ]
}

/// The last three columns: a project's own source ids, and a source's publisher and url.
fn extra_cells(sel: &Selection, project: Option<&Project>, source: Option<&Source>) -> [String; 3] {
    let own: Vec<&str> = project.map_or_else(Vec::new, |p| {
        sel.ds()
            .sources_in(p.sources)
            .filter(|s| sel.view.source_ok(s))
            .map(|s| &*s.id)
            .collect()
    });
    [
        own.join(";"),
        source.and_then(|s| s.publisher.as_deref()).unwrap_or("").to_string(),
        source.and_then(|s| s.url.as_deref()).unwrap_or("").to_string(),
    ]
}

const NO_ENTITY: [&str; 4] = [""; 4];
const NO_PROJECT: [&str; 5] = [""; 5];
const NO_LINK: [&str; 5] = [""; 5];

pub fn write(sel: &Selection, out: &mut dyn Write) -> io::Result<()> {
    let ds = sel.ds();
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(CSV_COLUMNS)?;
    let mut linked = vec![false; ds.node_count()];
    for &e in &sel.edges {
        let (a, b) = sel.view.graph.edge_ends(e);
        let (NodeRef::Entity(entity), NodeRef::Project(project)) = (ds.node(a), ds.node(b)) else {
            continue;
        };
        let extra = extra_cells(sel, Some(project), None);
        let (entity, project) = (entity_cells(entity), project_cells(project));
        for p in sel.view.records(e) {
            linked[a.index()] = true;
            linked[b.index()] = true;
            let link = link_cells(sel, p);
            w.write_record(entity.iter().chain(&project).chain(&link).chain(&extra))?;
        }
    }
    for &n in sel.nodes.iter().filter(|n| !linked[n.index()]) {
        match ds.node(n) {
            NodeRef::Entity(e) => {
                let cells = entity_cells(e);
                let extra = extra_cells(sel, None, None);
                let cells = cells.iter().map(String::as_str).chain(NO_PROJECT).chain(NO_LINK);
                w.write_record(cells.chain(extra.iter().map(String::as_str)))?
            }
            NodeRef::Project(p) => {
                let cells = project_cells(p);
                let extra = extra_cells(sel, Some(p), None);
                let cells = NO_ENTITY
                    .into_iter()
                    .chain(cells.iter().map(String::as_str))
                    .chain(NO_LINK);
                w.write_record(cells.chain(extra.iter().map(String::as_str)))?
            }
        }
    }
    for s in sel.sources() {
        let cells = source_cells(s);
        let extra = extra_cells(sel, None, Some(s));
        w.write_record(
            NO_ENTITY
                .into_iter()
                .chain(NO_PROJECT)
                .chain(cells.iter().map(String::as_str))
                .chain(extra.iter().map(String::as_str)),
        )?;
    }
    w.flush()
}
