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
