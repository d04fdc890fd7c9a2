//! Merging several inputs: a file given twice is read once, a definition repeated
//! identically in another file is one record, and a different one is an error that names
//! the field and both files.

mod common;

use common::{cmd_in, with_files, Run};

const A: &str = r#"{"sources": [{"id": "s1", "title": "T"}],
 "entities": [{"id": "x", "name": "X Corp", "country": "US"}, {"id": "y", "name": "Y"}],
 "projects": [{"id": "p", "name": "P", "value": "$2B"}],
 "participations": [{"entity": "x", "project": "p", "sources": ["s1"]}, {"entity": "y", "project": "p"}]}"#;

#[test]
fn the_same_file_given_twice_is_read_once_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("d")).unwrap();
    std::fs::write(dir.path().join("d/a.json"), A).unwrap();
    std::os::unix::fs::symlink("d/a.json", dir.path().join("link.json")).unwrap();
    let run: Run = cmd_in(
        dir.path(),
        &[
            "--data",
            "d/a.json",
            "--data",
            "./d/a.json",
            "--data",
            "link.json",
            "--data",
            "d",
            "--json",
            "stats",
        ],
    )
    .output()
    .unwrap()
    .into();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let stats: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(stats["entities"], 2);
    // The directory brings d/a.json again.
    for repeat in ["./d/a.json", "link.json", "d/a.json"] {
        assert!(
            run.stderr.contains(&format!("{repeat}: warning: skipped: the same ")),
            "{repeat}: {}",
            run.stderr
        );
    }
    assert!(
        run.stderr.contains("given already as d/a.json; it is read once"),
        "{}",
        run.stderr
    );
    // `check` counts it among its warnings; a directory given twice is one warning.
    let run: Run = cmd_in(
        dir.path(),
        &["--data", "d", "--data", "d/a.json", "--data", "d/", "check"],
    )
    .output()
    .unwrap()
    .into();
    assert!(
        run.stdout
            .contains("d/a.json: warning: skipped: the same file was given already; it is read once"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("d/: warning: skipped: the same directory was given already; it is read once"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_definition_repeated_identically_in_another_file_is_one_record() {
    // The same source, entity and project (a value written as a number this time), and a
    // link of its own.
    let b = r#"{"sources": [{"id": "s1", "title": "T"}],
 "entities": [{"id": "x", "name": "X Corp", "country": "US"}, {"id": "z", "name": "Z"}],
 "projects": [{"id": "p", "name": "P", "value": 2000000000}],
 "participations": [{"entity": "z", "project": "p", "sources": ["s1"]}]}"#;
    let run = with_files(&[("a.json", A), ("b.json", b)], &["--json", "stats"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let stats: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        (stats["entities"].as_u64(), stats["projects"].as_u64()),
        (Some(3), Some(1))
    );
    assert_eq!(
        (stats["sources"].as_u64(), stats["participations"].as_u64()),
        (Some(1), Some(3))
    );
    // FtM too.
    let co = "{\"id\": \"co\", \"schema\": \"Company\", \"properties\": {\"name\": [\"Co\"]}}\n";
    let p = "{\"id\": \"p\", \"schema\": \"Project\", \"properties\": {\"name\": [\"P\"]}}\n{\"id\": \"pp\", \"schema\": \"ProjectParticipant\", \"properties\": {\"participant\": [\"co\"], \"project\": [\"p\"]}}\n";
    let run = with_files(&[("a.ftm", &format!("{co}{p}")), ("b.ftm", co)], &["stats"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_definition_that_differs_names_the_field_and_both_files() {
    let c = r#"{"sources": [{"id": "s1", "title": "T2"}],
 "entities": [{"id": "x", "name": "X Corporation", "country": "US"}, {"id": "y", "name": "Y", "note": "n"}],
 "projects": [{"id": "p", "name": "P", "value": "$3B"}]}"#;
    let run = with_files(&[("a.json", A), ("c.json", c)], &["check"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    for line in [
        "c.json:1:21: error: source \"s1\": defined in a.json too, with another `title`: \"T\" there, \"T2\" here",
        "c.json:2:22: error: entity \"x\": defined in a.json too, with another `name`: \"X Corp\" there, \"X Corporation\" here",
        "c.json:2:77: error: entity \"y\": defined in a.json too, with another `note`: none there, \"n\" here",
        "c.json:3:22: error: project \"p\": defined in a.json too, with another `value`: $2B there, $3B here",
    ] {
        assert!(run.stdout.contains(line), "{line}\n{}", run.stdout);
    }
    assert!(
        run.stdout.contains("make the `name`s agree, or rename one of them"),
        "{}",
        run.stdout
    );
    // Each is reported once, not again as a duplicate id.
    assert!(!run.stdout.contains("duplicate id"), "{}", run.stdout);
    // Twice in one file is still a duplicate.
    let twice = r#"{"entities": [{"id": "x", "name": "X"}, {"id": "x", "name": "X"}]}"#;
    let run = with_files(&[("t.json", twice)], &["stats"]);
    assert!(run.stderr.contains("duplicate id \"x\""), "{}", run.stderr);
}

/// Only a file's first definition of an id can repeat another file's: a second one in the
/// same file is a duplicate, whichever order the files come in.
#[test]
fn a_duplicate_within_a_file_is_an_error_whatever_the_files_before_it() {
    let one = r#"{"entities": [{"id": "a", "name": "A"}]}"#;
    let twice = r#"{"entities": [{"id": "a", "name": "A"}, {"id": "a", "name": "A"}]}"#;
    for files in [
        [("r1.json", one), ("r2.json", twice)],
        [("r2.json", twice), ("r1.json", one)],
    ] {
        let run = with_files(&files, &["check"]);
        let said = run.stdout.clone() + &run.stderr;
        assert_eq!(run.code, 1, "{files:?}: {said}");
        assert!(said.contains("r2.json:1:"), "{said}");
        assert!(said.contains("duplicate id \"a\""), "{said}");
    }
}

/// A warning about a record in a file after one that repeats another file's definition
/// points at that record: the repeat left out of the dataset does not shift the places.
#[test]
fn warnings_after_a_repeat_point_at_their_record() {
    let files = [
        ("w0.json", r#"{"entities": [{"id": "a", "name": "A"}]}"#),
        (
            "w1.json",
            r#"{"entities": [{"id": "a", "name": "A"}, {"id": "x", "name": "X"}]}"#,
        ),
        (
            "w2.json",
            "{\"entities\": [\n  {\"id\": \"y\", \"name\": \"Y\", \"kind\": \"bnak\"}]}",
        ),
    ];
    let run = with_files(&files, &["check"]);
    let said = run.stdout.clone() + &run.stderr;
    assert_eq!(run.code, 0, "{said}");
    assert!(
        said.contains("w2.json:2:10: warning: entity \"y\": unusual kind \"bnak\""),
        "{said}"
    );
    assert!(said.contains("w1.json:1:48: warning: entity \"x\": isolated"), "{said}");
}

/// The organisations an ambiguous name matches are listed by id, not in file order.
#[test]
fn an_ambiguous_name_lists_its_matches_by_id() {
    let text = |first: &str, second: &str| {
        format!(r#"{{"entities": [{{"id": "{first}", "name": "Acme"}}, {{"id": "{second}", "name": "Acme"}}]}}"#)
    };
    for (a, b) in [("zeta", "alpha"), ("alpha", "zeta")] {
        let run = with_files(&[("t.json", &text(a, b))], &["show", "Acme"]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(
            run.stderr.contains("matches alpha (Acme), zeta (Acme)"),
            "{}",
            run.stderr
        );
    }
}
