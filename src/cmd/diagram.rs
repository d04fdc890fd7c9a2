//! `partnet diagram`: draws the partnership graph, or part of it, as DOT, SVG, PNG, PDF or
//! an interactive HTML page.
//!
//! What to draw (`--focus`, `--path`, `--projection`, the global filters) becomes a
//! [`Plan`]; DOT streams from it through [`crate::dot`]; images come from Graphviz or the
//! built-in engine ([`crate::render`]). Where it goes, in which format and through which
//! engine is decided in `diagram/output.rs`. Files are written atomically: a failed run
//! leaves an existing file as it was.

use std::io::{self, Write};
use std::path::PathBuf;

use serde::Serialize;

use crate::drawing::{self, Cluster, Layout, Options, Plan, Selection};
use crate::error::Error;
use crate::filter::View;
use crate::names::{resolve, resolve_visible};
use crate::output::{emit, Report};
use crate::query::paths::shortest_path;
use crate::write::Target;

use super::{Context, Outcome};

mod output;

pub use output::{DEFAULT_OUTPUT, MAX_PNG_PIXELS};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Graphviz DOT text (the whole graph, any size).
    Dot,
    Svg,
    Png,
    Pdf,
    /// A self-contained page: the SVG with search, details and chains.
    Html,
}

impl Format {
    /// Its name, as `--format` and a file's extension spell it.
    fn name(self) -> &'static str {
        match self {
            Format::Dot => "dot",
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Pdf => "pdf",
            Format::Html => "html",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Engine {
    /// Graphviz if its `dot` is on PATH, else the built-in engine.
    Auto,
    /// Graphviz, with the engine --layout names.
    Graphviz,
    /// Pure Rust, SVG only, up to 150 nodes.
    Builtin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LayoutBy {
    /// Layered: organisations, then projects, in columns.
    Dot,
    /// Spring model (the projection's default).
    Neato,
    /// Spring model keeping clusters together (the projection's, with --cluster).
    Fdp,
    /// Spring model for large graphs.
    Sfdp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ClusterBy {
    /// Projects boxed by sector.
    Sector,
    /// Organisations boxed by country.
    Country,
    None,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "With no options, writes output/partnerships.svg and prints its path. \
Otherwise without -o the diagram goes to stdout: DOT, unless --format says otherwise.\n\
Examples:\n  partnet diagram --focus westinghouse -o westinghouse.svg\n  \
partnet diagram --path toshiba cameco -o chain.png\n  partnet diagram --projection --cluster country -o orgs.html\n  \
partnet diagram --focus toshiba --highlight westinghouse --title \"Toshiba's partners\" --dpi 288 -o toshiba.png")]
pub struct Args {
    /// Write to FILE, atomically; its extension (.dot, .svg, .png, .pdf, .html) gives the
    /// format unless --format does. `-o -` is stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Layout engine for svg, png, pdf and html.
    #[arg(long, value_enum, default_value_t = Engine::Auto)]
    pub engine: Engine,
    /// Draw NAME, its projects and its partners (repeat for several).
    #[arg(long, value_name = "NAME")]
    pub focus: Vec<String>,
    /// With --focus: how many project hops away partners may be.
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub depth: u32,
    /// Draw the shortest chain from A to B with the evidence for each link.
    #[arg(long, num_args = 2, value_names = ["A", "B"], conflicts_with = "focus")]
    pub path: Option<Vec<String>>,
    /// Draw organisations only, linked when they share projects (wider for more).
    #[arg(long)]
    pub projection: bool,
    /// Group projects by sector or organisations by country [default: sector; none with
    /// --projection or --path].
    #[arg(long, value_enum)]
    pub cluster: Option<ClusterBy>,
    /// Refuse to lay out (svg, png, pdf, html) more nodes than this.
    #[arg(long, value_name = "N", default_value_t = 300)]
    pub max_nodes: usize,
    /// Draw NAME heavier, as focus organisations and chain ends are (repeat for several).
    #[arg(long, value_name = "NAME")]
    pub highlight: Vec<String>,
    /// The headline [default: what is drawn, such as "Westinghouse and its partners"].
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// The line under the headline [default: the counts and the filters].
    #[arg(long, value_name = "TEXT")]
    pub caption: Option<String>,
    /// Leave out the footnote that credits the sources (and partnet).
    #[arg(long)]
    pub no_credits: bool,
    /// With --projection: keep the pairs of organisations sharing at least K projects.
    #[arg(long, value_name = "K", default_value_t = 1, requires = "projection",
          value_parser = clap::value_parser!(u32).range(1..))]
    pub min_shared: u32,
    /// With --projection: let umbrella programmes (projects that others name in part_of)
    /// link their members too.
    #[arg(long, requires = "projection")]
    pub with_umbrellas: bool,
    /// Graphviz layout engine [default: dot; neato for --projection, fdp with --cluster;
    /// sfdp above 1000 nodes].
    #[arg(long, value_enum)]
    pub layout: Option<LayoutBy>,
    /// Resolution of a PNG (and of a PDF's raster parts), in dots per inch [default: 144
    /// for PNG].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(18..=2400))]
    pub dpi: Option<u32>,
    /// Scale the drawing to fit W by H inches exactly (Graphviz's size with !), e.g. 8x6.
    #[arg(long, value_name = "WxH", value_parser = parse_size)]
    pub size: Option<(f64, f64)>,
    /// Mark in green what became known after DATE: organisations and projects first
    /// reported since, links first reported or whose status moved since (as `changes`; a
    /// month or a year means after its last day).
    #[arg(long, value_name = "DATE", value_parser = crate::cli::parse_date_end)]
    pub since: Option<crate::model::Date>,
}

/// Reads `--size WxH`: two positive numbers of inches, at most 1000 each.
fn parse_size(text: &str) -> Result<(f64, f64), String> {
    let bad = || format!("{text:?} is not a size: write W x H in inches, such as 8x6 or 6.5x4");
    let (w, h) = text.split_once(['x', 'X', '×']).ok_or_else(bad)?;
    let inches = |s: &str| {
        s.trim()
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite() && *v > 0.0 && *v <= 1000.0)
    };
    Ok((inches(w).ok_or_else(bad)?, inches(h).ok_or_else(bad)?))
}

/// What was written where.
#[derive(Debug, Serialize)]
pub struct Written {
    pub path: String,
    pub format: String,
    /// `graphviz` or `builtin`; none for DOT.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub engine: Option<&'static str>,
    pub nodes: usize,
    pub links: usize,
}

impl Report for Written {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{}", crate::text::clean(&self.path))
    }
}

/// The nodes `--focus` and `--path` name: the diagram's subjects, which the filters do not
/// hide for their own country, kind or sector ([`View::with_subjects`]).
fn subjects(ds: &crate::model::Dataset, args: &Args) -> Result<Vec<crate::model::NodeId>, Error> {
    args.focus
        .iter()
        .chain(args.path.iter().flatten())
        .map(|name| crate::names::resolve(ds, name))
        .collect()
}

/// What `args` asks to draw.
pub fn selection(view: &View, args: &Args) -> Result<Selection, Error> {
    if let Some(ends) = &args.path {
        let (a, b) = crate::names::resolve_ends(view.ds, &ends[0], &ends[1])?;
        let (a, b) = (view.require(a)?, view.require(b)?);
        let chain = shortest_path(view, a, b).ok_or_else(|| {
            Error::not_found(format!(
                "no chain links {:?} and {:?}{}",
                view.ds.node(a).name(),
                view.ds.node(b).name(),
                if view.filter.is_empty() {
                    ""
                } else {
                    " under the filters"
                }
            ))
            .with_help("run `partnet components` to see which organisations are connected")
        })?;
        return Ok(Selection::Path(chain));
    }
    if args.focus.is_empty() {
        return Ok(Selection::All);
    }
    let mut origins = Vec::new();
    for name in &args.focus {
        let n = resolve_visible(view, name)?;
        if !origins.contains(&n) {
            origins.push(n);
        }
    }
    Ok(Selection::Focus {
        origins,
        depth: args.depth,
    })
}

/// The drawing `args` asks for.
pub fn plan<'a>(view: &'a View<'a>, args: &Args) -> Result<Plan<'a>, Error> {
    let cluster = match args.cluster {
        Some(ClusterBy::Sector) => Cluster::Sector,
        Some(ClusterBy::Country) => Cluster::Country,
        Some(ClusterBy::None) => Cluster::None,
        None if args.projection || args.path.is_some() => Cluster::None,
        None => Cluster::Sector,
    };
    let mut highlight = Vec::new();
    for name in &args.highlight {
        highlight.push(resolve(view.ds, name)?);
    }
    let options = Options {
        min_shared: args.min_shared as usize,
        umbrellas: args.with_umbrellas,
        highlight: highlight.clone(),
        title: args.title.clone(),
        caption: args.caption.clone(),
        credits: !args.no_credits,
        layout: args.layout.map(|l| match l {
            LayoutBy::Dot => Layout::Dot,
            LayoutBy::Neato => Layout::Neato,
            LayoutBy::Fdp => Layout::Fdp,
            LayoutBy::Sfdp => Layout::Sfdp,
        }),
        size: args.size,
        since: args.since,
        ..Options::new(args.projection, cluster)
    };
    let plan = drawing::plan_with(view, &selection(view, args)?, &options)?;
    for (name, &n) in args.highlight.iter().zip(&highlight) {
        if !plan.draws(n) {
            return Err(Error::usage(format!(
                "--highlight {:?}: {:?} is not in this diagram",
                crate::text::clean(name),
                view.ds.node(n).id()
            ))
            .with_help("highlight a node the diagram draws, or widen it with --depth, --focus or the filters"));
        }
    }
    Ok(plan)
}

pub fn run(ctx: &Context, args: &Args, out: &mut dyn Write) -> Result<Outcome, Error> {
    let (output, format) = output::destination(args)?;
    // Checked before the work: an output that would replace an input is refused at once.
    let target = output.as_deref().map(|p| Target::new(p, &ctx.inputs)).transpose()?;
    if let Some(warning) = target.as_ref().and_then(Target::warning) {
        eprintln!("{warning}");
    }
    output::check_options(args, format)?;
    if let Some(since) = args.since {
        super::changes::since_before_as_of(since, ctx.filter.as_of, false)?;
    }
    let session = ctx.session()?;
    let view = session.view_about(&subjects(&session.dataset, args)?);
    let d = plan(&view, args)?;
    if let (Some(since), Some((_, 0))) = (args.since, d.since()) {
        eprintln!("note: nothing in this diagram is new or changed since {since}");
    }
    if d.projection && d.edge_count() == 0 && args.min_shared > 1 {
        eprintln!(
            "note: no two organisations share {} projects{}",
            args.min_shared,
            if args.with_umbrellas {
                ""
            } else {
                " (umbrella programmes not counted; --with-umbrellas counts them)"
            }
        );
    }
    let image = output::image(format);
    let engine = match image {
        // DOT streams: the whole of a million-node graph never sits in memory.
        None => {
            match &target {
                None => crate::dot::write(&d, out)?,
                Some(target) => target.write(|w| crate::dot::write(&d, w))?,
            }
            None
        }
        Some(image) => {
            let (bytes, engine) = output::render_image(&d, args.engine, image, args.max_nodes, args.dpi)?;
            let bytes = if format == Format::Html {
                let svg = String::from_utf8_lossy(&bytes);
                crate::explorer::page(&view, d.scope(), &svg).into_bytes()
            } else {
                bytes
            };
            match &target {
                None => out.write_all(&bytes)?,
                Some(target) => target.write(|w| w.write_all(&bytes))?,
            }
            Some(if engine == Engine::Builtin {
                "builtin"
            } else {
                "graphviz"
            })
        }
    };
    let (Some(path), Some(target)) = (output, target) else {
        return Ok(Outcome::Found);
    };
    if target.is_stdout() {
        return Ok(Outcome::Found);
    }
    let written = Written {
        path: path.display().to_string(),
        format: format!("{format:?}").to_lowercase(),
        engine,
        nodes: d.node_count(),
        links: d.edge_count(),
    };
    emit(&written, ctx.json, out)?;
    Ok(Outcome::Found)
}
