//! The core commands, run as a user runs them: on the shipped data and on small fixtures.

mod common;

use common::{fixture, ids, partnet, with_data};

fn small(args: &[&str]) -> common::Run {
    let path = fixture("small.json");
    let mut all = vec!["--data", path.to_str().unwrap()];
    all.extend_from_slice(args);
    partnet(&all)
}

#[test]
fn shipped_data_checks_clean() {
    let run = partnet(&["--json", "check"]).ok();
    let report = run.json();
    assert_eq!(report["errors"], 0);
    assert_eq!(report["ok"], true);
    let human = partnet(&["check"]).ok();
    assert!(
        human.stdout.lines().last().unwrap().starts_with("ok: "),
        "{}",
        human.stdout
    );
}

#[test]
fn shipped_stats_match_the_file() {
    let stats = partnet(&["--json", "stats"]).ok().json();
    let text = std::fs::read_to_string(common::root().join("data/us-japan-2025.json")).unwrap();
    let data: serde_json::Value = serde_json::from_str(&text).unwrap();
    let len = |k: &str| data[k].as_array().unwrap().len() as u64;
    assert_eq!(stats["entities"], len("entities"));
    assert_eq!(stats["projects"], len("projects"));
    assert_eq!(stats["participations"], len("participations"));
    assert_eq!(stats["sources"], len("sources"));
    assert_eq!(stats["nodes"], len("entities") + len("projects"));
    let mut pairs: Vec<(String, String)> = data["participations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["entity"].to_string(), p["project"].to_string()))
        .collect();
    pairs.sort();
    pairs.dedup();
    // Tied pairs are edges too, each pair once whichever way its ties point.
    let mut tied: Vec<(String, String)> = data["ties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            let (a, b) = (t["from"].to_string(), t["to"].to_string());
            (a.clone().min(b.clone()), a.max(b))
        })
        .collect();
    tied.sort();
    tied.dedup();
    assert_eq!(stats["ties"], tied.len() as u64);
    assert_eq!(stats["edges"], (pairs.len() + tied.len()) as u64);
    for key in ["components", "largest_component"] {
        assert!(stats[key].as_u64().unwrap() > 0);
    }
}

#[test]
fn westinghouse_works_with_mhi_toshiba_and_ihi() {
    let report = partnet(&["--json", "partners", "Westinghouse"]).ok().json();
    assert_eq!(report["entity"]["id"], "westinghouse");
    let partners = ids(&report["partners"]);
    for want in ["mitsubishi-heavy-industries", "toshiba", "ihi"] {
        assert!(partners.contains(&want.to_string()), "{want} missing from {partners:?}");
    }
    let mhi = report["partners"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "toshiba")
        .unwrap();
    assert_eq!(mhi["depth"], 1);
    assert!(mhi["shared_projects"]
        .as_array()
        .unwrap()
        .contains(&"westinghouse-ap1000-smr".into()));
    // Partnership is symmetric.
    let back = partnet(&["--json", "partners", "toshiba"]).ok().json();
    assert!(ids(&back["partners"]).contains(&"westinghouse".to_string()));
}

#[test]
fn names_match_ids_aliases_case_and_accents() {
    for name in [
        "MHI",
        "mitsubishi heavy industries",
        "Mitsubishi-Heavy-Industries",
        "mitsubishi-heavy-industries",
    ] {
        let report = partnet(&["--json", "partners", name]).ok().json();
        assert_eq!(report["entity"]["id"], "mitsubishi-heavy-industries", "{name}");
    }
    let report = small(&["--json", "partners", "EPSILON"]).ok().json();
    assert_eq!(report["entity"]["id"], "e");
}

#[test]
fn a_misspelt_name_fails_with_a_suggestion() {
    let run = partnet(&["partners", "Westinghose"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.contains("no entity or project is called \"Westinghose\""),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean \"Westinghouse Electric Company\""),
        "{}",
        run.stderr
    );
    let run = partnet(&["show", "Toshbia"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("did you mean \"Toshiba\""), "{}", run.stderr);
}

#[test]
fn an_ambiguous_name_lists_the_candidates() {
    let data = r#"{"entities": [{"id": "x1", "name": "Acme"}, {"id": "x2", "name": "ACME"}]}"#;
    let run = with_data(data, &["show", "acme"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("is ambiguous") && run.stderr.contains("x1 (Acme)") && run.stderr.contains("x2 (ACME)")
    );
    // The id still picks one.
    with_data(data, &["show", "x2"]).ok();
}

#[test]
fn partners_by_depth() {
    let report = small(&["--json", "partners", "a", "--depth", "2"]).ok().json();
    let partners = report["partners"].as_array().unwrap();
    let found: Vec<(String, u64)> = partners
        .iter()
        .map(|p| (p["id"].as_str().unwrap().to_string(), p["depth"].as_u64().unwrap()))
        .collect();
    assert_eq!(found, vec![("b".to_string(), 1), ("c".to_string(), 2)]);
    assert_eq!(partners[0]["shared_projects"], serde_json::json!(["p"]));
    assert_eq!(partners[1]["shared_projects"], serde_json::json!([]));
    let alone = small(&["partners", "f"]);
    assert_eq!(alone.code, 1, "no partners is 'nothing found'");
    assert!(alone.stdout.contains("has no partners"));
}

#[test]
fn path_carries_the_evidence() {
    let report = small(&["--json", "path", "Alpha", "Gamma"]).ok().json();
    assert_eq!(report["found"], true);
    assert_eq!(ids(&report["nodes"]), ["a", "p", "b", "q", "c"]);
    assert_eq!(report["nodes"][1]["kind"], "project");
    let first = &report["links"][0];
    assert_eq!(first["entity"], "a");
    assert_eq!(first["project"], "p");
    assert_eq!(first["roles"], serde_json::json!(["lead", "financier"]));
    assert_eq!(first["status"], "agreed");
    assert_eq!(first["sources"], serde_json::json!(["s1", "s2"]));
    assert_eq!(report["links"].as_array().unwrap().len(), 4);
    // The reverse path is the same chain backwards.
    let back = small(&["--json", "path", "c", "a"]).ok().json();
    let mut reversed = ids(&back["nodes"]);
    reversed.reverse();
    assert_eq!(reversed, ids(&report["nodes"]));
}

#[test]
fn no_path_exits_1() {
    let run = small(&["--json", "path", "a", "d"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.json()["found"], false);
    let human = small(&["path", "a", "d"]);
    assert!(human.stdout.contains("no path between Alpha Corp and Delta"));
}

#[test]
fn all_shortest_paths() {
    let data = r#"{"entities": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
      "projects": [{"id": "p1", "name": "P1"}, {"id": "p2", "name": "P2"}, {"id": "p3", "name": "P3"}],
      "participations": [{"entity": "a", "project": "p2"}, {"entity": "b", "project": "p2"},
        {"entity": "a", "project": "p1"}, {"entity": "b", "project": "p1"}, {"entity": "a", "project": "p3"}]}"#;
    let report = with_data(data, &["--json", "path", "a", "b", "--all"]).ok().json();
    let chains: Vec<Vec<String>> = report["paths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| ids(&c["nodes"]))
        .collect();
    assert_eq!(chains, vec![vec!["a", "p1", "b"], vec!["a", "p2", "b"]]);
    let limited = with_data(data, &["--json", "path", "a", "b", "--all", "--limit", "1"])
        .ok()
        .json();
    assert_eq!(limited["paths"].as_array().unwrap().len(), 1);
    // Without --all the smallest ids win, whatever the file order.
    assert_eq!(
        ids(&with_data(data, &["--json", "path", "a", "b"]).ok().json()["nodes"]),
        ["a", "p1", "b"]
    );
}

#[test]
fn components_largest_first() {
    let report = small(&["--json", "components"]).ok().json();
    let sizes: Vec<u64> = report
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["size"].as_u64().unwrap())
        .collect();
    assert_eq!(sizes, [5, 3, 1]);
    assert_eq!(report[0]["entities"], serde_json::json!(["a", "b", "c"]));
    assert_eq!(report[0]["projects"], serde_json::json!(["p", "q"]));
    let stats = small(&["--json", "stats"]).ok().json();
    assert_eq!(stats["components"], 3);
    assert_eq!(stats["largest_component"], 5);
    assert_eq!(stats["edges"], 6);
    assert_eq!(stats["participations"], 7);
}

#[test]
fn rank_by_partners_ties_by_id() {
    let report = small(&["--json", "rank", "--by", "partners", "--top", "0"]).ok().json();
    let order: Vec<(String, f64)> = report
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["id"].as_str().unwrap().to_string(), r["score"].as_f64().unwrap()))
        .collect();
    let want = [("b", 2.0), ("a", 1.0), ("c", 1.0), ("d", 1.0), ("e", 1.0), ("f", 0.0)];
    assert_eq!(order, want.map(|(i, s)| (i.to_string(), s)));
    let top2 = small(&["--json", "rank", "--by", "partners", "--top", "2"]).ok().json();
    assert_eq!(ids(&top2), ["b", "a"]);
}

#[test]
fn rank_by_betweenness_matches_networkx_normalisation() {
    let report = small(&["--json", "rank", "--by", "betweenness", "--top", "1"])
        .ok()
        .json();
    assert_eq!(report[0]["id"], "b");
    // b is on 4 of the 28 pairs of the other 8 nodes: networkx gives 2 * 4 / (8 * 7).
    assert!((report[0]["score"].as_f64().unwrap() - 8.0 / 56.0).abs() < 1e-12);
}

#[test]
fn rank_by_value_keeps_the_qualifier() {
    let report = small(&["--json", "rank", "--by", "value", "--top", "3"]).ok().json();
    assert_eq!(report[0]["id"], "b");
    assert_eq!(report[0]["value"], "up to $12B");
    assert_eq!(report[0]["score"], 12e9);
    assert_eq!(report[1]["value"], "up to $10B");
    assert_eq!(report[2]["value"], "$2B");
}

#[test]
fn filters_select_through_the_view() {
    let jp = small(&["--json", "--country", "jp", "list", "entities"]).ok().json();
    assert_eq!(
        ids(&jp),
        ["a", "c", "f"],
        "an isolated Japanese company is still listed"
    );
    let projects = small(&["--json", "--country", "JP", "list", "projects"]).ok().json();
    assert_eq!(ids(&projects), ["p", "q"], "only projects Japanese companies are in");
    let energy = small(&["--json", "--sector", "energy", "stats"]).ok().json();
    assert_eq!(
        (energy["projects"].as_u64(), energy["entities"].as_u64()),
        (Some(2), Some(4))
    );
    let early = small(&["--json", "--as-of", "2025-03-01", "stats"]).ok().json();
    assert_eq!(
        (
            early["entities"].as_u64(),
            early["projects"].as_u64(),
            early["edges"].as_u64()
        ),
        (Some(3), Some(1), Some(2)),
        "a and b were reported by then; Zeta Alone has no date and no link, so it is always known"
    );
    let leads = small(&["--json", "--role", "lead", "list", "entities"]).ok().json();
    assert_eq!(ids(&leads), ["a", "d"]);
    // A filtered path shows only the records the filter keeps.
    let path = small(&[
        "--json",
        "--status",
        "agreed",
        "--status",
        "considering",
        "path",
        "a",
        "b",
    ])
    .ok()
    .json();
    assert_eq!(path["links"][0]["roles"], serde_json::json!(["lead", "financier"]));
    let agreed = small(&["--json", "--status", "agreed", "path", "a", "c"]);
    assert_eq!(agreed.code, 1, "b's links are not agreed, so a and c are cut apart");
    // The filters choose the partners, not the organisation asked about (Alpha is JP).
    let american = small(&["--json", "--country", "US", "partners", "a"]).ok().json();
    assert_eq!(ids(&american["partners"]), ["b"]);
    let hidden = small(&["--as-of", "2025-01-01", "partners", "a"]);
    assert_eq!(hidden.code, 1);
    assert!(hidden.stderr.contains("hidden by the filters"), "{}", hidden.stderr);
}

#[test]
fn list_is_sorted_by_name() {
    let run = small(&["list", "entities"]).ok();
    let names: Vec<&str> = run
        .stdout
        .lines()
        .skip(1)
        .map(|l| l.split("  ").next().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Alpha Corp",
            "Beta Industries",
            "Delta",
            "Épsilon",
            "Gamma",
            "Zeta Alone"
        ]
    );
}

#[test]
fn show_an_entity_and_a_project() {
    let entity = small(&["--json", "show", "Beta Industries"]).ok().json();
    assert_eq!(entity["country"], "US");
    assert_eq!(ids(&entity["links"]), ["p", "q"]);
    assert_eq!(ids(&entity["partners"]), ["a", "c"]);
    assert_eq!(ids(&entity["sources"]), ["s1", "s2"]);
    let project = small(&["--json", "show", "plant"]).ok().json();
    assert_eq!(project["kind"], "project");
    assert_eq!(project["value"], "up to $10B");
    assert_eq!(ids(&project["links"]), ["a", "b"]);
    let human = small(&["show", "Plant"]).ok();
    assert!(
        human.stdout.contains("participants:") && human.stdout.contains("lead/financier"),
        "{}",
        human.stdout
    );
}

#[test]
fn without_data_dir_the_builtin_dataset_is_used() {
    let dir = tempfile::tempdir().unwrap();
    let run: common::Run = common::cmd_in(dir.path(), &["--json", "stats"])
        .output()
        .unwrap()
        .into();
    let builtin = run.ok().json();
    assert_eq!(builtin, partnet(&["--json", "stats"]).ok().json());
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(partnet(&["stats", "--no-such-flag"]).code, 2);
    assert_eq!(partnet(&["partners"]).code, 2);
    assert_eq!(partnet(&["--as-of", "yesterday", "stats"]).code, 2);
    assert_eq!(partnet(&["partners", "a", "--depth", "0"]).code, 2);
    let project = partnet(&["partners", "westinghouse-ap1000-smr"]);
    assert_eq!(project.code, 2);
    assert!(project.stderr.contains("is a project"));
}

#[test]
fn published_schema_is_current() {
    let committed = std::fs::read_to_string(common::root().join("data/partnet.schema.json")).unwrap();
    assert_eq!(
        partnet(&["schema"]).ok().stdout,
        committed,
        "run `partnet schema > data/partnet.schema.json`"
    );
}

/// The schema refuses what the loader refuses and takes what it takes (dates, countries),
/// checked by the jsonschema package (`.ci/schema_check.py`); skipped where Python has no
/// jsonschema, unless PARTNET_REQUIRE_JSONSCHEMA is set. The patterns themselves are here
/// too, so that the cases of the report are pinned without Python.
#[test]
fn the_schema_is_as_strict_as_the_loader() {
    let schema: serde_json::Value = serde_json::from_str(&partnet(&["schema"]).ok().stdout).unwrap();
    let defs = &schema["$defs"];
    assert_eq!(
        defs["Entity"]["properties"]["country"]["pattern"].as_str(),
        Some(partnet::country::schema_pattern().as_str())
    );
    for (record, field) in [
        ("Source", "date"),
        ("Project", "date"),
        ("Participation", "date"),
        ("Tie", "date"),
        ("Tie", "until"),
    ] {
        assert_eq!(
            defs[record]["properties"][field]["pattern"].as_str(),
            Some(partnet::load::raw::DATE_PATTERN),
            "{record}.{field}"
        );
    }
    let test = "the_schema_is_as_strict_as_the_loader";
    let python = std::process::Command::new("python3")
        .args(["-c", "import jsonschema"])
        .output();
    if !python.is_ok_and(|o| o.status.success()) {
        return common::skip(
            test,
            "python3 with the jsonschema package is not here (pip install jsonschema)",
            "PARTNET_REQUIRE_JSONSCHEMA",
        );
    }
    let run = std::process::Command::new("python3")
        .arg(common::root().join(".ci/schema_check.py"))
        .arg(env!("CARGO_BIN_EXE_partnet"))
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&run.stdout);
    assert!(run.status.success(), "{said}{}", String::from_utf8_lossy(&run.stderr));
    assert!(said.contains(", 0 problems"), "{said}");
}

#[test]
fn json_output_is_deterministic() {
    for args in [
        &["--json", "stats"][..],
        &["--json", "components"],
        &["--json", "rank", "--by", "betweenness"],
    ] {
        assert_eq!(partnet(args).ok().stdout, partnet(args).ok().stdout);
    }
}

#[test]
fn value_of_a_programme_and_its_parts_is_not_counted_twice() {
    let data = r#"{"entities": [{"id": "inside", "name": "In a part"}, {"id": "funder", "name": "Funds it all"}],
      "projects": [{"id": "prog", "name": "Programme", "value": "$550B"},
                   {"id": "part", "name": "Part", "value": "up to $20B", "part_of": "prog"}],
      "participations": [{"entity": "inside", "project": "prog"}, {"entity": "inside", "project": "part"},
                         {"entity": "funder", "project": "prog"}]}"#;
    let report = with_data(data, &["--json", "rank", "--by", "value"]).ok().json();
    assert_eq!(report[0]["id"], "funder");
    assert_eq!(report[0]["value"], "$550B");
    assert_eq!(report[1]["value"], "up to $20B");
    // Nothing stated: no value, not $0.
    let data = r#"{"entities": [{"id": "a", "name": "A"}], "projects": [{"id": "p", "name": "P"}],
      "participations": [{"entity": "a", "project": "p"}]}"#;
    let report = with_data(data, &["--json", "rank", "--by", "value"]).ok().json();
    assert!(report[0]["value"].is_null(), "{}", report[0]);
    assert_eq!(report[0]["unvalued_projects"], 1);
    let text = with_data(data, &["rank", "--by", "value"]).ok().stdout;
    assert!(!text.contains('$'), "{text}");
}

#[test]
fn money_by_sector() {
    let report = small(&["--json", "sectors"]).ok().json();
    let rows: Vec<(String, u64, u64, Option<String>)> = report
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["sector"].as_str().unwrap().to_string(),
                r["projects"].as_u64().unwrap(),
                r["organisations"].as_u64().unwrap(),
                r["value"].as_str().map(str::to_string),
            )
        })
        .collect();
    // A sector whose projects state no value has none (null), not $0, and comes last.
    let want = [
        ("energy/nuclear", 1, 2, Some("up to $10B")),
        ("critical-minerals", 1, 2, Some("$2B")),
        ("energy", 1, 2, None),
    ];
    assert_eq!(
        rows,
        want.map(|(a, b, c, d)| (a.to_string(), b, c, d.map(str::to_string)))
    );
    assert!(report[2]["value_usd"].is_null(), "{}", report[2]);
    let text = small(&["sectors"]).ok().stdout;
    let energy = text.lines().find(|l| l.starts_with("energy ")).unwrap();
    assert!(energy.contains(" - ") && !energy.contains('$'), "{text}");
    let level1 = small(&["--json", "sectors", "--level", "1"]).ok().json();
    assert_eq!(level1[0]["sector"], "energy");
    assert_eq!(level1[0]["projects"], 2);
    assert_eq!(level1[0]["unvalued_projects"], 1);
}

#[test]
fn rank_shows_twenty_as_text_and_all_as_json() {
    let mut entities = Vec::new();
    let mut links = Vec::new();
    for i in 0..25 {
        entities.push(format!(r#"{{"id": "e{i:02}", "name": "E{i}"}}"#));
        links.push(format!(r#"{{"entity": "e{i:02}", "project": "p"}}"#));
    }
    let data = format!(
        r#"{{"entities": [{}], "projects": [{{"id": "p", "name": "P"}}], "participations": [{}]}}"#,
        entities.join(","),
        links.join(",")
    );
    assert_eq!(
        with_data(&data, &["--json", "rank"])
            .ok()
            .json()
            .as_array()
            .unwrap()
            .len(),
        25
    );
    let text = with_data(&data, &["rank"]).ok().stdout;
    assert_eq!(text.lines().count(), 22, "a header, 20 rows and what was left out");
    assert_eq!(text.lines().last(), Some("… and 5 more (--top 0 shows all)"));
    assert_eq!(
        with_data(&data, &["rank", "--top", "0"]).ok().stdout.lines().count(),
        26
    );
}

#[test]
fn a_sector_filter_on_data_without_sectors_says_so() {
    let florentine = fixture("florentine.json");
    let run = partnet(&["--data", florentine.to_str().unwrap(), "--sector", "energy", "stats"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("no project in the data has a sector: drop --sector"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_help_names_every_export_format_and_every_input() {
    let help = common::partnet(&["--help"]).ok().stdout;
    let export = help
        .lines()
        .find(|l| l.trim_start().starts_with("export "))
        .expect("an export line");
    let formats = common::partnet(&["export", "--help"]).ok().stdout;
    // The possible values of --format, the first list of them.
    let names: Vec<&str> = formats
        .lines()
        .skip_while(|l| !l.contains("Possible values:"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.trim_start().strip_prefix("- "))
        .filter_map(|l| l.split(':').next())
        .collect();
    assert_eq!(names.len(), 8, "{formats}");
    for name in names {
        let name = if name == "json" { "JSON" } else { name };
        assert!(export.to_lowercase().contains(&name.to_lowercase()), "{name}: {export}");
    }
    for input in [
        ".json",
        ".csv",
        "node-link JSON",
        "FollowTheMoney",
        "directory",
        "`-`",
        "snapshot",
    ] {
        let data = help.split("--json").next().unwrap();
        assert!(data.replace("\n          ", " ").contains(input), "{input}: {data}");
    }
}

/// Counts take the singular for one, and nouns the article their sound asks for: "1
/// organisation, 1 project, 1 link and 0 ties", "an entity is defined once".
#[test]
fn one_thing_is_counted_in_the_singular() {
    let one = r#"{"entities": [{"id": "a", "name": "A"}], "projects": [{"id": "p", "name": "P"}],
        "participations": [{"entity": "a", "project": "p"}]}"#;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("one.json");
    std::fs::write(&data, one).unwrap();
    let out = dir.path().join("one.pnet");
    let run = partnet(&["index", data.to_str().unwrap(), "-o", out.to_str().unwrap()]).ok();
    assert!(
        run.stdout.contains("1 organisation, 1 project, 1 link and 0 ties from"),
        "{}",
        run.stdout
    );
    let export = common::with_data(one, &["export", "--format", "csv", "-o", "x.csv"]).ok();
    assert!(
        export.stdout.starts_with("wrote 2 nodes and 1 edge to "),
        "{}",
        export.stdout
    );
    let csv = "entity,entity_name,project,role\na,A,p,lead\na,B,p,lead\n";
    let bad = common::with_files(&[("t.csv", csv)], &["check"]);
    assert!(
        bad.stdout.contains("an entity is defined once") || bad.stderr.contains("an entity is defined once"),
        "{}{}",
        bad.stdout,
        bad.stderr
    );
    let ftm = concat!(
        r#"{"id": "ad", "schema": "Address", "properties": {"full": ["1 Main St"]}}"#,
        "\n",
        r#"{"id": "p", "schema": "Project", "properties": {"name": ["P"]}}"#,
        "\n",
        r#"{"id": "pp", "schema": "ProjectParticipant", "properties": {"participant": ["ad"], "project": ["p"]}}"#,
        "\n",
    );
    let run = common::with_files(&[("x.ftm.json", ftm)], &["check"]);
    let said = run.stdout + &run.stderr;
    assert!(said.contains(r#"names "ad", an Address,"#), "{said}");
    assert!(
        said.contains("skipped 1 Address entity: partnet has no place for it"),
        "{said}"
    );
}

/// Options that contradict each other are a usage error naming both, before any work.
#[test]
fn contradicting_options_are_refused() {
    let run = partnet(&["--no-ties", "--tie", "owner", "stats"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("--no-ties and --tie owner conflict"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty());
    let dir = tempfile::tempdir().unwrap();
    let data = common::root().join("data");
    let data = data.to_str().unwrap();
    let run = |args: &[&str]| -> common::Run {
        common::cmd_in(dir.path(), &[&["--data", data], args].concat())
            .output()
            .unwrap()
            .into()
    };
    let png_as_svg = run(&["diagram", "--format", "png", "-o", "out.svg"]);
    assert_eq!(png_as_svg.code, 2, "{}", png_as_svg.stderr);
    assert!(
        png_as_svg
            .stderr
            .contains("--format png and -o out.svg, whose extension says svg, conflict"),
        "{}",
        png_as_svg.stderr
    );
    assert!(!dir.path().join("out.svg").exists(), "nothing written");
    let csv_as_json = run(&["export", "--format", "csv", "-o", "out.json"]);
    assert_eq!(csv_as_json.code, 2, "{}", csv_as_json.stderr);
    assert!(!dir.path().join("out.json").exists(), "nothing written");
    // The extension still decides without --format, and agrees with it or says nothing.
    run(&["diagram", "--format", "dot", "-o", "same.dot"]).ok();
    run(&[
        "diagram",
        "--focus",
        "toshiba",
        "--engine",
        "builtin",
        "-o",
        "chosen.svg",
    ])
    .ok();
    let svg = std::fs::read_to_string(dir.path().join("chosen.svg")).unwrap();
    assert!(svg.contains("<svg"), "the extension chose SVG");
    run(&["export", "--format", "ftm", "-o", "entities.json"]).ok();
    // `.ftm.json` says FtM by a naming convention only: its extension is `.json`, which fits
    // every JSON format, so --format wins. Extensions that name another format still conflict.
    let ftm_named = run(&["export", "--format", "json", "-o", "out.ftm.json"]).ok();
    assert_eq!(
        ftm_named.stderr,
        "out.ftm.json: warning: --data reads a file of this name as FollowTheMoney, not as the node-link JSON \
         written here\n  help: name it .json to read it back with --data\n"
    );
    let written = std::fs::read_to_string(dir.path().join("out.ftm.json")).unwrap();
    assert!(
        written.starts_with(r#"{"directed": false,"#),
        "node-link JSON: {written:.80}"
    );
    let cytoscape = run(&["export", "--format", "cytoscape", "-o", "graph.FTM.JSON"]).ok();
    assert_eq!(cytoscape.stderr, "", "--data reads no Cytoscape.js whatever its name");
    for (format, name, says) in [
        ("csv", "rows.ftm.json", "json"),
        ("json", "out.ftm", "ftm"),
        ("json", "out.ijson", "ftm"),
        ("ftm", "out.cyjs", "cytoscape"),
    ] {
        let refused = run(&["export", "--format", format, "-o", name]);
        assert_eq!(refused.code, 2, "{format} {name}: {}", refused.stderr);
        let conflict = format!("--format {format} and -o {name}, whose extension says {says}, conflict");
        assert!(refused.stderr.contains(&conflict), "{}", refused.stderr);
        assert!(!dir.path().join(name).exists(), "nothing written");
    }
}

/// An empty answer keeps its shape on stdout (a header, an empty JSON list), exits 1, and
/// says on stderr why: the data holds none, or the filters leave none.
#[test]
fn an_empty_answer_says_why_on_stderr() {
    for (args, why) in [
        (&["list", "entities"][..], "note: no organisations in the data"),
        (&["list", "projects"], "note: no projects in the data"),
        (&["list", "sources"], "note: no sources in the data"),
        (&["rank"], "note: no organisations in the data"),
        (&["sectors"], "note: no projects in the data"),
        (&["components"], "note: no organisations or projects in the data"),
        (&["--json", "rank"], "note: no organisations in the data"),
    ] {
        let run = with_data("{}", args);
        assert_eq!(run.code, 1, "{args:?}: {}", run.stderr);
        assert_eq!(run.stderr.trim_end(), why, "{args:?}");
    }
    let json = with_data("{}", &["--json", "list", "entities"]);
    assert_eq!(json.stdout.trim(), "[]");
    let filtered = partnet(&["--as-of", "1900", "list", "projects"]);
    assert_eq!(filtered.code, 1);
    assert!(
        filtered
            .stderr
            .starts_with("note: the filters leave none of the 31 projects in the data (drop or widen --sector"),
        "{}",
        filtered.stderr
    );
}

/// An empty NAME (an unset shell variable) is a usage error, not a name to suggest for.
#[test]
fn an_empty_name_is_a_usage_error() {
    for args in [
        &["show", ""][..],
        &["show", "  "],
        &["partners", ""],
        &["path", "toshiba", ""],
        &["timeline", ""],
    ] {
        let run = partnet(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
        assert!(
            run.stderr.starts_with("error: the NAME argument"),
            "{args:?}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains("is empty\n  help: give the id, name or alias"),
            "{}",
            run.stderr
        );
        assert!(!run.stderr.contains("Government of Japan"), "{}", run.stderr);
    }
}

/// A path from a node to itself is refused alike by `path` and `diagram --path`, before
/// anything is drawn ("How Toshiba and Toshiba are linked" said nothing).
#[test]
fn a_path_from_a_node_to_itself_is_a_usage_error() {
    for args in [
        &["path", "toshiba", "Toshiba"][..],
        &["diagram", "--path", "toshiba", "toshiba", "--format", "dot"],
    ] {
        let out = partnet(args);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(out.stdout.is_empty(), "{}", out.stdout);
        assert!(
            out.stderr
                .contains(r#"are "Toshiba" (toshiba): a path needs two different ends"#),
            "{}",
            out.stderr
        );
    }
}

#[test]
fn samples_and_seed_are_refused_unless_ranking_by_betweenness() {
    for args in [
        &["rank", "--by", "partners", "--samples", "5"][..],
        &["rank", "--samples", "5"],
        &["rank", "--by", "value", "--seed", "3"],
    ] {
        let run = partnet(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains("applies to --by betweenness only"),
            "{}",
            run.stderr
        );
        assert!(run.stdout.is_empty());
    }
    partnet(&["rank", "--by", "betweenness", "--samples", "5", "--seed", "3"]).ok();
}
