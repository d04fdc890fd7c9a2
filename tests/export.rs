//! `partnet export` and CSV input: every format parsed back by a real parser (serde_json,
//! quick-xml, the csv crate) with the counts of `partnet --json stats` and every name intact;
//! the CSV round trip; CSV input errors.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::{fixture, root, run_on, with_files};
use quick_xml::events::Event;
use quick_xml::XmlVersion;
use serde_json::Value as Json;

const FORMATS: &[&str] = &["json", "cytoscape", "graphml", "gexf", "csv", "cypher"];

fn datasets() -> Vec<PathBuf> {
    vec![
        root().join("data/us-japan-2025.json"),
        fixture("hostile.json"),
        fixture("hostile-interchange.json"),
    ]
}

fn export(data: &Path, format: &str, extra: &[&str]) -> String {
    let mut args = vec!["export", "--format", format];
    args.extend_from_slice(extra);
    run_on(data, &args).ok().stdout
}

/// What a dataset should export to: partnet's own counts and the file's names.
struct Expected {
    nodes: usize,
    edges: usize,
    participations: usize,
    /// Edges as the formats with one edge per tie record count them (GraphML, GEXF,
    /// Cytoscape.js): a pair tied in two ways is two.
    per_tie: usize,
    /// id → name, straight from the dataset file.
    names: BTreeMap<String, String>,
}

fn expected(data: &Path, filters: &[&str]) -> Expected {
    let mut args = filters.to_vec();
    args.extend(["--json", "stats"]);
    let stats = run_on(data, &args).ok().json();
    let file: Json = serde_json::from_str(&std::fs::read_to_string(data).unwrap()).unwrap();
    let mut names = BTreeMap::new();
    for table in ["entities", "projects"] {
        for r in file[table].as_array().unwrap() {
            names.insert(
                r["id"].as_str().unwrap().to_string(),
                r["name"].as_str().unwrap().to_string(),
            );
        }
    }
    let count = |k: &str| stats[k].as_u64().unwrap() as usize;
    let mut args = filters.to_vec();
    args.extend(["export", "--format", "json"]);
    let links = run_on(data, &args).ok().json()["links"].as_array().unwrap().clone();
    let extra: usize = links.iter().map(|l| l["ties"].as_array().map_or(1, Vec::len) - 1).sum();
    Expected {
        per_tie: count("edges") + extra,
        nodes: count("nodes"),
        edges: count("edges"),
        participations: count("participations"),
        names,
    }
}

/// The name a node must have in an XML format: XML 1.0 cannot carry most control
/// characters, which partnet replaces with U+FFFD.
fn xml_name(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => '\u{fffd}',
            c => c,
        })
        .collect()
}

/// A graph as a format gives it back: node id → name, and (source, target, is a tie)
/// edges.
#[derive(Debug, Default)]
struct Parsed {
    names: BTreeMap<String, String>,
    edges: Vec<(String, String, bool)>,
}

impl Parsed {
    fn check(&self, what: &str, want: &Expected, xml: bool, per_tie: bool) {
        assert_eq!(self.names.len(), want.nodes, "{what}: node count");
        let edges = if per_tie { want.per_tie } else { want.edges };
        assert_eq!(self.edges.len(), edges, "{what}: edge count");
        for (id, name) in &self.names {
            let expected = &want.names[id];
            let expected = if xml { xml_name(expected) } else { expected.clone() };
            assert_eq!(name, &expected, "{what}: name of {id:?}");
        }
        for (s, t, _) in &self.edges {
            assert!(
                self.names.contains_key(s) && self.names.contains_key(t),
                "{what}: edge {s:?}-{t:?}"
            );
        }
        // Participations by (entity, project), then ties by their ids in order.
        let key = |(s, t, tie): &(String, String, bool)| match tie {
            true => (true, s.clone().min(t.clone()), s.clone().max(t.clone())),
            false => (false, s.clone(), t.clone()),
        };
        let mut sorted = self.edges.clone();
        sorted.sort_by_key(key);
        assert_eq!(sorted, self.edges, "{what}: edges sorted (participations, then ties)");
        let ids: Vec<&String> = self.names.keys().collect();
        assert!(ids.windows(2).all(|w| w[0] < w[1]));
    }
}

fn parse_json(text: &str, nodes: &str, edges: &str, wrap: Option<&str>) -> Parsed {
    let doc: Json = serde_json::from_str(text).expect("valid JSON");
    let data = |x: &Json| match wrap {
        Some(k) => x[k].clone(),
        None => x.clone(),
    };
    let (nodes, edges) = match wrap {
        Some(_) => (&doc["elements"][nodes], &doc["elements"][edges]),
        None => (&doc[nodes], &doc[edges]),
    };
    let mut out = Parsed::default();
    let mut order = Vec::new();
    for n in nodes.as_array().unwrap() {
        let n = data(n);
        let id = n["id"].as_str().unwrap().to_string();
        order.push(id.clone());
        out.names.insert(id, n["name"].as_str().unwrap().to_string());
    }
    assert!(order.windows(2).all(|w| w[0] < w[1]), "nodes sorted by id");
    for e in edges.as_array().unwrap() {
        let e = data(e);
        let tie = e["type"] == "tie";
        if tie {
            assert!(e["kind"].is_string(), "{e}");
        } else {
            assert_eq!(e["type"], "participation");
            assert!(e["roles"].as_array().is_some_and(|r| !r.is_empty()));
        }
        assert!(e["status"].is_string() && e["sources"].is_array());
        out.edges.push((
            e["source"].as_str().unwrap().to_string(),
            e["target"].as_str().unwrap().to_string(),
            tie,
        ));
    }
    out
}

/// An XML element, as a conforming parser reports it: attribute values normalized, text
/// with line ends normalized, references resolved.
#[derive(Debug, Default)]
struct El {
    name: String,
    attrs: BTreeMap<String, String>,
    text: String,
    children: Vec<El>,
}

impl El {
    fn all<'s>(&'s self, name: &str, out: &mut Vec<&'s El>) {
        if self.name == name {
            out.push(self);
        }
        for c in &self.children {
            c.all(name, out);
        }
    }

    fn find(&self, name: &str) -> Vec<&El> {
        let mut out = Vec::new();
        self.all(name, &mut out);
        out
    }
}

fn xml_allowed(c: char) -> bool {
    !matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

fn parse_xml(text: &str) -> El {
    assert!(text.chars().all(xml_allowed), "only XML 1.0 characters");
    let mut reader = quick_xml::Reader::from_str(text);
    let mut stack = vec![El::default()];
    let element = |e: &quick_xml::events::BytesStart| {
        let mut el = El {
            name: String::from_utf8(e.name().as_ref().to_vec()).unwrap(),
            ..El::default()
        };
        for a in e.attributes() {
            let a = a.expect("well-formed attribute");
            let key = String::from_utf8(a.key.as_ref().to_vec()).unwrap();
            let value = a
                .normalized_value(XmlVersion::Explicit1_0)
                .expect("attribute value")
                .into_owned();
            assert!(el.attrs.insert(key, value).is_none(), "duplicate attribute");
        }
        el
    };
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => stack.push(element(&e)),
            Event::Empty(e) => {
                let el = element(&e);
                stack.last_mut().unwrap().children.push(el);
            }
            Event::End(_) => {
                let el = stack.pop().unwrap();
                stack.last_mut().unwrap().children.push(el);
            }
            Event::Text(t) => stack
                .last_mut()
                .unwrap()
                .text
                .push_str(&t.xml_content(XmlVersion::Explicit1_0).unwrap()),
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref().expect("valid character reference") {
                    Some(c) => {
                        assert!(xml_allowed(c), "a reference to a character XML 1.0 forbids");
                        c.to_string()
                    }
                    None => {
                        let name = r.decode().unwrap();
                        quick_xml::escape::resolve_predefined_entity(&name)
                            .expect("a predefined entity")
                            .to_string()
                    }
                };
                stack.last_mut().unwrap().text.push_str(&c);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(stack.len(), 1, "every element closed");
    let mut doc = stack.pop().unwrap();
    assert_eq!(doc.children.len(), 1, "one root element");
    doc.children.pop().unwrap()
}

fn parse_graphml(text: &str) -> Parsed {
    let root = parse_xml(text);
    assert_eq!(root.name, "graphml");
    let keys: BTreeMap<&str, (&str, &str)> = root
        .find("key")
        .iter()
        .map(|k| {
            (
                k.attrs["id"].as_str(),
                (k.attrs["attr.name"].as_str(), k.attrs["attr.type"].as_str()),
            )
        })
        .collect();
    assert_eq!(keys["n_value_usd"], ("value_usd", "double"));
    assert_eq!(keys["n_name"], ("name", "string"));
    let graph = &root.find("graph")[0];
    assert_eq!(graph.attrs["edgedefault"], "undirected");
    let mut out = Parsed::default();
    for node in root.find("node") {
        for d in &node.children {
            assert!(keys.contains_key(d.attrs["key"].as_str()), "declared key");
        }
        let data = |key: &str| {
            node.children
                .iter()
                .find(|d| d.attrs["key"] == key)
                .map(|d| d.text.clone())
        };
        if let Some(usd) = data("n_value_usd") {
            usd.parse::<f64>().expect("value_usd is a double");
        }
        assert_eq!(data("n_label"), data("n_name"));
        out.names
            .insert(node.attrs["id"].clone(), data("n_name").expect("a name"));
    }
    for edge in root.find("edge") {
        let tie = edge
            .children
            .iter()
            .any(|d| d.attrs["key"] == "e_type" && d.text == "tie");
        out.edges
            .push((edge.attrs["source"].clone(), edge.attrs["target"].clone(), tie));
    }
    out
}

fn parse_gexf(text: &str) -> Parsed {
    let root = parse_xml(text);
    assert_eq!((root.name.as_str(), root.attrs["version"].as_str()), ("gexf", "1.3"));
    assert_eq!(root.attrs["xmlns"], "http://gexf.net/1.3");
    let declared: BTreeSet<String> = root.find("attribute").iter().map(|a| a.attrs["id"].clone()).collect();
    let mut out = Parsed::default();
    for node in root.find("node") {
        for v in node.find("attvalue") {
            assert!(declared.contains(&v.attrs["for"]), "declared attribute");
        }
        out.names.insert(node.attrs["id"].clone(), node.attrs["label"].clone());
    }
    let mut edge_ids = BTreeSet::new();
    for edge in root.find("edge") {
        assert!(edge_ids.insert(edge.attrs["id"].clone()), "unique edge ids");
        let tie = edge
            .find("attvalue")
            .iter()
            .any(|v| v.attrs["for"] == "type" && v.attrs["value"] == "tie");
        out.edges
            .push((edge.attrs["source"].clone(), edge.attrs["target"].clone(), tie));
    }
    out
}

/// The CSV as the csv crate reads it, checked against the expected counts. Lone nodes and
/// sources have their own rows.
fn check_csv(text: &str, want: &Expected) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header.join(","),
        "entity,entity_name,entity_kind,entity_country,project,project_name,project_sector,project_value,\
         project_status,role,status,sources,evidence,date,project_sources,source_publisher,source_url,tie_to,tie_kind,\
         tie_share,tie_title,tie_until,tie_value,entity_aliases,entity_sectors,entity_url,entity_note,\
         project_location,project_date,project_part_of,project_note,source_note"
    );
    let (mut rows, mut pairs, mut names) = (0, BTreeSet::new(), BTreeMap::new());
    let mut tied = BTreeSet::new();
    for record in reader.records() {
        let r = record.expect("well-formed CSV");
        assert_eq!(r.len(), 32);
        if !r[0].is_empty() {
            names.insert(r[0].to_string(), r[1].to_string());
        }
        if !r[4].is_empty() {
            names.insert(r[4].to_string(), r[5].to_string());
        }
        if !r[0].is_empty() && !r[4].is_empty() {
            rows += 1;
            pairs.insert((r[0].to_string(), r[4].to_string()));
        }
        if !r[0].is_empty() && !r[17].is_empty() {
            let (a, b) = (r[0].to_string(), r[17].to_string());
            tied.insert((a.clone().min(b.clone()), a.max(b)));
        }
    }
    assert_eq!(rows, want.participations, "one row per participation");
    assert_eq!(
        pairs.len() + tied.len(),
        want.edges,
        "distinct (entity, project) and tied pairs"
    );
    assert_eq!(names.len(), want.nodes, "every node, lone ones too");
    for (id, name) in names {
        assert_eq!(name, want.names[&id], "csv: name of {id:?}");
    }
}

/// Turns one row of the Cypher script (`{id: "x", n: 1.0, l: ["a"]}`) into JSON by quoting
/// its keys, so serde_json can check that every literal decodes.
fn cypher_row_to_json(row: &str) -> Json {
    let (mut out, mut in_string, mut escaped, mut word) = (String::new(), false, false, String::new());
    for c in row.chars() {
        if in_string && c.is_control() {
            // The openCypher dialect writes control characters as themselves; JSON escapes them.
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if c.is_ascii_alphabetic() || c == '_' || (!word.is_empty() && c.is_ascii_digit()) {
            word.push(c);
        } else {
            if !word.is_empty() {
                if c == ':' {
                    out.push_str(&format!("\"{word}\""));
                } else {
                    out.push_str(&word);
                }
                word.clear();
            }
            in_string = c == '"';
            out.push(c);
        }
    }
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {row}\n{out}"))
}

fn check_cypher(text: &str, want: &Expected) {
    // Statements, without the comment lines.
    let code: String = text
        .lines()
        .filter(|l| !l.starts_with("//"))
        .map(|l| format!("{l}\n"))
        .collect();
    let statements: Vec<&str> = code.split(";\n").filter(|s| !s.trim().is_empty()).collect();
    assert!(text.ends_with(";\n"));
    let constraints: Vec<&&str> = statements.iter().filter(|s| s.contains("CREATE CONSTRAINT")).collect();
    let indexes: Vec<&&str> = statements
        .iter()
        .filter(|s| s.starts_with("CREATE INDEX FOR"))
        .collect();
    if constraints.is_empty() {
        // The default, openCypher: an id index per label, which FalkorDB and Neo4j both read.
        assert_eq!(indexes.len(), 2, "{indexes:?}");
        assert!(indexes.iter().all(|c| c.ends_with("ON (n.id)")));
    } else {
        assert_eq!((constraints.len(), indexes.len()), (2, 0));
        assert!(constraints
            .iter()
            .all(|c| c.contains("IF NOT EXISTS") && c.contains("REQUIRE n.id IS UNIQUE")));
    }
    let (mut nodes, mut edges) = (BTreeMap::new(), 0);
    let mut tied = BTreeSet::new();
    for s in statements.iter().filter(|s| s.starts_with("UNWIND [\n")) {
        let body: Vec<&str> = s.lines().collect();
        let end = body.iter().position(|l| *l == "] AS row").expect("] AS row");
        let rows = &body[1..end];
        assert!(rows.len() <= 1000, "batches of at most 1000 rows");
        let tail = body[end + 1..].join("\n");
        for row in rows {
            let row = cypher_row_to_json(row.trim_end_matches(','));
            if tail.contains("PARTICIPATES_IN") {
                edges += 1;
                assert!(row["props"]["roles"].is_array() && row["props"]["status"].is_string());
            } else if tail.contains("MATCH (a:Entity") {
                // One relationship per tie kind: a pair tied in two ways is one edge.
                let (a, b) = (
                    row["from"].as_str().unwrap().to_string(),
                    row["to"].as_str().unwrap().to_string(),
                );
                assert_eq!(row["props"]["type"], "tie");
                tied.insert((a.clone().min(b.clone()), a.max(b)));
            } else {
                let label = if tail.contains("MERGE (n:Entity") {
                    "entity"
                } else {
                    "project"
                };
                assert_eq!(row["kind"] == "project", label == "project");
                nodes.insert(
                    row["id"].as_str().unwrap().to_string(),
                    row["name"].as_str().unwrap().to_string(),
                );
            }
        }
    }
    assert_eq!(
        (nodes.len(), edges + tied.len()),
        (want.nodes, want.edges),
        "cypher counts"
    );
    for (id, name) in nodes {
        assert_eq!(name, want.names[&id], "cypher: name of {id:?}");
    }
}

fn check_all(data: &Path, filters: &[&str], extra: &[&str], want: &Expected) {
    let run = |format: &str| {
        let mut args = filters.to_vec();
        args.extend(["export", "--format", format]);
        args.extend_from_slice(extra);
        run_on(data, &args).ok().stdout
    };
    let what = |f: &str| format!("{} {f}", data.display());
    parse_json(&run("json"), "nodes", "links", None).check(&what("json"), want, false, false);
    parse_json(&run("cytoscape"), "nodes", "edges", Some("data")).check(&what("cytoscape"), want, false, true);
    parse_graphml(&run("graphml")).check(&what("graphml"), want, true, true);
    parse_gexf(&run("gexf")).check(&what("gexf"), want, true, true);
    check_csv(&run("csv"), want);
    check_cypher(&run("cypher"), want);
    let mut neo4j = filters.to_vec();
    neo4j.extend(["export", "--format", "cypher", "--dialect", "neo4j"]);
    neo4j.extend_from_slice(extra);
    check_cypher(&run_on(data, &neo4j).ok().stdout, want);
}

#[test]
fn every_format_parses_back_with_the_stats_counts_and_exact_names() {
    for data in datasets() {
        let want = expected(&data, &[]);
        check_all(&data, &[], &[], &want);
    }
}

#[test]
fn exports_honour_the_filters() {
    let data = root().join("data/us-japan-2025.json");
    let filters = ["--country", "JP"];
    let want = expected(&data, &filters);
    let all = expected(&data, &[]);
    assert!(want.nodes < all.nodes && want.edges > 0);
    check_all(&data, &filters, &[], &want);
}

#[test]
fn focus_exports_the_ego_network() {
    let data = root().join("data/us-japan-2025.json");
    for depth in ["1", "2"] {
        let partners = run_on(&data, &["--json", "partners", "westinghouse", "--depth", depth])
            .ok()
            .json();
        let mut entities: BTreeSet<String> = common::ids(&partners["partners"]).into_iter().collect();
        entities.insert("westinghouse".into());
        let graph = parse_json(
            &export(&data, "json", &["--focus", "Westinghouse", "--depth", depth]),
            "nodes",
            "links",
            None,
        );
        let doc: Json =
            serde_json::from_str(&export(&data, "json", &["--focus", "westinghouse", "--depth", depth])).unwrap();
        let kinds: BTreeMap<&str, &str> = doc["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| (n["id"].as_str().unwrap(), n["kind"].as_str().unwrap()))
            .collect();
        let exported: BTreeSet<String> = kinds
            .iter()
            .filter(|(_, k)| **k != "project")
            .map(|(id, _)| id.to_string())
            .collect();
        assert_eq!(exported, entities, "depth {depth}: the organisation and its partners");
        // Every project links two of them, and every edge stays inside.
        for (id, kind) in &kinds {
            if *kind == "project" {
                assert!(graph.edges.iter().filter(|(_, p, _)| p == id).count() >= 1, "{id}");
            }
        }
        assert!(graph
            .edges
            .iter()
            .all(|(e, p, _)| graph.names.contains_key(e) && graph.names.contains_key(p)));
    }
    let depth1 = parse_json(
        &export(&data, "json", &["--focus", "westinghouse"]),
        "nodes",
        "links",
        None,
    );
    assert!(depth1.names.contains_key("westinghouse-reactor-term-sheet"));
    assert!(depth1.names.contains_key("cameco") && depth1.names.contains_key("toshiba"));
    assert!(!depth1.names.contains_key("softbank-group"));

    let project = run_on(
        &data,
        &["export", "-f", "json", "--focus", "westinghouse-reactor-term-sheet"],
    );
    // A project is focused on as `diagram --focus` draws it: it and its participants.
    let project = project.ok().json();
    let ids: Vec<&str> = project["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"westinghouse-reactor-term-sheet") && ids.contains(&"cameco"),
        "{ids:?}"
    );
    let unknown = run_on(&data, &["export", "-f", "json", "--focus", "no such company"]);
    assert_eq!(unknown.code, 1, "{}", unknown.stderr);
    let depth_alone = run_on(&data, &["export", "-f", "json", "--depth", "2"]);
    assert_eq!(depth_alone.code, 2);
}

#[test]
fn output_is_deterministic_and_written_atomically() {
    let data = fixture("hostile-interchange.json");
    let dir = tempfile::tempdir().unwrap();
    for format in FORMATS {
        assert_eq!(export(&data, format, &[]), export(&data, format, &[]), "{format}");
    }
    // The format follows the extension; the file holds exactly what stdout would.
    for (file, format) in [
        ("g.graphml", "graphml"),
        ("g.gexf", "gexf"),
        ("g.json", "json"),
        ("g.cyjs", "cytoscape"),
        ("g.csv", "csv"),
        ("g.cypher", "cypher"),
    ] {
        let path = dir.path().join(file);
        let run = run_on(&data, &["export", "-o", path.to_str().unwrap()]).ok();
        assert!(
            run.stdout.starts_with("wrote 11 nodes and 7 edges to "),
            "{}",
            run.stdout
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), export(&data, format, &[]));
    }
    let unknown = run_on(&data, &["export", "-o", dir.path().join("g.txt").to_str().unwrap()]);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("--format"), "{}", unknown.stderr);
    assert_eq!(run_on(&data, &["export"]).code, 2);
    // A failed run leaves the existing file alone.
    let keep = dir.path().join("keep.json");
    std::fs::write(&keep, "old").unwrap();
    let failed = run_on(&data, &["export", "--focus", "nobody", "-o", keep.to_str().unwrap()]);
    assert_eq!(failed.code, 1);
    assert_eq!(std::fs::read_to_string(&keep).unwrap(), "old");
    let files: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(files.len(), 7, "no temporary file left");
}

#[test]
fn xml_formats_replace_only_what_xml_cannot_carry() {
    let data = fixture("hostile-interchange.json");
    let graphml = export(&data, "graphml", &[]);
    let gexf = export(&data, "gexf", &[]);
    for text in [&graphml, &gexf] {
        assert!(text.contains("esc\u{fffd}[31mred\u{fffd}bell\u{fffd}nul"));
        assert!(!text.contains('\u{1b}'));
    }
    // Names without such characters are exact, whitespace included.
    let names = parse_gexf(&gexf).names;
    assert_eq!(names["crlf"], "crlf\r\nline\rcr");
    assert_eq!(names["tab id"], "tab\there");
    assert_eq!(names["padded"], "  padded  ");
    assert_eq!(parse_graphml(&graphml).names["crlf"], "crlf\r\nline\rcr");
    // JSON keeps the control characters.
    let json = parse_json(&export(&data, "json", &[]), "nodes", "links", None);
    assert_eq!(json.names["esc"], "esc\u{1b}[31mred\u{7}bell\u{0}nul");
}

#[test]
fn json_carries_attributes_and_sources() {
    let data = root().join("data/us-japan-2025.json");
    let doc: Json = serde_json::from_str(&export(&data, "json", &[])).unwrap();
    assert_eq!(
        (doc["directed"].clone(), doc["multigraph"].clone()),
        (Json::Bool(false), Json::Bool(false))
    );
    let sources = doc["graph"]["sources"].as_array().unwrap();
    let stats = run_on(&data, &["--json", "stats"]).ok().json();
    assert_eq!(sources.len() as u64, stats["sources"].as_u64().unwrap());
    let node = |id: &str| {
        doc["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["id"] == id)
            .unwrap()
            .clone()
    };
    let term_sheet = node("westinghouse-reactor-term-sheet");
    assert_eq!(term_sheet["kind"], "project");
    assert_eq!(term_sheet["value"], "at least $80B");
    assert_eq!(term_sheet["value_usd"], 80e9);
    assert_eq!(node("toshiba")["country"], "JP");
    let link = doc["links"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["source"] == "cameco")
        .unwrap();
    assert_eq!(link["target"], "westinghouse-reactor-term-sheet");
    assert_eq!(link["roles"], serde_json::json!(["partner"]));
    assert_eq!(link["status"], "term-sheet");
}

// ---- CSV input ----

#[test]
fn csv_round_trip_gives_the_same_graph() {
    for data in datasets() {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("graph.csv");
        run_on(&data, &["export", "-o", csv.to_str().unwrap()]).ok();
        for args in [&["--json", "stats"][..], &["--json", "list", "entities"]] {
            assert_eq!(
                run_on(&csv, args).ok().stdout,
                run_on(&data, args).ok().stdout,
                "{} {args:?}",
                data.display()
            );
        }
        // The same components (components of one size come in dataset order, which differs).
        let components = |d: &Path| {
            let mut all: Vec<String> = run_on(d, &["--json", "components"])
                .ok()
                .json()
                .as_array()
                .unwrap()
                .iter()
                .map(Json::to_string)
                .collect();
            all.sort();
            all
        };
        assert_eq!(components(&csv), components(&data), "{}", data.display());
        // The table reads back into the same table, and the same graph.
        assert_eq!(export(&csv, "csv", &[]), std::fs::read_to_string(&csv).unwrap());
        let (a, b) = (export(&csv, "graphml", &[]), export(&data, "graphml", &[]));
        let (a, b) = (parse_graphml(&a), parse_graphml(&b));
        assert_eq!((a.names, a.edges), (b.names, b.edges));
    }
    let data = root().join("data/us-japan-2025.json");
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("graph.csv");
    run_on(&data, &["export", "-o", csv.to_str().unwrap()]).ok();
    for name in ["westinghouse", "Toshiba", "softbank-group"] {
        let args = ["--json", "partners", name, "--depth", "2"];
        assert_eq!(
            run_on(&csv, &args).ok().stdout,
            run_on(&data, &args).ok().stdout,
            "{name}"
        );
    }
}

#[test]
fn minimal_csv_becomes_a_graph_with_ids_as_names() {
    let run = with_files(
        &[(
            "t.csv",
            "entity,project,role\nacme,plant,lead\nbeta,plant,\r\nacme,mine,supplier\n",
        )],
        &["--json", "stats"],
    )
    .ok();
    let stats = run.json();
    assert_eq!(
        (stats["entities"].as_u64(), stats["projects"].as_u64()),
        (Some(2), Some(2))
    );
    assert_eq!(stats["participations"], 3);
    let show = with_files(
        &[("t.csv", "Entity, PROJECT ,role\nacme,plant,lead\nbeta,plant,\n")],
        &["--json", "show", "beta"],
    )
    .ok()
    .json();
    assert_eq!(show["name"], "beta", "{show}");
    let partners = with_files(
        &[("t.csv", "entity,project,role\nacme,plant,lead\nbeta,plant,\n")],
        &["--json", "partners", "acme"],
    )
    .ok()
    .json();
    assert_eq!(common::ids(&partners["partners"]), ["beta"]);
}

#[test]
fn csv_and_json_mix() {
    let json = r#"{"sources": [{"id": "s1", "title": "A report"}],
        "entities": [{"id": "acme", "name": "ACME Corporation", "country": "US"}],
        "projects": [{"id": "plant", "name": "Big Plant"}]}"#;
    // Ids defined in JSON, referenced by id (or with the same name) in CSV; sources too.
    let csv = "entity,entity_name,project,role,sources,date\n\
               acme,,plant,lead,s1,2025-01-02\n\
               acme,ACME Corporation,plant,financier,s1,\n\
               newco,New Co,plant,partner,,\n";
    let run = with_files(&[("a.json", json), ("b.csv", csv)], &["--json", "stats"]).ok();
    let stats = run.json();
    assert_eq!(
        (stats["entities"].as_u64(), stats["projects"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(stats["participations"], 3);
    let show = with_files(&[("a.json", json), ("b.csv", csv)], &["--json", "show", "acme"])
        .ok()
        .json();
    assert_eq!(show["name"], "ACME Corporation");
    // A different name for a JSON-defined id is a conflicting definition, named as such.
    let clash = with_files(
        &[
            ("a.json", json),
            ("b.csv", "entity,entity_name,project,role\nacme,Other,plant,lead\n"),
        ],
        &["stats"],
    );
    assert_eq!(clash.code, 1);
    assert!(
        clash.stderr.contains(
            "b.csv:2:1: error: entity \"acme\": defined in a.json too, with another `name`: \"ACME Corporation\" there, \"Other\" here"
        ),
        "{}",
        clash.stderr
    );
}

/// Runs partnet on one CSV and returns its stderr, asserting exit 1.
fn csv_error(text: &str) -> String {
    let run = with_files(&[("bad.csv", text)], &["stats"]);
    assert_eq!(run.code, 1, "stdout:\n{}\nstderr:\n{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("help: "), "{}", run.stderr);
    run.stderr
}

#[test]
fn csv_errors_name_the_file_and_line() {
    let e = csv_error("entity,project\nacme,plant\n");
    assert!(
        e.starts_with("bad.csv:1:1: error: missing required column `role`"),
        "{e}"
    );
    let e = csv_error("entity,project,role,entity_nmae\nacme,plant,lead,A\n");
    assert!(
        e.starts_with("bad.csv:1:21: error: unknown column `entity_nmae`; did you mean `entity_name`?"),
        "{e}"
    );
    let e = csv_error("entity,project,role\nacme,plant,lead\nacme,plant,lead,extra\n");
    assert!(
        e.starts_with("bad.csv:3:1: error: the row has 4 fields but the header has 3"),
        "{e}"
    );
    let e = csv_error("entity,project,role,sources\nacme,plant,lead,s1;nope\n");
    assert!(
        e.starts_with("bad.csv:2:1: error:") && e.contains("unknown source \"s1\""),
        "{e}"
    );
    let e = csv_error("entity,project,role,date\nacme,plant,lead,2025\nacme,mine,lead,2025-13-01\n");
    assert!(
        e.starts_with("bad.csv:3:1: error:") && e.contains("invalid date \"2025-13-01\""),
        "{e}"
    );
    let e = csv_error("entity,entity_name,project,role\nacme,ACME,plant,lead\n\"acme\",\"Acme\nInc\",mine,lead\n");
    assert!(
        e.starts_with(
            "bad.csv:3:1: error: conflicting name for entity \"acme\": \"Acme\\nInc\" here, \"ACME\" on line 2"
        ),
        "{e}"
    );
    let e = csv_error("entity,project,project_value,role\nacme,plant,lots,lead\n");
    assert!(
        e.starts_with("bad.csv:2:1: error: project \"plant\": cannot read value \"lots\""),
        "{e}"
    );
    let e = csv_error("entity,project,role\nacme,,lead\n");
    assert!(
        e.starts_with("bad.csv:2:1: error: `role` is filled but the row names only an entity"),
        "{e}"
    );
    let e = csv_error("entity,project,role,entity_country\nacme,plant,lead,Japan\n");
    assert!(e.starts_with("bad.csv:2:1: error:") && e.contains("ISO 3166"), "{e}");
    let e = csv_error("");
    assert!(e.starts_with("bad.csv: error: the CSV file is empty"), "{e}");
    let e = csv_error("entity,project,role\nacme,acme,lead\n");
    assert!(e.contains("\"acme\" is an entity, not a project"), "{e}");
}
