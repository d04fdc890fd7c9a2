//! Name resolution: a NAME argument matches an id, a name or an alias, ignoring case,
//! accents and spacing.
//!
//! Resolution scans the records instead of keeping an index: one lookup per command costs
//! a few milliseconds even on a million nodes, and loading stays lean.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, ErrorKind};
use crate::model::{Dataset, NodeId, NodeRef};

/// Folds a name for matching: lowercase, accents removed, runs of spaces, dots and dashes
/// collapsed to one space.
///
/// ```
/// use partnet::names::fold;
/// assert_eq!(fold("  Société Générale "), "societe generale");
/// assert_eq!(fold("GE-Vernova"), fold("ge vernova"));
/// ```
pub fn fold(text: &str) -> Cow<'_, str> {
    let simple = text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        || (text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b' ')
            && !text.starts_with(' ')
            && !text.ends_with(' ')
            && !text.contains("  ")
            && text.bytes().any(|b| b.is_ascii_alphanumeric()));
    if simple {
        return if text.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(text.to_ascii_lowercase())
        } else {
            Cow::Borrowed(text)
        };
    }
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        if c.is_whitespace() || matches!(c, '-' | '_' | '.' | '·' | '‐' | '–' | '—') {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.extend(c.to_lowercase());
    }
    if out.is_empty() {
        // A name made only of separators still has to match itself.
        return Cow::Owned(text.to_lowercase());
    }
    Cow::Owned(out)
}

/// How close a candidate is to the query, from 0 to 1; both already folded.
fn closeness(query: &str, candidate: &str) -> f64 {
    let mut score = strsim::normalized_damerau_levenshtein(query, candidate);
    // "westing" should find "Westinghouse": a prefix or substring is a strong hint.
    if candidate.starts_with(query) || query.starts_with(candidate) {
        score = score.max(0.75);
    } else if candidate.contains(query) {
        score = score.max(0.6);
    }
    score
}

/// Below this closeness a candidate is not worth suggesting.
const MIN_CLOSENESS: f64 = 0.3;

/// The `limit` candidates closest to `query`, best first; equal scores by the candidates'
/// text, so that the answer does not depend on the order they come in (a sector list in
/// the order of the files).
pub fn nearest<'a>(query: &str, candidates: impl Iterator<Item = &'a str>, limit: usize) -> Vec<&'a str> {
    let q = fold(query);
    let mut scored: Vec<(f64, &str)> = candidates
        .map(|c| (closeness(&q, &fold(c)), c))
        .filter(|(score, _)| *score >= MIN_CLOSENESS)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    let mut out: Vec<&str> = Vec::new();
    for (_, c) in scored {
        if !out.contains(&c) {
            out.push(c);
        }
        if out.len() == limit {
            break;
        }
    }
    out
}

/// Finds the node a user means by `query`.
///
/// An empty (or blank) query is a usage error. An exact id wins; then an id that folds to
/// the same text as `query`, then a name that does, then an alias: the first of these that
/// some node matches decides, so an organisation called "Hitachi" is not lost to another's
/// alias "Hitachi". No candidate is an error suggesting the three nearest names; several at
/// the deciding level are an error listing them.
pub fn resolve(ds: &Dataset, query: &str) -> Result<NodeId, Error> {
    // An empty NAME would be "nearest" to some name or other: it is a mistake of the
    // command line (an unset shell variable), not a name to look up.
    if query.trim().is_empty() {
        return Err(Error::usage(format!("the NAME argument {query:?} is empty")).with_help(
            "give the id, name or alias of an organisation or project (`partnet list entities` lists them)",
        ));
    }
    if let Some(n) = ds.nodes().find(|&n| ds.node(n).id() == query) {
        return Ok(n);
    }
    let wanted = fold(query);
    let by_id = |n: NodeId| fold(ds.node(n).id()) == wanted;
    let by_name = |n: NodeId| fold(ds.node(n).name()) == wanted;
    let by_alias = |n: NodeId| match ds.node(n) {
        NodeRef::Entity(e) => e.aliases().iter().any(|a| fold(a) == wanted),
        NodeRef::Project(_) => false,
    };
    let levels: [&dyn Fn(NodeId) -> bool; 3] = [&by_id, &by_name, &by_alias];
    let matches: Vec<NodeId> = levels
        .iter()
        .map(|hit| ds.nodes().filter(|&n| hit(n)).collect::<Vec<_>>())
        .find(|found| !found.is_empty())
        .unwrap_or_default();
    match matches.as_slice() {
        [one] => Ok(*one),
        [] => Err(unknown(ds, query)),
        many => {
            // Listed by id, so that the message does not follow the order of the files.
            let mut many = many.to_vec();
            many.sort_by_key(|&n| ds.node(n).id());
            let listed: Vec<String> = many
                .iter()
                .take(10)
                .map(|&n| format!("{} ({})", ds.node(n).id(), ds.node(n).name()))
                .collect();
            Err(Error::new(
                ErrorKind::NotFound,
                format!("{query:?} is ambiguous: it matches {}", listed.join(", ")),
            )
            .with_help("use the id of the one you mean"))
        }
    }
}

/// Finds the node a user means by `query` (see [`resolve`]), and checks that the filters
/// show it.
pub fn resolve_visible(view: &crate::filter::View, query: &str) -> Result<NodeId, Error> {
    view.require(resolve(view.ds, query)?)
}

/// The two ends of a path, found as [`resolve`] finds them; the same node twice is a usage
/// error (a path from a node to itself says nothing), for `path` and `diagram --path` alike.
pub fn resolve_ends(ds: &Dataset, from: &str, to: &str) -> Result<(NodeId, NodeId), Error> {
    let (a, b) = (resolve(ds, from)?, resolve(ds, to)?);
    if a == b {
        let node = ds.node(a);
        return Err(Error::usage(format!(
            "both ends of the path ({from:?}, {to:?}) are {:?} ({}): a path needs two different ends",
            node.name(),
            node.id()
        ))
        .with_help(format!(
            "to see what {:?} is linked to, run `partnet show {}`",
            node.name(),
            node.id()
        )));
    }
    Ok((a, b))
}

/// The source whose id is `name` (ignoring case when only one matches so), as an index of
/// `Dataset::sources`.
pub fn source_named(ds: &Dataset, name: &str) -> Option<u32> {
    if let Some(i) = ds.sources.iter().position(|s| &*s.id == name) {
        return Some(i as u32);
    }
    let mut folded = ds
        .sources
        .iter()
        .enumerate()
        .filter(|(_, s)| s.id.eq_ignore_ascii_case(name));
    match (folded.next(), folded.next()) {
        (Some((i, _)), None) => Some(i as u32),
        _ => None,
    }
}

/// The error for a NAME that is a source's id where an organisation or project is asked
/// for, the same from every command: `"S7" is a source, not an organisation or project`
/// (`why` may add what follows, as timeline's ": it has no timeline"), and to use `show`
/// (`instead` says what to do else).
pub fn source_not_node(id: &str, why: &str, instead: &str) -> Error {
    let id = crate::text::clean(id);
    Error::not_found(format!("{id:?} is a source, not an organisation or project{why}"))
        .with_help(format!("`partnet show {id}` lists what it backs; {instead}"))
}

/// The "no such name" error, suggesting the names of the three nodes whose id, name or
/// alias comes closest; for a source's id, that it is a source.
fn unknown(ds: &Dataset, query: &str) -> Error {
    if let Some(s) = source_named(ds, query) {
        return source_not_node(&ds.sources[s as usize].id, "", "name an organisation or a project here");
    }
    let q = fold(query);
    let mut scored: Vec<(f64, NodeId)> = ds
        .nodes()
        .map(|n| {
            let node = ds.node(n);
            let aliases: &[Box<str>] = match node {
                NodeRef::Entity(e) => e.aliases(),
                NodeRef::Project(_) => &[],
            };
            let best = std::iter::once(node.name())
                .chain(aliases.iter().map(|a| &**a))
                .chain(std::iter::once(node.id()))
                .map(|c| closeness(&q, &fold(c)))
                .fold(0.0, f64::max);
            (best, n)
        })
        .filter(|(score, _)| *score >= MIN_CLOSENESS)
        .collect();
    // Equal scores by id, not by node number, which follows the order of the files.
    scored.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then_with(|| ds.node(a.1).id().cmp(ds.node(b.1).id()))
    });
    let err = Error::not_found(format!("no entity or project is called {query:?}"));
    if scored.is_empty() {
        return err.with_help("run `partnet list entities` or `partnet list projects` to see the names");
    }
    let quoted: Vec<String> = scored
        .iter()
        .take(3)
        .map(|&(_, n)| format!("{:?}", ds.node(n).name()))
        .collect();
    err.with_help(format!("did you mean {}?", quoted.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_separators() {
        assert_eq!(fold("Mitsubishi  Heavy-Industries"), "mitsubishi heavy industries");
        assert_eq!(fold("ÉLÉMENT Six"), "element six");
        assert_eq!(fold("東芝"), "東芝");
        assert_eq!(fold("---"), "---");
    }

    fn dataset(text: &str) -> Dataset {
        let input = crate::load::Input::Text("t.json".into(), text.into());
        crate::load::load(&[input], Default::default()).unwrap().dataset
    }

    #[test]
    fn an_id_beats_a_name_and_a_name_beats_an_alias() {
        let ds = dataset(
            r#"{"entities": [{"id": "hitachi-energy", "name": "Hitachi Energy", "aliases": ["Hitachi"]},
                             {"id": "h1", "name": "Hitachi"},
                             {"id": "energy", "name": "Energy Co", "aliases": ["Hitachi Energy"]},
                             {"id": "x", "name": "X", "aliases": ["dup"]}, {"id": "y", "name": "Y", "aliases": ["dup"]}]}"#,
        );
        let id = |q: &str| resolve(&ds, q).map(|n| ds.node(n).id().to_string());
        assert_eq!(id("Hitachi").unwrap(), "h1", "a name beats an alias");
        assert_eq!(
            id("hitachi energy").unwrap(),
            "hitachi-energy",
            "an id beats a name and an alias"
        );
        assert_eq!(id("ENERGY").unwrap(), "energy", "a folded id");
        let err = id("dup").unwrap_err().to_string();
        assert!(
            err.contains("ambiguous") && err.contains("x (X)") && err.contains("y (Y)"),
            "{err}"
        );
    }

    #[test]
    fn nearest_breaks_equal_scores_by_text_whatever_the_order() {
        // "energy/solar" and "energy/wind" are both prefixed by "energy": equally close.
        let sectors = ["energy/wind", "mining", "energy/solar", "energy/nuclear", "defense"];
        assert_eq!(
            nearest("energy", sectors.iter().copied(), 2),
            vec!["energy/nuclear", "energy/solar"]
        );
        // Every order of the candidates gives the same answer.
        use proptest::prelude::*;
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let orders = Just(sectors.to_vec()).prop_shuffle();
        runner
            .run(&(orders, 1..=sectors.len()), |(shuffled, limit)| {
                prop_assert_eq!(
                    nearest("energy", shuffled.iter().copied(), limit),
                    nearest("energy", sectors.iter().copied(), limit)
                );
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn nearest_prefers_close_names() {
        let names = [
            "Westinghouse Electric Company",
            "Westinghouse",
            "Toshiba",
            "IHI Corporation",
        ];
        assert_eq!(nearest("Westinghose", names.iter().copied(), 1), vec!["Westinghouse"]);
        assert_eq!(nearest("toshbia", names.iter().copied(), 1), vec!["Toshiba"]);
        assert!(nearest("zzzzzzzzzzzz", names.iter().copied(), 3).is_empty());
    }
}
