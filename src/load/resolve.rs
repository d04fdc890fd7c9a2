//! From parsed records to a [`Dataset`]: ids resolved to indices, every reference checked,
//! every problem reported with its file and position.

use std::collections::HashMap;
use std::sync::Arc;

use crate::error::Diagnostic;
use crate::model::{Dataset, Date, Entity, Participation, Project, Source, Span, Sym};
use crate::names::nearest;

use super::raw::Text;
use super::{json, Options, RawFile};

/// Roles and statuses the tools know how to draw; others are legal but get a warning.
pub const KNOWN_ROLES: &[&str] = &[
    "lead",
    "partner",
    "supplier",
    "contractor",
    "financier",
    "investor",
    "insurer",
    "operator",
    "sponsor",
    "selector",
    "participant",
    "customer",
    "advisor",
    "owner",
    "subsidiary",
];
pub const KNOWN_STATUSES: &[&str] = &[
    "reported",
    "interested",
    "exploring",
    "considering",
    "potential",
    "proposed",
    "announced",
    "selected",
    "agreed",
    "signed",
    "completed",
    "cancelled",
];

#[derive(Default)]
struct Interner(hashbrown::HashSet<Sym>);

impl Interner {
    fn get(&mut self, s: &str) -> Sym {
        if let Some(sym) = self.0.get(s) {
            return sym.clone();
        }
        let sym: Sym = Arc::from(s);
        self.0.insert(sym.clone());
        sym
    }
}

/// Which record in which file, for pointing messages at it.
#[derive(Clone, Copy)]
pub(super) struct At {
    pub file: u32,
    pub index: usize,
}

pub(super) struct Resolver<'a> {
    files: &'a [RawFile<'a>],
    diags: Vec<Diagnostic>,
    strings: Interner,
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

    pub(super) fn push(&mut self, diag: Diagnostic) {
        self.diags.push(diag);
    }

    pub(super) fn files(&self) -> &'a [RawFile<'a>] {
        self.files
    }

    fn date(&mut self, text: Option<&Text>, at: At, table: Table, subject: &str) -> Option<Date> {
        let text = text?;
        match Date::parse(text) {
            Some(d) => Some(d),
            None => {
                let d = Diagnostic::error(format!("invalid date {:?}", &**text))
                    .subject(subject)
                    .help("write dates as YYYY-MM-DD, YYYY-MM or YYYY");
                let d = self.at(d, at, table, "date", text);
                self.push(d);
                None
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Table {
    Sources,
    Entities,
    Projects,
    Participations,
}

fn boxed(t: &Option<Text>) -> Option<Box<str>> {
    t.as_ref().map(|t| Box::from(&**t))
}

/// Resolves and validates parsed files into one dataset.
pub(crate) fn resolve(files: Vec<RawFile<'_>>, options: Options) -> (Dataset, Vec<Diagnostic>) {
    let mut r = Resolver {
        files: &files,
        diags: Vec::new(),
        strings: Interner::default(),
    };
    let mut ds = Dataset {
        files: files.iter().map(|f| f.label.clone()).collect(),
        ..Dataset::default()
    };

    // Sources: their own namespace. A source defined identically in two files is fine.
    let mut source_ids: HashMap<&str, u32> = HashMap::new();
    for (fi, file) in files.iter().enumerate() {
        for (i, s) in file.data.sources.iter().enumerate() {
            let at = At {
                file: fi as u32,
                index: i,
            };
            let subject = format!("source {:?}", &*s.id);
            let date = r.date(s.date.as_ref(), at, Table::Sources, &subject);
            let source = Source {
                id: Box::from(&*s.id),
                title: boxed(&s.title),
                publisher: boxed(&s.publisher),
                date,
                url: boxed(&s.url),
                note: boxed(&s.note),
            };
            if s.id.trim().is_empty() {
                let d = Diagnostic::error("a source has an empty id")
                    .help("give every source a short unique id such as \"S1\"");
                let d = r.at(d, at, Table::Sources, "id", &s.id);
                r.push(d);
                continue;
            }
            match source_ids.get(&*s.id) {
                Some(&prev) => {
                    let p = &ds.sources[prev as usize];
                    let same = (p.title.as_deref(), p.publisher.as_deref(), p.date, p.url.as_deref())
                        == (
                            source.title.as_deref(),
                            source.publisher.as_deref(),
                            source.date,
                            source.url.as_deref(),
                        );
                    if !same {
                        let d = Diagnostic::error("duplicate source id with a different definition")
                            .subject(&subject)
                            .help("give each source its own id, or make both definitions identical");
                        let d = r.at(d, at, Table::Sources, "id", &s.id);
                        r.push(d);
                    }
                }
                None => {
                    source_ids.insert(&s.id, ds.sources.len() as u32);
                    ds.sources.push(source);
                }
            }
        }
    }

    // Entities then projects share one id namespace.
    let n_entities: usize = files.iter().map(|f| f.data.entities.len()).sum();
    let n_projects: usize = files.iter().map(|f| f.data.projects.len()).sum();
    let mut node_ids: hashbrown::HashMap<&str, (u32, bool)> =
        hashbrown::HashMap::with_capacity(n_entities + n_projects);
    ds.entities.reserve_exact(n_entities);
    ds.projects.reserve_exact(n_projects);
    let mut first_seen: HashMap<&str, String> = HashMap::new();
    let check_id = |r: &mut Resolver, id: &'_ str, name: &str, what: &str, at: At, table: Table| -> bool {
        let mut ok = true;
        if id.trim().is_empty() {
            let d = Diagnostic::error(format!("{what} with an empty id"))
                .help(format!("give every {what} a unique, non-empty id"));
            let d = r.at(d, at, table, "id", id);
            r.push(d);
            ok = false;
        }
        if name.trim().is_empty() {
            let d = Diagnostic::error(format!("{what} {id:?} has an empty name"))
                .help("give it the name people know it by");
            let d = r.at(d, at, table, "id", id);
            r.push(d);
        }
        ok
    };
    for (fi, file) in files.iter().enumerate() {
        for (i, e) in file.data.entities.iter().enumerate() {
            let at = At {
                file: fi as u32,
                index: i,
            };
            let subject = format!("entity {:?}", &*e.id);
            if !check_id(&mut r, &e.id, &e.name, "entity", at, Table::Entities) {
                continue;
            }
            if let Some(prev) = node_ids.get(&*e.id) {
                duplicate(&mut r, &e.id, prev.1, first_seen.get(&*e.id), at, Table::Entities);
                continue;
            }
            let country = match e.country.as_deref() {
                Some(c) if c.len() == 2 && c.bytes().all(|b| b.is_ascii_alphabetic()) => {
                    Some(r.strings.get(&c.to_ascii_uppercase()))
                }
                Some(c) => {
                    let d = Diagnostic::error(format!("country {c:?} is not an ISO 3166 alpha-2 code"))
                        .subject(&subject)
                        .help("write the two-letter code, e.g. \"JP\" for Japan, \"US\" for the United States");
                    let d = r.at(d, at, Table::Entities, "country", c);
                    r.push(d);
                    None
                }
                None => None,
            };
            let kind = r
                .strings
                .get(&e.kind.as_deref().map_or("company".into(), |k| k.trim().to_lowercase()));
            let sectors = e.sectors.iter().map(|s| r.strings.get(s.trim())).collect();
            node_ids.insert(&e.id, (ds.entities.len() as u32, false));
            first_seen.insert(&e.id, file.label.clone());
            ds.entities.push(Entity {
                id: Box::from(&*e.id),
                name: Box::from(&*e.name),
                kind,
                country,
                aliases: e.aliases.iter().map(|a| Box::from(&**a)).collect(),
                sectors,
                url: boxed(&e.url),
                note: boxed(&e.note),
                file: fi as u32,
            });
        }
    }
    let mut part_of_refs: Vec<(usize, At, &str)> = Vec::new();
    for (fi, file) in files.iter().enumerate() {
        for (i, p) in file.data.projects.iter().enumerate() {
            let at = At {
                file: fi as u32,
                index: i,
            };
            let subject = format!("project {:?}", &*p.id);
            if !check_id(&mut r, &p.id, &p.name, "project", at, Table::Projects) {
                continue;
            }
            if let Some(prev) = node_ids.get(&*p.id) {
                duplicate(&mut r, &p.id, prev.1, first_seen.get(&*p.id), at, Table::Projects);
                continue;
            }
            let date = r.date(p.date.as_ref(), at, Table::Projects, &subject);
            let sources = source_span(
                &mut r,
                &mut ds.source_refs,
                &source_ids,
                &p.sources,
                at,
                Table::Projects,
                &subject,
            );
            let index = ds.projects.len();
            if let Some(parent) = &p.part_of {
                part_of_refs.push((index, at, parent));
            }
            node_ids.insert(&p.id, (index as u32, true));
            first_seen.insert(&p.id, file.label.clone());
            ds.projects.push(Project {
                id: Box::from(&*p.id),
                name: Box::from(&*p.name),
                sector: p.sector.as_ref().map(|s| r.strings.get(s.trim())),
                value: p.value,
                status: p.status.as_ref().map(|s| r.strings.get(&s.trim().to_lowercase())),
                location: boxed(&p.location),
                date,
                part_of: None,
                sources,
                note: boxed(&p.note),
                file: fi as u32,
            });
        }
    }
    for (index, at, parent) in part_of_refs {
        match node_ids.get(parent) {
            Some(&(p, true)) if p as usize != index => ds.projects[index].part_of = Some(p),
            found => {
                let why = match found {
                    Some((_, false)) => "is an entity, not a project",
                    Some(_) => "is the project itself",
                    None => "does not exist",
                };
                let d = Diagnostic::error(format!("part_of {parent:?} {why}"))
                    .subject(format!("project {:?}", &*ds.projects[index].id))
                    .help(suggest(parent, ds.projects.iter().map(|p| &*p.id), "a project id"));
                let d = r.at(d, at, Table::Projects, "part_of", parent);
                r.push(d);
            }
        }
    }

    // Participations: the links.
    let n_links: usize = files.iter().map(|f| f.data.participations.len()).sum();
    ds.participations.reserve_exact(n_links);
    let partner = r.strings.get("partner");
    let reported = r.strings.get("reported");
    for (fi, file) in files.iter().enumerate() {
        for (i, p) in file.data.participations.iter().enumerate() {
            let at = At {
                file: fi as u32,
                index: i,
            };
            let subject = format!("participation {:?} in {:?}", &*p.entity, &*p.project);
            let entity = link_end(&mut r, &node_ids, &ds, &p.entity, false, at, &subject);
            let project = link_end(&mut r, &node_ids, &ds, &p.project, true, at, &subject);
            let sources = source_span(
                &mut r,
                &mut ds.source_refs,
                &source_ids,
                &p.sources,
                at,
                Table::Participations,
                &subject,
            );
            let date = r.date(p.date.as_ref(), at, Table::Participations, &subject);
            let role = match p.role.as_deref() {
                Some(role) => r.strings.get(&role.trim().to_lowercase()),
                None => partner.clone(),
            };
            let status = match p.status.as_deref() {
                Some(status) => r.strings.get(&status.trim().to_lowercase()),
                None => reported.clone(),
            };
            if let (Some(entity), Some(project)) = (entity, project) {
                ds.participations.push(Participation {
                    entity,
                    project,
                    role,
                    status,
                    sources,
                    evidence: boxed(&p.evidence),
                    date,
                    file: fi as u32,
                });
            }
        }
    }
    if options.warnings && !r.diags.iter().any(Diagnostic::is_error) {
        super::warnings::check(&ds, &mut r);
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
                + d.projects[..index.min(d.projects.len())].iter().filter(|p| *p.id == *value).count()
        }
        Table::Projects => d.projects[..index.min(d.projects.len())]
            .iter()
            .filter(|p| match key {
                "part_of" => has(p.part_of.as_ref()),
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
    }
}

fn duplicate(r: &mut Resolver, id: &str, prev_is_project: bool, first: Option<&String>, at: At, table: Table) {
    let what = if prev_is_project { "a project" } else { "an entity" };
    let this_file = &r.files()[at.file as usize].label;
    let place = first.filter(|f| *f != this_file).map(|f| format!(" in {f}")).unwrap_or_default();
    let d = Diagnostic::error(format!("duplicate id {id:?}: already used by {what}{place}"))
        .help("ids must be unique across entities and projects together; rename one of them");
    let d = r.at(d, at, table, "id", id);
    r.push(d);
}

fn suggest<'s>(wrong: &str, candidates: impl Iterator<Item = &'s str>, what: &str) -> String {
    let near = nearest(wrong, candidates, 3);
    if near.is_empty() {
        format!("use {what} defined in the data")
    } else {
        let quoted: Vec<String> = near.iter().map(|s| format!("{s:?}")).collect();
        format!("did you mean {}?", quoted.join(", "))
    }
}

#[allow(clippy::too_many_arguments)]
fn link_end(
    r: &mut Resolver,
    node_ids: &hashbrown::HashMap<&str, (u32, bool)>,
    ds: &Dataset,
    id: &str,
    want_project: bool,
    at: At,
    subject: &str,
) -> Option<u32> {
    let (key, what) = if want_project {
        ("project", "project")
    } else {
        ("entity", "entity")
    };
    match node_ids.get(id) {
        Some(&(index, is_project)) if is_project == want_project => Some(index),
        found => {
            let message = match found {
                Some(_) if want_project => format!("{id:?} is an entity, not a project"),
                Some(_) => format!("{id:?} is a project, not an entity"),
                None => format!("unknown {what} {id:?}"),
            };
            // Suggestions scan every id: only worth it for the first few errors.
            let help = if r.diags.len() < 50 {
                if want_project {
                    suggest(id, ds.projects.iter().map(|p| &*p.id), "a project id")
                } else {
                    suggest(id, ds.entities.iter().map(|e| &*e.id), "an entity id")
                }
            } else {
                format!("define the {what} or fix the id")
            };
            let d = Diagnostic::error(message).subject(subject).help(help);
            let d = r.at(d, at, Table::Participations, key, id);
            r.push(d);
            None
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn source_span(
    r: &mut Resolver,
    arena: &mut Vec<u32>,
    source_ids: &HashMap<&str, u32>,
    ids: &[Text],
    at: At,
    table: Table,
    subject: &str,
) -> Span {
    let start = arena.len() as u32;
    for id in ids {
        match source_ids.get(&**id) {
            Some(&s) => arena.push(s),
            None => {
                let mut known: Vec<&str> = source_ids.keys().copied().collect();
                known.sort_unstable();
                let d = Diagnostic::error(format!("unknown source {:?}", &**id))
                    .subject(subject)
                    .help(suggest(id, known.into_iter(), "a source id from \"sources\""));
                let d = r.at(d, at, table, "sources", id);
                r.push(d);
            }
        }
    }
    Span {
        start,
        len: arena.len() as u32 - start,
    }
}
