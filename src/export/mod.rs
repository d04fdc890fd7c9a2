//! Interchange: the graph in the formats other tools read.
//!
//! A [`Selection`] fixes what is exported (the filtered view, or an ego network around one
//! organisation) and in which order: nodes sorted by id, edges by (entity id, project id),
//! so the same input always gives byte-identical files. Every writer streams to an
//! [`io::Write`] node by node and edge by edge; none builds the whole file in memory.
//!
//! Node and edge attributes are described once, in `attrs` ([`node_attrs`], [`edge_attrs`]
//! and the key tables), and every format writes the same ones, each in its own way: JSON as
//! typed values, GraphML and GEXF as typed keys with lists as JSON array strings, Cypher as
//! property maps. In every format node ids are the dataset ids and names are carried exactly, except
//! that the XML formats replace the characters XML 1.0 cannot carry (see the `xml` module).

mod attrs;
pub mod csv;
pub mod cypher;
pub mod ftm;
pub mod gexf;
pub mod graphml;
pub mod json;
pub mod neo4j_admin;
mod parts;
mod selection;
mod xml;

pub use attrs::{edge_attrs, node_attrs, tie_attrs, value_text, Attr, EdgeData, Type, EDGE_KEYS, NODE_KEYS};
pub use parts::{part_keys, EdgePart};
pub use selection::Selection;

use std::io;

use serde::Serialize;

/// The export formats, as the command line names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Node-link JSON, as networkx's `node_link_graph(data, edges="links")` and D3 read it.
    Json,
    /// Cytoscape.js elements JSON (Cytoscape desktop reads it as `.cyjs`).
    Cytoscape,
    /// GraphML with typed keys: networkx, Gephi, yEd, Cytoscape desktop.
    Graphml,
    /// GEXF 1.3, for Gephi.
    Gexf,
    /// One row per participation: the analyst's table, and an input partnet reads back.
    Csv,
    /// A Cypher script that loads the graph into Neo4j (or Memgraph).
    Cypher,
    /// FollowTheMoney entities, one per line: OpenSanctions, Aleph, the `ftm` tool.
    Ftm,
    /// A directory of CSV files for `neo4j-admin database import full` (needs `-o DIR`).
    #[serde(rename = "neo4j-admin")]
    Neo4jAdmin,
}

impl Format {
    /// The format a file name implies: `.json`, `.cyjs`, `.graphml`, `.gexf`, `.csv`,
    /// `.cypher` or `.cql`, and `.ftm.json`, `.ijson` or `.ftm`.
    pub fn from_extension(path: &std::path::Path) -> Option<Format> {
        if path.file_name()?.to_str().is_some_and(crate::load::ftm::is_ftm_name) {
            return Some(Format::Ftm);
        }
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "json" => Format::Json,
            "cyjs" => Format::Cytoscape,
            "graphml" => Format::Graphml,
            "gexf" => Format::Gexf,
            "csv" => Format::Csv,
            "cypher" | "cql" => Format::Cypher,
            _ => return None,
        })
    }

    /// Every format's name, as the command line spells it, joined with `sep`.
    pub fn names(sep: &str) -> String {
        use clap::ValueEnum;
        let names: Vec<String> = Format::value_variants().iter().map(Format::to_string).collect();
        names.join(sep)
    }
}

/// The format's name, as the command line spells it (clap's, derived from the variant).
impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use clap::ValueEnum;
        let value = self.to_possible_value().expect("no format is hidden");
        f.write_str(value.get_name())
    }
}

/// Writes the selection in a format.
pub fn write(format: Format, sel: &Selection, out: &mut dyn io::Write) -> io::Result<()> {
    match format {
        Format::Json => json::node_link(sel, out),
        Format::Cytoscape => json::cytoscape(sel, out),
        Format::Graphml => graphml::write(sel, out),
        Format::Gexf => gexf::write(sel, out),
        Format::Csv => csv::write(sel, out),
        Format::Cypher => cypher::write(sel, out),
        Format::Ftm => ftm::write(sel, out),
        // A directory, not a stream: `export` writes its files one by one.
        Format::Neo4jAdmin => Err(io::Error::other(
            "neo4j-admin writes a directory of files, not one stream",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_name_and_extension() {
        use clap::ValueEnum;
        for &format in Format::value_variants() {
            let name = format.to_string();
            assert_eq!(Format::from_str(&name, false), Ok(format));
            assert_eq!(serde_json::to_value(format).unwrap(), name.as_str());
            let by_extension = Format::from_extension(std::path::Path::new(&format!("x.{name}")));
            let none = matches!(format, Format::Cytoscape | Format::Neo4jAdmin);
            assert_eq!(by_extension.is_some(), !none, "{name}");
        }
        assert_eq!(
            Format::names(", "),
            "json, cytoscape, graphml, gexf, csv, cypher, ftm, neo4j-admin"
        );
        assert_eq!(
            Format::from_extension(std::path::Path::new("out.ftm.json")),
            Some(Format::Ftm)
        );
        assert_eq!(
            Format::from_extension(std::path::Path::new("a/b.GraphML")),
            Some(Format::Graphml)
        );
        assert_eq!(Format::from_extension(std::path::Path::new("b.txt")), None);
    }
}
