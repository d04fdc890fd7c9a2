//! What `--data` takes an input for: its name when the name says, else its first bytes, so
//! that a CSV on a pipe (`--data -`, `/dev/stdin`) is read as CSV; and formats partnet
//! writes but does not read, named as such instead of "invalid JSON".

mod common;

use std::io::Write;
use std::process::Stdio;

use common::{cmd_in, partnet, root, with_files, Run};

/// Runs partnet from a temporary directory with `input` on its standard input.
fn piped(args: &[&str], input: &[u8]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let mut child = cmd_in(dir.path(), args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // A run that refuses its input may stop reading: a closed pipe is no failure here.
    let _ = stdin.write_all(input);
    drop(stdin);
    child.wait_with_output().unwrap().into()
}

fn stats(run: Run) -> serde_json::Value {
    run.ok().json()
}

#[test]
fn a_csv_or_a_json_on_standard_input_is_read_as_what_it_is() {
    let want = stats(partnet(&["--json", "stats"]));
    let json = std::fs::read(root().join("data/us-japan-2025.json")).unwrap();
    let csv = partnet(&["export", "--format", "csv"]).ok().stdout;
    for stdin in ["-", "/dev/stdin"] {
        for (what, text) in [("json", &json[..]), ("csv", csv.as_bytes())] {
            let got = stats(piped(&["--data", stdin, "--json", "stats"], text));
            assert_eq!(got, want, "{what} on {stdin}");
        }
    }
    // A minimal table, with a byte order mark, from a spreadsheet.
    let run = piped(
        &["--data", "-", "--json", "stats"],
        b"\xef\xbb\xbfentity,project,role\nacme,plant,lead\n",
    );
    assert_eq!(stats(run)["participations"], 1);
    // A file whose name says neither is read by its content too.
    let run = with_files(
        &[("table.txt", "entity,project,role\nacme,plant,lead\n")],
        &["--json", "stats"],
    );
    assert_eq!(stats(run)["entities"], 1);
}

#[test]
fn standard_input_is_named_and_read_once() {
    let run = piped(&["--data", "-", "stats"], b"entity,project,role\nacme,plant\n");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .starts_with("<stdin>:2:1: error: the row has 2 fields but the header has 3"),
        "{}",
        run.stderr
    );
    let run = piped(&["--data", "-", "--data", "-", "stats"], b"entity,project,role\n");
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .starts_with("error: `--data -` is given twice: standard input can be read once"),
        "{}",
        run.stderr
    );
}

/// The first line of stderr for a run on `files`, asserting exit 1 and a help line.
fn refused(files: &[(&str, &str)]) -> String {
    let run = with_files(files, &["stats"]);
    assert_eq!(run.code, 1, "stdout:\n{}\nstderr:\n{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .contains("\n  help: give --data the JSON or CSV it was exported from"),
        "{}",
        run.stderr
    );
    run.stderr.lines().next().unwrap().to_string()
}

#[test]
fn exports_partnet_does_not_read_are_named() {
    for (format, name) in [
        ("graphml", "GraphML"),
        ("gexf", "GEXF"),
        ("cytoscape", "Cytoscape.js"),
        ("cypher", "Cypher"),
    ] {
        let text = partnet(&["export", "--format", format]).ok().stdout;
        // By its name, by its content under a JSON name, and on a pipe.
        let ext = match format {
            "cytoscape" => "cyjs",
            other => other,
        };
        for file in [format!("g.{ext}"), "g.json".to_string()] {
            assert_eq!(
                refused(&[(&file, &text)]),
                format!("{file}: error: this is a {name} file, which partnet writes but does not read"),
            );
        }
        let run = piped(&["--data", "-", "stats"], text.as_bytes());
        assert!(
            run.stderr
                .starts_with(&format!("<stdin>: error: this is a {name} file")),
            "{}",
            run.stderr
        );
    }
    let neo4j = partnet(&["export", "--format", "cypher", "--dialect", "neo4j"])
        .ok()
        .stdout;
    assert!(refused(&[("g.cql", &neo4j)]).contains("a Cypher file"));
}
