//! FollowTheMoney in and out: `export --format ftm` writes one valid entity per line, and
//! `--data` reads it (and FtM from elsewhere) back into the same answers.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{partnet, root, run_on, with_files};
use serde_json::Value as Json;

const DATASETS: &[&str] = &[
    "data/us-japan-2025.json",
    "tests/fixtures/hostile.json",
    "tests/fixtures/hostile-interchange.json",
    "tests/fixtures/hostile-dot.json",
    "tests/fixtures/small.json",
];

/// Whether `id` is an FtM id: `[0-9a-zA-Z.-]`, starting and ending alphanumeric.
fn ftm_id(id: &str) -> bool {
    let b = id.as_bytes();
    !b.is_empty()
        && b.len() <= 200
        && b.iter().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-'))
        && b[0].is_ascii_alphanumeric()
        && b[b.len() - 1].is_ascii_alphanumeric()
}

#[test]
fn the_export_is_one_valid_entity_per_line_with_no_dangling_reference() {
    for data in DATASETS {
        let data = root().join(data);
        let text = run_on(&data, &["export", "--format", "ftm"]).ok().stdout;
        assert_eq!(
            text,
            run_on(&data, &["export", "--format", "ftm"]).ok().stdout,
            "deterministic"
        );
        let stats = run_on(&data, &["--json", "stats"]).ok().json();
        let mut ids = BTreeSet::new();
        let mut schemata: BTreeMap<String, u64> = BTreeMap::new();
        let mut references = Vec::new();
        for line in text.lines() {
            let e: Json = serde_json::from_str(line).expect("one JSON entity per line");
            let id = e["id"].as_str().unwrap();
            assert!(ftm_id(id), "{id:?}");
            assert!(ids.insert(id.to_string()), "{id:?} twice");
            *schemata.entry(e["schema"].as_str().unwrap().to_string()).or_default() += 1;
            for (key, values) in e["properties"].as_object().unwrap() {
                let values = values.as_array().expect("a list");
                assert!(
                    !values.is_empty() && values.iter().all(Json::is_string),
                    "{key} of {id}"
                );
                if ["participant", "project", "proof", "subject", "object"].contains(&key.as_str()) {
                    references.extend(values.iter().map(|v| v.as_str().unwrap().to_string()));
                }
            }
        }
        for r in references {
            assert!(ids.contains(&r), "{}: dangling reference {r:?}", data.display());
        }
        let organisations: u64 = ["Company", "Organization", "PublicBody", "LegalEntity", "Person"]
            .iter()
            .filter_map(|s| schemata.get(*s))
            .sum();
        assert_eq!(organisations, stats["entities"].as_u64().unwrap());
        assert_eq!(
            schemata.get("Project").copied().unwrap_or(0),
            stats["projects"].as_u64().unwrap()
        );
        assert_eq!(
            schemata.get("ProjectParticipant").copied().unwrap_or(0),
            stats["participations"].as_u64().unwrap()
        );
        assert_eq!(
            schemata.get("Article").copied().unwrap_or(0),
            stats["sources"].as_u64().unwrap()
        );
    }
}

#[test]
fn export_then_import_gives_the_same_answers() {
    for data in DATASETS {
        let data = root().join(data);
        let dir = tempfile::tempdir().unwrap();
        let back = dir.path().join("graph.ftm.json");
        run_on(&data, &["export", "-o", back.to_str().unwrap()]).ok();
        let same = |args: &[&str]| {
            let (a, b) = (run_on(&data, args), run_on(&back, args));
            assert_eq!((a.code, &a.stdout), (b.code, &b.stdout), "{} {args:?}", data.display());
        };
        same(&["--json", "stats"]);
        same(&["--json", "list", "entities"]);
        same(&["--json", "list", "projects"]);
        same(&["--json", "rank", "--by", "value"]);
        let entities = run_on(&data, &["--json", "list", "entities"]).ok().json();
        let ids = common::ids(&entities);
        for id in ids.iter().take(8) {
            same(&["--json", "partners", id, "--depth", "2"]);
            same(&["--json", "show", id]);
        }
        for pair in ids.windows(2).take(4) {
            same(&["--json", "path", &pair[0], &pair[1], "--all"]);
        }
        // The FtM written from the FtM read back is the same, byte for byte.
        assert_eq!(
            run_on(&back, &["export", "--format", "ftm"]).ok().stdout,
            std::fs::read_to_string(&back).unwrap()
        );
        // check finds what it found in the original, and nothing skipped.
        let (a, b) = (
            run_on(&data, &["--json", "check"]).json(),
            run_on(&back, &["--json", "check"]).json(),
        );
        assert_eq!(
            (a["errors"].clone(), a["warnings"].clone()),
            (b["errors"].clone(), b["warnings"].clone())
        );
    }
}

#[test]
fn ids_that_ftm_cannot_carry_come_back_through_the_partnet_id_keyword() {
    let data = root().join("tests/fixtures/hostile-interchange.json");
    let text = run_on(&data, &["export", "--format", "ftm"]).ok().stdout;
    let by_mark: BTreeMap<String, Json> = text
        .lines()
        .map(|l| serde_json::from_str::<Json>(l).unwrap())
        .filter_map(|e| {
            let mark = e["properties"]["keywords"]
                .as_array()?
                .iter()
                .find_map(|k| k.as_str()?.strip_prefix("partnet-id:").map(String::from))?;
            Some((mark, e))
        })
        .collect();
    assert_eq!(by_mark["tab id"]["schema"], "PublicBody", "agency");
    assert!(by_mark["tab id"]["id"].as_str().unwrap().starts_with("h."));
    assert_eq!(by_mark["src one"]["schema"], "Article");
    assert_eq!(
        by_mark["p'2"]["properties"]["summary"],
        serde_json::json!(["$1B-$2.5B"])
    );
    assert_eq!(
        by_mark["p'2"]["properties"]["amountUsd"],
        serde_json::json!(["2500000000"])
    );
    assert_eq!(by_mark["lonely 'one'"]["schema"], "Person");
}

const FOREIGN: &str = r#"{"id": "co-1", "schema": "Company", "properties": {"name": ["Acme Corp", "ACME"], "alias": ["Acme"], "country": ["gb-sct", "eu", "zz", "us"], "sector": ["energy"], "website": ["https://acme.example"]}, "datasets": ["x"], "caption": "Acme Corp"}
{"id": "pp-1", "schema": "ProjectParticipant", "properties": {"participant": ["co-1"], "project": ["proj-1"], "role": ["Contractor"], "startDate": ["2024-05-01T10:00:00"], "description": ["Acme builds it."], "proof": ["doc-1"]}}
{"id": "proj-1", "schema": "Project", "properties": {"name": ["Harbour"], "amountUsd": ["2000000000"], "summary": ["up to $2B"], "status": ["proposed"], "startDate": ["2024"], "amountEur": ["1800000000"]}}
{"id": "gov-1", "schema": "PublicBody", "properties": {"name": ["Port Authority"], "legalForm": ["Government"]}}
{"id": "pp-2", "schema": "ProjectParticipant", "properties": {"participant": ["gov-1"], "project": ["proj-1"], "role": ["sponsor"]}}
{"id": "doc-1", "schema": "Document", "properties": {"title": ["Harbour deal"], "publisher": ["Gazette"], "publishedAt": ["2024-05-02"], "sourceUrl": ["https://gazette.example/1"]}}
{"id": "own-1", "schema": "Ownership", "properties": {"owner": ["gov-1"], "asset": ["co-1"], "percentage": ["51"]}}
{"id": "own-2", "schema": "Ownership", "properties": {"owner": ["co-1"], "asset": ["gov-1"]}}
{"id": "dir-1", "schema": "Directorship", "properties": {"director": ["co-1"], "organization": ["gov-1"]}}
{"id": "addr-1", "schema": "Address", "properties": {"full": ["1 Harbour Road"]}}
"#;

#[test]
fn ftm_from_elsewhere_reads_with_the_documented_mapping() {
    let run = |args: &[&str]| with_files(&[("os.ftm.json", FOREIGN)], args);
    let stats = run(&["--json", "stats"]).ok().json();
    assert_eq!(
        (
            &stats["entities"],
            &stats["projects"],
            &stats["participations"],
            &stats["sources"]
        ),
        (
            &serde_json::json!(2),
            &serde_json::json!(1),
            &serde_json::json!(2),
            &serde_json::json!(1)
        )
    );
    let acme = run(&["--json", "show", "ACME"]).ok().json();
    assert_eq!(acme["id"], "co-1");
    assert_eq!(acme["name"], "Acme Corp");
    assert_eq!(acme["aliases"], serde_json::json!(["ACME", "Acme"]));
    assert_eq!(
        acme["country"], "US",
        "the first ISO 3166-1 code: not a region, not eu or zz"
    );
    assert_eq!(acme["kind"], "company");
    let port = run(&["--json", "show", "Port Authority"]).ok().json();
    assert_eq!(port["kind"], "government");
    let harbour = run(&["--json", "show", "Harbour"]).ok().json();
    assert_eq!(harbour["value"], "up to $2B");
    assert_eq!(harbour["date"], "2024");
    assert!(
        harbour["note"].as_str().unwrap().contains("amount: 1800000000 EUR"),
        "{harbour}"
    );
    let path = run(&["--json", "--no-ties", "path", "Acme", "Port Authority"])
        .ok()
        .json();
    let link = &path["links"][0];
    assert_eq!(link["roles"], serde_json::json!(["contractor"]));
    assert_eq!(link["date"], "2024-05-01");
    assert_eq!(link["sources"], serde_json::json!(["doc-1"]), "{link}");
    // The links between them are ties: Ownership (with its share), Directorship.
    assert_eq!(stats["ties"], 1, "one tied pair");
    let ties: Vec<(String, String, Json)> = acme["ties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["kind"].as_str().unwrap().to_string(),
                t["direction"].as_str().unwrap().to_string(),
                t["share"].clone(),
            )
        })
        .collect();
    assert_eq!(
        ties,
        [
            ("director".to_string(), "out".to_string(), Json::Null),
            // Two owner ties of one pair: by their content (the one from co-1 first), not
            // in the file's order.
            ("owner".to_string(), "out".to_string(), Json::Null),
            ("owner".to_string(), "in".to_string(), serde_json::json!(51.0)),
        ]
    );
    // Skipped schemata are counted, per schema, by check.
    let check = run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stdout);
    assert!(!check.stdout.contains("Ownership entit"), "{}", check.stdout);
    assert!(check
        .stdout
        .contains("os.ftm.json:10:1: warning: skipped 1 Address entity: partnet has no place for it"));
    // Inside a directory, by extension.
    let dir = tempfile::tempdir().unwrap();
    for name in ["a.ijson", "b.FTM"] {
        std::fs::write(dir.path().join(name), "").unwrap();
    }
    std::fs::write(dir.path().join("c.ftm.json"), FOREIGN).unwrap();
    let listed = partnet(&["--data", dir.path().to_str().unwrap(), "--json", "stats"])
        .ok()
        .json();
    assert_eq!(listed["entities"], 2);
}

#[test]
fn ftm_errors_name_the_file_and_line() {
    let dangling = "{\"id\": \"co\", \"schema\": \"Company\", \"properties\": {\"name\": [\"Co\"]}}\n\
                    {\"id\": \"pp\", \"schema\": \"ProjectParticipant\", \"properties\": {\"participant\": [\"co\"], \"project\": [\"nowhere\"]}}\n";
    let run = with_files(&[("d.ftm", dangling)], &["stats"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .starts_with("d.ftm:2:1: error: participation \"co\" in \"nowhere\": unknown project \"nowhere\""),
        "{}",
        run.stderr
    );
    let broken = "{\"id\": \"co\", \"schema\": \"Company\", \"properties\": {\"name\": [\"Co\"]}}\n{\"id\": \"x\" \"schema\"}\n{\"id\": \"y\", \"schema\": \"Project\", \"properties\": {\"name\": [\"Y\"], \"date\": [\"2025-13-01\"]}}\n";
    let run = with_files(&[("b.ijson", broken)], &["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("b.ijson:2:12: error: invalid JSON"),
        "{}",
        run.stdout
    );
    // The line after a bad one is still read and checked.
    assert!(
        run.stdout
            .contains("b.ijson:3:1: error: project \"y\": invalid date \"2025-13-01\""),
        "{}",
        run.stdout
    );
    let vessel = "{\"id\": \"v\", \"schema\": \"Vessel\", \"properties\": {\"name\": [\"Boat\"]}}\n\
                  {\"id\": \"p\", \"schema\": \"Project\", \"properties\": {\"name\": [\"P\"]}}\n\
                  {\"id\": \"pp\", \"schema\": \"ProjectParticipant\", \"properties\": {\"participant\": [\"v\"], \"project\": [\"p\"]}}\n";
    let run = with_files(&[("v.ftm", vessel)], &["stats"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .starts_with("v.ftm:3:1: error: a ProjectParticipant names \"v\", a Vessel"),
        "{}",
        run.stderr
    );
    let typo = "{\"id\": \"x\", \"schema\": \"Compnay\", \"properties\": {\"name\": [\"X\"]}}\n";
    let run = with_files(&[("t.ftm", typo)], &["check"]);
    assert!(
        run.stdout
            .contains("not a FollowTheMoney schema; did you mean Company?"),
        "{}",
        run.stdout
    );
    let amount =
        "{\"id\": \"p\", \"schema\": \"Project\", \"properties\": {\"name\": [\"P\"], \"amountUsd\": [\"-5\"]}}\n";
    let run = with_files(&[("a.ftm", amount)], &["stats"]);
    assert!(
        run.stderr
            .starts_with("a.ftm:1:1: error: project \"p\": amountUsd \"-5\""),
        "{}",
        run.stderr
    );
}

#[test]
fn an_ftm_stream_on_a_pipe_or_in_a_plain_json_file_is_told_by_its_keys() {
    use std::io::Write as _;
    use std::process::Stdio;
    let data = root().join("data/us-japan-2025.json");
    let ftm = run_on(&data, &["export", "--format", "ftm"]).ok().stdout;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_partnet"))
        .args(["--data", "/dev/stdin", "--json", "stats"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(ftm.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        run_on(&data, &["--json", "stats"]).ok().stdout
    );
    let plain = with_files(&[("entities.json", &ftm)], &["--json", "stats"]).ok().json();
    assert_eq!(plain["participations"], 51);
}

#[test]
fn a_link_to_an_entity_of_a_skipped_schema_is_left_out_with_one_warning_per_kind() {
    let text = [
        r#"{"id":"v","schema":"Vessel","properties":{"name":["Boat"]}}"#,
        r#"{"id":"c1","schema":"Company","properties":{"name":["C1"]}}"#,
        r#"{"id":"o3","schema":"Ownership","properties":{"owner":["c1"],"asset":["v"]}}"#,
        r#"{"id":"o4","schema":"Ownership","properties":{"owner":["c1"],"asset":["v"],"percentage":["10"]}}"#,
        r#"{"id":"d1","schema":"Directorship","properties":{"director":["v"],"organization":["c1"]}}"#,
    ]
    .join("\n");
    let run = with_files(&[("s.ftm.json", &text)], &["stats"]).ok();
    assert!(run.stdout.contains("ties               0"), "{}", run.stdout);
    let run = with_files(&[("s.ftm.json", &text)], &["check"]).ok();
    for want in [
        "s.ftm.json:3:1: warning: skipped 2 Ownership links whose `asset` is a Vessel, which partnet does not read as an organisation (the first: \"v\")\n  help: ",
        "s.ftm.json:5:1: warning: skipped 1 Directorship link whose `director` is a Vessel, which partnet does not read as an organisation (\"v\")\n",
    ] {
        assert!(run.stdout.contains(want), "{want}\nmissing from:\n{}", run.stdout);
    }
}

#[test]
fn odd_percentages_are_left_out_with_a_warning_and_grouped_amounts_read() {
    let text = [
        r#"{"id":"a","schema":"Company","properties":{"name":["A"]}}"#,
        r#"{"id":"b","schema":"Company","properties":{"name":["B"]}}"#,
        r#"{"id":"o1","schema":"Ownership","properties":{"owner":["a"],"asset":["b"],"percentage":["25-50%"]}}"#,
        r#"{"id":"o2","schema":"Ownership","properties":{"owner":["a"],"asset":["b"],"percentage":[">25%"],"startDate":["2020"]}}"#,
        r#"{"id":"o3","schema":"Ownership","properties":{"owner":["b"],"asset":["a"],"percentage":["51,5"]}}"#,
        r#"{"id":"p","schema":"Project","properties":{"name":["P"],"amountUsd":["1,000,000"]}}"#,
    ]
    .join("\n");
    let run = with_files(&[("s.ftm.json", &text)], &["--json", "export", "--format", "json"]).ok();
    let out = run.json();
    let shares: Vec<Json> = out["links"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|l| l["ties"].as_array().cloned().unwrap_or_default())
        .map(|t| t["share"].clone())
        .collect();
    assert!(shares.contains(&Json::from(51.5)), "{shares:?}");
    // a's ties to b keep no share: a range is no share.
    assert!(shares.contains(&Json::Null), "{shares:?}");
    assert!(
        shares.iter().all(|s| s.is_null() || s.as_f64() == Some(51.5)),
        "{shares:?}"
    );
    assert!(run.stdout.contains("1000000"), "{}", run.stdout);
    let run = with_files(&[("s.ftm.json", &text)], &["check"]).ok();
    for want in [
        "s.ftm.json:3:1: warning: Ownership \"o1\": percentage \"25-50%\" is not one number: the tie is read without a share\n  help: ",
        "s.ftm.json:4:1: warning: Ownership \"o2\": percentage \">25%\" is not one number",
    ] {
        assert!(run.stdout.contains(want), "{want}\nmissing from:\n{}", run.stdout);
    }
}

#[test]
fn a_line_lacking_its_closing_brace_is_pointed_at_its_end_not_at_the_next_line() {
    let text = [
        r#"{"id":"c1","schema":"Company","properties":{"name":["C1"]}}"#,
        r#"{"id":"c3","schema":"Company","properties":{"name":["C3"]}"#,
        r#"{"id":"c4","schema":"Company","properties":{"name":["C4"]}}"#,
    ]
    .join("\n");
    let run = with_files(&[("b.ftm.json", &text)], &["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .starts_with("b.ftm.json:2:59: error: invalid JSON: expected `,` or `}` at the end of the line\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("invalid: 1 error,"),
        "line 3 is read: {}",
        run.stdout
    );
}

#[test]
fn a_tie_to_an_id_no_file_defines_names_the_ftm_record_and_its_property() {
    let text = [
        r#"{"id":"c1","schema":"Company","properties":{"name":["C1"]}}"#,
        r#"{"id":"c2","schema":"Company","properties":{"name":["C2"]}}"#,
        r#"{"id":"p","schema":"Project","properties":{"name":["P"]}}"#,
        r#"{"id":"o1","schema":"Ownership","properties":{"owner":["c1"],"asset":["nope"]}}"#,
        r#"{"id":"d1","schema":"Directorship","properties":{"director":["ghost"],"organization":["c2"]}}"#,
        r#"{"id":"o2","schema":"Ownership","properties":{"owner":["c1"],"asset":["p"]}}"#,
        r#"{"id":"o3","schema":"Ownership","properties":{"owner":["c1"],"asset":["c1"]}}"#,
    ]
    .join("\n");
    let run = with_files(&[("s.ftm", &text)], &["check"]);
    assert_eq!(run.code, 1);
    for want in [
        "s.ftm:4:1: error: Ownership \"o1\": property \"asset\": unknown entity \"nope\"\n",
        "s.ftm:5:1: error: Directorship \"d1\": property \"director\": unknown entity \"ghost\"\n",
        "s.ftm:6:1: error: Ownership \"o2\": property \"asset\": \"p\" is a project; a tie links two organisations\n",
        "s.ftm:7:1: error: Ownership \"o3\": a tie from \"c1\" to itself\n  help: a tie links two different organisations; fix `owner` or `asset`\n",
    ] {
        assert!(run.stdout.contains(want), "{want}\nmissing from:\n{}", run.stdout);
    }
    assert!(!run.stdout.contains("field \""), "{}", run.stdout);
}

#[test]
fn a_percentage_or_an_amount_that_is_no_finite_number_is_read_as_no_number() {
    let text = [
        r#"{"id":"a","schema":"Company","properties":{"name":["A"]}}"#,
        r#"{"id":"b","schema":"Company","properties":{"name":["B"]}}"#,
        r#"{"id":"o1","schema":"Ownership","properties":{"owner":["a"],"asset":["b"],"percentage":["NaN"]}}"#,
        r#"{"id":"o2","schema":"Ownership","properties":{"owner":["b"],"asset":["a"],"percentage":["inf%"]}}"#,
    ]
    .join("\n");
    let run = with_files(&[("s.ftm.json", &text)], &["check"]).ok();
    for want in [
        "s.ftm.json:3:1: warning: Ownership \"o1\": percentage \"NaN\" is not one number: the tie is read without a share\n",
        "s.ftm.json:4:1: warning: Ownership \"o2\": percentage \"inf%\" is not one number",
    ] {
        assert!(run.stdout.contains(want), "{want}\nmissing from:\n{}", run.stdout);
    }
    let out = with_files(&[("s.ftm.json", &text)], &["--json", "export", "--format", "json"])
        .ok()
        .json();
    let shares: Vec<Json> = out["links"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|l| l["ties"].as_array().cloned().unwrap_or_default())
        .map(|t| t["share"].clone())
        .collect();
    assert_eq!(shares, [Json::Null, Json::Null]);
    for amount in ["1e400", "NaN", "-inf"] {
        let project =
            format!(r#"{{"id":"p","schema":"Project","properties":{{"name":["P"],"amountUsd":["{amount}"]}}}}"#);
        let run = with_files(&[("a.ftm", &project)], &["stats"]);
        assert_eq!(run.code, 1);
        let want = format!("a.ftm:1:1: error: project \"p\": amountUsd \"{amount}\" is not a number\n");
        assert!(run.stderr.starts_with(&want), "{want}\n{}", run.stderr);
    }
}
