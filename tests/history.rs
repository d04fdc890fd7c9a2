//! Change over time (issue 17): histories of links, `changes` and `timeline`, on a fixture
//! whose links move (Alpha interested in 2025-11, agreed in 2026-02; Beta signed, then
//! cancelled in 2026-05; Delta a financier, later also weighing an investment) and on the
//! shipped data's tranches of February and March 2026.

mod common;

use common::{fixture, ids, partnet};
use serde_json::Value as Json;

fn history(args: &[&str]) -> common::Run {
    let data = fixture("history.json");
    let mut all = vec!["--data", data.to_str().unwrap()];
    all.extend_from_slice(args);
    partnet(&all)
}

fn json(args: &[&str]) -> Json {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    history(&all).ok().json()
}

fn link<'a>(show: &'a Json, id: &str) -> &'a Json {
    show["links"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == id)
        .unwrap()
}

#[test]
fn a_window_lists_additions_and_status_moves_with_their_sources() {
    let c = json(&["changes", "--since", "2025-12-31", "--until", "2026-03-31"]);
    assert_eq!(
        (c["since"].as_str(), c["until"].as_str()),
        (Some("2025-12-31"), Some("2026-03-31"))
    );
    assert_eq!(ids(&c["added"]["entities"]), ["gamma"]);
    assert_eq!(ids(&c["added"]["projects"]), ["port"]);
    assert_eq!(c["added"]["projects"][0]["date"], "2026-02-12");
    assert_eq!(c["added"]["ties"], serde_json::json!([]));
    let links = c["added"]["links"].as_array().unwrap();
    assert_eq!(links.len(), 1);
    assert_eq!(
        (&links[0]["entity"], &links[0]["status"]),
        (&"gamma".into(), &"selected".into())
    );
    let changed = c["changed"].as_array().unwrap();
    assert_eq!(changed.len(), 1, "{changed:?}");
    for (key, want) in [
        ("entity", "alpha"),
        ("project", "plant"),
        ("from", "interested"),
        ("to", "agreed"),
        ("date", "2026-02-12"),
    ] {
        assert_eq!(changed[0][key], want, "{key}");
    }
    assert_eq!(changed[0]["sources"], serde_json::json!(["n2"]));
    assert_eq!(ids(&c["sources"]), ["n2"], "every source cited, resolved");
    assert_eq!(c["sources"][0]["publisher"], "Daily Ledger");

    // Until defaults to the latest date in the data: the cancellation of May 2026.
    let later = json(&["changes", "--since", "2026-03-31"]);
    assert_eq!(later["until"], "2026-05-20");
    let moves: Vec<(&str, &str, &str)> = later["changed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["entity"].as_str().unwrap(),
                c["from"].as_str().unwrap(),
                c["to"].as_str().unwrap(),
            )
        })
        .collect();
    // Delta's second role does not undo its agreement: no move.
    assert_eq!(moves, [("beta", "signed", "cancelled")]);
}

#[test]
fn changes_read_as_text_and_follow_the_filters() {
    let text = history(&["changes", "--since", "2025-12-31", "--until", "2026-03-31"])
        .ok()
        .stdout;
    for want in [
        "what became known after 2025-12-31, up to 2026-03-31",
        "organisations added (1):",
        "2026-02-12  Gamma Ports",
        "interested -> agreed",
        "Alpha Heavy in Coastal plant: n2 says Alpha agreed to build the plant.",
        "n2 (Daily Ledger, 2026-02-12): Alpha agrees; a port is picked",
    ] {
        assert!(text.contains(want), "{want:?} missing from:\n{text}");
    }
    let energy = json(&["--sector", "energy", "changes", "--since", "2025-12-31"]);
    assert!(ids(&energy["added"]["projects"]).is_empty(), "the port is logistics");
    assert_eq!(energy["changed"].as_array().unwrap().len(), 2);
    // Nothing after the last date: said so, exit 1.
    let none = history(&["changes", "--since", "2026-05-20"]);
    assert_eq!(none.code, 1, "{}", none.stderr);
    assert!(
        none.stdout.contains("nothing became known after 2026-05-20"),
        "{}",
        none.stdout
    );
}

#[test]
fn as_of_a_date_a_link_reads_as_its_latest_record() {
    let early = json(&["--as-of", "2025-12-31", "show", "plant"]);
    assert_eq!(link(&early, "alpha")["status"], "interested");
    assert!(
        link(&early, "alpha").get("history").is_none(),
        "one record by then: no history"
    );
    let feb = json(&["--as-of", "2026-03-01", "show", "plant"]);
    assert_eq!(link(&feb, "alpha")["status"], "agreed");
    assert_eq!(link(&feb, "beta")["status"], "signed");
    let june = json(&["--as-of", "2026-06-01", "show", "plant"]);
    assert_eq!(link(&june, "beta")["status"], "cancelled");
    assert_eq!(
        link(&june, "delta")["status"],
        "agreed",
        "a second role does not undo the first"
    );
    let all = json(&["show", "plant"]);
    assert_eq!(
        link(&all, "alpha")["history"],
        serde_json::json!([
            {"date": "2025-11", "status": "interested", "role": "partner", "sources": ["n1"]},
            {"date": "2026-02-12", "status": "agreed", "role": "partner", "sources": ["n2"]}
        ])
    );
    let path = json(&["path", "alpha", "beta"]);
    let histories: Vec<usize> = path["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["history"].as_array().map_or(0, Vec::len))
        .collect();
    assert_eq!(histories, [2, 2], "path carries each link's history");
    let shown = history(&["show", "plant"]).ok().stdout;
    assert!(
        shown.contains("history:\n  Alpha Heavy (alpha):\n    2025-11     partner  interested  n1"),
        "{shown}"
    );
}

#[test]
fn a_timeline_runs_oldest_first_with_each_move() {
    let t = json(&["timeline", "alpha"]);
    assert_eq!(t["node"]["id"], "alpha");
    let events: Vec<String> = t["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{} {} {}",
                e["date"].as_str().unwrap(),
                e["kind"].as_str().unwrap(),
                e["status"].as_str().unwrap_or("")
            )
        })
        .collect();
    assert_eq!(
        events,
        [
            "2025-11 participation interested",
            "2025-11-05 project ",
            "2026-02-12 participation agreed"
        ]
    );
    assert_eq!(
        (&t["events"][2]["from"], &t["events"][2]["to"]),
        (&"interested".into(), &"agreed".into())
    );
    assert_eq!(ids(&t["sources"]), ["n1", "n2"]);
    let text = history(&["timeline", "alpha"]).ok().stdout;
    assert!(
        text.contains("2026-02-12  participation     Coastal plant              partner  interested -> agreed  n2"),
        "{text}"
    );
    let project = json(&["--as-of", "2025-12-31", "timeline", "plant"]);
    let who: Vec<&str> = project["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["entity"].as_str().unwrap_or("-"))
        .collect();
    assert_eq!(who, ["alpha", "-", "beta", "delta"], "as of 2025, no 2026 record");
}

/// The shipped data: what the two tranches of 2026 added, each with its source.
#[test]
fn the_2026_tranches_are_what_changed_since_2025() {
    let c = partnet(&["--json", "changes", "--since", "2025-12-31", "--until", "2026-03-31"])
        .ok()
        .json();
    let projects: Vec<(String, String)> = c["added"]["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["id"].as_str().unwrap().to_string(),
                p["sources"][0].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for (id, source) in [
        ("portsmouth-ohio-gas-plant", "S7"),
        ("texas-gulflink", "S7"),
        ("georgia-diamond-grit-plant", "S7"),
        ("geh-smr-tennessee-alabama", "S8"),
        ("pennsylvania-texas-gas-generation", "S8"),
    ] {
        assert!(
            projects.contains(&(id.to_string(), source.to_string())),
            "{id} with {source}: {projects:?}"
        );
    }
    assert_eq!(ids(&c["sources"]), ["S7", "S8"]);
    assert!(c["added"]["links"]
        .as_array()
        .unwrap()
        .iter()
        .all(|l| !l["sources"].as_array().unwrap().is_empty()));
    let nuclear = partnet(&[
        "--json",
        "--sector",
        "energy/nuclear",
        "changes",
        "--since",
        "2025-12-31",
    ])
    .ok()
    .json();
    assert_eq!(ids(&nuclear["added"]["projects"]), ["geh-smr-tennessee-alabama"]);
    let toshiba = partnet(&["--json", "timeline", "toshiba"]).ok().json();
    let last = toshiba["events"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (&last["project"], &last["date"]),
        (&"portsmouth-ohio-gas-plant".into(), &"2026-02-17".into())
    );
}

/// "As of November 2025" keeps all of November: a month or a year given to `--as-of` or
/// `changes --until` stands for its last day, where as a date it would sort before its days
/// and leave them out (the plant is dated 2025-11-05).
#[test]
fn as_of_a_month_or_a_year_means_its_last_day() {
    history(&["--as-of", "2025-11", "show", "plant"]).ok();
    assert_eq!(history(&["--as-of", "2025-10", "show", "plant"]).code, 1);
    for (short, day) in [
        ("2025", "2025-12-31"),
        ("2025-11", "2025-11-30"),
        ("2024-02", "2024-02-29"),
    ] {
        for args in [&["list", "projects"][..], &["stats"], &["timeline", "alpha"]] {
            let with = |d: &str| {
                let mut all = vec!["--as-of", d];
                all.extend_from_slice(args);
                let run = history(&all);
                (run.code, run.stdout)
            };
            assert_eq!(with(short), with(day), "--as-of {short} {args:?}");
        }
    }
    let until = |d: &str| json(&["changes", "--since", "2025-10", "--until", d]);
    assert_eq!(until("2025-11"), until("2025-11-30"));
    assert_eq!(until("2025-11")["until"], "2025-11-30");
    // --since reads them so too: what --as-of 2025-11 already has is not new since 2025-11.
    for (short, day) in [("2025", "2025-12-31"), ("2025-11", "2025-11-30")] {
        let since = |d: &str| json(&["changes", "--since", d, "--until", "2026-12-31"]);
        assert_eq!(since(short), since(day), "changes --since {short}");
        let dot = |d: &str| {
            history(&["diagram", "--format", "dot", "-o", "-", "--since", d])
                .ok()
                .stdout
        };
        assert_eq!(dot(short), dot(day), "diagram --since {short}");
    }
    let known = ids(&json(&["--as-of", "2025-11", "list", "entities"]));
    let added = ids(&json(&["changes", "--since", "2025-11"])["added"]["entities"]);
    assert!(
        !known.is_empty() && known.iter().all(|e| !added.contains(e)),
        "{known:?} {added:?}"
    );
}

/// A project that gives no date of its own (none, and no dated source) is dated by its first
/// record, by `timeline` as by `changes` and `--as-of`: one rule (`query::known`).
#[test]
fn timeline_and_changes_date_a_project_without_a_date_alike() {
    let text = r#"{"sources": [{"id": "s1", "date": "2025-03-01"}],
        "entities": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
        "projects": [{"id": "p", "name": "P"}],
        "participations": [{"entity": "a", "project": "p", "date": "2025-03-01", "sources": ["s1"]},
                           {"entity": "b", "project": "p", "date": "2025-04-01"}]}"#;
    let run = |args: &[&str]| common::with_data(text, args).ok().json();
    let changes = run(&["--json", "changes", "--since", "2025-01-01"]);
    assert_eq!(changes["added"]["projects"][0]["date"], "2025-03-01", "{changes}");
    for node in ["p", "a"] {
        let t = run(&["--json", "timeline", node]);
        let own = t["events"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["kind"] == "project")
            .unwrap();
        assert_eq!(
            (&own["date"], &own["sources"]),
            (&"2025-03-01".into(), &serde_json::json!(["s1"])),
            "{t}"
        );
    }
    let hidden = common::with_data(text, &["--as-of", "2025-02-01", "--json", "list", "projects"]);
    assert_eq!(
        hidden.stdout.trim(),
        "[]",
        "--as-of agrees: unknown before its first record"
    );
}
