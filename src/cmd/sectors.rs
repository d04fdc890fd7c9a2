//! `partnet sectors`: money by sector: how many projects, how many organisations, and the
//! total value each sector's projects report, qualifier kept.

use std::io::{self, Write};

use crate::error::Error;
use crate::output::{emit, Report, Table};
use crate::query::money::{sectors, Sectors};

use super::{Context, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Group by the first N levels of the sector path (`energy/nuclear` at level 1 is
    /// `energy`); 0 keeps the whole path.
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub level: usize,
}

impl Report for Sectors {
    fn human(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut t = Table::new(&["sector", "projects", "organisations", "value", "unvalued"])
            .right(1)
            .right(2)
            .right(4);
        for s in &self.0 {
            t.row([
                s.sector.clone(),
                s.projects.to_string(),
                s.organisations.to_string(),
                s.value.clone().unwrap_or_else(|| "-".to_string()),
                s.unvalued_projects.to_string(),
            ]);
        }
        t.write(out)
    }
}

pub fn run(ctx: &Context, args: &Args, out: &mut dyn Write) -> Result<Outcome, Error> {
    let session = ctx.session()?;
    let report = sectors(&session.view(), args.level);
    emit(&report, ctx.json, out)?;
    Ok(if report.0.is_empty() {
        super::nothing_found(&ctx.filter, "projects", session.dataset.projects.len())
    } else {
        Outcome::Found
    })
}
