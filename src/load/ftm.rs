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
//! problem; the full one (`ftm/full.rs`) reads everything into records with their lines
//! and lets the resolver report every problem.

mod fast;
mod full;
mod map;
mod record;
mod ties;

pub(crate) use fast::load as load_fast;
pub(crate) use full::parse_all;
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

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;
    use crate::load::raw::Text;
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
