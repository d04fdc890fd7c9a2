//! Runs the real `partnet` binary, as a user would.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root, where `data/` is.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture file under tests/fixtures.
pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// What a run printed and how it ended.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}\nstderr:\n{}", self.stdout, self.stderr))
    }

    /// Asserts success and returns self.
    pub fn ok(self) -> Run {
        assert_eq!(
            self.code, 0,
            "expected success\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

impl From<Output> for Run {
    fn from(o: Output) -> Run {
        Run {
            code: o.status.code().expect("partnet was killed by a signal"),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

/// A `partnet` command run from `dir`.
pub fn cmd_in(dir: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_partnet"));
    c.args(args).current_dir(dir);
    c
}

/// Runs partnet from the repository root (so the default data is `data/`).
pub fn partnet(args: &[&str]) -> Run {
    cmd_in(&root(), args).output().expect("partnet runs").into()
}

/// Runs partnet on one dataset text written to a temporary file.
pub fn with_data(text: &str, args: &[&str]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("data.json");
    std::fs::write(&file, text).unwrap();
    let mut all = vec!["--data", file.to_str().unwrap()];
    all.extend_from_slice(args);
    cmd_in(dir.path(), &all).output().expect("partnet runs").into()
}

/// Runs partnet from the repository root on one dataset path.
pub fn run_on(data: &Path, args: &[&str]) -> Run {
    let mut all = vec!["--data", data.to_str().unwrap()];
    all.extend_from_slice(args);
    partnet(&all)
}

/// Runs partnet on files written to a temporary directory, given to `--data` one by one.
pub fn with_files(files: &[(&str, &str)], args: &[&str]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let mut all = Vec::new();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
        all.push("--data".to_string());
        all.push(name.to_string());
    }
    all.extend(args.iter().map(|s| s.to_string()));
    let all: Vec<&str> = all.iter().map(String::as_str).collect();
    cmd_in(dir.path(), &all).output().expect("partnet runs").into()
}

/// Graphviz's `dot -T<format>` of a DOT text (the caller has checked `dot` is there).
pub fn dot_render(format: &str, text: &str) -> Vec<u8> {
    let mut child = Command::new("dot")
        .arg(format!("-T{format}"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), text.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "dot -T{format} failed");
    out.stdout
}

/// The ids in a JSON array of objects.
pub fn ids(list: &serde_json::Value) -> Vec<String> {
    list.as_array()
        .expect("an array")
        .iter()
        .map(|x| x["id"].as_str().expect("an id").to_string())
        .collect()
}

/// Set (to anything) by `.ci/run`: a test that needs Graphviz (and the CJK font CI
/// installs) fails instead of skipping when it is missing.
pub const REQUIRE_GRAPHVIZ: &str = "PARTNET_REQUIRE_GRAPHVIZ";

/// Says that `test` was skipped and why, on the terminal itself: cargo test captures what
/// `print!` and `eprint!` write and shows it only for a failing test, but not what goes to
/// the stderr handle directly. Fails the test instead when the variable `require` is set.
pub fn skip(test: &str, why: &str, require: &str) {
    use std::io::Write;
    if std::env::var_os(require).is_some() {
        panic!("{require} is set, but {test} cannot run: {why}");
    }
    let _ = writeln!(
        std::io::stderr().lock(),
        "SKIPPED {test}: {why} (set {require}=1 to make this a failure)"
    );
}

/// Whether Graphviz's `dot` runs here; when not, says that `test` is skipped (see [`skip`]).
pub fn graphviz(test: &str) -> bool {
    let ok = Command::new("dot").arg("-V").output().is_ok_and(|o| o.status.success());
    if !ok {
        skip(
            test,
            "Graphviz's `dot` is not on PATH (apt-get install graphviz, brew install graphviz)",
            REQUIRE_GRAPHVIZ,
        );
    }
    ok
}

/// What an SVG diagram holds, read with an XML parser: its node and edge groups (Graphviz's
/// and the built-in engine's `<g id=.. class="node ..">`), and the text of every `<text>`.
#[derive(Debug, Default)]
pub struct Svg {
    /// (element id, class, tooltip) of each `g` whose class starts with `node`. The tooltip
    /// is Graphviz's `xlink:title` (its `<title>` holds the DOT id), else the `<title>`.
    pub nodes: Vec<(String, String, String)>,
    /// The same for `edge`.
    pub edges: Vec<(String, String, String)>,
    /// The text of each `<text>` element, its `<tspan>`s joined.
    pub texts: Vec<String>,
    /// How many `<svg>` elements there are.
    pub svgs: usize,
    /// Elements and event-handler attributes that could run code or load something.
    pub active: Vec<String>,
}

/// Reads an XML entity or character reference.
fn entity(r: &quick_xml::events::BytesRef) -> String {
    if let Some(c) = r.resolve_char_ref().expect("a character reference") {
        return c.to_string();
    }
    match r.decode().expect("UTF-8").as_ref() {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        other => panic!("unknown entity &{other};"),
    }
    .to_string()
}

/// Parses an SVG document, failing the test when it is not well-formed XML.
pub fn parse_svg(text: &str) -> Svg {
    use quick_xml::events::Event;
    let attr = |e: &quick_xml::events::BytesStart, name: &str| -> Option<String> {
        e.try_get_attribute(name).expect("well-formed attributes").map(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .expect("attribute text")
                .into_owned()
        })
    };
    let mut reader = quick_xml::Reader::from_str(text);
    let mut svg = Svg::default();
    // The open groups, each with the node or edge it is (or is inside): (is a node, index).
    let mut groups: Vec<Option<(bool, usize)>> = Vec::new();
    // Whether a node's or edge's tooltip came from Graphviz's `xlink:title`.
    let mut from_link: Vec<bool> = Vec::new();
    let mut title: Option<(bool, usize, String)> = None;
    let mut text: Option<String> = None;
    loop {
        let event = reader
            .read_event()
            .unwrap_or_else(|e| panic!("the SVG is not well-formed XML: {e}"));
        let owner = groups.last().copied().flatten();
        let mut add = |s: &str| {
            if let Some((_, _, t)) = title.as_mut() {
                t.push_str(s);
            }
            if let Some(t) = text.as_mut() {
                t.push_str(s);
            }
        };
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let open = matches!(event, Event::Start(_));
                let name = String::from_utf8_lossy(e.local_name().as_ref()).to_ascii_lowercase();
                if matches!(
                    name.as_str(),
                    "script" | "foreignobject" | "iframe" | "img" | "image" | "object" | "embed"
                ) {
                    svg.active.push(name.clone());
                }
                for a in e.attributes() {
                    let key = String::from_utf8_lossy(a.expect("well-formed attributes").key.as_ref()).to_string();
                    if key.to_ascii_lowercase().starts_with("on") {
                        svg.active.push(format!("{name} {key}"));
                    }
                }
                match name.as_str() {
                    "svg" => svg.svgs += 1,
                    "g" if open => {
                        let class = attr(e, "class").unwrap_or_default();
                        let entry = (attr(e, "id").unwrap_or_default(), class.clone(), String::new());
                        let group = if class == "node" || class.starts_with("node ") {
                            svg.nodes.push(entry);
                            Some((true, svg.nodes.len() - 1))
                        } else if class == "edge" || class.starts_with("edge ") {
                            svg.edges.push(entry);
                            Some((false, svg.edges.len() - 1))
                        } else {
                            owner
                        };
                        if group != owner {
                            from_link.push(false);
                        }
                        groups.push(group);
                    }
                    "a" => {
                        if let (Some((node, i)), Some(tip)) = (owner, attr(e, "xlink:title")) {
                            let list = if node { &mut svg.nodes } else { &mut svg.edges };
                            if !from_link[from_link.len() - 1] {
                                list[i].2 = tip;
                                *from_link.last_mut().unwrap() = true;
                            }
                        }
                    }
                    "title" if open => {
                        if let Some((node, i)) = owner {
                            title = Some((node, i, String::new()));
                        }
                    }
                    "text" if open => text = Some(String::new()),
                    _ => {}
                }
            }
            Event::End(e) => match String::from_utf8_lossy(e.local_name().as_ref())
                .to_ascii_lowercase()
                .as_str()
            {
                "g" => {
                    let closed = groups.pop().flatten();
                    if closed != groups.last().copied().flatten() {
                        from_link.pop();
                    }
                }
                "title" => {
                    if let Some((node, i, t)) = title.take() {
                        let list = if node { &mut svg.nodes } else { &mut svg.edges };
                        if list[i].2.is_empty() {
                            list[i].2 = t;
                        }
                    }
                }
                "text" => svg.texts.extend(text.take()),
                _ => {}
            },
            Event::Text(t) => add(&t.decode().expect("UTF-8")),
            Event::GeneralRef(r) => add(&entity(r)),
            Event::Eof => return svg,
            _ => {}
        }
    }
}
