//! An id defined in several files: merging files that share some records.
//!
//! A source, an entity or a project defined in one file and again in another is one record
//! when both definitions agree in every field: the first is kept and the others are left
//! out. When they differ, the later one is an error that names the field that differs and
//! both files. Two definitions in one file, and an entity and a project of one id, are
//! left to the [`Builder`](super::build::Builder), which reports them as duplicates.

use std::collections::{HashMap, HashSet};

use crate::error::Diagnostic;

use super::raw::{RawEntity, RawProject, RawSource, Text};
use super::resolve::{At, Resolver, Table};
use super::RawFile;

/// Which records the resolver leaves out: `[file][index]` per table.
#[derive(Default)]
pub(super) struct Repeats {
    pub sources: Vec<Vec<bool>>,
    pub entities: Vec<Vec<bool>>,
    pub projects: Vec<Vec<bool>>,
}

impl Repeats {
    /// Whether the record is a repeat, to leave out.
    pub(super) fn skip(list: &[Vec<bool>], at: At) -> bool {
        list.get(at.file as usize)
            .and_then(|f| f.get(at.index))
            .copied()
            .unwrap_or(false)
    }
}

/// The field of two definitions that differs first, with its two values as JSON.
type Differ = Option<(&'static str, String, String)>;

fn text(t: &Option<Text>) -> String {
    t.as_deref().map_or("none".into(), |t| format!("{t:?}"))
}

fn list(l: &[Text]) -> String {
    let items: Vec<String> = l.iter().map(|t| format!("{:?}", &**t)).collect();
    format!("[{}]", items.join(", "))
}

macro_rules! first_difference {
    ($a:expr, $b:expr; $($field:ident: $show:expr),* $(,)?) => {{
        let (a, b) = ($a, $b);
        $(
            if a.$field != b.$field {
                return Some((stringify!($field), $show(&a.$field), $show(&b.$field)));
            }
        )*
        None
    }};
}

fn source(a: &RawSource, b: &RawSource) -> Differ {
    first_difference!(a, b; title: text, publisher: text, date: text, url: text, note: text)
}

fn entity(a: &RawEntity, b: &RawEntity) -> Differ {
    first_difference!(a, b;
        name: |t: &Text| format!("{:?}", &**t), kind: text, country: text,
        aliases: |l: &Vec<Text>| list(l), sectors: |l: &Vec<Text>| list(l), url: text, note: text)
}

fn project(a: &RawProject, b: &RawProject) -> Differ {
    let value = |v: &Option<super::raw::Stated>| match v {
        Some(s) => s.value.to_string(),
        None => "none".into(),
    };
    if a.value.as_ref().map(|s| s.value) != b.value.as_ref().map(|s| s.value) {
        return Some(("value", value(&a.value), value(&b.value)));
    }
    first_difference!(a, b;
        name: |t: &Text| format!("{:?}", &**t), sector: text, status: text, location: text,
        date: text, part_of: text, sources: |l: &Vec<Text>| list(l), note: text)
}

/// Finds the definitions repeated in later files: an identical one is marked to leave out,
/// a different one reported (and marked too, so that it is reported once).
pub(super) fn find(files: &[RawFile], r: &mut Resolver) -> Repeats {
    let mut out = Repeats {
        sources: files.iter().map(|f| vec![false; f.data.sources.len()]).collect(),
        entities: files.iter().map(|f| vec![false; f.data.entities.len()]).collect(),
        projects: files.iter().map(|f| vec![false; f.data.projects.len()]).collect(),
    };
    if files.len() < 2 {
        return out;
    }
    let mut first: HashMap<&str, (usize, usize)> = HashMap::new();
    for (fi, file) in files.iter().enumerate() {
        // A second definition within one file is the Builder's duplicate, whatever the files
        // before said: only a file's first definition of an id may be a repeat.
        let mut here: HashSet<&str> = HashSet::new();
        for (i, s) in file.data.sources.iter().enumerate() {
            if !here.insert(&s.id) {
                continue;
            }
            match first.get(&*s.id) {
                Some(&(pf, pi)) if pf != fi => {
                    let differ = source(&files[pf].data.sources[pi], s);
                    out.sources[fi][i] = true;
                    report(
                        r,
                        files,
                        differ,
                        ("source", &s.id),
                        pf,
                        At {
                            file: fi as u32,
                            index: i,
                        },
                        Table::Sources,
                    );
                }
                Some(_) => {}
                None => drop(first.insert(&s.id, (fi, i))),
            }
        }
    }
    // Entities and projects share ids: the first of either kind is the definition.
    let mut first: HashMap<&str, (bool, usize, usize)> = HashMap::new();
    for (fi, file) in files.iter().enumerate() {
        let mut here: HashSet<(bool, &str)> = HashSet::new();
        for (i, e) in file.data.entities.iter().enumerate() {
            if !here.insert((false, &e.id)) {
                continue;
            }
            match first.get(&*e.id) {
                Some(&(false, pf, pi)) if pf != fi => {
                    let differ = entity(&files[pf].data.entities[pi], e);
                    out.entities[fi][i] = true;
                    report(
                        r,
                        files,
                        differ,
                        ("entity", &e.id),
                        pf,
                        At {
                            file: fi as u32,
                            index: i,
                        },
                        Table::Entities,
                    );
                }
                Some(_) => {}
                None => drop(first.insert(&e.id, (false, fi, i))),
            }
        }
        for (i, p) in file.data.projects.iter().enumerate() {
            if !here.insert((true, &p.id)) {
                continue;
            }
            match first.get(&*p.id) {
                Some(&(true, pf, pi)) if pf != fi => {
                    let differ = project(&files[pf].data.projects[pi], p);
                    out.projects[fi][i] = true;
                    report(
                        r,
                        files,
                        differ,
                        ("project", &p.id),
                        pf,
                        At {
                            file: fi as u32,
                            index: i,
                        },
                        Table::Projects,
                    );
                }
                Some(_) => {}
                None => drop(first.insert(&p.id, (true, fi, i))),
            }
        }
    }
    out
}

/// Reports a definition that differs from the first, if it does.
fn report(
    r: &mut Resolver,
    files: &[RawFile],
    differ: Differ,
    (what, id): (&str, &str),
    first: usize,
    at: At,
    table: Table,
) {
    let Some((field, was, is)) = differ else {
        return;
    };
    let first = &files[first].label;
    let d = Diagnostic::error(format!(
        "defined in {first} too, with another `{field}`: {was} there, {is} here"
    ))
    .subject(format!("{what} {id:?}"))
    .help(format!(
        "an id defined in several files must be defined identically in each (then it is read once): make the `{field}`s agree, or rename one of them"
    ));
    r.error(d, at, table, "id", id);
}
