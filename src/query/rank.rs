//! The hubs and brokers: organisations ranked by partners, projects, betweenness or value.

use rayon::prelude::*;
use serde::Serialize;

use crate::filter::View;
use crate::model::NodeId;
use crate::value::Value;

use super::centrality::{betweenness, Sources};
use super::money::holdings;

/// Above this many nodes, betweenness is sampled unless the caller says otherwise.
pub const EXACT_LIMIT: usize = 10_000;
/// Sources drawn by default on larger graphs.
pub const DEFAULT_SAMPLES: usize = 1_000;

/// What to rank organisations by.
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

/// One ranked organisation.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Ranked {
    pub id: String,
    pub name: String,
    /// What it is ranked by; for `--by value`, the total's upper bound, 0 when none of its
    /// projects states a value.
    pub score: f64,
    /// For `--by value`: the total with its qualifier, e.g. "up to $125B"; `null` when none
    /// of its projects states a value (not "$0": nothing is known).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Option<String>>,
    /// For `--by value`: projects with no stated value, not in the total.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unvalued_projects: Option<usize>,
}

/// The ranking, best first.
#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct Ranking {
    pub ranked: Vec<Ranked>,
    /// What it ranks by, for the text form.
    #[serde(skip)]
    pub by: By,
    /// How many organisations were ranked, before `top` cut the list.
    #[serde(skip)]
    pub total: usize,
}

/// The betweenness sources to use on a view when the caller names none: every node up to
/// [`EXACT_LIMIT`] nodes, else [`DEFAULT_SAMPLES`] drawn with `seed`.
pub fn default_sources(view: &View, seed: u64) -> Sources {
    if view.node_count() > EXACT_LIMIT {
        Sources::Sample {
            k: DEFAULT_SAMPLES,
            seed,
        }
    } else {
        Sources::All
    }
}

/// Distinct depth-1 partners of every visible entity (indexed by entity): those sharing a
/// project with it, and those tied to it.
///
/// A stamp array dedups members without clearing: O(sum of project size²), which heavy-
/// tailed data keeps small (on a million companies with consortia of 200, about 2×10⁸
/// steps). It reads the view's compact [`crate::filter::Adjacency`], each step the next
/// array element rather than a walk of the graph's linked edge lists; the entities are
/// split over all cores.
pub fn partner_counts(view: &View) -> Vec<usize> {
    let ds = view.ds;
    let n = ds.entities.len();
    let adjacency = view.adjacency();
    // An entity's neighbours are projects and, by ties, entities (whose indices are below n).
    let is_entity = |v: u32| (v as usize) < n;
    let mut counts = vec![0; n];
    let chunk = n.div_ceil(rayon::current_num_threads() * 4).max(1);
    counts.par_chunks_mut(chunk).enumerate().for_each(|(c, counts)| {
        let mut stamp = vec![u32::MAX; n];
        for (i, count) in counts.iter_mut().enumerate() {
            let e = (c * chunk + i) as u32;
            if !view.contains(ds.entity_node(e)) {
                continue;
            }
            let own = adjacency.neighbors(e);
            if let [p] = own {
                if !is_entity(*p) {
                    // One project (most organisations): its other members, no scan needed.
                    *count = adjacency.degree(*p) - 1;
                    continue;
                }
            }
            stamp[e as usize] = e;
            let mut meet = |m: u32, count: &mut usize| {
                if stamp[m as usize] != e {
                    stamp[m as usize] = e;
                    *count += 1;
                }
            };
            for &p in own {
                if is_entity(p) {
                    meet(p, count);
                } else {
                    for &m in adjacency.neighbors(p) {
                        meet(m, count);
                    }
                }
            }
        }
    });
    counts
}

/// Ranks the visible entities; ties broken by id. `top` 0 keeps all.
pub fn rank(view: &View, by: By, top: usize, sources: Sources) -> Ranking {
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
            .map(|n| {
                let projects = view.neighbors(n).filter(|&(_, e)| !view.is_tie(e)).count();
                (n, projects as f64, None, 0)
            })
            .collect(),
        By::Betweenness => {
            let scores = betweenness(view, sources);
            entities().map(|n| (n, scores[n.index()], None, 0)).collect()
        }
        By::Value => {
            let held = holdings(view);
            entities()
                .map(|n| {
                    let h = &held[n.index()];
                    (n, h.total.map_or(0.0, |t| t.max_usd()), h.total, h.unvalued)
                })
                .collect()
        }
    };
    let order = |a: &(NodeId, f64, Option<Value>, usize), b: &(NodeId, f64, Option<Value>, usize)| {
        b.1.total_cmp(&a.1)
            .then_with(|| ds.node(a.0).id().cmp(ds.node(b.0).id()))
    };
    let total = values.len();
    // Ids are unique, so the order is total: picking the top K first and sorting only them
    // gives the same list as sorting all, without sorting a million entries for 20.
    if top > 0 && top < values.len() {
        values.select_nth_unstable_by(top - 1, order);
        values.truncate(top);
    }
    values.sort_by(order);
    let ranked = values
        .into_iter()
        .map(|(n, score, value, unvalued)| Ranked {
            id: ds.node(n).id().to_string(),
            name: ds.node(n).name().to_string(),
            score,
            value: (by == By::Value).then(|| value.map(|v| v.to_string())),
            unvalued_projects: (by == By::Value).then_some(unvalued),
        })
        .collect();
    Ranking { ranked, by, total }
}
