//! partnet's entry point: parses the command line, runs one command, and alone decides the
//! exit code (0 ok, 1 nothing found or invalid data, 2 usage).

#![deny(clippy::undocumented_unsafe_blocks)]

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::Parser;

use partnet::cli::{Cli, Command};
use partnet::cmd::{self, Context, Outcome};
use partnet::error::{Error, ErrorKind};

/// mimalloc: loading a million-record dataset makes millions of small allocations, and
/// mimalloc makes them (and reuses freed memory) several times faster than the system
/// allocator; see benches/README.md.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Turns transparent huge pages off for this process. mimalloc asks for them, and where
/// fresh memory is cheap they save a little time; but on a VM whose hypervisor has taken
/// back free memory, a fresh huge page cost up to 2.9 ms per MB, against about 0.4 ms for
/// plain pages, and `stats` on a million companies took 2.8-2.9 s instead of 1.65-1.7 s
/// (benches/README.md). The loader's id table, read at random, is the one exception: it
/// asks for them itself (`prefetch::populate_spare_huge`). Best effort: where the call
/// fails, nothing changes.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes an integer flag and touches no memory of ours.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// Lets a write past the file-size limit (`ulimit -f`) fail as an error, EFBIG, instead of
/// killing the process with SIGXFSZ: the atomic writer then removes its temporary file, and
/// the user reads why, where the signal left a `.partnet-*.tmp` behind and no message.
fn writes_past_the_size_limit_fail() {
    // SAFETY: sets the disposition of one signal to "ignore", before any other thread exists;
    // no handler of ours runs.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}

/// mimalloc's `purge_delay` option, by its place in `mi_option_t` (mimalloc.h, v3), which
/// the -sys crate does not name; the test below pins it.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Hands freed memory back to the system after 10 ms, not mimalloc v3's default of one
/// second: a command that frees a table as large as the id table (64 MB at a million
/// companies) and then builds the graph would otherwise hold both, and `stats` on a million
/// companies peaked at 438-439 MB instead of 414-418 MB, in no more time
/// (benches/README.md). 10 ms is the delay mimalloc documents, and v2's default. As a
/// default only: `MIMALLOC_PURGE_DELAY` in the environment still decides.
fn prompt_purge() {
    // SAFETY: called first thing in `main`, before any other thread exists (mimalloc's
    // options are not thread-safe to set), with a valid option and value.
    unsafe {
        libmimalloc_sys::mi_option_set_default(MI_OPTION_PURGE_DELAY, 10);
    }
}

fn main() -> ExitCode {
    let start = std::time::Instant::now();
    prompt_purge();
    no_huge_pages();
    writes_past_the_size_limit_fail();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let filter = match cli.global.filter() {
        Ok(filter) => filter,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(e.exit_code() as u8);
        }
    };
    let ctx = Context {
        inputs: Context::default_inputs(cli.global.data.clone()),
        data_given: !cli.global.data.is_empty(),
        filter,
        json: cli.global.json,
        roll_up: cli.global.roll_up,
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = run(&ctx, &cli.command, &mut out).and_then(|outcome| {
        out.flush().map_err(Error::from)?;
        Ok(outcome)
    });
    cmd::timing("run", start);
    match result {
        Ok(Outcome::Found) => ExitCode::SUCCESS,
        Ok(Outcome::NothingFound | Outcome::Invalid) => ExitCode::from(1),
        Err(e) => {
            let _ = out.flush();
            // A closed pipe (`partnet list | head`) is not an error worth a message.
            if e.kind() != ErrorKind::Closed {
                eprintln!("{e}");
            }
            ExitCode::from(e.exit_code() as u8)
        }
    }
}

fn run(ctx: &Context, command: &Command, out: &mut dyn Write) -> Result<Outcome, Error> {
    match command {
        Command::Check(args) => cmd::check::run(ctx, args, out),
        Command::Stats(args) => cmd::stats::run(ctx, args, out),
        Command::List(args) => cmd::list::run(ctx, args, out),
        Command::Show(args) => cmd::show::run(ctx, args, out),
        Command::Partners(args) => cmd::partners::run(ctx, args, out),
        Command::Path(args) => cmd::path::run(ctx, args, out),
        Command::Components(args) => cmd::components::run(ctx, args, out),
        Command::Rank(args) => cmd::rank::run(ctx, args, out),
        Command::Sectors(args) => cmd::sectors::run(ctx, args, out),
        Command::Diagram(args) => cmd::diagram::run(ctx, args, out),
        Command::Schema(args) => cmd::schema::run(ctx, args, out),
        Command::Export(args) => cmd::export::run(ctx, args, out),
        Command::Changes(args) => cmd::changes::run(ctx, args, out),
        Command::Timeline(args) => cmd::timeline::run(ctx, args, out),
        Command::Index(args) => cmd::index::run(ctx, args, out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The option's place in mimalloc's list is pinned by its default: 1000 ms, which no
    /// neighbour has. A mimalloc that moved it fails here rather than set another option.
    #[test]
    fn the_purge_delay_option_is_where_main_sets_it() {
        // Its older name sets it too.
        if ["MIMALLOC_PURGE_DELAY", "MIMALLOC_RESET_DELAY"]
            .iter()
            .any(|v| std::env::var_os(v).is_some())
        {
            eprintln!("SKIPPED: MIMALLOC_PURGE_DELAY or MIMALLOC_RESET_DELAY is set, so the default cannot be read");
            return;
        }
        // SAFETY: reads an option; no other test sets mimalloc's options.
        let delay = unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
        assert_eq!(delay, 1000);
    }
}
