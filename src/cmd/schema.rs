//! `partnet schema`: the JSON Schema of the dataset format, generated from the types that
//! read it, so the published schema cannot drift from the loader.

use std::io::Write;

use crate::error::Error;

use super::{Context, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_ctx: &Context, _args: &Args, out: &mut dyn Write) -> Result<Outcome, Error> {
    out.write_all(crate::load::schema_json().as_bytes())?;
    Ok(Outcome::Found)
}
