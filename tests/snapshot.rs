//! `partnet index` and `--data FILE.pnet`: a snapshot answers every command with the bytes
//! its sources give, and refuses to answer when it is stale, damaged or mixed with others.

mod common;

use std::path::Path;

use common::{cmd_in, fixture, root, Run};

fn run(dir: &Path, args: &[&str]) -> Run {
    cmd_in(dir, args).output().expect("partnet runs").into()
}

/// The commands a user runs, each with its arguments, on data that has them all (ties,
/// histories, money, programmes).
const QUERIES: &[&[&str]] = &[
    &["stats"],
    &["list", "entities"],
    &["list", "projects"],
    &["show", "toshiba"],
    &["partners", "toshiba", "--depth", "2"],
    &["path", "toshiba", "cameco", "--all"],
    &["components"],
    &["rank", "--by", "partners"],
    &["rank", "--by", "betweenness"],
    &["sectors"],
    &["changes", "--since", "2025-01-01"],
    &["timeline", "westinghouse"],
    &["export", "--format", "graphml"],
    &["export", "--format", "ftm"],
    &["diagram", "--format", "dot"],
    &[
        "--sector",
        "energy",
        "--as-of",
        "2025-12-31",
        "partners",
        "westinghouse",
    ],
    &["--roll-up", "stats"],
];

#[test]
fn a_snapshot_answers_every_command_as_its_sources_do() {
    let dir = tempfile::tempdir().unwrap();
    let data = root().join("data");
    let data = data.to_str().unwrap();
    let made = run(dir.path(), &["--data", data, "index", "-o", "d.pnet"]).ok();
    assert!(made.stdout.starts_with("wrote d.pnet ("), "{}", made.stdout);
    assert!(made.stdout.contains("read it with --data d.pnet"), "{}", made.stdout);
    for query in QUERIES {
        for json in [true, false] {
            let mut args = vec!["--data", data];
            args.extend(json.then_some("--json"));
            args.extend_from_slice(query);
            let from_json = run(dir.path(), &args);
            args[1] = "d.pnet";
            let from_snapshot = run(dir.path(), &args);
            assert_eq!(from_snapshot.code, from_json.code, "{args:?}: {}", from_snapshot.stderr);
            assert!(
                from_snapshot.stdout == from_json.stdout,
                "{args:?} answers otherwise from the snapshot"
            );
        }
    }
    // Made again from the same data, it is the same file.
    run(dir.path(), &["--data", data, "index", "-o", "again.pnet"]).ok();
    assert!(std::fs::read(dir.path().join("d.pnet")).unwrap() == std::fs::read(dir.path().join("again.pnet")).unwrap());
}

#[test]
fn a_stale_snapshot_is_refused_with_the_command_that_makes_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("small.json");
    let text = std::fs::read_to_string(fixture("small.json")).unwrap();
    std::fs::write(&source, &text).unwrap();
    run(dir.path(), &["index", "small.json", "-o", "s.pnet"]).ok();
    let before = run(dir.path(), &["--data", "s.pnet", "--json", "stats"]).ok();

    std::fs::write(&source, text.replacen("\"Gamma\"", "\"Gamma Co\"", 1)).unwrap();
    let stale = run(dir.path(), &["--data", "s.pnet", "stats"]);
    assert_eq!(stale.code, 1);
    assert!(stale.stdout.is_empty());
    assert!(
        stale.stderr.contains("s.pnet")
            && stale.stderr.contains("the snapshot is stale")
            && stale.stderr.contains("small.json changed")
            && stale
                .stderr
                .contains(&format!("partnet index {} -o s.pnet", source.display())),
        "{}",
        stale.stderr
    );
    let remade = run(dir.path(), &["index", "small.json", "-o", "s.pnet"]).ok();
    assert!(remade.stdout.starts_with("wrote s.pnet"), "{}", remade.stdout);
    // Made again only when its sources changed, or when asked to.
    let again = run(dir.path(), &["index", "small.json", "-o", "s.pnet"]).ok();
    assert!(again.stdout.starts_with("up to date: s.pnet"), "{}", again.stdout);
    let forced = run(
        dir.path(),
        &["--json", "index", "small.json", "-o", "s.pnet", "--force"],
    )
    .ok();
    assert_eq!(forced.json()["written"], true);
    let after = run(dir.path(), &["--data", "s.pnet", "--json", "stats"]).ok();
    assert_eq!(after.stdout, before.stdout, "a renamed organisation changes no count");
}

#[test]
fn a_damaged_or_foreign_file_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let small = fixture("small.json");
    run(dir.path(), &["index", small.to_str().unwrap(), "-o", "s.pnet"]).ok();
    let mut bytes = std::fs::read(dir.path().join("s.pnet")).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 1;
    std::fs::write(dir.path().join("bad.pnet"), &bytes).unwrap();
    let bad = run(
        dir.path(),
        &["--data", "bad.pnet", "export", "-f", "json", "-o", "out.json"],
    );
    assert_eq!(bad.code, 1);
    assert!(
        bad.stderr.contains("bad.pnet") && bad.stderr.contains("damaged"),
        "{}",
        bad.stderr
    );
    assert!(bad.stderr.contains("partnet index"), "{}", bad.stderr);
    assert!(!dir.path().join("out.json").exists());

    std::fs::write(dir.path().join("cut.pnet"), &bytes[..middle]).unwrap();
    let cut = run(dir.path(), &["--data", "cut.pnet", "stats"]);
    assert_eq!(cut.code, 1);
    assert!(cut.stderr.contains("cut short"), "{}", cut.stderr);
}

#[test]
fn index_refuses_what_would_lose_or_mislead() {
    let dir = tempfile::tempdir().unwrap();
    let small = fixture("small.json");
    let small = small.to_str().unwrap();
    run(dir.path(), &["index", small, "-o", "s.pnet"]).ok();

    // A snapshot is read alone.
    let mixed = run(dir.path(), &["--data", "s.pnet", "--data", small, "stats"]);
    assert_eq!(mixed.code, 2);
    assert!(
        mixed
            .stderr
            .contains("s.pnet is a snapshot, and a snapshot is read alone: 1 other file is given\n"),
        "{}",
        mixed.stderr
    );
    let other = root().join("data/us-japan-2025.json");
    let other = other.to_str().unwrap();
    let more = run(
        dir.path(),
        &["--data", "s.pnet", "--data", small, "--data", other, "stats"],
    );
    assert!(
        more.stderr.contains("read alone: 2 other files are given"),
        "{}",
        more.stderr
    );
    let missing = run(dir.path(), &["--data", "s.pnet", "--data", "missing.json", "stats"]);
    assert_eq!(missing.code, 1);
    assert!(missing.stderr.contains("missing.json"), "{}", missing.stderr);

    // Filters are for the commands that read it: a filtered snapshot would pass for the data.
    let filtered = run(dir.path(), &["--sector", "energy", "index", small, "-o", "f.pnet"]);
    assert_eq!(filtered.code, 2);
    assert!(
        filtered.stderr.contains("filters and --roll-up do not apply"),
        "{}",
        filtered.stderr
    );
    assert!(!dir.path().join("f.pnet").exists());

    // The data once: as --data or as index's argument, not both (one would be dropped).
    let other = root().join("data");
    let twice = run(
        dir.path(),
        &["--data", other.to_str().unwrap(), "index", small, "-o", "t.pnet"],
    );
    assert_eq!(twice.code, 2, "{}", twice.stderr);
    assert!(
        twice.stderr.contains("index is given its data twice"),
        "{}",
        twice.stderr
    );
    assert!(
        twice.stderr.contains("\n  help: give the data once"),
        "{}",
        twice.stderr
    );
    assert!(!dir.path().join("t.pnet").exists());
    run(dir.path(), &["--data", small, "index", "-o", "t.pnet"]).ok();
    std::fs::remove_file(dir.path().join("t.pnet")).unwrap();

    // Not a snapshot of a snapshot, and never over its own input.
    let again = run(dir.path(), &["index", "s.pnet", "-o", "t.pnet"]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("already a snapshot"), "{}", again.stderr);
    let copy = dir.path().join("copy.json");
    std::fs::copy(small, &copy).unwrap();
    let over = run(dir.path(), &["index", "copy.json", "-o", "copy.json"]);
    assert_eq!(over.code, 2);
    assert!(over.stderr.contains("refusing to write copy.json"), "{}", over.stderr);
    assert_eq!(std::fs::read(&copy).unwrap(), std::fs::read(small).unwrap());

    // Not where the next load of its input reads it, where it would be its own source.
    std::fs::create_dir(dir.path().join("in")).unwrap();
    std::fs::copy(small, dir.path().join("in/small.json")).unwrap();
    let inside = run(dir.path(), &["index", "in", "-o", "in/s.json"]);
    assert_eq!(inside.code, 2);
    assert!(
        inside.stderr.contains("a directory the snapshot is made from"),
        "{}",
        inside.stderr
    );
    assert!(!dir.path().join("in/s.json").exists());
    run(dir.path(), &["index", "in", "-o", "in/s.pnet"]).ok();
    run(dir.path(), &["--data", "in/s.pnet", "stats"]).ok();

    // Invalid data makes no snapshot.
    std::fs::write(dir.path().join("bad.json"), r#"{"entities": [{"id": "a"}]}"#).unwrap();
    let invalid = run(dir.path(), &["index", "bad.json", "-o", "b.pnet"]);
    assert_eq!(invalid.code, 1);
    assert!(invalid.stderr.contains("bad.json"), "{}", invalid.stderr);
    assert!(!dir.path().join("b.pnet").exists());
}

#[test]
fn check_of_a_snapshot_checks_it_then_finds_the_warnings_in_its_sources() {
    let dir = tempfile::tempdir().unwrap();
    let data = root().join("data");
    let data = data.to_str().unwrap();
    run(dir.path(), &["index", data, "-o", "d.pnet"]).ok();
    let from_json = run(dir.path(), &["--data", data, "--json", "check", "--strict"]);
    let from_snapshot = run(dir.path(), &["--data", "d.pnet", "--json", "check", "--strict"]);
    assert!(
        from_json.json()["warnings"].as_u64() > Some(0),
        "the shipped data has warnings"
    );
    assert_eq!(from_snapshot.stdout, from_json.stdout);
    assert_eq!(from_snapshot.code, from_json.code);
    assert!(
        from_snapshot.stderr.contains("checking the files it was made from"),
        "{}",
        from_snapshot.stderr
    );

    // Made from a pipe, a snapshot has no sources to read again: checked alone, and said so.
    let text = std::fs::read(fixture("small.json")).unwrap();
    let mut index = cmd_in(dir.path(), &["--data", "/dev/stdin", "index", "-o", "p.pnet"]);
    let mut child = index.stdin(std::process::Stdio::piped()).spawn().unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), &text).unwrap();
    assert!(child.wait().unwrap().success(), "a pipe is indexed");
    let piped = run(dir.path(), &["--data", "p.pnet", "--json", "check"]).ok();
    assert_eq!(piped.json()["entities"], 6);
    assert!(piped.stderr.contains("cannot be read again"), "{}", piped.stderr);
    // Whatever the data's warnings, they were not read: --strict does not pass.
    let strict = run(dir.path(), &["--data", "p.pnet", "check", "--strict"]);
    assert_eq!(strict.code, 1);
    assert!(
        strict.stdout.contains("this check read none of them"),
        "{}",
        strict.stdout
    );
    // Nor is a pipe-made snapshot ever "up to date": another pipe may hold other data.
    let mut again = cmd_in(dir.path(), &["--data", "/dev/stdin", "index", "-o", "p.pnet"]);
    again.stdin(std::fs::File::open(fixture("florentine.json")).unwrap());
    let again: Run = again.output().unwrap().into();
    assert!(again.ok().stdout.starts_with("wrote p.pnet"));

    // And a snapshot may come through a pipe.
    let mut stats = cmd_in(dir.path(), &["--data", "/dev/stdin", "--json", "stats"]);
    stats.stdin(std::fs::File::open(dir.path().join("p.pnet")).unwrap());
    let piped: Run = stats.output().unwrap().into();
    let direct = run(dir.path(), &["--data", "p.pnet", "--json", "stats"]).ok();
    assert_eq!(direct.json()["entities"], 15, "florentine, as the pipe held");
    assert_eq!(piped.ok().stdout, direct.stdout);
}

#[test]
fn a_snapshot_outlives_the_route_to_its_sources_and_streams_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("small.json"), dir.path().join("small.json")).unwrap();
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    run(&sub, &["index", "../small.json", "-o", "../s.pnet"]).ok();
    std::fs::remove_dir(&sub).unwrap();
    let stats = run(dir.path(), &["--data", "s.pnet", "--json", "stats"]).ok();
    assert_eq!(stats.json()["entities"], 6);

    // To stdout (a pipe here), the snapshot itself and nothing else: no "up to date" check
    // reads the output first, and no report lands in it.
    let out = cmd_in(dir.path(), &["index", "small.json", "-o", "/dev/stdout"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.starts_with(b"PNETSNAP") && out.stdout.ends_with(b"PNETEND\0"));
}
