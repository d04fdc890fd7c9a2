//! The interactive explorer page (`partnet diagram --format html`): built by the real binary,
//! checked as text here and in a real headless Chromium by tests/browser/explorer.mjs.
//!
//! The browser test needs node, Chromium and playwright-core (`npm ci --prefix tests/browser`;
//! .ci/run installs all three). Without them it prints why and passes, unless
//! PARTNET_REQUIRE_BROWSER=1 (set by .ci/run), which makes a missing tool a failure.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{fixture, partnet, root};

/// Where this test writes its pages and screenshot.
fn out_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("explorer");
    std::fs::create_dir_all(&dir).expect("target dir is writable");
    dir
}

/// Builds an explorer page with the real binary and returns its text.
fn build(data: &Path, engine: &str, out: &Path) -> String {
    let run = partnet(&[
        "--data",
        data.to_str().unwrap(),
        "diagram",
        "--format",
        "html",
        "--engine",
        engine,
        "-o",
        out.to_str().unwrap(),
    ])
    .ok();
    assert_eq!(run.stdout.trim(), out.display().to_string());
    std::fs::read_to_string(out).expect("the page was written")
}

fn us_japan() -> PathBuf {
    root().join("data/us-japan-2025.json")
}

/// The text between `start` and the next `end`.
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).unwrap_or_else(|| panic!("no {start:?} in the page")) + start.len();
    &text[from..from + text[from..].find(end).expect("closed")]
}

#[test]
fn page_is_self_contained_and_deterministic() {
    let dir = out_dir();
    let page = build(&us_japan(), "builtin", &dir.join("det-1.html"));
    assert_eq!(
        page,
        build(&us_japan(), "builtin", &dir.join("det-2.html")),
        "same input, same page"
    );
    let csp = between(&page, "<meta http-equiv=\"Content-Security-Policy\" content=\"", "\"");
    assert!(csp.starts_with("default-src 'none'; script-src 'sha256-"), "{csp}");
    assert!(csp.contains("; style-src 'unsafe-inline'; img-src data:;"), "{csp}");
    assert!(!csp.contains("script-src 'unsafe-inline'"), "{csp}");
    for resource in ["<link", " src=", "@import", "url(http", "<iframe", "<img"] {
        assert!(!page.contains(resource), "the page loads nothing: found {resource:?}");
    }
    assert_eq!(
        page.matches("<script").count(),
        2,
        "the data block and the explorer script"
    );
    let data: serde_json::Value = serde_json::from_str(between(
        &page,
        "<script type=\"application/json\" id=\"partnet-data\">",
        "</script>",
    ))
    .expect("the data block is JSON");
    assert_eq!(data["nodes"].as_array().unwrap().len(), 68);
    assert_eq!(data["links"].as_array().unwrap().len(), 51);
    assert_eq!(
        data["ties"].as_array().unwrap().len(),
        14,
        "13 tied pairs, two kinds for one"
    );
    // Each tie names its ends by id and by node index, and the two agree (one JSON key each:
    // a repeated key would leave only the last).
    let id_of: std::collections::HashMap<u64, &str> = data["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["k"].as_u64().unwrap(), n["id"].as_str().unwrap()))
        .collect();
    for tie in data["ties"].as_array().unwrap() {
        for (index, id) in [("from_k", "from"), ("to_k", "to")] {
            let k = tie[index].as_u64().unwrap_or_else(|| panic!("{index} in {tie}"));
            assert_eq!(id_of[&k], tie[id], "{tie}");
        }
    }
    let cameco = data["ties"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["from"] == "cameco" && t["to"] == "westinghouse")
        .expect("Cameco's tie to Westinghouse");
    assert_eq!(
        (&cameco["at_to"]["group"], &cameco["at_to"]["other_is"]),
        (&"owners".into(), &"owner 49% of".into()),
        "Westinghouse's panel lists Cameco as `show` does"
    );
    assert_eq!(cameco["records"][0]["date"], "2023-11-07");
    let westinghouse = data["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "westinghouse")
        .unwrap();
    let k = westinghouse["k"].as_u64().unwrap();
    assert!(
        page.contains(&format!("<g id=\"n{k}\" class=\"node entity\"")),
        "node ids match the data"
    );
    assert!(!page.contains("<?xml"), "the SVG prolog is dropped");
}

#[test]
fn filters_shape_the_embedded_data() {
    let dir = out_dir();
    let run = partnet(&[
        "--data",
        us_japan().to_str().unwrap(),
        "--country",
        "JP",
        "diagram",
        "--format",
        "html",
        "--engine",
        "builtin",
        "-o",
        dir.join("jp.html").to_str().unwrap(),
    ])
    .ok();
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    let page = std::fs::read_to_string(dir.join("jp.html")).unwrap();
    let data: serde_json::Value = serde_json::from_str(between(&page, "id=\"partnet-data\">", "</script>")).unwrap();
    let nodes = data["nodes"].as_array().unwrap();
    assert!(nodes.iter().all(|n| n["kind"] == "project" || n["country"] == "JP"));
    assert!(!nodes.iter().any(|n| n["id"] == "westinghouse"));
    assert!(nodes.iter().any(|n| n["id"] == "toshiba"));
}

#[test]
fn hostile_names_never_become_markup() {
    let page = build(
        &fixture("hostile.json"),
        "builtin",
        &out_dir().join("hostile-text.html"),
    );
    let data = between(&page, "id=\"partnet-data\">", "</script>");
    for c in ['<', '>', '&', '\u{2028}', '\u{2029}'] {
        assert!(!data.contains(c), "the data block escapes {c:?}");
    }
    let parsed: serde_json::Value = serde_json::from_str(data).unwrap();
    let names: Vec<&str> = parsed["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"<script>alert(1)</script>") && names.contains(&"東芝"),
        "{names:?}"
    );
    for raw in [
        "<script>alert",
        "<img src=x",
        "onmouseover=\"x",
        "<svg onload",
        "</svg><svg",
    ] {
        assert!(!page.contains(raw), "{raw:?} appears unescaped in the page");
    }
}

/// The tools the browser test needs, or why it cannot run.
fn browser() -> Result<(PathBuf, PathBuf), String> {
    let chromium = std::env::var_os("PARTNET_CHROMIUM")
        .map(PathBuf::from)
        .into_iter()
        .chain(
            [
                "/usr/bin/chromium",
                "/usr/bin/chromium-browser",
                "/usr/bin/google-chrome",
            ]
            .map(PathBuf::from),
        )
        .find(|p| p.is_file())
        .ok_or("no Chromium (apt-get install chromium, or set PARTNET_CHROMIUM)")?;
    if !Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        return Err("no node on PATH".into());
    }
    let script = root().join("tests/browser/explorer.mjs");
    if !root().join("tests/browser/node_modules/playwright-core").is_dir() {
        return Err("no playwright-core (npm ci --prefix tests/browser)".into());
    }
    Ok((chromium, script))
}

/// What `partnet --data DATA --as-of DATE stats` counts at each date of the page's date
/// control, in the words of the page's counts ("32 organisations · 25 projects · 52 links"),
/// written to `out`: the browser test checks that the page shows the same at each date.
fn as_of_counts(page: &str, data_file: &Path, out: &Path) -> PathBuf {
    let data: serde_json::Value =
        serde_json::from_str(between(page, "id=\"partnet-data\">", "</script>")).expect("the data block is JSON");
    let list = |key: &str| data[key].as_array().cloned().unwrap_or_default();
    let mut dates = std::collections::BTreeSet::new();
    for item in list("links").iter().chain(&list("ties")) {
        for r in item["records"].as_array().expect("records") {
            dates.extend(r["date"].as_str().map(str::to_string));
        }
    }
    dates.extend(
        list("nodes")
            .iter()
            .filter_map(|n| n["reported"].as_str().map(str::to_string)),
    );
    let mut counts = serde_json::Map::new();
    for date in dates {
        let run = partnet(&[
            "--data",
            data_file.to_str().unwrap(),
            "--json",
            "--as-of",
            &date,
            "stats",
        ])
        .ok();
        let stats: serde_json::Value = serde_json::from_str(&run.stdout).expect("stats --json");
        let count = |key: &str, noun: &str| partnet::text::plural(stats[key].as_u64().unwrap() as usize, noun);
        let words = format!(
            "{} · {} · {}",
            count("entities", "organisation"),
            count("projects", "project"),
            count("edges", "link")
        );
        counts.insert(date, words.into());
    }
    std::fs::write(out, serde_json::Value::Object(counts).to_string()).expect("target dir is writable");
    out.to_path_buf()
}

#[test]
fn explorer_works_in_a_real_browser() {
    let (chromium, script) = match browser() {
        Ok(tools) => tools,
        Err(why) if std::env::var_os("PARTNET_REQUIRE_BROWSER").is_some() => {
            panic!("PARTNET_REQUIRE_BROWSER is set but the browser test cannot run: {why}")
        }
        Err(why) => {
            common::skip("explorer_works_in_a_real_browser", &why, "PARTNET_REQUIRE_BROWSER");
            return;
        }
    };
    let dir = out_dir();
    let mut engines = vec!["builtin"];
    if common::graphviz("explorer_works_in_a_real_browser: the page with Graphviz's SVG") {
        engines.insert(0, "graphviz");
    }
    let mut node = Command::new("node");
    node.arg(&script).arg("--chromium").arg(&chromium);
    let (mut counts, mut ties_counts) = (None, None);
    for engine in &engines {
        let page = dir.join(format!("us-japan-{engine}.html"));
        let hostile = dir.join(format!("hostile-{engine}.html"));
        let ties = dir.join(format!("ended-ties-{engine}.html"));
        let text = build(&us_japan(), engine, &page);
        counts.get_or_insert_with(|| as_of_counts(&text, &us_japan(), &dir.join("as-of-counts.json")));
        build(&fixture("hostile.json"), engine, &hostile);
        let text = build(&fixture("ended-ties.json"), engine, &ties);
        ties_counts.get_or_insert_with(|| {
            as_of_counts(&text, &fixture("ended-ties.json"), &dir.join("ended-ties-counts.json"))
        });
        node.arg("--page")
            .arg(page)
            .arg("--hostile")
            .arg(hostile)
            .arg("--ties")
            .arg(ties);
    }
    node.arg("--as-of-counts").arg(counts.expect("a page was built"));
    node.arg("--ties-counts").arg(ties_counts.expect("a page was built"));
    let shot = dir.join("explorer.png");
    node.arg("--screenshot").arg(&shot);
    let out = node.output().expect("node runs");
    let report = String::from_utf8_lossy(&out.stdout);
    println!("{report}");
    assert!(
        out.status.success(),
        "browser checks failed:\n{report}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(report.contains("all checks passed"));
    assert!(
        shot.metadata().is_ok_and(|m| m.len() > 10_000),
        "a screenshot was saved"
    );
}
