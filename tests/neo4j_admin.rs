//! `export --format neo4j-admin -o DIR`: the CSV files `neo4j-admin database import full`
//! reads, checked against the header format of the Neo4j Operations Manual ("Import header
//! format", "Full import") and against `stats`; the directory is written without destroying
//! anything partnet did not write. Also `--dialect`, the Cypher export's choice of engine.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{fixture, root, run_on};
use serde_json::Value as Json;

/// The property types the manual lists, and `[]` for arrays.
const TYPES: &[&str] = &[
    "int",
    "long",
    "float",
    "double",
    "boolean",
    "byte",
    "short",
    "char",
    "string",
    "point",
    "date",
    "localtime",
    "time",
    "localdatetime",
    "datetime",
    "duration",
];

/// Checks a header row as the manual defines it, and returns (name, type, is array) of each
/// property field; the special fields are named by their `:`-type.
fn header(fields: &csv::StringRecord) -> Vec<(String, String, bool)> {
    fields
        .iter()
        .map(|f| {
            let (name, ty) = f.split_once(':').unwrap_or((f, "string"));
            if ["ID", "LABEL", "START_ID", "END_ID", "TYPE"].contains(&ty) {
                return (name.to_string(), format!(":{ty}"), false);
            }
            let (ty, array) = match ty.strip_suffix("[]") {
                Some(t) => (t, true),
                None => (ty, false),
            };
            assert!(TYPES.contains(&ty), "type {ty:?} of {f:?}");
            assert!(!name.is_empty(), "a property field needs its name: {f:?}");
            (name.to_string(), ty.to_string(), array)
        })
        .collect()
}

fn read(path: &Path) -> (Vec<(String, String, bool)>, Vec<csv::StringRecord>) {
    let mut reader = csv::ReaderBuilder::new().from_path(path).unwrap();
    let head = header(reader.headers().unwrap());
    let rows = reader.records().map(|r| r.unwrap()).collect();
    (head, rows)
}

#[test]
fn the_files_follow_the_import_header_format_and_hold_the_stats_counts() {
    for data in [
        root().join("data/us-japan-2025.json"),
        fixture("hostile.json"),
        fixture("hostile-interchange.json"),
        fixture("florentine.json"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("neo4j");
        let run = run_on(
            &data,
            &["export", "--format", "neo4j-admin", "-o", out.to_str().unwrap()],
        )
        .ok();
        assert!(
            run.stdout
                .contains("neo4j-admin database import full --nodes=nodes.csv"),
            "{}",
            run.stdout
        );
        let stats = run_on(&data, &["--json", "stats"]).ok().json();
        let count = |k: &str| stats[k].as_u64().unwrap() as usize;

        let (head, rows) = read(&out.join("nodes.csv"));
        let kinds: Vec<&str> = head.iter().map(|(_, t, _)| t.as_str()).collect();
        assert_eq!(kinds.iter().filter(|t| **t == ":ID").count(), 1);
        assert_eq!(kinds.iter().filter(|t| **t == ":LABEL").count(), 1);
        assert_eq!(
            head[0],
            ("id".into(), ":ID".into(), false),
            "the id kept as the property `id`"
        );
        let typed: BTreeMap<&str, (&str, bool)> = head.iter().map(|(n, t, a)| (n.as_str(), (t.as_str(), *a))).collect();
        assert_eq!(typed["value_usd"], ("double", false));
        assert_eq!(typed["aliases"], ("string", true));
        assert_eq!(rows.len(), count("nodes"));
        let label = head.iter().position(|(_, t, _)| t == ":LABEL").unwrap();
        let labelled = |l: &str| rows.iter().filter(|r| &r[label] == l).count();
        assert_eq!(
            (labelled("Entity"), labelled("Project")),
            (count("entities"), count("projects"))
        );

        let (rhead, rels) = read(&out.join("relationships.csv"));
        let rkinds: Vec<&str> = rhead.iter().map(|(_, t, _)| t.as_str()).collect();
        assert_eq!(&rkinds[..3], [":START_ID", ":END_ID", ":TYPE"]);
        let participations = rels.iter().filter(|r| &r[2] == "PARTICIPATES_IN").count();
        assert_eq!(participations, count("edges") - count("ties"));

        // The ids, names and lists are the JSON export's, arrays split at U+001F.
        let doc: Json = serde_json::from_str(&run_on(&data, &["export", "--format", "json"]).ok().stdout).unwrap();
        // A relationship per tie kind and direction, typed as Cypher types it.
        let tie_kinds: Vec<String> = doc["links"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|l| l["type"] == "tie")
            .flat_map(|l| {
                let also = l["also"].as_array().cloned().unwrap_or_default();
                std::iter::once(l["kind"].clone()).chain(also)
            })
            .map(|k| k.as_str().unwrap().to_string())
            .collect();
        let tie_rows: Vec<&str> = rels
            .iter()
            .filter(|r| &r[2] != "PARTICIPATES_IN")
            .map(|r| &r[2])
            .collect();
        assert_eq!(tie_rows.len(), tie_kinds.len());
        let types = |kind: &str| partnet::export::cypher::relationship(kind);
        let mut want: Vec<String> = tie_kinds.iter().map(|k| types(k)).collect();
        let mut got: Vec<String> = tie_rows.iter().map(|t| t.to_string()).collect();
        want.sort();
        got.sort();
        assert_eq!(got, want);

        let aliases = head.iter().position(|(n, ..)| n == "aliases").unwrap();
        let name = head.iter().position(|(n, ..)| n == "name").unwrap();
        for (row, node) in rows.iter().zip(doc["nodes"].as_array().unwrap()) {
            assert_eq!(&row[0], node["id"].as_str().unwrap());
            assert_eq!(&row[name], node["name"].as_str().unwrap());
            let want: Vec<&str> = node["aliases"]
                .as_array()
                .map(|a| a.iter().map(|x| x.as_str().unwrap()).collect())
                .unwrap_or_default();
            let got: Vec<&str> = if row[aliases].is_empty() {
                Vec::new()
            } else {
                row[aliases].split('\u{1f}').collect()
            };
            assert_eq!(got, want);
        }
        let ids: std::collections::BTreeSet<&str> = rows.iter().map(|r| &r[0]).collect();
        assert!(
            rels.iter().all(|r| ids.contains(&r[0]) && ids.contains(&r[1])),
            "no dangling relationship"
        );
        let script = std::fs::read_to_string(out.join("import.sh")).unwrap();
        assert!(
            script.contains("--array-delimiter=U+001F --multiline-fields=true"),
            "{script}"
        );
    }
}

#[test]
fn the_directory_is_written_without_destroying_what_partnet_did_not_write() {
    let dir = tempfile::tempdir().unwrap();
    let data = root().join("data/us-japan-2025.json");
    let export = |out: &Path| {
        run_on(
            &data,
            &["export", "--format", "neo4j-admin", "-o", out.to_str().unwrap()],
        )
    };
    // New (with its parents), then again over partnet's own files.
    let out = dir.path().join("a/b/neo4j");
    export(&out).ok();
    let first = std::fs::read(out.join("nodes.csv")).unwrap();
    export(&out).ok();
    assert_eq!(std::fs::read(out.join("nodes.csv")).unwrap(), first, "the same bytes");
    let names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 3, "no temporary file left: {names:?}");
    // An empty directory keeps its mode.
    use std::os::unix::fs::PermissionsExt;
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    std::fs::set_permissions(&empty, std::fs::Permissions::from_mode(0o750)).unwrap();
    export(&empty).ok();
    assert_eq!(std::fs::metadata(&empty).unwrap().permissions().mode() & 0o777, 0o750);
    // A directory holding anything else is refused, and left as it was.
    let theirs = dir.path().join("theirs");
    std::fs::create_dir(&theirs).unwrap();
    std::fs::write(theirs.join("nodes.csv"), "mine").unwrap();
    let run = export(&theirs);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("without partnet's mark"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(theirs.join("nodes.csv")).unwrap(), "mine");
    std::fs::write(theirs.join("notes.txt"), "keep").unwrap();
    let run = export(&theirs);
    assert!(
        run.stderr.contains("it holds files partnet did not write (notes.txt)"),
        "{}",
        run.stderr
    );
    // A file, a directory holding an input, and no -o at all.
    let file = dir.path().join("file");
    std::fs::write(&file, "x").unwrap();
    assert!(export(&file).stderr.contains("it is not a directory"));
    let inputs = dir.path().join("inputs");
    std::fs::create_dir(&inputs).unwrap();
    std::fs::copy(&data, inputs.join("d.json")).unwrap();
    let run = run_on(
        &inputs,
        &["export", "--format", "neo4j-admin", "-o", inputs.to_str().unwrap()],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(run_on(&data, &["export", "--format", "neo4j-admin"]).code, 2);
}

#[test]
fn the_dialect_is_for_cypher_only() {
    let data = root().join("data/us-japan-2025.json");
    let run = run_on(&data, &["export", "--format", "json", "--dialect", "neo4j"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("--dialect is for --format cypher"),
        "{}",
        run.stderr
    );
    let neo4j = run_on(&data, &["export", "--format", "cypher", "--dialect", "neo4j"])
        .ok()
        .stdout;
    assert!(neo4j.contains("REQUIRE n.id IS UNIQUE") && !neo4j.contains("CREATE INDEX FOR"));
    let open = run_on(&data, &["export", "--format", "cypher"]).ok().stdout;
    assert!(open.contains("CREATE INDEX FOR (n:Entity) ON (n.id);") && !open.contains("CREATE CONSTRAINT partnet"));
    // openCypher strings carry control characters as themselves, NUL as \u0000.
    let hostile = run_on(&fixture("hostile-interchange.json"), &["export", "--format", "cypher"])
        .ok()
        .stdout;
    assert!(hostile.contains("esc\u{1b}[31mred\u{7}bell\\u0000nul"), "{hostile}");
}
