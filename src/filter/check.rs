//! Filter values checked against the data: a `--country`, `--status`, `--role`, `--kind` or
//! `--sector` that nothing in the data has is a usage error naming the value and the
//! nearest known ones, never an empty answer a reader would take for "none".

use std::collections::BTreeSet;

use super::{sector_matches, Filter};
use crate::error::Error;
use crate::model::Dataset;
use crate::names::nearest;

impl Filter {
    /// Checks every filter value against `ds`. O(records) for `--status` and `--role`,
    /// O(entities) or O(projects) for the others; nothing when no filter is set.
    pub fn check(&self, ds: &Dataset) -> Result<(), Error> {
        if !self.countries.is_empty() {
            let known: BTreeSet<&str> = ds.entities.iter().filter_map(|e| e.country.as_deref()).collect();
            for wanted in &self.countries {
                if !known.iter().any(|k| k.eq_ignore_ascii_case(wanted)) {
                    return Err(unknown_country(wanted, &known));
                }
            }
        }
        if !self.kinds.is_empty() {
            let known: BTreeSet<&str> = ds.entities.iter().map(|e| &*e.kind).collect();
            check_list("--kind", "no organisation in the data is of kind", &self.kinds, &known)?;
        }
        if !self.statuses.is_empty() {
            let mut known: BTreeSet<&str> = ds.participations.iter().map(|p| ds.status(p)).collect();
            known.extend(ds.projects.iter().filter_map(|p| p.status.as_deref()));
            known.extend(ds.ties.iter().map(|t| ds.tie_status(t)));
            check_list(
                "--status",
                "no link or project in the data has status",
                &self.statuses,
                &known,
            )?;
        }
        if !self.roles.is_empty() {
            let known: BTreeSet<&str> = ds.participations.iter().map(|p| ds.role(p)).collect();
            check_list("--role", "no link in the data has role", &self.roles, &known)?;
        }
        if !self.tie_kinds.is_empty() {
            let known: BTreeSet<&str> = ds.ties.iter().map(|t| ds.tie_kind(t)).collect();
            check_list("--tie", "no tie in the data is of kind", &self.tie_kinds, &known)?;
        }
        if !self.sectors.is_empty() {
            let sectors: BTreeSet<&str> = ds.projects.iter().filter_map(|p| p.sector.as_deref()).collect();
            for wanted in &self.sectors {
                if !sectors.iter().any(|s| sector_matches(wanted, s)) {
                    return Err(unknown_sector(wanted, &sectors));
                }
            }
        }
        Ok(())
    }
}

/// Checks values that must equal (ignoring case) one of `known`.
fn check_list(flag: &str, what: &str, wanted: &[String], known: &BTreeSet<&str>) -> Result<(), Error> {
    for w in wanted {
        if !known.iter().any(|k| k.eq_ignore_ascii_case(w)) {
            return Err(Error::usage(format!("{flag} {w:?}: {what} {w:?}")).with_help(suggestion(w, known)));
        }
    }
    Ok(())
}

/// "did you mean ...? the data has: ..." for a value not in `known`.
fn suggestion(wrong: &str, known: &BTreeSet<&str>) -> String {
    let near = nearest(wrong, known.iter().copied(), 3);
    let listed = listing(known);
    if near.is_empty() {
        format!("the data has: {listed}")
    } else {
        let quoted: Vec<String> = near.iter().map(|s| s.to_string()).collect();
        format!("did you mean {}? the data has: {listed}", quoted.join(", "))
    }
}

/// Up to 30 known values, comma-separated.
fn listing(known: &BTreeSet<&str>) -> String {
    let mut list: Vec<&str> = known.iter().copied().take(30).collect();
    if known.len() > 30 {
        list.push("...");
    }
    list.join(", ")
}

fn unknown_country(wanted: &str, known: &BTreeSet<&str>) -> Error {
    let listed = listing(known);
    if let Some(&(code, _, names)) = crate::country::lookup(wanted).filter(|c| !c.0.eq_ignore_ascii_case(wanted)) {
        let present = known.contains(code);
        let message = format!(
            "--country {wanted:?}: countries are written as ISO 3166 alpha-2 codes; {} is {code}",
            names[0]
        );
        let help = if present {
            format!("did you mean {code}? (--country {code})")
        } else {
            format!("no organisation in the data is from {code} either; the data has: {listed}")
        };
        return Error::usage(message).with_help(help);
    }
    let named = crate::country::name(wanted)
        .map(|n| format!(" ({n})"))
        .unwrap_or_default();
    Error::usage(format!(
        "--country {wanted:?}: no organisation in the data is from {wanted:?}{named}"
    ))
    .with_help(suggestion(wanted, known))
}

fn unknown_sector(wanted: &str, sectors: &BTreeSet<&str>) -> Error {
    // Every path and every level above it: `energy/nuclear` also offers `energy`.
    let mut known: BTreeSet<String> = BTreeSet::new();
    for s in sectors {
        let mut path = String::new();
        for part in s.split('/') {
            if !path.is_empty() {
                path.push('/');
            }
            path.push_str(part);
            known.insert(path.clone());
        }
    }
    // A last part of a path first: `nuclear` means `energy/nuclear`.
    let wanted_folded = wanted.trim_matches('/').to_ascii_lowercase();
    let mut near: Vec<&str> = known
        .iter()
        .filter(|k| {
            k.rsplit('/')
                .next()
                .is_some_and(|last| last.eq_ignore_ascii_case(&wanted_folded))
        })
        .map(String::as_str)
        .collect();
    for n in nearest(wanted, known.iter().map(String::as_str), 3) {
        if !near.contains(&n) {
            near.push(n);
        }
    }
    near.truncate(3);
    let all: BTreeSet<&str> = known.iter().map(String::as_str).collect();
    let help = if all.is_empty() {
        "no project in the data has a sector: drop --sector".to_string()
    } else if near.is_empty() {
        format!("the sectors are: {}", listing(&all))
    } else {
        format!("did you mean {}? the sectors are: {}", near.join(", "), listing(&all))
    };
    Error::usage(format!(
        "--sector {wanted:?}: no project in the data is in sector {wanted:?} or below it"
    ))
    .with_help(help)
}
