//! `check`'s warnings about projects nobody takes part in and programmes whose value may
//! overlap their parts', and the statuses that tell a memorandum from a contract.

mod common;

use common::with_data;

/// The line of `stdout` that has `needle`, with the help line after it.
fn warning<'a>(stdout: &'a str, needle: &str) -> (&'a str, &'a str) {
    let lines: Vec<&str> = stdout.lines().collect();
    let i = lines
        .iter()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle:?}:\n{stdout}"));
    (lines[i], lines.get(i + 1).copied().unwrap_or(""))
}

const PROGRAMME: &str = r#"{"entities": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
 "projects": [
  {"id": "prog", "name": "Programme", "value": "$550B"},
  {"id": "big", "name": "Big part", "value": "up to $100B", "part_of": "prog"},
  {"id": "unvalued", "name": "Part with no value", "part_of": "prog"},
  {"id": "small", "name": "Small part", "value": "$2B", "part_of": "prog"},
  {"id": "nobody", "name": "Nobody's project"},
  {"id": "open", "name": "Programme with no value"},
  {"id": "inside", "name": "Valued part of an unvalued programme", "value": "$1B", "part_of": "open"}
 ],
 "participations": [
  {"entity": "a", "project": "prog", "sources": ["s"]}, {"entity": "b", "project": "prog", "sources": ["s"]},
  {"entity": "a", "project": "big", "sources": ["s"]}, {"entity": "b", "project": "big", "sources": ["s"]},
  {"entity": "a", "project": "unvalued", "sources": ["s"]}, {"entity": "b", "project": "unvalued", "sources": ["s"]},
  {"entity": "a", "project": "small", "sources": ["s"]}, {"entity": "b", "project": "small", "sources": ["s"]},
  {"entity": "a", "project": "open", "sources": ["s"]}, {"entity": "b", "project": "open", "sources": ["s"]},
  {"entity": "a", "project": "inside", "sources": ["s"]}, {"entity": "b", "project": "inside", "sources": ["s"]}
 ],
 "sources": [{"id": "s"}]}"#;

#[test]
fn a_project_with_no_participant_is_flagged_where_it_is() {
    let run = with_data(PROGRAMME, &["check"]);
    assert_eq!(run.code, 0, "a warning alone does not fail: {}", run.stdout);
    let (line, help) = warning(&run.stdout, "no participant");
    assert!(
        line.ends_with("data.json:7:10: warning: project \"nobody\": no participant: no organisation is linked to it"),
        "{line}"
    );
    assert!(help.starts_with("  help: "), "{help}");
    assert_eq!(
        run.stdout.matches("no participant").count(),
        1,
        "only the project nobody is in:\n{}",
        run.stdout
    );
    let json = with_data(PROGRAMME, &["--json", "check"]).ok().json();
    let found: Vec<&serde_json::Value> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["message"].as_str().unwrap().starts_with("no participant"))
        .collect();
    assert_eq!(found.len(), 1);
    assert_eq!(
        (
            found[0]["severity"].as_str(),
            found[0]["line"].as_u64(),
            found[0]["column"].as_u64()
        ),
        (Some("warning"), Some(7), Some(10))
    );
    assert_eq!(found[0]["subject"], "project \"nobody\"");
    assert_eq!(with_data(PROGRAMME, &["check", "--strict"]).code, 1);
}

#[test]
fn a_programme_with_a_value_and_valued_parts_is_flagged_with_the_parts() {
    let run = with_data(PROGRAMME, &["check"]).ok();
    let (line, help) = warning(&run.stdout, "states a value");
    assert!(
        line.contains("data.json:3:10: warning: project \"prog\": states a value ($550B) and so do 2 of its parts: \"big\" (up to $100B), \"small\" ($2B); a total over the programme and its parts may count the same money twice"),
        "{line}"
    );
    assert!(
        !line.contains("unvalued"),
        "a part with no value cannot overlap: {line}"
    );
    assert!(
        help.starts_with("  help: ") && help.contains("never both") && help.contains("partnet show prog"),
        "{help}"
    );
    assert_eq!(
        run.stdout.matches("states a value").count(),
        1,
        "a programme with no value of its own is not flagged:\n{}",
        run.stdout
    );
}

#[test]
fn an_overlap_names_five_parts_and_counts_the_rest() {
    let parts: Vec<String> = (0..8)
        .map(|i| format!(r#"{{"id": "part{i}", "name": "Part {i}", "value": "${i}M", "part_of": "prog"}}"#))
        .collect();
    let data = format!(
        r#"{{"projects": [{{"id": "prog", "name": "Programme", "value": "up to $1B"}}, {}]}}"#,
        parts.join(", ")
    );
    let run = with_data(&data, &["check"]).ok();
    let (line, _) = warning(&run.stdout, "states a value");
    assert!(
        line.contains("states a value (up to $1B) and so do 8 of its parts: \"part0\" ($0), \"part1\" ($1M), \"part2\" ($2M), \"part3\" ($3M), \"part4\" ($4M), and 3 more;"),
        "{line}"
    );
    let one = with_data(
        r#"{"projects": [{"id": "prog", "name": "P", "value": "$5B"}, {"id": "x", "name": "X", "value": "$1B", "part_of": "prog"}]}"#,
        &["check"],
    )
    .ok();
    let (line, _) = warning(&one.stdout, "states a value");
    assert!(
        line.contains("states a value ($5B) and so does its part: \"x\" ($1B);"),
        "{line}"
    );
}

#[test]
fn memorandum_and_term_sheet_are_known_statuses() {
    let data = r#"{"entities": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
      "projects": [{"id": "m", "name": "M"}, {"id": "t", "name": "T"}],
      "participations": [
        {"entity": "a", "project": "m", "status": "memorandum", "sources": ["s"]},
        {"entity": "b", "project": "m", "status": "memorandum", "sources": ["s"]},
        {"entity": "a", "project": "t", "status": "term-sheet", "sources": ["s"]},
        {"entity": "b", "project": "t", "status": "term-sheet", "sources": ["s"]}],
      "sources": [{"id": "s"}]}"#;
    let run = with_data(data, &["check", "--strict"]);
    assert_eq!(run.code, 0, "no unusual status:\n{}", run.stdout);
    assert!(!run.stdout.contains("warning:"), "{}", run.stdout);
}

/// The status a link shows when its records have `statuses`.
fn merged(statuses: &[&str]) -> String {
    let records: Vec<String> = statuses
        .iter()
        .enumerate()
        .map(|(i, s)| format!(r#"{{"entity": "a", "project": "p", "status": "{s}", "sources": ["s{i}"]}}"#))
        .collect();
    let sources: Vec<String> = (0..statuses.len()).map(|i| format!(r#"{{"id": "s{i}"}}"#)).collect();
    let data = format!(
        r#"{{"entities": [{{"id": "a", "name": "A"}}], "projects": [{{"id": "p", "name": "P"}}],
            "participations": [{}], "sources": [{}]}}"#,
        records.join(", "),
        sources.join(", ")
    );
    let show = with_data(&data, &["--json", "show", "p"]).ok().json();
    show["links"][0]["status"].as_str().unwrap().to_string()
}

#[test]
fn a_memorandum_outranks_an_announcement_and_a_contract_outranks_a_term_sheet() {
    // Both orders of the records: the rank decides, not the file.
    for (a, b, want) in [
        ("announced", "memorandum", "memorandum"),
        ("memorandum", "selected", "selected"),
        ("selected", "term-sheet", "term-sheet"),
        ("term-sheet", "agreed", "agreed"),
        ("memorandum", "term-sheet", "term-sheet"),
    ] {
        assert_eq!(merged(&[a, b]), want, "{a} + {b}");
        assert_eq!(merged(&[b, a]), want, "{b} + {a}");
    }
}

#[test]
fn a_memorandum_is_drawn_solid_but_not_as_a_contract() {
    let data = r#"{"entities": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}, {"id": "c", "name": "C"}, {"id": "d", "name": "D"}],
      "projects": [{"id": "p", "name": "P"}],
      "participations": [{"entity": "a", "project": "p", "status": "memorandum"},
                         {"entity": "b", "project": "p", "status": "term-sheet"},
                         {"entity": "c", "project": "p", "status": "signed"},
                         {"entity": "d", "project": "p", "status": "interested"}]}"#;
    let dot = with_data(data, &["diagram", "--format", "dot"]).ok().stdout;
    let edge = |status: &str| -> String {
        dot.lines()
            .find(|l| l.contains("--") && l.contains(&format!("· {status}")))
            .unwrap_or_else(|| panic!("no link labelled {status}:\n{dot}"))
            .to_string()
    };
    let color = |line: &str| line.split("color=").nth(1).map(|c| c[..9].to_string());
    for status in ["memorandum", "term-sheet"] {
        let line = edge(status);
        assert!(!line.contains("dashed") && !line.contains("dotted"), "{line}");
        assert_ne!(color(&line), color(&edge("signed")), "{line}");
    }
    assert!(edge("interested").contains("dashed"));
}

/// A link's warning names the file and place of that link, and of the record it repeats,
/// in a dataset of several files, one of them with no links at all (links keep no file of
/// their own: their order says which it is).
#[test]
fn a_repeated_link_is_placed_in_its_own_file_and_names_the_first() {
    let link = r#"{"entity": "b", "project": "p", "sources": ["s"]}"#;
    let twice = format!(
        r#"{{"participations": [{link},
 {link}]}}"#
    );
    let again = format!(r#"{{"participations": [{link}]}}"#);
    let run = common::with_files(
        &[
            (
                "a.json",
                r#"{"entities": [{"id": "a", "name": "A"}], "projects": [{"id": "p", "name": "P"}], "participations": [{"entity": "a", "project": "p", "sources": ["s"]}], "sources": [{"id": "s"}]}"#,
            ),
            ("b.json", r#"{"entities": [{"id": "b", "name": "B"}]}"#),
            ("c.json", &twice),
            ("d.json", &again),
        ],
        &["check"],
    );
    let repeats: Vec<&str> = run.stdout.lines().filter(|l| l.contains("recorded twice")).collect();
    assert_eq!(
        repeats,
        [
            "c.json:2:13: warning: participation \"b\" in \"p\": the same link is recorded twice (also record 1 of the file)",
            "d.json:1:32: warning: participation \"b\" in \"p\": the same link is recorded twice (also record 1 of c.json)",
        ],
        "{}",
        run.stdout
    );
}

/// A tie's copies name the first by its file, as a link's do: a later copy in another file
/// points back to the first, not to the copy before it.
#[test]
fn a_repeated_tie_names_the_file_of_the_first() {
    let tie = r#"{"from": "b", "to": "a", "kind": "parent", "sources": ["s"]}"#;
    let run = common::with_files(
        &[
            (
                "a.json",
                &format!(
                    r#"{{"entities": [{{"id": "a", "name": "A"}}, {{"id": "b", "name": "B"}}], "sources": [{{"id": "s"}}],
 "ties": [{tie}]}}"#
                ),
            ),
            ("b.json", &format!("{{\"ties\": [{tie},\n {tie}]}}")),
        ],
        &["check"],
    );
    let repeats: Vec<&str> = run.stdout.lines().filter(|l| l.contains("recorded twice")).collect();
    assert_eq!(
        repeats,
        [
            "b.json:1:20: warning: tie \"b\" parent \"a\": the same tie is recorded twice (also tie 1 of a.json)",
            "b.json:2:11: warning: tie \"b\" parent \"a\": the same tie is recorded twice (also tie 1 of a.json)",
        ],
        "{}",
        run.stdout
    );
}

#[test]
fn a_misspelt_kind_is_unusual_with_the_kind_meant_and_a_kind_of_ones_own_is_told_once() {
    let data = r#"{"entities": [{"id": "a", "name": "A", "kind": "compnay"}, {"id": "b", "name": "B", "kind": "bank"},
      {"id": "c", "name": "C", "kind": "Bank"}, {"id": "d", "name": "D", "kind": "Person"},
      {"id": "e", "name": "E"}, {"id": "f", "name": "F", "kind": "family"}]}"#;
    let run = with_data(data, &["check"]);
    assert_eq!(run.code, 0, "a warning alone does not fail: {}", run.stdout);
    let (line, help) = warning(&run.stdout, "unusual kind \"compnay\"");
    assert!(
        line.ends_with("data.json:1:22: warning: entity \"a\": unusual kind \"compnay\""),
        "{line}"
    );
    assert!(
        help.starts_with("  help: did you mean \"company\"? known kinds: company, agency,"),
        "{help}"
    );
    let (line, _) = warning(&run.stdout, "unusual kind \"bank\"");
    assert!(
        line.contains("entity \"b\": unusual kind \"bank\" (so is 1 other entity)"),
        "{line}"
    );
    assert_eq!(run.stdout.matches("unusual kind").count(), 2, "{}", run.stdout);
}

#[test]
fn two_entities_of_one_name_are_told_that_the_name_needs_the_id() {
    let data = r#"{"entities": [{"id": "alpha-1", "name": "Alpha"}, {"id": "alpha-2", "name": "ALPHA"},
      {"id": "beta", "name": "Beta"}], "projects": [{"id": "alpha-p", "name": "alpha"}]}"#;
    let run = with_data(data, &["check"]);
    assert_eq!(run.code, 0, "a warning alone does not fail: {}", run.stdout);
    let (line, help) = warning(&run.stdout, "entity \"alpha-2\": entity \"alpha-1\" has the same name");
    assert!(
        line.ends_with(
            "data.json:1:58: warning: entity \"alpha-2\": entity \"alpha-1\" has the same name, \"ALPHA\": \
             a NAME argument \"ALPHA\" is ambiguous"
        ),
        "{line}"
    );
    assert_eq!(
        help,
        "  help: give one of them another name, or give commands the id (`partnet show alpha-2`)"
    );
    assert!(
        run.stdout
            .contains("warning: project \"alpha-p\": entity \"alpha-1\" has the same name, \"alpha\""),
        "{}",
        run.stdout
    );
    assert_eq!(run.stdout.matches("has the same name").count(), 2, "{}", run.stdout);
    let show = with_data(data, &["show", "Alpha"]);
    assert!(
        show.stderr.contains("is ambiguous"),
        "the case the warning is for: {}",
        show.stderr
    );
}

/// A shared name is not ambiguous when one node's id folds to it: `show` reaches that node,
/// and the warning says so, for the others (whichever comes first), and for a name that is
/// another node's id.
#[test]
fn a_shared_name_that_is_one_nodes_id_is_said_to_reach_it() {
    let data = r#"{"entities": [{"id": "alpha-inc", "name": "Alpha"}, {"id": "alpha", "name": "ALPHA"},
      {"id": "gamma", "name": "Gamma Holdings"}, {"id": "g1", "name": "Gamma"}, {"id": "g2", "name": "gamma"}],
      "projects": [{"id": "alpha-p", "name": "alpha"}]}"#;
    let run = with_data(data, &["check"]);
    assert_eq!(run.code, 0, "a warning alone does not fail: {}", run.stdout);
    let said: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains("has the same name"))
        .map(|l| &l[l.find("data.json").unwrap()..])
        .collect();
    assert_eq!(
        said,
        [
            "data.json:1:22: warning: entity \"alpha-inc\": entity \"alpha\" has the same name, \"Alpha\", \
             but a NAME argument \"Alpha\" reaches only it, by its id",
            "data.json:2:88: warning: entity \"g2\": entity \"g1\" has the same name, \"gamma\", but a NAME \
             argument \"gamma\" reaches entity \"gamma\" instead, by its id",
            "data.json:3:27: warning: project \"alpha-p\": entity \"alpha\" has the same name, \"alpha\", \
             but a NAME argument \"alpha\" reaches only it, by its id",
        ],
        "{}",
        run.stdout
    );
    let (_, help) = warning(&run.stdout, "entity \"alpha-inc\": entity");
    assert_eq!(
        help,
        "  help: give one of them another name, or give commands the id (`partnet show alpha-inc`)"
    );
    // What the warnings say is what a NAME argument does.
    for (name, id) in [
        ("Alpha", "alpha"),
        ("alpha", "alpha"),
        ("gamma", "gamma"),
        ("Gamma", "gamma"),
    ] {
        let show = with_data(data, &["--json", "show", name]);
        assert_eq!(show.json()["id"], id, "{name}: {}", show.stderr);
    }
}

#[test]
fn a_file_that_holds_nothing_is_a_warning() {
    let run = with_data("{}", &["check"]);
    assert_eq!(run.code, 0, "a warning alone does not fail: {}", run.stdout);
    let (line, help) = warning(&run.stdout, "holds nothing");
    assert!(
        line.ends_with(
            "data.json: warning: the file holds nothing: no entities, projects, participations, ties or sources"
        ),
        "{line}"
    );
    assert!(help.contains("leave it out of --data"), "{help}");
    assert_eq!(with_data("{}", &["check", "--strict"]).code, 1);
}
