//! Reading FollowTheMoney (FtM) entity streams: `*.ftm.json` (OpenSanctions' name),
//! `*.ijson` and `*.ftm` files of one JSON entity per line.
//!
//! | FtM schema | partnet record | properties read |
//! |---|---|---|
//! | Company, Organization, PublicBody, LegalEntity, Person | entity | `name` (the first; the others, `alias`, `abbreviation`, `previousName`, `weakAlias` are aliases), `country` (else `mainCountry`, `jurisdiction`: the first ISO 3166-1 alpha-2 code; FtM's `zz`, `eu`, `gb-sct` are passed over), `sector`, `website`, `notes`, `description`, `summary` (the note), `legalForm` (the kind, but for Company and Person) |
//! | Project | project | `name`, `amountUsd` (or `amount` in USD) and `summary` (the value), `status`, `date` (else `startDate`), `address`, `keywords` (the first: the sector), `notes`, `description`, `proof` |
//! | ProjectParticipant | participation | `participant`, `project`, `role`, `status`, `startDate` (else `date`), `description` (the evidence), `proof` |
//! | UnknownLink of two Projects, `role` "part of" | the first project's `part_of` | `subject`, `object` |
//! | Document and its kinds (Article, Email, Pages, ...), and any entity a `proof` names | source | `title` (else `name`, `fileName`), `publisher`, `publishedAt` (else `date`, `authoredAt`), `sourceUrl`, `notes` |
//! | Ownership, Directorship, Membership, Employment, Family, Associate, Representation, UnknownLink (any other), Payment | ties (the table in `ftm/ties.rs`) | the two ends, `role`/`relationship`/`purpose` (kind and title), `percentage`, amounts, `status`, `startDate`, `endDate`, `description`, `proof` |
//! | any other | skipped, counted by `check`, and so is a tie to one | |
//!
//! FtM refers to entities by their FtM ids; a `keywords` value `partnet-id:<id>` (what
//! `partnet export --format ftm` writes where an id had to change) gives the partnet id.
//!
//! Two paths build the same dataset, as for JSON: the fast one (`ftm/fast.rs`) reads the file
//! three times (sources; entities and projects; participations) and gives up at the first
//! problem; the full one (`parse_all`) reads everything into records with their lines
//! and lets the resolver report every problem.

mod fast;
mod map;
mod record;
mod ties;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use crate::error::Diagnostic;
use crate::names::nearest;

use super::raw::{RawDataset, Text};
use super::{RawFile, RowLines};

pub(crate) use fast::load as load_fast;
use map::{entity, is_part_of, participations, problem, project, source, Ids, Problem};
use record::{Record, Records};
pub use ties::{JOINT_VENTURE_ROLE, KIND_MARK, OWNER_ROLE, PARENT_ROLE, SHARE_MARK};

/// The keyword that carries a partnet id through FtM: `partnet-id:<id>`.
pub const ID_MARK: &str = "partnet-id:";

/// The role of an UnknownLink that makes one project part of another.
pub const PART_OF_ROLE: &str = "part of";

/// Whether a file name is an FtM stream: `.ftm.json`, `.ijson` or `.ftm`, in any case.
pub fn is_ftm_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".ftm.json") || lower.ends_with(".ijson") || lower.ends_with(".ftm")
}

/// Whether a JSON text is an FtM stream although its name does not say so (a pipe, an
/// `entities.json`): its first key is one an FtM entity has at the top, `id`, `schema`,
/// `properties` or `caption` (OpenSanctions writes it second), which neither a partnet
/// dataset nor node-link JSON has.
pub(crate) fn looks_like(bytes: &[u8]) -> bool {
    let mut s = super::scan::Scan::new(bytes.strip_prefix(super::BOM).unwrap_or(bytes));
    if !s.eat(b'{') {
        return false;
    }
    s.ws();
    s.plain()
        .is_some_and(|key| ["id", "schema", "properties", "caption"].contains(&key))
}

/// The FtM schema of an organisation's kind, and whether the kind must be written as its
/// `legalForm` because the schema does not say it.
///
/// ```
/// use partnet::load::ftm::schema_of_kind;
/// assert_eq!(schema_of_kind("company"), ("Company", false));
/// assert_eq!(schema_of_kind("government"), ("PublicBody", true));
/// assert_eq!(schema_of_kind("university"), ("Organization", true));
/// ```
pub fn schema_of_kind(kind: &str) -> (&'static str, bool) {
    match kind {
        "company" => ("Company", false),
        "person" => ("Person", false),
        "organisation" => ("Organization", false),
        "agency" => ("PublicBody", false),
        "legal-entity" => ("LegalEntity", false),
        "government" => ("PublicBody", true),
        _ => ("Organization", true),
    }
}

/// What partnet makes of an entity of a schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Source,
    Entity,
    Project,
    Participant,
    /// A link between organisations or people: a tie ([`ties`]).
    Tie,
    /// Any other schema: skipped, unless a `proof` names it.
    Other,
}

const DOCUMENTS: &[&str] = &[
    "Document",
    "Article",
    "Audio",
    "Email",
    "Folder",
    "HyperText",
    "Image",
    "Message",
    "Package",
    "Pages",
    "PlainText",
    "Table",
    "Video",
    "Workbook",
];
const ORGANISATIONS: &[&str] = &["Company", "Organization", "PublicBody", "LegalEntity", "Person"];
const TIES: &[&str] = &[
    "Ownership",
    "Directorship",
    "Membership",
    "Employment",
    "Family",
    "Associate",
    "Representation",
    "UnknownLink",
    "Payment",
];
/// Every schema of FollowTheMoney 4, to tell a typo from a schema partnet skips.
const SCHEMATA: &[&str] = &[
    "Address",
    "Airplane",
    "Analyzable",
    "Article",
    "Asset",
    "Associate",
    "Audio",
    "BankAccount",
    "Call",
    "CallForTenders",
    "Company",
    "Contract",
    "ContractAward",
    "Control",
    "CourtCase",
    "CourtCaseParty",
    "CryptoWallet",
    "Debt",
    "Directorship",
    "Document",
    "Documentation",
    "EconomicActivity",
    "Email",
    "Employment",
    "Event",
    "Family",
    "Folder",
    "HyperText",
    "Identification",
    "Image",
    "Interest",
    "Interval",
    "LegalEntity",
    "License",
    "Membership",
    "Mention",
    "Message",
    "Note",
    "Occupancy",
    "Organization",
    "Ownership",
    "Package",
    "Page",
    "Pages",
    "Passport",
    "Payment",
    "Person",
    "PlainText",
    "Position",
    "Project",
    "ProjectParticipant",
    "PublicBody",
    "RealEstate",
    "Representation",
    "Risk",
    "Sanction",
    "Security",
    "Similar",
    "Succession",
    "Table",
    "TaxRoll",
    "Territory",
    "Thing",
    "Trip",
    "UnknownLink",
    "UserAccount",
    "Value",
    "Vehicle",
    "Vessel",
    "Video",
    "Workbook",
];

fn class(schema: &str) -> Class {
    if ORGANISATIONS.contains(&schema) {
        Class::Entity
    } else if schema == "Project" {
        Class::Project
    } else if schema == "ProjectParticipant" {
        Class::Participant
    } else if DOCUMENTS.contains(&schema) {
        Class::Source
    } else if TIES.contains(&schema) {
        Class::Tie
    } else {
        Class::Other
    }
}

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
                    let help = match super::keys::duplicated(&bad.message) {
                        Some(_) => super::keys::HELP,
                        None if bad.message == super::json::TRAILING_COMMA => super::json::TRAILING_COMMA_HELP,
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
            let class = class(schema);
            if proven.contains(ftm_id) && class != Class::Source {
                match source(&r) {
                    Ok(s) => {
                        data.sources.push(s);
                        rows.sources.push(line);
                    }
                    Err(p) => diags.push(report(p)),
                }
            }
            match class {
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
                            .filter(|(s, _)| !matches!(class_of(s), Class::Entity | Class::Project))
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
                    let other = |x: &str| schema_of.get(x).filter(|(s, _)| class_of(s) == Class::Other);
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
                            for t in list {
                                data.ties.push(t);
                                rows.ties.push(line);
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

fn class_of(schema: &str) -> Class {
    class(schema)
}

#[cfg(test)]
mod tests {
    use super::*;
    use map::kind_of;

    #[test]
    fn kinds_go_to_schemata_and_back() {
        for kind in [
            "company",
            "person",
            "organisation",
            "agency",
            "legal-entity",
            "government",
            "university",
        ] {
            let (schema, form) = schema_of_kind(kind);
            let legal_form = form.then_some(Text(Cow::Borrowed(kind)));
            assert_eq!(kind_of(schema, legal_form.as_ref()).as_deref(), Some(kind), "{kind}");
        }
        // A company's legal form is no kind.
        let gmbh = Text(Cow::Borrowed("GmbH"));
        assert_eq!(kind_of("Company", Some(&gmbh)).as_deref(), Some("company"));
        assert_eq!(kind_of("Organization", None).as_deref(), Some("organisation"));
    }

    #[test]
    fn an_ftm_stream_is_told_by_its_first_key_too() {
        assert!(looks_like(br#"{"id": "a", "schema": "Company"}"#));
        assert!(looks_like(b"\xef\xbb\xbf  {\"schema\": \"Company\"}"));
        assert!(!looks_like(br#"{"entities": []}"#));
        assert!(!looks_like(br#"{"nodes": []}"#));
        assert!(!looks_like(b"[]"));
    }

    #[test]
    fn names_say_which_files_are_ftm() {
        for name in ["a.ftm.json", "B.FTM.JSON", "x.ijson", "y.ftm"] {
            assert!(is_ftm_name(name), "{name}");
        }
        for name in ["a.json", "ftm.csv", "a.ftm.csv"] {
            assert!(!is_ftm_name(name), "{name}");
        }
    }
}
