//! From parsed records to a [`Dataset`], every problem reported with its file and
//! position: the records go through the same [`Builder`] as the streaming loader's, with a
//! [`Resolver`] that turns each problem into a message instead of giving up.

use crate::error::Diagnostic;
use crate::model::Dataset;
use crate::names::nearest;

use super::build::Builder;
use super::raw::Text;
use super::repeat::Repeats;
use super::{json, Options, RawFile};

/// Which record in which file, for pointing messages at it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) struct At {
    pub file: u32,
    pub index: usize,
}

/// Reports problems against the parsed files.
pub(super) struct Resolver<'a> {
    files: &'a [RawFile<'a>],
    diags: Vec<Diagnostic>,
}

/// Past this many messages, positions are left out: finding one costs a scan of the file.
const LOCATE_LIMIT: usize = 200;

impl<'a> Resolver<'a> {
    /// Points a message at one record: its file, and its line and column when they can be
    /// found.
    pub(super) fn at(&mut self, diag: Diagnostic, at: At, table: Table, key: &'static str, value: &str) -> Diagnostic {
        let file = &self.files[at.file as usize];
        let pos = if self.diags.len() >= LOCATE_LIMIT {
            None
        } else if let Some(rows) = &file.rows {
            let lines = match table {
                Table::Entities => &rows.entities,
                Table::Projects => &rows.projects,
                Table::Participations => &rows.participations,
                Table::Sources => &rows.sources,
                Table::Ties => &rows.ties,
            };
            lines.get(at.index).map(|&l| (l, 1))
        } else if let Some(text) = file.json {
            let nth = count_before(file, table, at.index, key, value);
            let key = if key == "sources" { "" } else { key };
            json::locate(text, key, value, nth)
        } else {
            None
        };
        diag.file(file.label.clone()).at(pos)
    }

    /// How the file names the tie at `at`, when not as partnet does (FtM).
    pub(super) fn tie_names(&self, at: At) -> Option<&'a super::TieNames> {
        let files: &'a [RawFile<'a>] = self.files;
        files[at.file as usize].rows.as_ref()?.tie_names.get(at.index)
    }

    pub(super) fn push(&mut self, diag: Diagnostic) {
        self.diags.push(diag);
    }

    pub(super) fn files(&self) -> &'a [RawFile<'a>] {
        self.files
    }

    /// How many messages so far.
    pub(super) fn count(&self) -> usize {
        self.diags.len()
    }

    /// Reports an error about one record, pointed at `key: value`.
    pub(super) fn error(&mut self, d: Diagnostic, at: At, table: Table, key: &'static str, value: &str) {
        let d = self.at(d, at, table, key, value);
        self.push(d);
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Table {
    Sources,
    Entities,
    Projects,
    Participations,
    Ties,
}

/// Resolves and validates parsed files into one dataset, reporting every problem.
pub(crate) fn resolve(files: Vec<RawFile<'_>>, options: Options) -> (Dataset, Vec<Diagnostic>) {
    let mut r = Resolver {
        files: &files,
        diags: Vec::new(),
    };
    let mut b = Builder::new(files.iter().map(|f| f.label.clone()).collect());
    let total = |len: fn(&RawFile) -> usize| files.iter().map(len).sum::<usize>();
    b.reserve(
        total(|f| f.data.entities.len()),
        total(|f| f.data.projects.len()),
        total(|f| f.data.participations.len()),
    );
    let at = |file: usize, index: usize| At {
        file: file as u32,
        index,
    };
    // A definition repeated in another file is read once, or reported where it differs.
    let repeats = super::repeat::find(&files, &mut r);
    let skip = Repeats::skip;
    // With a resolver to report to, no step gives up: the results are always Ok.
    for (fi, file) in files.iter().enumerate() {
        for (i, s) in file.data.sources.iter().enumerate() {
            if !skip(&repeats.sources, at(fi, i)) {
                let _ = b.source(s, b.hasher().hash(&s.id), Some(&mut r), at(fi, i));
            }
        }
    }
    for (fi, file) in files.iter().enumerate() {
        for (i, e) in file.data.entities.iter().enumerate() {
            if !skip(&repeats.entities, at(fi, i)) {
                let _ = b.entity(e, b.hasher().hash(&e.id), Some(&mut r), at(fi, i));
            }
        }
    }
    for (fi, file) in files.iter().enumerate() {
        for (i, p) in file.data.projects.iter().enumerate() {
            if !skip(&repeats.projects, at(fi, i)) {
                let _ = b.project(p, b.hasher().hash(&p.id), Some(&mut r), at(fi, i));
            }
        }
    }
    let _ = b.link_parts(Some(&mut r));
    for (fi, file) in files.iter().enumerate() {
        for (i, p) in file.data.participations.iter().enumerate() {
            let _ = b.participation(p, b.hasher().hash(&p.entity), Some(&mut r), at(fi, i));
        }
    }
    for (fi, file) in files.iter().enumerate() {
        for (i, t) in file.data.ties.iter().enumerate() {
            let _ = b.tie(t, b.hasher().hash(&t.from), Some(&mut r), at(fi, i));
        }
    }
    let ds = b.finish();
    if options.warnings && !r.diags.iter().any(Diagnostic::is_error) {
        super::warnings::check(&ds, &mut r, &repeats);
    }
    (ds, std::mem::take(&mut r.diags))
}

/// How many records before `index` in the same table carry `value` under `key`: the
/// occurrence of the text to point at.
fn count_before(file: &RawFile, table: Table, index: usize, key: &str, value: &str) -> usize {
    let d = &file.data;
    let has = |field: Option<&Text>| field.is_some_and(|f| &**f == value);
    let listed = |list: &[Text]| list.iter().any(|f| &**f == value);
    match table {
        Table::Sources => d.sources[..index.min(d.sources.len())]
            .iter()
            .filter(|s| match key {
                "id" => *s.id == *value,
                _ => has(s.date.as_ref()),
            })
            .count(),
        Table::Entities => d.entities[..index.min(d.entities.len())]
            .iter()
            .filter(|e| match key {
                "id" => *e.id == *value,
                _ => has(e.country.as_ref()),
            })
            .count(),
        // Entities and projects share ids: a project's "id" comes after the entities' ones.
        Table::Projects if key == "id" => {
            d.entities.iter().filter(|e| *e.id == *value).count()
                + d.projects[..index.min(d.projects.len())]
                    .iter()
                    .filter(|p| *p.id == *value)
                    .count()
        }
        Table::Projects => d.projects[..index.min(d.projects.len())]
            .iter()
            .filter(|p| match key {
                "part_of" => has(p.part_of.as_ref()),
                "sector" => has(p.sector.as_ref()),
                "sources" => listed(&p.sources),
                _ => has(p.date.as_ref()),
            })
            .count(),
        Table::Participations => d.participations[..index.min(d.participations.len())]
            .iter()
            .filter(|p| match key {
                "entity" => *p.entity == *value,
                "project" => *p.project == *value,
                "sources" => listed(&p.sources),
                _ => has(p.date.as_ref()),
            })
            .count(),
        Table::Ties => d.ties[..index.min(d.ties.len())]
            .iter()
            .filter(|t| match key {
                "from" => *t.from == *value,
                "to" => *t.to == *value,
                "sources" => listed(&t.sources),
                "until" => has(t.until.as_ref()),
                "kind" => *t.kind == *value,
                _ => has(t.date.as_ref()),
            })
            .count(),
    }
}

/// Reports an id already used by another entity or project.
pub(super) fn duplicate(
    r: &mut Resolver,
    id: &str,
    prev_is_project: bool,
    first: Option<&String>,
    at: At,
    table: Table,
) {
    let what = if prev_is_project { "a project" } else { "an entity" };
    let this_file = &r.files()[at.file as usize].label;
    let place = first
        .filter(|f| *f != this_file)
        .map(|f| format!(" in {f}"))
        .unwrap_or_default();
    let d = Diagnostic::error(format!("duplicate id {id:?}: already used by {what}{place}"))
        .help("ids must be unique across entities and projects together; rename one of them");
    let d = r.at(d, at, table, "id", id);
    r.push(d);
}

/// "did you mean ...?" with the three nearest candidates.
pub(super) fn suggest<'s>(wrong: &str, candidates: impl Iterator<Item = &'s str>, what: &str) -> String {
    let near = nearest(wrong, candidates, 3);
    if near.is_empty() {
        format!("use {what} defined in the data")
    } else {
        let quoted: Vec<String> = near.iter().map(|s| format!("{s:?}")).collect();
        format!("did you mean {}?", quoted.join(", "))
    }
}
