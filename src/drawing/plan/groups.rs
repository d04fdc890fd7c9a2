//! How a plan groups its nodes: into the clusters drawn as boxes, and by country for the
//! legend. Both are decided once, when the plan is made.

use std::collections::{BTreeMap, HashMap};

use super::NO_CLUSTER;
use crate::drawing::{country_color, display, Cluster};
use crate::model::{Dataset, NodeId, NodeRef};

/// The clusters of `nodes`: their labels, sorted, and each node's index into them, in the
/// order of `nodes` ([`NO_CLUSTER`] for a node in none). Projects go by sector (except in a
/// projection, which draws no projects), organisations by country. A label is made once
/// per distinct value, not once per node.
pub(super) fn clusters(ds: &Dataset, nodes: &[NodeId], cluster: Cluster, projection: bool) -> (Vec<String>, Vec<u32>) {
    let group_of = |n: NodeId| -> Option<&str> {
        match (cluster, ds.node(n)) {
            (Cluster::Sector, NodeRef::Project(p)) if !projection => p.sector.as_deref(),
            (Cluster::Country, NodeRef::Entity(e)) => e.country.as_deref(),
            _ => None,
        }
    };
    let mut labels: HashMap<&str, String> = HashMap::new();
    for &n in nodes {
        if let Some(g) = group_of(n) {
            labels.entry(g).or_insert_with(|| display(g));
        }
    }
    let clusters: Vec<String> = {
        let mut all: Vec<String> = labels.values().cloned().collect();
        all.sort();
        all.dedup();
        all
    };
    let index: HashMap<&str, u32> = labels
        .iter()
        .map(|(&g, label)| {
            (
                g,
                clusters.binary_search(label).expect("every label is a cluster") as u32,
            )
        })
        .collect();
    let cluster_of = nodes
        .iter()
        .map(|&n| group_of(n).map_or(NO_CLUSTER, |g| index[g]))
        .collect();
    (clusters, cluster_of)
}

/// The legend's countries: each country of the organisations among `nodes` as it
/// displays, with its colour and how many organisations have it, sorted, those with none
/// last. Every organisation is counted once, so the counts add up to the organisations.
pub(super) fn countries(ds: &Dataset, nodes: &[NodeId]) -> Vec<(String, &'static str, usize)> {
    let mut by_code: HashMap<Option<&str>, usize> = HashMap::new();
    for &n in nodes {
        if let NodeRef::Entity(e) = ds.node(n) {
            *by_code.entry(e.country.as_deref()).or_default() += 1;
        }
    }
    let mut by_code: Vec<(Option<&str>, usize)> = by_code.into_iter().collect();
    // Codes that display alike share the first one's colour, whatever the hash order.
    by_code.sort_unstable();
    let mut countries: BTreeMap<(bool, String), (&'static str, usize)> = BTreeMap::new();
    for (code, count) in by_code {
        let key = match code {
            Some(code) => (false, display(code)),
            None => (true, "no country".to_string()),
        };
        countries.entry(key).or_insert((country_color(code), 0)).1 += count;
    }
    countries
        .into_iter()
        .map(|((_, code), (color, count))| (code, color, count))
        .collect()
}
