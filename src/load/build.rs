//! The one place records become a [`Dataset`]: ids resolved to indices, low-cardinality
//! strings interned, every reference checked.
//!
//! [`super::resolve::resolve`] feeds a [`Builder`] every parsed record and reports every
//! problem with its position; the streaming loader (`super::stream`) feeds it records as
//! they are parsed and gives up at the first problem, leaving the full report to `resolve`.
//! Both build the same dataset.

use hashbrown::HashMap;

use crate::error::Diagnostic;
use crate::model::{
    Dataset, Date, DateError, Entity, EntityExtra, IdName, Project, ProjectExtra, RoleStatus, Source, Span, Sym, SymId,
    MAX_ID_NAME, MAX_SPAN,
};

use super::ids::{IdHash, IdHasher, IdMap, Interner};
use super::raw::{RawEntity, RawProject, RawSource, Text};
use super::resolve::{duplicate, suggest, At, Resolver, Table};

/// Node values in the id map: projects carry this bit, so one map serves the shared
/// namespace of entities and projects.
const PROJECT_BIT: u32 = 1 << 31;

fn boxed(t: &Option<Text>) -> Option<Box<str>> {
    t.as_ref().map(|t| Box::from(&**t))
}

/// The streaming loader met a problem: the full resolver must take over to report it.
#[derive(Debug)]
pub(super) struct Bail;

/// Where problems go: the full resolver reports them and goes on; `None` (the streaming
/// loader) gives up at the first one.
type Report<'r, 'a> = Option<&'r mut Resolver<'a>>;

/// At a problem: with a resolver, runs `$body` with it (the resolver rebound to `$r`);
/// without one, gives up with [`Bail`].
macro_rules! problem {
    ($r:ident, $body:expr) => {
        match $r.as_deref_mut() {
            Some($r) => $body,
            None => return Err(Bail),
        }
    };
}

// After the macro, which they use.
mod links;
mod streaming;
mod ties;

use streaming::Unindexed;

/// Builds a dataset record by record, in the order of the files: sources, entities and
/// projects before the participations that refer to them. Messages name their subject
/// (`entity "x"`) only when there is a problem: building that text for every record of a
/// million-record file would cost more than the rest.
pub(super) struct Builder {
    ds: Dataset,
    strings: Interner,
    source_ids: IdMap,
    node_ids: IdMap,
    part_of_refs: Vec<(usize, At, Box<str>)>,
    /// The entity and the project the last link named, with their indices: files list the
    /// links of one project (or one entity) together, and a repeated id then costs no
    /// lookup. Empty until a link resolves, and an empty id is never looked up here.
    recent: [(String, u32); 2],
    /// Entities and projects not yet in `node_ids` (see [`Builder::streaming`]).
    unindexed: Option<Unindexed>,
    company: Sym,
    partner: SymId,
    reported: SymId,
    /// Each (role, status) pair's index in `Dataset::role_statuses`, and the last one used:
    /// links of one file mostly repeat it.
    role_status_ids: HashMap<(SymId, SymId), RoleStatus>,
    last_role_status: Option<((SymId, SymId), RoleStatus)>,
}

impl Builder {
    pub(super) fn new(files: Vec<String>) -> Builder {
        let mut strings = Interner::default();
        let hasher = IdHasher::default();
        Builder {
            ds: Dataset {
                files,
                ..Dataset::default()
            },
            company: strings.get("company"),
            partner: strings.id("partner"),
            reported: strings.id("reported"),
            role_status_ids: HashMap::new(),
            last_role_status: None,
            strings,
            source_ids: IdMap::with_hasher(hasher.clone()),
            node_ids: IdMap::with_hasher(hasher),
            part_of_refs: Vec::new(),
            recent: Default::default(),
            unindexed: None,
        }
    }

    /// Room for this many more records of each kind.
    pub(super) fn reserve(&mut self, entities: usize, projects: usize, participations: usize) {
        self.ds.entities.reserve_exact(entities);
        self.ds.projects.reserve_exact(projects);
        self.ds.participations.reserve_exact(participations);
        self.node_ids.reserve(entities + projects);
    }

    /// How this builder hashes ids: the hash of an entity's or project's id, or of the
    /// entity a link names, is an argument of the method that takes the record.
    pub(super) fn hasher(&self) -> &IdHasher {
        self.node_ids.hasher()
    }

    /// The node an id names: its index and whether it is a project.
    fn node(&self, id: &str, hash: IdHash) -> Option<(u32, bool)> {
        let ds = &self.ds;
        self.node_ids
            .find(id, hash, |v| {
                if v & PROJECT_BIT != 0 {
                    *ds.projects[(v & !PROJECT_BIT) as usize].id() == *id
                } else {
                    *ds.entities[v as usize].id() == *id
                }
            })
            .map(|v| (v & !PROJECT_BIT, v & PROJECT_BIT != 0))
    }

    fn source_index(&self, id: &str, hash: IdHash) -> Option<u32> {
        let sources = &self.ds.sources;
        self.source_ids.find(id, hash, |v| *sources[v as usize].id == *id)
    }

    fn date(
        text: Option<&Text>,
        r: Report,
        at: At,
        table: Table,
        subject: impl FnOnce() -> String,
    ) -> Result<Option<Date>, Bail> {
        Self::date_in("date", text, r, at, table, subject)
    }

    /// A date in field `key` of a record.
    fn date_in(
        key: &'static str,
        text: Option<&Text>,
        mut r: Report,
        at: At,
        table: Table,
        subject: impl FnOnce() -> String,
    ) -> Result<Option<Date>, Bail> {
        let Some(text) = text else { return Ok(None) };
        match Date::parse(text) {
            Some(d) => Ok(Some(d)),
            None => problem!(r, {
                let why = Date::read(text).err().unwrap_or(DateError::Shape);
                let message = match why {
                    DateError::Shape => format!("invalid date {:?}", &**text),
                    _ => format!("invalid date {:?}: {why}", &**text),
                };
                let message = if key == "date" {
                    message
                } else {
                    format!("field \"{key}\": {message}")
                };
                let d = Diagnostic::error(message).subject(subject()).help(why.help());
                r.error(d, at, table, key, text);
                Ok(None)
            }),
        }
    }

    /// Source ids to a span of the source arena; unknown ones are reported and left out.
    /// `place`, one of the record's own fields (key and value), points a message at it.
    fn source_span(
        &mut self,
        ids: &[Text],
        mut r: Report,
        (at, table): (At, Table),
        place: (&'static str, &str),
        subject: &dyn Fn() -> String,
    ) -> Result<Span, Bail> {
        let start = self.ds.source_refs.len() as u32;
        for id in ids {
            match self.source_index(id, self.source_ids.hash(id)) {
                Some(s) => self.ds.source_refs.push(s),
                None => problem!(r, {
                    let mut known: Vec<&str> = self.ds.sources.iter().map(|s| &*s.id).collect();
                    known.sort_unstable();
                    let d = Diagnostic::error(format!("unknown source {:?}", &**id))
                        .subject(subject())
                        .help(suggest(id, known.into_iter(), "a source id from \"sources\""));
                    r.error(d, at, table, "sources", id);
                }),
            }
        }
        let len = self.ds.source_refs.len() - start as usize;
        if len > MAX_SPAN {
            self.ds.source_refs.truncate(start as usize + MAX_SPAN);
            problem!(r, {
                let d = Diagnostic::error(format!(
                    "{len} source ids in one record (a repeat counts); partnet takes at most {MAX_SPAN}"
                ))
                .subject(subject())
                .help("cite each source that says it once, or split the record");
                // At the record, by a field of its own: a source id is also where it is defined.
                r.error(d, at, table, place.0, place.1);
            });
        }
        Ok(Span {
            start,
            len: len.min(MAX_SPAN) as u16,
        })
    }

    /// A source, `hash` the hash of its id. Sources are their own namespace; one defined
    /// identically in two files is fine.
    pub(super) fn source(&mut self, s: &RawSource, hash: IdHash, mut r: Report, at: At) -> Result<(), Bail> {
        let subject = || format!("source {:?}", &*s.id);
        let date = Self::date(s.date.as_ref(), r.as_deref_mut(), at, Table::Sources, subject)?;
        if s.id.trim().is_empty() {
            return problem!(r, {
                let d = Diagnostic::error("a source has an empty id")
                    .help("give every source a short unique id such as \"S1\"");
                r.error(d, at, Table::Sources, "id", &s.id);
                Ok(())
            });
        }
        match self.source_index(&s.id, hash) {
            Some(prev) => {
                let p = &self.ds.sources[prev as usize];
                let same = (p.title.as_deref(), p.publisher.as_deref(), p.date, p.url.as_deref())
                    == (s.title.as_deref(), s.publisher.as_deref(), date, s.url.as_deref());
                if !same {
                    problem!(r, {
                        let d = Diagnostic::error("duplicate source id with a different definition")
                            .subject(subject())
                            .help("give each source its own id, or make both definitions identical");
                        r.error(d, at, Table::Sources, "id", &s.id);
                    })
                }
            }
            None => {
                self.source_ids.insert(&s.id, hash, self.ds.sources.len() as u32);
                self.ds.sources.push(Source {
                    id: Box::from(&*s.id),
                    title: boxed(&s.title),
                    publisher: boxed(&s.publisher),
                    date,
                    url: boxed(&s.url),
                    note: boxed(&s.note),
                });
            }
        }
        Ok(())
    }

    /// Whether an entity's or project's id and name can define a node; an empty name is
    /// reported but the node still defined.
    fn check_id(id: &str, name: &str, what: &str, mut r: Report, at: At, table: Table) -> Result<bool, Bail> {
        let mut ok = true;
        if id.trim().is_empty() {
            problem!(r, {
                let d = Diagnostic::error(format!("{what} with an empty id"))
                    .help(format!("give every {what} a unique, non-empty id"));
                r.error(d, at, table, "id", id);
            });
            ok = false;
        }
        if name.trim().is_empty() {
            problem!(r, {
                let d = Diagnostic::error(format!("{what} {id:?} has an empty name"))
                    .help("give it the name people know it by");
                r.error(d, at, table, "id", id);
            });
        }
        if id.len() + name.len() > MAX_ID_NAME {
            problem!(r, {
                let d = Diagnostic::error(format!("{what} has an id and name of over 4 GB"))
                    .help("the name field holds the name only; put long text in \"note\"");
                r.error(d, at, table, "id", id);
            });
            ok = false;
        }
        Ok(ok)
    }

    /// Whether `id` is still free; if not, reports the duplicate. Always true while
    /// streaming: the id is checked when it is indexed.
    fn is_new(&self, id: &str, hash: IdHash, mut r: Report, at: At, table: Table) -> Result<bool, Bail> {
        if self.unindexed.is_some() {
            return Ok(true);
        }
        let Some((prev, prev_is_project)) = self.node(id, hash) else {
            return Ok(true);
        };
        problem!(r, {
            let file = if prev_is_project {
                self.ds.projects[prev as usize].file
            } else {
                self.ds.entities[prev as usize].file
            };
            duplicate(r, id, prev_is_project, Some(&self.ds.files[file as usize]), at, table);
        });
        Ok(false)
    }

    /// An organisation or person, `hash` the hash of its id. Ids are unique across entities
    /// and projects together.
    pub(super) fn entity(&mut self, e: &RawEntity, hash: IdHash, mut r: Report, at: At) -> Result<(), Bail> {
        if !Self::check_id(&e.id, &e.name, "entity", r.as_deref_mut(), at, Table::Entities)?
            || !self.is_new(&e.id, hash, r.as_deref_mut(), at, Table::Entities)?
        {
            return Ok(());
        }
        let country = match e.country.as_deref() {
            Some(c) if crate::country::is_code(c) => Some(if c.bytes().all(|b| b.is_ascii_uppercase()) {
                self.strings.get(c)
            } else {
                self.strings.get(&c.to_ascii_uppercase())
            }),
            Some(c) => problem!(r, {
                let d = Diagnostic::error(format!("country {c:?} is not an ISO 3166-1 alpha-2 code"))
                    .subject(format!("entity {:?}", &*e.id))
                    .help(crate::country::fix_for(c));
                r.error(d, at, Table::Entities, "country", c);
                None
            }),
            None => None,
        };
        let kind = match e.kind.as_deref() {
            Some(k) => self.strings.lower(k),
            None => self.company.clone(),
        };
        for flaw in e.sectors.iter().filter_map(|s| super::sector::flaw(s)) {
            problem!(
                r,
                r.error(
                    flaw.subject(format!("entity {:?}", &*e.id)),
                    at,
                    Table::Entities,
                    "id",
                    &e.id
                )
            );
        }
        let sectors = self.strings.list(e.sectors.iter().map(|s| s.trim()));
        self.add_node(&e.id, hash, self.ds.entities.len() as u32);
        self.ds.entities.push(Entity {
            text: IdName::new(&e.id, &e.name),
            kind,
            country,
            sectors,
            extra: EntityExtra::of(
                e.aliases.iter().map(|a| Box::from(&**a)).collect(),
                boxed(&e.url),
                boxed(&e.note),
            ),
            file: at.file,
        });
        Ok(())
    }

    /// A project, `hash` the hash of its id; its `part_of` is resolved by
    /// [`Builder::link_parts`], once every project is known.
    pub(super) fn project(&mut self, p: &RawProject, hash: IdHash, mut r: Report, at: At) -> Result<(), Bail> {
        if !Self::check_id(&p.id, &p.name, "project", r.as_deref_mut(), at, Table::Projects)?
            || !self.is_new(&p.id, hash, r.as_deref_mut(), at, Table::Projects)?
        {
            return Ok(());
        }
        let subject = || format!("project {:?}", &*p.id);
        let date = Self::date(p.date.as_ref(), r.as_deref_mut(), at, Table::Projects, subject)?;
        let sources = self.source_span(
            &p.sources,
            r.as_deref_mut(),
            (at, Table::Projects),
            ("id", &p.id),
            &subject,
        )?;
        if let Some((s, flaw)) = p.sector.as_ref().and_then(|s| Some((s, super::sector::flaw(s)?))) {
            problem!(r, r.error(flaw.subject(subject()), at, Table::Projects, "sector", s));
        }
        let index = self.ds.projects.len();
        if let Some(parent) = &p.part_of {
            self.part_of_refs.push((index, at, Box::from(&**parent)));
        }
        self.add_node(&p.id, hash, index as u32 | PROJECT_BIT);
        self.ds.projects.push(Project {
            text: IdName::new(&p.id, &p.name),
            sector: p.sector.as_ref().map(|s| self.strings.get(s.trim())),
            value: p.value.as_ref().map(|v| v.value),
            value_text: p.value.as_ref().and_then(|v| boxed(&v.text)),
            status: p.status.as_ref().map(|s| self.strings.lower(s)),
            date,
            part_of: None,
            sources,
            extra: ProjectExtra::of(boxed(&p.location), boxed(&p.note)),
            file: at.file,
        });
        Ok(())
    }

    /// Adds a node known to be new to the id table, or to the nodes to index.
    fn add_node(&mut self, id: &str, hash: IdHash, value: u32) {
        match &mut self.unindexed {
            Some(u) => u.nodes.push((hash, value)),
            None => self.node_ids.insert(id, hash, value),
        }
    }

    pub(super) fn finish(mut self) -> Dataset {
        self.ds.symbols = self.strings.symbols;
        self.ds
    }
}
