//! The full path for FtM files: every record read, with its line, into one parsed file each,
//! and every problem reported, for the resolver to report what the records themselves
//! get wrong. The fast path ([`super::fast`]) gives up at the first problem; this one is
//! what `check` and a file with errors go through.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use crate::error::Diagnostic;
use crate::load::raw::{RawDataset, Text};
use crate::load::{RawFile, RowLines, TieNames};
use crate::names::nearest;

use super::map::{entity, is_part_of, participations, problem, project, source, Ids, Problem};
use super::record::{Record, Records};
use super::{class, ties, Class, SCHEMATA};

/// Entities partnet left out, by schema: how many, and the first one's line.
#[derive(Default)]
struct Skipped(Vec<(String, usize, usize)>);

impl Skipped {
    fn add(&mut self, schema: &str, line: usize) {
        match self.0.iter_mut().find(|(s, ..)| s == schema) {
            Some(entry) => entry.2 += 1,
            None => self.0.push((schema.to_string(), line, 1)),
        }
    }

    fn warnings(self, label: &str, diags: &mut Vec<Diagnostic>) {
        for (schema, line, count) in self.0 {
            let them = if count == 1 { "it" } else { "them" };
            let (why, help) = if SCHEMATA.contains(&schema.as_str()) {
                (
                    format!("partnet has no place for {them}"),
                    "partnet reads Company, Organization, PublicBody, LegalEntity, Person, Project, ProjectParticipant, \
                     the links between organisations (Ownership, Directorship, Payment, ...) and documents; \
                     other schemata are left out"
                        .to_string(),
                )
            } else {
                let near = nearest(&schema, SCHEMATA.iter().copied(), 1);
                let hint = near.first().map(|n| format!("; did you mean {n}?")).unwrap_or_default();
                (
                    format!("not a FollowTheMoney schema{hint}"),
                    "check the `schema` of these entities".to_string(),
                )
            };
            diags.push(
                Diagnostic::warning(format!(
                    "skipped {}: {why}",
                    crate::text::plural(count, &format!("{schema} entity"))
                ))
                .file(label)
                .at(Some((line, 1)))
                .help(help),
            );
        }
    }
}

/// Reads FtM files, all together (an entity in one may be named by another's references),
/// into one parsed file each, in the order given; problems go to `diags`, and records
/// with errors are left out.
pub(crate) fn parse_all<'a>(files: &[(&str, &'a str)], diags: &mut Vec<Diagnostic>) -> Vec<RawFile<'a>> {
    let mut read: Vec<Vec<(usize, Record<'a>)>> = Vec::with_capacity(files.len());
    let mut ids = Ids::default();
    let mut schema_of: HashMap<String, (String, usize)> = HashMap::new();
    let mut proven: HashSet<String> = HashSet::new();
    let mut parts: HashMap<String, String> = HashMap::new();
    for (fi, (label, text)) in files.iter().enumerate() {
        let mut records = Vec::new();
        for (_, line, record) in Records::<Record>::new(text.as_bytes()) {
            let error = |message: String, column: usize, help: &str| {
                Diagnostic::error(message)
                    .file(*label)
                    .at(Some((line, column)))
                    .help(help)
            };
            let r = match record {
                Ok(r) => r,
                Err(bad) => {
                    let help = match crate::load::keys::duplicated(&bad.message) {
                        Some(_) => crate::load::keys::HELP,
                        None if bad.message == crate::load::json::TRAILING_COMMA => crate::load::json::TRAILING_COMMA_HELP,
                        None => "an FtM file holds one JSON entity per line: {\"id\": ..., \"schema\": ..., \"properties\": {...}}",
                    };
                    diags.push(
                        Diagnostic::error(bad.message)
                            .file(*label)
                            .at(Some((bad.line, bad.column)))
                            .help(help),
                    );
                    continue;
                }
            };
            let Some(id) = r.id.as_deref().filter(|id| !id.trim().is_empty()) else {
                diags.push(error("an entity has no `id`".into(), 1, "give every FtM entity its id"));
                continue;
            };
            let Some(schema) = r.schema.as_deref() else {
                diags.push(error(
                    format!("entity {id:?} has no `schema`"),
                    1,
                    "name its FtM schema: Company, Project, ...",
                ));
                continue;
            };
            schema_of.insert(id.to_string(), (schema.to_string(), fi));
            ids.note(&r);
            proven.extend(r.get("proof").iter().map(|p| p.to_string()));
            if is_part_of(&r) {
                if let (Some(s), Some(o)) = (r.first("subject"), r.first("object")) {
                    parts.insert(s.to_string(), o.to_string());
                }
            }
            records.push((line, r));
        }
        read.push(records);
    }
    let is_project = |id: &str| schema_of.get(id).is_some_and(|(s, _)| s == "Project");
    // Part-of links between two projects make a programme; any other is a tie.
    parts.retain(|s, o| is_project(s) && is_project(o));
    let mut out = Vec::with_capacity(files.len());
    for ((label, _), records) in files.iter().zip(read) {
        let mut data = RawDataset::default();
        let mut rows = RowLines::default();
        let mut skipped = Skipped::default();
        let mut skipped_ends = ties::SkippedEnds::default();
        for (line, r) in records {
            let report = |p: Problem| {
                Diagnostic::error(p.message)
                    .file(*label)
                    .at(Some((line, 1)))
                    .help(p.help)
            };
            let schema = r.schema.as_deref().unwrap_or_default();
            let ftm_id = r.id.as_deref().unwrap_or_default();
            let read_as = class(schema);
            if proven.contains(ftm_id) && read_as != Class::Source {
                match source(&r) {
                    Ok(s) => {
                        data.sources.push(s);
                        rows.sources.push(line);
                    }
                    Err(p) => diags.push(report(p)),
                }
            }
            match read_as {
                Class::Source => match source(&r) {
                    Ok(s) => {
                        data.sources.push(s);
                        rows.sources.push(line);
                    }
                    Err(p) => diags.push(report(p)),
                },
                Class::Entity => match entity(&r, schema) {
                    Ok(e) => {
                        data.entities.push(e);
                        rows.entities.push(line);
                    }
                    Err(p) => diags.push(report(p)),
                },
                Class::Project => {
                    let parent = parts.get(ftm_id).map(|o| ids.of(&Text(Cow::Owned(o.clone()))));
                    match project(&r, &ids, parent) {
                        Ok(p) => {
                            data.projects.push(p);
                            rows.projects.push(line);
                        }
                        Err(p) => diags.push(report(p)),
                    }
                }
                Class::Participant => {
                    // A reference to an entity partnet skipped says so, not just "unknown".
                    let skipped_ref = r.get("participant").iter().chain(r.get("project")).find_map(|x| {
                        schema_of
                            .get(&**x)
                            .filter(|(s, _)| !matches!(class(s), Class::Entity | Class::Project))
                            .map(|(s, _)| (x, s))
                    });
                    if let Some((x, s)) = skipped_ref {
                        diags.push(report(problem(
                            format!("a ProjectParticipant names {:?}, {}, which partnet does not read as an organisation or a project", &**x, crate::text::a(s)),
                            "a participant is a Company, Organization, PublicBody, LegalEntity or Person, in a Project",
                        )));
                        continue;
                    }
                    match participations(&r, &ids) {
                        Ok(list) => {
                            for p in list {
                                data.participations.push(p);
                                rows.participations.push(line);
                            }
                        }
                        Err(p) => diags.push(report(p)),
                    }
                }
                Class::Tie if is_part_of(&r) && r.first("subject").is_some_and(|s| parts.contains_key(&**s)) => {}
                Class::Tie => {
                    // An end of a schema partnet skips (a Vessel) leaves its pairs out.
                    let other = |x: &str| schema_of.get(x).filter(|(s, _)| class(s) == Class::Other);
                    let (from, to) = ties::ends(schema);
                    let ends = r.get(from).iter().map(|x| (from, x));
                    if let Some((key, x, (end, _))) = ends
                        .chain(r.get(to).iter().map(|x| (to, x)))
                        .find_map(|(k, x)| Some((k, x, other(x)?)))
                    {
                        skipped_ends.add(schema, key, end, line, x);
                    }
                    diags.extend(ties::odd_share(&r).map(|p| {
                        Diagnostic::warning(p.message)
                            .file(*label)
                            .at(Some((line, 1)))
                            .help(p.help)
                    }));
                    match ties::ties(&r, &ids, &|x| other(x).is_some()) {
                        Ok(list) => {
                            let names = TieNames {
                                record: format!("{schema} {ftm_id:?}"),
                                from,
                                to,
                            };
                            for t in list {
                                data.ties.push(t);
                                rows.ties.push(line);
                                rows.tie_names.push(names.clone());
                            }
                        }
                        Err(p) => diags.push(report(p)),
                    }
                }
                Class::Other => {
                    if !proven.contains(ftm_id) {
                        skipped.add(schema, line);
                    }
                }
            }
        }
        skipped.warnings(label, diags);
        skipped_ends.warnings(label, diags);
        out.push(RawFile {
            label: label.to_string(),
            data,
            json: None,
            rows: Some(rows),
            mentions: Default::default(),
        });
    }
    out
}
