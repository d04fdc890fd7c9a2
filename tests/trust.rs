//! Answers a reporter can publish (issue 13): filters keep what passes them, every answer
//! names its sources, and the text output stays usable. Runs the real binary on the
//! shipped data and on small datasets.

mod common;

use std::io::Read;
use std::process::{Command, Stdio};

use common::{ids, partnet, with_data};
use serde_json::Value as Json;

fn json(args: &[&str]) -> Json {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    partnet(&all).ok().json()
}

#[test]
fn as_of_keeps_every_project_reported_by_then() {
    let all = json(&["list", "projects"]);
    assert_eq!(
        json(&["--as-of", "2030-01-01", "list", "projects"]),
        all,
        "nothing is newer than 2030"
    );
    // The five critical-minerals items of S2 (28 Oct 2025) have no participant: still there.
    let end_2025 = json(&["--as-of", "2025-12-31", "list", "projects"]);
    let listed = ids(&end_2025);
    for item in [
        "ammonia-urea-fertiliser-plant",
        "western-us-copper-smelter",
        "southern-us-crude-export-ports",
        "hpht-diamond-grit-plant",
        "lithium-iron-phosphate-plant",
    ] {
        assert!(listed.contains(&item.to_string()), "{item} was listed on 28 Oct 2025");
    }
    for later in ["portsmouth-ohio-gas-plant", "geh-smr-tennessee-alabama"] {
        assert!(!listed.contains(&later.to_string()), "{later} came in 2026");
    }
    let sectors = json(&["--as-of", "2025-12-31", "sectors"]);
    let minerals = sectors
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["sector"] == "critical-minerals")
        .expect("critical minerals as of 2025");
    assert_eq!(minerals["value"], "up to $5.85B", "{minerals}");
}

#[test]
fn as_of_after_all_the_data_answers_as_no_filter_does() {
    let commands: &[&[&str]] = &[
        &["stats"],
        &["list", "entities"],
        &["list", "projects"],
        &["list", "sources"],
        &["show", "westinghouse"],
        &["show", "us-japan-strategic-investment"],
        &["show", "S7"],
        &["partners", "toshiba", "--depth", "2"],
        &["path", "softbank-group", "westinghouse", "--all"],
        &["components"],
        &["rank", "--by", "partners"],
        &["rank", "--by", "projects"],
        &["rank", "--by", "betweenness"],
        &["rank", "--by", "value"],
        &["sectors", "--level", "1"],
        &["export", "--format", "json"],
        &["export", "--format", "csv"],
    ];
    for args in commands {
        let plain = partnet(&[&["--json"], *args].concat()).ok().stdout;
        let dated = partnet(&[&["--json", "--as-of", "2100-01-01"], *args].concat())
            .ok()
            .stdout;
        assert_eq!(dated, plain, "{args:?}");
    }
}

#[test]
fn show_applies_the_filters() {
    let programme = json(&["--as-of", "2025-10-28", "show", "us-japan-strategic-investment"]);
    let parts: Vec<&str> = programme["parts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert!(parts.contains(&"westinghouse-ap1000-smr"));
    assert!(!parts.contains(&"portsmouth-ohio-gas-plant"), "a 2026 part: {parts:?}");
    let cited = ids(&programme["sources"]);
    assert!(cited.contains(&"S2".to_string()));
    for later in ["S7", "S8", "S6"] {
        assert!(
            !cited.contains(&later.to_string()),
            "{later} is later than 28 Oct 2025: {cited:?}"
        );
    }
}

#[test]
fn status_keeps_projects_of_that_status() {
    let selected = ids(&json(&["--status", "selected", "list", "projects"]));
    assert!(
        selected.contains(&"pennsylvania-texas-gas-generation".to_string()),
        "selected, though no company is named: {selected:?}"
    );
}

#[test]
fn filter_values_that_nothing_has_are_usage_errors_with_suggestions() {
    for (args, says) in [
        (&["--country", "JPN"][..], "did you mean JP?"),
        (&["--country", "Japan"][..], "Japan is JP"),
        (&["--status", "sined"][..], "did you mean signed"),
        (&["--role", "leader"][..], "did you mean lead"),
        (&["--sector", "nuclear"][..], "did you mean energy/nuclear"),
        (&["--kind", "compnay"][..], "did you mean company"),
    ] {
        let run = partnet(&[args, &["stats"]].concat());
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty());
        assert!(run.stderr.contains(args[1]), "names the value: {}", run.stderr);
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
    }
    // A known value with nothing of it left after the other filters is an answer, not an error.
    assert_eq!(
        partnet(&["--country", "CA", "--sector", "ai-infrastructure", "stats"]).code,
        0
    );
}

#[test]
fn answers_resolve_the_sources_they_cite() {
    let s7 = "S7 (Kyodo News; Reuters, 2026-02-17)";
    let path = partnet(&["path", "toshiba", "bechtel"]).ok().stdout;
    assert!(path.contains(s7), "{path}");
    let partners = partnet(&["partners", "sb-energy"]).ok().stdout;
    assert!(partners.contains(s7), "{partners}");
    let show = partnet(&["show", "westinghouse"]).ok().stdout;
    assert!(
        show.contains("https://www.whitehouse.gov/fact-sheets/"),
        "the url where known: {show}"
    );
    for args in [
        &["path", "toshiba", "bechtel"][..],
        &["partners", "westinghouse"],
        &["show", "hitachi"],
    ] {
        let report = json(args);
        let listed: Vec<String> = ids(&report["sources"]);
        assert!(!listed.is_empty(), "{args:?}");
        for s in report["sources"].as_array().unwrap() {
            assert!(s["title"].is_string() && s["publisher"].is_string(), "{args:?}: {s}");
        }
        // Every id a link cites is resolved at the top.
        let mut cited: Vec<String> = Vec::new();
        let links = report
            .get("links")
            .and_then(Json::as_array)
            .cloned()
            .unwrap_or_default();
        for l in links {
            cited.extend(
                l["sources"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s.as_str().unwrap().to_string()),
            );
        }
        for p in report
            .get("partners")
            .and_then(Json::as_array)
            .cloned()
            .unwrap_or_default()
        {
            cited.extend(
                p["sources"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s.as_str().unwrap().to_string()),
            );
        }
        assert!(!cited.is_empty(), "{args:?}");
        for id in cited {
            assert!(listed.contains(&id), "{args:?}: {id} is cited but not resolved");
        }
    }
}

#[test]
fn a_source_lists_what_it_backs() {
    let sources = json(&["list", "sources"]);
    let s7 = sources.as_array().unwrap().iter().find(|s| s["id"] == "S7").unwrap();
    assert_eq!(
        (s7["projects"].as_u64(), s7["links"].as_u64()),
        (Some(4), Some(6)),
        "{s7}"
    );
    let backed = json(&["show", "S7"]);
    assert_eq!(backed["publisher"], "Kyodo News; Reuters");
    assert!(ids(&backed["projects"]).contains(&"portsmouth-ohio-gas-plant".to_string()));
    let links: Vec<(String, String)> = backed["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["entity"].as_str().unwrap().into(),
                l["project"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert!(
        links.contains(&("sb-energy".into(), "portsmouth-ohio-gas-plant".into())),
        "{links:?}"
    );
    assert!(partnet(&["show", "S7"]).ok().stdout.contains("links it backs:"));
    let hidden = partnet(&["--as-of", "2025-12-31", "show", "S7"]);
    assert_eq!(hidden.code, 1);
    assert!(hidden.stderr.contains("hidden by the filters"), "{}", hidden.stderr);
}

#[test]
fn the_best_evidenced_of_equally_short_chains_is_chosen() {
    let chain = json(&["path", "SoftBank", "Westinghouse"]);
    let nodes = ids(&chain["nodes"]);
    assert!(
        nodes.contains(&"westinghouse-reactor-term-sheet".to_string()),
        "through the term sheet, not two potential links: {nodes:?}"
    );
    // Either way round, the same chain.
    let mut back = ids(&json(&["path", "Westinghouse", "SoftBank"])["nodes"]);
    back.reverse();
    assert_eq!(back, nodes);
}

#[test]
fn path_all_says_how_many_and_refuses_limit_0() {
    let all = json(&["path", "toshiba", "bechtel", "--all", "--limit", "1"]);
    let total = all["total"].as_u64().unwrap();
    assert!(total > 1, "{all}");
    assert_eq!(all["truncated"], true);
    assert_eq!(all["paths"].as_array().unwrap().len(), 1);
    let text = partnet(&["path", "toshiba", "bechtel", "--all", "--limit", "1"])
        .ok()
        .stdout;
    assert!(
        text.contains(&format!("chain 1 of {total}")) && text.contains("more shortest chains"),
        "{text}"
    );
    let zero = partnet(&["path", "toshiba", "bechtel", "--all", "--limit", "0"]);
    assert_eq!(zero.code, 2, "{}", zero.stderr);
    assert!(zero.stderr.contains("--limit"));
}

#[test]
fn cut_lists_say_how_many_more() {
    let rank = partnet(&["rank", "--top", "3"]).ok().stdout;
    assert!(
        rank.contains("… and ") && rank.contains(" more (--top 0 shows all)"),
        "{rank}"
    );
    let all = json(&["components"]).as_array().unwrap().len();
    let text = partnet(&["components", "--top", "2"]).ok().stdout;
    assert!(text.contains(&format!("… and {} more", all - 2)), "{text}");
    assert_eq!(
        json(&["components", "--top", "0"]).as_array().unwrap().len(),
        all,
        "--top 0 is all"
    );
}

#[test]
fn a_huge_name_does_not_blow_up_the_table() {
    let name = "N".repeat(100_000);
    let data = format!(r#"{{"entities": [{{"id": "big", "name": "{name}"}}, {{"id": "small", "name": "S"}}]}}"#);
    let text = with_data(&data, &["list", "entities"]).ok().stdout;
    assert!(text.len() < 1000, "{} bytes", text.len());
    assert!(text.contains('…'));
    let whole = with_data(&data, &["--json", "list", "entities"]).ok().json();
    assert_eq!(whole[0]["name"].as_str().unwrap().len(), 100_000, "JSON stays exact");
}

#[test]
fn a_closed_pipe_ends_quietly_with_status_0() {
    // Output far larger than a pipe's buffer, so partnet is still writing when the reader goes.
    let entities: Vec<String> = (0..20_000)
        .map(|i| format!(r#"{{"id": "e{i}", "name": "Entity {i}"}}"#))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("many.json");
    std::fs::write(&file, format!(r#"{{"entities": [{}]}}"#, entities.join(","))).unwrap();
    let file = file.to_str().unwrap();
    let runs: &[&[&str]] = &[
        &["--json", "list", "entities"],
        &["list", "entities"],
        &["export", "--format", "json"],
        &["export", "--format", "csv"],
        &["export", "--format", "graphml"],
        &["export", "--format", "gexf"],
        &["export", "--format", "cytoscape"],
        &["export", "--format", "cypher"],
        &["export", "--format", "ftm"],
        &["diagram", "--format", "dot"],
    ];
    for args in runs {
        let mut child = Command::new(env!("CARGO_BIN_EXE_partnet"))
            .args(["--data", file])
            .args(*args)
            .current_dir(dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 16];
        child.stdout.as_mut().unwrap().read_exact(&mut first).unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(out.stderr.is_empty(), "{args:?}: {stderr}");
    }
}

#[test]
fn png_is_not_written_to_a_terminal() {
    // `script` (util-linux) gives the command a terminal; its record goes to a temporary file.
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("SKIP png_is_not_written_to_a_terminal: no `script` command to make a terminal");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("typescript");
    let command = format!(
        "{} --data {} diagram --format png",
        env!("CARGO_BIN_EXE_partnet"),
        common::root().join("data").display()
    );
    let out = Command::new("script")
        .args(["-qec", &command, record.to_str().unwrap()])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{shown}");
    assert!(shown.contains("PNG is binary") && shown.contains("-o FILE"), "{shown}");
    assert!(
        !shown.contains("PNG\r\n\u{1a}") && !shown.contains("\u{89}PNG"),
        "no image bytes"
    );
}
