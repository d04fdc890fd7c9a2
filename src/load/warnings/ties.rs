//! Warnings about ties: unsourced ones, kinds outside the vocabulary, ones recorded twice,
//! ones that end before their sources report them, ownership that goes round in a cycle, and owners of one
//! organisation whose shares add up to more than 100.

use std::collections::{BTreeMap, HashMap};

use crate::error::Diagnostic;
use crate::model::{Dataset, Date, SymId, Tie};
use crate::names::nearest;
use crate::vocab;

use super::super::resolve::{At, Resolver, Table};

/// The ties recorded twice, as links are: the same ends, kind, status, share, title, value,
/// dates and sources as an earlier one, which the warning names. `true` for each copy
/// after the first.
fn repeated(
    ds: &Dataset,
    r: &mut Resolver,
    at: &dyn Fn(usize, &Tie) -> At,
    subject: &dyn Fn(&Tie) -> String,
) -> Vec<bool> {
    type Key<'d> = (
        u32,
        u32,
        SymId,
        SymId,
        Option<u64>,
        Option<&'d str>,
        Option<String>,
        [Option<Date>; 2],
        &'d [u32],
    );
    let files = r.files();
    let mut seen: HashMap<Key, At> = HashMap::new();
    let mut repeated = vec![false; ds.ties.len()];
    for (k, t) in ds.ties.iter().enumerate() {
        let key = (
            t.from,
            t.to,
            t.kind,
            t.status,
            t.share.map(f64::to_bits),
            t.title.as_deref(),
            t.value.map(|v| v.to_string()),
            [t.date, t.until],
            &ds.source_refs[t.sources.range()],
        );
        let here = at(k, t);
        // The first copy stays the one named: a third copy points back to it too.
        let first = *seen.entry(key).or_insert(here);
        if first != here {
            repeated[k] = true;
            let d = Diagnostic::warning(format!(
                "the same tie is recorded twice ({})",
                super::also(files, "tie", first, here)
            ))
            .subject(subject(t))
            .help("remove one copy, or give them different shares, dates or sources");
            let d = r.at(d, here, Table::Ties, "from", ds.entities[t.from as usize].id());
            r.push(d);
        }
    }
    repeated
}

/// An undated tie that ends before its earliest source's date, which dates it: `--as-of`
/// shows it on no day, and a timeline has it end before it begins. (With a `date` after
/// `until`, the loader refuses it.)
fn ended_before_reported(
    ds: &Dataset,
    r: &mut Resolver,
    at: &dyn Fn(usize, &Tie) -> At,
    subject: &dyn Fn(&Tie) -> String,
) {
    for (k, t) in ds.ties.iter().enumerate() {
        let (None, Some(until)) = (t.date, t.until) else {
            continue;
        };
        let Some((reported, source)) = ds
            .sources_in(t.sources)
            .filter_map(|s| Some((s.date?, &*s.id)))
            .min_by_key(|(d, _)| *d)
        else {
            continue;
        };
        if until.last_day() < reported {
            let d = Diagnostic::warning(format!(
                "the tie ends ({until}) before its earliest source, {source:?}, reports it ({reported}): no --as-of shows it"
            ))
            .subject(subject(t))
            .help("give the tie the \"date\" it began, or check \"until\" and its sources' dates");
            let d = r.at(d, at(k, t), Table::Ties, "from", ds.entities[t.from as usize].id());
            r.push(d);
        }
    }
}

/// Kinds by which `from` owns or controls `to`: the edges of an ownership cycle.
const OWNING: &[&str] = &["owner", "parent"];

pub(super) fn check(ds: &Dataset, r: &mut Resolver, offsets: &[usize]) {
    let at = |k: usize, t: &Tie| At {
        file: t.file,
        index: k - offsets[t.file as usize],
    };
    let subject = |t: &Tie| {
        format!(
            "tie {:?} {} {:?}",
            ds.entities[t.from as usize].id(),
            ds.tie_kind(t),
            ds.entities[t.to as usize].id()
        )
    };
    let from_id = |t: &Tie| ds.entities[t.from as usize].id();
    let known: Vec<&str> = vocab::tie_kind_names().collect();
    for (k, t) in ds.ties.iter().enumerate() {
        if t.sources.len == 0 {
            let d = Diagnostic::warning("unsourced tie: no source says this")
                .subject(subject(t))
                .help("add the ids of the reports that state it to \"sources\"");
            let d = r.at(d, at(k, t), Table::Ties, "from", from_id(t));
            r.push(d);
        }
        let kind = ds.tie_kind(t);
        if vocab::tie_kind(kind).is_none() {
            let near = nearest(kind, known.iter().copied(), 1);
            let hint = near
                .first()
                .map(|n| format!("did you mean {n:?}? "))
                .unwrap_or_default();
            let d = Diagnostic::warning(format!("unusual tie kind {kind:?}"))
                .subject(subject(t))
                .help(format!("{hint}known kinds: {}", known.join(", ")));
            let d = r.at(d, at(k, t), Table::Ties, "from", from_id(t));
            r.push(d);
        }
    }
    ended_before_reported(ds, r, &at, &subject);
    let repeated = repeated(ds, r, &at, &subject);
    // Owners' shares of each organisation, added up; a tie recorded twice once.
    let mut shares: BTreeMap<u32, (f64, Vec<usize>)> = BTreeMap::new();
    for (k, t) in ds.ties.iter().enumerate().filter(|&(k, _)| !repeated[k]) {
        if let (Some(share), "owner") = (t.share, ds.tie_kind(t)) {
            if t.until.is_none() {
                let entry = shares.entry(t.to).or_default();
                entry.0 += share;
                entry.1.push(k);
            }
        }
    }
    for (owned, (total, ties)) in shares {
        if total > 100.0 + 1e-9 {
            let owners: Vec<String> = ties
                .iter()
                .map(|&k| {
                    let t = &ds.ties[k];
                    format!("{:?} {}%", from_id(t), t.share.unwrap_or(0.0))
                })
                .collect();
            let last = *ties.last().expect("a share was added");
            let t = &ds.ties[last];
            let d = Diagnostic::warning(format!(
                "the owners of {:?} hold {total}% together: {}",
                ds.entities[owned as usize].id(),
                owners.join(", ")
            ))
            .subject(subject(t))
            .help(
                "shares held at one time add up to 100 at most; end a past owner's tie with \"until\", or fix a share",
            );
            let d = r.at(d, at(last, t), Table::Ties, "from", from_id(t));
            r.push(d);
        }
    }
    for cycle in ownership_cycles(ds) {
        let k = cycle[0];
        let t = &ds.ties[k];
        let mut ids: Vec<&str> = cycle.iter().map(|&k| from_id(&ds.ties[k])).collect();
        ids.push(from_id(t));
        let d = Diagnostic::warning(format!("ownership goes round in a cycle: {}", ids.join(" → ")))
            .subject(subject(t))
            .help("an organisation cannot own or control itself through others; check the direction of these ties");
        let d = r.at(d, at(k, t), Table::Ties, "from", from_id(t));
        r.push(d);
    }
}

/// Each cycle of owner and parent ties once, as the tie indices around it, starting at the
/// tie whose owner has the smallest entity index. Depth-first with an explicit stack.
fn ownership_cycles(ds: &Dataset) -> Vec<Vec<usize>> {
    let n = ds.entities.len();
    let mut out: Vec<Vec<u32>> = vec![Vec::new(); n];
    for (k, t) in ds.ties.iter().enumerate() {
        if OWNING.contains(&ds.tie_kind(t)) {
            out[t.from as usize].push(k as u32);
        }
    }
    // 0 unvisited, 1 on the current path, 2 done.
    let mut state = vec![0u8; n];
    let mut cycles = Vec::new();
    for start in 0..n {
        if state[start] != 0 || out[start].is_empty() {
            continue;
        }
        // (node, next outgoing tie to try), and the ties taken to get here.
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        let mut taken: Vec<usize> = Vec::new();
        state[start] = 1;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&k) = out[node].get(*next) {
                *next += 1;
                let to = ds.ties[k as usize].to as usize;
                match state[to] {
                    0 => {
                        state[to] = 1;
                        taken.push(k as usize);
                        stack.push((to, 0));
                    }
                    1 => {
                        // Back to a node on the path: the ties from it to here, and this one.
                        let at = stack.iter().position(|&(v, _)| v == to).expect("on the path");
                        let mut cycle: Vec<usize> = taken[at..].to_vec();
                        cycle.push(k as usize);
                        let first = (0..cycle.len())
                            .min_by_key(|&i| ds.ties[cycle[i]].from)
                            .expect("a cycle has ties");
                        cycle.rotate_left(first);
                        if !cycles.contains(&cycle) {
                            cycles.push(cycle);
                        }
                    }
                    _ => {}
                }
            } else {
                state[node] = 2;
                stack.pop();
                taken.pop();
            }
        }
    }
    cycles
}
