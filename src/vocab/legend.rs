//! The legend of a diagram's lines, made from what it draws: one entry per line style
//! drawn, each saying what it stands for, in the words of the tables of [`super`] (the
//! only place styles are defined). A drawing of partner links that are all "reported"
//! says so and nothing else.

use super::ties::{ALLIED, MONEY, OTHER_TIE, OWNING, PEOPLE};
use super::{
    role_width, status_look, tie_look, Stroke, BOLD, ENDED, FIRM, MEDIUM, ROLES, STATED, STATUSES, TENTATIVE, THIN,
    TIE_KINDS,
};

/// One legend entry: a sample line drawn as the lines it explains are, and the words.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendLine {
    pub stroke: Stroke,
    pub color: &'static str,
    pub width: f64,
    /// A tie's arrow.
    pub arrow: bool,
    pub what: String,
}

/// What the lines of a drawing use: fed each drawn link's roles and status and each drawn
/// tie's kind, it gives the legend entries ([`Styles::legend`]).
#[derive(Debug, Default)]
pub struct Styles {
    /// Roles that set a drawn line's width, with that width.
    roles: Vec<(String, f64)>,
    /// Statuses drawn.
    statuses: Vec<String>,
    /// Tie kinds drawn.
    kinds: Vec<String>,
}

fn push_new(list: &mut Vec<String>, item: &str) {
    if !list.iter().any(|x| x == item) {
        list.push(item.to_string());
    }
}

/// A colour of the tables in words.
fn color_word(color: &str) -> &'static str {
    match color {
        TENTATIVE => "light grey",
        STATED => "grey",
        FIRM => "black",
        ENDED => "red",
        OWNING => "purple",
        PEOPLE => "dark green",
        ALLIED => "blue",
        MONEY => "orange",
        _ => "grey",
    }
}

fn stroke_word(stroke: Stroke) -> &'static str {
    match stroke {
        Stroke::Solid => "",
        Stroke::Dashed => "dashed ",
        Stroke::Dotted => "dotted ",
    }
}

fn width_word(width: f64) -> &'static str {
    if width >= BOLD {
        "thick"
    } else if width >= MEDIUM {
        "medium"
    } else {
        "thin"
    }
}

/// `names` in the order of `known` (the tables' order), unknown ones after, as given.
fn in_order<'a>(names: impl Iterator<Item = &'a String>, known: &[&str]) -> Vec<&'a str> {
    let mut out: Vec<&str> = names.map(String::as_str).collect();
    out.sort_by_key(|n| known.iter().position(|k| k == n).unwrap_or(known.len()));
    out
}

impl Styles {
    /// A drawn participation link with these roles and this (summary) status.
    pub fn link<S: AsRef<str>>(&mut self, roles: &[S], status: &str) {
        let width = role_width(roles);
        for r in roles {
            let r = r.as_ref();
            if role_width(&[r]) == width && !self.roles.iter().any(|(x, _)| x == r) {
                self.roles.push((r.to_string(), width));
            }
        }
        if roles.is_empty() && !self.roles.iter().any(|(_, w)| *w == width) {
            self.roles.push((String::new(), width));
        }
        push_new(&mut self.statuses, status);
    }

    /// A drawn tie of this kind.
    pub fn tie(&mut self, kind: &str) {
        push_new(&mut self.kinds, kind);
    }

    /// One entry per width drawn (thick first), per status look drawn (least definite
    /// first) and per tie look drawn.
    pub fn legend(&self) -> Vec<LegendLine> {
        let mut out = Vec::new();
        let role_order: Vec<&str> = ROLES.iter().map(|r| r.name).collect();
        for width in [BOLD, MEDIUM, THIN] {
            let roles = in_order(
                self.roles
                    .iter()
                    .filter(|(r, w)| *w == width && !r.is_empty())
                    .map(|(r, _)| r),
                &role_order,
            );
            if !self.roles.iter().any(|(_, w)| *w == width) {
                continue;
            }
            let what = match roles.is_empty() {
                true => format!("{} line: no role given", width_word(width)),
                false => format!("{} line: {}", width_word(width), roles.join(", ")),
            };
            out.push(LegendLine {
                stroke: Stroke::Solid,
                color: STATED,
                width,
                arrow: false,
                what,
            });
        }
        let status_order: Vec<&str> = STATUSES.iter().map(|s| s.name).collect();
        let mut looks: Vec<((Stroke, &'static str), Vec<&str>)> = Vec::new();
        for status in in_order(self.statuses.iter(), &status_order) {
            let look = status_look(status);
            match looks.iter_mut().find(|(l, _)| *l == look) {
                Some((_, names)) => names.push(status),
                None => looks.push((look, vec![status])),
            }
        }
        for ((stroke, color), names) in looks {
            out.push(LegendLine {
                stroke,
                color,
                width: MEDIUM,
                arrow: false,
                what: format!("{}{}: {}", stroke_word(stroke), color_word(color), names.join(", ")),
            });
        }
        let kind_order: Vec<&str> = TIE_KINDS.iter().map(|k| k.name).collect();
        let mut looks: Vec<((Stroke, &'static str), Vec<&str>)> = Vec::new();
        for kind in in_order(self.kinds.iter(), &kind_order) {
            let look = tie_look(kind);
            match looks.iter_mut().find(|(l, _)| *l == look) {
                Some((_, names)) => names.push(kind),
                None => looks.push((look, vec![kind])),
            }
        }
        for ((stroke, color), names) in looks {
            let tail = if (stroke, color) == OTHER_TIE && names.iter().all(|n| !kind_order.contains(n)) {
                " (a kind partnet does not know)"
            } else {
                ""
            };
            out.push(LegendLine {
                stroke,
                color,
                width: MEDIUM,
                arrow: true,
                what: format!(
                    "{}{} arrow: {} of the one it points to{tail}",
                    stroke_word(stroke),
                    color_word(color),
                    names.join(", ")
                ),
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(styles: &Styles) -> Vec<String> {
        styles.legend().into_iter().map(|l| l.what).collect()
    }

    #[test]
    fn only_the_styles_drawn_are_listed() {
        let mut s = Styles::default();
        s.link(&["partner"], "reported");
        s.link(&["partner"], "reported");
        assert_eq!(words(&s), ["medium line: partner", "grey: reported"]);
    }

    #[test]
    fn each_look_is_explained_and_grey_is_told_from_black() {
        let mut s = Styles::default();
        s.link(&["supplier", "lead"], "proposed");
        s.link(&["supplier"], "memorandum");
        s.link(&["investor"], "agreed");
        s.link(&["partner"], "selected");
        s.link(&["partner"], "interested");
        s.link(&["partner"], "cancelled");
        s.tie("owner");
        s.tie("parent");
        s.tie("founder");
        s.tie("rumoured-ally");
        assert_eq!(
            words(&s),
            [
                "thick line: lead",
                "medium line: partner, investor",
                "thin line: supplier",
                "dashed light grey: interested",
                "grey: proposed, memorandum",
                "black: selected, agreed",
                "dotted red: cancelled",
                "purple arrow: owner, parent of the one it points to",
                "dark green arrow: founder of the one it points to",
                "dashed grey arrow: rumoured-ally of the one it points to (a kind partnet does not know)",
            ]
        );
        // The samples are drawn as the lines are.
        let legend = s.legend();
        assert_eq!((legend[4].stroke, legend[4].color), status_look("proposed"));
        assert_eq!((legend[5].stroke, legend[5].color), status_look("agreed"));
        assert_eq!((legend[7].stroke, legend[7].color), tie_look("owner"));
        assert_eq!(legend[0].width, role_width(&["lead"]));
    }
}
