//! A NAME given to any command is looked up the same way (second user trial, finding 4): a
//! source's id says it is a source, a project can be focused on by export as by diagram,
//! and the filters do not hide the subject a diagram or export is about.

mod common;

use common::partnet;

#[test]
fn every_name_lookup_says_a_source_is_a_source() {
    for args in [
        &["path", "toshiba", "S7"][..],
        &["diagram", "--focus", "S7", "--format", "dot"],
        &["diagram", "--path", "s7", "toshiba", "--format", "dot"],
        &["export", "--focus", "S7", "--format", "json"],
        &["partners", "S1"],
        &["timeline", "S7"],
    ] {
        let run = partnet(args);
        assert_eq!(run.code, 1, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains(" is a source, not an organisation or project")
                && run.stderr.contains("help: `partnet show S"),
            "{args:?}: {}",
            run.stderr
        );
        assert!(run.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn export_focuses_on_a_project_as_diagram_does() {
    let json = partnet(&["export", "--focus", "texas-gulflink", "--format", "json"])
        .ok()
        .json();
    let ids: Vec<&str> = json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"texas-gulflink") && ids.contains(&"sentinel-midstream"),
        "{ids:?}"
    );
    partnet(&["diagram", "--focus", "texas-gulflink", "--format", "dot"]).ok();
}

#[test]
fn filters_do_not_hide_the_subject_of_a_diagram_or_export() {
    // Westinghouse is American: --country JP keeps its Japanese partners, and it.
    let json = partnet(&[
        "--country",
        "JP",
        "export",
        "--focus",
        "westinghouse",
        "--format",
        "json",
    ])
    .ok()
    .json();
    let ids: Vec<&str> = json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"westinghouse") && ids.contains(&"toshiba"), "{ids:?}");
    assert!(
        !ids.contains(&"cameco"),
        "a Canadian partner stays filtered out: {ids:?}"
    );
    let dot = partnet(&[
        "--country",
        "JP",
        "diagram",
        "--focus",
        "westinghouse",
        "--format",
        "dot",
    ])
    .ok()
    .stdout;
    assert!(dot.contains("id: westinghouse"), "{dot}");
    partnet(&[
        "--country",
        "JP",
        "diagram",
        "--path",
        "westinghouse",
        "toshiba",
        "--format",
        "dot",
    ])
    .ok();
}
