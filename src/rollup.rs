//! Corporate groups: `--roll-up` folds each organisation that another controls into its
//! ultimate controller, for every command.
//!
//! An organisation is controlled by the `from` of a `parent` tie to it, or of an `owner`
//! tie with a share over 50 (of several, a parent first, then the largest share, then the
//! smallest id). Chains roll up to the top: SB Energy's projects count for SoftBank Group,
//! Element Six's for De Beers Group. A tie counts only when the filters keep it
//! ([`Filter::tie_ok`]), so that no group shows a control the filtered view hides: with
//! `--as-of D`, reported by D (its date, else its earliest source's) and not ended before it;
//! without, not ended; and of the kinds and statuses `--tie` and `--status` ask for.
//! `--no-ties` and `--role` hide every tie from the view, but they say what to show (no tie
//! lines, the links of some roles), not who controls whom: a roll-up asked for beside them
//! still forms its groups. The filters on organisations and
//! projects (`--country`, `--sector`, ...) do not judge the ties here: they judge the groups
//! the roll-up makes. Controllers that control each other in a cycle are reported and left
//! as they are, never looped on.
//!
//! The roll-up makes a new [`Dataset`]: one entity per group, named "SoftBank Group (with SB
//! Energy)", answering to its members' ids, names and aliases too; the members'
//! participations and ties move to it, and ties inside a group go.

use crate::filter::Filter;
use crate::model::{Dataset, Entity, EntityExtra, IdName, Participation, Tie, MAX_ID_NAME};

/// What the roll-up did: the groups formed and the cycles left alone.
#[derive(Debug, Default)]
pub struct Report {
    /// Each group's controller (entity index in the original dataset) and members.
    pub groups: Vec<(u32, Vec<u32>)>,
    /// Each controller cycle found, as entity ids in order.
    pub cycles: Vec<Vec<String>>,
}

/// The controller of each entity, if any (entity indices), by the ties `filter` keeps.
fn controllers(ds: &Dataset, filter: &Filter) -> Vec<Option<u32>> {
    // Without `--as-of` the filters keep a tie that ended (a timeline shows it), but it no
    // longer controls.
    // `--no-ties` and `--role` choose what is shown, not what is known (module docs).
    let known = Filter {
        no_ties: false,
        roles: Vec::new(),
        ..filter.clone()
    };
    let holds = |t: &Tie| known.tie_ok(ds, t) && (filter.as_of.is_some() || t.until.is_none());
    // (parent?, share, -from id) best first.
    let mut best: Vec<Option<(bool, f64, u32)>> = vec![None; ds.entities.len()];
    for t in ds.ties.iter().filter(|t| holds(t)) {
        let parent = ds.tie_kind(t) == "parent";
        let share = t.share.unwrap_or(0.0);
        if !(parent || (ds.tie_kind(t) == "owner" && share > 50.0)) {
            continue;
        }
        let candidate = (parent, share, t.from);
        let slot = &mut best[t.to as usize];
        let better = match *slot {
            None => true,
            Some((p, s, from)) => {
                (parent, share) > (p, s)
                    || ((parent, share) == (p, s)
                        && ds.entities[t.from as usize].id() < ds.entities[from as usize].id())
            }
        };
        if better {
            *slot = Some(candidate);
        }
    }
    best.into_iter().map(|b| b.map(|(_, _, from)| from)).collect()
}

/// Folds controlled organisations into their ultimate controllers, by the ties `filter`
/// keeps (see the module docs).
pub fn roll_up(ds: Dataset, filter: &Filter) -> (Dataset, Report) {
    let n = ds.entities.len();
    let control = controllers(&ds, filter);
    // The top of each chain; entities in a cycle (or below one) stay their own top.
    let mut top: Vec<u32> = (0..n as u32).collect();
    let mut report = Report::default();
    let mut on_cycle = vec![false; n];
    for (start, top) in top.iter_mut().enumerate() {
        let mut chain = vec![start as u32];
        let mut at = start as u32;
        while let Some(up) = control[at as usize] {
            if let Some(i) = chain.iter().position(|&c| c == up) {
                let cycle = &chain[i..];
                if cycle.iter().all(|&c| !on_cycle[c as usize]) {
                    for &c in cycle {
                        on_cycle[c as usize] = true;
                    }
                    let mut ids: Vec<String> = cycle
                        .iter()
                        .map(|&c| ds.entities[c as usize].id().to_string())
                        .collect();
                    ids.push(ids[0].clone());
                    report.cycles.push(ids);
                }
                at = start as u32;
                break;
            }
            chain.push(up);
            at = up;
        }
        *top = if chain.iter().any(|&c| on_cycle[c as usize]) {
            start as u32
        } else {
            at
        };
    }
    // New entity indices: the tops, in their original order.
    let mut index = vec![u32::MAX; n];
    let mut kept: Vec<u32> = Vec::new();
    for e in 0..n {
        if top[e] == e as u32 {
            index[e] = kept.len() as u32;
            kept.push(e as u32);
        }
    }
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); n];
    for e in 0..n {
        if top[e] != e as u32 {
            members[top[e] as usize].push(e as u32);
        }
    }
    // By id, not in the files' order: a group's aliases list its members so.
    for list in members.iter_mut().filter(|l| l.len() > 1) {
        list.sort_by(|&a, &b| ds.entities[a as usize].id().cmp(ds.entities[b as usize].id()));
    }
    let group = |e: u32| index[top[e as usize] as usize];
    // Only the entities, links and ties change; every other table goes through as it is.
    let mut ds = ds;
    let entities = std::mem::take(&mut ds.entities);
    let new_entities: Vec<Entity> = kept
        .iter()
        .map(|&e| {
            let mut entity = entities[e as usize].clone();
            let list = &members[e as usize];
            if !list.is_empty() {
                report.groups.push((e, list.clone()));
                let mut names: Vec<&str> = list.iter().map(|&m| entities[m as usize].name()).collect();
                names.sort_unstable();
                let grouped = format!("{} (with {})", entity.name(), listing(&names));
                // Past what an IdName holds, the group keeps its top's name; its aliases
                // still list every member.
                if entity.id().len() + grouped.len() <= MAX_ID_NAME {
                    entity.text = IdName::new(entity.id(), &grouped);
                }
                let mut aliases: Vec<Box<str>> = entity.aliases().to_vec();
                aliases.push(entities[e as usize].name().into());
                let mut sectors = entity.sectors.to_vec();
                for &m in list {
                    let member = &entities[m as usize];
                    aliases.extend([member.name().into(), member.id().into()]);
                    aliases.extend(member.aliases().iter().cloned());
                    sectors.extend(member.sectors.iter().cloned());
                }
                aliases.dedup();
                sectors.sort();
                sectors.dedup();
                let extra = entity.extra.take().map(|x| *x).unwrap_or_default();
                entity.extra = EntityExtra::of(aliases.into(), extra.url, extra.note);
                entity.sectors = sectors.into();
            }
            entity
        })
        .collect();
    ds.entities = new_entities;
    ds.participations = std::mem::take(&mut ds.participations)
        .into_iter()
        .map(|p| Participation {
            entity: group(p.entity),
            ..p
        })
        .collect();
    ds.ties = std::mem::take(&mut ds.ties)
        .into_iter()
        .filter(|t| group(t.from) != group(t.to))
        .map(|t| Tie {
            from: group(t.from),
            to: group(t.to),
            ..t
        })
        .collect();
    (ds, report)
}

/// "A", "A and B", "A, B and C", "A, B, C and 4 more".
fn listing(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] if names.len() <= 3 => format!("{} and {last}", init.join(", ")),
        _ => format!("{} and {} more", names[..3].join(", "), names.len() - 3),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load;
    use crate::model::Date;

    fn dataset(ties: &str) -> Dataset {
        let text = format!(
            r#"{{"sources": [{{"id": "s7", "date": "2026-02-17"}}],
              "entities": [{{"id": "top", "name": "Top", "url": "https://top.example", "note": "Listed.", "sectors": ["energy"]}},
                {{"id": "mid", "name": "Mid", "sectors": ["nuclear", "energy"]}}, {{"id": "low", "name": "Low", "aliases": ["Lowe"]}},
                {{"id": "x", "name": "X"}}, {{"id": "y", "name": "Y"}}],
              "projects": [{{"id": "p", "name": "P"}}],
              "participations": [{{"entity": "low", "project": "p"}}, {{"entity": "x", "project": "p"}}],
              "ties": [{ties}]}}"#
        );
        load::load(&[load::Input::Text("t.json".into(), text)], Default::default())
            .unwrap()
            .dataset
    }

    #[test]
    fn chains_roll_up_to_the_top() {
        let ds = dataset(
            r#"{"from": "top", "to": "mid", "kind": "parent"}, {"from": "mid", "to": "low", "kind": "owner", "share": 51},
               {"from": "x", "to": "low", "kind": "owner", "share": 49}, {"from": "y", "to": "x", "kind": "owner", "share": 50}"#,
        );
        let (rolled, report) = roll_up(ds, &Filter::default());
        let names: Vec<&str> = rolled.entities.iter().map(|e| e.name()).collect();
        assert_eq!(names, ["Top (with Low and Mid)", "X", "Y"], "50% does not control");
        assert_eq!(rolled.participations[0].entity, 0, "low's project is top's");
        // x's 49% of low is now a tie with the group; the ties inside the group are gone.
        assert_eq!(rolled.ties.len(), 2);
        assert!(report.cycles.is_empty());
        let top = &rolled.entities[0];
        assert!(top.aliases().iter().any(|a| &**a == "low"));
        assert!(
            top.aliases().iter().any(|a| &**a == "Lowe"),
            "a member's own aliases join"
        );
        assert_eq!((top.url(), top.note()), (Some("https://top.example"), Some("Listed.")));
        let sectors: Vec<&str> = top.sectors.iter().map(|s| &**s).collect();
        assert_eq!(
            sectors,
            ["energy", "nuclear"],
            "the members' sectors, sorted, once each"
        );
        assert!(rolled.entities[2].sectors.is_empty() && rolled.entities[2].extra.is_none());
    }

    #[test]
    fn a_controller_cycle_is_reported_and_left_alone() {
        let ds = dataset(
            r#"{"from": "x", "to": "y", "kind": "parent"}, {"from": "y", "to": "x", "kind": "parent"}, {"from": "x", "to": "low", "kind": "parent"}"#,
        );
        let (rolled, report) = roll_up(ds, &Filter::default());
        assert_eq!(report.cycles, [vec!["x", "y", "x"]]);
        assert_eq!(rolled.entities.len(), 5, "nothing folded on or below the cycle");
    }

    #[test]
    fn control_that_ended_does_not_count() {
        let ds = dataset(r#"{"from": "top", "to": "mid", "kind": "parent", "date": "2020", "until": "2022"}"#);
        assert_eq!(roll_up(ds, &Filter::default()).0.entities.len(), 5);
        let ds = dataset(r#"{"from": "top", "to": "mid", "kind": "parent", "date": "2020", "until": "2022"}"#);
        assert_eq!(roll_up(ds, &as_of("2021")).0.entities.len(), 4);
    }

    fn as_of(date: &str) -> Filter {
        Filter {
            as_of: Date::parse(date),
            ..Filter::default()
        }
    }

    #[test]
    fn control_counts_from_when_it_was_reported() {
        // The tie has no date of its own: its source's says when it became known.
        let tie = r#"{"from": "top", "to": "low", "kind": "parent", "sources": ["s7"]}"#;
        let (rolled, _) = roll_up(dataset(tie), &as_of("2025-12-31"));
        assert_eq!(rolled.entities.len(), 5, "not known by 2025-12-31");
        assert_eq!(rolled.entities[0].name(), "Top");
        let (rolled, _) = roll_up(dataset(tie), &as_of("2026-02-17"));
        assert_eq!(rolled.entities[0].name(), "Top (with Low)", "known on the day");
    }

    #[test]
    fn control_counts_only_through_the_ties_the_filters_keep() {
        let ties = r#"{"from": "top", "to": "mid", "kind": "parent", "status": "reported"},
                      {"from": "mid", "to": "low", "kind": "owner", "share": 60, "status": "agreed"}"#;
        let count = |filter: Filter| roll_up(dataset(ties), &filter).0.entities.len();
        assert_eq!(count(Filter::default()), 3);
        let kinds = |kinds: &[&str]| Filter {
            tie_kinds: kinds.iter().map(|k| k.to_string()).collect(),
            ..Filter::default()
        };
        assert_eq!(count(kinds(&["owner"])), 4, "mid and low only");
        assert_eq!(count(kinds(&["joint-venture"])), 5);
        let status = Filter {
            statuses: vec!["agreed".into()],
            ..Filter::default()
        };
        assert_eq!(count(status), 4);
        // Filters of what is shown, not of what is known: the groups still form.
        let no_ties = Filter {
            no_ties: true,
            ..Filter::default()
        };
        assert_eq!(count(no_ties), 3);
        let role = Filter {
            roles: vec!["lead".into()],
            ..Filter::default()
        };
        assert_eq!(count(role), 3);
    }
}
