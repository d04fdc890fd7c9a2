//! `--data` reads node-link JSON: partnet's own `export --format json` gives back the same
//! answers, and networkx's `node_link_data` (with the same conventions) reads too.

mod common;

use common::{fixture, root, run_on, with_files};

#[test]
fn the_json_export_reads_back_into_the_same_answers() {
    /// A dataset, names to ask partners and show about, pairs to ask a path between.
    type Case<'a> = (&'a str, &'a [&'a str], &'a [(&'a str, &'a str)]);
    let cases: &[Case] = &[
        (
            "data/us-japan-2025.json",
            &["westinghouse", "Toshiba", "softbank-group"],
            &[("toshiba", "bechtel"), ("westinghouse", "cameco")],
        ),
        (
            "tests/fixtures/hostile-interchange.json",
            &["acme \"the\" corp", "tab id"],
            &[("esc", "toshiba 東芝")],
        ),
        ("tests/fixtures/hostile.json", &["script"], &[("script", "quotes")]),
        ("tests/fixtures/small.json", &["a"], &[("a", "f")]),
    ];
    for (data, names, paths) in cases {
        let data = root().join(data);
        let dir = tempfile::tempdir().unwrap();
        let back = dir.path().join("graph.json");
        run_on(&data, &["export", "-o", back.to_str().unwrap()]).ok();
        let same = |args: &[&str]| {
            let (a, b) = (run_on(&data, args), run_on(&back, args));
            assert_eq!((a.code, &a.stdout), (b.code, &b.stdout), "{} {args:?}", data.display());
        };
        same(&["--json", "stats"]);
        same(&["--json", "list", "entities"]);
        same(&["--json", "list", "projects"]);
        for name in *names {
            same(&["--json", "partners", name, "--depth", "2"]);
            same(&["--json", "show", name]);
        }
        for (a, b) in *paths {
            same(&["--json", "path", a, b, "--all"]);
        }
        // Exported again, the file is byte for byte the same.
        assert_eq!(
            run_on(&back, &["export", "--format", "json"]).ok().stdout,
            std::fs::read_to_string(&back).unwrap()
        );
        // A filtered export reads back too.
        let jp = dir.path().join("jp.json");
        run_on(&data, &["--country", "JP", "export", "-o", jp.to_str().unwrap()]).ok();
        assert_eq!(
            run_on(&jp, &["--json", "stats"]).ok().stdout,
            run_on(&data, &["--country", "JP", "--json", "stats"]).ok().stdout
        );
        // So does an ego network, whose projects' programme may be left out: the export then
        // names no programme, which the reader would not find.
        for (focus, depth) in names.iter().flat_map(|n| [(n, "1"), (n, "2")]) {
            let ego = dir.path().join("ego.json");
            let args = [
                "export",
                "--focus",
                focus,
                "--depth",
                depth,
                "-o",
                ego.to_str().unwrap(),
            ];
            if run_on(&data, &args).code == 0 {
                run_on(&ego, &["stats"]).ok();
            }
        }
    }
}

#[test]
fn networkx_node_link_data_reads_with_the_same_conventions() {
    // As networkx 3.4+ writes it: `edges`, integer ids, links in either direction, lists
    // as GraphML carries them, attributes partnet does not know.
    let text = r#"{"directed": false, "multigraph": false, "graph": {},
      "nodes": [{"id": 1, "name": "Acme", "country": "US", "aliases": "[\"ACME; Inc\"]", "x": 3.5},
                {"id": 2, "name": "Beta", "kind": "agency"},
                {"id": "plant", "name": "Big plant", "kind": "project", "value_usd": 2e9}],
      "edges": [{"source": 1, "target": "plant", "roles": ["lead"], "status": "signed"},
                {"source": "plant", "target": 2, "roles": "partner", "weight": 1}]}"#;
    let stats = with_files(&[("g.json", text)], &["--json", "stats"]).ok().json();
    assert_eq!(
        (&stats["entities"], &stats["projects"], &stats["participations"]),
        (&serde_json::json!(2), &serde_json::json!(1), &serde_json::json!(2))
    );
    let show = with_files(&[("g.json", text)], &["--json", "show", "ACME; Inc"])
        .ok()
        .json();
    assert_eq!(show["id"], "1");
    let partners = with_files(&[("g.json", text)], &["--json", "partners", "Acme"])
        .ok()
        .json();
    assert_eq!(common::ids(&partners["partners"]), ["2"]);
    let project = with_files(&[("g.json", text)], &["--json", "show", "plant"])
        .ok()
        .json();
    assert_eq!(project["value"], "$2B", "{project}");
    let check = with_files(&[("g.json", text)], &["check"]);
    assert!(
        check
            .stdout
            .contains("g.json:2:1: warning: attribute `x` is not read (it appears once)"),
        "{}",
        check.stdout
    );
    assert!(
        check.stdout.contains("attribute `weight` is not read"),
        "{}",
        check.stdout
    );
}

#[test]
fn node_link_errors_name_the_file_and_line() {
    let text = "{\"nodes\": [\n {\"id\": \"a\", \"name\": \"A\"},\n {\"id\": \"p\", \"name\": \"P\", \"kind\": \"project\"}\n],\n\"links\": [\n {\"source\": \"a\", \"target\": \"q\"}\n]}\n";
    let run = with_files(&[("g.json", text)], &["stats"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .starts_with("g.json:6:1: error: participation \"a\" in \"q\": unknown project \"q\""),
        "{}",
        run.stderr
    );
    let broken = "{\"nodes\": [\n {\"id\": \"a\", \"name\": \"A\"}\n {\"id\": \"b\"}]}";
    let run = with_files(&[("g.json", broken)], &["stats"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with("g.json:3:2: error: invalid JSON"),
        "{}",
        run.stderr
    );
    let both = "{\"nodes\": [{\"id\": \"a\", \"name\": \"A\"}, {\"id\": \"b\", \"name\": \"B\"}],\n\"links\": [{\"source\": \"a\", \"target\": \"b\"}]}";
    let run = with_files(&[("g.json", both)], &["stats"]);
    assert!(
        run.stderr.contains("g.json:2:1: error:") && run.stderr.contains("is an entity, not a project"),
        "{}",
        run.stderr
    );
    // `role` and `roles` in one link: which would it mean? Refused whichever comes last,
    // naming the link and both fields; every such link is reported.
    for (first, second) in [
        (r#""role": "lead""#, r#""roles": ["partner"]"#),
        (r#""roles": "partner""#, r#""role": "lead""#),
    ] {
        let text = format!(
            "{{\"nodes\": [\n {{\"id\": \"a\", \"name\": \"A\"}},\n {{\"id\": \"p\", \"name\": \"P\", \"kind\": \"project\"}}\n],\n\
             \"links\": [\n {{\"source\": \"a\", \"target\": \"p\", {first}, {second}}},\n \
             {{\"source\": \"p\", \"target\": \"a\", {first}, {second}}}\n]}}\n"
        );
        let run = with_files(&[("g.json", &text)], &["stats"]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        let help =
            "  help: keep one: `roles` for a list (\"roles\": [\"lead\", \"partner\"]), or `role` for a single role";
        for (line, from, to) in [(6, "a", "p"), (7, "p", "a")] {
            let said = format!(
                "g.json:{line}:1: error: a link from {from:?} to {to:?} gives both `role` and `roles`: one would \
                 replace the other\n{help}\n"
            );
            assert!(run.stderr.contains(&said), "{said}\nnot in:\n{}", run.stderr);
        }
    }
    // A partnet dataset is still a dataset, with its own errors.
    let run = with_files(&[("d.json", r#"{"entities": [{"id": "a", "nmae": "A"}]}"#)], &["stats"]);
    assert!(run.stderr.contains("did you mean `name`?"), "{}", run.stderr);
    let _ = fixture;
}
