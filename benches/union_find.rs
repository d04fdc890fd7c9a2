//! Union-find on a graph shaped like a million-company dataset (1.5M nodes, 3M random
//! edges): petgraph's `UnionFind` (union by rank, path halving) against the hand-rolled
//! one partnet had (union by smaller index, path halving). `query::components` uses
//! petgraph's unless this shows it slower.
//!
//!     cargo bench --bench union_find

use std::time::Instant;

use petgraph::unionfind::UnionFind;

/// SplitMix64, as examples/generate.rs.
fn rng(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn root(parent: &mut [u32], mut x: u32) -> u32 {
    while parent[x as usize] != x {
        let up = parent[parent[x as usize] as usize];
        parent[x as usize] = up;
        x = up;
    }
    x
}

fn hand_rolled(n: usize, edges: &[(u32, u32)]) -> u32 {
    let mut parent: Vec<u32> = (0..n as u32).collect();
    for &(a, b) in edges {
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        if ra != rb {
            parent[ra.max(rb) as usize] = ra.min(rb);
        }
    }
    (0..n as u32).map(|x| root(&mut parent, x)).fold(0, |acc, r| acc ^ r)
}

fn petgraph(n: usize, edges: &[(u32, u32)]) -> u32 {
    let mut sets = UnionFind::<u32>::new(n);
    for &(a, b) in edges {
        sets.union(a, b);
    }
    (0..n as u32).map(|x| sets.find_mut(x)).fold(0, |acc, r| acc ^ r)
}

fn main() {
    let (entities, projects, links) = (1_000_000u64, 500_000u64, 3_000_000);
    let mut state = 7;
    let edges: Vec<(u32, u32)> = (0..links)
        .map(|_| {
            let e = rng(&mut state) % entities;
            let p = entities + rng(&mut state) % projects;
            (e as u32, p as u32)
        })
        .collect();
    let n = (entities + projects) as usize;
    // The graph lists edges by entity, as the loader builds it.
    let mut edges = edges;
    edges.sort_unstable();
    for (name, f) in [
        ("hand-rolled", hand_rolled as fn(usize, &[(u32, u32)]) -> u32),
        ("petgraph", petgraph),
    ] {
        let mut times = Vec::new();
        for _ in 0..7 {
            let start = Instant::now();
            std::hint::black_box(f(n, &edges));
            times.push(start.elapsed().as_secs_f64() * 1e3);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{name:12} median {:6.1} ms (min {:.1}, max {:.1})",
            times[3], times[0], times[6]
        );
    }
}
