//! The kinds of tie between two organisations (or people), "from is KIND of to": their
//! words read from either end ("owner 49% of", "49% owned by"), whether one controls, how
//! each is drawn, and the headings an organisation's ties are listed under. Apart from
//! roles and statuses because a tie has a direction: every word here comes in two, one
//! for each end.

use super::{help, Stroke};

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

pub(super) const OWNING: &str = "#7b3294";
pub(super) const PEOPLE: &str = "#1b7837";
pub(super) const ALLIED: &str = "#2166ac";
pub(super) const MONEY: &str = "#b35806";

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
pub(super) const OTHER_TIE: (Stroke, &str) = (Stroke::Dashed, "#666666");

/// The known tie kind called `name`.
pub fn tie_kind(name: &str) -> Option<&'static TieKind> {
    TIE_KINDS.iter().find(|k| k.name == name)
}

/// A tie kind's place in [`TIE_KINDS`] (an unknown kind after every known one).
pub fn tie_kind_rank(name: &str) -> usize {
    TIE_KINDS.iter().position(|k| k.name == name).unwrap_or(TIE_KINDS.len())
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
