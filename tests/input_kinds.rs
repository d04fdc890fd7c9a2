//! What `--data` takes an input for: its name when the name says, else its first bytes, so
//! that a CSV on a pipe (`--data -`, `/dev/stdin`) is read as CSV; and formats partnet
//! writes but does not read, named as such instead of "invalid JSON"; and a CSV partnet
//! cannot read (an unclosed quote, another separator) says why.

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

/// stderr of a run on one CSV file, asserting exit 1 and a help line.
fn csv_error(text: &str) -> String {
    let run = with_files(&[("bad.csv", text)], &["stats"]);
    assert_eq!(run.code, 1, "stdout:\n{}\nstderr:\n{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("\n  help: "), "{}", run.stderr);
    run.stderr
}

#[test]
fn a_csv_partnet_cannot_read_says_why() {
    // An unclosed quote, wherever it is: in a row of too few fields, in the last field (the
    // rows after it would have been read into one role, silently), in the header.
    for (text, at) in [
        ("entity,project,role\nacme,\"plant,lead\nbeta,plant,lead\n", "2:6"),
        (
            "entity,project,role\r\nacme,plant,\"lead\r\nbeta,plant,lead\r\n",
            "2:12",
        ),
        ("\"entity,project,role\nacme,plant,lead\n", "1:1"),
    ] {
        let e = csv_error(text);
        assert!(
            e.starts_with(&format!(
                "bad.csv:{at}: error: an unclosed quote starts here: its field would run to the end of the file\n"
            )),
            "{e}"
        );
        assert!(!e.contains("fields but"), "one error, not the row's: {e}");
    }
    // Quotes that close, across lines and doubled, are no error.
    let run = with_files(
        &[("ok.csv", "entity,project,role\nacme,\"pl\"\"ant\nwest\",lead\n")],
        &["--json", "list", "projects"],
    );
    assert_eq!(run.ok().json()[0]["id"], "pl\"ant\nwest");
    // Rows before an unclosed quote are checked still.
    let e = csv_error("entity,project,role\nacme,plant\nacme,\"plant,lead\n");
    assert!(
        e.starts_with("bad.csv:2:1: error: the row has 2 fields but the header has 3"),
        "{e}"
    );
    assert!(e.contains("bad.csv:3:6: error: an unclosed quote"), "{e}");

    let e = csv_error("entity;project;role\nacme;plant;lead\n");
    assert!(
        e.starts_with("bad.csv:1:1: error: this looks separated by `;`; partnet reads comma-separated CSV\n"),
        "{e}"
    );
    let e = csv_error("entity\tproject\trole\nacme\tplant\tlead\n");
    assert!(e.contains("error: this looks separated by tabs"), "{e}");
}

#[test]
fn neo4j_admin_csv_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("n4");
    partnet(&["export", "--format", "neo4j-admin", "-o", out.to_str().unwrap()]).ok();
    for file in ["nodes.csv", "relationships.csv"] {
        let path = out.join(file);
        let run = partnet(&["--data", path.to_str().unwrap(), "stats"]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(
            run.stderr.starts_with(&format!(
                "{}: error: this is a neo4j-admin CSV file, which partnet writes but does not read\n  help: ",
                path.display()
            )),
            "{}",
            run.stderr
        );
    }
}
