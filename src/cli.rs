//! The command line: global options and the command list. Each command's own arguments
//! live in its file under `src/cmd/`.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::cmd;
use crate::error::Error;
use crate::filter::Filter;
use crate::model::{Date, DateError};
use crate::vocab;

/// Explore partnership graphs: who works with whom, how, and who says so.
#[derive(Debug, Parser)]
#[command(name = "partnet", version, about, max_term_width = 100)]
#[command(
    after_help = "Data: --data takes partnet's JSON or CSV datasets, node-link JSON (`export --format json`), \
FollowTheMoney streams (`export --format ftm`, OpenSanctions), directories of them, `-` for standard input, or a \
snapshot that `partnet index` made; without it partnet reads data/ in the current directory, or the built-in \
US-Japan 2025 dataset.\n\
Exit status: 0 ok, 1 nothing found or invalid data, 2 usage error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    #[command(flatten)]
    pub global: Global,
}

/// Options every command takes.
#[derive(Debug, clap::Args)]
pub struct Global {
    /// Dataset file (.json, .csv; node-link JSON and FollowTheMoney too), directory of them,
    /// `-` for standard input, or snapshot (`partnet index`); repeat to merge several (a
    /// snapshot is read alone).
    #[arg(long, global = true, value_name = "PATH")]
    pub data: Vec<PathBuf>,

    /// Print machine-readable JSON on stdout.
    #[arg(long, global = true)]
    pub json: bool,

    /// Keep projects in this sector (`energy` also keeps `energy/nuclear`); repeatable.
    #[arg(long, global = true, value_name = "SECTOR", help_heading = "Filters")]
    pub sector: Vec<String>,

    /// Keep organisations from this country (ISO code, e.g. JP); repeatable.
    #[arg(long, global = true, value_name = "CODE", help_heading = "Filters")]
    pub country: Vec<String>,

    /// Keep organisations of this kind (company, agency, government, person, ...); repeatable.
    #[arg(long, global = true, value_name = "KIND", help_heading = "Filters", long_help = vocab::kind_help())]
    pub kind: Vec<String>,

    /// Keep links with this status (interested, considering, memorandum, term-sheet, agreed, ...); repeatable.
    #[arg(long, global = true, value_name = "STATUS", help_heading = "Filters", long_help = vocab::status_help())]
    pub status: Vec<String>,

    /// Keep links with this role (lead, partner, supplier, financier, ...); repeatable.
    #[arg(long, global = true, value_name = "ROLE", help_heading = "Filters", long_help = vocab::role_help())]
    pub role: Vec<String>,

    /// Keep only what was reported on or before this date (YYYY-MM-DD; a month or a year,
    /// YYYY-MM or YYYY, means its last day).
    #[arg(long, global = true, value_name = "DATE", value_parser = parse_date_end, help_heading = "Filters")]
    pub as_of: Option<Date>,

    /// Leave out every tie between organisations: the organisation-project graph alone.
    #[arg(long, global = true, help_heading = "Filters")]
    pub no_ties: bool,

    /// Keep only ties of this kind (owner, parent, founder, ...); repeatable.
    #[arg(long = "tie", global = true, value_name = "KIND", help_heading = "Filters", long_help = vocab::tie_help())]
    pub tie: Vec<String>,

    /// Fold each organisation another controls (a parent tie, or an owner tie over 50%) into
    /// its ultimate controller, for every command.
    #[arg(long, global = true, help_heading = "Filters")]
    pub roll_up: bool,
}

pub fn parse_date(text: &str) -> Result<Date, String> {
    // clap prints this after "invalid value ... for '--as-of <DATE>': "; the help line is
    // ours, in the form of every other error's.
    Date::read(text).map_err(|why| match why {
        DateError::Shape => format!("{text:?} is not a date\n  help: {}", why.help()),
        _ => format!("{text:?} is not a date: {why}\n  help: {}", why.help()),
    })
}

/// A date that ends a period "up to and including" it: a month or a year stands for its last
/// day ([`Date::last_day`]), so `--as-of 2025` keeps all of 2025.
pub fn parse_date_end(text: &str) -> Result<Date, String> {
    parse_date(text).map(Date::last_day)
}

impl Global {
    /// The filters the options ask for; a usage error for two that contradict each other
    /// (`--no-ties` with `--tie KIND`: no tie, and only ties of KIND).
    pub fn filter(&self) -> Result<Filter, Error> {
        if self.no_ties && !self.tie.is_empty() {
            return Err(Error::usage(format!(
                "--no-ties and --tie {} conflict: --no-ties leaves out every tie, --tie keeps those of a kind",
                self.tie.join(" --tie ")
            ))
            .with_help("give one of them: --no-ties for the organisation-project graph alone, or --tie KIND"));
        }
        Ok(Filter {
            sectors: self.sector.clone(),
            countries: self.country.clone(),
            kinds: self.kind.clone(),
            statuses: self.status.clone(),
            roles: self.role.clone(),
            as_of: self.as_of,
            no_ties: self.no_ties,
            tie_kinds: self.tie.clone(),
        })
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate the data: every error and warning, with file, line and what to do.
    Check(cmd::check::Args),
    /// Counts: entities, projects, links, sources, connected components.
    Stats(cmd::stats::Args),
    /// List entities or projects, sorted by name.
    List(cmd::list::Args),
    /// Everything about one entity or project.
    Show(cmd::show::Args),
    /// Who works with whom: the organisations sharing projects with NAME.
    Partners(cmd::partners::Args),
    /// The shortest chain between two nodes, with the evidence for each link.
    Path(cmd::path::Args),
    /// Connected groups, largest first.
    Components(cmd::components::Args),
    /// Brokers and hubs: organisations ranked by partners, projects, betweenness or value.
    Rank(cmd::rank::Args),
    /// Money by sector: projects, organisations and total value per sector.
    Sectors(cmd::sectors::Args),
    /// Draw the graph, or part of it: DOT, SVG, PNG, PDF or an HTML explorer.
    Diagram(cmd::diagram::Args),
    /// Print the JSON Schema of the dataset format.
    Schema(cmd::schema::Args),
    /// Export the graph as JSON, Cytoscape, GraphML, GEXF, CSV, Cypher, FtM or neo4j-admin.
    Export(cmd::export::Args),
    /// What became known between two dates: organisations, projects, links, status changes.
    Changes(cmd::changes::Args),
    /// Every dated event of one organisation or project, oldest first.
    Timeline(cmd::timeline::Args),
    /// Save the dataset as a snapshot that --data reads back several times faster.
    Index(cmd::index::Args),
}
