//! Reading a CSV table as a dataset: a spreadsheet becomes a graph.
//!
//! The layout is the one `partnet export --format csv` writes (see
//! [`crate::vocab::CSV_COLUMNS`]); any subset of those columns in any order works as long
//! as `entity`, `project` and `role` are there. A row with both `entity` and `project` is a
//! participation; a row with only one of them defines a lone entity or project; a row with
//! neither but a `sources` cell defines that source (`evidence` its title, `date` its date).
//! `entity_aliases`, `entity_sectors`, `sources` and `project_sources` hold lists (see
//! [`list_cell`]); a source row's `sources` its one id ([`source_cell`]). A table written
//! before the later columns (`entity_aliases` on) existed reads as it did: a column left out
//! is a field not given.
//!
//! An entity or project is defined once however many rows repeat it; a row that gives it a
//! different name (kind, country, sector, value, status) than an earlier row is an error
//! naming both lines. An id that no row gives a name or attribute to is only a reference:
//! it resolves to the entity or project another input (JSON or CSV) defines, and is defined
//! with its id as its name when no input does ([`super::mentions::complete`]).

use std::collections::HashMap;

use crate::error::Diagnostic;
use crate::value::{Value, Why};

use super::mentions::Mentions;
use super::raw::{RawDataset, RawEntity, RawParticipation, RawProject, RawSource, RawTie, Stated, Text};
use super::{RawFile, RowLines};

mod cells;
mod header;

use cells::{check_list, csv_error, quotes, read_list, source_id, split_list, stray_error, Lines};
pub(crate) use cells::{list_cell, source_cell};
use header::columns;

const REQUIRED: &[&str] = &["entity", "project", "role"];
const ENTITY_ATTRS: &[&str] = &[
    "entity_name",
    "entity_kind",
    "entity_country",
    "entity_aliases",
    "entity_sectors",
    "entity_url",
    "entity_note",
];
const PROJECT_ATTRS: &[&str] = &[
    "project_name",
    "project_sector",
    "project_value",
    "project_status",
    "project_sources",
    "project_location",
    "project_date",
    "project_part_of",
    "project_note",
];
/// The columns that hold a list, one cell each (see [`list_cell`]).
const LIST_CELLS: &[&str] = &["entity_aliases", "entity_sectors", "sources", "project_sources"];
const SOURCE_CELLS: &[&str] = &["source_publisher", "source_url", "source_note"];
const TIE_CELLS: &[&str] = &["tie_kind", "tie_share", "tie_title", "tie_until", "tie_value"];
const LINK_CELLS: &[&str] = &["role", "status", "sources", "evidence", "date"];

/// What the rows say about one entity or project.
struct Node {
    /// Attribute values by column, with the line that first gave each.
    attrs: Vec<(&'static str, String, usize)>,
    first_line: usize,
}

pub(super) fn text(s: &str) -> Text<'static> {
    Text(s.to_owned().into())
}

fn owned(s: Option<&str>) -> Option<Text<'static>> {
    s.map(text)
}

/// Parses a CSV dataset file, adding a message naming the line to `diags` for each bad
/// row; a bad row is left out and the rest read, so `check` reports every one. A file
/// whose header is wrong is not read further (`None`).
pub(crate) fn parse<'a>(label: &str, input: &'a str, diags: &mut Vec<Diagnostic>) -> Option<RawFile<'a>> {
    let error = |line: usize, message: String, help: String| {
        Diagnostic::error(message).file(label).at(Some((line, 1))).help(help)
    };
    let body = input.strip_prefix('\u{feff}').unwrap_or(input);
    let mut lines = Lines::new(body.as_bytes());
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body.as_bytes());
    let mut records = reader.records().peekable();
    // The rows after an unclosed quote are one field of the last record: its own errors
    // would only confuse, so that record gives this one instead.
    let quotes = quotes(body.as_bytes());
    let unclosed = quotes.unclosed.map(|at| cells::unclosed_error(label, body, at));
    // Text after a closing quote: the record that holds it is left out, with its place.
    let mut strays = Strays {
        label,
        body,
        at: quotes.strays,
        next: 0,
    };
    let header = match records.next() {
        None => {
            diags.push(Diagnostic::error("the CSV file is empty").file(label).help(format!(
                "a CSV dataset starts with a header row naming its columns, at least {}",
                REQUIRED.join(",")
            )));
            return None;
        }
        _ if records.peek().is_none() && unclosed.is_some() => {
            diags.extend(unclosed);
            return None;
        }
        Some(Ok(header)) => header,
        Some(Err(e)) => {
            diags.push(csv_error(label, e, &mut lines));
            return None;
        }
    };
    if let Some(d) = strays.within(&header, records.peek()) {
        diags.push(d);
        return None;
    }
    let header_line = lines.of(header.position());
    let places = header::places(body, header.position().map_or(0, |p| p.byte() as usize));
    match columns(&header, &places, &|m, h| error(header_line, m, h)) {
        Ok(index) => Some(rows(label, records, index, lines, unclosed, strays, diags)),
        Err(d) => {
            diags.push(d);
            None
        }
    }
}

/// The rows after the header: records, and the ids they mention.
fn rows<'a>(
    label: &str,
    mut records: std::iter::Peekable<::csv::StringRecordsIter<&[u8]>>,
    index: HashMap<&'static str, usize>,
    mut lines: Lines,
    mut unclosed: Option<Diagnostic>,
    mut strays: Strays,
    diags: &mut Vec<Diagnostic>,
) -> RawFile<'a> {
    let error = |line: usize, message: String, help: String| {
        Diagnostic::error(message).file(label).at(Some((line, 1))).help(help)
    };
    let mut data = RawDataset::default();
    let mut rows = RowLines::default();
    let mut entities: HashMap<String, Node> = HashMap::new();
    let mut projects: HashMap<String, Node> = HashMap::new();
    let mut entity_order: Vec<String> = Vec::new();
    let mut project_order: Vec<String> = Vec::new();
    while let Some(record) = records.next() {
        if unclosed.is_some() && records.peek().is_none() {
            diags.extend(unclosed.take());
            break;
        }
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                diags.push(csv_error(label, e, &mut lines));
                continue;
            }
        };
        if let Some(d) = strays.within(&record, records.peek()) {
            diags.push(d);
            continue;
        }
        let line = lines.of(record.position());
        let mut row = || -> Result<(), Diagnostic> {
            let cell = |column: &str| index.get(column).and_then(|&i| record.get(i)).filter(|s| !s.is_empty());
            let filled = |columns: &[&'static str]| columns.iter().copied().find(|c| cell(c).is_some());
            // An id of spaces would be one record's several errors (an empty id, an empty
            // name, an unknown reference): one is enough.
            if let Some(c) = ["entity", "project", "tie_to"]
                .into_iter()
                .find(|c| cell(c).is_some_and(|s| s.trim().is_empty()))
            {
                return Err(error(
                    line,
                    format!("`{c}` holds only spaces"),
                    format!("write the id in `{c}`, or leave the cell empty"),
                ));
            }
            let (entity, project) = (cell("entity"), cell("project"));
            if entity.is_none() {
                if let Some(c) = filled(ENTITY_ATTRS) {
                    return Err(error(
                        line,
                        format!("`{c}` is filled but `entity` is empty"),
                        "fill in the entity id, or clear the entity columns".into(),
                    ));
                }
            }
            if project.is_none() {
                if let Some(c) = filled(PROJECT_ATTRS) {
                    return Err(error(
                        line,
                        format!("`{c}` is filled but `project` is empty"),
                        "fill in the project id, or clear the project columns".into(),
                    ));
                }
            }
            // Before any node is noted: a row left out leaves nothing behind.
            if let (Some(id), Some(v)) = (project, cell("project_value")) {
                v.parse::<Value>().map_err(|e| {
                    let help = match e.why {
                        Why::Unreadable => "fix the value or leave it empty",
                        _ => e.help(),
                    };
                    error(line, format!("project {id:?}: {e}"), help.into())
                })?;
            }
            // The row's own sources are read here once, and kept for its link or source.
            let mut sources = cells::List::default();
            for &c in LIST_CELLS {
                let read = if c == "sources" {
                    read_list(cell(c)).map(|list| sources = list)
                } else {
                    check_list(cell(c))
                };
                read.map_err(|e| {
                    error(
                        line,
                        format!("`{c}`: {e}"),
                        "write the items separated by `;`, or as a JSON array: [\"a\", \"b; c\"]".into(),
                    )
                })?;
            }
            if let Some(id) = entity {
                let node = entities.entry(id.to_string()).or_insert_with(|| {
                    entity_order.push(id.to_string());
                    Node {
                        attrs: Vec::new(),
                        first_line: line,
                    }
                });
                note(node, ENTITY_ATTRS, &cell, line, "entity", id).map_err(|(m, h)| error(line, m, h))?;
            }
            if let Some(id) = project {
                let node = projects.entry(id.to_string()).or_insert_with(|| {
                    project_order.push(id.to_string());
                    Node {
                        attrs: Vec::new(),
                        first_line: line,
                    }
                });
                note(node, PROJECT_ATTRS, &cell, line, "project", id).map_err(|(m, h)| error(line, m, h))?;
            }
            if entity.is_some() || project.is_some() {
                if let Some(c) = filled(SOURCE_CELLS) {
                    return Err(error(
                        line,
                        format!("`{c}` is filled on a row that names an entity or a project"),
                        "give a source's publisher and url on its own row: `sources` its id, `entity` and \
                         `project` empty"
                            .into(),
                    ));
                }
            }
            if let Some(to) = cell("tie_to") {
                let from = match (entity, project) {
                    (Some(from), None) => from,
                    (None, _) => {
                        return Err(error(
                            line,
                            "`tie_to` is filled but `entity` is empty".into(),
                            "a tie row names the organisation that is `tie_kind` of `tie_to` in `entity`".into(),
                        ))
                    }
                    (Some(_), Some(_)) => {
                        return Err(error(
                            line,
                            "the row names a project and a `tie_to`: a row is a participation or a tie".into(),
                            "put the tie on a row of its own, with `project` empty".into(),
                        ))
                    }
                };
                let Some(kind) = cell("tie_kind") else {
                    return Err(error(
                        line,
                        "`tie_to` is filled but `tie_kind` is empty".into(),
                        "say what `entity` is of `tie_to`: owner, parent, founder, ...".into(),
                    ));
                };
                let share = match cell("tie_share") {
                    None => None,
                    Some(s) => Some(s.trim().trim_end_matches('%').parse::<f64>().map_err(|_| {
                        error(
                            line,
                            format!("`tie_share` {s:?} is not a number"),
                            "write the percentage held, e.g. 49".into(),
                        )
                    })?),
                };
                let value = match cell("tie_value") {
                    None => None,
                    Some(v) => Some(
                        v.parse::<Value>()
                            .map_err(|e| error(line, format!("tie value: {e}"), e.help().into()))?,
                    ),
                };
                // The other end is mentioned by id: another row or input defines it.
                entities.entry(to.to_string()).or_insert_with(|| {
                    entity_order.push(to.to_string());
                    Node {
                        attrs: Vec::new(),
                        first_line: line,
                    }
                });
                data.ties.push(RawTie {
                    from: text(from),
                    to: text(to),
                    kind: text(kind),
                    share,
                    title: owned(cell("tie_title")),
                    status: owned(cell("status")),
                    sources: sources.items,
                    evidence: owned(cell("evidence")),
                    date: owned(cell("date")),
                    until: owned(cell("tie_until")),
                    value,
                });
                rows.ties.push(line);
                return Ok(());
            }
            if let Some(c) = filled(TIE_CELLS) {
                return Err(error(
                    line,
                    format!("`{c}` is filled but `tie_to` is empty"),
                    "fill in `tie_to` to make the row a tie, or clear the tie columns".into(),
                ));
            }
            match (entity, project) {
                (Some(entity), Some(project)) => {
                    data.participations.push(RawParticipation {
                        entity: text(entity),
                        project: text(project),
                        role: owned(cell("role")),
                        status: owned(cell("status")),
                        sources: sources.items,
                        evidence: owned(cell("evidence")),
                        date: owned(cell("date")),
                    });
                    rows.participations.push(line);
                }
                (Some(_), None) | (None, Some(_)) => {
                    if let Some(c) = filled(LINK_CELLS) {
                        let (has, lacks) = if entity.is_some() {
                            ("an entity", "project")
                        } else {
                            ("a project", "entity")
                        };
                        return Err(error(
                            line,
                            format!("`{c}` is filled but the row names only {has}"),
                            format!(
                                "fill in the {lacks} to make it a participation, or clear role, status, sources, \
                                 evidence and date to define a lone node"
                            ),
                        ));
                    }
                }
                (None, None) => match cell("sources") {
                    Some(id) if filled(&["role", "status"]).is_none() => {
                        let id = source_id(id, sources).map_err(|e| {
                            error(
                                line,
                                format!("`sources`: {e}"),
                                "give each source a row of its own".into(),
                            )
                        })?;
                        data.sources.push(RawSource {
                            id,
                            title: owned(cell("evidence")),
                            publisher: owned(cell("source_publisher")),
                            date: owned(cell("date")),
                            url: owned(cell("source_url")),
                            note: owned(cell("source_note")),
                        });
                        rows.sources.push(line);
                    }
                    None if filled(LINK_CELLS).is_none() => {}
                    _ => {
                        return Err(error(
                            line,
                            "the row has neither an entity nor a project".into(),
                            "fill in `entity` and `project`; a row with only `sources` (and `evidence` as its \
                             title, `date` as its date) defines a source"
                                .into(),
                        ))
                    }
                },
            }
            Ok(())
        };
        if let Err(d) = row() {
            diags.push(d);
        }
    }

    let mut mentions = Mentions::default();
    for id in entity_order {
        let node = &entities[&id];
        if node.attrs.is_empty() {
            mentions.entities.push((id, node.first_line));
            continue;
        }
        let get = |c: &str| node.attrs.iter().find(|a| a.0 == c).map(|a| a.1.as_str());
        rows.entities
            .push(node.attrs.iter().map(|a| a.2).min().unwrap_or(node.first_line));
        data.entities.push(RawEntity {
            name: text(get("entity_name").unwrap_or(&id)),
            kind: owned(get("entity_kind")),
            country: owned(get("entity_country")),
            aliases: split_list(get("entity_aliases")).unwrap_or_default(),
            sectors: split_list(get("entity_sectors")).unwrap_or_default(),
            url: owned(get("entity_url")),
            note: owned(get("entity_note")),
            id: text(&id),
        });
    }
    for id in project_order {
        let node = &projects[&id];
        if node.attrs.is_empty() {
            mentions.projects.push((id, node.first_line));
            continue;
        }
        let get = |c: &str| node.attrs.iter().find(|a| a.0 == c).map(|a| a.1.as_str());
        rows.projects
            .push(node.attrs.iter().map(|a| a.2).min().unwrap_or(node.first_line));
        data.projects.push(RawProject {
            name: text(get("project_name").unwrap_or(&id)),
            sector: owned(get("project_sector")),
            value: get("project_value").and_then(|v| Stated::parse(text(v)).ok()),
            status: owned(get("project_status")),
            location: owned(get("project_location")),
            date: owned(get("project_date")),
            part_of: owned(get("project_part_of")),
            sources: split_list(get("project_sources")).unwrap_or_default(),
            note: owned(get("project_note")),
            id: text(&id),
        });
    }
    RawFile {
        label: label.to_string(),
        data,
        json: None,
        rows: Some(rows),
        mentions,
    }
}

/// The places of text after a closing quote ([`cells::Quotes::strays`]), taken in record
/// order.
struct Strays<'t> {
    label: &'t str,
    body: &'t str,
    at: Vec<usize>,
    next: usize,
}

impl Strays<'_> {
    /// The error for the first stray inside `record`, which ends where the `next` record
    /// starts (or at the end of the table); the strays of earlier records are passed.
    fn within(
        &mut self,
        record: &::csv::StringRecord,
        next: Option<&Result<::csv::StringRecord, ::csv::Error>>,
    ) -> Option<Diagnostic> {
        let start = record.position().map_or(0, |p| p.byte() as usize);
        let end = match next {
            Some(Ok(r)) => r.position().map(|p| p.byte() as usize),
            Some(Err(e)) => e.position().map(|p| p.byte() as usize),
            None => None,
        }
        .unwrap_or(self.body.len());
        while self.at.get(self.next).is_some_and(|&at| at < start) {
            self.next += 1;
        }
        let &at = self.at.get(self.next).filter(|&&at| at < end)?;
        while self.at.get(self.next).is_some_and(|&at| at < end) {
            self.next += 1;
        }
        Some(stray_error(self.label, self.body, at))
    }
}

/// Records the attributes a row gives a node; a value that differs from an earlier row's is
/// an error (message, help).
fn note<'r>(
    node: &mut Node,
    columns: &[&'static str],
    cell: &impl Fn(&str) -> Option<&'r str>,
    line: usize,
    what: &str,
    id: &str,
) -> Result<(), (String, String)> {
    for &column in columns {
        let Some(value) = cell(column) else { continue };
        match node.attrs.iter().find(|a| a.0 == column) {
            None => node.attrs.push((column, value.to_string(), line)),
            Some((_, earlier, at)) if earlier != value => {
                let field = column.split_once('_').map_or(column, |(_, f)| f);
                return Err((
                    format!("conflicting {field} for {what} {id:?}: {value:?} here, {earlier:?} on line {at}"),
                    format!(
                        "{} is defined once: give every row of {id:?} the same {field}, or leave it empty",
                        crate::text::a(what)
                    ),
                ));
            }
            Some(_) => {}
        }
    }
    Ok(())
}
