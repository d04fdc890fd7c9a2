//! `partnet components`: connected groups of organisations and projects, largest first.

use std::io::{self, Write};

use serde::Serialize;

use crate::error::Error;
use crate::filter::View;
use crate::model::NodeId;
use crate::output::{emit, Report, Table};

use super::{Context, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Show only the K largest groups.
    #[arg(long, value_name = "K")]
    pub top: Option<usize>,
}

/// The connected components of the view, each a list of nodes, largest first; ties broken
/// by the smallest node index, so the order is stable.
///
/// Complexity: O(V + E), one breadth-first search per component.
pub fn components(view: &View) -> Vec<Vec<NodeId>> {
    let n = view.ds.node_count();
    let mut seen = vec![false; n];
    let mut groups = Vec::new();
    let mut queue = Vec::new();
    for start in view.nodes() {
        if seen[start.index()] {
            continue;
        }
        seen[start.index()] = true;
        queue.clear();
        queue.push(start);
        let mut head = 0;
        while head < queue.len() {
            let node = queue[head];
            head += 1;
            for (next, _) in view.neighbors(node) {
                if !seen[next.index()] {
                    seen[next.index()] = true;
                    queue.push(next);
                }
            }
        }
        let mut group = queue.clone();
        group.sort_unstable();
        groups.push(group);
    }
    // Stable sort: equal sizes keep the order of their first node.
    groups.sort_by_key(|g| std::cmp::Reverse(g.len()));
    groups
}

/// One connected group, by ids.
#[derive(Debug, Serialize)]
pub struct Component {
    pub size: usize,
    pub entities: Vec<String>,
    pub projects: Vec<String>,
}

#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct ComponentsReport(pub Vec<Component>);

pub fn report(view: &View, top: Option<usize>) -> ComponentsReport {
    let groups = components(view);
    let take = top.unwrap_or(groups.len());
    ComponentsReport(
        groups
            .into_iter()
            .take(take)
            .map(|g| {
                let (mut entities, mut projects) = (Vec::new(), Vec::new());
                for n in &g {
                    let node = view.ds.node(*n);
                    let list = if node.is_project() {
                        &mut projects
                    } else {
                        &mut entities
                    };
                    list.push(node.id().to_string());
                }
                entities.sort_unstable();
                projects.sort_unstable();
                Component {
                    size: g.len(),
                    entities,
                    projects,
                }
            })
            .collect(),
    )
}

impl Report for ComponentsReport {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut table = Table::new(&["#", "size", "entities", "projects", "members"])
            .right(0)
            .right(1)
            .right(2)
            .right(3);
        for (i, c) in self.0.iter().enumerate() {
            let mut members: Vec<&str> = c.entities.iter().map(String::as_str).collect();
            let shown = members.len().min(6);
            let more = members.len() - shown;
            members.truncate(shown);
            let mut text = members.join(", ");
            if more > 0 {
                text.push_str(&format!(", ... {more} more"));
            }
            table.row([
                (i + 1).to_string(),
                c.size.to_string(),
                c.entities.len().to_string(),
                c.projects.len().to_string(),
                text,
            ]);
        }
        table.write(out)
    }
}

pub fn run(ctx: &Context, args: &Args, out: &mut dyn Write) -> Result<Outcome, Error> {
    let session = ctx.session()?;
    let report = report(&session.view(), args.top);
    emit(&report, ctx.json, out)?;
    Ok(if report.0.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}
