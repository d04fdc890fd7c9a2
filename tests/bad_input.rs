//! The catalogue of bad inputs: each gets one clear message naming the file and the line
//! and column or the offending id, exit status 1, no panic and no output on stdout.

mod common;

use std::os::unix::ffi::OsStrExt;

use common::{cmd_in, with_data, Run};

/// Runs `stats` on a dataset and asserts the failure contract; returns stderr.
fn fails(text: &str) -> String {
    let run = with_data(text, &["stats"]);
    assert_failed(&run);
    run.stderr
}

/// Asserts the failure contract of invalid data: exit 1, nothing on stdout, a help line.
fn assert_failed(run: &Run) {
    assert_contract(run, 1);
}

/// Asserts the failure contract of a usage error: exit 2, nothing on stdout, a help line.
fn assert_usage_error(run: &Run) {
    assert_contract(run, 2);
}

fn assert_contract(run: &Run, code: i32) {
    assert_eq!(
        run.code, code,
        "expected exit {code}\nstdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
    assert!(run.stdout.is_empty(), "nothing on stdout, got:\n{}", run.stdout);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(
        run.stderr.contains("\n  help: "),
        "every error says what to do:\n{}",
        run.stderr
    );
}

#[test]
fn malformed_json() {
    let err = fails("{\"entities\": [\n  {\"id\": \"a\" \"name\": \"A\"}\n]}");
    assert!(
        err.contains("data.json:2:14: error: invalid JSON: expected `,` or `}`"),
        "{err}"
    );
}

#[test]
fn truncated_json() {
    let err = fails("{\"entities\": [{\"id\": \"a\", \"name\": \"A\"");
    assert!(
        err.contains("data.json:1:") && err.contains("the JSON ends too early"),
        "{err}"
    );
}

#[test]
fn empty_file() {
    let err = fails("");
    assert!(err.contains("data.json: error: the file is empty"), "{err}");
}

#[test]
fn top_level_not_an_object() {
    let err = fails("[{\"id\": \"a\"}]");
    assert!(
        err.contains("data.json:1:1: error: expected a JSON object {...}, found an array"),
        "{err}"
    );
}

#[test]
fn wrong_field_type() {
    let run = in_dir(
        &[("wrongtype.json", b"{\"entities\": [{\"id\": \"a\", \"name\": 42}]}")],
        &["--data", "wrongtype.json", "stats"],
    );
    assert_failed(&run);
    assert!(
        run.stderr.contains(
            "wrongtype.json:1:36: error: entity \"a\": field \"name\": expected a string, found the integer 42\n  help: "
        ),
        "{}",
        run.stderr
    );
    // The record is found wherever its id is, the field whatever the wrong value.
    for (text, want) in [
        (
            "{\"entities\": [{\"id\": \"a\", \"name\": \"A\"},\n  {\"name\": [\"B\"], \"id\": \"b\"}]}",
            "data.json:2:11: error: entity \"b\": field \"name\": expected a string, found an array\n",
        ),
        (
            "{\"entities\": [{\"id\": \"a\", \"name\": \"A\", \"aliases\": [\"x\", null]}]}",
            "data.json:1:60: error: entity \"a\": field \"aliases\", item 2: expected a string, found null\n",
        ),
        (
            "{\"projects\": [{\"id\": \"p\", \"name\": \"P\", \"sources\": \"S1\"}]}",
            "data.json:1:54: error: project \"p\": field \"sources\": expected an array, found the string \"S1\"\n",
        ),
        (
            "{\"participations\": [{\"entity\": \"a\", \"project\": \"p\", \"role\": true}]}",
            "data.json:1:64: error: participation \"a\" in \"p\": field \"role\": expected a string, found true\n",
        ),
        (
            "{\"sources\": [{\"id\": 7}]}",
            "data.json:1:21: error: source #1: field \"id\": expected a string, found the integer 7\n",
        ),
        (
            "{\"entities\": {\"id\": \"a\"}}",
            "data.json:1:13: error: field \"entities\": expected an array, found an object\n",
        ),
    ] {
        let err = fails(text);
        assert!(err.contains(want), "{want}\nmissing from:\n{err}");
    }
}

#[test]
fn unknown_field_suggests_the_nearest() {
    let err = fails("{\"projects\": [{\"id\": \"p\", \"name\": \"P\", \"vaule\": \"$1B\"}]}");
    assert!(
        err.contains("unknown field `vaule` in a project; did you mean `value`?"),
        "{err}"
    );
    assert!(err.contains("data.json:1:"), "{err}");
}

#[test]
fn bad_value_text() {
    let err = fails("{\"projects\": [{\"id\": \"p\", \"name\": \"P\", \"value\": \"lots of money\"}]}");
    assert!(err.contains("cannot read value \"lots of money\""), "{err}");
}

#[test]
fn a_value_in_another_currency_says_values_are_in_us_dollars() {
    let err = fails("{\"projects\": [{\"id\": \"p\", \"name\": \"P\", \"value\": \"\u{20ac}5B\"}]}");
    assert!(
        err.contains("cannot read value \"\u{20ac}5B\": values are in US dollars")
            && err.contains("help: convert the amount to US dollars"),
        "{err}"
    );
    let run = common::with_files(
        &[(
            "v.csv",
            "entity,project,project_name,project_value,role\na,p,P,EUR 5 billion,lead\n",
        )],
        &["stats"],
    );
    assert_failed(&run);
    assert!(
        run.stderr.contains("values are in US dollars") && run.stderr.contains("help: convert the amount"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_project_part_of_itself_is_told_so() {
    let err = fails(r#"{"projects": [{"id": "p", "name": "P", "part_of": "p"}, {"id": "q", "name": "Q"}]}"#);
    assert!(
        err.contains("data.json:1:51: error: project \"p\": part_of \"p\" is the project itself: a project cannot be part of itself\n  help: remove its `part_of`"),
        "{err}"
    );
    assert!(!err.contains("did you mean"), "{err}");
}

#[test]
fn duplicate_ids_including_across_entities_and_projects() {
    let err = fails(
        r#"{"entities": [{"id": "x", "name": "X"}, {"id": "x", "name": "X again"}],
            "projects": [{"id": "x", "name": "Project X"}]}"#,
    );
    assert_eq!(err.matches("duplicate id \"x\"").count(), 2, "{err}");
    assert!(
        err.contains("data.json:1:48: error: duplicate id \"x\": already used by an entity\n"),
        "{err}"
    );
    assert!(
        err.contains("data.json:2:33: error: duplicate id \"x\": already used by an entity\n"),
        "{err}"
    );
}

#[test]
fn dangling_references() {
    let err = fails(
        r#"{"sources": [{"id": "s1"}],
"entities": [{"id": "toshiba", "name": "Toshiba"}],
"projects": [{"id": "p", "name": "P"}],
"participations": [{"entity": "toshbia", "project": "p", "sources": ["s1"]},
                   {"entity": "toshiba", "project": "nope", "sources": ["s9"]}]}"#,
    );
    assert!(
        err.contains("data.json:4:31: error: participation \"toshbia\" in \"p\": unknown entity \"toshbia\""),
        "{err}"
    );
    assert!(err.contains("did you mean \"toshiba\"?"), "{err}");
    assert!(
        err.contains("data.json:5:53: error: participation \"toshiba\" in \"nope\": unknown project \"nope\""),
        "{err}"
    );
    assert!(
        err.contains("data.json:5:73: error: participation \"toshiba\" in \"nope\": unknown source \"s9\""),
        "{err}"
    );
    assert!(err.contains("3 errors in the data"), "{err}");
}

#[test]
fn links_to_the_wrong_kind_of_node() {
    let err = fails(
        r#"{"entities": [{"id": "a", "name": "A"}], "projects": [{"id": "p", "name": "P", "part_of": "a"}],
            "participations": [{"entity": "p", "project": "a"}]}"#,
    );
    assert!(err.contains("\"p\" is a project, not an entity"), "{err}");
    assert!(err.contains("\"a\" is an entity, not a project"), "{err}");
    assert!(err.contains("part_of \"a\" is an entity, not a project"), "{err}");
}

#[test]
fn bad_dates_and_countries() {
    let err = fails(
        r#"{"entities": [{"id": "a", "name": "A", "country": "Japan"}], "projects": [{"id": "p", "name": "P", "date": "28/10/2025"}]}"#,
    );
    assert!(
        err.contains("country \"Japan\" is not an ISO 3166-1 alpha-2 code") && err.contains("did you mean JP (Japan)?"),
        "{err}"
    );
    assert!(
        err.contains("invalid date \"28/10/2025\"") && err.contains("YYYY-MM-DD"),
        "{err}"
    );
}

#[test]
fn empty_ids_and_names() {
    let err = fails(r#"{"entities": [{"id": " ", "name": "A"}, {"id": "b", "name": ""}]}"#);
    assert!(err.contains("entity with an empty id"), "{err}");
    assert!(err.contains("entity \"b\" has an empty name"), "{err}");
}

#[test]
fn binary_garbage_and_invalid_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let garbage = dir.path().join("garbage.json");
    std::fs::write(&garbage, [0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0xff, 0xfe]).unwrap();
    let run: Run = cmd_in(dir.path(), &["--data", "garbage.json", "stats"])
        .output()
        .unwrap()
        .into();
    assert_failed(&run);
    assert!(
        run.stderr
            .contains("garbage.json:1:9: error: the file is not valid UTF-8"),
        "{}",
        run.stderr
    );
    std::fs::write(&garbage, "\u{1}\u{2}binary\u{0}").unwrap();
    let run: Run = cmd_in(dir.path(), &["--data", "garbage.json", "stats"])
        .output()
        .unwrap()
        .into();
    assert_failed(&run);
    assert!(
        run.stderr.contains("invalid JSON") && run.stderr.contains("is this the right file?"),
        "{}",
        run.stderr
    );
}

#[test]
fn invalid_utf8_deep_in_a_large_file() {
    // Files of a megabyte or more are memory-mapped, and their strings checked as they
    // are read: a bad byte near the end must still be found and placed.
    let mut text = String::from("{\"entities\": [\n");
    let mut i = 0;
    while text.len() < 3 << 20 {
        text.push_str(&format!("  {{\"id\": \"e{i}\", \"name\": \"東芝 {i}\"}},\n"));
        i += 1;
    }
    let line = text.lines().count() + 1;
    let dir = tempfile::tempdir().unwrap();
    // The same file without the bad record loads, every entity of it.
    std::fs::write(
        dir.path().join("good.json"),
        format!("{}\n]}}", text.trim_end_matches(",\n")),
    )
    .unwrap();
    let run: Run = cmd_in(dir.path(), &["--data", "good.json", "--json", "stats"])
        .output()
        .unwrap()
        .into();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains(&format!("\"entities\": {i},")), "{}", run.stdout);
    let mut bytes = text.into_bytes();
    bytes.extend_from_slice(b"  {\"id\": \"bad\", \"name\": \"\xe6\x9d\"}\n]}");
    std::fs::write(dir.path().join("big.json"), &bytes).unwrap();
    let run: Run = cmd_in(dir.path(), &["--data", "big.json", "stats"])
        .output()
        .unwrap()
        .into();
    assert_failed(&run);
    let at = format!("big.json:{line}:26: error: the file is not valid UTF-8");
    assert!(run.stderr.contains(&at), "expected {at}\n{}", run.stderr);
}

#[test]
fn deeply_nested_json_does_not_overflow_the_stack() {
    for text in [
        "[".repeat(200_000),
        format!("{{\"entities\": [{{\"id\": {}", "[".repeat(200_000)),
    ] {
        let err = fails(&text);
        assert!(err.contains("data.json:1:"), "{err}");
    }
}

#[test]
fn missing_file_and_empty_directory() {
    let dir = tempfile::tempdir().unwrap();
    let run: Run = cmd_in(dir.path(), &["--data", "nope.json", "stats"])
        .output()
        .unwrap()
        .into();
    assert_failed(&run);
    assert!(
        run.stderr
            .contains("nope.json: error: cannot read: no such file or directory"),
        "{}",
        run.stderr
    );
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    std::fs::write(dir.path().join("empty/notes.txt"), "not data").unwrap();
    let run: Run = cmd_in(dir.path(), &["--data", "empty", "stats"])
        .output()
        .unwrap()
        .into();
    assert_failed(&run);
    assert!(
        run.stderr.contains("empty: error: the directory holds no dataset"),
        "{}",
        run.stderr
    );
}

#[test]
fn unreadable_file() {
    let dir = tempfile::tempdir().unwrap();
    // A directory where a file is expected is unreadable as a file for everyone, root too.
    let path = dir.path().join("data.json");
    std::fs::create_dir(&path).unwrap();
    std::fs::write(path.join("inner.txt"), "x").unwrap();
    let run: Run = cmd_in(dir.path(), &["--data", "data.json/inner.txt/x.json", "stats"])
        .output()
        .unwrap()
        .into();
    assert_failed(&run);
    assert!(run.stderr.contains("error: cannot read:"), "{}", run.stderr);
}

#[test]
fn check_reports_every_problem_of_every_file_at_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.json"),
        "{\"entities\": [{\"id\": \"x\", \"nme\": \"X\"}]}",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.json"),
        r#"{"entities": [{"id": "y", "name": "Y"}], "participations": [{"entity": "y", "project": "nope"}, {"entity": "z", "project": "nope"}]}"#,
    )
    .unwrap();
    let run: Run = cmd_in(dir.path(), &["--data", ".", "check"]).output().unwrap().into();
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .contains("a.json:1:31: error: unknown field `nme` in an entity; did you mean `name`?"),
        "{}",
        run.stdout
    );
    assert_eq!(
        run.stdout.matches("unknown project \"nope\"").count(),
        2,
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("unknown entity \"z\""), "{}", run.stdout);
    assert!(
        run.stdout.trim_end().ends_with("invalid: 4 errors, 0 warnings"),
        "{}",
        run.stdout
    );
    let json: Run = cmd_in(dir.path(), &["--json", "--data", ".", "check"])
        .output()
        .unwrap()
        .into();
    assert_eq!(json.code, 1);
    assert_eq!(json.json()["errors"], 4);
}

#[test]
fn check_warns_about_suspicious_data() {
    let run = with_data(
        r#"{"entities": [{"id": "a", "name": "A", "aliases": ["Acme"]}, {"id": "b", "name": "B", "aliases": ["acme"]},
                        {"id": "c", "name": "C"}],
            "projects": [{"id": "p", "name": "P"}],
            "participations": [{"entity": "a", "project": "p", "status": "agred"}, {"entity": "a", "project": "p", "status": "agred"}]}"#,
        &["check"],
    );
    assert_eq!(run.code, 0, "warnings alone do not fail: {}", run.stdout);
    for want in [
        "unsourced link",
        "unusual status \"agred\"",
        "did you mean \"agreed\"?",
        "the same link is recorded twice",
        "only one participant (\"a\")",
        "entity \"c\": isolated entity",
        "alias \"acme\" also names entity \"a\"",
    ] {
        assert!(run.stdout.contains(want), "{want} missing:\n{}", run.stdout);
    }
    let strict = with_data(r#"{"entities": [{"id": "c", "name": "C"}]}"#, &["check", "--strict"]);
    assert_eq!(strict.code, 1);
}

#[test]
fn names_cannot_inject_into_the_terminal() {
    let run = with_data(
        "{\"entities\": [{\"id\": \"evil\", \"name\": \"Evil\\u001b[31mRed\\nSecond line\"}]}",
        &["list", "entities"],
    )
    .ok();
    assert!(!run.stdout.contains('\u{1b}'), "{:?}", run.stdout);
    assert!(
        run.stdout.contains("Evil\\u{1b}[31mRed\\nSecond line"),
        "{}",
        run.stdout
    );
    let err = with_data("{\"entities\": []}", &["show", "\u{1b}[2Jboom"]);
    assert!(!err.stderr.contains('\u{1b}'), "{:?}", err.stderr);
}

#[test]
fn dates_the_calendar_does_not_have() {
    let err = fails(
        r#"{"sources": [{"id": "S1", "date": "2026-02-29"}],
 "entities": [{"id": "a", "name": "A"}],
 "projects": [{"id": "p", "name": "P", "date": "2025-02-30"}, {"id": "q", "name": "Q", "date": "2100-02-29"}],
 "participations": [{"entity": "a", "project": "p", "sources": ["S1"], "date": "2025-04-31"}]}"#,
    );
    for want in [
        "data.json:1:35: error: source \"S1\": invalid date \"2026-02-29\": February 2026 has 28 days\n  help: use a day the month has (the last is 2026-02-28), or write the month alone: 2026-02\n",
        "data.json:3:48: error: project \"p\": invalid date \"2025-02-30\": February 2025 has 28 days\n",
        "data.json:3:96: error: project \"q\": invalid date \"2100-02-29\": February 2100 has 28 days\n",
        "data.json:4:80: error: participation \"a\" in \"p\": invalid date \"2025-04-31\": April 2025 has 30 days\n  help: use a day the month has (the last is 2025-04-30)",
        "4 errors in the data",
    ] {
        assert!(err.contains(want), "{want}\nmissing from:\n{err}");
    }
    // Leap days that exist.
    let run = with_data(
        r#"{"projects": [{"id": "p", "name": "P", "date": "2024-02-29"}, {"id": "q", "name": "Q", "date": "2000-02-29"}]}"#,
        &["--json", "list", "projects"],
    )
    .ok();
    assert!(
        run.stdout.contains("\"p\"") && run.stdout.contains("\"q\""),
        "{}",
        run.stdout
    );
}

#[test]
fn as_of_a_day_the_calendar_does_not_have() {
    for (date, says) in [
        ("2025-02-30", "\"2025-02-30\" is not a date: February 2025 has 28 days\n  help: use a day the month has (the last is 2025-02-28)"),
        ("2025-04-31", "\"2025-04-31\" is not a date: April 2025 has 30 days\n  help: "),
        ("2026-02-29", "\"2026-02-29\" is not a date: February 2026 has 28 days\n  help: "),
        ("2025-13-01", "\"2025-13-01\" is not a date\n  help: write dates as YYYY-MM-DD, YYYY-MM or YYYY"),
    ] {
        let run = with_data(r#"{"entities": [{"id": "a", "name": "A"}]}"#, &["--as-of", date, "stats"]);
        assert_usage_error(&run);
        let want = format!("error: invalid value '{date}' for '--as-of <DATE>': {says}");
        assert!(run.stderr.contains(&want), "{want}\nmissing from:\n{}", run.stderr);
    }
    with_data(
        r#"{"entities": [{"id": "a", "name": "A"}]}"#,
        &["--as-of", "2024-02-29", "stats"],
    )
    .ok();
}

/// Runs partnet in a fresh directory holding the given files.
fn in_dir(files: &[(&str, &[u8])], args: &[&str]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    cmd_in(dir.path(), args).output().unwrap().into()
}

#[test]
fn csv_lines_are_right_with_crlf_and_fields_spanning_lines() {
    // Line 1 the header, 2 a row, 3-4 a quoted field over two lines, 5 a bad date, 6 a
    // row with too few fields; with CRLF, LF and lone CR line endings.
    let rows = [
        "entity,project,role,date",
        "a,p,lead,2025-01-01",
        "\"b, spanning\nlines\",p,partner,2025-01-02",
        "c,p,partner,2025-02-30",
        "d,p",
    ];
    for end in ["\r\n", "\n", "\r"] {
        let text = (rows.join("\n") + "\n").replace('\n', end);
        let run = in_dir(&[("t.csv", text.as_bytes())], &["--data", "t.csv", "stats"]);
        assert_failed(&run);
        for want in [
            "t.csv:5:1: error: participation \"c\" in \"p\": invalid date \"2025-02-30\": February 2025 has 28 days\n  help: ",
            "t.csv:6:1: error: the row has 2 fields but the header has 4\n  help: ",
        ] {
            assert!(run.stderr.contains(want), "{end:?}: {want}\nmissing from:\n{}", run.stderr);
        }
    }
}

#[test]
fn check_reports_every_bad_row_of_a_csv() {
    let text = "entity,project,role,project_value,date\r\n\
                a,p,lead,$1B,2025-01-01\r\n\
                b,p,partner,$1B,2025-13-01\r\n\
                c,q,partner,lots,\r\n\
                d,p\r\n\
                ,,,,2025-01-01\r\n\
                e,p,partner,$2B,\r\n";
    let bad_header = "entity,project,rol\nx,y,z\nx,y,z,w\n";
    let run = in_dir(
        &[("t.csv", text.as_bytes()), ("u.csv", bad_header.as_bytes())],
        &["--data", "t.csv", "--data", "u.csv", "check"],
    );
    assert_eq!(run.code, 1, "{}", run.stdout);
    for want in [
        "t.csv:3:1: error: participation \"b\" in \"p\": invalid date \"2025-13-01\"\n  help: ",
        "t.csv:4:1: error: project \"q\": cannot read value \"lots\"",
        "t.csv:5:1: error: the row has 2 fields but the header has 5\n  help: ",
        "t.csv:6:1: error: the row has neither an entity nor a project\n  help: ",
        "t.csv:7:1: error: conflicting value for project \"p\": \"$2B\" here, \"$1B\" on line 2\n  help: ",
        // A header error stops its file: the rows after it are not judged.
        "u.csv:1:16: error: unknown column `rol`; did you mean `role`?\n  help: ",
        "invalid: 6 errors, 0 warnings",
    ] {
        assert!(run.stdout.contains(want), "{want}\nmissing from:\n{}", run.stdout);
    }
    assert!(!run.stdout.contains("u.csv:3"), "{}", run.stdout);
    let stats = in_dir(&[("t.csv", text.as_bytes())], &["--data", "t.csv", "stats"]);
    assert_failed(&stats);
    assert!(stats.stderr.contains("5 errors in the data"), "{}", stats.stderr);
}

#[test]
fn values_are_finite_not_negative_and_below_the_ceiling() {
    for (value, col, says) in [
        ("\"$2000T\"", 56, "value \"$2000T\" is above the ceiling of $1000T (10^15 US dollars)\n  help: no reported deal comes near: check the unit"),
        ("\"up to $1B-$1001T\"", 66, "value \"up to $1B-$1001T\" is above the ceiling of $1000T"),
        ("2e15", 52, "value 2000000000000000 is above the ceiling of $1000T"),
        ("1.5e308", 55, "value 1.5e308 is above the ceiling of $1000T"),
        ("-5", 50, "value -5 is negative\n  help: a value is an amount of money committed or invested, 0 or more"),
        ("\"-$5B\"", 54, "value \"-$5B\" is negative\n"),
    ] {
        let err = fails(&format!(
            "{{\"projects\": [{{\"id\": \"p\", \"name\": \"P\", \"value\": {value}}}]}}"
        ));
        let want = format!("data.json:1:{col}: error: project \"p\": field \"value\": {says}");
        assert!(err.contains(&want), "{want}\nmissing from:\n{err}");
    }
    let csv = "entity,project,role,project_value\na,p,lead,$1B\nb,q,lead,$1001T\n";
    let run = in_dir(&[("t.csv", csv.as_bytes())], &["--data", "t.csv", "stats"]);
    assert_failed(&run);
    assert!(
        run.stderr
            .contains("t.csv:3:1: error: project \"q\": value \"$1001T\" is above the ceiling of $1000T (10^15 US dollars)\n  help: "),
        "{}",
        run.stderr
    );
}

#[test]
fn sums_never_print_inf_null_or_negative_zero() {
    let text = r#"{"entities": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
        "projects": [{"id": "z", "name": "Z", "sector": "zero", "value": -0.0},
                     {"id": "r", "name": "R", "sector": "big", "value": 1e15},
                     {"id": "s", "name": "S", "sector": "big", "value": "up to $1000T"}],
        "participations": [{"entity": "a", "project": "z"}, {"entity": "b", "project": "r"}, {"entity": "b", "project": "s"}]}"#;
    for args in [
        &["sectors"][..],
        &["--json", "sectors"],
        &["rank", "--by", "value"],
        &["--json", "rank", "--by", "value"],
        &["list", "projects"],
        &["--json", "list", "projects"],
        &["export", "--format", "json"],
        &["export", "--format", "graphml"],
    ] {
        let run = with_data(text, args).ok();
        for bad in ["inf", "NaN", "null", "-0", "$-"] {
            assert!(!run.stdout.contains(bad), "{args:?} prints {bad}:\n{}", run.stdout);
        }
    }
    let sectors = with_data(text, &["--json", "sectors"]).ok().json();
    assert_eq!(sectors[0]["value"], "up to $2000T");
    assert_eq!(sectors[0]["value_usd"], 2e15);
    assert_eq!(
        (sectors[1]["sector"].as_str(), sectors[1]["value"].as_str()),
        (Some("zero"), Some("$0"))
    );
    // Amounts whose sum would overflow to infinity are refused one by one.
    let err = fails(
        r#"{"projects": [{"id": "p", "name": "P", "value": 1.7e308}, {"id": "q", "name": "Q", "value": 1.7e308}]}"#,
    );
    assert!(err.contains("value 1.7e308 is above the ceiling"), "{err}");
}

#[test]
fn a_json_file_with_a_byte_order_mark_loads_and_positions_stay_right() {
    let good = "{\"entities\": [{\"id\": \"a\", \"name\": \"A\"}],\n \"projects\": [{\"id\": \"p\", \"name\": \"P\"}],\n \"participations\": [{\"entity\": \"a\", \"project\": \"p\"}]}";
    let marked = [b"\xef\xbb\xbf", good.as_bytes()].concat();
    let run = in_dir(&[("bom.json", &marked)], &["--data", "bom.json", "--json", "stats"]).ok();
    assert_eq!(
        (run.json()["entities"].as_u64(), run.json()["edges"].as_u64()),
        (Some(1), Some(1))
    );
    let run = in_dir(&[("bom.json", &marked)], &["--data", "bom.json", "check"]).ok();
    assert!(
        run.stdout
            .contains("bom.json:2:22: warning: project \"p\": only one participant"),
        "{}",
        run.stdout
    );
    // Errors found by serde_json and by the resolver, placed as in the file without the mark.
    for (text, want) in [
        ("{\"entities\": [{\"id\": \"a\", \"name\": 42}]}", "bom.json:1:36: error: entity \"a\": field \"name\""),
        (
            "{\"entities\": [{\"id\": \"a\", \"name\": \"A\"}],\n \"participations\": [{\"entity\": \"b\", \"project\": \"p\"}]}",
            "bom.json:2:32: error: participation \"b\" in \"p\": unknown entity \"b\"",
        ),
    ] {
        let marked = [b"\xef\xbb\xbf", text.as_bytes()].concat();
        let run = in_dir(&[("bom.json", &marked)], &["--data", "bom.json", "stats"]);
        assert_failed(&run);
        assert!(run.stderr.contains(want), "{want}\nmissing from:\n{}", run.stderr);
    }
}

#[test]
fn a_bare_name_in_a_csv_refers_to_the_one_organisation_it_names() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("jv.csv");
    std::fs::write(
        &csv,
        "entity,project,role\r\nToshiba,New Grid JV,partner\r\nMHI,New Grid JV,lead\r\n",
    )
    .unwrap();
    let data = common::root().join("data");
    let args = |more: &[&str]| -> Vec<String> {
        let mut all = vec![
            "--data".into(),
            data.display().to_string(),
            "--data".into(),
            csv.display().to_string(),
        ];
        all.extend(more.iter().map(|s| s.to_string()));
        all
    };
    let run = |more: &[&str]| -> Run {
        let all = args(more);
        let all: Vec<&str> = all.iter().map(String::as_str).collect();
        cmd_in(dir.path(), &all).output().unwrap().into()
    };
    let alone: Run = common::partnet(&["--json", "stats"]).ok();
    let merged = run(&["--json", "stats"]).ok();
    assert_eq!(merged.json()["entities"], alone.json()["entities"], "no second Toshiba");
    assert_eq!(
        merged.json()["projects"].as_u64(),
        alone.json()["projects"].as_u64().map(|n| n + 1)
    );
    let toshiba = run(&["--json", "show", "toshiba"]).ok();
    assert!(toshiba.stdout.contains("New Grid JV"), "{}", toshiba.stdout);
    let partners = run(&["--json", "partners", "toshiba"]).ok().json();
    assert!(
        partners["partners"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["id"] == "mitsubishi-heavy-industries"
                && p["shared_projects"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|s| s == "New Grid JV")),
        "{partners}"
    );
    let check = run(&["check"]).ok();
    for want in [
        "jv.csv:2:1: warning: entity \"Toshiba\" is not an id; it is taken to be \"toshiba\" (Toshiba), whose name or alias it is\n  help: write the id \"toshiba\"",
        "jv.csv:3:1: warning: entity \"MHI\" is not an id; it is taken to be \"mitsubishi-heavy-industries\" (Mitsubishi Heavy Industries)",
    ] {
        assert!(check.stdout.contains(want), "{want}\nmissing from:\n{}", check.stdout);
    }
    // A name two organisations answer to is an error listing them.
    let run = in_dir(
        &[
            ("a.json", br#"{"entities": [{"id": "acme-us", "name": "Acme"}, {"id": "acme-jp", "name": "Acme KK", "aliases": ["ACME"]}]}"#),
            ("b.csv", b"entity,project,role\nacme,p,partner\n"),
        ],
        &["--data", "a.json", "--data", "b.csv", "stats"],
    );
    assert_failed(&run);
    assert!(
        run.stderr.contains(
            "b.csv:2:1: error: entity \"acme\" is not an id and names 2 organisations: \"acme-us\" (Acme), \"acme-jp\" (Acme KK)\n  help: write the id of the one you mean"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn part_of_cycles_name_their_projects() {
    let err = fails(
        r#"{"projects": [
  {"id": "c", "name": "C", "part_of": "a"},
  {"id": "a", "name": "A", "part_of": "b"},
  {"id": "b", "name": "B", "part_of": "c"},
  {"id": "into-the-cycle", "name": "T", "part_of": "b"},
  {"id": "x", "name": "X", "part_of": "y"},
  {"id": "y", "name": "Y", "part_of": "x"},
  {"id": "part", "name": "Part", "part_of": "programme"},
  {"id": "programme", "name": "Programme"}
]}"#,
    );
    for want in [
        "data.json:3:39: error: project \"a\": part_of makes a cycle: \"a\" → \"b\" → \"c\" → \"a\"\n  help: a programme cannot be part of one of its own parts",
        "data.json:6:39: error: project \"x\": part_of makes a cycle: \"x\" → \"y\" → \"x\"\n",
        "2 errors in the data",
    ] {
        assert!(err.contains(want), "{want}\nmissing from:\n{err}");
    }
}

#[test]
fn a_data_directory_reads_any_case_and_names_what_it_skips() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("d");
    std::fs::create_dir(&d).unwrap();
    std::fs::write(d.join("A.JSON"), r#"{"entities": [{"id": "a", "name": "A"}]}"#).unwrap();
    std::fs::write(d.join("b.Json"), r#"{"entities": [{"id": "b", "name": "B"}]}"#).unwrap();
    std::fs::write(d.join("c.CSV"), "entity,project,role\nc,p,lead\n").unwrap();
    std::fs::write(d.join("notes.txt"), "not data").unwrap();
    std::fs::write(d.join("partnet.schema.json"), "{}").unwrap();
    std::fs::write(d.join(".hidden.json"), "{}").unwrap();
    std::fs::create_dir(d.join("dir.json")).unwrap();
    std::os::unix::fs::symlink("nowhere.json", d.join("broken.json")).unwrap();
    std::os::unix::fs::symlink("loop.csv", d.join("loop.csv")).unwrap();
    assert!(std::process::Command::new("mkfifo")
        .arg(d.join("fifo.json"))
        .status()
        .unwrap()
        .success());
    let odd = std::ffi::OsStr::from_bytes(b"odd\xff.json");
    std::fs::write(d.join(odd), "{}").unwrap();
    let run: Run = cmd_in(dir.path(), &["--data", "d", "--json", "stats"])
        .output()
        .unwrap()
        .into();
    let run = run.ok();
    assert_eq!(
        (run.json()["entities"].as_u64(), run.json()["projects"].as_u64()),
        (Some(3), Some(1))
    );
    for want in [
        "d/broken.json: warning: skipped: a broken symbolic link (to nowhere.json, which does not exist)\n  help: fix or remove the link\n",
        "d/dir.json: warning: skipped: a directory, not a file\n  help: ",
        "d/fifo.json: warning: skipped: a FIFO (named pipe), not a regular file\n  help: ",
        "d/loop.csv: warning: skipped: a symbolic link that loops\n  help: ",
        "d/odd\u{fffd}.json: warning: skipped: its name is not UTF-8 text\n  help: ",
    ] {
        assert!(run.stderr.contains(want), "{want}\nmissing from:\n{}", run.stderr);
    }
    assert_eq!(run.stderr.matches("warning: skipped").count(), 5, "{}", run.stderr);
    assert!(
        !run.stderr.contains("notes.txt") && !run.stderr.contains("schema") && !run.stderr.contains("hidden"),
        "{}",
        run.stderr
    );
    // A directory whose only dataset-looking entries are skipped says why it holds none.
    let empty = dir.path().join("e");
    std::fs::create_dir(&empty).unwrap();
    std::os::unix::fs::symlink("gone.json", empty.join("a.json")).unwrap();
    let run: Run = cmd_in(dir.path(), &["--data", "e", "stats"]).output().unwrap().into();
    assert_failed(&run);
    assert!(
        run.stderr.contains(
            "e: error: the directory holds no dataset (.json or .csv file)\n  help: point --data at a dataset file, or put one in this directory; skipped: e/a.json: a broken symbolic link (to gone.json, which does not exist)"
        ),
        "{}",
        run.stderr
    );
    // One whose only dataset-looking entry is hidden names it there too.
    let hidden = dir.path().join("h");
    std::fs::create_dir(&hidden).unwrap();
    std::fs::write(hidden.join(".a.json"), "{}").unwrap();
    let run: Run = cmd_in(dir.path(), &["--data", "h", "stats"]).output().unwrap().into();
    assert_failed(&run);
    assert!(
        run.stderr.contains("this directory; skipped: h/.a.json: a hidden file"),
        "{}",
        run.stderr
    );
}

/// `check` reports every entry of a `--data` directory it skipped among its warnings, counts
/// them, and `--strict` fails on them; a hidden file is skipped without a word.
#[test]
fn check_counts_what_a_data_directory_skips_and_strict_fails_on_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("d");
    std::fs::create_dir(&d).unwrap();
    let clean = r#"{"sources": [{"id": "s"}], "entities": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
        "projects": [{"id": "p", "name": "P", "sources": ["s"]}],
        "participations": [{"entity": "a", "project": "p", "sources": ["s"]}, {"entity": "b", "project": "p", "sources": ["s"]}]}"#;
    std::fs::write(d.join("data.json"), clean).unwrap();
    std::fs::write(d.join(".hidden.json"), "{}").unwrap();
    let check = |args: &[&str]| -> Run {
        cmd_in(dir.path(), &[&["--data", "d"], args].concat())
            .output()
            .unwrap()
            .into()
    };
    // Clean, with a hidden file beside it: nothing to say, and --strict passes.
    let run = check(&["check", "--strict"]).ok();
    assert!(run.stdout.ends_with("in 1 file; 0 warnings\n"), "{}", run.stdout);
    assert!(
        !run.stderr.contains("hidden") && !run.stdout.contains("hidden"),
        "{}",
        run.stderr
    );
    std::fs::create_dir(d.join("dir.json")).unwrap();
    std::os::unix::fs::symlink("nowhere.json", d.join("broken.json")).unwrap();
    assert!(std::process::Command::new("mkfifo")
        .arg(d.join("fifo.json"))
        .status()
        .unwrap()
        .success());
    let run = check(&["check"]).ok();
    for want in [
        "d/broken.json: warning: skipped: a broken symbolic link (to nowhere.json, which does not exist)\n",
        "d/dir.json: warning: skipped: a directory, not a file\n",
        "d/fifo.json: warning: skipped: a FIFO (named pipe), not a regular file\n",
    ] {
        assert!(run.stdout.contains(want), "{want}\nmissing from:\n{}", run.stdout);
    }
    assert!(run.stdout.ends_with("in 1 file; 3 warnings\n"), "{}", run.stdout);
    assert!(
        !run.stderr.contains("skipped"),
        "said once, in the report: {}",
        run.stderr
    );
    let strict = check(&["check", "--strict"]);
    assert_eq!(strict.code, 1, "{}", strict.stdout);
    assert!(strict.stdout.ends_with("in 1 file; 3 warnings\n"), "{}", strict.stdout);
    let json = check(&["--json", "check"]).ok().json();
    assert_eq!(json["warnings"], 3);
    assert_eq!(json["diagnostics"].as_array().unwrap().len(), 3, "{json}");
    assert_eq!(json["diagnostics"][0]["file"], "d/broken.json");
}

#[test]
fn binary_streams_stop_with_an_error_and_pipes_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let run: Run = cmd_in(dir.path(), &["--data", "/dev/zero", "stats"])
        .output()
        .unwrap()
        .into();
    assert_failed(&run);
    assert!(
        run.stderr.contains(
            "/dev/zero: error: the input starts with NUL bytes: it is binary, not a JSON or CSV text\n  help: "
        ),
        "{}",
        run.stderr
    );
    // A dataset on a pipe is read: the bound is on size, not on the kind of input.
    let mut child = cmd_in(dir.path(), &["--data", "/dev/stdin", "--json", "stats"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    std::io::Write::write_all(&mut stdin, br#"{"entities": [{"id": "a", "name": "A"}]}"#).unwrap();
    drop(stdin);
    let run: Run = child.wait_with_output().unwrap().into();
    assert_eq!(run.ok().json()["entities"], 1);
}

/// Ties: each error names the file, the line and column of the tie, the tie, and what to do.
#[test]
fn bad_ties() {
    let head = r#"{"entities": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}], "projects": [{"id": "p", "name": "P"}],
"ties": ["#;
    for (tie, says) in [
        (
            r#"{"from": "a", "to": "zz", "kind": "owner"}"#,
            r#"data.json:2:30: error: tie "a" owner "zz": field "to": unknown entity "zz""#,
        ),
        (
            r#"{"from": "a", "to": "p", "kind": "owner"}"#,
            r#"data.json:2:30: error: tie "a" owner "p": field "to": "p" is a project; a tie links two organisations"#,
        ),
        (
            r#"{"from": "a", "to": "a", "kind": "owner"}"#,
            r#"data.json:2:19: error: tie "a" owner "a": a tie from "a" to itself"#,
        ),
        (
            r#"{"from": "a", "to": "b", "kind": "owner", "share": 120}"#,
            r#"data.json:2:19: error: tie "a" owner "b": field "share": 120 is not a percentage in (0, 100]"#,
        ),
        (
            r#"{"from": "a", "to": "b", "kind": "owner", "share": 0}"#,
            r#"field "share": 0 is not a percentage in (0, 100]"#,
        ),
        (
            r#"{"from": "a", "to": "b", "kind": "ownr"}"#,
            r#"data.json:2:19: error: tie "a" ownr "b": unknown tie kind "ownr"; did you mean "owner"?"#,
        ),
        (
            r#"{"from": "a", "to": "b", "kind": "parent", "date": "2025-01-01", "until": "2024-06-30"}"#,
            "the tie ends (2024-06-30) before it begins (2025-01-01)",
        ),
        (
            r#"{"from": "a", "to": "b", "kind": "parent", "until": "2024-02-30"}"#,
            r#"field "until": invalid date "2024-02-30""#,
        ),
        (
            r#"{"from": "a", "kind": "parent"}"#,
            r#"data.json:2:40: error: tie from "a": a record has no `to`"#,
        ),
    ] {
        let err = fails(&format!("{head}{tie}]}}"));
        assert!(err.contains(says), "{tie}:\n{err}");
    }
    // A kind far from every known one loads, with a warning in `check`.
    let text = format!(r#"{head}{{"from": "a", "to": "b", "kind": "lobbyist"}}]}}"#);
    let run = with_data(&text, &["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains(r#"warning: tie "a" lobbyist "b": unusual tie kind "lobbyist""#),
        "{}",
        run.stdout
    );
}

/// `changes` and `timeline` (issue 17): a window that ends before it starts, a day the
/// calendar does not have, a source where an organisation or project belongs.
#[test]
fn changes_and_timeline_refuse_what_cannot_be_answered() {
    const DATA: &str = r#"{"sources": [{"id": "s1", "date": "2025-11-05"}],
        "entities": [{"id": "a", "name": "A"}], "projects": [{"id": "p", "name": "P"}],
        "participations": [{"entity": "a", "project": "p", "sources": ["s1"]}]}"#;
    let run = with_data(DATA, &["changes", "--since", "2026-03-31", "--until", "2025-12-31"]);
    assert_usage_error(&run);
    assert!(
        run.stderr
            .contains("error: --since 2026-03-31 is after --until 2025-12-31"),
        "{}",
        run.stderr
    );
    let run = with_data(DATA, &["--as-of", "2025-12-31", "changes", "--since", "2026-01-01"]);
    assert_usage_error(&run);
    assert!(
        run.stderr
            .contains("error: --since 2026-01-01 is after --as-of 2025-12-31"),
        "{}",
        run.stderr
    );
    for (flag, date) in [("--since", "2026-02-29"), ("--until", "2025-04-31")] {
        let mut args = vec!["changes", flag, date];
        if flag == "--until" {
            args.extend(["--since", "2025-01-01"]);
        }
        let run = with_data(DATA, &args);
        assert_usage_error(&run);
        let want = format!("error: invalid value '{date}' for '{flag} <DATE>': \"{date}\" is not a date: ");
        assert!(run.stderr.contains(&want), "{want}\nmissing from:\n{}", run.stderr);
    }
    for args in [&["timeline", "s1"][..], &["--json", "timeline", "S1"]] {
        let run = with_data(DATA, args);
        assert_failed(&run);
        assert!(
            run.stderr
                .contains("error: \"s1\" is a source, not an organisation or project: it has no timeline")
                && run.stderr.contains("help: `partnet show s1` lists what it backs"),
            "{}",
            run.stderr
        );
    }
    let run = with_data(DATA, &["timeline", "nobody"]);
    assert_failed(&run);
    assert!(
        run.stderr.contains("error: no entity or project is called \"nobody\""),
        "{}",
        run.stderr
    );
}

/// A link's sources and its (role, status) pair are 16-bit in memory: past the limit the
/// load stops with the record's place, not a wrapped index.
#[test]
fn a_record_citing_more_sources_than_a_span_holds() {
    let ids: Vec<String> = (0..65_536).map(|i| format!("s{i}")).collect();
    let sources: Vec<String> = ids.iter().map(|id| format!("{{\"id\": \"{id}\"}}")).collect();
    let cited: Vec<String> = ids.iter().map(|id| format!("\"{id}\"")).collect();
    let data = format!(
        "{{\"sources\": [{}],\n\"entities\": [{{\"id\": \"a\", \"name\": \"A\"}}], \"projects\": [{{\"id\": \"p\", \"name\": \"P\"}}],\n\"participations\": [{{\"entity\": \"a\", \"project\": \"p\", \"sources\": [{}]}}]}}",
        sources.join(", "),
        cited.join(", ")
    );
    let err = fails(&data);
    assert!(
        err.contains("data.json:3:")
            && err.contains("participation \"a\" in \"p\": 65536 source ids in one record (a repeat counts); partnet takes at most 65535"),
        "{err}"
    );
    // At the limit, it loads.
    let at_limit = data.replace(", \"s65535\"]}]}", "]}]}");
    let run = with_data(&at_limit, &["--json", "stats"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn more_pairs_of_role_and_status_than_a_link_can_name() {
    // Roles repeat and statuses differ, and the link past the limit has no role: the
    // message must still land on its line.
    let mut links: Vec<String> = (0..65_536)
        .map(|i| {
            format!(
                "{{\"entity\": \"a\", \"project\": \"p\", \"role\": \"r{}\", \"status\": \"s{}\"}}",
                i % 300,
                i / 300
            )
        })
        .collect();
    let last = "{\"entity\": \"a\", \"project\": \"p\", \"status\": \"past\"}";
    links.push(last.to_string());
    let data = format!(
        "{{\"entities\": [{{\"id\": \"a\", \"name\": \"A\"}}], \"projects\": [{{\"id\": \"p\", \"name\": \"P\"}}],\n\"participations\": [\n{}]}}",
        links.join(",\n")
    );
    let err = fails(&data);
    assert!(
        err.contains("data.json:65539:")
            && err.contains("more than 65536 different pairs of role and status")
            && err.contains("help: map free text onto the known roles"),
        "{err}"
    );
    let run = with_data(&data.replace(&format!(",\n{last}"), ""), &["--json", "stats"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// A key given twice in one object is an error in every JSON reader, pointed at the second
/// key, never the last value winning silently.
#[test]
fn a_key_given_twice_is_an_error_in_every_json_reader() {
    let link = r#"{"entity": "a", "project": "p"}"#;
    for (name, text, place, key) in [
        // The dataset's fast reader hands such a record to serde, which refuses it.
        (
            "d.json",
            format!(r#"{{"entities": [{{"id":"a","name":"A","name":"B"}}], "projects": [{{"id": "p", "name": "P"}}], "participations": [{link}]}}"#),
            "d.json:1:36: error: entity \"a\": duplicate field `name`",
            "name",
        ),
        (
            "d.json",
            r#"{"entities": [{"id":"a","name":"A"}], "projects": [{"id": "p", "name": "P"}], "participations": [{"entity": "a", "project": "p", "project": "p"}]}"#.to_string(),
            "d.json:1:130: error: participation \"a\" in \"p\": duplicate field `project`",
            "project",
        ),
        (
            "d.json",
            format!(r#"{{"entities": [], "projects": [], "participations": [{link}], "entities": []}}"#),
            "d.json:1:87: error: duplicate field `entities`",
            "entities",
        ),
        (
            "g.json",
            "{\"nodes\": [{\"id\": \"a\", \"name\": \"A\", \"name\": \"B\"}, {\"id\": \"p\", \"kind\": \"project\", \"name\": \"P\"}],\n \"links\": [{\"source\": \"a\", \"target\": \"p\"}]}".into(),
            "g.json:1:37: error: duplicate field `name`",
            "name",
        ),
        (
            "g.json",
            "{\"nodes\": [{\"id\": \"a\", \"name\": \"A\"}, {\"id\": \"p\", \"kind\": \"project\", \"name\": \"P\"}],\n \"links\": [{\"source\": \"a\", \"target\": \"p\", \"target\": \"a\"}]}".into(),
            "g.json:2:43: error: duplicate field `target`",
            "target",
        ),
        (
            "g.json",
            "{\"nodes\": [{\"id\": \"a\", \"name\": \"A\", \"x\": 1, \"x\": 2}],\n \"links\": [], \"nodes\": []}".into(),
            "g.json:1:45: error: duplicate field `x`",
            "x",
        ),
        (
            "g.json",
            "{\"nodes\": [{\"id\": \"a\", \"name\": \"A\"}],\n \"links\": [], \"nodes\": []}".into(),
            "g.json:2:15: error: duplicate field `nodes`",
            "nodes",
        ),
        (
            "e.ftm.json",
            "{\"id\": \"a\", \"schema\": \"Company\", \"properties\": {\"name\": [\"A\"]}}\n{\"id\": \"b\", \"schema\": \"Company\", \"properties\": {\"name\": [\"B\"], \"name\": []}}\n".into(),
            "e.ftm.json:2:64: error: duplicate field `name`",
            "name",
        ),
        (
            "e.ftm.json",
            "{\"id\": \"a\", \"schema\": \"Company\", \"properties\": {\"name\": [\"A\"]}, \"id\": \"b\"}\n".into(),
            "e.ftm.json:1:65: error: duplicate field `id`",
            "id",
        ),
        (
            "e.ftm.json",
            "{\"id\": \"a\", \"schema\": \"Company\", \"caption\": \"x\", \"properties\": {\"name\": [\"A\"]}, \"caption\": \"y\"}\n".into(),
            "e.ftm.json:1:81: error: duplicate field `caption`",
            "caption",
        ),
    ] {
        for command in ["stats", "check"] {
            let run = common::with_files(&[(name, &text)], &[command]);
            assert_eq!(run.code, 1, "{text}\n{}{}", run.stdout, run.stderr);
            let said = if command == "check" { &run.stdout } else { &run.stderr };
            assert!(said.starts_with(place), "{text}\n{said}");
            assert!(said.contains("a key may appear once in an object"), "{key}: {said}");
        }
    }
}

/// A comma after the last item is pointed at, not at the bracket after it, in every JSON
/// reader.
#[test]
fn a_trailing_comma_is_pointed_at_where_it_is() {
    for (name, text, place) in [
        (
            "d.json",
            "{\"entities\": [\n  {\"id\": \"a\", \"name\": \"A\"},\n]}\n",
            "d.json:2:27:",
        ),
        (
            "d.json",
            "{\"entities\": [{\"id\": \"a\", \"name\": \"A\", \"aliases\": [\"x\" ,  ]}]}",
            "d.json:1:56:",
        ),
        (
            "d.json",
            "{\"entities\": [{\"id\": \"a\", \"name\": \"A\",\n}]}",
            "d.json:1:38:",
        ),
        (
            "g.json",
            "{\"nodes\": [{\"id\": \"a\", \"name\": \"A\"},\n]}",
            "g.json:1:36:",
        ),
        (
            "g.json",
            "{\"nodes\": [{\"id\": \"a\", \"name\": \"A\",}]}",
            "g.json:1:35:",
        ),
        (
            "g.json",
            "{\"nodes\": [{\"id\": \"a\", \"name\": \"A\"}], }",
            "g.json:1:37:",
        ),
        (
            "e.ftm",
            "{\"id\": \"a\", \"schema\": \"Company\", \"properties\": {\"name\": [\"A\",]}}\n",
            "e.ftm:1:61:",
        ),
    ] {
        let run = common::with_files(&[(name, text)], &["stats"]);
        assert_failed(&run);
        assert!(
            run.stderr.starts_with(&format!(
                "{place} error: invalid JSON: a trailing comma after the last item\n  help: remove this comma"
            )),
            "{text}\n{}",
            run.stderr
        );
    }
}

#[test]
fn two_letters_iso_3166_does_not_assign_are_refused_with_the_code_meant() {
    let err = fails(
        r#"{"entities": [{"id": "a", "name": "A", "country": "UK"}, {"id": "b", "name": "B", "country": "EU"},
            {"id": "c", "name": "C", "country": "zz"}, {"id": "k", "name": "K", "country": "XK"}]}"#,
    );
    assert!(
        err.contains("data.json:1:51: error: entity \"a\": country \"UK\" is not an ISO 3166-1 alpha-2 code"),
        "{err}"
    );
    assert!(
        err.contains("help: did you mean GB (United Kingdom)? write \"GB\""),
        "{err}"
    );
    assert!(
        err.contains("country \"EU\" is not") && err.contains("country \"zz\" is not"),
        "{err}"
    );
    assert!(err.contains("leave `country` out if it is not known"), "{err}");
    assert!(!err.contains("\"XK\""), "Kosovo's user-assigned code is taken: {err}");
}

#[test]
fn sector_paths_with_an_empty_part_are_refused_with_the_path_meant() {
    let err = fails(
        "{\"entities\": [{\"id\": \"a\", \"name\": \"A\", \"sectors\": [\"energy\", \"energy//nuclear\"]}],\n \
         \"projects\": [{\"id\": \"p\", \"name\": \"P\", \"sector\": \"/energy/\"}, {\"id\": \"q\", \"name\": \"Q\", \"sector\": \"\"}]}",
    );
    assert!(
        err.contains("data.json:1:22: error: entity \"a\": sector \"energy//nuclear\" has an empty part: two slashes"),
        "{err}"
    );
    assert!(
        err.contains("help: write \"energy/nuclear\": a sector is its parts joined by single slashes"),
        "{err}"
    );
    assert!(
        err.contains("data.json:2:50: error: project \"p\": sector \"/energy/\" has an empty part: it starts and ends"),
        "{err}"
    );
    assert!(err.contains("help: write \"energy\":"), "{err}");
    assert!(err.contains("project \"q\": sector \"\" names no sector"), "{err}");
}
