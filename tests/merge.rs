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
