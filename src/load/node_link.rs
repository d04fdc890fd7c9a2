//! Reading node-link JSON: what `partnet export --format json` writes, and what networkx's
//! `node_link_data` writes for a graph that follows the same conventions.
//!
//! A `.json` file whose first key is one of `directed`, `multigraph`, `graph`, `nodes`,
//! `links` or `edges` is node-link JSON ([`looks_like`]); any other is a partnet dataset.
//! The conventions:
//!
//! - a node with `kind: "project"` is a project, any other node an organisation (its `kind`
//!   as given, company when absent); the node attributes are the export's (`name`,
//!   `country`, `sectors`, `aliases`, `sector`, `value`, `status`, `location`, `date`,
//!   `part_of`, `sources`, `url`, `note`); `value_usd` gives the value when `value` is
//!   absent, and `label`, `value_min_usd` and `value_max_usd` are read as what they repeat;
//! - a link (under `links`, or networkx's newer `edges`) joins an organisation and a
//!   project, in either order; its `records` are its participations, one each; a link
//!   without them (written by another tool, or standing for one record) is one
//!   participation per role in `roles` (or `role`; both is an error), each with the link's `status`, `sources`, `evidence`
//!   (its lines joined) and `date`;
//! - `graph.sources` holds the sources, as in a dataset;
//! - a list attribute is a JSON array, or a string holding one (as GraphML carries lists),
//!   or a single string; ids may be numbers (networkx's integer nodes).
//!
//! Attributes partnet does not know are left out and named by `check`. Every record keeps
//! its line, so errors point at it.

mod reader;
mod values;

use crate::error::Diagnostic;

use super::raw::{RawDataset, RawEntity, RawParticipation, RawProject, RawSource, Stated, Text};
use super::scan::Scan;
use super::{RawFile, RowLines};
use values::{Link, Node};

/// The top-level keys that mark node-link JSON.
const KEYS: &[&str] = &["directed", "multigraph", "graph", "nodes", "links", "edges"];

/// Whether a JSON text is node-link JSON: its first key is one of [`KEYS`].
pub(crate) fn looks_like(bytes: &[u8]) -> bool {
    let mut s = Scan::new(bytes.strip_prefix(super::BOM).unwrap_or(bytes));
    if !s.eat(b'{') {
        return false;
    }
    s.ws();
    s.plain().is_some_and(|key| KEYS.contains(&key))
}

/// Reads a node-link JSON file; `None` (with the error in `diags`) when it cannot be read.
pub(crate) fn parse<'a>(label: &str, text: &'a str, diags: &mut Vec<Diagnostic>) -> Option<RawFile<'a>> {
    match reader::document(label, text) {
        Ok(doc) => Some(doc.into_file(label, diags)),
        Err(d) => {
            diags.push(*d);
            None
        }
    }
}

/// What the file holds, each record with its line: what [`reader`] reads, and
/// [`Document::into_file`] turns into a dataset's records by the conventions above.
#[derive(Default)]
struct Document<'a> {
    sources: Vec<(RawSource<'a>, usize)>,
    nodes: Vec<(Node<'a>, usize)>,
    links: Vec<(Link<'a>, usize)>,
}

impl<'a> Document<'a> {
    fn into_file(self, label: &str, diags: &mut Vec<Diagnostic>) -> RawFile<'a> {
        let mut data = RawDataset::default();
        let mut rows = RowLines::default();
        let mut unknown: Vec<(String, usize, usize)> = Vec::new();
        let mut note_unknown = |names: &[String], line: usize| {
            for name in names {
                match unknown.iter_mut().find(|(n, ..)| n == name) {
                    Some(entry) => entry.2 += 1,
                    None => unknown.push((name.clone(), line, 1)),
                }
            }
        };
        for (source, line) in self.sources {
            data.sources.push(source);
            rows.sources.push(line);
        }
        // Which ids are projects, to tell a link's two ends apart.
        let mut projects = std::collections::HashSet::new();
        for (node, line) in self.nodes {
            note_unknown(&node.unknown, line);
            let Some(id) = node.id else {
                diags.push(missing(label, line, "a node has no `id`", "give every node its id"));
                continue;
            };
            let name = node.name.unwrap_or_else(|| id.clone());
            if node.kind.as_deref() == Some("project") {
                projects.insert(id.0.clone().into_owned());
                let value = node.value.or_else(|| {
                    node.value_usd.map(|usd| Stated {
                        value: crate::value::Value::exact(usd),
                        text: None,
                    })
                });
                data.projects.push(RawProject {
                    id,
                    name,
                    sector: node.sector,
                    value,
                    status: node.status,
                    location: node.location,
                    date: node.date,
                    part_of: node.part_of,
                    sources: node.sources.0,
                    note: node.note,
                });
                rows.projects.push(line);
            } else {
                data.entities.push(RawEntity {
                    id,
                    name,
                    kind: node.kind,
                    country: node.country,
                    aliases: node.aliases.0,
                    sectors: node.sectors.0,
                    url: node.url,
                    note: node.note,
                });
                rows.entities.push(line);
            }
        }
        for (mut link, line) in self.links {
            note_unknown(&link.unknown, line);
            let (Some(source), Some(target)) = (link.source.take(), link.target.take()) else {
                diags.push(missing(
                    label,
                    line,
                    "a link has no `source` or no `target`",
                    "give every link the ids of the organisation and the project it joins",
                ));
                continue;
            };
            if link.role_and_roles {
                diags.push(missing(
                    label,
                    line,
                    &format!(
                        "a link from {:?} to {:?} gives both `role` and `roles`: one would replace the other",
                        &*source, &*target
                    ),
                    "keep one: `roles` for a list (\"roles\": [\"lead\", \"partner\"]), or `role` for a single role",
                ));
                continue;
            }
            match link.r#type.as_deref() {
                None | Some("participation") => {}
                Some("tie") if link.kind.is_none() && link.ties.is_empty() => {
                    diags.push(missing(
                        label,
                        line,
                        &format!("a tie link from {:?} to {:?} has no `kind`", &*source, &*target),
                        "say what the one is of the other: \"kind\": \"owner\", \"parent\", \"founder\", ...",
                    ));
                    continue;
                }
                Some("tie") => {
                    // A participation's attributes say nothing of a tie: named, not read.
                    if !link.roles.0.is_empty() || !link.records.is_empty() {
                        let ignored: Vec<String> = [
                            ("roles", !link.roles.0.is_empty()),
                            ("records", !link.records.is_empty()),
                        ]
                        .into_iter()
                        .filter(|&(_, set)| set)
                        .map(|(k, _)| k.to_string())
                        .collect();
                        note_unknown(&ignored, line);
                    }
                    for t in link.into_ties(source, target) {
                        data.ties.push(t);
                        rows.ties.push(line);
                    }
                    continue;
                }
                Some(other) => {
                    diags.push(missing(
                        label,
                        line,
                        &format!("a link's `type` is {other:?}: it is \"participation\" (the default) or \"tie\""),
                        "write \"type\": \"tie\" for a tie between two organisations, or leave `type` out",
                    ));
                    continue;
                }
            }
            // partnet writes the organisation first; another tool may not.
            let (entity, project) = if projects.contains(&*source) && !projects.contains(&*target) {
                (target, source)
            } else {
                (source, target)
            };
            let mut push = |p: RawParticipation<'a>| {
                data.participations.push(p);
                rows.participations.push(line);
            };
            if !link.records.is_empty() {
                for r in link.records {
                    push(RawParticipation {
                        entity: entity.clone(),
                        project: project.clone(),
                        role: r.role,
                        status: r.status,
                        sources: r.sources,
                        evidence: r.evidence,
                        date: r.date,
                    });
                }
                continue;
            }
            let evidence = values::joined(link.evidence.0);
            let roles: Vec<Option<Text>> = if link.roles.0.is_empty() {
                vec![None]
            } else {
                link.roles.0.into_iter().map(Some).collect()
            };
            for role in roles {
                push(RawParticipation {
                    entity: entity.clone(),
                    project: project.clone(),
                    role,
                    status: link.status.clone(),
                    sources: link.sources.0.clone(),
                    evidence: evidence.clone(),
                    date: link.date.clone(),
                });
            }
        }
        for (name, line, count) in unknown {
            let times = if count == 1 {
                "once".to_string()
            } else {
                format!("{count} times")
            };
            diags.push(
                Diagnostic::warning(format!("attribute `{name}` is not read (it appears {times})"))
                    .file(label)
                    .at(Some((line, 1)))
                    .help("partnet reads the attributes its own export writes; see the README's export section"),
            );
        }
        RawFile {
            label: label.to_string(),
            data,
            json: None,
            rows: Some(rows),
            mentions: Default::default(),
        }
    }
}

fn missing(label: &str, line: usize, message: &str, help: &str) -> Diagnostic {
    Diagnostic::error(message).file(label).at(Some((line, 1))).help(help)
}

#[cfg(test)]
mod tests {
    use super::values::List;
    use super::*;

    #[test]
    fn tells_node_link_json_by_its_first_key() {
        for text in [
            r#"{"directed": false, "nodes": []}"#,
            "\u{feff} {\n \"nodes\": []}",
            r#"{"links": []}"#,
            r#"{"edges": []}"#,
        ] {
            assert!(looks_like(text.as_bytes()), "{text}");
        }
        for text in [
            r#"{"entities": []}"#,
            r#"{"$schema": "x", "nodes": []}"#,
            "[]",
            "",
            "{}",
        ] {
            assert!(!looks_like(text.as_bytes()), "{text}");
        }
    }

    #[test]
    fn lists_come_as_arrays_json_array_strings_or_one_string() {
        let read = |json: &str| -> Vec<String> {
            let list: List = serde_json::from_str(json).unwrap();
            list.0.iter().map(|t| t.to_string()).collect()
        };
        assert_eq!(read(r#"["a", 2]"#), ["a", "2"]);
        assert_eq!(read(r#""[\"ACME; Inc\",\"b\"]""#), ["ACME; Inc", "b"]);
        assert_eq!(read(r#""[not json""#), ["[not json"]);
        assert_eq!(read(r#""one""#), ["one"]);
        assert!(read("null").is_empty());
    }

    #[test]
    fn errors_name_the_line_and_column() {
        let mut diags = Vec::new();
        let text = "{\"nodes\": [\n  {\"id\": \"a\"},\n  {\"id\": \"b\", \"name\": [1]}\n]}";
        assert!(parse("g.json", text, &mut diags).is_none());
        let d = &diags[0];
        assert_eq!((d.line, d.column), (Some(3), Some(23)), "{d}");
        assert!(d.message.contains("expected a string"), "{d}");
        let mut diags = Vec::new();
        assert!(parse("g.json", "{\"nodes\": [{\"id\": \"a\"} {}]}", &mut diags).is_none());
        assert_eq!((diags[0].line, diags[0].column), (Some(1), Some(24)));
    }
}
