//! The CSV files `neo4j-admin database import full` reads: how a graph too large for
//! MERGE batches moves into Neo4j (a million organisations import in minutes, where Cypher
//! batches take hours).
//!
//! The header format follows the Neo4j Operations Manual, "Import header format"
//! (import/header-format.adoc) and "Full import" (import/full-import.adoc): each header
//! field is `<name>:<field_type>`; a node file has one `:ID` field (`id:ID` also keeps the
//! id as the property `id`) and a `:LABEL` field; a relationship file has `:START_ID`,
//! `:END_ID` and `:TYPE`; a property type is one of `int`, `long`, `float`, `double`,
//! `boolean`, `string`, ... (untyped is `string`), and `[]` after it makes an array, whose
//! items are split at the `--array-delimiter` character ("`U+XXXX` -- Unicode character
//! specified with 4 HEX characters"). Values holding the delimiter or a quote are quoted,
//! quotes doubled, as RFC 4180 says (`--quote`); values holding a newline need
//! `--multiline-fields=true`. An empty field is no property, and CSV import never
//! imports an empty array.
//!
//! Two files and a script: `nodes.csv` (every node, `:LABEL` `Entity` or `Project`, with
//! the attributes every export writes), `relationships.csv` (`PARTICIPATES_IN` from each
//! organisation to each project, with the link's attributes, then each tie of each kind
//! and direction, typed as the Cypher export types it: `OWNS`, `PARENT_OF`, `FOUNDED`, ...,
//! with its own attributes), and `import.sh`, which runs
//! the exact command. Array items are split at U+001F (the ASCII unit separator, made for
//! this and absent from text); an item that holds one has it replaced with U+FFFD.

use std::io::{self, Write};

use crate::query::facts::{Link, TieLink};

use super::cypher::relationship;
use super::{edge_attrs, node_attrs, tie_attrs, Attr, Selection, Type, EDGE_KEYS, NODE_KEYS};

/// The character between array items, as `--array-delimiter=U+001F` names it.
pub const ARRAY_DELIMITER: char = '\u{1f}';

/// The files partnet writes into the directory, in the order it writes them: the script
/// first, so that a directory a failed run left half written still bears partnet's mark.
pub const FILES: &[&str] = &[IMPORT_SCRIPT, "nodes.csv", "relationships.csv"];

/// The script that runs the import; its second line marks a directory partnet wrote.
pub const IMPORT_SCRIPT: &str = "import.sh";

/// The line of [`IMPORT_SCRIPT`] that says partnet wrote the directory.
pub const MARK: &str = "# Written by `partnet export --format neo4j-admin`: these files import into Neo4j.";

/// The attributes written as arrays (`:string[]`).
const LISTS: &[&str] = &["sectors", "aliases", "sources", "roles", "evidence", "also"];

/// The import command, run from the directory that holds the files.
pub fn command(database: &str) -> String {
    format!(
        "neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv \
         --array-delimiter=U+001F --multiline-fields=true {database}"
    )
}

/// A header field for an attribute: `name`, `name:double` or `name:string[]`.
fn field(name: &str, ty: Type) -> String {
    match ty {
        Type::Number => format!("{name}:double"),
        Type::Text if LISTS.contains(&name) => format!("{name}:string[]"),
        Type::Text => name.to_string(),
    }
}

/// An attribute's cell: a number in Rust's shortest form, a list with its items split at
/// [`ARRAY_DELIMITER`].
fn cell(value: &Attr) -> String {
    match value {
        Attr::Text(t) => t.to_string(),
        Attr::Number(n) => n.to_string(),
        Attr::List(items) => {
            let clean: Vec<String> = items.iter().map(|i| i.replace(ARRAY_DELIMITER, "\u{fffd}")).collect();
            clean.join(&ARRAY_DELIMITER.to_string())
        }
    }
}

/// The cells of `attrs` in the order of `keys`, empty where an attribute is absent.
fn cells(keys: &[(&str, Type)], attrs: &[(&str, Attr)]) -> Vec<String> {
    keys.iter()
        .map(|(k, _)| {
            attrs
                .iter()
                .find(|(a, _)| a == k)
                .map(|(_, v)| cell(v))
                .unwrap_or_default()
        })
        .collect()
}

fn writer(out: &mut dyn Write) -> ::csv::Writer<&mut dyn Write> {
    ::csv::WriterBuilder::new().from_writer(out)
}

/// `nodes.csv`: `id:ID,:LABEL,name,kind,...`, one row per node.
pub fn nodes(sel: &Selection, out: &mut dyn Write) -> io::Result<()> {
    let mut w = writer(out);
    let header = ["id:ID".to_string(), ":LABEL".to_string()]
        .into_iter()
        .chain(NODE_KEYS.iter().map(|(k, t)| field(k, *t)));
    w.write_record(header)?;
    let ds = sel.ds();
    for &n in &sel.nodes {
        let node = ds.node(n);
        let label = if node.is_project() { "Project" } else { "Entity" };
        let row = [node.id().to_string(), label.to_string()]
            .into_iter()
            .chain(cells(NODE_KEYS, &node_attrs(sel, n)));
        w.write_record(row)?;
    }
    w.flush()
}

/// `relationships.csv`: `:START_ID,:END_ID,:TYPE,roles:string[],...`, one row per link.
pub fn relationships(sel: &Selection, out: &mut dyn Write) -> io::Result<()> {
    let mut w = writer(out);
    let header = [":START_ID", ":END_ID", ":TYPE"]
        .into_iter()
        .map(String::from)
        .chain(EDGE_KEYS.iter().map(|(k, t)| field(k, *t)));
    w.write_record(header)?;
    for &e in &sel.edges {
        if sel.view.is_tie(e) {
            for tie in TieLink::of(sel.view, e) {
                let attrs = tie_attrs(std::slice::from_ref(&tie));
                let row = [tie.from.clone(), tie.to.clone(), relationship(&tie.kind)]
                    .into_iter()
                    .chain(cells(EDGE_KEYS, &attrs));
                w.write_record(row)?;
            }
            continue;
        }
        let link = Link::of(sel.view, e);
        let row = [link.entity.clone(), link.project.clone(), "PARTICIPATES_IN".to_string()]
            .into_iter()
            .chain(cells(EDGE_KEYS, &edge_attrs(&link)));
        w.write_record(row)?;
    }
    w.flush()
}

/// `import.sh`: the import, run from the files' directory, into the database named by its
/// argument (`neo4j` by default).
pub fn script(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "#!/bin/sh")?;
    writeln!(out, "{MARK}")?;
    writeln!(
        out,
        "# Usage: sh import.sh [DATABASE]  (default neo4j; the database must not exist yet, or be stopped\n\
         # and empty: see neo4j-admin's own help, and `CREATE DATABASE` it afterwards if it is new)."
    )?;
    writeln!(out, "cd \"$(dirname \"$0\")\" || exit 1")?;
    writeln!(out, "exec {}", command("\"${1:-neo4j}\""))
}

/// Writes one of [`FILES`].
pub fn write_file(name: &str, sel: &Selection, out: &mut dyn Write) -> io::Result<()> {
    match name {
        "nodes.csv" => nodes(sel, out),
        "relationships.csv" => relationships(sel, out),
        IMPORT_SCRIPT => script(out),
        other => Err(io::Error::other(format!("no neo4j-admin file {other:?}"))),
    }
}
