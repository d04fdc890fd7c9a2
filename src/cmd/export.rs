//! `partnet export`: the graph in a format other tools read (networkx, D3, Cytoscape,
//! Gephi, yEd, Neo4j, spreadsheets), honouring the filters, optionally cut down to the ego
//! network of one organisation.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::{Diagnostic, Error};
use crate::export::cypher::Dialect;
use crate::export::{self, Format, Selection};
use crate::names::resolve;
use crate::output::{emit, Report};
use crate::text::clean;
use crate::write::Target;

use super::{Context, Outcome};

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Formats: json (node-link: networkx, D3; `--data` reads it back), cytoscape (Cytoscape.js / .cyjs), graphml \
(networkx, Gephi, yEd, Cytoscape), gexf (Gephi), csv (one row per participation; `--data FILE.csv` reads it back), \
cypher (FalkorDB, Neo4j, Memgraph), ftm (FollowTheMoney: OpenSanctions, Aleph; `--data` reads it back), \
neo4j-admin (-o DIR: the CSV files of `neo4j-admin database import full`).\nWithout --format, the format follows the extension of -o: .json .cyjs .graphml .gexf \
.csv .cypher .cql .ftm.json .ijson .ftm\nWith --format, the extension of -o (after its last dot) must not name another \
format: .json fits every JSON format, .ftm.json too (FtM by convention only), but --format csv -o out.json is refused"
)]
pub struct Args {
    /// Output format [default: from the -o extension].
    #[arg(long, short = 'f', value_name = "FORMAT", value_enum)]
    pub format: Option<Format>,
    /// Write to FILE (atomically) instead of stdout (`-o -` is stdout); for neo4j-admin, the
    /// directory of its files (new, empty, or an earlier neo4j-admin export of partnet's).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Export only the ego network of this organisation or project: it, its partners (or
    /// participants) within --depth, and the projects linking them, as `diagram --focus`.
    #[arg(long, value_name = "NAME")]
    pub focus: Option<String>,
    /// Project hops from --focus (1 = direct partners).
    #[arg(long, default_value_t = 1, requires = "focus", value_parser = clap::value_parser!(u32).range(1..))]
    pub depth: u32,
    /// Cypher for: opencypher (FalkorDB and Neo4j 5: id indexes) or neo4j (Neo4j 5 only:
    /// uniqueness constraints).
    #[arg(long, value_enum, default_value_t = Dialect::Opencypher, value_name = "DIALECT")]
    pub dialect: Dialect,
}

/// What an export to a file wrote.
#[derive(Debug, Serialize)]
pub struct Written {
    pub format: Format,
    pub path: String,
    pub nodes: usize,
    pub edges: usize,
    /// For neo4j-admin: the command that imports the files, run in their directory.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub import: Option<String>,
}

impl Report for Written {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(
            out,
            "wrote {} and {} to {} ({})",
            crate::text::plural(self.nodes, "node"),
            crate::text::plural(self.edges, "edge"),
            clean(&self.path),
            self.format
        )?;
        if let Some(import) = &self.import {
            writeln!(
                out,
                "import them with `sh {}/import.sh`, which runs
  {import}",
                clean(&self.path)
            )?;
        }
        Ok(())
    }
}

/// The format asked for, or the one the output file's extension implies.
pub fn format_of(format: Option<Format>, output: Option<&Path>) -> Result<Format, Error> {
    if let Some(f) = format {
        // --format wins over what the file name suggests, unless its extension (what follows
        // its last dot) names another format, as `--format csv -o out.json`. `.json` fits
        // every JSON format (node-link, Cytoscape, FtM), and one partnet does not know is
        // fine. `.ftm.json` says FtM by convention only: its extension is `.json`.
        let named = output.and_then(extension_format);
        let json_family = matches!(f, Format::Cytoscape | Format::Ftm);
        return match named {
            Some(named) if named != f && !(named == Format::Json && json_family) => Err(Error::usage(format!(
                "--format {f} and -o {}, whose extension says {named}, conflict",
                output.map(Path::display).expect("an extension comes from -o")
            ))
            .with_help("give one of them: drop --format (the extension decides), or rename the file")),
            _ => Ok(f),
        };
    }
    let help = format!("pass --format {}", Format::names("|"));
    match output {
        None => Err(Error::usage("export needs a format").with_help(help)),
        Some(path) => Format::from_extension(path).ok_or_else(|| {
            Error::usage(format!(
                "cannot tell the format from the file name {:?}",
                path.display().to_string()
            ))
            .with_help(format!(
                "{help}, or name the file .json, .cyjs, .graphml, .gexf, .csv, .cypher or .ftm.json"
            ))
        }),
    }
}

/// The format the extension of `path` names, what follows its last dot: `.ftm.json` is a
/// `.json`, which [`Format::from_extension`] reads as FtM when no `--format` is given.
fn extension_format(path: &Path) -> Option<Format> {
    let json = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"));
    match Format::from_extension(path)? {
        Format::Ftm if json => Some(Format::Json),
        named => Some(named),
    }
}

pub fn run(ctx: &Context, args: &Args, out: &mut dyn Write) -> Result<Outcome, Error> {
    let output = super::output_file(args.output.as_deref());
    let format = format_of(args.format, output)?;
    if args.dialect != Dialect::default() && format != Format::Cypher {
        return Err(Error::usage(format!("--dialect is for --format cypher, not {format}"))
            .with_help("drop --dialect, or pass --format cypher"));
    }
    let write = |sel: &Selection, w: &mut dyn Write| match format {
        Format::Cypher => export::cypher::write_dialect(sel, args.dialect, w),
        _ => export::write(format, sel, w),
    };
    if format == Format::Neo4jAdmin {
        return neo4j_admin(ctx, args, out);
    }
    // Checked before the work: an output that would replace an input is refused at once.
    let target = output.map(|p| Target::new(p, &ctx.inputs)).transpose()?;
    if let Some(warning) = target.as_ref().and_then(Target::warning) {
        eprintln!("{warning}");
    }
    if let Some(path) = output.filter(|&p| format == Format::Json && Format::from_extension(p) == Some(Format::Ftm)) {
        eprintln!(
            "{}",
            Diagnostic::warning(
                "--data reads a file of this name as FollowTheMoney, not as the node-link JSON written here"
            )
            .file(path.display().to_string())
            .help("name it .json to read it back with --data")
        );
    }
    let session = ctx.session()?;
    let view = session.view_about(&focus(&session, args)?);
    let selection = select(&view, args)?;
    match (output, &target) {
        (Some(path), Some(target)) => {
            target.write(|w| write(&selection, w))?;
            if target.is_stdout() {
                return Ok(Outcome::Found);
            }
            let written = Written {
                format,
                path: path.display().to_string(),
                nodes: selection.nodes.len(),
                edges: selection.edges_written(format),
                import: None,
            };
            emit(&written, ctx.json, out)?;
        }
        _ => write(&selection, out)?,
    }
    Ok(Outcome::Found)
}

/// The node `--focus` names, if any: the subject of the export, which the filters do not
/// hide for its own country, kind or sector ([`crate::filter::View::with_subjects`]).
fn focus(session: &super::Session, args: &Args) -> Result<Vec<crate::model::NodeId>, Error> {
    args.focus.iter().map(|name| resolve(&session.dataset, name)).collect()
}

/// What the export writes: the view, or the ego network `--focus` asks for (around an
/// organisation or a project, as `diagram --focus` draws it).
fn select<'v, 'a>(view: &'v crate::filter::View<'a>, args: &Args) -> Result<Selection<'v, 'a>, Error> {
    Ok(match &args.focus {
        None => Selection::all(view),
        Some(name) => Selection::ego(view, view.require(resolve(view.ds, name)?)?, args.depth),
    })
}

/// `--format neo4j-admin -o DIR`: the CSV files and the script that imports them.
fn neo4j_admin(ctx: &Context, args: &Args, out: &mut dyn Write) -> Result<Outcome, Error> {
    use crate::export::neo4j_admin::{command, write_file, FILES, IMPORT_SCRIPT, MARK};
    use crate::write::dir::DirTarget;
    let Some(path) = super::output_file(args.output.as_deref()) else {
        return Err(Error::usage("neo4j-admin writes a directory of files, not one stream")
            .with_help("pass -o DIR: a new or empty directory"));
    };
    // Checked before the work, as a file is.
    let target = DirTarget::new(path, &ctx.inputs, FILES, (IMPORT_SCRIPT, MARK))?;
    let session = ctx.session()?;
    let view = session.view_about(&focus(&session, args)?);
    let selection = select(&view, args)?;
    target.write(FILES, |name, w| write_file(name, &selection, w))?;
    let written = Written {
        format: Format::Neo4jAdmin,
        path: path.display().to_string(),
        nodes: selection.nodes.len(),
        edges: selection.edges_written(Format::Neo4jAdmin),
        import: Some(command("neo4j")),
    };
    emit(&written, ctx.json, out)?;
    Ok(Outcome::Found)
}
