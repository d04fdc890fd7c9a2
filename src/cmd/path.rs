//! `partnet path A B`: how two organisations (or projects) are connected, hop by hop, with
//! the role, status and sources of every link: the evidence for the connection.

use std::io::{self, Write};

use crate::error::Error;
use crate::names::resolve_ends;
use crate::output::{emit, Report};
use crate::query::facts::{NodeInfo, SourceRef, TieLink};
use crate::query::paths::{answer, PathReport, Step};
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
    /// With --all, stop after this many chains (at least 1).
    #[arg(long, default_value_t = 100, value_name = "N")]
    pub limit: usize,
}

/// Writes a chain: each node, then the link to the next with its roles (or, for a tie, what
/// it is: "founder of"), status, the sources that report it (as `S7 (Kyodo News; Reuters,
/// 2026-02-17)`) and the evidence.
fn write_chain(chain: (&[NodeInfo], &[Step]), sources: &[SourceRef], out: &mut dyn Write) -> io::Result<()> {
    let (nodes, links) = chain;
    let label = |id: &str| {
        sources
            .iter()
            .find(|s| s.id == id)
            .map_or_else(|| id.to_string(), SourceRef::label)
    };
    for (i, node) in nodes.iter().enumerate() {
        writeln!(
            out,
            "{} ({}, {})",
            clean(&node.name),
            clean(&node.id),
            clean(&node.kind)
        )?;
        let Some(step) = links.get(i) else { continue };
        let cited: Vec<String> = step.sources().into_iter().map(label).collect();
        let cited = if cited.is_empty() {
            "unsourced".to_string()
        } else {
            cited.join(", ")
        };
        let (what, status, evidence): (String, &str, Vec<&String>) = match step {
            Step::Participation(link) => (link.roles.join("/"), &link.status, link.evidence.iter().collect()),
            Step::Tie(t) => {
                // Read along the chain: the tie's own direction, or the other way round.
                let along = |l: &TieLink| {
                    let words = l.phrase(l.from != node.id);
                    match &l.title {
                        Some(title) => format!("{words} ({title})"),
                        None => words,
                    }
                };
                let words: Vec<String> = std::iter::once(&t.tie).chain(&t.also).map(along).collect();
                let evidence = std::iter::once(&t.tie)
                    .chain(&t.also)
                    .flat_map(|l| &l.evidence)
                    .collect();
                (words.join(", "), &t.tie.status, evidence)
            }
        };
        writeln!(out, "  | {} · {} · {}", clean(&what), clean(status), clean(&cited))?;
        for e in evidence {
            writeln!(out, "  |   {}", clean(e))?;
        }
    }
    Ok(())
}

impl Report for PathReport<'_> {
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
            None => write_chain((&self.nodes, &self.links), &self.sources, out)?,
            Some(paths) => {
                let total = self.total.unwrap_or(paths.len() as u64);
                for (i, chain) in paths.iter().enumerate() {
                    writeln!(out, "chain {} of {total}:", i + 1)?;
                    write_chain((&chain.nodes, &chain.links), &self.sources, out)?;
                    writeln!(out)?;
                }
                if self.truncated == Some(true) {
                    writeln!(
                        out,
                        "… and {} (--limit {} shows {}; raise it to see more)",
                        crate::text::plural((total - paths.len() as u64) as usize, "more shortest chain"),
                        paths.len(),
                        paths.len()
                    )?;
                }
            }
        }
        super::write_sources(&self.sources, out)
    }
}

pub fn run(ctx: &Context, args: &Args, out: &mut dyn Write) -> Result<Outcome, Error> {
    if args.all && args.limit == 0 {
        return Err(
            Error::usage("--limit 0 would list no chain").with_help("give --limit at least 1, or leave it out for 100")
        );
    }
    let session = ctx.session()?;
    let ds = &*session.dataset;
    let (a, b) = resolve_ends(ds, &args.from, &args.to)?;
    // The filters choose the chain between the two ends, not the ends themselves.
    let view = session.view_about(&[a, b]);
    let (a, b) = (view.require(a)?, view.require(b)?);
    let report = answer(&view, a, b, args.all.then_some(args.limit));
    emit(&report, ctx.json, out)?;
    Ok(if report.found {
        Outcome::Found
    } else {
        Outcome::NothingFound
    })
}
