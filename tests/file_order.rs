//! No answer depends on the order of the records in the files: the shipped data, written
//! again in another order (and read back from its own export), gives the same bytes.

mod common;

use common::{partnet, root, run_on};
use serde_json::Value as Json;

/// The shipped data with every list backwards: sources, organisations and projects one by
/// one, links and ties pair by pair. The records of one pair keep their order, which the
/// answers document as theirs (a link's roles and evidence, in record order).
fn reordered() -> String {
    let text = std::fs::read_to_string(root().join("data/us-japan-2025.json")).unwrap();
    let data: Json = serde_json::from_str(&text).unwrap();
    let list = |key: &str| data[key].as_array().unwrap().clone();
    let backwards = |key: &str| {
        let mut items = list(key);
        items.reverse();
        Json::from(items)
    };
    // Pair by pair: each pair where its first record was, the pairs then reversed.
    let by_pair = |key: &str, pair: &dyn Fn(&Json) -> (String, String)| {
        let mut pairs: Vec<((String, String), Vec<Json>)> = Vec::new();
        for record in list(key) {
            let p = pair(&record);
            match pairs.iter_mut().find(|(q, _)| *q == p) {
                Some((_, records)) => records.push(record),
                None => pairs.push((p, vec![record])),
            }
        }
        Json::from(pairs.into_iter().rev().flat_map(|(_, r)| r).collect::<Vec<_>>())
    };
    let text = |r: &Json, key: &str| r[key].as_str().unwrap().to_string();
    let link = |r: &Json| (text(r, "entity"), text(r, "project"));
    let tie = |r: &Json| {
        let (a, b) = (text(r, "from"), text(r, "to"));
        (a.clone().min(b.clone()), a.max(b))
    };
    // In the schema's order, so that the streaming loader reads it as it reads the data.
    format!(
        r#"{{"sources": {}, "entities": {}, "projects": {}, "participations": {}, "ties": {}}}"#,
        backwards("sources"),
        backwards("entities"),
        backwards("projects"),
        by_pair("participations", &link),
        by_pair("ties", &tie),
    )
}

/// What must not move: every component, the first three, and what changed in windows
/// that start before, within and after the 28 Oct 2025 list, as text and as JSON.
const QUESTIONS: &[&[&str]] = &[
    &["components", "--top", "0"],
    &["components", "--top", "3"],
    &["--json", "components", "--top", "0"],
    &["changes", "--since", "2000"],
    &["--json", "changes", "--since", "2000"],
    &["--json", "changes", "--since", "2025-10-01"],
    &["--json", "changes", "--since", "2025-10-28", "--until", "2026-02-17"],
    &["--json", "changes", "--since", "2025-12-31"],
];

#[test]
fn components_and_changes_answer_the_same_in_any_record_order() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("reordered.json");
    std::fs::write(&other, reordered()).unwrap();
    let exported = dir.path().join("export.json");
    partnet(&["export", "--format", "json", "-o", exported.to_str().unwrap()]).ok();
    for question in QUESTIONS {
        let shipped = partnet(question).ok().stdout;
        for data in [&other, &exported] {
            let answer = run_on(data, question).ok().stdout;
            assert!(
                answer == shipped,
                "{question:?} on {}:\n{answer}\nagainst data/:\n{shipped}",
                data.display()
            );
        }
    }
}

/// The reordered file holds the same data in another order.
#[test]
fn the_reordered_data_is_the_same_data_in_another_order() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("reordered.json");
    let text = reordered();
    std::fs::write(&other, &text).unwrap();
    assert_eq!(
        partnet(&["--json", "stats"]).ok().json(),
        run_on(&other, &["--json", "stats"]).ok().json()
    );
    let first = |text: &str, key: &str| {
        let data: Json = serde_json::from_str(text).unwrap();
        data[key][0].clone()
    };
    let shipped = std::fs::read_to_string(root().join("data/us-japan-2025.json")).unwrap();
    for key in ["sources", "entities", "projects", "participations", "ties"] {
        assert_ne!(first(&text, key), first(&shipped, key), "{key} in another order");
    }
}
