//! The CSV table carries the whole dataset: exported to CSV and read back, every dataset gives
//! the same node-link export, so the same answers, parents and dates and aliases included.
//! A table written before the later columns existed still reads.

mod common;

use std::path::{Path, PathBuf};

use common::{fixture, root, run_on, with_data, with_files};

fn datasets() -> Vec<PathBuf> {
    let mut all = vec![root().join("data/us-japan-2025.json")];
    for name in [
        "small.json",
        "hostile.json",
        "hostile-interchange.json",
        "history.json",
        "florentine.json",
        "ties-edge.json",
        "ended-ties.json",
        "list-cells.json",
    ] {
        all.push(fixture(name));
    }
    all
}

/// Exports `data` to CSV in a temporary directory (`export` with `more` after it) and returns
/// the directory and the path.
fn to_csv(data: &Path, more: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("t.csv");
    let mut args = vec!["export", "-o", csv.to_str().unwrap()];
    args.extend(more);
    run_on(data, &args).ok();
    (dir, csv)
}

#[test]
fn a_dataset_read_back_from_its_csv_exports_the_same_node_link_json() {
    for data in datasets() {
        let (_dir, csv) = to_csv(&data, &[]);
        let args = ["export", "--format", "json"];
        assert_eq!(
            run_on(&csv, &args).ok().stdout,
            run_on(&data, &args).ok().stdout,
            "{}",
            data.display()
        );
    }
}

#[test]
fn parents_dates_and_aliases_survive_the_round_trip() {
    let data = root().join("data");
    let (_dir, csv) = to_csv(&data, &[]);
    // Parents: an organisation in a programme and its parts is not counted the programme's
    // value on top of theirs.
    // Dates: --as-of and timeline read a project's date. Aliases: NAME resolution.
    for args in [
        &["--json", "rank", "--by", "value"][..],
        &["--json", "--as-of", "2025-10", "list", "projects"],
        &["--json", "--roll-up", "rank", "--by", "value"],
        &["--json", "timeline", "westinghouse"],
        &["--json", "partners", "MHI"],
        &["--json", "show", "us-japan-strategic-investment"],
    ] {
        assert_eq!(
            run_on(&csv, args).ok().stdout,
            run_on(&data, args).ok().stdout,
            "{args:?}"
        );
    }
}

#[test]
fn list_cells_split_back_into_the_same_items() {
    let json = r#"{
      "sources": [{"id": "s1", "title": "T", "note": "a note, with a comma"}],
      "entities": [
        {"id": "a", "name": "A", "aliases": ["ACME; Inc", "a,b", " padded "], "sectors": ["energy/nuclear", "finance"]},
        {"id": "b", "name": "B", "aliases": ["[bracketed]"], "url": "https://b.example", "note": "B's note"},
        {"id": "c", "name": "C", "aliases": ["Plain", "Other"]}
      ],
      "projects": [
        {"id": "prog", "name": "Programme", "date": "2025", "location": "Ohio", "note": "n"},
        {"id": "p", "name": "P", "part_of": "prog", "date": "2025-10-28"}
      ],
      "participations": [{"entity": "a", "project": "p", "sources": ["s1"]}, {"entity": "b", "project": "p"},
                         {"entity": "c", "project": "prog"}]
    }"#;
    let table = with_data(json, &["export", "--format", "csv"]).ok().stdout;
    // Lists that split back on `;` are written so; others as a JSON array.
    assert!(table.contains(",Plain;Other,"), "{table}");
    assert!(table.contains(r#""[""ACME; Inc"",""a,b"","" padded ""]""#), "{table}");
    assert!(table.contains(r#""[""[bracketed]""]""#), "{table}");
    let from_csv = with_files(&[("t.csv", &table)], &["export", "--format", "json"])
        .ok()
        .stdout;
    assert_eq!(from_csv, with_data(json, &["export", "--format", "json"]).ok().stdout);
}

#[test]
fn a_parent_the_export_leaves_out_is_left_out_of_the_table() {
    let data = root().join("data");
    let (_dir, csv) = to_csv(&data, &["--focus", "westinghouse"]);
    let mut table = csv::Reader::from_path(&csv).unwrap();
    let column = table
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "project_part_of")
        .unwrap();
    let parents: Vec<String> = table
        .records()
        .map(|r| r.unwrap()[column].to_string())
        .filter(|p| !p.is_empty())
        .collect();
    assert_eq!(
        parents,
        Vec::<String>::new(),
        "the programme is no partner of Westinghouse's"
    );
    run_on(&csv, &["stats"]).ok();
    // With the programme in the selection, its parts name it.
    let (_dir, csv) = to_csv(&data, &["--focus", "westinghouse", "--depth", "2"]);
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.contains(",us-japan-strategic-investment,"), "{text}");
    run_on(&csv, &["stats"]).ok();
}

#[test]
fn a_table_without_the_later_columns_still_reads() {
    let table = "entity,entity_name,entity_kind,entity_country,project,project_name,project_sector,\
                 project_value,project_status,role,status,sources,evidence,date,project_sources,\
                 source_publisher,source_url,tie_to,tie_kind,tie_share,tie_title,tie_until,tie_value\r\n\
                 acme,ACME,company,US,plant,Plant,energy,$1B,agreed,lead,agreed,s1,,2025-01-02,,,,,,,,,\r\n\
                 ,,,,,,,,,,,s1,A report,2025-01,,,https://example.com,,,,,,\r\n";
    let show = with_files(&[("old.csv", table)], &["--json", "show", "plant"])
        .ok()
        .json();
    assert_eq!(show["name"], "Plant", "{show}");
    assert!(show.get("date").is_none_or(|d| d.is_null()), "{show}");
}

#[test]
fn a_bad_list_cell_is_an_error_at_its_line() {
    let run = with_files(
        &[(
            "bad.csv",
            "entity,project,role,entity_aliases\nacme,plant,lead,\"[\"\"unclosed\"\n",
        )],
        &["stats"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .starts_with("bad.csv:2:1: error: `entity_aliases`: the cell starts as a JSON array (`[\"`) but is none ("),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("help: "), "{}", run.stderr);
}

/// A table written by hand before list cells could be JSON arrays: ids and aliases that
/// start with `[`, a source row's id that holds `;`.
const BRACKETED: &str = "entity,project,role,sources,project_sources,entity_aliases,tie_to,tie_kind,evidence\n\
                         acme,plant,lead,[draft] c;a;b,[draft] c,[old] Acme,,,\n\
                         acme,,,[draft] c,,,beta,owner,\n\
                         ,,,[draft] c,,,,,The draft\n\
                         ,,,a;b,,,,,One report\n\
                         ,,,a,,,,,A\n\
                         ,,,b,,,,,B\n";

#[test]
fn a_hand_written_cell_that_starts_with_a_bracket_reads_as_text_as_it_did() {
    let run = with_files(&[("old.csv", BRACKETED)], &["export", "--format", "json"]).ok();
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let text = json.to_string();
    for want in [
        r#""sources":["[draft] c","a","b"]"#,
        r#""aliases":["[old] Acme"]"#,
        r#""id":"[draft] c""#,
        r#""id":"a;b""#,
    ] {
        assert!(text.contains(want), "{want} missing from {text}");
    }
    let show = with_files(&[("old.csv", BRACKETED)], &["--json", "show", "[old] Acme"])
        .ok()
        .json();
    assert_eq!(show["id"], "acme", "{show}");
}

#[test]
fn ids_with_a_semicolon_or_a_bracket_read_back_from_the_export_as_they_were() {
    let table = with_files(&[("old.csv", BRACKETED)], &["export", "--format", "csv"])
        .ok()
        .stdout;
    // What would not read back as text is written as a JSON array.
    assert!(table.contains(r#","[""[draft] c""]",The draft,"#), "{table}");
    assert!(table.contains(r#","[""[old] Acme""]","#), "{table}");
    assert!(
        table.contains(",a;b,One report,"),
        "a source row holds one id:\n{table}"
    );
    let args = ["export", "--format", "json"];
    assert_eq!(
        with_files(&[("t.csv", &table)], &args).ok().stdout,
        with_files(&[("old.csv", BRACKETED)], &args).ok().stdout
    );
    // And again: the export of the export is the same table.
    assert_eq!(
        with_files(&[("t.csv", &table)], &["export", "--format", "csv"])
            .ok()
            .stdout,
        table
    );
}
