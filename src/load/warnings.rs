//! Suspicious but legal data, reported by `check`: files that hold nothing, links nobody sources, projects with no
//! participant or a single one, programmes whose value may overlap their parts' values,
//! isolated entities, aliases that point at two entities, names two records share, kinds,
//! roles and statuses outside the known vocabulary, links recorded twice; and of ties (`ties`): unsourced ones, unknown
//! kinds, ties recorded twice, ones that end before their sources date them, ownership
//! cycles, owners whose shares add up to more than 100.

use std::collections::HashMap;

use crate::error::Diagnostic;
use crate::model::Dataset;
use crate::names::{fold, nearest};

use super::resolve::{At, Resolver, Table};
use crate::vocab;

mod names;
mod ties;

/// Where the first copy of a record given twice is, as its warning words it: "also record 3
/// of the file" when the copy `here` is in the same file, else "also record 3 of a.json".
fn also(files: &[super::RawFile], thing: &str, first: At, here: At) -> String {
    let place = if first.file == here.file {
        "the file"
    } else {
        &files[first.file as usize].label
    };
    format!("also {thing} {} of {place}", first.index + 1)
}

/// Appends the warnings for a dataset that has no errors (so every record maps one to one
/// onto the parsed files, but for the `repeats` left out).
pub(super) fn check(ds: &Dataset, r: &mut Resolver, repeats: &super::repeat::Repeats) {
    let files = r.files();
    // Where each kept record is in its file: the repeats of another file's definitions are
    // not in the dataset, so a count of the records before would point past them.
    let kept = |len: fn(&super::RawDataset) -> usize, skipped: &[Vec<bool>]| -> Vec<usize> {
        files
            .iter()
            .enumerate()
            .flat_map(|(fi, f)| {
                let skipped = skipped.get(fi);
                (0..len(&f.data)).filter(move |&i| !skipped.and_then(|s| s.get(i)).copied().unwrap_or(false))
            })
            .collect()
    };
    let entity_index = kept(|d| d.entities.len(), &repeats.entities);
    let project_index = kept(|d| d.projects.len(), &repeats.projects);
    debug_assert_eq!(
        (entity_index.len(), project_index.len()),
        (ds.entities.len(), ds.projects.len())
    );
    let offsets = |len: fn(&super::RawDataset) -> usize| -> Vec<usize> {
        let mut acc = 0;
        files
            .iter()
            .map(|f| {
                let start = acc;
                acc += len(&f.data);
                start
            })
            .collect()
    };
    let link_offsets = offsets(|d| d.participations.len());
    for f in files {
        let d = &f.data;
        let records = d.sources.len() + d.entities.len() + d.projects.len() + d.participations.len() + d.ties.len();
        if records == 0 {
            let d =
                Diagnostic::warning("the file holds nothing: no entities, projects, participations, ties or sources")
                    .help("fill it in (see the data format in the README), or leave it out of --data")
                    .file(f.label.clone());
            r.push(d);
        }
    }
    ties::check(ds, r, &offsets(|d| d.ties.len()));
    names::same_names(ds, r, &entity_index, &project_index);

    let mut members: Vec<Vec<u32>> = vec![Vec::new(); ds.projects.len()];
    let mut linked = vec![false; ds.entities.len()];
    let mut seen: HashMap<(u32, u32, &str, &str, &[u32]), At> = HashMap::new();
    // Links come in file order: the file of link k is the last one starting at or before k.
    debug_assert_eq!(
        files.iter().map(|f| f.data.participations.len()).sum::<usize>(),
        ds.participations.len(),
        "every link of the files, in their order"
    );
    let mut file = 0;
    for (k, p) in ds.participations.iter().enumerate() {
        while link_offsets.get(file + 1).is_some_and(|&start| start <= k) {
            file += 1;
        }
        let at = At {
            file: file as u32,
            index: k - link_offsets[file],
        };
        let entity = &ds.entities[p.entity as usize];
        let project = &ds.projects[p.project as usize];
        let subject = format!("participation {:?} in {:?}", entity.id(), project.id());
        linked[p.entity as usize] = true;
        if !members[p.project as usize].contains(&p.entity) {
            members[p.project as usize].push(p.entity);
        }
        if p.sources.len == 0 {
            let d = Diagnostic::warning("unsourced link: no source says this")
                .subject(&subject)
                .help("add the ids of the reports that state it to \"sources\"");
            let d = r.at(d, at, Table::Participations, "entity", entity.id());
            r.push(d);
        }
        let (role, status) = (ds.role(p), ds.status(p));
        let roles: Vec<&str> = vocab::role_names().collect();
        let statuses: Vec<&str> = vocab::status_names().collect();
        for (value, known, what) in [(role, &roles, "role"), (status, &statuses, "status")] {
            if !known.contains(&value) {
                let d = Diagnostic::warning(format!("unusual {what} {value:?}"))
                    .subject(&subject)
                    .help(format!(
                        "{}known values: {}",
                        did_you_mean(value, known),
                        known.join(", ")
                    ));
                let d = r.at(d, at, Table::Participations, "entity", entity.id());
                r.push(d);
            }
        }
        let key = (p.entity, p.project, role, status, &ds.source_refs[p.sources.range()]);
        // The first copy stays the one named: a third copy points back to it too.
        let first = *seen.entry(key).or_insert(at);
        if first != at {
            let d = Diagnostic::warning(format!(
                "the same link is recorded twice ({})",
                also(files, "record", first, at)
            ))
            .subject(&subject)
            .help("remove one copy, or give them different roles, statuses or sources");
            let d = r.at(d, at, Table::Participations, "entity", entity.id());
            r.push(d);
        }
    }
    // The parts that state a value, by programme.
    let mut valued_parts: Vec<Vec<u32>> = vec![Vec::new(); ds.projects.len()];
    for (i, project) in ds.projects.iter().enumerate() {
        if let (Some(parent), Some(_)) = (project.part_of, project.value) {
            valued_parts[parent as usize].push(i as u32);
        }
    }
    for (i, project) in ds.projects.iter().enumerate() {
        let at = At {
            file: project.file,
            index: project_index[i],
        };
        if members[i].is_empty() {
            let d = Diagnostic::warning("no participant: no organisation is linked to it")
                .subject(format!("project {:?}", project.id()))
                .help("fine if the report names no one; otherwise add a participation for each organisation it names");
            let d = r.at(d, at, Table::Projects, "id", project.id());
            r.push(d);
        }
        if let (Some(value), false) = (project.value, valued_parts[i].is_empty()) {
            let d = overlap(ds, project.id(), value, &valued_parts[i]);
            let d = r.at(d, at, Table::Projects, "id", project.id());
            r.push(d);
        }
        if members[i].len() == 1 {
            let only = &ds.entities[members[i][0] as usize];
            let d = Diagnostic::warning(format!(
                "only one participant ({:?}): nobody to partner with",
                only.id()
            ))
            .subject(format!("project {:?}", project.id()))
            .help("fine if the report names no one else; otherwise add the partners");
            let d = r.at(d, at, Table::Projects, "id", project.id());
            r.push(d);
        }
    }
    for t in &ds.ties {
        linked[t.from as usize] = true;
        linked[t.to as usize] = true;
    }
    let mut names: HashMap<String, Vec<usize>> = HashMap::new();
    // An unknown kind is told once, at its first entity: a kind of the data's own
    // ("bank") is not a typo repeated a thousand times.
    let kinds: Vec<&str> = vocab::entity_kind_names().collect();
    let mut unknown: HashMap<&str, (usize, bool)> = HashMap::new();
    for kind in ds.entities.iter().map(|e| &*e.kind).filter(|k| !kinds.contains(k)) {
        unknown.entry(kind).or_default().0 += 1;
    }
    for (i, entity) in ds.entities.iter().enumerate() {
        let at = At {
            file: entity.file,
            index: entity_index[i],
        };
        let kind = &*entity.kind;
        if let Some((count, told)) = unknown.get_mut(kind).filter(|(_, told)| !told) {
            *told = true;
            let others = match *count - 1 {
                0 => String::new(),
                1 => " (so is 1 other entity)".to_string(),
                n => format!(" (so are {n} other entities)"),
            };
            let d = Diagnostic::warning(format!("unusual kind {kind:?}{others}"))
                .subject(format!("entity {:?}", entity.id()))
                .help(format!(
                    "{}known kinds: {}; a kind of your own is fine",
                    did_you_mean(kind, &kinds),
                    kinds.join(", ")
                ));
            let d = r.at(d, at, Table::Entities, "id", entity.id());
            r.push(d);
        }
        if !linked[i] {
            let d = Diagnostic::warning("isolated entity: it takes part in no project and has no tie")
                .subject(format!("entity {:?}", entity.id()))
                .help("link it to a project or tie it to an organisation, or leave it if the report names it alone");
            let d = r.at(d, at, Table::Entities, "id", entity.id());
            r.push(d);
        }
        let mut own: Vec<String> = entity.aliases().iter().map(|a| fold(a).into_owned()).collect();
        own.push(fold(entity.name()).into_owned());
        own.sort();
        own.dedup();
        for name in own {
            names.entry(name).or_default().push(i);
        }
    }
    for (i, entity) in ds.entities.iter().enumerate() {
        for alias in entity.aliases() {
            let owners = &names[fold(alias).as_ref()];
            if let Some(&other) = owners.iter().find(|&&o| o != i) {
                if other < i || !ds.entities[other].aliases().iter().any(|a| fold(a) == fold(alias)) {
                    let at = At {
                        file: entity.file,
                        index: entity_index[i],
                    };
                    let d = Diagnostic::warning(format!(
                        "alias {:?} also names entity {:?}: the name is ambiguous",
                        &**alias,
                        ds.entities[other].id()
                    ))
                    .subject(format!("entity {:?}", entity.id()))
                    .help("keep the alias on one entity only; users can still give the id");
                    let d = r.at(d, at, Table::Entities, "id", entity.id());
                    r.push(d);
                }
            }
        }
    }
}

/// "did you mean "x"? " with the nearest of `known`, or nothing when none is near.
fn did_you_mean(value: &str, known: &[&str]) -> String {
    nearest(value, known.iter().copied(), 1)
        .first()
        .map(|n| format!("did you mean {n:?}? "))
        .unwrap_or_default()
}

/// Parts named in an overlap warning; the rest are counted.
const NAMED_PARTS: usize = 5;

/// A programme that states a value while some of its parts state theirs: the programme's
/// figure may already include the parts', so adding them up counts the money twice.
fn overlap(ds: &Dataset, id: &str, value: crate::value::Value, parts: &[u32]) -> Diagnostic {
    let mut named: Vec<String> = parts
        .iter()
        .take(NAMED_PARTS)
        .map(|&q| {
            let part = &ds.projects[q as usize];
            let v = part.value.map(|v| v.to_string()).unwrap_or_default();
            format!("{:?} ({v})", part.id())
        })
        .collect();
    if parts.len() > NAMED_PARTS {
        named.push(format!("and {} more", parts.len() - NAMED_PARTS));
    }
    let parts_say = match parts.len() {
        1 => "so does its part".to_string(),
        n => format!("so do {n} of its parts"),
    };
    Diagnostic::warning(format!(
        "states a value ({value}) and {parts_say}: {}; a total over the programme and its parts may count the same money twice",
        named.join(", ")
    ))
    .subject(format!("project {id:?}"))
    .help(format!(
        "read the programme's value as one that may include its parts'; add up either the programme or its parts, never both (`partnet show {id}` lists the parts)"
    ))
}
