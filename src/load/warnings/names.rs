//! Names two records share: a NAME argument with that name reaches one of them by its id
//! (`names::resolve` tries ids first), another node by its id, or is ambiguous.

use std::collections::HashMap;

use crate::error::Diagnostic;
use crate::model::Dataset;
use crate::names::fold;

use super::super::resolve::{At, Resolver, Table};

/// A node, as a warning names it (`entity "acme"`), and where its record is.
struct Member<'a> {
    what: &'static str,
    id: &'a str,
    name: &'a str,
    at: At,
    table: Table,
}

impl Member<'_> {
    fn subject(&self) -> String {
        format!("{} {:?}", self.what, self.id)
    }
}

/// Entities and projects whose names fold to the same text. A NAME argument with that name
/// reaches the node whose id it is (exactly, or the one id that folds to it), as
/// `names::resolve` decides; without one it is ambiguous. Each node it does not reach is
/// told which one does, or, when none does, the first of them it shares its name with.
/// O(nodes); the ids are folded only when some names are shared.
pub(super) fn same_names(ds: &Dataset, r: &mut Resolver, entity_index: &[usize], project_index: &[usize]) {
    let count = ds.entities.len() + ds.projects.len();
    // Node `i`: the entities, then the projects.
    let member = |i: usize| match i.checked_sub(ds.entities.len()) {
        None => {
            let e = &ds.entities[i];
            let at = At {
                file: e.file,
                index: entity_index[i],
            };
            Member {
                what: "entity",
                id: e.id(),
                name: e.name(),
                at,
                table: Table::Entities,
            }
        }
        Some(p) => {
            let q = &ds.projects[p];
            let at = At {
                file: q.file,
                index: project_index[p],
            };
            Member {
                what: "project",
                id: q.id(),
                name: q.name(),
                at,
                table: Table::Projects,
            }
        }
    };
    // Each name's members, in record order.
    let mut groups: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, m) in (0..count).map(member).enumerate() {
        groups.entry(fold(m.name).into_owned()).or_default().push(i);
    }
    groups.retain(|_, group| group.len() > 1);
    if groups.is_empty() {
        return;
    }
    // The nodes whose ids fold to a shared name.
    let mut by_id: HashMap<&str, Vec<usize>> = groups.keys().map(|k| (k.as_str(), Vec::new())).collect();
    for (i, m) in (0..count).map(member).enumerate() {
        if let Some(ids) = by_id.get_mut(fold(m.id).as_ref()) {
            ids.push(i);
        }
    }
    // In record order, as the rest of `check`'s warnings.
    for (i, m) in (0..count).map(member).enumerate() {
        let key = fold(m.name);
        let Some(group) = groups.get(key.as_ref()) else {
            continue;
        };
        let ids = &by_id[key.as_ref()];
        // What `names::resolve` does with the name: an exact id, else the one id that
        // folds to it.
        let reached = ids.iter().copied().find(|&j| member(j).id == m.name).or(match ids[..] {
            [one] => Some(one),
            _ => None,
        });
        let in_group = |j: usize| fold(member(j).name) == key;
        let anchor = reached.filter(|&j| in_group(j)).unwrap_or(group[0]);
        if anchor == i {
            continue;
        }
        let name = m.name;
        let how = match reached {
            Some(j) if j == anchor => format!("but a NAME argument {name:?} reaches only it, by its id"),
            Some(j) => format!(
                "but a NAME argument {name:?} reaches {} instead, by its id",
                member(j).subject()
            ),
            None => format!("a NAME argument {name:?} is ambiguous"),
        };
        let sep = if reached.is_some() { "," } else { ":" };
        let d = Diagnostic::warning(format!(
            "{} has the same name, {name:?}{sep} {how}",
            member(anchor).subject()
        ))
        .subject(m.subject())
        .help(format!(
            "give one of them another name, or give commands the id (`partnet show {}`)",
            m.id
        ));
        let d = r.at(d, m.at, m.table, "id", m.id);
        r.push(d);
    }
}
