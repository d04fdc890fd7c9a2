//! `partnet path A B`: how two organisations (or projects) are connected, hop by hop, with
//! the role, status and sources of every link: the evidence for the connection.

use std::io::{self, Write};

use crate::error::Error;
use crate::names::resolve_visible;
use crate::output::{emit, Report};
use crate::query::facts::{Link, NodeInfo};
use crate::query::paths::{answer, PathReport};
use crate::text::clean;

use super::{Context, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where the chain starts: id, name or alias.
    pub from: String,
    /// Where it ends.
    pub to: String,
    /// List every shortest chain, not just one.
    #[arg(long)]
    pub all: bool,
    /// With --all, stop after this many chains.
    #[arg(long, default_value_t = 100, value_name = "N")]
    pub limit: usize,
}

fn write_chain(chain_nodes: &[NodeInfo], links: &[Link], out: &mut dyn Write) -> io::Result<()> {
    for (i, node) in chain_nodes.iter().enumerate() {
        let kind = if node.kind == "project" { "project" } else { &node.kind };
        writeln!(out, "{} ({}, {})", clean(&node.name), clean(&node.id), clean(kind))?;
        if let Some(link) = links.get(i) {
            let sources = if link.sources.is_empty() {
                "unsourced".to_string()
            } else {
                link.sources.join(", ")
            };
            writeln!(
                out,
                "  | {} · {} · {}",
                clean(&link.roles.join("/")),
                clean(&link.status),
                clean(&sources)
            )?;
            for e in &link.evidence {
                writeln!(out, "  |   {}", clean(e))?;
            }
        }
    }
    Ok(())
}

impl Report for PathReport {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        if !self.found {
            return writeln!(
                out,
                "no path between {} and {}",
                clean(&self.ends.0),
                clean(&self.ends.1)
            );
        }
        match &self.paths {
            None => write_chain(&self.nodes, &self.links, out),
            Some(paths) => {
                for (i, chain) in paths.iter().enumerate() {
                    writeln!(out, "chain {} of {}:", i + 1, paths.len())?;
                    write_chain(&chain.nodes, &chain.links, out)?;
                    writeln!(out)?;
                }
                Ok(())
            }
        }
    }
}

pub fn run(ctx: &Context, args: &Args, out: &mut dyn Write) -> Result<Outcome, Error> {
    let session = ctx.session()?;
    let view = session.view();
    let (a, b) = (resolve_visible(&view, &args.from)?, resolve_visible(&view, &args.to)?);
    let report = answer(&view, a, b, args.all.then_some(args.limit));
    emit(&report, ctx.json, out)?;
    Ok(if report.found {
        Outcome::Found
    } else {
        Outcome::NothingFound
    })
}
