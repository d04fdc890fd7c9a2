//! `partnet changes --since D1 [--until D2]`: what became known after D1, up to D2:
//! organisations, projects, links and ties first reported in that window, links whose status
//! moved and ties that ended, each dated and with its sources.

use std::io::{self, Write};

use crate::error::Error;
use crate::model::Date;
use crate::output::{emit, Report, Table};
use crate::query::changes::{changes, default_until, AddedNode, Changes, TieEvent};
use crate::text::clean;
use crate::vocab::tie_phrase;

use super::{Context, Outcome};

#[derive(Debug, clap::Args)]
#[command(
    after_help = "The window runs from after --since up to and including --until; things are \
dated as --as-of dates them. Example:\n  partnet changes --since 2025-12-31 --until 2026-03-31"
)]
pub struct Args {
    /// Report what became known after this date (YYYY-MM-DD, YYYY-MM or YYYY; a month or
    /// a year means after its last day, as `--as-of` reads it).
    #[arg(long, value_name = "DATE", value_parser = crate::cli::parse_date_end)]
    pub since: Date,
    /// ... up to and including this date (a month or a year means its last day) [default:
    /// the latest date in the data, or the day after the latest tie `until` if that is later,
    /// so that every end the data records is in the window].
    #[arg(long, value_name = "DATE", value_parser = crate::cli::parse_date_end)]
    pub until: Option<Date>,
}

fn nodes_table(title: &str, list: &[AddedNode], projects: bool, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "\n{title} ({}):", list.len())?;
    if list.is_empty() {
        return writeln!(out, "  none");
    }
    let mut t = if projects {
        Table::new(&["  date", "name", "id", "value", "status", "sources"])
    } else {
        Table::new(&["  date", "name", "id", "kind", "sources"])
    };
    for n in list {
        let mut row = vec![format!("  {}", n.date), n.name.to_string(), n.id.to_string()];
        if projects {
            row.push(n.value.clone().unwrap_or_default());
            row.push(n.status.unwrap_or_default().to_string());
        } else {
            row.push(n.kind.to_string());
        }
        row.push(n.sources.join(", "));
        t.row(row);
    }
    t.write(out)
}

/// A table of ties shown or ended in the window: "Cameco owner 49% of Westinghouse".
fn ties_table(title: &str, ties: &[TieEvent], out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "\n{title} ({}):", ties.len())?;
    if ties.is_empty() {
        return writeln!(out, "  none");
    }
    let mut t = Table::new(&["  date", "organisation", "tie", "of", "status", "sources"]);
    for tie in ties {
        let mut what = tie_phrase(tie.kind, tie.share, false);
        if let Some(title) = &tie.title {
            what.push_str(&format!(" ({title})"));
        }
        t.row([
            format!("  {}", tie.date),
            tie.from_name.to_string(),
            what,
            tie.to_name.to_string(),
            tie.status.to_string(),
            tie.sources.join(", "),
        ]);
    }
    t.write(out)
}

impl Report for Changes<'_> {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        if self.is_empty() {
            return writeln!(out, "nothing became known after {} up to {}", self.since, self.until);
        }
        writeln!(out, "what became known after {}, up to {}", self.since, self.until)?;
        nodes_table("organisations added", &self.added.entities, false, out)?;
        nodes_table("projects added", &self.added.projects, true, out)?;
        let links = &self.added.links;
        writeln!(out, "\nlinks added ({}):", links.len())?;
        if links.is_empty() {
            writeln!(out, "  none")?;
        } else {
            let mut t = Table::new(&["  date", "organisation", "project", "role", "status", "sources"]);
            for l in links {
                t.row([
                    format!("  {}", l.date),
                    l.entity_name.to_string(),
                    l.project_name.to_string(),
                    l.roles.join("/"),
                    l.status.to_string(),
                    l.sources.join(", "),
                ]);
            }
            t.write(out)?;
        }
        ties_table("ties added", &self.added.ties, out)?;
        ties_table("ties ended", &self.ended.ties, out)?;
        writeln!(out, "\nstatus changes ({}):", self.changed.len())?;
        if self.changed.is_empty() {
            writeln!(out, "  none")?;
        } else {
            let mut t = Table::new(&["  date", "organisation", "project", "change", "sources"]);
            for c in &self.changed {
                t.row([
                    format!("  {}", c.date),
                    c.entity_name.to_string(),
                    c.project_name.to_string(),
                    format!("{} -> {}", c.from, c.to),
                    c.sources.join(", "),
                ]);
            }
            t.write(out)?;
            for c in &self.changed {
                for e in &c.evidence {
                    writeln!(
                        out,
                        "  {} in {}: {}",
                        clean(c.entity_name),
                        clean(c.project_name),
                        clean(e)
                    )?;
                }
            }
        }
        super::write_sources(&self.sources, out)
    }
}

/// `--since` after `--as-of` is a usage error: nothing after `--as-of` is shown, so nothing
/// could be new. `changes` and `diagram --since` say so alike.
/// `until` says whether the command has `--until`, which the help then names.
pub(super) fn since_before_as_of(since: Date, as_of: Option<Date>, until: bool) -> Result<(), Error> {
    match as_of {
        Some(as_of) if since > as_of => Err(Error::usage(format!(
            "--since {since} is after --as-of {as_of}: nothing after --as-of is shown"
        ))
        .with_help(format!(
            "drop --as-of, or give --since a date before it{}",
            if until { " (--until ends the window)" } else { "" }
        ))),
        _ => Ok(()),
    }
}

pub fn run(ctx: &Context, args: &Args, out: &mut dyn Write) -> Result<Outcome, Error> {
    if let Some(until) = args.until {
        if args.since > until {
            return Err(Error::usage(format!(
                "--since {} is after --until {until}: the window would be empty",
                args.since
            ))
            .with_help("give --since the earlier date and --until the later one"));
        }
    }
    since_before_as_of(args.since, ctx.filter.as_of, true)?;
    let session = ctx.session()?;
    let ds = &*session.dataset;
    // The window ends at --until, else where the data's dates end (`default_until`); --as-of
    // cuts it.
    let mut until = args.until.or_else(|| default_until(ds)).unwrap_or(args.since);
    if let Some(as_of) = ctx.filter.as_of {
        until = until.min(as_of);
    }
    let start = std::time::Instant::now();
    let answer = changes(ds, &session.graph, &ctx.filter, args.since, until.max(args.since));
    super::timing("changes", start);
    let start = std::time::Instant::now();
    emit(&answer, ctx.json, out)?;
    super::timing("write", start);
    Ok(if answer.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}
