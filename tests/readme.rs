//! The README's examples are real output: every `$ partnet ...` line in a `console` block
//! that reads the shipped data and writes no file (or is an `export -o`) is run, and its
//! output (stdout, then stderr) must match the lines under it. A line `...` stands for any
//! number of lines, and a line ending in `...` for any line starting with what comes before
//! it, so an example may show the head of a long answer.

mod common;

use std::process::Command;

/// One example: the arguments after `partnet`, the expected lines, and where it is.
struct Example {
    line: usize,
    args: Vec<String>,
    expected: Vec<String>,
}

/// Splits a command line as a shell would for the simple quoting the README uses.
fn words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote = None;
    let mut started = false;
    for c in line.chars() {
        match (quote, c) {
            (None, '"' | '\'') => {
                quote = Some(c);
                started = true;
            }
            (Some(q), c) if c == q => quote = None,
            (None, c) if c.is_whitespace() => {
                if started {
                    words.push(std::mem::take(&mut word));
                    started = false;
                }
            }
            (_, c) => {
                word.push(c);
                started = true;
            }
        }
    }
    if started {
        words.push(word);
    }
    words
}

fn examples(readme: &str) -> Vec<Example> {
    let mut examples: Vec<Example> = Vec::new();
    let mut in_console = false;
    for (i, line) in readme.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            in_console = !in_console && trimmed == "```console";
            continue;
        }
        if !in_console {
            continue;
        }
        if let Some(command) = trimmed.strip_prefix("$ ") {
            let args = words(command);
            examples.push(Example {
                line: i + 1,
                args,
                expected: Vec::new(),
            });
        } else if let Some(example) = examples.last_mut() {
            example.expected.push(line.to_string());
        }
    }
    examples
}

/// Whether an example can run here: it reads the shipped data and writes no file, or is an
/// `export -o`, whose files land in the temporary directory and whose "wrote ..." line is
/// checked with the rest (a diagram's `-o` would need Graphviz for most formats).
fn runnable(args: &[String]) -> bool {
    let export = args.get(1..).unwrap_or_default().iter().any(|a| a == "export");
    args.first().is_some_and(|a| a == "partnet")
        && !args.iter().any(|a| {
            matches!(a.as_str(), "--data" | ">" | "|")
                || a.starts_with("--data=")
                || (matches!(a.as_str(), "-o" | "--output") && !export)
        })
}

/// Whether `actual` lines match `expected`, with `...` elisions.
fn matches(expected: &[String], actual: &[&str]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((e, rest)) if e.trim() == "..." => (0..=actual.len()).any(|skip| matches(rest, &actual[skip..])),
        Some((e, rest)) => {
            let Some((a, more)) = actual.split_first() else {
                return false;
            };
            let same = match e.strip_suffix("...") {
                Some(head) => a.starts_with(head),
                None => a == e,
            };
            same && matches(rest, more)
        }
    }
}

#[test]
fn readme_examples_are_real_output() {
    let root = common::root();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    // A copy of data/ in a temporary directory, so examples read it as `data/...` by default
    // and any file an example might write lands there.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("data")).unwrap();
    for entry in std::fs::read_dir(root.join("data")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join("data").join(path.file_name().unwrap())).unwrap();
    }
    let all = examples(&readme);
    let mut checked = 0;
    let mut failures = Vec::new();
    for example in all.iter().filter(|e| runnable(&e.args)) {
        let out = Command::new(env!("CARGO_BIN_EXE_partnet"))
            .args(&example.args[1..])
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let actual: Vec<&str> = text.lines().collect();
        let mut expected = example.expected.clone();
        while expected.last().is_some_and(|l| l.trim().is_empty()) {
            expected.pop();
        }
        if !matches(&expected, &actual) {
            failures.push(format!(
                "README.md:{}: $ {}\n--- README says:\n{}\n--- partnet prints:\n{}",
                example.line,
                example.args.join(" "),
                expected.join("\n"),
                text
            ));
        }
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} of {} README examples ran", all.len());
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn elisions_match_what_they_say() {
    let lines = |s: &str| s.lines().map(String::from).collect::<Vec<_>>();
    assert!(matches(&lines("a\n...\nd"), &["a", "b", "c", "d"]));
    assert!(matches(&lines("a\n..."), &["a"]));
    assert!(matches(&lines("ab..."), &["abc"]));
    assert!(!matches(&lines("a\nd"), &["a", "b", "d"]));
    assert!(!matches(&lines("ab..."), &["ac"]));
    assert_eq!(
        words(r#"partnet --title "Toshiba's partners" x"#),
        ["partnet", "--title", "Toshiba's partners", "x"]
    );
}

/// The README's prose on `--projection --min-shared 2 --with-umbrellas` names every pair the
/// drawing links (read from its DOT: each line's tooltip starts "A — B"), and says that
/// without `--with-umbrellas` nothing is drawn.
#[test]
fn the_projection_prose_names_every_pair_drawn() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let start = readme
        .find("`--min-shared 2 --with-umbrellas` draws")
        .expect("the sentence is there");
    let prose = readme[start..]
        .split("gallery's last picture")
        .next()
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let dot = common::partnet(&[
        "diagram",
        "--projection",
        "--min-shared",
        "2",
        "--with-umbrellas",
        "--format",
        "dot",
    ])
    .ok()
    .stdout;
    let mut pairs = 0;
    for line in dot.lines().filter(|l| l.contains(" -- ")) {
        let tooltip = line.split("tooltip=\"").nth(1).unwrap();
        let (a, rest) = tooltip.split_once(" — ").unwrap();
        let b = rest.split("\\n").next().unwrap();
        for name in [a, b] {
            assert!(
                prose.contains(name),
                "the README's projection sentence leaves out {name:?}: {prose}"
            );
        }
        pairs += 1;
    }
    let count = ["no", "one", "two", "three", "four", "five"][pairs];
    assert!(
        prose.contains(&format!("draws {count} pairs")),
        "{pairs} pairs drawn: {prose}"
    );
    let none = common::partnet(&["diagram", "--projection", "--min-shared", "2", "--format", "dot"]).ok();
    assert!(
        none.stderr.contains("no two organisations share 2 projects"),
        "{}",
        none.stderr
    );
}
