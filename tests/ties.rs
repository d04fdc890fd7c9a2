//! Ties between organisations (issue 15), end to end on the shipped data and on Padgett's
//! Florentine families.

mod common;

use common::{fixture, ids, partnet, with_data};
use serde_json::Value as Json;

fn json(args: &[&str]) -> Json {
    partnet(&[&["--json"], args].concat()).ok().json()
}

#[test]
fn a_founder_is_one_tie_from_his_company() {
    let path = json(&["path", "masayoshi-son", "softbank-group"]);
    assert_eq!(path["length"], 1);
    let step = &path["links"][0];
    assert_eq!(
        (step["type"].as_str(), step["kind"].as_str()),
        (Some("tie"), Some("founder")),
        "{step}"
    );
    assert_eq!(
        (step["from"].as_str(), step["to"].as_str()),
        (Some("masayoshi-son"), Some("softbank-group"))
    );
    assert_eq!(step["also"][0]["kind"], "executive");
    assert_eq!(step["sources"], serde_json::json!(["S1"]));
    assert_eq!(path["sources"][0]["publisher"], "Reuters");
    // Participation steps say so too.
    let chain = json(&["path", "toshiba", "bechtel"]);
    assert!(chain["links"]
        .as_array()
        .unwrap()
        .iter()
        .all(|l| l["type"] == "participation"));
}

#[test]
fn a_subsidiary_lists_its_parent_with_the_tie() {
    let report = json(&["partners", "sb-energy"]);
    let parent = report["partners"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "softbank-group")
        .expect("SoftBank Group is a partner");
    assert_eq!(parent["depth"], 1);
    assert_eq!(
        parent["ties"],
        serde_json::json!([{"kind": "parent", "direction": "in"}])
    );
    assert_eq!(
        parent["shared_projects"],
        serde_json::json!(["portsmouth-ohio-gas-plant"])
    );
    let text = partnet(&["partners", "sb-energy"]).ok().stdout;
    assert!(text.contains("parent of SB Energy"), "{text}");
    // A partner by a tie alone has no shared project.
    let son = json(&["partners", "softbank-group"]);
    let founder = son["partners"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "masayoshi-son")
        .unwrap();
    assert_eq!(founder["shared_projects"], serde_json::json!([]));
    assert!(partnet(&["partners", "softbank-group"])
        .ok()
        .stdout
        .contains("founder of SoftBank Group"));
}

#[test]
fn show_groups_an_organisations_ties() {
    let report = json(&["show", "westinghouse"]);
    let owners: Vec<(&str, f64)> = report["ties"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["kind"] == "owner" && t["direction"] == "in")
        .map(|t| (t["id"].as_str().unwrap(), t["share"].as_f64().unwrap()))
        .collect();
    assert_eq!(owners, [("brookfield-renewable", 51.0), ("cameco", 49.0)]);
    let text = partnet(&["show", "westinghouse"]).ok().stdout;
    assert!(
        text.contains("owners:\n  Brookfield Renewable Partners (brookfield-renewable): owner 51% of"),
        "{text}"
    );
    let softbank = partnet(&["show", "softbank-group"]).ok().stdout;
    assert!(
        softbank.contains("subsidiaries:\n  SB Energy (sb-energy): subsidiary of SoftBank Group"),
        "{softbank}"
    );
    assert!(softbank.contains("people:\n"), "{softbank}");
    let geh = partnet(&["show", "ge-vernova-hitachi"]).ok().stdout;
    assert!(geh.contains("joint-venture partners:\n"), "{geh}");
}

#[test]
fn stats_count_tied_pairs_and_the_filters_can_drop_them() {
    let all = json(&["stats"]);
    let ties = all["ties"].as_u64().unwrap();
    assert!(ties >= 10, "{all}");
    let none = json(&["--no-ties", "stats"]);
    assert_eq!(none["ties"], 0);
    assert_eq!(none["edges"].as_u64().unwrap() + ties, all["edges"].as_u64().unwrap());
    let owners = json(&["--tie", "owner", "stats"]);
    assert_eq!(
        owners["ties"], 4,
        "Brookfield Renewable and Cameco of Westinghouse; JBIC and NEXI"
    );
    let typo = partnet(&["--tie", "ownr", "stats"]);
    assert_eq!(typo.code, 2);
    assert!(typo.stderr.contains("did you mean owner"), "{}", typo.stderr);
    // Without ties Masayoshi Son is alone again; with them he is in SoftBank's group.
    let lone = |args: &[&str]| {
        json(&[args, &["components", "--top", "0"]].concat())
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["entities"] == serde_json::json!(["masayoshi-son"]))
    };
    assert!(lone(&["--no-ties"]) && !lone(&[]));
}

#[test]
fn rankings_and_sectors_see_ties() {
    let rank = json(&["rank", "--by", "partners"]);
    let score = |id: &str| {
        rank.as_array().unwrap().iter().find(|r| r["id"] == id).unwrap()["score"]
            .as_f64()
            .unwrap()
    };
    assert_eq!(score("masayoshi-son"), 1.0, "SoftBank Group, by the tie");
    let projects = json(&["rank", "--by", "projects"]);
    let of = |id: &str| {
        projects.as_array().unwrap().iter().find(|r| r["id"] == id).unwrap()["score"]
            .as_f64()
            .unwrap()
    };
    assert_eq!(of("masayoshi-son"), 0.0, "a tie is no project");
    let between = json(&["rank", "--by", "betweenness"]);
    let son = between
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "softbank-group")
        .unwrap();
    assert!(son["score"].as_f64().unwrap() > 0.0);
}

#[test]
fn roll_up_folds_subsidiaries_into_their_groups() {
    let de_beers = json(&["--roll-up", "show", "De Beers"]);
    assert_eq!(de_beers["name"], "De Beers Group (with Element Six)");
    assert_eq!(ids(&de_beers["links"]), ["georgia-diamond-grit-plant"]);
    // A member's own name finds its group.
    let group = json(&["--roll-up", "show", "SB Energy"]);
    assert_eq!(group["id"], "softbank-group");
    assert!(ids(&group["links"]).contains(&"portsmouth-ohio-gas-plant".to_string()));
    let entities = json(&["--roll-up", "list", "entities"]);
    let names: Vec<&str> = entities
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Government of Japan (with Japan Bank for International Cooperation and Nippon Export and Investment Insurance)"), "{names:?}");
    assert!(!ids(&entities).contains(&"jbic".to_string()));
    // 49% does not control: Cameco stays its own.
    assert!(ids(&entities).contains(&"cameco".to_string()));
    let plain = json(&["stats"]);
    let rolled = json(&["--roll-up", "stats"]);
    assert!(rolled["entities"].as_u64() < plain["entities"].as_u64());
    assert_eq!(rolled["participations"], plain["participations"], "no record is lost");
}

/// SB Energy's parent tie is known only from S7, of 17 Feb 2026: as of the end of 2025 no
/// command that rolls up folds it into SoftBank Group, names the group after it or answers
/// to its name (the entity's own note, which mentions it, is data and stays).
#[test]
fn roll_up_as_of_a_date_uses_only_the_control_known_by_then() {
    let before = ["--roll-up", "--as-of", "2025-12-31"];
    let show = json(&[&before[..], &["show", "softbank-group"]].concat());
    assert_eq!(show["name"], "SoftBank Group", "{show}");
    assert!(!show["aliases"].to_string().contains("SB Energy"), "{show}");
    let hidden = partnet(&[&before[..], &["show", "sb-energy"]].concat());
    assert_eq!(hidden.code, 1);
    assert!(
        hidden.stderr.contains(r#""sb-energy" is hidden by the filters"#),
        "{}",
        hidden.stderr
    );
    for command in [
        &["show", "softbank-group"][..],
        &["partners", "softbank-group"],
        &["list", "entities"],
        &["rank", "--by", "projects"],
        &["components", "--top", "0"],
        &["export", "--format", "json"],
        &["diagram", "--format", "dot"],
    ] {
        let run = partnet(&[&before[..], command].concat()).ok();
        assert!(
            !run.stdout.contains("with SB Energy") && !run.stdout.contains("\"sb-energy\""),
            "{command:?}:\n{}",
            run.stdout
        );
    }
    // From the day S7 reports it, the group forms.
    let after = json(&["--roll-up", "--as-of", "2026-02-17", "show", "softbank-group"]);
    assert_eq!(after["name"], "SoftBank Group (with SB Energy)");
    // A tie filter that leaves out parent ties leaves out the control they give.
    let jv = json(&["--roll-up", "--tie", "joint-venture", "show", "softbank-group"]);
    assert_eq!(jv["name"], "SoftBank Group", "{jv}");
}

#[test]
fn a_controller_cycle_is_reported_not_looped_on() {
    let text = r#"{"entities": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
        "ties": [{"from": "a", "to": "b", "kind": "parent"}, {"from": "b", "to": "a", "kind": "owner", "share": 60}]}"#;
    let run = with_data(text, &["--roll-up", "--json", "stats"]).ok();
    assert!(
        run.stderr.contains("a → b → a control each other in a cycle"),
        "{}",
        run.stderr
    );
    assert_eq!(run.json()["entities"], 2);
    let check = with_data(text, &["check"]).ok();
    assert!(
        check.stdout.contains("ownership goes round in a cycle: a → b → a"),
        "{}",
        check.stdout
    );
}

#[test]
fn owners_holding_more_than_everything_are_flagged() {
    let text = r#"{"sources": [{"id": "s"}], "entities": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}, {"id": "c", "name": "C"}],
        "ties": [{"from": "a", "to": "c", "kind": "owner", "share": 70, "sources": ["s"]},
                 {"from": "b", "to": "c", "kind": "owner", "share": 40, "sources": ["s"]}]}"#;
    let check = with_data(text, &["check"]).ok();
    assert!(
        check
            .stdout
            .contains(r#"the owners of "c" hold 110% together: "a" 70%, "b" 40%"#),
        "{}",
        check.stdout
    );
    // A past owner's tie, ended, does not count.
    let ended = text.replace(
        r#""share": 40, "sources""#,
        r#""share": 40, "until": "2020-01-01", "sources""#,
    );
    assert!(!with_data(&ended, &["check"]).ok().stdout.contains("hold 110%"));
}

#[test]
fn until_ends_a_tie_as_of_a_later_date() {
    let text = r#"{"entities": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
        "ties": [{"from": "a", "to": "b", "kind": "owner", "share": 30, "date": "2019-01-01", "until": "2021-06-30"}]}"#;
    let ties = |date: &str| with_data(text, &["--as-of", date, "--json", "stats"]).ok().json()["ties"].as_u64();
    assert_eq!(ties("2018-12-31"), Some(0), "not begun");
    assert_eq!(ties("2020-06-30"), Some(1));
    assert_eq!(ties("2021-06-30"), Some(1), "held on its last day");
    assert_eq!(ties("2022-01-01"), Some(0), "ended");
}

/// Two organisations known before the window, tied in February: the tie is new on its own
/// date, as `--as-of` shows it, though one of them gains a link in May.
#[test]
fn a_tie_between_known_organisations_is_dated_by_its_report() {
    let text = r#"{"sources": [{"id": "s1", "date": "2025-01-10"}, {"id": "s2", "date": "2026-02-10"},
                    {"id": "s3", "date": "2026-05-10"}],
        "entities": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
        "projects": [{"id": "p", "name": "P", "sources": ["s1"]}, {"id": "q", "name": "Q", "sources": ["s3"]}],
        "participations": [
          {"entity": "a", "project": "p", "status": "agreed", "date": "2025-01-10", "sources": ["s1"]},
          {"entity": "b", "project": "p", "status": "agreed", "date": "2025-01-10", "sources": ["s1"]},
          {"entity": "a", "project": "q", "status": "agreed", "date": "2026-05-10", "sources": ["s3"]}],
        "ties": [{"from": "a", "to": "b", "kind": "owner", "date": "2026-02-10", "sources": ["s2"]}]}"#;
    let c = with_data(text, &["--json", "changes", "--since", "2025-12-31"])
        .ok()
        .json();
    let tie = &c["added"]["ties"][0];
    assert_eq!((&tie["from"], &tie["date"]), (&"a".into(), &"2026-02-10".into()), "{c}");
    assert_eq!(c["added"]["links"][0]["date"], "2026-05-10");
    let ties = |date: &str| with_data(text, &["--as-of", date, "--json", "stats"]).ok().json()["ties"].as_u64();
    assert_eq!(ties("2026-03-01"), Some(1), "shown before A's new link");
}

/// An organisation first known by a tie (an owner's stake reported in 2023) and linked to a
/// project only later: `--as-of` shows it, and the tie, from 2023, so `changes` dates both
/// then, with the tie's source. Under `--sector`, which a tie does not satisfy, both wait
/// for its link.
#[test]
fn an_organisation_known_by_a_tie_is_new_on_the_tie_s_date() {
    let text = r#"{"sources": [{"id": "s1", "date": "2019-05-01"}, {"id": "s2", "date": "2023-11-07"},
                    {"id": "s3", "date": "2025-10-28"}],
        "entities": [{"id": "c", "name": "Cameco"}, {"id": "w", "name": "Westinghouse"}],
        "projects": [{"id": "mine", "name": "Mine", "sector": "mining", "sources": ["s1"]},
                     {"id": "ap", "name": "AP1000", "sector": "energy/nuclear", "sources": ["s3"]}],
        "participations": [
          {"entity": "c", "project": "mine", "date": "2019-05-01", "sources": ["s1"]},
          {"entity": "w", "project": "ap", "date": "2025-10-28", "sources": ["s3"]}],
        "ties": [{"from": "c", "to": "w", "kind": "owner", "share": 49, "date": "2023-11-07", "sources": ["s2"]}]}"#;
    let added = |filters: &[&str]| {
        let c = with_data(
            text,
            &[filters, &["--json", "changes", "--since", "2020-01-01"]].concat(),
        )
        .ok()
        .json();
        let w = c["added"]["entities"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == "w")
            .cloned();
        (
            w.map(|w| (w["date"].clone(), w["sources"].clone())),
            c["added"]["ties"][0]["date"].clone(),
        )
    };
    let ((date, sources), tie) = {
        let (w, tie) = added(&[]);
        (w.expect("w is new"), tie)
    };
    assert_eq!(
        (&date, &sources, &tie),
        (&"2023-11-07".into(), &serde_json::json!(["s2"]), &"2023-11-07".into())
    );
    let known = with_data(text, &["--as-of", "2023-11-07", "--json", "stats"])
        .ok()
        .json();
    assert_eq!((&known["ties"], &known["entities"]), (&1.into(), &2.into()), "{known}");
    let nuclear = added(&["--sector", "energy/nuclear"]);
    assert_eq!(
        nuclear.0.map(|w| w.0),
        Some("2025-10-28".into()),
        "a tie does not keep it under --sector"
    );
}

#[test]
fn exports_carry_ties() {
    let node_link: Json = serde_json::from_str(&partnet(&["export", "--format", "json"]).ok().stdout).unwrap();
    let cameco = node_link["links"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["type"] == "tie" && l["source"] == "cameco")
        .expect("Cameco's tie");
    assert_eq!(
        (
            cameco["target"].as_str(),
            cameco["kind"].as_str(),
            cameco["share"].as_f64()
        ),
        (Some("westinghouse"), Some("owner"), Some(49.0))
    );
    let cypher = partnet(&["export", "--format", "cypher"]).ok().stdout;
    assert!(
        cypher.contains("MERGE (a)-[r:OWNS {kind: row.props.kind, place: row.place}]->(b)"),
        "{cypher}"
    );
    assert!(cypher.contains("MERGE (a)-[r:FOUNDED {kind: row.props.kind, place: row.place}]->(b)"));
    let graphml = partnet(&["export", "--format", "graphml"]).ok().stdout;
    assert!(
        graphml.contains(r#"<data key="e_type">tie</data>"#) && graphml.contains(r#"<data key="e_kind">owner</data>"#)
    );
}

/// Padgett's marriage network of 15 Florentine families, as networkx ships it
/// (`nx.florentine_families_graph()`), loaded as ties of kind `family`.
#[test]
fn florentine_families_rank_as_networkx_ranks_them() {
    let data = fixture("florentine.json");
    let rank = partnet(&[
        "--data",
        data.to_str().unwrap(),
        "--json",
        "rank",
        "--by",
        "betweenness",
    ])
    .ok()
    .json();
    // networkx 3.6, betweenness_centrality(florentine_families_graph()), rounded to 6 places.
    let networkx = [
        ("medici", 0.521978),
        ("guadagni", 0.254579),
        ("albizzi", 0.212454),
        ("salviati", 0.142857),
        ("ridolfi", 0.113553),
        ("bischeri", 0.104396),
        ("strozzi", 0.102564),
        ("barbadori", 0.093407),
        ("tornabuoni", 0.091575),
        ("castellani", 0.054945),
        ("peruzzi", 0.021978),
    ];
    for (i, (id, score)) in networkx.iter().enumerate() {
        let r = &rank[i];
        assert_eq!(r["id"], *id);
        assert!((r["score"].as_f64().unwrap() - score).abs() < 5e-7, "{r}");
    }
    let text = partnet(&[
        "--data",
        data.to_str().unwrap(),
        "rank",
        "--by",
        "betweenness",
        "--top",
        "1",
    ])
    .ok()
    .stdout;
    assert!(text.contains("Medici") && text.contains("0.5220"), "{text}");
}

/// Every organisation's ties as `show` gives them, on `data` (a path).
fn shown_ties(data: &str) -> Vec<(String, Json)> {
    let list = partnet(&["--data", data, "--json", "list", "entities"]).ok().json();
    ids(&list)
        .into_iter()
        .map(|id| {
            let shown = partnet(&["--data", data, "--json", "show", &id]).ok().json();
            (id, shown["ties"].clone())
        })
        .collect()
}

#[test]
fn ties_survive_every_format_that_reads_back() {
    // FtM keeps kinds, shares (an UnknownLink's as a marked role), titles, statuses, dates,
    // ends and sources; node-link JSON and CSV keep everything.
    let dir = tempfile::tempdir().unwrap();
    // ties-edge.json: a title that reads like a kind, a kind partnet does not know, a share on
    // a partner, an agency as an asset, two owner records of one pair that differ.
    for data in [
        "data",
        "tests/fixtures/florentine.json",
        "tests/fixtures/ties-edge.json",
    ] {
        let original = shown_ties(common::root().join(data).to_str().unwrap());
        assert!(original
            .iter()
            .any(|(_, t)| t.as_array().is_some_and(|t| !t.is_empty())));
        for (format, name) in [("ftm", "x.ftm.json"), ("json", "x.json"), ("csv", "x.csv")] {
            let file = dir.path().join(name);
            let out = file.to_str().unwrap();
            partnet(&[
                "--data",
                common::root().join(data).to_str().unwrap(),
                "export",
                "--format",
                format,
                "-o",
                out,
            ])
            .ok();
            assert_eq!(shown_ties(out), original, "{data} through {format}");
        }
    }
}

#[test]
fn node_link_tie_links_say_what_they_lack() {
    let text = r#"{"directed": false, "multigraph": false, "graph": {}, "nodes": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
 "links": [{"source": "a", "target": "b", "type": "tie", "share": 40},
           {"source": "a", "target": "b", "type": "Tie", "kind": "owner"}]}"#;
    let run = with_data(text, &["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .contains(r#"data.json:2:1: error: a tie link from "a" to "b" has no `kind`"#),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            r#"data.json:3:1: error: a link's `type` is "Tie": it is "participation" (the default) or "tie""#
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn a_timeline_tells_a_tie_that_began_and_ended_before_as_of() {
    let data = fixture("ties-edge.json");
    let data = data.to_str().unwrap();
    let events = |as_of: &str| -> Vec<(String, String, Json)> {
        let t = partnet(&["--data", data, "--as-of", as_of, "--json", "timeline", "Beta"])
            .ok()
            .json();
        t["events"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["entity"] == "c")
            .map(|e| {
                (
                    e["kind"].as_str().unwrap().to_string(),
                    e["date"].to_string(),
                    e["share"].clone(),
                )
            })
            .collect()
    };
    let after = events("2025-06-01");
    assert!(
        after.contains(&("tie-ended".into(), "\"2024-12-31\"".into(), serde_json::json!(10.0))),
        "{after:?}"
    );
    assert!(
        after.contains(&("tie".into(), "\"2025-01-01\"".into(), serde_json::json!(30.0))),
        "{after:?}"
    );
    // Before its end the end is not known yet.
    let before = events("2024-06-01");
    assert!(before.iter().all(|(kind, ..)| kind != "tie-ended"), "{before:?}");
    assert_eq!(before.len(), 1, "{before:?}");
}

/// A tie whose `until` comes after every other date in the data: `changes` without
/// `--until` ends its window on the day after (the first day the tie no longer holds), so the
/// end is listed; the text prints a "ties ended" section whether or not anything ended.
#[test]
fn changes_by_default_reach_a_tie_that_ends_after_the_last_record() {
    let text = r#"{"sources": [{"id": "s1", "date": "2025-01-10"}],
        "entities": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
        "projects": [{"id": "p", "name": "P"}],
        "participations": [{"entity": "a", "project": "p", "date": "2025-01-10", "sources": ["s1"]}],
        "ties": [{"from": "a", "to": "b", "kind": "owner", "date": "2025-01-10", "until": "2025-09-30", "sources": ["s1"]}]}"#;
    let c = with_data(text, &["--json", "changes", "--since", "2025-06-01"])
        .ok()
        .json();
    assert_eq!(c["until"], "2025-10-01", "{c}");
    let ended = c["ended"]["ties"].as_array().unwrap();
    assert_eq!(ended.len(), 1, "{c}");
    assert_eq!(
        (&ended[0]["from"], &ended[0]["date"]),
        (&"a".into(), &"2025-09-30".into())
    );
    // Up to the tie's own `until` it still holds: nothing ended yet.
    let upto = with_data(
        text,
        &["--json", "changes", "--since", "2024-12-31", "--until", "2025-09-30"],
    )
    .ok()
    .json();
    assert_eq!(upto["ended"]["ties"], serde_json::json!([]), "{upto}");
    let text_out = with_data(text, &["changes", "--since", "2024-12-31", "--until", "2025-09-30"])
        .ok()
        .stdout;
    assert!(text_out.contains("\nties ended (0):\n  none\n"), "{text_out}");
}

/// Toyota owns 20% of Denso and Denso 5% of Toyota: the formats that write one record per
/// edge write each tie as an edge of its own, from its owner, with its own share, in the
/// pair's content order (the graph's `tie_order`: when reported, the kind, then the owner's id,
/// so Denso's first).
#[test]
fn a_cross_holding_is_two_edges_each_with_its_own_direction_and_share() {
    let data = fixture("cross-holding.json");
    let export = |format: &str| common::run_on(&data, &["export", "--format", format]).ok().stdout;
    let graphml = export("graphml");
    for (from, to, share) in [("toyota", "denso", 20), ("denso", "toyota", 5)] {
        let edge = format!(
            "<edge source=\"{from}\" target=\"{to}\">\n      <data key=\"e_type\">tie</data>\n      \
             <data key=\"e_from\">{from}</data>\n      <data key=\"e_to\">{to}</data>\n      \
             <data key=\"e_kind\">owner</data>\n      <data key=\"e_share\">{share}</data>"
        );
        assert!(graphml.contains(&edge), "{graphml}");
    }
    assert!(!graphml.contains("e_also\""), "{graphml}");
    let gexf = export("gexf");
    assert!(
        gexf.contains(r#"<edge id="3" source="toyota" target="denso">"#),
        "{gexf}"
    );
    assert!(
        gexf.contains(r#"<edge id="2" source="denso" target="toyota">"#),
        "{gexf}"
    );
    assert!(gexf.contains(r#"<attvalue for="share" value="5"/>"#), "{gexf}");
    let cyto: Json = serde_json::from_str(&export("cytoscape")).unwrap();
    let ties: Vec<_> = cyto["elements"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["data"])
        .filter(|d| d["type"] == "tie")
        .map(|d| {
            (
                d["id"].as_str().unwrap(),
                d["source"].as_str().unwrap(),
                d["share"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        ties,
        [
            (r#"["denso","toyota",0]"#, "denso", 5.0),
            (r#"["toyota","denso",1]"#, "toyota", 20.0)
        ]
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.gexf");
    let wrote = common::run_on(&data, &["export", "-o", file.to_str().unwrap()])
        .ok()
        .stdout;
    assert!(wrote.starts_with("wrote 3 nodes and 4 edges to "), "{wrote}");
}

#[test]
fn check_warns_of_an_undated_tie_that_ends_before_its_sources_report_it() {
    let data = r#"{"sources": [{"id": "s1", "date": "2025-01-10"}, {"id": "s2", "date": "2025-03-01"}],
 "entities": [{"id": "a", "name": "A"}, {"id": "d", "name": "D"}],
 "ties": [{"from": "d", "to": "a", "kind": "owner", "share": 60, "sources": ["s2"], "until": "2025-02-01"},
          {"from": "a", "to": "d", "kind": "partner", "sources": ["s2", "s1"], "until": "2025-02-01"},
          {"from": "a", "to": "d", "kind": "founder", "sources": ["s2"], "until": "2025-03-01"}]}"#;
    let run = with_data(data, &["check"]).ok();
    assert!(
        run.stdout.contains(
            "data.json:3:20: warning: tie \"d\" owner \"a\": the tie ends (2025-02-01) before its earliest source, \"s2\", reports it (2025-03-01): no --as-of shows it\n  help: give the tie the \"date\" it began"
        ),
        "{}",
        run.stdout
    );
    // Reported by s1 in time, or ending the day it is reported: nothing to say.
    assert!(run.stdout.contains("; 1 warning"), "{}", run.stdout);
}

#[test]
fn check_warns_of_a_tie_recorded_twice_and_counts_its_share_once() {
    let data = r#"{"sources": [{"id": "s"}],
 "entities": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}, {"id": "d", "name": "D"}],
 "ties": [{"from": "d", "to": "a", "kind": "owner", "share": 60, "sources": ["s"]},
          {"from": "b", "to": "a", "kind": "parent", "sources": ["s"]},
          {"from": "b", "to": "a", "kind": "parent", "sources": ["s"]},
          {"from": "d", "to": "a", "kind": "owner", "share": 60, "sources": ["s"]},
          {"from": "d", "to": "a", "kind": "owner", "share": 60, "sources": ["s"], "date": "2026"}]}"#;
    let run = with_data(data, &["check"]).ok();
    for want in [
        "data.json:5:20: warning: tie \"b\" parent \"a\": the same tie is recorded twice (also tie 2 of the file)\n  help: remove one copy",
        "data.json:6:20: warning: tie \"d\" owner \"a\": the same tie is recorded twice (also tie 1 of the file)\n",
        // The copy is not counted again: 60 and 60 from 2026, not 180.
        "the owners of \"a\" hold 120% together: \"d\" 60%, \"d\" 60%\n",
    ] {
        assert!(run.stdout.contains(want), "{want}\nmissing from:\n{}", run.stdout);
    }
    assert!(run.stdout.contains("; 3 warnings"), "{}", run.stdout);
}

/// A tie "until 2025-06" ended some day in June: it holds through June 30th, as `--as-of
/// 2025-06` (June 30th) and the window's default end (July 1st) read that month, so every
/// command sees it on June 15th and gone on July 1st, and `check` takes a June date or
/// source with it.
#[test]
fn a_tie_until_a_month_holds_through_that_month() {
    let text = r#"{"sources": [{"id": "s1", "date": "2025-01-10"}, {"id": "s2", "date": "2025-06-15"}],
        "entities": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}, {"id": "c", "name": "C"}],
        "projects": [{"id": "p", "name": "P"}],
        "participations": [{"entity": "a", "project": "p", "date": "2025-01-10", "sources": ["s1"]},
                           {"entity": "b", "project": "p", "date": "2025-08-01", "sources": ["s1"]}],
        "ties": [{"from": "a", "to": "b", "kind": "owner", "share": 30, "date": "2025-01-10", "until": "2025-06", "sources": ["s1"]},
                 {"from": "a", "to": "c", "kind": "partner", "date": "2025-06-10", "until": "2025-06", "sources": ["s1"]},
                 {"from": "c", "to": "b", "kind": "partner", "until": "2025", "sources": ["s2"]}]}"#;
    let ties = |date: &str| with_data(text, &["--as-of", date, "--json", "stats"]).ok().json()["ties"].as_u64();
    assert_eq!(ties("2025-06-15"), Some(3), "held in June");
    assert_eq!(ties("2025-06"), Some(3), "held on June 30th");
    assert_eq!(ties("2025-07-01"), Some(1), "gone in July; the tie until 2025 holds");
    let c = with_data(text, &["--json", "changes", "--since", "2025-06-15"])
        .ok()
        .json();
    let ended: Vec<(&str, &str, &str)> = c["ended"]["ties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["from"].as_str().unwrap(),
                t["to"].as_str().unwrap(),
                t["date"].as_str().unwrap(),
            )
        })
        .collect();
    // The window ends on 2026-01-01, the day after the tie until 2025.
    assert_eq!(c["until"], "2026-01-01", "{c}");
    assert_eq!(
        ended,
        [("c", "b", "2025"), ("a", "b", "2025-06"), ("a", "c", "2025-06")],
        "{c}"
    );
    let june = with_data(
        text,
        &["--json", "changes", "--since", "2025-05-31", "--until", "2025-06"],
    )
    .ok()
    .json();
    assert_eq!(june["ended"]["ties"], serde_json::json!([]), "{june}");
    let ended_in_timeline = |as_of: &str| {
        let t = with_data(text, &["--as-of", as_of, "--json", "timeline", "B"])
            .ok()
            .json();
        t["events"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["kind"] == "tie-ended" && e["entity"] == "a")
    };
    assert!(!ended_in_timeline("2025-06-30"));
    assert!(ended_in_timeline("2025-07-01"));
    // Begun on June 10th until June, and undated, reported on June 15th, until 2025: fine.
    let check = with_data(text, &["check"]).ok().stdout;
    assert!(!check.contains("ends"), "{check}");
}
