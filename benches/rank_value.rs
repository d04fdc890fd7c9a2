//! `rank --by value` on a programme of 60,000 parts that one organisation takes part in,
//! with all of its parts: the case that was quadratic (10,000 parts took 2.5 s, 100,000
//! over two minutes). It must stay linear in the projects.
//!
//!     cargo bench --bench rank_value

use std::fmt::Write as _;
use std::time::Instant;

use partnet::filter::View;
use partnet::graph::PartnerGraph;
use partnet::load::{self, Input};
use partnet::query::centrality::Sources;
use partnet::query::rank::{rank, By};

fn main() {
    for parts in [10_000, 60_000, 100_000] {
        let mut text = String::from(
            r#"{"entities": [{"id": "org", "name": "Org"}, {"id": "other", "name": "Other"}], "projects": [{"id": "programme", "name": "Programme", "value": "$550B"}"#,
        );
        for i in 0..parts {
            write!(
                text,
                r#",{{"id": "p{i}", "name": "Part {i}", "value": "up to $1B", "part_of": "programme"}}"#
            )
            .unwrap();
        }
        text.push_str(r#"], "participations": [{"entity": "org", "project": "programme"}"#);
        for i in 0..parts {
            write!(
                text,
                r#",{{"entity": "org", "project": "p{i}"}},{{"entity": "other", "project": "p{i}"}}"#
            )
            .unwrap();
        }
        text.push_str("]}");
        let ds = load::load(&[Input::Text("bench.json".into(), text)], Default::default())
            .expect("valid")
            .dataset;
        let graph = PartnerGraph::build(&ds);
        let view = View::all(&ds, &graph);
        let mut times = Vec::new();
        for _ in 0..5 {
            let start = Instant::now();
            let ranked = rank(&view, By::Value, 0, Sources::All);
            times.push(start.elapsed().as_secs_f64() * 1e3);
            // The organisation in the programme and its parts is credited with the parts.
            let org = ranked.ranked.iter().find(|r| r.id == "org").expect("ranked");
            assert_eq!(org.score, parts as f64 * 1e9);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{parts:>7} parts: median {:7.1} ms (min {:.1}, max {:.1})",
            times[2], times[0], times[4]
        );
    }
}
