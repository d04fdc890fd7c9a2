//! Diagrams ready for an article: resolution and size, titles and source credits, emphasis,
//! readable projections, the layout engines and Japanese text.
//!
//! Tests that need Graphviz skip visibly without it (see `common::skip`), unless
//! PARTNET_REQUIRE_GRAPHVIZ is set, as .ci/run does.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use common::{cmd_in, graphviz, parse_svg, partnet, root, skip, Run, REQUIRE_GRAPHVIZ};

fn run(dir: &Path, args: &[&str]) -> Run {
    cmd_in(dir, args).output().expect("partnet runs").into()
}

/// Writes a dataset into `dir` and returns its path.
fn dataset(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

/// Width and height of a PNG, from its header.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG");
    let at = |i: usize| u32::from_be_bytes(bytes[i..i + 4].try_into().unwrap());
    (at(16), at(20))
}

/// The DOT's nodes: dataset id (from the tooltip's `id:` line) -> (DOT id, class).
fn dot_nodes(dot: &str) -> BTreeMap<String, (String, String)> {
    let mut nodes = BTreeMap::new();
    for line in dot.lines().map(str::trim) {
        let Some((name, rest)) = line.split_once("[id=\"") else {
            continue;
        };
        if name.contains(' ') || !name.starts_with('n') {
            continue;
        }
        let class = rest.split("class=\"").nth(1).unwrap().split('"').next().unwrap();
        let id = rest.split("\\nid: ").nth(1).unwrap().split("\\n").next().unwrap();
        nodes.insert(id.to_string(), (name.to_string(), class.to_string()));
    }
    nodes
}

/// The dataset ids drawn heavier in a DOT.
fn focused(dot: &str) -> BTreeSet<String> {
    dot_nodes(dot)
        .into_iter()
        .filter(|(_, (_, class))| class.ends_with(" focus"))
        .map(|(id, _)| id)
        .collect()
}

fn ok_stdout(dir: &Path, args: &[&str]) -> String {
    run(dir, args).ok().stdout
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn png_resolution_follows_dpi() {
    let dir = tempfile::tempdir().unwrap();
    let refused = run(dir.path(), &["diagram", "--dpi", "300", "--format", "svg"]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(
        refused.stderr.contains("--dpi applies to PNG and PDF"),
        "{}",
        refused.stderr
    );
    assert_eq!(run(dir.path(), &["diagram", "--dpi", "5", "--format", "png"]).code, 2);
    if !graphviz("png_resolution_follows_dpi") {
        return;
    }
    let root = root();
    let png = |name: &str, extra: &[&str]| {
        let out = dir.path().join(name);
        let mut args = vec!["diagram", "--focus", "westinghouse", "-o", out.to_str().unwrap()];
        args.extend_from_slice(extra);
        run(&root, &args).ok();
        png_size(&std::fs::read(&out).unwrap())
    };
    let (w96, h96) = png("96.png", &["--dpi", "96"]);
    let (w288, h288) = png("288.png", &["--dpi", "288"]);
    let (w, _) = png("default.png", &[]);
    let ratio = |a: u32, b: u32| a as f64 / b as f64;
    assert!((ratio(w288, w96) - 3.0).abs() < 0.02, "{w288} / {w96}");
    assert!((ratio(h288, h96) - 3.0).abs() < 0.02, "{h288} / {h96}");
    // The default for a web article: 144 dpi, one and a half times Graphviz's own 96.
    assert!((ratio(w, w96) - 1.5).abs() < 0.02, "{w} / {w96}");
}

#[test]
fn size_scales_the_drawing_to_fit() {
    let dir = tempfile::tempdir().unwrap();
    for bad in ["0x3", "4", "axb", "-1x2", "4x", "inf x 2", "2000x1"] {
        let refused = run(dir.path(), &["diagram", &format!("--size={bad}"), "--format", "dot"]);
        assert_eq!(refused.code, 2, "--size {bad}");
        assert!(refused.stderr.contains("is not a size"), "{}", refused.stderr);
    }
    let dot = ok_stdout(dir.path(), &["diagram", "--size", "4x3", "--format", "dot"]);
    assert!(dot.lines().nth(1).unwrap().contains(" size=\"4,3!\""), "{dot:.300}");
    // The built-in engine fits its SVG into the size too (in points: 72 an inch).
    let svg = ok_stdout(
        dir.path(),
        &[
            "diagram",
            "--focus",
            "westinghouse",
            "--size",
            "4x3",
            "--engine",
            "builtin",
            "--format",
            "svg",
        ],
    );
    let dim = |name: &str| -> f64 {
        let at = svg.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        svg[at..].split("pt\"").next().unwrap().parse().unwrap()
    };
    let (w, h) = (dim("width"), dim("height"));
    assert!(w <= 288.5 && h <= 216.5 && (w >= 287.5 || h >= 215.5), "{w} x {h}");
    if !graphviz("size_scales_the_drawing_to_fit") {
        return;
    }
    let out = dir.path().join("small.png");
    run(
        &root(),
        &[
            "diagram",
            "--focus",
            "westinghouse",
            "--size",
            "4x3",
            "--dpi",
            "100",
            "-o",
            out.to_str().unwrap(),
        ],
    )
    .ok();
    let (w, h) = png_size(&std::fs::read(&out).unwrap());
    // Graphviz fits the drawing in 4 x 3 inches at 100 dpi, with a pixel or two of rounding.
    assert!(w <= 402 && h <= 302 && (w >= 398 || h >= 298), "{w} x {h}");
}

/// The texts of an SVG diagram made by `args`, with the built-in engine and, if installed,
/// Graphviz; each joined with spaces.
fn svg_texts(args: &[&str], test: &str) -> Vec<String> {
    let mut all = Vec::new();
    let mut engines = vec!["builtin"];
    if graphviz(test) {
        engines.push("graphviz");
    }
    for engine in engines {
        let mut full = args.to_vec();
        full.extend(["--engine", engine, "--format", "svg"]);
        let svg = parse_svg(&partnet(&full).ok().stdout);
        assert_eq!(svg.svgs, 1, "{engine}: one svg element");
        assert!(svg.active.is_empty(), "{engine}: {:?}", svg.active);
        all.push(svg.texts.join("\n"));
    }
    all
}

/// Publishers (split at `;`) and reader-written dates of the sources that the drawn
/// projects and links cite, found through `export --format json` of the same focus.
fn cited_publishers(focus: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let graph = partnet(&["export", "--format", "json", "--focus", focus]).ok().json();
    let data: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("data/us-japan-2025.json")).unwrap()).unwrap();
    let mut cited = BTreeSet::new();
    for item in graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .chain(graph["links"].as_array().unwrap())
    {
        for s in item["sources"].as_array().into_iter().flatten() {
            cited.insert(s.as_str().unwrap().to_string());
        }
    }
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let (mut publishers, mut dates) = (BTreeSet::new(), BTreeSet::new());
    for s in data["sources"].as_array().unwrap() {
        if !cited.contains(s["id"].as_str().unwrap()) {
            continue;
        }
        for p in s["publisher"].as_str().unwrap().split(';') {
            publishers.insert(p.trim().to_string());
        }
        if let Some(date) = s["date"].as_str().filter(|d| d.len() == 10) {
            let (m, d) = (date[5..7].parse::<usize>().unwrap(), date[8..].parse::<u32>().unwrap());
            dates.insert(format!("{d} {}", months[m - 1]));
        }
    }
    (publishers, dates)
}

#[test]
fn titles_say_what_is_drawn_and_credits_name_its_sources() {
    let (publishers, dates) = cited_publishers("westinghouse");
    assert!(publishers.len() >= 2 && publishers.len() <= 6, "{publishers:?}");
    for texts in svg_texts(&["diagram", "--focus", "westinghouse"], "titles_say_what_is_drawn") {
        let first = texts.lines().next().unwrap();
        assert_eq!(first, "Westinghouse and its partners");
        assert!(texts.contains("8 organisations · 2 projects · 11 links"), "{texts}");
        let footnote = texts.split("Sources: ").nth(1).expect("a footnote").replace('\n', " ");
        for p in &publishers {
            assert!(footnote.contains(p.as_str()), "{p:?} not credited in {footnote:?}");
        }
        for d in &dates {
            assert!(footnote.contains(d.as_str()), "{d:?} not in {footnote:?}");
        }
        assert!(texts.lines().any(|l| l == "Drawn with partnet"), "{texts}");
    }
    for texts in svg_texts(&["diagram", "--path", "toshiba", "cameco"], "titles_say_what_is_drawn") {
        assert_eq!(texts.lines().next().unwrap(), "How Toshiba and Cameco are linked");
    }
    // The whole programme is named after the one programme most projects are part of.
    let data: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("data/us-japan-2025.json")).unwrap()).unwrap();
    let parent = data["projects"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|p| p["part_of"].as_str())
        .unwrap();
    let name = data["projects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == parent)
        .unwrap()["name"]
        .as_str()
        .unwrap();
    let texts = &svg_texts(&["diagram"], "titles_say_what_is_drawn")[0];
    assert_eq!(texts.lines().next().unwrap(), format!("{name}: projects and partners"));

    for texts in svg_texts(
        &[
            "diagram",
            "--focus",
            "toshiba",
            "--title",
            "Toshiba's bets",
            "--caption",
            "",
            "--no-credits",
        ],
        "titles_say_what_is_drawn",
    ) {
        assert_eq!(texts.lines().next().unwrap(), "Toshiba's bets");
        assert!(
            !texts.contains("organisations ·"),
            "--caption \"\" drops the counts: {texts}"
        );
        assert!(
            !texts.contains("Sources:") && !texts.contains("Drawn with partnet"),
            "{texts}"
        );
    }
    for texts in svg_texts(
        &["diagram", "--focus", "toshiba", "--caption", "A line of my own"],
        "titles_say_what_is_drawn",
    ) {
        assert!(texts.lines().nth(1) == Some("A line of my own"), "{texts}");
        assert!(texts.contains("Sources: "), "{texts}");
    }
}

const HOSTILE_DATA: &str = r#"{
  "sources": [
    {"id": "s1", "title": "t", "publisher": "<b onmouseover=\"x()\">Evil & Co</b>; \\N Wire", "date": "2025-10-28"},
    {"id": "s2", "title": "</svg><svg onload=alert(3)>", "date": "2026-02"}
  ],
  "entities": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
  "projects": [{"id": "p", "name": "P", "sources": ["s2"]}],
  "participations": [
    {"entity": "a", "project": "p", "sources": ["s1"]},
    {"entity": "b", "project": "p", "sources": ["s1"]}
  ]
}"#;

#[test]
fn hostile_titles_and_credits_are_data() {
    let dir = tempfile::tempdir().unwrap();
    let data = dataset(dir.path(), "hostile.json", HOSTILE_DATA);
    let title = "<script>alert(1)</script> & \"quotes\" \\N \\\\ {braces} ]; -- x";
    let caption = "</svg><svg onload=alert(2)> &amp; \t tab";
    let args = [
        "--data",
        data.as_str(),
        "diagram",
        "--title",
        title,
        "--caption",
        caption,
    ];
    // DOT: Graphviz-rust reads it back, and the same input gives the same bytes.
    let mut dot_args = args.to_vec();
    dot_args.extend(["--format", "dot"]);
    let dot = ok_stdout(dir.path(), &dot_args);
    assert_eq!(dot, ok_stdout(dir.path(), &dot_args), "deterministic");
    graphviz_rust::parse(&dot).unwrap_or_else(|e| panic!("the DOT does not parse: {e}\n{dot}"));
    let heading = dot.split("label=<").nth(1).unwrap().split("> labelloc").next().unwrap();
    assert!(
        heading.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;")
            && !heading.contains("<script"),
        "the heading's HTML escapes the title: {heading}"
    );
    let mut engines = vec!["builtin"];
    if graphviz("hostile_titles_and_credits_are_data") {
        engines.push("graphviz");
    }
    for engine in engines {
        let mut full = args.to_vec();
        full.extend(["--engine", engine, "--format", "svg"]);
        let svg_text = ok_stdout(dir.path(), &full);
        let svg = parse_svg(&svg_text);
        assert_eq!(svg.svgs, 1, "{engine}: markup leaked");
        assert!(svg.active.is_empty(), "{engine}: {:?}", svg.active);
        assert!(svg.texts.iter().any(|t| t == title), "{engine}: {:?}", svg.texts);
        assert!(
            svg.texts
                .iter()
                .any(|t| t == "</svg><svg onload=alert(2)> &amp; \\t tab"),
            "{engine}: {:?}",
            svg.texts
        );
        let footnote = svg.texts.join(" ");
        assert!(
            footnote.contains("<b onmouseover=\"x()\">Evil & Co</b>, 28 Oct 2025")
                && footnote.contains("\\N Wire, 28 Oct 2025")
                && footnote.contains("</svg><svg onload=alert(3)>, Feb 2026"),
            "{engine}: {footnote}"
        );
    }
}

#[test]
fn focus_path_ends_and_highlights_are_drawn_heavier() {
    let root = root();
    let dot = |args: &[&str]| {
        let mut all = vec!["diagram"];
        all.extend_from_slice(args);
        all.extend(["--format", "dot"]);
        ok_stdout(&root, &all)
    };
    assert_eq!(focused(&dot(&["--focus", "westinghouse"])), set(&["westinghouse"]));
    assert_eq!(
        focused(&dot(&["--path", "toshiba", "cameco"])),
        set(&["toshiba", "cameco"])
    );
    assert_eq!(
        focused(&dot(&[
            "--focus",
            "westinghouse",
            "--highlight",
            "Toshiba",
            "--highlight",
            "IHI"
        ])),
        set(&["westinghouse", "toshiba", "ihi"])
    );
    assert_eq!(focused(&dot(&["--highlight", "cameco"])), set(&["cameco"]));
    assert!(focused(&dot(&[])).is_empty());
    // A node the diagram does not draw cannot be highlighted.
    let missing = run(
        &root,
        &[
            "diagram",
            "--focus",
            "westinghouse",
            "--highlight",
            "carrier",
            "--format",
            "dot",
        ],
    );
    assert_eq!(missing.code, 2, "{}", missing.stderr);
    assert!(
        missing.stderr.contains("\"carrier\" is not in this diagram"),
        "{}",
        missing.stderr
    );
    // In the SVG, each engine carries the class: Graphviz copies it after its own "node".
    let nodes = dot_nodes(&dot(&["--focus", "westinghouse"]));
    let expected = &nodes["westinghouse"].0;
    let mut engines = vec!["builtin"];
    if graphviz("focus_path_ends_and_highlights_are_drawn_heavier") {
        engines.push("graphviz");
    }
    for engine in engines {
        let svg = parse_svg(&ok_stdout(
            &root,
            &[
                "diagram",
                "--focus",
                "westinghouse",
                "--engine",
                engine,
                "--format",
                "svg",
            ],
        ));
        let heavy: Vec<&str> = svg
            .nodes
            .iter()
            .filter(|(_, class, _)| class == "node entity focus")
            .map(|(id, _, _)| id.as_str())
            .collect();
        assert_eq!(heavy, [expected.as_str()], "{engine}");
        assert!(
            svg.texts.iter().any(|t| t == "in focus"),
            "{engine}: the legend says what heavy means"
        );
        let plain = parse_svg(&ok_stdout(&root, &["diagram", "--engine", engine, "--format", "svg"]));
        assert!(
            !plain.texts.iter().any(|t| t == "in focus"),
            "{engine}: no focus, no legend entry"
        );
    }
}

/// Pairs of organisations sharing at least `k` projects, worked out from a dataset's JSON
/// the plain way: (id, id) -> shared project names, umbrellas (projects others name in
/// `part_of`) left out unless `umbrellas`.
fn expected_pairs(data: &serde_json::Value, k: usize, umbrellas: bool) -> BTreeMap<(String, String), Vec<String>> {
    let projects = data["projects"].as_array().unwrap();
    let parents: BTreeSet<&str> = projects.iter().filter_map(|p| p["part_of"].as_str()).collect();
    let name: BTreeMap<&str, &str> = projects
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p["name"].as_str().unwrap()))
        .collect();
    let mut members: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for link in data["participations"].as_array().unwrap() {
        let project = link["project"].as_str().unwrap();
        if umbrellas || !parents.contains(project) {
            members
                .entry(project)
                .or_default()
                .insert(link["entity"].as_str().unwrap());
        }
    }
    let mut pairs: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for (project, orgs) in &members {
        for a in orgs {
            for b in orgs {
                if a < b {
                    pairs
                        .entry((a.to_string(), b.to_string()))
                        .or_default()
                        .push(name[project].to_string());
                }
            }
        }
    }
    pairs.retain(|_, shared| shared.len() >= k);
    pairs
}

/// The lines of a projection's DOT: (id, id) -> (label, tooltip), ids from the nodes.
fn drawn_pairs(dot: &str) -> BTreeMap<(String, String), (String, String)> {
    let by_name: BTreeMap<String, String> = dot_nodes(dot).into_iter().map(|(id, (name, _))| (name, id)).collect();
    let mut pairs = BTreeMap::new();
    for line in dot.lines().map(str::trim) {
        let Some((ends, attrs)) = line.split_once(" [id=\"o") else {
            continue;
        };
        let (a, b) = ends.split_once(" -- ").unwrap();
        let (a, b) = (by_name[a].clone(), by_name[b].clone());
        let value = |key: &str| {
            attrs
                .split(&format!(" {key}=\""))
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .to_string()
        };
        pairs.insert((a.clone().min(b.clone()), a.max(b)), (value("label"), value("tooltip")));
    }
    pairs
}

fn check_projection(dir: &Path, data_path: &str, data: &serde_json::Value) {
    for umbrellas in [false, true] {
        for k in 1..=3 {
            let k_text = k.to_string();
            let mut args = vec!["--data", data_path, "diagram", "--projection", "--min-shared", &k_text];
            if umbrellas {
                args.push("--with-umbrellas");
            }
            args.extend(["--format", "dot"]);
            let dot = ok_stdout(dir, &args);
            let expected = expected_pairs(data, k, umbrellas);
            let drawn = drawn_pairs(&dot);
            assert_eq!(
                drawn.keys().collect::<Vec<_>>(),
                expected.keys().collect::<Vec<_>>(),
                "--min-shared {k}, umbrellas {umbrellas}"
            );
            for (pair, shared) in &expected {
                let (label, tooltip) = &drawn[pair];
                assert_eq!(label, &shared.len().to_string(), "the label counts the shared projects");
                for name in shared {
                    assert!(tooltip.contains(&format!("\\n- {name}")), "{tooltip} lists {name}");
                }
            }
            // Past one shared project, organisations without a line are left out.
            let orgs = dot_nodes(&dot).len();
            let entities = data["entities"].as_array().unwrap().len();
            if k == 1 {
                assert_eq!(orgs, entities);
            } else {
                let paired: BTreeSet<&String> = expected.keys().flat_map(|(a, b)| [a, b]).collect();
                assert_eq!(orgs, paired.len(), "--min-shared {k}");
            }
        }
    }
}

#[test]
fn projection_keeps_pairs_sharing_enough_projects_and_leaves_umbrellas_out() {
    let dir = tempfile::tempdir().unwrap();
    let text = r#"{
      "entities": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}, {"id": "c", "name": "C"},
                   {"id": "d", "name": "D"}, {"id": "e", "name": "E"}],
      "projects": [{"id": "u", "name": "Umbrella"}, {"id": "p1", "name": "P1", "part_of": "u"},
                   {"id": "p2", "name": "P2", "part_of": "u"}, {"id": "p3", "name": "P3"},
                   {"id": "p4", "name": "P4"}],
      "participations": [
        {"entity": "a", "project": "u"}, {"entity": "b", "project": "u"}, {"entity": "c", "project": "u"},
        {"entity": "d", "project": "u"}, {"entity": "a", "project": "p1"}, {"entity": "b", "project": "p1"},
        {"entity": "a", "project": "p2"}, {"entity": "b", "project": "p2"}, {"entity": "b", "project": "p3"},
        {"entity": "c", "project": "p3"}, {"entity": "c", "project": "p4"}, {"entity": "b", "project": "p4"},
        {"entity": "e", "project": "p4"}
      ]
    }"#;
    let path = dataset(dir.path(), "u.json", text);
    check_projection(dir.path(), &path, &serde_json::from_str(text).unwrap());
    let shipped = root().join("data/us-japan-2025.json");
    let data = serde_json::from_str(&std::fs::read_to_string(&shipped).unwrap()).unwrap();
    check_projection(dir.path(), shipped.to_str().unwrap(), &data);
    // An empty projection says why.
    let empty = run(
        dir.path(),
        &[
            "--data",
            shipped.to_str().unwrap(),
            "diagram",
            "--projection",
            "--min-shared",
            "3",
            "--format",
            "dot",
        ],
    )
    .ok();
    assert!(
        empty.stderr.contains("no two organisations share 3 projects"),
        "{}",
        empty.stderr
    );
    let refused = run(dir.path(), &["diagram", "--min-shared", "2", "--format", "dot"]);
    assert_eq!(refused.code, 2, "--min-shared needs --projection");
}

#[test]
fn layout_picks_the_graphviz_engine() {
    let root = root();
    let engine_of = |args: &[&str]| {
        let mut all = vec!["diagram"];
        all.extend_from_slice(args);
        all.extend(["--format", "dot"]);
        let dot = ok_stdout(&root, &all);
        dot.lines()
            .nth(1)
            .unwrap()
            .split("layout=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_string()
    };
    assert_eq!(engine_of(&[]), "dot");
    assert_eq!(engine_of(&["--projection"]), "neato");
    assert_eq!(engine_of(&["--projection", "--cluster", "country"]), "fdp");
    for engine in ["dot", "neato", "fdp", "sfdp"] {
        assert_eq!(engine_of(&["--layout", engine]), engine);
    }
    let refused = run(
        &root,
        &["diagram", "--layout", "neato", "--engine", "builtin", "--format", "svg"],
    );
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    if !graphviz("layout_picks_the_graphviz_engine") {
        return;
    }
    let nodes = dot_nodes(&ok_stdout(&root, &["diagram", "--focus", "hitachi", "--format", "dot"]));
    for engine in ["dot", "neato", "fdp", "sfdp"] {
        let svg = parse_svg(&ok_stdout(
            &root,
            &["diagram", "--focus", "hitachi", "--layout", engine, "--format", "svg"],
        ));
        let ids: BTreeSet<&str> = svg.nodes.iter().map(|(id, _, _)| id.as_str()).collect();
        let expected: BTreeSet<&str> = nodes.values().map(|(name, _)| name.as_str()).collect();
        assert_eq!(ids, expected, "--layout {engine} draws every node");
    }
}

/// Graphviz's -Tjson layout of a DOT text.
fn layout_json(dot: &str) -> serde_json::Value {
    serde_json::from_slice(&common::dot_render("json", dot)).unwrap()
}

#[test]
fn one_link_organisations_sit_right_of_the_projects_and_credits_at_the_bottom() {
    if !graphviz("one_link_organisations_sit_right_of_the_projects") {
        return;
    }
    let dot = ok_stdout(&root(), &["diagram", "--format", "dot"]);
    let json = layout_json(&dot);
    let objects = json["objects"].as_array().unwrap();
    let x_of: BTreeMap<usize, f64> = objects
        .iter()
        .filter_map(|o| {
            let pos = o.get("pos")?.as_str()?;
            Some((o["_gvid"].as_u64()? as usize, pos.split(',').next()?.parse().ok()?))
        })
        .collect();
    let class = |i: usize| objects[i]["class"].as_str().unwrap_or("").to_string();
    let mut degree: BTreeMap<usize, usize> = BTreeMap::new();
    let edges: Vec<(usize, usize)> = json["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["tail"].as_u64().unwrap() as usize,
                e["head"].as_u64().unwrap() as usize,
            )
        })
        .collect();
    for &(a, b) in &edges {
        *degree.entry(a).or_default() += 1;
        *degree.entry(b).or_default() += 1;
    }
    let (mut right, mut left) = (0, 0);
    for &(a, b) in &edges {
        let (org, project) = if class(a).starts_with("entity") { (a, b) } else { (b, a) };
        if degree[&org] == 1 {
            assert!(
                x_of[&org] > x_of[&project],
                "{} right of its project",
                objects[org]["name"]
            );
            right += 1;
        } else {
            assert!(
                x_of[&org] < x_of[&project],
                "{} left of its projects",
                objects[org]["name"]
            );
            left += 1;
        }
    }
    assert!(right > 0 && left > 0, "{right} right, {left} left");
    // The footnote is the frame's label, under every node.
    let frame = objects.iter().find(|o| o["name"] == "cluster_frame").expect("a frame");
    let label_y: f64 = frame["lp"]
        .as_str()
        .unwrap()
        .split(',')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    for o in objects
        .iter()
        .filter(|o| o.get("pos").is_some() && o.get("nodes").is_none())
    {
        let y: f64 = o["pos"].as_str().unwrap().split(',').nth(1).unwrap().parse().unwrap();
        assert!(label_y < y, "the footnote is below {}", o["name"]);
    }
}

/// The fonts a PDF embeds, without the subset prefix (`ABCDEF+`).
fn pdf_fonts(pdf: &[u8]) -> BTreeSet<String> {
    let text = String::from_utf8_lossy(pdf);
    text.split("/BaseFont /")
        .skip(1)
        .map(|s| {
            let name: String = s
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || "+-_".contains(*c))
                .collect();
            name.split_once('+').map_or(name.clone(), |(_, n)| n.to_string())
        })
        .collect()
}

/// Whether fontconfig lists a font with Japanese glyphs (None: no fc-list to ask).
fn japanese_font_installed() -> Option<bool> {
    let out = Command::new("fc-list").arg(":lang=ja").arg("family").output().ok()?;
    Some(out.status.success() && !out.stdout.iter().all(u8::is_ascii_whitespace))
}

#[test]
fn japanese_names_are_drawn_with_a_japanese_font_not_boxes() {
    const TEST: &str = "japanese_names_are_drawn_with_a_japanese_font_not_boxes";
    if !graphviz(TEST) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // The same diagram three times, only the name differs: a Japanese one, a Latin one, and
    // one of unassigned code points, which no font has and every renderer draws as boxes.
    let pdf = |name: &str, file: &str| -> Option<BTreeSet<String>> {
        let text = format!(r#"{{"entities": [{{"id": "x", "name": "{name}"}}]}}"#);
        let data = dataset(dir.path(), &format!("{file}.json"), &text);
        let out = dir.path().join(format!("{file}.pdf"));
        let run = run(
            dir.path(),
            &[
                "--data",
                &data,
                "diagram",
                "--title",
                "T",
                "--no-credits",
                "-o",
                out.to_str().unwrap(),
            ],
        );
        if run.code != 0 {
            assert!(run.stderr.contains("Graphviz could not draw"), "{}", run.stderr);
            return None;
        }
        Some(pdf_fonts(&std::fs::read(&out).unwrap()))
    };
    let Some(latin) = pdf("Toshiba", "latin") else {
        return skip(
            TEST,
            "this Graphviz cannot write PDF (no cairo plugin)",
            REQUIRE_GRAPHVIZ,
        );
    };
    let boxes = pdf("\u{0378}\u{0379}\u{0380}", "boxes").unwrap();
    let japanese = pdf("東芝三菱重工業", "japanese").unwrap();
    // Boxes need a font of their own, for the hex digits in them; the Japanese name needs
    // it too exactly when its glyphs are missing.
    let hex_digits: BTreeSet<&String> = boxes.difference(&latin).collect();
    if hex_digits.is_empty() {
        return skip(
            TEST,
            &format!("this Graphviz draws missing glyphs with no font of their own ({boxes:?}), so they cannot be told apart"),
            REQUIRE_GRAPHVIZ,
        );
    }
    let glyphs = !japanese.iter().any(|f| hex_digits.contains(f));
    match japanese_font_installed() {
        _ if glyphs => {}
        Some(false) => skip(
            TEST,
            "no font with Japanese glyphs is installed (Debian: apt-get install fonts-noto-cjk)",
            REQUIRE_GRAPHVIZ,
        ),
        None => skip(
            TEST,
            "Graphviz drew boxes, and there is no fc-list to tell whether a Japanese font is installed",
            REQUIRE_GRAPHVIZ,
        ),
        Some(true) => panic!(
            "a Japanese font is installed, but Graphviz drew the Japanese name as boxes: its PDF embeds \
             {japanese:?}, with {hex_digits:?} as the PDF of unassigned code points does (Latin: {latin:?})"
        ),
    }
}
