//! `partnet rank --by partners|projects|betweenness|value`: the hubs and brokers.

use std::io::{self, Write};

use serde::Serialize;

use crate::centrality::{betweenness, Sources};
use crate::error::Error;
use crate::filter::View;
use crate::model::NodeId;
use crate::output::{emit, Report, Table};
use crate::value::{format_usd, Value};

use super::{Context, Outcome};

/// Above this many nodes, betweenness is sampled unless `--samples` says otherwise.
pub const EXACT_LIMIT: usize = 10_000;
/// Sources drawn by default on larger graphs.
pub const DEFAULT_SAMPLES: usize = 1_000;
/// Rows shown as text when `--top` is not given.
pub const TEXT_TOP: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    /// Number of distinct organisations sharing a project.
    Partners,
    /// Number of projects taken part in.
    Projects,
    /// Share of shortest paths through the organisation (normalized, as networkx).
    Betweenness,
    /// Total value of the projects taken part in (upper bounds, qualifier kept; for an
    /// organisation in a programme and in some of its parts, the parts count, not the programme).
    Value,
}

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
    /// Seed for --samples.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub seed: u64,
}

/// One ranked organisation.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Ranked {
    pub id: String,
    pub name: String,
    pub score: f64,
    /// For `--by value`: the total with its qualifier, e.g. "up to $125B".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// For `--by value`: projects with no stated value, not in the total.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unvalued_projects: Option<usize>,
}

/// Distinct depth-1 partners of every visible entity (indexed by entity).
///
/// A stamp array dedups members without clearing: O(sum of project size²), which heavy-
/// tailed data keeps small (on a million companies with consortia of 200, about 2×10⁸
/// steps). The visible links are first laid out as two contiguous adjacency lists (the
/// projects of each entity, the members of each project), so each step is a read of the
/// next array element rather than a walk of the graph's linked edge lists; the entities
/// are then split over all cores.
pub fn partner_counts(view: &View) -> Vec<usize> {
    use rayon::prelude::*;
    let ds = view.ds;
    let n = ds.entities.len();
    let links: Vec<(u32, u32)> = view
        .edges()
        .map(|e| {
            let (entity, project) = view.graph.edge_ends(e);
            (
                entity.index() as u32,
                ds.project_of(project).expect("links end at a project"),
            )
        })
        .collect();
    let (project_start, projects) = adjacency(n, links.iter().map(|&(e, p)| (e, p)));
    let (member_start, members) = adjacency(ds.projects.len(), links.iter().map(|&(e, p)| (p, e)));
    drop(links);
    let mut counts = vec![0; n];
    let chunk = n.div_ceil(rayon::current_num_threads() * 4).max(1);
    counts.par_chunks_mut(chunk).enumerate().for_each(|(c, counts)| {
        let mut stamp = vec![u32::MAX; n];
        for (i, count) in counts.iter_mut().enumerate() {
            let e = c * chunk + i;
            if !view.contains(ds.entity_node(e as u32)) {
                continue;
            }
            let own = &projects[project_start[e] as usize..project_start[e + 1] as usize];
            if let [p] = own {
                // One project (most organisations): its other members, no scan needed.
                *count = (member_start[*p as usize + 1] - member_start[*p as usize]) as usize - 1;
                continue;
            }
            stamp[e] = e as u32;
            for &p in own {
                for &m in &members[member_start[p as usize] as usize..member_start[p as usize + 1] as usize] {
                    if stamp[m as usize] != e as u32 {
                        stamp[m as usize] = e as u32;
                        *count += 1;
                    }
                }
            }
        }
    });
    counts
}

/// Adjacency lists of `n` items from (item, neighbour) pairs, by a counting sort: the
/// neighbours of item `i` are `items[start[i]..start[i + 1]]`, in pair order.
fn adjacency(n: usize, pairs: impl Iterator<Item = (u32, u32)> + Clone) -> (Vec<u32>, Vec<u32>) {
    let mut start = vec![0u32; n + 1];
    for (i, _) in pairs.clone() {
        start[i as usize + 1] += 1;
    }
    for i in 0..n {
        start[i + 1] += start[i];
    }
    let mut fill = start.clone();
    let mut items = vec![0u32; start[n] as usize];
    for (i, j) in pairs {
        items[fill[i as usize] as usize] = j;
        fill[i as usize] += 1;
    }
    (start, items)
}

/// Ranks the visible entities; ties broken by id. `top` 0 keeps all.
pub fn rank(view: &View, by: By, top: usize, samples: Option<Sources>) -> Vec<Ranked> {
    let ds = view.ds;
    let entities = || {
        (0..ds.entities.len() as u32)
            .map(|e| ds.entity_node(e))
            .filter(|&n| view.contains(n))
    };
    let mut values: Vec<(NodeId, f64, Option<Value>, usize)> = match by {
        By::Partners => {
            let counts = partner_counts(view);
            entities().map(|n| (n, counts[n.index()] as f64, None, 0)).collect()
        }
        By::Projects => entities()
            .map(|n| (n, view.neighbors(n).count() as f64, None, 0))
            .collect(),
        By::Betweenness => {
            let sources = samples.unwrap_or(if view.node_count() > EXACT_LIMIT {
                Sources::Sample {
                    k: DEFAULT_SAMPLES,
                    seed: 1,
                }
            } else {
                Sources::All
            });
            let what = match sources {
                Sources::All => format!("exact, {} sources", view.node_count()),
                Sources::Sample { k, .. } => format!("{k} sampled sources"),
            };
            let spinner = super::progress::Spinner::start(format!("computing betweenness ({what})"));
            let scores = betweenness(view, sources);
            drop(spinner);
            entities().map(|n| (n, scores[n.index()], None, 0)).collect()
        }
        By::Value => entities()
            .map(|n| {
                let mut total: Option<Value> = None;
                let mut unvalued = 0;
                let mine: Vec<u32> = view.neighbors(n).filter_map(|(p, _)| ds.project_of(p)).collect();
                for &p in &mine {
                    // A programme's value is its members' projects together: for an
                    // organisation also in some of its parts, count those parts instead.
                    if mine.iter().any(|&q| ancestors(ds, q).any(|a| a == p)) {
                        continue;
                    }
                    let project = &ds.projects[p as usize];
                    match project.value {
                        Some(v) => total = Some(total.map_or(v, |t| t + v)),
                        None => unvalued += 1,
                    }
                }
                (n, total.map_or(0.0, |t| t.max_usd()), total, unvalued)
            })
            .collect(),
    };
    let order = |a: &(NodeId, f64, Option<Value>, usize), b: &(NodeId, f64, Option<Value>, usize)| {
        b.1.total_cmp(&a.1)
            .then_with(|| ds.node(a.0).id().cmp(ds.node(b.0).id()))
    };
    // Ids are unique, so the order is total: picking the top K first and sorting only them
    // gives the same list as sorting all, without sorting a million entries for 20.
    if top > 0 && top < values.len() {
        values.select_nth_unstable_by(top - 1, order);
        values.truncate(top);
    }
    values.sort_by(order);
    values
        .into_iter()
        .map(|(n, score, value, unvalued)| Ranked {
            id: ds.node(n).id().to_string(),
            name: ds.node(n).name().to_string(),
            score,
            value: (by == By::Value).then(|| value.map_or_else(|| format_usd(0.0), |v| v.to_string())),
            unvalued_projects: (by == By::Value).then_some(unvalued),
        })
        .collect()
}

/// The programmes a project is part of, nearest first (cycles are cut).
fn ancestors(ds: &crate::model::Dataset, project: u32) -> impl Iterator<Item = u32> + '_ {
    let mut seen = vec![project];
    std::iter::successors(ds.projects[project as usize].part_of, move |&p| {
        seen.push(p);
        ds.projects[p as usize].part_of.filter(|q| !seen.contains(q))
    })
}

#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct RankReport {
    pub ranked: Vec<Ranked>,
    #[serde(skip)]
    pub by: Option<By>,
}

impl Report for RankReport {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        let by_value = self.by == Some(By::Value);
        let mut header = vec!["#", "name", "id", "score"];
        if by_value {
            header.extend(["value", "unvalued"]);
        }
        let mut table = Table::new(&header).right(0).right(3);
        for (i, r) in self.ranked.iter().enumerate() {
            let score = match self.by {
                Some(By::Betweenness) => format!("{:.4}", r.score),
                Some(By::Value) => format_usd(r.score),
                _ => format!("{}", r.score),
            };
            let mut row = vec![(i + 1).to_string(), r.name.clone(), r.id.clone(), score];
            if by_value {
                row.push(r.value.clone().unwrap_or_default());
                row.push(r.unvalued_projects.unwrap_or(0).to_string());
            }
            table.row(row);
        }
        table.write(out)
    }
}

pub fn run(ctx: &Context, args: &Args, out: &mut dyn Write) -> Result<Outcome, Error> {
    let session = ctx.session()?;
    let samples = args.samples.map(|k| Sources::Sample {
        k: k as usize,
        seed: args.seed,
    });
    let view = session.view();
    if args.by == By::Betweenness && args.samples.is_none() && view.node_count() > EXACT_LIMIT {
        eprintln!(
            "note: {} nodes: betweenness estimated from {DEFAULT_SAMPLES} sampled sources (--samples K to choose)",
            view.node_count()
        );
    }
    let top = args.top.unwrap_or(if ctx.json { 0 } else { TEXT_TOP });
    let ranked = rank(&view, args.by, top, samples);
    let report = RankReport {
        ranked,
        by: Some(args.by),
    };
    emit(&report, ctx.json, out)?;
    Ok(if report.ranked.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}
