//! The one vocabulary of partnet: the roles and statuses a link can have, in which order
//! they count as more definite, how each is drawn and what each means.
//!
//! Roles and statuses are free text in the data; the ones listed here are the ones the tools
//! know: `check` warns about others, the summaries rank statuses by this order, the drawings
//! style lines by these tables and the legend names them, `--help` describes them. Adding a
//! status is one line of [`STATUSES`]; adding a role, one line of [`ROLES`].

pub mod legend;

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

/// A tie kind's place in [`TIE_KINDS`] (an unknown kind after every known one).
pub fn tie_kind_rank(name: &str) -> usize {
    TIE_KINDS.iter().position(|k| k.name == name).unwrap_or(TIE_KINDS.len())
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

/// A kind of tie between two organisations (or people): "from is KIND of to".
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TieKind {
    pub name: &'static str,
    /// How `from` stands to `to`: "owner of".
    pub forward: &'static str,
    /// How `to` stands to `from`: "owned by".
    pub backward: &'static str,
    /// Whether `from` controls `to` by this kind alone (a parent); an owner controls with a
    /// share over 50.
    pub controls: bool,
    /// Line style and colour in diagrams.
    pub stroke: Stroke,
    pub color: &'static str,
    /// What it means, for `--help` and the README.
    pub about: &'static str,
}

#[allow(clippy::too_many_arguments)]
const fn tie(
    name: &'static str,
    forward: &'static str,
    backward: &'static str,
    controls: bool,
    stroke: Stroke,
    color: &'static str,
    about: &'static str,
) -> TieKind {
    TieKind {
        name,
        forward,
        backward,
        controls,
        stroke,
        color,
        about,
    }
}

const OWNING: &str = "#7b3294";
const PEOPLE: &str = "#1b7837";
const ALLIED: &str = "#2166ac";
const MONEY: &str = "#b35806";

/// The known tie kinds.
pub const TIE_KINDS: &[TieKind] = &[
    tie(
        "owner",
        "owner of",
        "owned by",
        false,
        Stroke::Solid,
        OWNING,
        "holds shares in (with `share`, a percentage); over 50 it controls",
    ),
    tie(
        "parent",
        "parent of",
        "subsidiary of",
        true,
        Stroke::Solid,
        OWNING,
        "controls as its parent company",
    ),
    tie(
        "joint-venture",
        "joint-venture partner of",
        "joint venture of",
        false,
        Stroke::Dashed,
        OWNING,
        "is a partner in the joint venture `to`",
    ),
    tie(
        "founder",
        "founder of",
        "founded by",
        false,
        Stroke::Solid,
        PEOPLE,
        "founded the organisation",
    ),
    tie(
        "executive",
        "executive of",
        "led by",
        false,
        Stroke::Solid,
        PEOPLE,
        "runs it (with `title`: \"Chairman and CEO\")",
    ),
    tie(
        "director",
        "director of",
        "has director",
        false,
        Stroke::Dashed,
        PEOPLE,
        "sits on its board",
    ),
    tie(
        "member",
        "member of",
        "has member",
        false,
        Stroke::Dashed,
        ALLIED,
        "belongs to the organisation or group",
    ),
    tie(
        "partner",
        "partner of",
        "partner of",
        false,
        Stroke::Dashed,
        ALLIED,
        "allied with, managed by or working with, outside a project",
    ),
    tie(
        "family",
        "family of",
        "family of",
        false,
        Stroke::Dotted,
        PEOPLE,
        "related by family or marriage",
    ),
    tie(
        "payer",
        "payer of",
        "paid by",
        false,
        Stroke::Dotted,
        MONEY,
        "paid or donated to (with `value`)",
    ),
];

/// How ties of an unknown kind are drawn.
const OTHER_TIE: (Stroke, &str) = (Stroke::Dashed, "#666666");

/// The known tie kind called `name`.
pub fn tie_kind(name: &str) -> Option<&'static TieKind> {
    TIE_KINDS.iter().find(|k| k.name == name)
}

/// Line style and colour of a tie by its kind.
pub fn tie_look(kind: &str) -> (Stroke, &'static str) {
    tie_kind(kind).map_or(OTHER_TIE, |k| (k.stroke, k.color))
}

/// How `from` stands to `to` ("owner 49% of"), or how `to` stands to `from` when
/// `backward` ("49% owned by"), in words.
///
/// ```
/// use partnet::vocab::tie_phrase;
/// assert_eq!(tie_phrase("owner", Some(49.0), false), "owner 49% of");
/// assert_eq!(tie_phrase("owner", Some(49.0), true), "49% owned by");
/// assert_eq!(tie_phrase("parent", None, true), "subsidiary of");
/// assert_eq!(tie_phrase("lobbyist", None, false), "lobbyist of");
/// ```
pub fn tie_phrase(kind: &str, share: Option<f64>, backward: bool) -> String {
    let share = share.map(|s| format!("{s}%"));
    match (tie_kind(kind), share) {
        (Some(k), Some(s)) if k.name == "owner" => {
            if backward {
                format!("{s} owned by")
            } else {
                format!("owner {s} of")
            }
        }
        (Some(k), share) => {
            let words = if backward { k.backward } else { k.forward };
            match share {
                Some(s) => format!("{words} ({s})"),
                None => words.to_string(),
            }
        }
        (None, _) if backward => format!("{kind} (of)"),
        (None, _) => format!("{kind} of"),
    }
}

/// The headings an organisation's ties are listed under (`show`, the explorer's panel), in
/// the order a reader looks for them.
pub const TIE_GROUPS: [&str; 8] = [
    "owners",
    "parent",
    "owns",
    "subsidiaries",
    "joint ventures",
    "joint-venture partners",
    "people",
    "ties",
];

/// The heading of [`TIE_GROUPS`] a tie goes under, seen from one end: `out` when that end is
/// the one that is `kind` of the other, `other_is_person` when the other end is a person.
///
/// ```
/// use partnet::vocab::tie_group;
/// assert_eq!(tie_group("owner", false, false), "owners");
/// assert_eq!(tie_group("parent", true, false), "subsidiaries");
/// assert_eq!(tie_group("founder", false, true), "people");
/// assert_eq!(tie_group("founder", true, false), "ties");
/// ```
pub fn tie_group(kind: &str, out: bool, other_is_person: bool) -> &'static str {
    match (kind, out) {
        ("owner", false) => "owners",
        ("owner", true) => "owns",
        ("parent", false) => "parent",
        ("parent", true) => "subsidiaries",
        ("joint-venture", true) => "joint ventures",
        ("joint-venture", false) => "joint-venture partners",
        _ if other_is_person => "people",
        _ => "ties",
    }
}

/// The known tie kind names.
pub fn tie_kind_names() -> impl Iterator<Item = &'static str> + Clone {
    TIE_KINDS.iter().map(|k| k.name)
}

/// `--help` text listing each tie kind and what it means.
pub fn tie_help() -> String {
    help(
        "Keep only ties of this kind (\"from is KIND of to\"); repeatable. Known kinds:",
        TIE_KINDS.iter().map(|k| (k.name, k.about)),
    )
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
