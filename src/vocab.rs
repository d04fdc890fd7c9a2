//! The one vocabulary of partnet: the roles and statuses a link can have, in which order
//! they count as more definite, how each is drawn and what each means.
//!
//! Roles and statuses are free text in the data; the ones listed here are the ones the tools
//! know: `check` warns about others, the summaries rank statuses by this order, the drawings
//! style lines by these tables and the legend names them, `--help` describes them. Adding a
//! status is one line of [`STATUSES`]; adding a role, one line of [`ROLES`]; adding a tie kind,
//! one line of [`TIE_KINDS`] (`vocab/ties.rs`, with the words for either end of a tie).

pub mod legend;
mod ties;

pub use ties::{
    tie_group, tie_help, tie_kind, tie_kind_names, tie_kind_rank, tie_look, tie_phrase, TieKind, TIE_GROUPS, TIE_KINDS,
};

/// How a line is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stroke {
    Solid,
    Dashed,
    Dotted,
}

/// A status a link (or project) can have.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Status {
    pub name: &'static str,
    /// Line style in diagrams: dashed for interest, not commitment.
    pub stroke: Stroke,
    /// Line colour in diagrams.
    pub color: &'static str,
    /// What it means, for `--help` and the README.
    pub about: &'static str,
}

/// Colours of lines by how firm the status is.
const TENTATIVE: &str = "#8c8c8c";
const STATED: &str = "#555555";
const FIRM: &str = "#1f1f1f";
const ENDED: &str = "#b03a2e";

const fn status(name: &'static str, stroke: Stroke, color: &'static str, about: &'static str) -> Status {
    Status {
        name,
        stroke,
        color,
        about,
    }
}

/// Statuses from least to most definite: a link with several records shows the most
/// definite one. "cancelled" outranks everything: it is the last word on a link.
pub const STATUSES: &[Status] = &[
    status(
        "reported",
        Stroke::Solid,
        STATED,
        "named by a report, with no word on how far it got (the default)",
    ),
    status(
        "potential",
        Stroke::Dashed,
        TENTATIVE,
        "named as a possible participant",
    ),
    status("interested", Stroke::Dashed, TENTATIVE, "has shown interest"),
    status("exploring", Stroke::Dashed, TENTATIVE, "is looking at the opportunity"),
    status("considering", Stroke::Dashed, TENTATIVE, "is weighing the project"),
    status("proposed", Stroke::Solid, STATED, "put forward or listed, not decided"),
    status("announced", Stroke::Solid, STATED, "announced by a party"),
    status(
        "memorandum",
        Stroke::Solid,
        STATED,
        "a memorandum of understanding or a letter of intent: written intent, not a contract",
    ),
    status("selected", Stroke::Solid, FIRM, "chosen by whoever decides"),
    status(
        "term-sheet",
        Stroke::Solid,
        STATED,
        "a term sheet: binds the parties to terms, short of the definitive contract",
    ),
    status("agreed", Stroke::Solid, FIRM, "agreed between the parties"),
    status("signed", Stroke::Solid, FIRM, "a signed contract"),
    status("completed", Stroke::Solid, FIRM, "done"),
    status(
        "cancelled",
        Stroke::Dotted,
        ENDED,
        "called off: the last word on a link",
    ),
];

/// How unknown statuses are drawn.
const OTHER_STATUS: (Stroke, &str) = (Stroke::Solid, STATED);

/// A role an organisation can have in a project.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Role {
    pub name: &'static str,
    /// Line width in diagrams: a lead bolder than a partner.
    pub width: f64,
    /// What it means, for `--help` and the README.
    pub about: &'static str,
}

const fn role(name: &'static str, width: f64, about: &'static str) -> Role {
    Role { name, width, about }
}

const BOLD: f64 = 3.0;
const MEDIUM: f64 = 1.8;
const THIN: f64 = 1.2;

/// The known roles, in the order `check` lists them.
pub const ROLES: &[Role] = &[
    role("lead", BOLD, "leads the project"),
    role("partner", MEDIUM, "takes part as a partner (the default)"),
    role("supplier", THIN, "supplies equipment or services"),
    role("contractor", MEDIUM, "builds or delivers under contract"),
    role("financier", MEDIUM, "lends or finances"),
    role("investor", MEDIUM, "puts in equity"),
    role("insurer", MEDIUM, "insures or guarantees"),
    role("operator", BOLD, "runs what the project builds"),
    role("sponsor", THIN, "backs or promotes the project"),
    role("selector", MEDIUM, "chooses the projects"),
    role("participant", THIN, "takes part, in a role the report does not say"),
    role("customer", THIN, "buys what the project makes"),
    role("advisor", THIN, "advises"),
    role("owner", BOLD, "owns the project or its assets"),
    role("subsidiary", THIN, "takes part through a subsidiary"),
    role("developer", BOLD, "develops the project"),
];

/// The known status called `name`.
pub fn status_named(name: &str) -> Option<&'static Status> {
    STATUSES.iter().find(|s| s.name == name)
}

/// A role's place in [`ROLES`] (an unknown role after every known one).
pub fn role_rank(name: &str) -> usize {
    ROLES.iter().position(|r| r.name == name).unwrap_or(ROLES.len())
}

/// How definite a status is: 0 for an unknown one, then 1, 2, ... in [`STATUSES`] order.
///
/// ```
/// use partnet::vocab::status_rank;
/// assert!(status_rank("signed") > status_rank("interested"));
/// assert_eq!(status_rank("rumoured"), 0);
/// ```
pub fn status_rank(name: &str) -> usize {
    STATUSES.iter().position(|s| s.name == name).map_or(0, |i| i + 1)
}

/// Whether a status only states interest, not commitment (drawn dashed).
pub fn is_tentative(name: &str) -> bool {
    status_named(name).is_some_and(|s| s.stroke == Stroke::Dashed)
}

/// Line style and colour of a link by its status.
pub fn status_look(name: &str) -> (Stroke, &'static str) {
    status_named(name).map_or(OTHER_STATUS, |s| (s.stroke, s.color))
}

/// Line width of a link by its strongest role.
pub fn role_width<S: AsRef<str>>(roles: &[S]) -> f64 {
    roles
        .iter()
        .map(|r| ROLES.iter().find(|k| k.name == r.as_ref()).map_or(THIN, |k| k.width))
        .fold(THIN, f64::max)
}

/// Whether `name` is a known role.
pub fn is_known_role(name: &str) -> bool {
    ROLES.iter().any(|r| r.name == name)
}

/// The known role names, in [`ROLES`] order.
pub fn role_names() -> impl Iterator<Item = &'static str> + Clone {
    ROLES.iter().map(|r| r.name)
}

/// The known status names, least definite first.
pub fn status_names() -> impl Iterator<Item = &'static str> + Clone {
    STATUSES.iter().map(|s| s.name)
}

/// `--help` text listing each status and what it means.
pub fn status_help() -> String {
    help(
        "Keep links with this status; repeatable. Known statuses, least definite first:",
        STATUSES.iter().map(|s| (s.name, s.about)),
    )
}

/// The known kinds of organisation (and person), with what each is: `check` warns of
/// others, as it does of unknown roles. `company` is the default.
pub const ENTITY_KINDS: &[(&str, &str)] = &[
    ("company", "a business (the default)"),
    (
        "agency",
        "a public body: a ministry's agency, a state bank, a regulator",
    ),
    ("government", "a state or its government"),
    ("organisation", "an association, a foundation, a non-profit"),
    ("university", "a university or research institute"),
    (
        "legal-entity",
        "a legal person of no known kind (FollowTheMoney's LegalEntity)",
    ),
    ("person", "a natural person"),
    ("family", "a family, a house, a dynasty"),
];

/// The known entity kind names, in [`ENTITY_KINDS`] order.
pub fn entity_kind_names() -> impl Iterator<Item = &'static str> + Clone {
    ENTITY_KINDS.iter().map(|k| k.0)
}

/// `--help` text listing each entity kind and what it means.
pub fn kind_help() -> String {
    help(
        "Keep organisations of this kind; repeatable. Known kinds (others are allowed):",
        ENTITY_KINDS.iter().copied(),
    )
}

/// `--help` text listing each role and what it means.
pub fn role_help() -> String {
    help(
        "Keep links with this role; repeatable. Known roles:",
        ROLES.iter().map(|r| (r.name, r.about)),
    )
}

fn help<'a>(head: &str, items: impl Iterator<Item = (&'a str, &'a str)>) -> String {
    let mut text = head.to_string();
    for (name, about) in items {
        text.push_str(&format!("\n  {name}: {about}"));
    }
    text
}

/// The columns of a CSV dataset, in the order `export --format csv` writes them; `--data`
/// reads these or any subset that has `entity`, `project` and `role`. Columns added later
/// come last, so that a table read by position keeps its first columns where they were.
pub const CSV_COLUMNS: &[&str] = &[
    "entity",
    "entity_name",
    "entity_kind",
    "entity_country",
    "project",
    "project_name",
    "project_sector",
    "project_value",
    "project_status",
    "role",
    "status",
    "sources",
    "evidence",
    "date",
    "project_sources",
    "source_publisher",
    "source_url",
    "tie_to",
    "tie_kind",
    "tie_share",
    "tie_title",
    "tie_until",
    "tie_value",
    "entity_aliases",
    "entity_sectors",
    "entity_url",
    "entity_note",
    "project_location",
    "project_date",
    "project_part_of",
    "project_note",
    "source_note",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_lowercase() {
        let mut all: Vec<&str> = status_names().chain(role_names()).collect();
        assert!(all
            .iter()
            .all(|n| n.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')));
        let (statuses, roles) = (STATUSES.len(), ROLES.len());
        all[..statuses].sort_unstable();
        all[statuses..].sort_unstable();
        assert!(all[..statuses].windows(2).all(|w| w[0] != w[1]));
        assert!(all[statuses..statuses + roles].windows(2).all(|w| w[0] != w[1]));
    }

    #[test]
    fn the_strongest_role_sets_the_width_and_unknown_ones_are_thin() {
        assert_eq!(role_width(&["supplier", "lead"]), BOLD);
        assert_eq!(role_width(&["rumoured"]), THIN);
        assert_eq!(role_width::<&str>(&[]), THIN);
        assert_eq!(status_look("cancelled"), (Stroke::Dotted, ENDED));
        assert_eq!(status_look("whatever"), OTHER_STATUS);
    }
}
