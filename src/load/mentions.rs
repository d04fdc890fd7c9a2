//! References across inputs: what a CSV table mentions by id only resolves to another
//! input's definition, or becomes a node named by its id.
//!
//! Runs after every file is parsed and before [`super::resolve`], so that a table may point
//! at entities and projects a JSON file (or another table) defines, and may restate their
//! names without defining them twice.

use std::collections::HashMap;

use crate::error::Diagnostic;
use crate::names::fold;

use super::csv::text;
use super::raw::{RawEntity, RawProject};
use super::RawFile;

/// Ids a CSV file mentions without defining them, with the line of their first mention.
#[derive(Debug, Default)]
pub(crate) struct Mentions {
    pub entities: Vec<(String, usize)>,
    pub projects: Vec<(String, usize)>,
}

/// Defines, with their id as name, the ids CSV files mention but no input defines; and
/// drops a CSV definition that only repeats (same name and attributes) one from another
/// input, so a table may restate the names of entities a JSON file defines.
///
/// An entity cell that is no id but the name or alias of exactly one organisation (folded
/// as NAME arguments are) refers to it, with a note: a spreadsheet names "Toshiba", not
/// "toshiba". One that names several is an error listing them.
pub(crate) fn complete(files: &mut [RawFile]) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    if files.iter().all(|f| f.rows.is_none()) {
        return diags;
    }
    // The definition each id resolves to: a JSON one if any, else the first CSV one.
    let mut anchors: HashMap<String, (usize, usize, bool)> = HashMap::new();
    for pass_json in [true, false] {
        for (fi, f) in files.iter().enumerate().filter(|(_, f)| f.rows.is_none() == pass_json) {
            for (i, e) in f.data.entities.iter().enumerate() {
                anchors.entry(e.id.to_string()).or_insert((fi, i, false));
            }
            for (i, p) in f.data.projects.iter().enumerate() {
                anchors.entry(p.id.to_string()).or_insert((fi, i, true));
            }
        }
    }
    let mut names: Option<Names> = None;
    for fi in 0..files.len() {
        if files[fi].rows.is_none() {
            continue;
        }
        let repeats = |files: &[RawFile], i: usize, project: bool| {
            let f = &files[fi];
            let id: &str = if project {
                &f.data.projects[i].id
            } else {
                &f.data.entities[i].id
            };
            match anchors.get(id) {
                Some(&(af, ai, ap)) if (af, ai, ap) != (fi, i, project) && ap == project => {
                    let other = &files[af].data;
                    if project {
                        same_project(&f.data.projects[i], &other.projects[ai])
                    } else {
                        same_entity(&f.data.entities[i], &other.entities[ai])
                    }
                }
                _ => false,
            }
        };
        let drop_e: Vec<bool> = (0..files[fi].data.entities.len())
            .map(|i| repeats(files, i, false))
            .collect();
        let drop_p: Vec<bool> = (0..files[fi].data.projects.len())
            .map(|i| repeats(files, i, true))
            .collect();
        let bare: Vec<&(String, usize)> = files[fi]
            .mentions
            .entities
            .iter()
            .filter(|(id, _)| !anchors.contains_key(id))
            .collect();
        let mut renamed: HashMap<String, String> = HashMap::new();
        for (id, line) in bare {
            let names = names.get_or_insert_with(|| Names::of(files));
            let found = names.get(id);
            let at = |d: Diagnostic| d.file(files[fi].label.clone()).at(Some((*line, 1)));
            match found {
                [] => {}
                [(target, name)] => {
                    diags.push(at(Diagnostic::warning(format!(
                        "entity {id:?} is not an id; it is taken to be {target:?} ({name}), whose name or alias it is"
                    ))
                    .help(format!(
                        "write the id {target:?} to say so; to mean another organisation, give the row an entity_name"
                    ))));
                    renamed.insert(id.clone(), target.clone());
                }
                many => {
                    let listed: Vec<String> = many.iter().map(|(id, name)| format!("{id:?} ({name})")).collect();
                    diags.push(at(Diagnostic::error(format!(
                        "entity {id:?} is not an id and names {} organisations: {}",
                        many.len(),
                        listed.join(", ")
                    ))
                    .help("write the id of the one you mean")));
                }
            }
        }
        let f = &mut files[fi];
        let rows = f.rows.as_mut().expect("a CSV file has rows");
        retain(&mut f.data.entities, &mut rows.entities, &drop_e);
        retain(&mut f.data.projects, &mut rows.projects, &drop_p);
        if !renamed.is_empty() {
            for link in &mut f.data.participations {
                if let Some(target) = renamed.get(&*link.entity) {
                    link.entity = text(target);
                }
            }
            for tie in &mut f.data.ties {
                for end in [&mut tie.from, &mut tie.to] {
                    if let Some(target) = renamed.get(&**end) {
                        *end = text(target);
                    }
                }
            }
        }
        for (id, line) in std::mem::take(&mut f.mentions.entities) {
            if !anchors.contains_key(&id) && !renamed.contains_key(&id) {
                anchors.insert(id.clone(), (usize::MAX, 0, false));
                f.data.entities.push(RawEntity {
                    id: text(&id),
                    name: text(&id),
                    kind: None,
                    country: None,
                    aliases: Vec::new(),
                    sectors: Vec::new(),
                    url: None,
                    note: None,
                });
                rows.entities.push(line);
            }
        }
        for (id, line) in std::mem::take(&mut f.mentions.projects) {
            if !anchors.contains_key(&id) {
                anchors.insert(id.clone(), (usize::MAX, 0, true));
                f.data.projects.push(RawProject {
                    id: text(&id),
                    name: text(&id),
                    sector: None,
                    value: None,
                    status: None,
                    location: None,
                    date: None,
                    part_of: None,
                    sources: Vec::new(),
                    note: None,
                });
                rows.projects.push(line);
            }
        }
    }
    diags
}

fn retain<T>(items: &mut Vec<T>, lines: &mut Vec<usize>, drop: &[bool]) {
    let mut i = 0;
    items.retain(|_| {
        i += 1;
        !drop[i - 1]
    });
    let mut i = 0;
    lines.retain(|_| {
        i += 1;
        !drop[i - 1]
    });
}

/// Whether `a` (from a CSV) says nothing that `b` does not: same name, and any kind or
/// country it gives equal to `b`'s.
fn same_entity(a: &RawEntity, b: &RawEntity) -> bool {
    let kind = |e: &RawEntity| {
        e.kind
            .as_deref()
            .map_or("company".to_string(), |k| k.trim().to_lowercase())
    };
    *a.name == *b.name
        && (a.kind.is_none() || kind(a) == kind(b))
        && (a.country.is_none()
            || a.country.as_deref().map(str::to_uppercase) == b.country.as_deref().map(str::to_uppercase))
}

fn same_project(a: &RawProject, b: &RawProject) -> bool {
    let lower = |s: Option<&str>| s.map(|s| s.trim().to_lowercase());
    *a.name == *b.name
        && (a.sector.is_none() || a.sector.as_deref().map(str::trim) == b.sector.as_deref().map(str::trim))
        && (a.value.is_none() || a.value.as_ref().map(|v| v.value) == b.value.as_ref().map(|v| v.value))
        && (a.status.is_none() || lower(a.status.as_deref()) == lower(b.status.as_deref()))
}

/// The organisations each folded name, alias or id stands for: (id, name), each once.
struct Names(HashMap<String, Vec<(String, String)>>);

impl Names {
    /// Of every entity the files define.
    fn of(files: &[RawFile]) -> Names {
        let mut map: HashMap<String, Vec<(String, String)>> = HashMap::new();
        for e in files.iter().flat_map(|f| &f.data.entities) {
            let keys = [&*e.id, &*e.name].into_iter().chain(e.aliases.iter().map(|a| &**a));
            for key in keys {
                let owners = map.entry(fold(key).into_owned()).or_default();
                if !owners.iter().any(|(id, _)| *id == *e.id) {
                    owners.push((e.id.to_string(), e.name.to_string()));
                }
            }
        }
        Names(map)
    }

    fn get(&self, name: &str) -> &[(String, String)] {
        self.0.get(fold(name).as_ref()).map_or(&[], Vec::as_slice)
    }
}
