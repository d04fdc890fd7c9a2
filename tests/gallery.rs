//! The README's gallery (output/gallery/, made by scripts/gallery.sh) and the main job.
//!
//! The gallery's DOT is partnet's own output: it is compared byte for byte. Its SVGs were
//! laid out by whichever Graphviz the committer had, so they are checked for what they show
//! (their nodes, lines and texts against the DOT), never byte for byte; with Graphviz here,
//! a fresh layout of the DOT is checked the same way. `partnet diagram`, the README's main
//! job, writes a file git ignores and does not track, with or without Graphviz.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{cmd_in, graphviz, parse_svg, root, skip, Run, REQUIRE_GRAPHVIZ};

/// The gallery's pictures: each `draw NAME ARGS...` line of scripts/gallery.sh.
fn pictures() -> Vec<(String, Vec<String>)> {
    let script = std::fs::read_to_string(root().join("scripts/gallery.sh")).unwrap();
    let list: Vec<(String, Vec<String>)> = script
        .lines()
        .filter_map(|l| l.strip_prefix("draw "))
        .map(|l| {
            let mut words = l.split_whitespace().map(str::to_string);
            (words.next().unwrap(), words.collect())
        })
        .collect();
    assert!(list.len() >= 4, "scripts/gallery.sh draws {list:?}");
    list
}

fn gallery(file: &str) -> PathBuf {
    root().join("output/gallery").join(file)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run scripts/gallery.sh and commit output/gallery",
            path.display()
        )
    })
}

/// The DOT partnet writes now for a picture, as scripts/gallery.sh runs it.
fn dot_now(args: &[String]) -> String {
    let mut all = vec!["--data".to_string(), "data".to_string(), "diagram".to_string()];
    all.extend(args.iter().cloned());
    all.extend(["--format".to_string(), "dot".to_string()]);
    let all: Vec<&str> = all.iter().map(String::as_str).collect();
    common::partnet(&all).ok().stdout
}

#[test]
fn gallery_dot_is_what_partnet_writes_now() {
    for (name, args) in pictures() {
        let committed = read(&gallery(&format!("{name}.dot")));
        assert!(
            dot_now(&args) == committed,
            "output/gallery/{name}.dot is not what `partnet diagram {}` writes now: run scripts/gallery.sh and \
             commit output/gallery",
            args.join(" ")
        );
    }
}

/// What a DOT says an SVG of it shows: node ids with class and name, line ids, headline.
struct Expected {
    nodes: BTreeSet<(String, String, String)>,
    edges: BTreeSet<String>,
    headline: String,
}

fn expected(dot: &str) -> Expected {
    let value = |attrs: &str, key: &str| {
        attrs
            .split(&format!("{key}=\""))
            .nth(1)
            .map(|v| v.split('"').next().unwrap().to_string())
    };
    let mut nodes = BTreeSet::new();
    let mut edges = BTreeSet::new();
    for line in dot.lines().map(str::trim) {
        if let Some((head, attrs)) = line.split_once('[') {
            if head.contains(" -- ") {
                edges.insert(value(attrs, "id").unwrap());
            } else if head.len() > 1 && head.starts_with('n') && head[1..].bytes().all(|b| b.is_ascii_digit()) {
                // A tooltip starts with the name: no name in the shipped data needs escapes.
                let name = value(attrs, "tooltip")
                    .unwrap()
                    .split("\\n")
                    .next()
                    .unwrap()
                    .to_string();
                nodes.insert((value(attrs, "id").unwrap(), value(attrs, "class").unwrap(), name));
            }
        }
    }
    let headline = dot
        .split("<B>")
        .nth(1)
        .and_then(|s| s.split("</B>").next())
        .unwrap_or_default()
        .replace("&amp;", "&");
    Expected { nodes, edges, headline }
}

/// Checks an SVG against what its DOT says it shows.
fn check_svg(what: &str, svg: &str, want: &Expected) {
    let svg = parse_svg(svg);
    assert_eq!(svg.svgs, 1, "{what}");
    assert!(svg.active.is_empty(), "{what}: {:?}", svg.active);
    let nodes: BTreeSet<(String, String, String)> = svg
        .nodes
        .iter()
        .map(|(id, class, title)| {
            let class = class.strip_prefix("node ").unwrap_or(class).to_string();
            (id.clone(), class, title.split('\n').next().unwrap().to_string())
        })
        .collect();
    assert_eq!(nodes, want.nodes, "{what}: the nodes, their classes and names");
    let edges: BTreeSet<String> = svg.edges.iter().map(|(id, _, _)| id.clone()).collect();
    assert_eq!(edges, want.edges, "{what}: the lines");
    assert!(
        svg.texts.contains(&want.headline),
        "{what}: no headline {:?}",
        want.headline
    );
    assert!(
        svg.texts.iter().any(|t| t.starts_with("Sources: ")) && svg.texts.iter().any(|t| t == "Drawn with partnet"),
        "{what}: the footnote"
    );
}

#[test]
fn gallery_svgs_show_what_their_dot_says() {
    let fresh = graphviz("gallery_svgs_show_what_their_dot_says: a fresh Graphviz layout");
    for (name, _) in pictures() {
        let dot = read(&gallery(&format!("{name}.dot")));
        let want = expected(&dot);
        assert!(!want.nodes.is_empty() && !want.headline.is_empty(), "{name}.dot");
        check_svg(
            &format!("output/gallery/{name}.svg"),
            &read(&gallery(&format!("{name}.svg"))),
            &want,
        );
        if fresh {
            let svg = common::dot_render("svg", &dot);
            check_svg(
                &format!("dot -Tsvg {name}.dot"),
                &String::from_utf8(svg).unwrap(),
                &want,
            );
        }
    }
}

#[test]
fn readme_shows_each_picture_with_its_command() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    for (name, args) in pictures() {
        let image = format!("(output/gallery/{name}.svg)");
        let at = readme
            .find(&image)
            .unwrap_or_else(|| panic!("the README shows no {image}"));
        let command = format!("partnet diagram {} -o output/gallery/{name}.svg", args.join(" ")).replace("  ", " ");
        let after = &readme[at..];
        let next = after[image.len()..]
            .find("](output/gallery/")
            .map_or(after.len(), |i| i + image.len());
        assert!(
            after[..next].contains(&command),
            "the README shows `{command}` under {image}"
        );
    }
}

/// Every file under `dir`, relative to it.
fn files(dir: &Path) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else {
                found.insert(path.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/"));
            }
        }
    }
    found
}

fn git(args: &[&str]) -> Option<std::process::Output> {
    Command::new("git").arg("-C").arg(root()).args(args).output().ok()
}

#[test]
fn the_main_job_writes_only_a_file_git_ignores() {
    // With Graphviz (if here) and without it (an empty PATH), it writes one file.
    let mut written = BTreeSet::new();
    for graphviz_too in [true, false] {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("empty-path");
        std::fs::create_dir(&empty).unwrap();
        let work = dir.path().join("work");
        std::fs::create_dir(&work).unwrap();
        let mut cmd = cmd_in(&work, &["diagram"]);
        if !graphviz_too {
            cmd.env("PATH", &empty);
        }
        let run: Run = cmd.output().unwrap().into();
        assert_eq!(run.code, 0, "{}", run.stderr);
        let path = run.stdout.trim().to_string();
        assert_eq!(
            files(&work),
            BTreeSet::from([path.clone()]),
            "partnet diagram writes {path} only"
        );
        written.insert(path);
    }
    let path = written.into_iter().next().unwrap();
    const TEST: &str = "the_main_job_writes_only_a_file_git_ignores: the git check";
    match git(&["rev-parse", "--is-inside-work-tree"]) {
        Some(o) if o.status.success() => {}
        _ => {
            return skip(
                TEST,
                "git is missing or this is no git work tree",
                "PARTNET_REQUIRE_GIT",
            )
        }
    }
    let tracked = git(&["ls-files", "--error-unmatch", &path]).unwrap();
    assert!(!tracked.status.success(), "{path} must not be a committed file");
    let ignored = git(&["check-ignore", "-q", &path]).unwrap();
    assert!(
        ignored.status.success(),
        "{path} must be ignored, so that `git status` stays clean"
    );
    for (name, _) in pictures() {
        for ext in ["dot", "svg"] {
            let file = format!("output/gallery/{name}.{ext}");
            let tracked = git(&["ls-files", "--error-unmatch", &file]).unwrap();
            assert!(tracked.status.success(), "{file} is committed");
        }
    }
}

#[test]
fn a_skipped_graphviz_test_says_so_and_fails_when_graphviz_is_required() {
    let dir = tempfile::tempdir().unwrap();
    let me = std::env::current_exe().unwrap();
    let child = |require: bool| -> Run {
        let mut cmd = Command::new(&me);
        cmd.args([
            "--exact",
            "gallery_svgs_show_what_their_dot_says",
            "--test-threads",
            "1",
        ])
        .env("PATH", dir.path())
        .env_remove(REQUIRE_GRAPHVIZ)
        .current_dir(root());
        if require {
            cmd.env(REQUIRE_GRAPHVIZ, "1");
        }
        cmd.output().unwrap().into()
    };
    let skipped = child(false);
    assert_eq!(skipped.code, 0, "{}{}", skipped.stdout, skipped.stderr);
    assert!(
        skipped.stderr.contains("SKIPPED gallery_svgs_show_what_their_dot_says"),
        "cargo test shows the skip:\n{}",
        skipped.stderr
    );
    let required = child(true);
    assert_ne!(required.code, 0, "{}", required.stdout);
    assert!(
        format!("{}{}", required.stdout, required.stderr).contains("PARTNET_REQUIRE_GRAPHVIZ is set"),
        "{}{}",
        required.stdout,
        required.stderr
    );
}
