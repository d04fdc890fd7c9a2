//! `partnet rank --by partners|projects|betweenness|value`: the hubs and brokers.

use std::io::{self, Write};

use crate::error::Error;
use crate::output::{emit, Report, Table};
use crate::query::centrality::Sources;
use crate::query::rank::{default_sources, rank, By, Ranking, DEFAULT_SAMPLES};
use crate::text::plural;
use crate::value::format_usd;

use super::{Context, Outcome};

/// Rows shown as text when `--top` is not given.
pub const TEXT_TOP: usize = 20;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to rank by.
    #[arg(long, value_enum, default_value_t = By::Partners)]
    pub by: By,
    /// How many to show; 0 shows all. Default: all with --json, 20 as text.
    #[arg(long, value_name = "K")]
    pub top: Option<usize>,
    /// Betweenness from K sampled sources (scaled by n/K). The error falls like 1/sqrt(K)
    /// and is largest for the middle of the ranking: on 15,000 nodes, K=1000 puts the top
    /// 100 within about 10% of their exact scores (median; see benches/README.md). Default:
    /// exact up to 10,000 nodes, 1,000 samples above.
    #[arg(long, value_name = "K", value_parser = clap::value_parser!(u64).range(1..))]
    pub samples: Option<u64>,
    /// Seed for the sampled sources (--samples, or the default sample of a large graph).
    /// Default: 1.
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
}

impl Report for Ranking {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        let by_value = self.by == By::Value;
        let mut header = vec!["#", "name", "id", "score"];
        if by_value {
            header.extend(["value", "unvalued"]);
        }
        let mut table = Table::new(&header).right(0).right(3);
        for (i, r) in self.ranked.iter().enumerate() {
            // A total no project states is unknown, not $0.
            let stated = r.value.clone().flatten();
            let score = match self.by {
                By::Betweenness => format!("{:.4}", r.score),
                By::Value if stated.is_none() => "-".to_string(),
                By::Value => format_usd(r.score),
                _ => format!("{}", r.score),
            };
            let mut row = vec![(i + 1).to_string(), r.name.clone(), r.id.clone(), score];
            if by_value {
                row.push(stated.unwrap_or_else(|| "-".to_string()));
                row.push(r.unvalued_projects.unwrap_or(0).to_string());
            }
            table.row(row);
        }
        table.write(out)?;
        super::more(self.total - self.ranked.len(), out)
    }
}

pub fn run(ctx: &Context, args: &Args, out: &mut dyn Write) -> Result<Outcome, Error> {
    // Only betweenness samples: an option that would change nothing is a mistake to say.
    if args.by != By::Betweenness {
        let given = [("--samples", args.samples.is_some()), ("--seed", args.seed.is_some())];
        if let Some((option, _)) = given.iter().find(|(_, set)| *set) {
            let by =
                clap::ValueEnum::to_possible_value(&args.by).map_or_else(String::new, |v| v.get_name().to_string());
            return Err(
                Error::usage(format!("{option} applies to --by betweenness only, not --by {by}"))
                    .with_help(format!("drop {option}, or rank with --by betweenness")),
            );
        }
    }
    let seed = args.seed.unwrap_or(1);
    let session = ctx.session()?;
    let view = session.view();
    let sources = match args.samples {
        Some(k) => Sources::Sample { k: k as usize, seed },
        None => default_sources(&view, seed),
    };
    let spinner = (args.by == By::Betweenness).then(|| {
        if args.samples.is_none() && sources != Sources::All {
            eprintln!(
                "note: {} nodes: betweenness estimated from {DEFAULT_SAMPLES} sampled sources (--samples K to choose)",
                view.node_count()
            );
        }
        let what = match sources {
            Sources::All => format!("exact, {}", plural(view.node_count(), "source")),
            Sources::Sample { k, .. } => plural(k, "sampled source"),
        };
        super::progress::Spinner::start(format!("computing betweenness ({what})"))
    });
    let top = args.top.unwrap_or(if ctx.json { 0 } else { TEXT_TOP });
    let report = rank(&view, args.by, top, sources);
    drop(spinner);
    emit(&report, ctx.json, out)?;
    Ok(if report.ranked.is_empty() {
        super::nothing_found(&ctx.filter, "organisations", session.dataset.entities.len())
    } else {
        Outcome::Found
    })
}
