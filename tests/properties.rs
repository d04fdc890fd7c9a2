//! Invariants that hold for every dataset, checked on random ones.

use std::collections::BTreeSet;

use partnet::filter::{Filter, View};
use partnet::graph::PartnerGraph;
use partnet::load::{self, Input};
use partnet::model::{Dataset, NodeId};
use partnet::query::facts::Link;
use partnet::query::{
    components::components,
    partners::{ego_network, partners},
    paths::{all_shortest_paths, shortest_path},
};
use proptest::prelude::*;

/// A random dataset: up to 12 entities, 8 projects and 30 links, as JSON text. Links have
/// random statuses and sources, so that chains differ in evidence.
fn dataset() -> impl Strategy<Value = String> {
    const STATUSES: &[&str] = &["reported", "interested", "proposed", "agreed", "signed", "rumoured"];
    const KINDS: &[&str] = &["owner", "parent", "founder", "family", "partner"];
    (1usize..12, 1usize..8).prop_flat_map(|(e, p)| {
        let link = (0..e, 0..p, prop::bool::ANY, 0..STATUSES.len(), 0u8..8);
        let tie = (0..e, 0..e, 0..KINDS.len(), 0u8..8);
        (prop::collection::vec(link, 0..30), prop::collection::vec(tie, 0..6)).prop_map(move |(links, ties)| {
            let sources: Vec<_> = (0..3).map(|i| serde_json::json!({"id": format!("s{i}")})).collect();
            let entities: Vec<_> = (0..e)
                .map(|i| serde_json::json!({"id": format!("e{i}"), "name": format!("E \"{i}\"")}))
                .collect();
            let projects: Vec<_> = (0..p)
                .map(|i| serde_json::json!({"id": format!("p{i}"), "name": format!("P{i}")}))
                .collect();
            let participations: Vec<_> = links
                .iter()
                .map(|&(a, b, lead, status, cited)| {
                    let cited: Vec<String> = (0..3)
                        .filter(|i| cited & (1 << i) != 0)
                        .map(|i| format!("s{i}"))
                        .collect();
                    serde_json::json!({"entity": format!("e{a}"), "project": format!("p{b}"),
                        "role": if lead { "lead" } else { "partner" }, "status": STATUSES[status], "sources": cited})
                })
                .collect();
            let ties: Vec<_> = ties
                .iter()
                .filter(|(a, b, _, _)| a != b)
                .map(|&(a, b, kind, status)| {
                    let status = STATUSES[status as usize % STATUSES.len()];
                    serde_json::json!({"from": format!("e{a}"), "to": format!("e{b}"), "kind": KINDS[kind], "status": status})
                })
                .collect();
            // Written in the schema's order (a `json!` map would sort the keys), so that the
            // streaming loader takes it.
            format!(
                r#"{{"sources": {}, "entities": {}, "projects": {}, "participations": {}, "ties": {}}}"#,
                serde_json::Value::from(sources),
                serde_json::Value::from(entities),
                serde_json::Value::from(projects),
                serde_json::Value::from(participations),
                serde_json::Value::from(ties)
            )
        })
    })
}

/// A random dataset whose links, projects, ties and sources carry random dates of 2024-2026,
/// some undated; some ties end.
fn dated_dataset() -> impl Strategy<Value = String> {
    (
        dataset(),
        prop::collection::vec(prop::option::of((2024u32..2027, 1u32..13, 1u32..29)), 64),
    )
        .prop_map(|(text, dates)| {
            let mut data: serde_json::Value = serde_json::from_str(&text).unwrap();
            let mut next = dates.into_iter().cycle();
            for list in ["sources", "projects", "participations", "ties"] {
                for (i, record) in data[list].as_array_mut().unwrap().iter_mut().enumerate() {
                    if let Some((y, m, d)) = next.next().unwrap() {
                        record["date"] = format!("{y}-{m:02}-{d:02}").into();
                        // Every third tie ends a year after it began.
                        if list == "ties" && i % 3 == 0 {
                            record["until"] = format!("{}-{m:02}-{d:02}", y + 1).into();
                        }
                    }
                }
            }
            // Half the projects in a sector, for `--sector`.
            for (i, p) in data["projects"].as_array_mut().unwrap().iter_mut().enumerate() {
                if i % 2 == 0 {
                    p["sector"] = "energy".into();
                }
            }
            // The schema's order again, so both loaders take it.
            format!(
                r#"{{"sources": {}, "entities": {}, "projects": {}, "participations": {}, "ties": {}}}"#,
                data["sources"], data["entities"], data["projects"], data["participations"], data["ties"]
            )
        })
}

/// Where a record lies in memory: which one of the dataset it is, and in what order.
fn address<T>(record: &T) -> usize {
    record as *const T as usize
}

fn load(text: &str) -> Dataset {
    load::load(&[Input::Text("random.json".into(), text.into())], Default::default())
        .expect("valid")
        .dataset
}

/// Plain BFS distances on the edge list, independent of the code under test.
fn bfs(ds: &Dataset, from: NodeId) -> Vec<Option<usize>> {
    hops(ds, from, 1)
}

/// Distances in hops where a participation is one hop and a tie `tie` hops, by Dijkstra on
/// the records themselves, independent of the code under test. With `tie` 2, an
/// organisation's partners at depth d (a step is a shared project or a tie) are 2d away.
fn hops(ds: &Dataset, from: NodeId, tie: usize) -> Vec<Option<usize>> {
    let mut adjacency = vec![Vec::new(); ds.node_count()];
    for p in &ds.participations {
        let (a, b) = (ds.entity_node(p.entity).index(), ds.project_node(p.project).index());
        adjacency[a].push((b, 1));
        adjacency[b].push((a, 1));
    }
    for t in &ds.ties {
        let (a, b) = (t.from as usize, t.to as usize);
        adjacency[a].push((b, tie));
        adjacency[b].push((a, tie));
    }
    let mut dist: Vec<Option<usize>> = vec![None; ds.node_count()];
    dist[from.index()] = Some(0);
    let mut queue = std::collections::BinaryHeap::from([std::cmp::Reverse((0, from.index()))]);
    while let Some(std::cmp::Reverse((d, n))) = queue.pop() {
        if dist[n].is_some_and(|best| best < d) {
            continue;
        }
        for &(m, w) in &adjacency[n] {
            if dist[m].is_none_or(|best| best > d + w) {
                dist[m] = Some(d + w);
                queue.push(std::cmp::Reverse((d + w, m)));
            }
        }
    }
    dist
}

/// How well a link between two nodes is evidenced, from the records themselves: the most
/// definite status's place in the vocabulary, and the distinct sources.
fn link_evidence(ds: &Dataset, x: NodeId, y: NodeId) -> (u64, u64) {
    let (mut rank, mut sources) = (0, BTreeSet::new());
    for p in &ds.participations {
        let (e, q) = (ds.entity_node(p.entity), ds.project_node(p.project));
        if (e, q) == (x, y) || (e, q) == (y, x) {
            rank = rank.max(partnet::vocab::status_rank(ds.status(p)) as u64);
            sources.extend(ds.source_refs[p.sources.range()].iter().copied());
        }
    }
    for t in &ds.ties {
        let (a, b) = (ds.entity_node(t.from), ds.entity_node(t.to));
        if (a, b) == (x, y) || (a, b) == (y, x) {
            rank = rank.max(partnet::vocab::status_rank(ds.tie_status(t)) as u64);
            sources.extend(ds.source_refs[t.sources.range()].iter().copied());
        }
    }
    (rank, sources.len() as u64)
}

/// The path `shortest_path` promises: of every shortest path, the one whose links' status
/// places add up to the most, then whose links' sources do, then with the smallest ids
/// read from the end with the smaller id.
fn expected_path(ds: &Dataset, view: &View, a: NodeId, b: NodeId) -> Option<Vec<NodeId>> {
    let flip = ds.node(a).id() > ds.node(b).id();
    let (x, y) = if flip { (b, a) } else { (a, b) };
    let score = |path: &Vec<NodeId>| {
        path.windows(2).fold((0, 0), |(r, s), w| {
            let (dr, ds_) = link_evidence(ds, w[0], w[1]);
            (r + dr, s + ds_)
        })
    };
    // In id order already: the first of the best is the one with the smallest ids.
    let paths = expected_paths(ds, view, x, y);
    let best = paths.iter().map(score).max()?;
    let mut path = paths.into_iter().find(|p| score(p) == best)?;
    if flip {
        path.reverse();
    }
    Some(path)
}

/// Every shortest path from `a` to `b`, in the order of their id sequences, enumerated over
/// plain BFS distances from both ends.
fn expected_paths(ds: &Dataset, view: &View, a: NodeId, b: NodeId) -> Vec<Vec<NodeId>> {
    let (from_a, from_b) = (bfs(ds, a), bfs(ds, b));
    let Some(length) = from_a[b.index()] else {
        return Vec::new();
    };
    let on_path = |n: NodeId| matches!((from_a[n.index()], from_b[n.index()]), (Some(x), Some(y)) if x + y == length);
    let mut paths = vec![vec![a]];
    for depth in 1..=length {
        paths = paths
            .into_iter()
            .flat_map(|path| {
                let last = *path.last().unwrap();
                let mut next: Vec<NodeId> = view
                    .neighbors(last)
                    .map(|(n, _)| n)
                    .filter(|&n| on_path(n) && from_a[n.index()] == Some(depth))
                    .collect();
                next.sort();
                next.dedup();
                next.into_iter().map(move |n| [path.clone(), vec![n]].concat())
            })
            .collect();
    }
    paths.sort_by(|p, q| {
        let ids = |path: &Vec<NodeId>| path.iter().map(|&n| ds.node(n).id().to_string()).collect::<Vec<_>>();
        ids(p).cmp(&ids(q))
    });
    paths
}

proptest! {
    /// Each link record lies in the edge of its own pair and each tie in the edge of its
    /// tied pair, once, in file order: an edge's run ends where the next one's starts, with
    /// no links, no ties, or both.
    #[test]
    fn every_record_lies_in_the_edge_of_its_pair_once(text in dataset()) {
        let ds = load(&text);
        let g = PartnerGraph::build(&ds);
        let (mut links, mut ties) = (Vec::new(), Vec::new());
        for e in g.graph.edge_indices() {
            let (a, b) = g.edge_ends(e);
            let records: Vec<usize> = g.edge_records(&ds, e).map(|p| {
                prop_assert_eq!((ds.entity_node(p.entity), ds.project_node(p.project)), (a, b));
                Ok(address(p))
            }).collect::<Result<_, _>>()?;
            let tied: Vec<usize> = g.edge_ties(&ds, e).map(|t| {
                prop_assert_eq!((ds.entity_node(t.from.min(t.to)), ds.entity_node(t.from.max(t.to))), (a, b));
                Ok(address(t))
            }).collect::<Result<_, _>>()?;
            prop_assert!(records.is_empty() != tied.is_empty(), "edge {} holds links or ties", e.index());
            // In an order of their content, not the files' (`graph::record_order`).
            let indices = |list: &[usize], size: usize, base: usize| -> Vec<u32> {
                list.iter().map(|&a| ((a - base) / size) as u32).collect()
            };
            let (ri, ti) = (
                indices(&records, std::mem::size_of::<partnet::model::Participation>(), ds.participations.as_ptr() as usize),
                indices(&tied, std::mem::size_of::<partnet::model::Tie>(), ds.ties.as_ptr() as usize),
            );
            prop_assert!(ri.is_sorted_by(|&x, &y| partnet::graph::record_order(&ds, x, y).is_le()), "content order");
            prop_assert!(ti.is_sorted_by(|&x, &y| partnet::graph::tie_order(&ds, x, y).is_le()), "content order");
            links.extend(records);
            ties.extend(tied);
        }
        links.sort_unstable();
        ties.sort_unstable();
        prop_assert_eq!(links, ds.participations.iter().map(address).collect::<Vec<_>>());
        prop_assert_eq!(ties, ds.ties.iter().map(address).collect::<Vec<_>>());
    }

    #[test]
    fn streaming_and_full_loaders_build_the_same_graph(text in dataset()) {
        let input = [Input::Text("random.json".into(), text)];
        let fast = load::load(&input, load::Options { warnings: false }).expect("valid").dataset;
        let full = load::load(&input, load::Options { warnings: true }).expect("valid").dataset;
        let (gf, gl) = (PartnerGraph::build(&fast), PartnerGraph::build(&full));
        let (vf, vl) = (View::all(&fast, &gf), View::all(&full, &gl));
        prop_assert_eq!(partnet::query::stats::stats(&vf), partnet::query::stats::stats(&vl));
        for n in fast.nodes() {
            prop_assert_eq!(fast.node(n).id(), full.node(n).id());
            let a: Vec<_> = partners(&vf, n, 2).into_iter().map(|f| (f.node, f.depth)).collect();
            let b: Vec<_> = partners(&vl, n, 2).into_iter().map(|f| (f.node, f.depth)).collect();
            prop_assert_eq!(a, b);
        }
    }

    #[test]
    fn partners_are_symmetric(text in dataset()) {
        let ds = load(&text);
        let g = PartnerGraph::build(&ds);
        let view = View::all(&ds, &g);
        for e in 0..ds.entities.len() as u32 {
            let a = ds.entity_node(e);
            for found in partners(&view, a, 1) {
                let back: Vec<NodeId> = partners(&view, found.node, 1).into_iter().map(|f| f.node).collect();
                prop_assert!(back.contains(&a));
            }
        }
    }

    #[test]
    fn partner_depth_is_half_the_bfs_distance(text in dataset(), depth in 1u32..4) {
        let ds = load(&text);
        let g = PartnerGraph::build(&ds);
        let view = View::all(&ds, &g);
        let origin = ds.entity_node(0);
        let dist = hops(&ds, origin, 2);
        let found: BTreeSet<(usize, u32)> = partners(&view, origin, depth).into_iter().map(|f| (f.node.index(), f.depth)).collect();
        let expected: BTreeSet<(usize, u32)> = (0..ds.entities.len())
            .filter(|&i| i != origin.index())
            .filter_map(|i| dist[i].map(|d| (i, (d / 2) as u32)))
            .filter(|&(_, d)| d <= depth)
            .collect();
        prop_assert_eq!(found, expected);
    }

    #[test]
    fn paths_are_shortest_and_symmetric(text in dataset()) {
        let ds = load(&text);
        let g = PartnerGraph::build(&ds);
        let view = View::all(&ds, &g);
        for a in ds.nodes() {
            let dist = bfs(&ds, a);
            for b in ds.nodes() {
                let there = shortest_path(&view, a, b);
                let back = shortest_path(&view, b, a);
                prop_assert_eq!(&there, &expected_path(&ds, &view, a, b));
                let (all, total) = all_shortest_paths(&view, a, b, usize::MAX);
                prop_assert_eq!(total, all.len() as u64);
                prop_assert_eq!(all, expected_paths(&ds, &view, a, b));
                prop_assert_eq!(there.clone().map(|p| p.into_iter().rev().collect::<Vec<_>>()), back.clone());
                prop_assert_eq!(there.as_ref().map(|p| p.len() - 1), dist[b.index()]);
                prop_assert_eq!(there.as_ref().map(Vec::len), back.as_ref().map(Vec::len));
                if let Some(path) = there {
                    prop_assert_eq!((path[0], *path.last().unwrap()), (a, b));
                    for pair in path.windows(2) {
                        prop_assert!(view.neighbors(pair[0]).any(|(n, _)| n == pair[1]));
                    }
                }
            }
        }
    }

    #[test]
    fn components_partition_the_nodes(text in dataset()) {
        let ds = load(&text);
        let g = PartnerGraph::build(&ds);
        let view = View::all(&ds, &g);
        let found = components(&view);
        let groups: Vec<&[partnet::model::NodeId]> = found.iter().collect();
        let mut all: Vec<usize> = groups.iter().copied().flatten().map(|n| n.index()).collect();
        all.sort_unstable();
        prop_assert_eq!(all, (0..ds.node_count()).collect::<Vec<_>>());
        // Largest first, equal sizes by their first node; each group in index order.
        for w in groups.windows(2) {
            prop_assert!(w[0].len() > w[1].len() || (w[0].len() == w[1].len() && w[0][0] < w[1][0]));
        }
        for group in &groups {
            prop_assert!(group.windows(2).all(|w| w[0] < w[1]));
        }
        for group in groups {
            let dist = bfs(&ds, group[0]);
            for n in ds.nodes() {
                prop_assert_eq!(dist[n.index()].is_some(), group.contains(&n));
            }
        }
    }

    #[test]
    fn ego_network_is_every_node_within_the_hops_of_an_origin(
        text in dataset(),
        picks in prop::collection::vec(0usize..20, 1..3),
        depth in 1u32..4,
    ) {
        let ds = load(&text);
        let g = PartnerGraph::build(&ds);
        let view = View::all(&ds, &g);
        let origins: Vec<NodeId> = picks.iter().map(|&i| NodeId::new(i % ds.node_count())).collect();
        let ego = ego_network(&view, &origins, depth);
        // An organisation's partners at depth d are 2d hops away; a project's members are 1
        // hop away and their partners 3.
        let mut want = BTreeSet::new();
        for &o in &origins {
            let limit = if ds.node(o).is_project() { 2 * depth as usize - 1 } else { 2 * depth as usize };
            let dist = hops(&ds, o, 2);
            want.extend(ds.nodes().filter(|n| dist[n.index()].is_some_and(|d| d <= limit)));
        }
        let got: BTreeSet<NodeId> = ego.nodes.iter().copied().collect();
        prop_assert_eq!(got.len(), ego.nodes.len(), "no node twice");
        prop_assert_eq!(&got, &want);
        let edges: BTreeSet<_> = ego.edges.iter().copied().collect();
        prop_assert_eq!(edges.len(), ego.edges.len(), "no link twice");
        let among: BTreeSet<_> = g
            .graph
            .edge_indices()
            .filter(|&e| {
                let (a, b) = g.edge_ends(e);
                want.contains(&a) && want.contains(&b)
            })
            .collect();
        prop_assert_eq!(edges, among);
    }

    #[test]
    fn compact_adjacency_lists_the_view_neighbours_in_order(text in dataset(), status in prop::bool::ANY) {
        let ds = load(&text);
        let g = PartnerGraph::build(&ds);
        let filter = Filter { roles: if status { vec!["lead".into()] } else { vec![] }, ..Filter::default() };
        let view = View::new(&ds, &g, filter);
        for n in ds.nodes() {
            let listed: Vec<u32> = view.neighbors(n).map(|(m, _)| m.index() as u32).collect();
            prop_assert_eq!(view.adjacency().neighbors(n.index() as u32), &listed[..]);
        }
    }

    #[test]
    fn as_of_after_all_the_data_answers_as_no_filter_does(text in dated_dataset()) {
        use partnet::query::{describe, list, money, partners as p, rank, stats};
        // A tie that ended is gone as of any later date, and shown without --as-of: the
        // other exception, checked in `changes_take_the_earlier_view_to_the_later`.
        let mut data: serde_json::Value = serde_json::from_str(&text).unwrap();
        for t in data["ties"].as_array_mut().unwrap() {
            t.as_object_mut().unwrap().remove("until");
        }
        let text = format!(
            r#"{{"sources": {}, "entities": {}, "projects": {}, "participations": {}, "ties": {}}}"#,
            data["sources"], data["entities"], data["projects"], data["participations"], data["ties"]
        );
        let ds = load(&text);
        let g = PartnerGraph::build(&ds);
        let late = Filter { as_of: partnet::model::Date::parse("2999-12-31"), ..Filter::default() };
        let answers = |view: &View| -> Vec<String> {
            let json = |v: serde_json::Result<String>| v.unwrap();
            let mut all = vec![
                json(serde_json::to_string(&stats::stats(view))),
                json(serde_json::to_string(&list::list(view, false))),
                json(serde_json::to_string(&list::list(view, true))),
                json(serde_json::to_string(&list::sources(view))),
                json(serde_json::to_string(&partnet::query::components::answer(view, None))),
                json(serde_json::to_string(&money::sectors(view, 0))),
            ];
            for by in [rank::By::Partners, rank::By::Projects, rank::By::Betweenness, rank::By::Value] {
                all.push(json(serde_json::to_string(&rank::rank(view, by, 0, partnet::query::centrality::Sources::All))));
            }
            for n in ds.nodes() {
                // As of a date a link's status is its latest record's, without one the most
                // definite: the two differ where a history steps back, checked below.
                let mut described = serde_json::to_value(describe::describe(view, n)).unwrap();
                for link in described["links"].as_array_mut().unwrap() {
                    link["status"] = serde_json::Value::Null;
                }
                all.push(described.to_string());
                if !ds.node(n).is_project() {
                    all.push(json(serde_json::to_string(&p::answer(view, n, 2))));
                }
            }
            all
        };
        let dated = View::new(&ds, &g, late);
        prop_assert_eq!(answers(&dated), answers(&View::all(&ds, &g)));
        // The statuses themselves, from the records: per role, the latest reported (undated
        // ones the earliest), the most definite of that day, and the most definite of the
        // roles; without --as-of the most definite of all.
        let rank = partnet::vocab::status_rank;
        for e in g.graph.edge_indices().filter(|&e| !g.is_tie(e)) {
            let records: Vec<_> = g.edge_records(&ds, e).collect();
            let when = |p: &partnet::model::Participation| {
                p.date.or_else(|| ds.source_refs[p.sources.range()].iter().filter_map(|&s| ds.sources[s as usize].date).min())
            };
            let latest = records.iter().map(|r| {
                let role: Vec<_> = records.iter().filter(|p| ds.role(p) == ds.role(r)).collect();
                let last = role.iter().map(|p| when(p)).max().unwrap();
                role.iter().filter(|p| when(p) == last).map(|p| rank(ds.status(p))).max().unwrap()
            }).max().unwrap();
            let most = records.iter().map(|p| rank(ds.status(p))).max().unwrap();
            prop_assert_eq!(rank(&Link::of(&dated, e).status), latest);
            prop_assert_eq!(rank(&Link::of(&View::all(&ds, &g), e).status), most);
        }
    }

    #[test]
    fn as_of_never_hides_what_was_reported_by_then(text in dated_dataset(), year in 2024u32..2027) {
        let ds = load(&text);
        let g = PartnerGraph::build(&ds);
        let d = partnet::model::Date::parse(&format!("{year}-06-30")).unwrap();
        let view = View::new(&ds, &g, Filter { as_of: Some(d), ..Filter::default() });
        let on_time = |date: Option<partnet::model::Date>| date.is_none_or(|x| x <= d);
        for n in ds.nodes() {
            let reported = match ds.node(n) {
                partnet::model::NodeRef::Project(p) => match p.date.or_else(|| ds.sources_in(p.sources).filter_map(|s| s.date).min()) {
                    Some(date) => on_time(Some(date)),
                    None => true,
                },
                partnet::model::NodeRef::Entity(_) => true,
            };
            let records: Vec<_> = ds.participations.iter()
                .filter(|p| ds.entity_node(p.entity) == n || ds.project_node(p.project) == n)
                .collect();
            let ties: Vec<_> = ds.ties.iter()
                .filter(|t| ds.entity_node(t.from) == n || ds.entity_node(t.to) == n)
                .collect();
            let by_record = (records.is_empty() && ties.is_empty())
                || records.iter().any(|p| on_time(partnet::filter::reported(&ds, p)))
                || ties.iter().any(|t| on_time(partnet::filter::tie_reported(&ds, t)));
            let undated_project = matches!(ds.node(n), partnet::model::NodeRef::Project(p)
                if p.date.is_none() && ds.sources_in(p.sources).all(|s| s.date.is_none()));
            let expected = if ds.node(n).is_project() && !undated_project { reported } else { by_record };
            prop_assert_eq!(view.contains(n), expected, "{}", ds.node(n).id());
        }
    }

    /// `--as-of D` shows a node exactly when `query::known` (which `changes` and `timeline`
    /// date nodes by) says it was known by D: one rule, over every node at once or one at a
    /// time.
    #[test]
    fn as_of_shows_a_node_when_query_known_says_it_was_known(text in dated_dataset(), year in 2024u32..2027, month in 1u32..13) {
        let ds = load(&text);
        let g = PartnerGraph::build(&ds);
        let d = partnet::model::Date::parse(&format!("{year}-{month:02}")).unwrap();
        let view = View::new(&ds, &g, Filter { as_of: Some(d), ..Filter::default() });
        for n in ds.nodes() {
            let known = partnet::query::known::known_from(&ds, &g, n, None);
            prop_assert_eq!(view.contains(n), known.is_none_or(|k| k <= d), "{} known from {:?}", ds.node(n).id(), known);
        }
    }

    /// `changes` is the difference of two views: what the later one shows and the earlier
    /// does not is added, and moving each status in date order ends where the later view
    /// stands, under other filters too.
    #[test]
    fn changes_take_the_earlier_view_to_the_later(
        text in dated_dataset(),
        a in (2024u32..2027, 1u32..13),
        b in (2024u32..2027, 1u32..13),
        filter in 0usize..4,
    ) {
        use partnet::model::Date;
        use partnet::query::changes::changes;
        use std::collections::BTreeMap;
        let ds = load(&text);
        let g = PartnerGraph::build(&ds);
        let (a, b) = (a.min(b), a.max(b));
        let (d1, d2) = (
            Date::parse(&format!("{}-{:02}-15", a.0, a.1)).unwrap(),
            Date::parse(&format!("{}-{:02}-15", b.0, b.1)).unwrap(),
        );
        let base = match filter {
            0 => Filter::default(),
            1 => Filter { roles: vec!["lead".into()], ..Filter::default() },
            2 => Filter { statuses: vec!["agreed".into(), "signed".into()], ..Filter::default() },
            // Keeps ties, between organisations it keeps by their participations.
            _ => Filter { sectors: vec!["energy".into()], ..Filter::default() },
        };
        let early = View::new(&ds, &g, Filter { as_of: Some(d1), ..base.clone() });
        let late = View::new(&ds, &g, Filter { as_of: Some(d2), ..base });
        let c = changes(&ds, &g, &late.filter, d1, d2);
        prop_assert_eq!((c.since, c.until), (d1, d2));
        let ids = |view: &View| view.nodes().map(|n| ds.node(n).id().to_string()).collect::<BTreeSet<_>>();
        let mut nodes = ids(&early);
        for added in c.added.entities.iter().chain(&c.added.projects) {
            prop_assert!(nodes.insert(added.id.to_string()), "{} added twice or already there", added.id);
            prop_assert!(added.date > d1 && added.date <= d2, "{} dated {}", added.id, added.date);
        }
        // Nothing else goes but what only an ended tie kept (a filter that asks for a link).
        let late_nodes = ids(&late);
        let ended_ends: BTreeSet<&str> = c.ended.ties.iter().flat_map(|t| [t.from, t.to]).collect();
        for gone in nodes.difference(&late_nodes) {
            prop_assert!(ended_ends.contains(gone.as_str()), "{} went without an ended tie", gone);
        }
        prop_assert!(late_nodes.is_subset(&nodes));
        let statuses = |view: &View| view.edges().filter(|&e| !view.is_tie(e)).map(|e| {
            let l = Link::of(view, e);
            ((l.entity, l.project), l.status)
        }).collect::<BTreeMap<_, _>>();
        let mut links = statuses(&early);
        for l in &c.added.links {
            let key = (l.entity.to_string(), l.project.to_string());
            prop_assert!(links.insert(key, l.status.to_string()).is_none(), "{}-{} added twice", l.entity, l.project);
            prop_assert!(l.date > d1 && l.date <= d2);
        }
        let mut last = BTreeMap::new();
        for ch in &c.changed {
            let key = (ch.entity.to_string(), ch.project.to_string());
            prop_assert!(ch.date > d1 && ch.date <= d2);
            prop_assert!(last.insert(key.clone(), ch.date).is_none_or(|before| before < ch.date), "moves in date order");
            let now = links.get_mut(&key).expect("a change of a link the later view shows");
            prop_assert_eq!(now.as_str(), ch.from);
            prop_assert_ne!(&ch.from, &ch.to);
            *now = ch.to.to_string();
        }
        prop_assert_eq!(links, statuses(&late));
        // Ties: the earlier view's, plus those added, less those ended, are the later view's.
        type TieKey = (String, String, String, String);
        let ties = |view: &View| {
            let mut all: BTreeMap<TieKey, usize> = BTreeMap::new();
            for e in view.edges().filter(|&e| view.is_tie(e)) {
                for t in view.ties(e) {
                    let id = |i: u32| ds.entities[i as usize].id().to_string();
                    *all.entry((id(t.from), id(t.to), ds.tie_kind(t).to_string(), ds.tie_status(t).to_string())).or_default() += 1;
                }
            }
            all
        };
        let mut tied = ties(&early);
        for t in &c.added.ties {
            prop_assert!(t.date > d1 && t.date <= d2, "tie added on {}", t.date);
            *tied.entry((t.from.to_string(), t.to.to_string(), t.kind.to_string(), t.status.to_string())).or_default() += 1;
        }
        for t in &c.ended.ties {
            prop_assert!(t.date >= d1 && t.date < d2, "tie ended on {}", t.date);
            let key = (t.from.to_string(), t.to.to_string(), t.kind.to_string(), t.status.to_string());
            let count = tied.get_mut(&key).expect("an ended tie the earlier view shows");
            *count -= 1;
            if *count == 0 {
                tied.remove(&key);
            }
        }
        prop_assert_eq!(tied, ties(&late));
        // Each addition is dated as `--as-of` shows it: shown on its date, and not on the
        // data's last date before (what a view shows moves only on the data's dates). A tie
        // that ends in the window may have shown an organisation for a while before what
        // shows it at the end: then only the first holds.
        let transient = ds.ties.iter().any(|t| t.until.is_some_and(|u| u > d1 && u <= d2));
        let dates: BTreeSet<Date> = ds.participations.iter().filter_map(|p| p.date)
            .chain(ds.sources.iter().filter_map(|s| s.date))
            .chain(ds.projects.iter().filter_map(|p| p.date))
            .chain(ds.ties.iter().flat_map(|t| [t.date, t.until]).flatten())
            .collect();
        let view_at = |d: Date| View::new(&ds, &g, Filter { as_of: Some(d), ..late.filter.clone() });
        let at_and_before = |d: Date| {
            let before = dates.range(..d).next_back().copied().unwrap_or(d1).max(d1);
            (view_at(d), view_at(before))
        };
        for added in c.added.entities.iter().chain(&c.added.projects) {
            let (on, before) = at_and_before(added.date);
            prop_assert!(ids(&on).contains(added.id), "{} not shown on its date {}", added.id, added.date);
            prop_assert!(transient || !ids(&before).contains(added.id), "{} shown before its date {}", added.id, added.date);
        }
        for l in &c.added.links {
            let (on, before) = at_and_before(l.date);
            let key = (l.entity.to_string(), l.project.to_string());
            prop_assert!(statuses(&on).contains_key(&key), "{}-{} not shown on {}", l.entity, l.project, l.date);
            prop_assert!(transient || !statuses(&before).contains_key(&key), "{}-{} shown before {}", l.entity, l.project, l.date);
        }
        for t in &c.added.ties {
            let (on, before) = at_and_before(t.date);
            let key = (t.from.to_string(), t.to.to_string(), t.kind.to_string(), t.status.to_string());
            prop_assert!(ties(&on).contains_key(&key), "tie {}-{} not shown on {}", t.from, t.to, t.date);
            // Told apart from the others of its key only while none of them is shown.
            let id = |i: u32| ds.entities[i as usize].id().to_string();
            let alike = ds.ties.iter().filter(|x| {
                (id(x.from), id(x.to), ds.tie_kind(x).to_string(), ds.tie_status(x).to_string()) == key
            }).count();
            if alike == 1 && !transient {
                prop_assert!(!ties(&before).contains_key(&key), "tie {}-{} shown before {}", t.from, t.to, t.date);
            }
        }
        // Every source an item cites is resolved at the top, and only those.
        let cited: BTreeSet<&str> = c.added.entities.iter().chain(&c.added.projects).flat_map(|n| &n.sources)
            .chain(c.added.links.iter().flat_map(|l| &l.sources))
            .chain(c.changed.iter().flat_map(|ch| &ch.sources))
            .chain(c.added.ties.iter().chain(&c.ended.ties).flat_map(|t| &t.sources))
            .copied()
            .collect();
        let listed: BTreeSet<&str> = c.sources.iter().map(|s| s.id).collect();
        prop_assert_eq!(cited, listed);
    }

    /// The components and the changes of a dataset do not move when its records come in
    /// another order: sources, organisations and projects shuffled one by one, links and
    /// ties pair by pair (the records of one pair keep their order, which a link's roles
    /// and evidence follow).
    #[test]
    fn components_and_changes_do_not_depend_on_record_order(
        text in dated_dataset(),
        seed in any::<u64>(),
        since in (2024u32..2027, 1u32..13),
    ) {
        use partnet::model::Date;
        use partnet::query::{changes::changes, components::answer};
        let shuffled = shuffle_records(&text, seed);
        let since = Date::parse(&format!("{}-{:02}-15", since.0, since.1)).unwrap();
        let until = Date::parse("2027-12-31").unwrap();
        let answers = |text: &str| {
            let ds = load(text);
            let g = PartnerGraph::build(&ds);
            let view = View::all(&ds, &g);
            let json = |v: serde_json::Result<String>| v.unwrap();
            [
                json(serde_json::to_string(&answer(&view, None))),
                json(serde_json::to_string(&answer(&view, Some(2)))),
                json(serde_json::to_string(&changes(&ds, &g, &Filter::default(), since, until))),
            ]
        };
        prop_assert_eq!(answers(&text), answers(&shuffled));
    }
}

/// `text` with its sources, entities and projects shuffled, and its participations and ties
/// shuffled pair by pair, the records of one pair in their order.
fn shuffle_records(text: &str, mut seed: u64) -> String {
    // SplitMix64, as examples/generate.rs.
    let mut next = move || {
        seed = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = seed;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let mut shuffle = |items: &mut Vec<serde_json::Value>| {
        for i in (1..items.len()).rev() {
            items.swap(i, (next() % (i as u64 + 1)) as usize);
        }
    };
    let data: serde_json::Value = serde_json::from_str(text).unwrap();
    let mut list = |key: &str, pair: Option<(&str, &str)>| {
        let items = data[key].as_array().unwrap().clone();
        let Some((a, b)) = pair else {
            let mut items = items;
            shuffle(&mut items);
            return serde_json::Value::from(items);
        };
        let mut pairs: Vec<(Vec<String>, Vec<serde_json::Value>)> = Vec::new();
        for item in items {
            let mut key = vec![item[a].to_string(), item[b].to_string()];
            key.sort();
            match pairs.iter_mut().find(|(k, _)| *k == key) {
                Some((_, records)) => records.push(item),
                None => pairs.push((key, vec![item])),
            }
        }
        let mut groups: Vec<serde_json::Value> = pairs.into_iter().map(|(_, r)| r.into()).collect();
        shuffle(&mut groups);
        serde_json::Value::from(
            groups
                .into_iter()
                .flat_map(|g| g.as_array().unwrap().clone())
                .collect::<Vec<_>>(),
        )
    };
    format!(
        r#"{{"sources": {}, "entities": {}, "projects": {}, "participations": {}, "ties": {}}}"#,
        list("sources", None),
        list("entities", None),
        list("projects", None),
        list("participations", Some(("entity", "project"))),
        list("ties", Some(("from", "to")))
    )
}
