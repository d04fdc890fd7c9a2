//! How an input is read: by its name when the name says (`.json`, `.csv`, an FtM name), else
//! by its first bytes, so that a CSV read from a pipe (`--data -`, `/dev/stdin`) is read as
//! CSV. Formats partnet writes but does not read (GraphML, GEXF, Cytoscape, Cypher, neo4j-admin's CSV) are told
//! the same way, to say so instead of "invalid JSON".

use crate::error::Diagnostic;

use super::scan::Scan;
use super::{ftm, BOM};

/// How a file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A partnet dataset or node-link JSON (told apart by their keys).
    Json,
    Csv,
    /// FollowTheMoney: `.ftm.json`, `.ijson`, `.ftm`.
    Ftm,
    /// A format partnet writes but does not read: its name, "GraphML".
    Foreign(&'static str),
}

impl Kind {
    /// The kind of an input named `name` holding `bytes`.
    pub(super) fn of(name: &str, bytes: &[u8]) -> Kind {
        let text = bytes.strip_prefix(BOM).unwrap_or(bytes);
        let by_name = by_name(name);
        if let Some(foreign) = foreign(text) {
            // A CSV can start with no `<` or Cypher comment that partnet reads, and JSON
            // with none at all: the content wins over the name.
            return foreign;
        }
        match by_name {
            Some(Kind::Csv) => Kind::Csv,
            Some(Kind::Foreign(f)) => Kind::Foreign(f),
            // A `.json` (or a pipe) that holds an FtM stream is one.
            Some(Kind::Json) | None if ftm::looks_like(text) => Kind::Ftm,
            Some(kind) => kind,
            None => match text.iter().find(|b| !b.is_ascii_whitespace()) {
                Some(b'{' | b'[') | None => Kind::Json,
                Some(_) => Kind::Csv,
            },
        }
    }

    /// Why an input of this kind is not read, or `None` when it is.
    pub(super) fn refusal(self, label: &str) -> Option<Diagnostic> {
        let Kind::Foreign(format) = self else { return None };
        let article = if format == "XML" { "an" } else { "a" };
        Some(
            Diagnostic::error(format!(
                "this is {article} {format} file, which partnet writes but does not read"
            ))
            .file(label)
            .help(
                "give --data the JSON or CSV it was exported from, or export that again with `--format json` \
                     or `--format csv`, which --data reads back",
            ),
        )
    }
}

/// The kind a name says, if it says one.
fn by_name(name: &str) -> Option<Kind> {
    if ftm::is_ftm_name(name) {
        return Some(Kind::Ftm);
    }
    let lower = name.to_ascii_lowercase();
    let (_, ext) = lower.rsplit_once('.')?;
    Some(match ext {
        "json" => Kind::Json,
        "csv" => Kind::Csv,
        "graphml" => Kind::Foreign("GraphML"),
        "gexf" => Kind::Foreign("GEXF"),
        "cyjs" => Kind::Foreign("Cytoscape.js"),
        "cypher" | "cql" => Kind::Foreign("Cypher"),
        _ => return None,
    })
}

/// A format partnet writes but does not read, told by its first bytes.
fn foreign(text: &[u8]) -> Option<Kind> {
    let start = text.trim_ascii_start();
    if start.first() == Some(&b'<') {
        let head = &start[..start.len().min(4096)];
        let has = |tag: &[u8]| head.windows(tag.len()).any(|w| w == tag);
        return Some(Kind::Foreign(if has(b"<graphml") {
            "GraphML"
        } else if has(b"<gexf") {
            "GEXF"
        } else {
            "XML"
        }));
    }
    // neo4j-admin's nodes.csv and relationships.csv, by their typed headers.
    if start.starts_with(b"id:ID,") || start.starts_with(b":START_ID,") {
        return Some(Kind::Foreign("neo4j-admin CSV"));
    }
    // Cypher: its first statement, after any `//` comment lines, starts with a clause.
    let mut code = start;
    while code.starts_with(b"//") {
        let end = code.iter().position(|&b| b == b'\n').map_or(code.len(), |i| i + 1);
        code = code[end..].trim_ascii_start();
    }
    let word: Vec<u8> = code
        .iter()
        .take_while(|b| b.is_ascii_alphabetic())
        .map(u8::to_ascii_uppercase)
        .collect();
    let spaced = code.get(word.len()).is_some_and(u8::is_ascii_whitespace);
    if spaced && [&b"CREATE"[..], b"MERGE", b"UNWIND", b"MATCH"].contains(&&word[..]) {
        return Some(Kind::Foreign("Cypher"));
    }
    // Cytoscape.js JSON: its first key is one no dataset, node-link JSON or FtM has.
    let mut s = Scan::new(start);
    if s.eat(b'{') {
        s.ws();
        if s.plain()
            .is_some_and(|key| ["format_version", "generated_by", "elements"].contains(&key))
        {
            return Some(Kind::Foreign("Cytoscape.js"));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_says_else_the_first_bytes_do() {
        assert_eq!(Kind::of("t.csv", b"{"), Kind::Csv);
        assert_eq!(Kind::of("t.JSON", b"entity,project,role\n"), Kind::Json);
        assert_eq!(Kind::of("/dev/stdin", b"entity,project,role\n"), Kind::Csv);
        assert_eq!(Kind::of("<stdin>", b"\xef\xbb\xbfentity,project,role\n"), Kind::Csv);
        assert_eq!(Kind::of("/dev/stdin", b"  {\"entities\": []}"), Kind::Json);
        assert_eq!(Kind::of("/dev/stdin", b"[]"), Kind::Json);
        assert_eq!(Kind::of("/dev/stdin", b""), Kind::Json);
        assert_eq!(
            Kind::of("/dev/fd/3", b"{\"id\": \"x\", \"schema\": \"Company\"}"),
            Kind::Ftm
        );
        assert_eq!(Kind::of("x.ftm", b"{}"), Kind::Ftm);
        assert_eq!(Kind::of("data.v2", b"entity,project,role\n"), Kind::Csv);
    }

    #[test]
    fn formats_partnet_only_writes_are_told() {
        let graphml = b"<?xml version=\"1.0\"?>\n<graphml xmlns=\"x\">";
        assert_eq!(Kind::of("t.json", graphml), Kind::Foreign("GraphML"));
        assert_eq!(Kind::of("-", b"<?xml version=\"1.0\"?><gexf>"), Kind::Foreign("GEXF"));
        assert_eq!(Kind::of("-", b"<html>"), Kind::Foreign("XML"));
        assert_eq!(Kind::of("t.graphml", b"garbage"), Kind::Foreign("GraphML"));
        assert_eq!(
            Kind::of("-", b"// partnet graph\nCREATE INDEX"),
            Kind::Foreign("Cypher")
        );
        assert_eq!(Kind::of("-", b"MERGE (n:Entity {id: 1})"), Kind::Foreign("Cypher"));
        // JSON with a comment is no Cypher (and no JSON partnet reads either).
        assert_eq!(Kind::of("t.json", b"// a note\n{\"entities\": []}"), Kind::Json);
        assert_eq!(Kind::of("t.cql", b""), Kind::Foreign("Cypher"));
        assert_eq!(
            Kind::of("nodes.csv", b"id:ID,:LABEL,name\n"),
            Kind::Foreign("neo4j-admin CSV")
        );
        assert_eq!(
            Kind::of("r.csv", b":START_ID,:END_ID,:TYPE\n"),
            Kind::Foreign("neo4j-admin CSV")
        );
        let cyjs = b"{\"format_version\": \"1.0\", \"data\": {}}";
        assert_eq!(Kind::of("t.json", cyjs), Kind::Foreign("Cytoscape.js"));
        // A CSV whose first column merely starts like a keyword is a CSV.
        assert_eq!(Kind::of("-", b"created,project,role\n"), Kind::Csv);
        assert_eq!(Kind::of("-", b"merge,x\n"), Kind::Csv);
        let d = Kind::Foreign("GraphML").refusal("t.graphml").unwrap();
        assert_eq!(
            d.message,
            "this is a GraphML file, which partnet writes but does not read"
        );
        assert!(Kind::Csv.refusal("t.csv").is_none());
    }
}
