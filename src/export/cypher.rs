//! A Cypher script that loads the graph into Neo4j 5 (`cypher-shell -f FILE`) or Memgraph.
//!
//! The script creates uniqueness constraints on the ids, then MERGEs the nodes as
//! `:Entity` / `:Project` and the links as `(:Entity)-[:PARTICIPATES_IN]->(:Project)`, in
//! `UNWIND` batches of [`BATCH`] rows, so running it twice changes nothing. Every value is a
//! literal written by [`string`] or as a number: data never becomes Cypher code.
//!
//! Memgraph has no `CREATE CONSTRAINT ... IF NOT EXISTS`; the script carries its
//! `CREATE CONSTRAINT ON (n:Entity) ASSERT n.id IS UNIQUE;` form as a comment to swap in.

use std::io::{self, Write};

use crate::query::facts::{Link, TieLink};

use super::{edge_attrs, node_attrs, tie_attrs, Attr, Selection};

/// Rows per `UNWIND` statement.
pub const BATCH: usize = 1000;

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
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
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

fn literal(value: &Attr) -> String {
    match value {
        Attr::Text(t) => string(t),
        Attr::Number(n) => number(*n),
        Attr::List(items) => {
            let items: Vec<String> = items.iter().map(|s| string(s)).collect();
            format!("[{}]", items.join(", "))
        }
    }
}

/// `{key: literal, ...}`; keys are fixed identifiers, never data.
fn map(fields: &[(&str, Attr)]) -> String {
    let fields: Vec<String> = fields.iter().map(|(k, v)| format!("{k}: {}", literal(v))).collect();
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

pub fn write(sel: &Selection, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(
        b"// partnet graph: run with `cypher-shell -f FILE` (Neo4j 5) or `mgconsole < FILE` (Memgraph).\n\
// Memgraph: replace the two constraints with\n\
//   CREATE CONSTRAINT ON (n:Entity) ASSERT n.id IS UNIQUE;\n\
//   CREATE CONSTRAINT ON (n:Project) ASSERT n.id IS UNIQUE;\n\
CREATE CONSTRAINT partnet_entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;\n\
CREATE CONSTRAINT partnet_project_id IF NOT EXISTS FOR (n:Project) REQUIRE n.id IS UNIQUE;\n",
    )?;
    let ds = sel.ds();
    for (label, projects) in [("Entity", false), ("Project", true)] {
        let rows = sel
            .nodes
            .iter()
            .filter(|&&n| ds.node(n).is_project() == projects)
            .map(|&n| {
                let mut fields = vec![("id", Attr::Text(ds.node(n).id().into()))];
                fields.extend(node_attrs(sel.view, n));
                map(&fields)
            });
        batches(out, rows, &format!("MERGE (n:{label} {{id: row.id}}) SET n += row"))?;
    }
    let rows = sel.edges.iter().filter(|&&e| !sel.view.is_tie(e)).map(|&e| {
        let link = Link::of(sel.view, e);
        let props = map(&edge_attrs(&link));
        format!(
            "{{entity: {}, project: {}, props: {props}}}",
            string(&link.entity),
            string(&link.project)
        )
    });
    batches(
        out,
        rows,
        "MATCH (e:Entity {id: row.entity}), (p:Project {id: row.project})\n\
MERGE (e)-[r:PARTICIPATES_IN]->(p) SET r += row.props",
    )?;
    // One relationship per tie kind and direction, of a type named for the kind; rows are
    // grouped by type (Cypher cannot take a relationship type from data), in kind order.
    let mut by_type: std::collections::BTreeMap<String, Vec<String>> = std::collections::BTreeMap::new();
    for &e in sel.edges.iter().filter(|&&e| sel.view.is_tie(e)) {
        for tie in TieLink::of(sel.view, e) {
            let props = map(&tie_attrs(std::slice::from_ref(&tie)));
            let row = format!(
                "{{from: {}, to: {}, props: {props}}}",
                string(&tie.from),
                string(&tie.to)
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
MERGE (a)-[r:{rel} {{kind: row.props.kind}}]->(b) SET r += row.props"
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
    fn numbers_are_float_literals() {
        assert_eq!(number(1e11), "100000000000.0");
        assert_eq!(number(2.5e9), "2500000000.0");
        assert_eq!(number(0.5), "0.5");
    }
}
