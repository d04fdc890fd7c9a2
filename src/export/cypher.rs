//! A Cypher script that loads the graph into an openCypher engine: FalkorDB, Neo4j 5
//! (`cypher-shell -f FILE`), Memgraph.
//!
//! The script indexes the ids, then MERGEs the nodes as `:Entity` / `:Project` and the
//! links as `(:Entity)-[:PARTICIPATES_IN]->(:Project)`, in `UNWIND` batches of [`BATCH`]
//! rows, so running it twice leaves the same graph. Every value is a literal written by
//! [`string`] or as a number: data never becomes Cypher code.
//!
//! Two dialects ([`Dialect`]): the default, `opencypher`, runs unchanged on FalkorDB and on
//! Neo4j: `CREATE INDEX FOR (n:Entity) ON (n.id)` (an engine without an id index takes
//! hours to MERGE a large graph), which both read and, run a second time, refuse with an
//! "already indexed" error and nothing else changed; and strings that FalkorDB decodes
//! (it has no `\uXXXX` escape). `neo4j` writes Neo4j's uniqueness constraints instead, with
//! `IF NOT EXISTS`, which FalkorDB refuses. Memgraph wants `CREATE INDEX ON :Entity(id);`,
//! which the script carries as a comment to swap in.

use std::io::{self, Write};

use crate::query::facts::{Link, TieLink};

use super::{edge_attrs, node_attrs, tie_attrs, Attr, Selection};

/// Rows per `UNWIND` statement.
pub const BATCH: usize = 1000;

/// Which engines a script is written for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Dialect {
    /// Runs on FalkorDB and Neo4j 5: id indexes, strings without `\u` escapes.
    #[default]
    Opencypher,
    /// Neo4j 5 only: uniqueness constraints on the ids (`CREATE CONSTRAINT ... REQUIRE`).
    Neo4j,
}

/// A string literal as the dialect writes it: [`string`] for Neo4j; for openCypher the
/// same but that control characters other than newline, return and tab go in as they are
/// (FalkorDB keeps `\u001b` as six characters, and reads the character itself), except
/// NUL, which no engine written in C can take inside a query: it stays `\u0000`, which
/// Neo4j reads as NUL and FalkorDB as those six characters.
pub fn string_for(text: &str, dialect: Dialect) -> String {
    quote(text, |c| dialect == Dialect::Neo4j || c == '\0')
}

/// A Cypher string literal in double quotes.
///
/// The Cypher manual's escapes are `\t \b \n \r \f \' \" \\ \uXXXX \UXXXXXXXX`; this writes
/// `\"` and `\\`, `\n`, `\r` and `\t`, and every other control character (C0, DEL, C1) as
/// `\uXXXX`, and everything else as itself (Cypher source is Unicode). The result is also
/// a valid JSON string, which the tests use to check that it decodes to the input.
///
/// ```
/// use partnet::export::cypher::string;
/// assert_eq!(string("a\"b\\c\nd\u{1b}東芝"), r#""a\"b\\c\nd\u001b東芝""#);
/// ```
pub fn string(text: &str) -> String {
    quote(text, |_| true)
}

/// `text` in double quotes with `\"`, `\\`, `\n`, `\r` and `\t` escaped, and each other
/// control character written as `\uXXXX` where `escape` says so, else as itself.
fn quote(text: &str, escape: impl Fn(char) -> bool) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() && escape(c) => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A float literal Cypher and Memgraph read as a float: `100000000000.0`, `1e21`.
fn number(n: f64) -> String {
    format!("{n:?}")
}

fn literal(value: &Attr, dialect: Dialect) -> String {
    match value {
        Attr::Text(t) => string_for(t, dialect),
        Attr::Number(n) => number(*n),
        Attr::List(items) => {
            let items: Vec<String> = items.iter().map(|s| string_for(s, dialect)).collect();
            format!("[{}]", items.join(", "))
        }
    }
}

/// `{key: literal, ...}`; keys are fixed identifiers, never data.
fn map(fields: &[(&str, Attr)], dialect: Dialect) -> String {
    let fields: Vec<String> = fields
        .iter()
        .map(|(k, v)| format!("{k}: {}", literal(v, dialect)))
        .collect();
    format!("{{{}}}", fields.join(", "))
}

/// Writes `rows` as `UNWIND [...] AS row <body>;` statements of at most [`BATCH`] rows.
fn batches(out: &mut dyn Write, rows: impl Iterator<Item = String>, body: &str) -> io::Result<()> {
    let mut rows = rows.peekable();
    while rows.peek().is_some() {
        out.write_all(b"UNWIND [\n")?;
        for (i, row) in rows.by_ref().take(BATCH).enumerate() {
            if i > 0 {
                out.write_all(b",\n")?;
            }
            out.write_all(row.as_bytes())?;
        }
        writeln!(out, "\n] AS row\n{body};")?;
    }
    Ok(())
}

/// The script in the default dialect ([`Dialect::Opencypher`]).
pub fn write(sel: &Selection, out: &mut dyn Write) -> io::Result<()> {
    write_dialect(sel, Dialect::default(), out)
}

pub fn write_dialect(sel: &Selection, dialect: Dialect, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(match dialect {
        Dialect::Neo4j => {
            b"// partnet graph: run with `cypher-shell -f FILE` (Neo4j 5) or `mgconsole < FILE` (Memgraph).\n\
// Memgraph: replace the two constraints with\n\
//   CREATE CONSTRAINT ON (n:Entity) ASSERT n.id IS UNIQUE;\n\
//   CREATE CONSTRAINT ON (n:Project) ASSERT n.id IS UNIQUE;\n\
CREATE CONSTRAINT partnet_entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;\n\
CREATE CONSTRAINT partnet_project_id IF NOT EXISTS FOR (n:Project) REQUIRE n.id IS UNIQUE;\n"
        }
        Dialect::Opencypher => {
            b"// partnet graph (openCypher): runs on FalkorDB and Neo4j 5 (`cypher-shell -f FILE`).\n\
// The id indexes make MERGE fast; run again, the two CREATE INDEX fail (already indexed)\n\
// and the rest leaves the same graph. Memgraph: replace them with\n\
//   CREATE INDEX ON :Entity(id);\n\
//   CREATE INDEX ON :Project(id);\n\
CREATE INDEX FOR (n:Entity) ON (n.id);\n\
CREATE INDEX FOR (n:Project) ON (n.id);\n"
        }
    })?;
    let ds = sel.ds();
    for (label, projects) in [("Entity", false), ("Project", true)] {
        let rows = sel
            .nodes
            .iter()
            .filter(|&&n| ds.node(n).is_project() == projects)
            .map(|&n| {
                let mut fields = vec![("id", Attr::Text(ds.node(n).id().into()))];
                fields.extend(node_attrs(sel, n));
                map(&fields, dialect)
            });
        batches(out, rows, &format!("MERGE (n:{label} {{id: row.id}}) SET n += row"))?;
    }
    let rows = sel.edges.iter().filter(|&&e| !sel.view.is_tie(e)).map(|&e| {
        let link = Link::of(sel.view, e);
        let props = map(&edge_attrs(&link), dialect);
        format!(
            "{{entity: {}, project: {}, props: {props}}}",
            string_for(&link.entity, dialect),
            string_for(&link.project, dialect)
        )
    });
    batches(
        out,
        rows,
        "MATCH (e:Entity {id: row.entity}), (p:Project {id: row.project})\n\
MERGE (e)-[r:PARTICIPATES_IN]->(p) SET r += row.props",
    )?;
    // One relationship per tie (records that say the same thing merged, see `TieLink::of`),
    // of a type named for its kind, told apart within a pair by its `place` there, so that a
    // second run merges into the same ones; rows are grouped by type (Cypher cannot take a
    // relationship type from data), in type order.
    let mut by_type: std::collections::BTreeMap<String, Vec<String>> = std::collections::BTreeMap::new();
    for &e in sel.edges.iter().filter(|&&e| sel.view.is_tie(e)) {
        for (place, tie) in TieLink::of(sel.view, e).into_iter().enumerate() {
            let props = map(&tie_attrs(std::slice::from_ref(&tie)), dialect);
            let row = format!(
                "{{from: {}, to: {}, place: {place}, props: {props}}}",
                string_for(&tie.from, dialect),
                string_for(&tie.to, dialect)
            );
            by_type.entry(relationship(&tie.kind)).or_default().push(row);
        }
    }
    for (rel, rows) in by_type {
        batches(
            out,
            rows.into_iter(),
            &format!(
                "MATCH (a:Entity {{id: row.from}}), (b:Entity {{id: row.to}})\n\
MERGE (a)-[r:{rel} {{kind: row.props.kind, place: row.place}}]->(b) SET r += row.props"
            ),
        )?;
    }
    Ok(())
}

/// The relationship type of a tie kind: `OWNS` for owner, `PARENT_OF`, `JOINT_VENTURE_OF`,
/// `FOUNDED`, `EXECUTIVE_OF`, `DIRECTOR_OF`, `MEMBER_OF`, `PARTNER_OF`, `FAMILY_OF`, `PAID`
/// (payer); any other kind is `TIE`, with the kind in its `kind` property. Never data: the
/// type is one of these fixed words.
pub fn relationship(kind: &str) -> String {
    match kind {
        "owner" => "OWNS",
        "parent" => "PARENT_OF",
        "joint-venture" => "JOINT_VENTURE_OF",
        "founder" => "FOUNDED",
        "executive" => "EXECUTIVE_OF",
        "director" => "DIRECTOR_OF",
        "member" => "MEMBER_OF",
        "partner" => "PARTNER_OF",
        "family" => "FAMILY_OF",
        "payer" => "PAID",
        _ => "TIE",
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_literals_decode_to_the_input() {
        let hostile = [
            "",
            "plain",
            "\"quoted\"",
            "back\\slash",
            "\\\"",
            "line\nbreak\r\n",
            "tab\there",
            "esc\u{1b}[31m",
            "nul\u{0}bell\u{7}del\u{7f}c1\u{85}",
            "'single' `back` ${x} {braces} -- // /* */",
            "東芝 \u{2028}\u{2029} 🦀",
            "\\u0041 is not A",
        ];
        for text in hostile {
            let lit = string(text);
            assert!(lit.starts_with('"') && lit.ends_with('"'));
            // Outside escapes, no raw quote, backslash or control character.
            assert!(!lit.chars().any(|c| c.is_control()), "{lit}");
            let decoded: String = serde_json::from_str(&lit).unwrap();
            assert_eq!(decoded, text);
        }
    }

    #[test]
    fn opencypher_strings_carry_control_characters_as_themselves() {
        assert_eq!(
            string_for("a\"b\\c\nd\u{1b}\u{0}東", Dialect::Opencypher),
            "\"a\\\"b\\\\c\\nd\u{1b}\\u0000東\""
        );
        assert_eq!(string_for("x\u{1b}", Dialect::Neo4j), string("x\u{1b}"));
    }

    #[test]
    fn numbers_are_float_literals() {
        assert_eq!(number(1e11), "100000000000.0");
        assert_eq!(number(2.5e9), "2500000000.0");
        assert_eq!(number(0.5), "0.5");
    }
}
