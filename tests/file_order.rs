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

/// The shipped data with every list, records of one pair too, in a fixed-seed random order
/// (not just reversed): a permutation that no sort by file order can undo.
fn shuffled(seed: u64) -> String {
    let text = std::fs::read_to_string(root().join("data/us-japan-2025.json")).unwrap();
    let data: Json = serde_json::from_str(&text).unwrap();
    let mut state = seed;
    let mut next = move |below: usize| {
        // A 64-bit linear congruential generator (Knuth's MMIX constants).
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((state >> 33) as usize) % below
    };
    let mut lists = Vec::new();
    for key in ["sources", "entities", "projects", "participations", "ties"] {
        let mut items = data[key].as_array().unwrap().clone();
        for i in (1..items.len()).rev() {
            items.swap(i, next(i + 1));
        }
        lists.push(format!("{key:?}: {}", Json::from(items)));
    }
    format!("{{{}}}", lists.join(", "))
}

/// Questions whose answers once followed the order of the records (second user trial):
/// roles, histories and evidence of links of several records, the sources of exports.
fn order_questions() -> Vec<Vec<String>> {
    let mut questions: Vec<Vec<&str>> = vec![
        vec!["changes", "--since", "2000"],
        vec!["changes", "--since", "2025-01-15"],
        vec!["--json", "changes", "--since", "2000"],
        vec!["list", "sources"],
    ];
    for name in [
        "softbank-group",
        "hitachi",
        "westinghouse",
        "portsmouth-ohio-gas-plant",
        "S1",
        "S7",
    ] {
        questions.push(vec!["show", name]);
        questions.push(vec!["--json", "show", name]);
        if !name.starts_with('S') {
            questions.push(vec!["timeline", name]);
        }
        questions.push(vec!["--roll-up", "show", name]);
        questions.push(vec!["--roll-up", "--json", "show", name]);
    }
    for format in ["json", "cytoscape", "graphml", "gexf", "csv", "cypher", "ftm"] {
        questions.push(vec!["export", "--format", format]);
        questions.push(vec!["--roll-up", "export", "--format", format]);
    }
    // Diagrams: the DOT, and the explorer page with the built-in engine (the same on every
    // machine); their `n<k>` and `e<k>` ids and their order come from the content.
    for view in [
        vec![],
        vec!["--focus", "hitachi"],
        vec!["--projection"],
        vec!["--projection", "--min-shared", "2"],
        vec!["--since", "2025-10-01"],
        vec!["--path", "softbank-group", "westinghouse"],
        vec!["--cluster", "country"],
    ] {
        for format in [&["--format", "dot"][..], &["--format", "html", "--engine", "builtin"]] {
            questions.push([&["diagram"][..], format, &view].concat());
        }
    }
    questions.push(vec!["--roll-up", "diagram", "--format", "dot"]);
    questions
        .into_iter()
        .map(|q| q.into_iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn answers_are_the_same_in_a_random_record_order() {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<_> = [3u64, 1_000_003]
        .into_iter()
        .map(|seed| {
            let file = dir.path().join(format!("shuffled-{seed}.json"));
            std::fs::write(&file, shuffled(seed)).unwrap();
            file
        })
        .collect();
    for question in order_questions() {
        let question: Vec<&str> = question.iter().map(String::as_str).collect();
        let shipped = partnet(&question).ok().stdout;
        for data in &files {
            let answer = run_on(data, &question).ok().stdout;
            assert!(
                answer == shipped,
                "{question:?} on {}:\n{answer}\nagainst data/:\n{shipped}",
                data.display()
            );
        }
    }
}

/// Records of one pair on one day, in either order: an entity that is lead, financier and
/// partner of one project, reported then agreed, the same day.
#[test]
fn records_of_one_day_answer_the_same_in_either_order() {
    let records = [
        r#"{"entity": "a", "project": "p", "role": "partner", "status": "reported", "date": "2025-02-01", "sources": ["s1"], "evidence": "s1: A joins P."}"#,
        r#"{"entity": "a", "project": "p", "role": "lead", "status": "reported", "date": "2025-02-01", "sources": ["s1"]}"#,
        r#"{"entity": "a", "project": "p", "role": "financier", "status": "agreed", "date": "2025-02-01", "sources": ["s2"], "evidence": "s2: A finances P."}"#,
        r#"{"entity": "a", "project": "p", "role": "lead", "status": "agreed", "date": "2025-02-01", "sources": ["s2"], "evidence": "s2: A leads P."}"#,
        r#"{"entity": "b", "project": "p", "role": "partner", "date": "2025-02-01", "sources": ["s2"]}"#,
    ];
    let data = |order: &[usize]| {
        let list: Vec<&str> = order.iter().map(|&i| records[i]).collect();
        format!(
            r#"{{"sources": [{{"id": "s2", "publisher": "Wire", "date": "2025-02-01"}}, {{"id": "s1", "publisher": "Wire", "date": "2025-02-01"}}],
              "entities": [{{"id": "a", "name": "A"}}, {{"id": "b", "name": "B"}}],
              "projects": [{{"id": "p", "name": "P", "sector": "energy", "date": "2025-02-01"}}],
              "participations": [{}],
              "ties": [{{"from": "a", "to": "b", "kind": "partner", "sources": ["s2"], "date": "2025-02-01"}},
                       {{"from": "a", "to": "b", "kind": "partner", "sources": ["s1"], "date": "2025-02-01", "evidence": "s1: A and B."}}]}}"#,
            list.join(", ")
        )
    };
    let orders: [&[usize]; 3] = [&[0, 1, 2, 3, 4], &[3, 2, 1, 0, 4], &[2, 4, 0, 3, 1]];
    let mut questions = vec![
        vec!["show", "a"],
        vec!["--json", "show", "a"],
        vec!["show", "s2"],
        vec!["timeline", "a"],
        vec!["--json", "timeline", "p"],
        vec!["changes", "--since", "2025-01-15"],
        vec!["--json", "changes", "--since", "2025-01-15"],
        vec!["list", "sources"],
    ];
    for format in ["json", "cytoscape", "graphml", "gexf", "csv", "cypher", "ftm"] {
        questions.push(vec!["export", "--format", format]);
    }
    for question in questions {
        let first = common::with_data(&data(orders[0]), &question).ok().stdout;
        for order in &orders[1..] {
            let answer = common::with_data(&data(order), &question).ok().stdout;
            assert!(
                answer == first,
                "{question:?} in order {order:?}:\n{answer}\nin file order:\n{first}"
            );
        }
    }
}
