//! What a CSV table's cells must look like: quoting, and the header's cells. Each mistake
//! gets one error at its place, never a silently different id.

mod common;

use common::with_files;

/// `check`'s output on one CSV table `t.csv`, and that it failed.
fn check_fails(text: &str) -> String {
    let run = with_files(&[("t.csv", text)], &["check"]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    run.stdout
}

#[test]
fn text_after_a_closing_quote_is_an_error_at_its_place_not_a_merged_or_new_id() {
    for (row, column, what) in [
        ("\"ac\"me,p2,lead", 5, "`m`"),
        ("\"acme\"x\"\",p2,lead", 7, "`x`"),
        ("\"acme\" ,p2,lead", 7, "a space"),
        ("b,\"p2\"\" ,lead", 0, ""),
    ] {
        let text = format!("entity,project,role\nacme,p1,lead\n{row}\n");
        if column == 0 {
            // An unclosed quote is its own error.
            assert!(check_fails(&text).contains("unclosed quote"));
            continue;
        }
        let out = check_fails(&text);
        let want = format!("t.csv:3:{column}: error: {what} after a closing quote");
        assert!(out.contains(&want), "{row}: {want}\nmissing from:\n{out}");
        assert!(
            out.contains("help: quote the whole cell and write each quote inside it twice"),
            "{out}"
        );
        assert!(
            out.contains("invalid: 1 error,"),
            "the row is left out, nothing else:\n{out}"
        );
    }
    // In the header too, and a quoted cell written right reads as before.
    assert!(check_fails("\"entity\"x,project,role\n").contains("t.csv:1:9: error: `x` after a closing quote"));
    let run = with_files(
        &[(
            "t.csv",
            "entity,project,role\r\n\"ac\"\"me, Inc\",\"p\",lead\r\nb,p,lead\r\n",
        )],
        &["list", "entities"],
    )
    .ok();
    assert!(run.stdout.contains("ac\"me, Inc"), "{}", run.stdout);
}

#[test]
fn an_empty_header_cell_is_named_with_its_column_and_a_trailing_comma_is_told_so() {
    let out = check_fails("entity,project,role,\nacme,p1,lead,\n");
    assert!(
        out.contains(
            "t.csv:1:21: error: the header's column 4 is empty\n  help: remove the comma at the end of the header row"
        ),
        "{out}"
    );
    let out = check_fails("entity,,project,role\n");
    assert!(
        out.contains("t.csv:1:8: error: the header's column 2 is empty\n  help: name the column (entity, "),
        "{out}"
    );
}

#[test]
fn an_unknown_or_repeated_header_cell_is_named_at_its_column_quoted_cells_before_it_included() {
    let out = check_fails("entity,project,role,evidnce\nacme,p1,lead,x\n");
    assert!(
        out.contains("t.csv:1:21: error: unknown column `evidnce`; did you mean `evidence`?\n  help: "),
        "{out}"
    );
    // A quoted cell holds its commas and quotes: the next cell starts after its closing quote.
    let out = check_fails("\u{feff}\"entity\",\"project\",role,\"a, \"\"b\"\"\",x\n");
    assert!(out.contains("t.csv:1:25: error: unknown column `a, \"b\"`\n"), "{out}");
    let out = check_fails("entity,project,role,Entity\n");
    assert!(
        out.contains("t.csv:1:21: error: the column `entity` appears twice\n  help: keep one of them"),
        "{out}"
    );
}

#[test]
fn an_ftm_statements_table_is_told_apart_and_pointed_at_the_entities() {
    let out = check_fails(
        "id,entity_id,canonical_id,prop,prop_type,schema,value,dataset,lang,original_value,external,first_seen,last_seen\n\
         x1,NK-a,NK-a,name,name,Company,Acme,ds,,,false,2024-01-01,2024-01-01\n",
    );
    assert!(
        out.contains("t.csv:1:1: error: this is a FollowTheMoney statements table (entity_id, prop, value, ...); partnet reads FtM entities, one JSON entity per line (.ftm.json, .ijson)\n  help: roll the statements up into entities with followthemoney's `ftm aggregate-statements"),
        "{out}"
    );
}

#[test]
fn a_tables_errors_come_in_line_order_and_a_blank_id_is_one_error() {
    let out = check_fails("entity,project,role\n\nacme,p1,lead\n,,\nacme,p2\n  ,p3,lead\nacme,p1,lead,extra\n");
    let places: Vec<&str> = out
        .lines()
        .filter(|l| l.contains(": error: "))
        .map(|l| l.split(": error: ").next().unwrap())
        .collect();
    assert_eq!(places, ["t.csv:5:1", "t.csv:6:1", "t.csv:7:1"], "{out}");
    assert!(
        out.contains(
            "t.csv:6:1: error: `entity` holds only spaces\n  help: write the id in `entity`, or leave the cell empty"
        ),
        "{out}"
    );
}
