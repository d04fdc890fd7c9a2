//! `partnet diagram`: DOT that Graphviz reads back exactly, hostile names, ego networks,
//! the built-in engine without Graphviz, atomic output files, determinism and the gallery.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::{cmd_in, fixture, graphviz, partnet, root, Run};
use graphviz_rust::dot_structures::{EdgeTy, Id, Stmt, Vertex};
use partnet::drawing::display;

fn data_args(data: &Path) -> Vec<String> {
    vec!["--data".to_string(), data.to_str().unwrap().to_string()]
}

fn run(args: &[String]) -> Run {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    partnet(&args)
}

/// A partnet run with `PATH` set to an empty directory: no Graphviz.
fn without_graphviz(dir: &Path, args: &[&str]) -> Run {
    let empty = dir.join("empty-path");
    std::fs::create_dir_all(&empty).unwrap();
    cmd_in(&root(), args).env("PATH", &empty).output().unwrap().into()
}

fn id_text(id: &Id) -> String {
    match id {
        Id::Html(s) | Id::Escaped(s) | Id::Plain(s) | Id::Anonymous(s) => s.clone(),
    }
}

/// Reads a quoted DOT escString as Graphviz shows it: `\\`, `\"`, `\n` and `\l` escapes, and
/// the `&amp;` partnet writes for `&`.
fn unescape(quoted: &str) -> String {
    let inner = quoted
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or(quoted);
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'l') => out.push('\n'),
                Some(other) => out.push(other),
                None => panic!("dangling backslash in {quoted:?}"),
            }
        } else {
            out.push(c);
        }
    }
    out.replace("&amp;", "&")
}

/// Reads a quoted DOT tooltip as Graphviz shows it. Graphviz reads a tooltip's escapes
/// twice: first `\\`, `\n` (and any `\x` as `x`), then `\\` again and `\N`, `\G`, ...
/// which partnet must never leave in a tooltip.
fn unescape_tooltip(quoted: &str) -> String {
    let inner = quoted
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or(quoted);
    // The DOT lexer: only `\"` is replaced, `\\` stays a pair.
    let mut lexed = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('\\', Some('"')) => {
                lexed.push('"');
                chars.next();
            }
            ('\\', Some('\\')) => {
                lexed.push_str("\\\\");
                chars.next();
            }
            _ => lexed.push(c),
        }
    }
    let mut first = String::new();
    let mut chars = lexed.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            first.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'l' | 'r') => first.push('\n'),
            Some(other) => first.push(other),
            None => panic!("dangling backslash in {quoted:?}"),
        }
    }
    let mut second = String::new();
    let mut chars = first.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            second.push(c);
            continue;
        }
        match chars.next() {
            Some('\\') => second.push('\\'),
            Some(x @ ('N' | 'G' | 'E' | 'H' | 'T' | 'L')) => panic!("Graphviz would replace \\{x} in {quoted:?}"),
            Some(other) => {
                second.push('\\');
                second.push(other);
            }
            None => second.push('\\'),
        }
    }
    second.replace("&amp;", "&")
}

/// Reads XML character references and the five named entities.
fn xml_unescape(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let end = rest[i..].find(';').expect("an entity ends with ;") + i;
        let entity = &rest[i + 1..end];
        out.push(match entity {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let code = match entity.strip_prefix("#x") {
                    Some(hex) => u32::from_str_radix(hex, 16),
                    None => entity.strip_prefix('#').expect("a character reference").parse(),
                };
                char::from_u32(code.unwrap()).unwrap()
            }
        });
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The nodes (by DOT id) and edges of a DOT text, with attributes unescaped.
#[derive(Debug, Default)]
struct Dot {
    nodes: BTreeMap<String, BTreeMap<String, String>>,
    edges: Vec<(String, String, BTreeMap<String, String>)>,
}

fn walk(stmts: &[Stmt], dot: &mut Dot) {
    let attrs = |list: &[graphviz_rust::dot_structures::Attribute]| {
        list.iter()
            .map(|a| {
                let (key, value) = (id_text(&a.0), id_text(&a.1));
                let value = match key.as_str() {
                    "tooltip" | "labeltooltip" => unescape_tooltip(&value),
                    _ => unescape(&value),
                };
                (key, value)
            })
            .collect::<BTreeMap<_, _>>()
    };
    for stmt in stmts {
        match stmt {
            // Nodes named again without attributes (the column of projects) are no new nodes.
            Stmt::Node(n) if !n.attributes.is_empty() => {
                let previous = dot.nodes.insert(id_text(&n.id.0), attrs(&n.attributes));
                assert!(previous.is_none(), "node {:?} defined twice", n.id.0);
            }
            Stmt::Edge(e) => match &e.ty {
                EdgeTy::Pair(Vertex::N(a), Vertex::N(b)) => {
                    dot.edges.push((id_text(&a.0), id_text(&b.0), attrs(&e.attributes)))
                }
                other => panic!("unexpected edge {other:?}"),
            },
            Stmt::Subgraph(s) => walk(&s.stmts, dot),
            _ => {}
        }
    }
}

fn parse_dot(text: &str) -> Dot {
    let graph = graphviz_rust::parse(text).unwrap_or_else(|e| panic!("the DOT does not parse: {e}\n{text}"));
    let mut dot = Dot::default();
    match graph {
        graphviz_rust::dot_structures::Graph::Graph { stmts, .. } => walk(&stmts, &mut dot),
        other => panic!("expected an undirected graph, got {other:?}"),
    }
    dot
}

/// Every entity and project of a dataset file: id -> name.
fn dataset_names(path: &Path) -> BTreeMap<String, String> {
    let data: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut names = BTreeMap::new();
    for list in ["entities", "projects"] {
        for item in data[list].as_array().unwrap() {
            let id = item["id"].as_str().unwrap().to_string();
            names.insert(id, item["name"].as_str().unwrap().to_string());
        }
    }
    names
}

/// Checks the DOT of a whole dataset against `stats` and the dataset's names, and returns
/// it parsed.
fn check_whole_dot(data: &Path) -> (String, Dot) {
    let stats = run(&[data_args(data), vec!["--json".into(), "stats".into()]].concat())
        .ok()
        .json();
    let text = run(&[data_args(data), vec!["diagram".into(), "--format".into(), "dot".into()]].concat())
        .ok()
        .stdout;
    let dot = parse_dot(&text);
    let names = dataset_names(data);
    assert_eq!(dot.nodes.len() as u64, stats["nodes"].as_u64().unwrap(), "node count");
    assert_eq!(dot.edges.len() as u64, stats["edges"].as_u64().unwrap(), "edge count");
    let mut seen = BTreeSet::new();
    for (name, attrs) in &dot.nodes {
        assert!(
            name.starts_with('n') && name[1..].parse::<usize>().is_ok(),
            "node id {name}"
        );
        assert_eq!(&attrs["id"], name, "SVG id of {name}");
        assert!(
            ["entity", "project"].contains(&attrs["class"].as_str()),
            "class of {name}"
        );
        let tooltip = &attrs["tooltip"];
        let (id, real) = names
            .iter()
            .find(|(id, real)| tooltip.starts_with(&format!("{}\nid: {}\n", display(real), display(id))))
            .unwrap_or_else(|| panic!("tooltip of {name} names no node of the data: {tooltip:?}"));
        assert!(seen.insert(id.clone()), "{id:?} drawn twice");
        let label = attrs["label"].replace('\n', " ");
        assert!(
            label.starts_with(&display(real).replace('\n', " ")),
            "label of {id:?}: {label:?} does not show {real:?}"
        );
    }
    assert_eq!(seen.len(), names.len(), "every entity and project is drawn");
    let mut edge_ids = BTreeSet::new();
    for (a, b, attrs) in &dot.edges {
        assert!(
            dot.nodes.contains_key(a) && dot.nodes.contains_key(b),
            "edge {a} -- {b}"
        );
        assert!(
            attrs["id"].starts_with('e') && edge_ids.insert(attrs["id"].clone()),
            "edge id {attrs:?}"
        );
        match attrs["class"].as_str() {
            "link" => {}
            // A tie points from the one that is KIND of the other.
            "tie" => assert!(["forward", "back"].contains(&attrs["dir"].as_str()), "{attrs:?}"),
            other => panic!("edge class {other:?}"),
        }
    }
    (text, dot)
}

/// Lays the DOT out with `dot -Tjson` and checks that Graphviz reads the same nodes, edges
/// and label lines.
fn check_graphviz_reads(text: &str, dot: &Dot) {
    let json: serde_json::Value = serde_json::from_slice(&common::dot_render("json", text)).unwrap();
    let objects = json["objects"].as_array().unwrap();
    let nodes: Vec<&serde_json::Value> = objects
        .iter()
        .filter(|o| o.get("nodes").is_none() && o["name"].as_str().unwrap().starts_with('n'))
        .collect();
    assert_eq!(nodes.len(), dot.nodes.len(), "Graphviz's node count");
    for node in nodes {
        let name = node["name"].as_str().unwrap();
        let drawn: Vec<&str> = node["_ldraw_"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|op| op["op"] == "T")
            .map(|op| op["text"].as_str().unwrap())
            .collect();
        assert_eq!(
            drawn.join("\n"),
            dot.nodes[name]["label"],
            "the label Graphviz draws for {name}"
        );
    }
    let edges = json["edges"].as_array().unwrap();
    assert_eq!(edges.len(), dot.edges.len(), "Graphviz's edge count");
}

#[test]
fn dot_of_the_shipped_data_reads_back_exactly() {
    let (text, dot) = check_whole_dot(&root().join("data/us-japan-2025.json"));
    if graphviz("dot_of_the_shipped_data_reads_back_exactly: the dot -Tjson check") {
        check_graphviz_reads(&text, &dot);
    }
}

#[test]
fn hostile_names_survive_dot_and_svg() {
    for name in ["hostile.json", "hostile-dot.json"] {
        let (text, dot) = check_whole_dot(&fixture(name));
        if !graphviz("hostile_names_survive_dot_and_svg: the Graphviz SVG check") {
            continue;
        }
        check_graphviz_reads(&text, &dot);
        let svg = run(&[
            data_args(&fixture(name)),
            vec!["diagram".into(), "--format".into(), "svg".into()],
        ]
        .concat())
        .ok()
        .stdout;
        assert!(!svg.contains("<script") && !svg.contains("<img"), "markup leaked");
        assert_eq!(svg.matches("<svg").count(), 1, "markup leaked");
        assert!(
            !svg.chars().any(|c| c.is_control() && c != '\n'),
            "control characters in the SVG"
        );
        for (k, attrs) in &dot.nodes {
            let start = svg
                .find(&format!("<g id=\"{k}\" class=\"node {}\">", attrs["class"]))
                .unwrap_or_else(|| panic!("no SVG group for {k}"));
            let title = svg[start..]
                .split("xlink:title=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            assert_eq!(xml_unescape(title), attrs["tooltip"], "tooltip of {k} in the SVG");
        }
    }
    // A name's backslash stays a backslash: Graphviz must not read `\N` as the node name.
    let dot = parse_dot(
        &run(&[
            data_args(&fixture("hostile-dot.json")),
            vec!["diagram".into(), "--format".into(), "dot".into()],
        ]
        .concat())
        .stdout,
    );
    let labels: Vec<&str> = dot.nodes.values().map(|a| a["label"].as_str()).collect();
    for expected in [
        "back\\slash \\N \\G \\l \\\\",
        "\"quoted\" name",
        "first line\nsecond line",
        "tab\\there",
        "東芝 (Toshiba)",
        "{braces} -- [x]; a -- b",
    ] {
        assert!(labels.contains(&expected), "no label {expected:?} in {labels:?}");
    }
    assert!(
        labels.iter().any(|l| l.starts_with("<script>&</script> &amp;")),
        "{labels:?}"
    );
    assert!(labels.iter().any(|l| l.contains("esc\\u{1b}[31m")), "{labels:?}");
}

fn drawn_ids(dot: &Dot) -> BTreeSet<String> {
    dot.nodes
        .values()
        .map(|a| {
            a["tooltip"]
                .split("\nid: ")
                .nth(1)
                .unwrap()
                .split('\n')
                .next()
                .unwrap()
                .to_string()
        })
        .collect()
}

#[test]
fn focus_draws_the_ego_network_and_nothing_else() {
    let dot = parse_dot(
        &partnet(&["diagram", "--focus", "Westinghouse", "--format", "dot"])
            .ok()
            .stdout,
    );
    let ids = drawn_ids(&dot);
    let expected: BTreeSet<String> = [
        "westinghouse",
        "mitsubishi-heavy-industries",
        "toshiba",
        "ihi",
        "us-government",
        "cameco",
        "brookfield-asset-management",
        // Tied to Westinghouse as its 51% owner: a partner at depth 1.
        "brookfield-renewable",
        "westinghouse-ap1000-smr",
        "westinghouse-reactor-term-sheet",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(ids, expected);
    assert!(!ids.contains("carrier") && !ids.contains("panasonic"));
    let ties = dot.edges.iter().filter(|(_, _, a)| a["class"] == "tie").count();
    assert_eq!(
        (dot.edges.len(), ties),
        (11, 3),
        "the links and ties among the drawn nodes"
    );
    // Depth 2 reaches Toshiba's and the US government's other projects.
    let wider = drawn_ids(&parse_dot(
        &partnet(&["diagram", "--focus", "westinghouse", "--depth", "2", "--format", "dot"])
            .ok()
            .stdout,
    ));
    assert!(wider.is_superset(&expected) && wider.contains("portsmouth-ohio-gas-plant"));
    // Filters apply: only the binding term sheet is left.
    let signed = drawn_ids(&parse_dot(
        &partnet(&[
            "--status",
            "term-sheet",
            "diagram",
            "--focus",
            "westinghouse",
            "--format",
            "dot",
        ])
        .ok()
        .stdout,
    ));
    assert!(
        signed.contains("westinghouse-reactor-term-sheet") && !signed.contains("toshiba"),
        "{signed:?}"
    );
}

#[test]
fn path_draws_the_chain_with_its_evidence() {
    let dot = parse_dot(
        &partnet(&["diagram", "--path", "toshiba", "cameco", "--format", "dot"])
            .ok()
            .stdout,
    );
    // Toshiba and Westinghouse share the AP1000 project; Cameco owns 49% of Westinghouse.
    assert_eq!(dot.nodes.len(), 4);
    assert_eq!(dot.edges.len(), 3);
    for (_, _, attrs) in &dot.edges {
        if attrs["class"] == "tie" {
            assert_eq!(attrs["label"], "owner 49%");
        } else {
            assert!(
                attrs["label"].contains(" · ") && attrs["label"].contains('['),
                "{attrs:?}"
            );
        }
        assert!(attrs["tooltip"].contains("sources:"), "{attrs:?}");
    }
    let none = partnet(&["diagram", "--path", "toshiba", "carrier", "--format", "dot"]);
    assert_eq!(none.code, 1);
    assert!(none.stderr.contains("no chain links"), "{}", none.stderr);
}

#[test]
fn projection_links_organisations_by_shared_projects() {
    let dot = parse_dot(
        &partnet(&["diagram", "--projection", "--focus", "westinghouse", "--format", "dot"])
            .ok()
            .stdout,
    );
    assert_eq!(dot.nodes.len(), 8, "organisations only");
    assert!(dot.nodes.values().all(|a| a["class"].starts_with("entity")));
    // Two consortia of four: 6 + 6 pairs; and the 3 ties among the organisations drawn.
    assert_eq!(dot.edges.len(), 15);
    let (ties, shared): (Vec<_>, Vec<_>) = dot.edges.iter().partition(|(_, _, a)| a["class"] == "tie");
    assert_eq!(ties.len(), 3);
    assert!(shared
        .iter()
        .all(|(_, _, a)| a["tooltip"].contains(" — ") && a["tooltip"].contains("\n1 shared project:\n- ")));
}

#[test]
fn builtin_engine_draws_svg_without_graphviz() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("w.svg");
    let run = without_graphviz(
        dir.path(),
        &["diagram", "--focus", "westinghouse", "-o", out.to_str().unwrap()],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("built-in engine"), "{}", run.stderr);
    assert!(run.stderr.contains("apt-get install graphviz") && run.stderr.contains("brew install graphviz"));
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.starts_with("<?xml") && svg.trim_end().ends_with("</svg>"));
    assert_eq!(svg.matches("class=\"node entity").count(), 8);
    assert_eq!(svg.matches("class=\"node entity focus\"").count(), 1);
    assert_eq!(svg.matches("class=\"node project\"").count(), 2);
    assert_eq!(svg.matches("class=\"edge link\"").count(), 8);
    assert_eq!(svg.matches("class=\"edge tie\"").count(), 3);
    assert!(svg.contains("<title>Mitsubishi Heavy Industries&#10;id: mitsubishi-heavy-industries"));
    // Lines carry their labels at their middles, as Graphviz draws them, not only in tooltips.
    for label in ["owner 51%", "owner 49%", "lead · term-sheet", "partner · potential"] {
        assert!(svg.contains(&format!("\">{label}</tspan></text>\n</g>")), "{label}");
    }
    // The same SVG every time.
    let again = dir.path().join("again.svg");
    without_graphviz(
        dir.path(),
        &[
            "diagram",
            "--focus",
            "westinghouse",
            "--engine",
            "builtin",
            "-o",
            again.to_str().unwrap(),
        ],
    );
    assert_eq!(std::fs::read(&again).unwrap(), svg.as_bytes());
    // Hostile names stay text.
    let hostile = dir.path().join("h.svg");
    let h = fixture("hostile-dot.json");
    let run = without_graphviz(
        dir.path(),
        &[
            "--data",
            h.to_str().unwrap(),
            "diagram",
            "--engine",
            "builtin",
            "-o",
            hostile.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let svg = std::fs::read_to_string(&hostile).unwrap();
    assert!(!svg.contains("<script") && !svg.chars().any(|c| c.is_control() && c != '\n'));
    assert!(svg.contains("&lt;script&gt;&amp;&lt;/script&gt; &amp;amp;"));
}

#[test]
fn png_and_pdf_without_graphviz_fail_clearly() {
    let dir = tempfile::tempdir().unwrap();
    for (args, what) in [
        (vec!["-o", "x.png"], "PNG"),
        (vec!["--format", "pdf", "-o", "x.pdf"], "PDF"),
        (vec!["--engine", "graphviz", "-o", "x.svg"], "SVG"),
    ] {
        let target = dir.path().join(args.last().unwrap());
        let mut all = vec!["diagram", "--focus", "westinghouse"];
        all.extend(args.iter().take(args.len() - 1));
        all.push(target.to_str().unwrap());
        let run = without_graphviz(dir.path(), &all);
        assert_eq!(run.code, 1, "{all:?}: {}", run.stderr);
        assert!(run.stderr.contains(&format!("{what} needs Graphviz")), "{}", run.stderr);
        assert!(run.stderr.contains("apt-get install graphviz"), "{}", run.stderr);
        assert!(!run.stderr.contains("No such file"), "{}", run.stderr);
        assert!(!target.exists());
    }
    let run = without_graphviz(dir.path(), &["diagram", "--engine", "builtin", "--format", "png"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("SVG only"), "{}", run.stderr);
}

#[test]
fn output_is_the_same_every_run() {
    for args in [
        vec!["diagram", "--format", "dot"],
        vec!["diagram", "--projection", "--format", "dot"],
        vec![
            "--data",
            "tests/fixtures/hostile-dot.json",
            "diagram",
            "--format",
            "dot",
        ],
        vec![
            "diagram", "--engine", "builtin", "--focus", "hitachi", "--format", "svg",
        ],
    ] {
        let (a, b) = (partnet(&args).ok().stdout, partnet(&args).ok().stdout);
        assert!(a == b, "{args:?} differs between runs");
    }
    if !graphviz("output_is_the_same_every_run: Graphviz's SVG") {
        return;
    }
    for args in [
        vec!["diagram", "--format", "svg"],
        vec!["diagram", "--projection", "--format", "svg"],
        // A frame around a spring model's nodes made Graphviz place them differently each run.
        vec!["diagram", "--projection", "--with-umbrellas", "--format", "svg"],
        vec!["diagram", "--path", "toshiba", "cameco", "--format", "svg"],
    ] {
        let (a, b) = (partnet(&args).ok().stdout, partnet(&args).ok().stdout);
        assert!(a == b, "{args:?} differs between runs");
    }
}

#[test]
fn a_failed_run_leaves_the_existing_file_alone() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("keep.svg");
    std::fs::write(&out, "old").unwrap();
    let o = out.to_str().unwrap();
    for (args, code) in [
        (vec!["diagram", "--max-nodes", "5", "-o", o], 2),
        (vec!["diagram", "--focus", "no-such-company", "-o", o], 1),
        (vec!["diagram", "--path", "toshiba", "carrier", "-o", o], 1),
        (
            vec!["--data", "tests/fixtures/does-not-exist.json", "diagram", "-o", o],
            1,
        ),
    ] {
        let run = partnet(&args);
        assert_eq!(run.code, code, "{args:?}: {}", run.stderr);
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "old", "{args:?}");
    }
    let run = partnet(&["diagram", "--max-nodes", "5", "-o", o]);
    assert!(
        run.stderr.contains("--focus") && run.stderr.contains("--projection"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left"
    );
    // A good run replaces it and says where it wrote.
    let run = partnet(&[
        "--json",
        "diagram",
        "--engine",
        "builtin",
        "--focus",
        "westinghouse",
        "-o",
        o,
    ])
    .ok();
    assert_eq!(run.json()["engine"], "builtin");
    assert_eq!(run.json()["nodes"], 10);
    assert!(std::fs::read_to_string(&out).unwrap().contains("<svg"));
}

#[test]
fn no_arguments_write_output_partnerships_svg() {
    let dir = tempfile::tempdir().unwrap();
    let run: Run = cmd_in(dir.path(), &["diagram"]).output().unwrap().into();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "output/partnerships.svg\n");
    let svg = std::fs::read_to_string(dir.path().join("output/partnerships.svg")).unwrap();
    assert!(svg.contains("<svg") && svg.contains("id=\"n0\""));
    // The extension picks the format; the HTML page embeds the SVG.
    let page = dir.path().join("deep/er/page.html");
    cmd_in(
        dir.path(),
        &["diagram", "--focus", "toshiba", "-o", page.to_str().unwrap()],
    )
    .status()
    .unwrap();
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<svg"));
    let bad = partnet(&["diagram", "-o", "diagram.txt"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("cannot tell the format"), "{}", bad.stderr);
}

/// A dataset of `entities` organisations and `entities / 3` projects, each organisation in
/// one or two of them.
fn big_dataset(dir: &Path, entities: usize) -> PathBuf {
    let projects = entities / 3;
    let mut text = String::from("{\"entities\": [");
    for i in 0..entities {
        text.push_str(&format!(
            "{}{{\"id\": \"e{i}\", \"name\": \"Company {i}\", \"country\": \"{}\"}}",
            if i > 0 { "," } else { "" },
            ["US", "JP", "DE", "KR"][i % 4]
        ));
    }
    text.push_str("], \"projects\": [");
    for p in 0..projects {
        text.push_str(&format!(
            "{}{{\"id\": \"p{p}\", \"name\": \"Project {p}\", \"sector\": \"energy\"}}",
            if p > 0 { "," } else { "" }
        ));
    }
    text.push_str("], \"participations\": [");
    for i in 0..entities {
        let sep = if i > 0 { "," } else { "" };
        text.push_str(&format!(
            "{sep}{{\"entity\": \"e{i}\", \"project\": \"p{}\"}}",
            i % projects
        ));
        if i % 2 == 0 {
            text.push_str(&format!(
                ",{{\"entity\": \"e{i}\", \"project\": \"p{}\"}}",
                (i * 7 + 1) % projects
            ));
        }
    }
    text.push_str("]}");
    let path = dir.join("big.json");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn large_graphs_give_whole_dot_and_refuse_layout() {
    let dir = tempfile::tempdir().unwrap();
    let data = big_dataset(dir.path(), 12_000);
    let d = data.to_str().unwrap();
    let run = partnet(&["--data", d, "diagram", "--format", "dot"]).ok();
    assert_eq!(run.stdout.matches("class=\"entity\"").count(), 12_000);
    assert_eq!(run.stdout.matches("class=\"project\"").count(), 4_000);
    let refused = partnet(&[
        "--data",
        d,
        "diagram",
        "-o",
        dir.path().join("big.svg").to_str().unwrap(),
    ]);
    assert_eq!(refused.code, 2);
    assert!(
        refused.stderr.contains("16000 nodes") && refused.stderr.contains("--focus"),
        "{}",
        refused.stderr
    );
    // The built-in engine stops well before its layout would take minutes.
    let small = big_dataset(dir.path(), 150);
    let builtin = partnet(&[
        "--data",
        small.to_str().unwrap(),
        "diagram",
        "--engine",
        "builtin",
        "--format",
        "svg",
    ]);
    assert_eq!(builtin.code, 2);
    assert!(builtin.stderr.contains("at most 150"), "{}", builtin.stderr);
}

#[test]
fn graphviz_lays_out_a_thousand_nodes_with_sfdp() {
    if !graphviz("graphviz_lays_out_a_thousand_nodes_with_sfdp") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = big_dataset(dir.path(), 900);
    let out = dir.path().join("big.svg");
    let run = partnet(&[
        "--data",
        data.to_str().unwrap(),
        "diagram",
        "--max-nodes",
        "2000",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(&out)
            .unwrap()
            .matches("class=\"node entity\"")
            .count(),
        900
    );
}

/// `--since D`: what is new or changed since D is green and classed `new`, with a legend
/// entry, in the DOT and in both engines' SVG (issue 17).
#[test]
fn since_marks_what_is_new_in_dot_and_svg() {
    let data = fixture("history.json");
    let mut args = data_args(&data);
    args.extend(["diagram", "--since", "2025-12-31", "--format", "dot"].map(String::from));
    let text = run(&args).ok().stdout;
    let dot = parse_dot(&text);
    let class_of = |id: &str| {
        let names = dataset_names(&data);
        let name = &names[id];
        let (_, attrs) = dot
            .nodes
            .iter()
            .find(|(_, a)| a["tooltip"].starts_with(&format!("{name}\n")))
            .unwrap_or_else(|| panic!("{id} is drawn"));
        attrs["class"].clone()
    };
    assert_eq!(class_of("gamma"), "entity new");
    assert_eq!(class_of("port"), "project new");
    assert_eq!(
        class_of("alpha"),
        "entity",
        "alpha was known before: its link moved, not it"
    );
    let new_edges: Vec<&str> = dot
        .edges
        .iter()
        .filter(|(_, _, a)| a["class"] == "link new")
        .map(|(_, _, a)| a["tooltip"].split('\n').next().unwrap())
        .collect();
    assert_eq!(
        new_edges,
        [
            "Alpha Heavy — Coastal plant",
            "Beta Power — Coastal plant",
            "Gamma Ports — Deepwater port"
        ],
        "the added link and the two whose status moved (agreed in February, cancelled in May)"
    );
    assert!(
        dot.edges
            .iter()
            .filter(|(_, _, a)| a["class"] == "link new")
            .all(|(_, _, a)| a["color"] == "#1a9850"),
        "new lines are green"
    );
    assert!(
        text.contains("new or changed since 2025-12-31 (5)"),
        "the legend says so"
    );
    let plain = {
        let mut args = data_args(&data);
        args.extend(["diagram", "--format", "dot"].map(String::from));
        run(&args).ok().stdout
    };
    assert!(
        !plain.contains(" new\"") && !plain.contains("new or changed"),
        "no --since, no marks"
    );

    let dir = tempfile::tempdir().unwrap();
    let mut engines = vec!["builtin"];
    if graphviz("since_marks_what_is_new_in_dot_and_svg: Graphviz's SVG") {
        engines.push("graphviz");
    }
    for engine in engines {
        let out = dir.path().join(format!("{engine}.svg"));
        let mut args = data_args(&data);
        args.extend(
            [
                "diagram",
                "--since",
                "2025-12-31",
                "--engine",
                engine,
                "-o",
                out.to_str().unwrap(),
            ]
            .map(String::from),
        );
        run(&args).ok();
        let svg = common::parse_svg(&std::fs::read_to_string(&out).unwrap());
        let new_nodes = svg.nodes.iter().filter(|(_, class, _)| class.ends_with(" new")).count();
        let new_edges = svg.edges.iter().filter(|(_, class, _)| class.ends_with(" new")).count();
        assert_eq!((new_nodes, new_edges), (2, 3), "{engine}");
        assert!(
            svg.texts
                .iter()
                .any(|t| t.contains("new or changed since 2025-12-31 (5)")),
            "{engine}: the legend"
        );
    }
    // A date after everything: nothing marked, and said so.
    let mut args = data_args(&data);
    args.extend(["diagram", "--since", "2027-01-01", "--format", "dot"].map(String::from));
    let late = run(&args).ok();
    assert!(
        late.stderr
            .contains("note: nothing in this diagram is new or changed since 2027-01-01"),
        "{}",
        late.stderr
    );
}

/// Toyota owns 20% of Denso and Denso 5% of Toyota: two arrows, each share beside its
/// own direction, not one arrow from Toyota labelled with both.
#[test]
fn a_cross_holding_is_drawn_as_two_arrows() {
    let data = fixture("cross-holding.json");
    let text = run(&[
        data_args(&data),
        ["diagram", "--format", "dot"].map(String::from).to_vec(),
    ]
    .concat())
    .ok()
    .stdout;
    let dot = parse_dot(&text);
    let name = |n: &str| dot.nodes[n]["label"].clone();
    let mut ties: Vec<(String, String, String)> = dot
        .edges
        .iter()
        .filter(|(_, _, attrs)| attrs["class"] == "tie")
        .map(|(a, b, attrs)| {
            let (from, to) = match attrs["dir"].as_str() {
                "forward" => (a, b),
                "back" => (b, a),
                other => panic!("dir {other:?}"),
            };
            (name(from), name(to), attrs["label"].clone())
        })
        .collect();
    ties.sort();
    assert_eq!(
        ties,
        [
            ("Denso".to_string(), "Toyota Motor".to_string(), "owner 5%".to_string()),
            ("Toyota Motor".to_string(), "Denso".to_string(), "owner 20%".to_string()),
        ],
        "{text}"
    );
}

/// `--projection --since D`: a line is new when its earliest evidence, the shared
/// projects, came after D. Toshiba and Hitachi share only the Portsmouth plant (reported
/// 2026-02-17); Toshiba and IHI share the AP1000 programme, reported before.
#[test]
fn a_projected_line_first_reported_since_d_is_new() {
    let args = ["diagram", "--projection", "--since", "2025-12-31", "--format", "dot"];
    let text = partnet(&args).ok().stdout;
    let dot = parse_dot(&text);
    let class_of = |pair: &str| {
        dot.edges
            .iter()
            .find(|(_, _, a)| a["tooltip"].starts_with(&format!("{pair}\n")))
            .map(|(_, _, a)| (a["class"].clone(), a["color"].clone()))
            .unwrap_or_else(|| panic!("{pair} is drawn: {text}"))
    };
    assert_eq!(
        class_of("Hitachi — Toshiba"),
        ("shared new".to_string(), "#1a9850".to_string())
    );
    assert_eq!(
        class_of("IHI Corporation — Toshiba"),
        ("shared".to_string(), "#4d4d4d".to_string())
    );
}

/// `diagram --since` after `--as-of` is the usage error `changes` calls it, not a note.
#[test]
fn diagram_since_after_as_of_is_a_usage_error_as_in_changes() {
    for command in [
        &["changes", "--since", "2026-01-01"][..],
        &["diagram", "--since", "2026-01-01", "--format", "dot"],
    ] {
        let out = partnet(&[&["--as-of", "2025-12-31"], command].concat());
        assert_eq!(out.code, 2, "{command:?}: {}", out.stderr);
        assert!(
            out.stderr
                .starts_with("error: --since 2026-01-01 is after --as-of 2025-12-31"),
            "{}",
            out.stderr
        );
        assert!(out.stdout.is_empty());
    }
}

/// `--size` is in inches: 800x600 typed as pixels would be a PNG Graphviz cannot render
/// (cut down to 32767 pixels after 40 seconds and gigabytes). It is refused at once, with
/// the limit and the size in inches meant.
#[test]
fn a_png_size_past_what_graphviz_renders_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sz.png");
    for (size, dpi, help) in [
        ("800x600", "96", "give --size 8.33x6.25"),
        ("1000x1000", "144", "give --size 6.94x6.94"),
    ] {
        let out = partnet(&["diagram", "--size", size, "--dpi", dpi, "-o", file.to_str().unwrap()]);
        assert_eq!(out.code, 2, "{}", out.stderr);
        assert!(
            out.stderr.contains(&format!("--size {size} is in inches")),
            "{}",
            out.stderr
        );
        assert!(
            out.stderr.contains("more than the 32767 per side Graphviz can render"),
            "{}",
            out.stderr
        );
        assert!(out.stderr.contains(help), "{}", out.stderr);
        assert!(!file.exists());
    }
}

/// A 2,000-character name is cut in the label (the tooltip keeps it whole): it made a
/// drawing thousands of pixels wide.
#[test]
fn a_very_long_name_is_shortened_in_the_label() {
    let name = "Very long name ".repeat(140);
    let data = serde_json::json!({
        "entities": [{"id": "a", "name": name}, {"id": "b", "name": "B"}],
        "projects": [{"id": "p", "name": "P"}],
        "participations": [{"entity": "a", "project": "p"}, {"entity": "b", "project": "p"}]
    });
    let text = common::with_data(&data.to_string(), &["diagram", "--format", "dot"])
        .ok()
        .stdout;
    let dot = parse_dot(&text);
    let node = dot
        .nodes
        .values()
        .find(|a| a["tooltip"].starts_with("Very long"))
        .unwrap();
    let label = node["label"].replace('\n', " ");
    assert!(label.ends_with('…') && label.chars().count() <= 100, "{label}");
    assert!(name.starts_with(label.trim_end_matches('…')), "{label}");
    assert!(
        node["tooltip"].starts_with(name.trim_end()),
        "the tooltip keeps the name"
    );
}

/// The legend lists exactly the styles drawn, each explained: partners that are all
/// "reported" get no entry for leads or for interest, and grey is told from black.
#[test]
fn the_legend_lists_exactly_the_styles_drawn() {
    let legend = |data: &str| {
        let text = common::with_data(data, &["diagram", "--format", "dot"]).ok().stdout;
        text.lines().nth(1).unwrap().to_string()
    };
    let reported = legend(
        r#"{"entities": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}], "projects": [{"id": "p", "name": "P"}],
        "participations": [{"entity": "a", "project": "p"}, {"entity": "b", "project": "p"}]}"#,
    );
    assert!(
        reported.contains(">medium line: partner<") && reported.contains(">grey: reported<"),
        "{reported}"
    );
    for absent in ["lead", "interested", "arrow", "black"] {
        assert!(!reported.contains(absent), "{absent}: {reported}");
    }
    let mixed = legend(
        r#"{"entities": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}, {"id": "c", "name": "C"}],
        "projects": [{"id": "p", "name": "P"}, {"id": "q", "name": "Q"}],
        "participations": [{"entity": "a", "project": "p", "role": "lead", "status": "proposed"},
          {"entity": "b", "project": "p", "status": "memorandum"}, {"entity": "c", "project": "q", "status": "agreed"},
          {"entity": "a", "project": "q", "role": "supplier", "status": "selected"}],
        "ties": [{"from": "a", "to": "b", "kind": "owner", "share": 10}]}"#,
    );
    for entry in [
        ">thick line: lead<",
        ">thin line: supplier<",
        ">grey: proposed, memorandum<",
        ">black: selected, agreed<",
        ">purple arrow: owner of the one it points to<",
        r##"<FONT COLOR="#7b3294">─▶</FONT>"##,
    ] {
        assert!(mixed.contains(entry), "{entry}: {mixed}");
    }
}
