//! Writes that never destroy: `-o` refuses the run's own inputs, follows links, writes
//! devices and FIFOs in place, keeps permissions, and leaves no temporary file when a
//! signal ends the run. Everything happens inside temporary directories.

mod common;

use std::fs;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::{cmd_in, root, Run};

fn run(dir: &Path, args: &[&str]) -> Run {
    cmd_in(dir, args).output().expect("partnet runs").into()
}

/// A directory with a copy of the shipped dataset in `data/`.
fn with_data_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("data")).unwrap();
    fs::copy(root().join("data/us-japan-2025.json"), dir.path().join("data/us.json")).unwrap();
    dir
}

fn assert_refused(run: &Run, want: &str) {
    assert_eq!(
        run.code, 2,
        "expected exit 2 (an -o refused is a usage error)\nstdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(run.stderr.contains(want), "{want}\nmissing from:\n{}", run.stderr);
    assert!(
        run.stderr
            .contains("\n  help: write to another file; partnet never overwrites the data it reads"),
        "{}",
        run.stderr
    );
}

fn temporaries(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".partnet-") && n.ends_with(".tmp"))
        .collect()
}

#[test]
fn an_input_is_never_an_output_whatever_its_name() {
    let dir = with_data_dir();
    let d = dir.path();
    let input = d.join("data/us.json");
    let before = fs::read(&input).unwrap();
    std::os::unix::fs::symlink("data/us.json", d.join("link.json")).unwrap();
    fs::hard_link(&input, d.join("hard.json")).unwrap();
    for (output, says) in [
        (
            "data/us.json",
            "refusing to write data/us.json: it is an input of this run",
        ),
        (
            "./data/../data/us.json",
            "refusing to write ./data/../data/us.json: it is data/us.json, an input",
        ),
        (
            "link.json",
            "refusing to write link.json: it is data/us.json, an input of this run",
        ),
        (
            "hard.json",
            "refusing to write hard.json: it is the same file as data/us.json, an input of this run",
        ),
    ] {
        for command in [&["export"][..], &["diagram", "--format", "dot"]] {
            let mut args = vec!["--data", "data"];
            args.extend_from_slice(command);
            args.extend(["-o", output]);
            assert_refused(&run(d, &args), says);
            assert_eq!(fs::read(&input).unwrap(), before, "{output}: the input is untouched");
        }
    }
    // A file given to --data by name, and the default data/ directory.
    assert_refused(
        &run(d, &["--data", "data/us.json", "export", "-o", "link.json"]),
        "refusing to write link.json: it is data/us.json, an input of this run",
    );
    assert_refused(
        &run(d, &["export", "-o", "data/us.json"]),
        "refusing to write data/us.json",
    );
    assert_eq!(fs::read(&input).unwrap(), before);
    assert!(fs::symlink_metadata(d.join("link.json"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(temporaries(&d.join("data")).is_empty());
}

#[test]
fn a_dataset_written_into_a_data_directory_is_announced() {
    for name in ["new.csv", "NEW.CSV", "new.json"] {
        let dir = with_data_dir();
        let d = dir.path();
        let out = format!("data/{name}");
        let format = if name.ends_with(".json") { "json" } else { "csv" };
        let wrote = run(d, &["--data", "data", "export", "--format", format, "-o", &out]).ok();
        let want = format!(
            "warning: writing {out} into data, a directory given to --data: the next load will read it too\n  help: "
        );
        assert!(wrote.stderr.contains(&want), "{want}\nmissing from:\n{}", wrote.stderr);
        assert!(wrote.stdout.contains(&format!("to {out}")), "{}", wrote.stdout);
        // And it does.
        let next = run(d, &["--data", "data", "--json", "check"]).json();
        assert!(next["files"].as_array().unwrap().iter().any(|f| f == &*out), "{next}");
    }
    // Other names, and other directories, are written without a word.
    let dir = with_data_dir();
    for out in ["data/graph.graphml", "elsewhere.json", "data/.hidden.json"] {
        let run = run(dir.path(), &["--data", "data", "export", "-o", out]).ok();
        assert!(run.stderr.is_empty(), "{out}: {}", run.stderr);
    }
    // Read through a snapshot of the directory, the file makes the snapshot stale.
    let dir = with_data_dir();
    let d = dir.path();
    run(d, &["index", "data", "-o", "dir.pnet"]).ok();
    let data = fs::canonicalize(d.join("data")).unwrap();
    let quiet = run(d, &["--data", "dir.pnet", "export", "-o", "data/graph.graphml"]).ok();
    assert!(quiet.stderr.is_empty(), "{}", quiet.stderr);
    let wrote = run(d, &["--data", "dir.pnet", "export", "-o", "data/new.json"]).ok();
    let want = format!(
        "warning: writing data/new.json into {}, a directory the snapshot dir.pnet was made from: the snapshot will be stale",
        data.display()
    );
    assert!(wrote.stderr.contains(&want), "{want}\nmissing from:\n{}", wrote.stderr);
    let stale = run(d, &["--data", "dir.pnet", "stats"]);
    assert_eq!(stale.code, 1, "{}", stale.stderr);
}

#[test]
fn a_link_stays_a_link_and_a_file_keeps_its_permissions() {
    let dir = with_data_dir();
    let d = dir.path();
    fs::write(d.join("real.svg"), "old").unwrap();
    fs::set_permissions(d.join("real.svg"), fs::Permissions::from_mode(0o640)).unwrap();
    std::os::unix::fs::symlink("real.svg", d.join("link.svg")).unwrap();
    run(
        d,
        &[
            "--data", "data", "diagram", "--engine", "builtin", "--focus", "toshiba", "-o", "link.svg",
        ],
    )
    .ok();
    assert!(fs::symlink_metadata(d.join("link.svg"))
        .unwrap()
        .file_type()
        .is_symlink());
    let svg = fs::read_to_string(d.join("real.svg")).unwrap();
    assert!(svg.starts_with("<?xml") || svg.starts_with("<svg"), "{svg}");
    assert_eq!(fs::metadata(d.join("real.svg")).unwrap().mode() & 0o7777, 0o640);
    // A dangling link creates its target, in a directory that is there.
    fs::create_dir(d.join("made")).unwrap();
    std::os::unix::fs::symlink("made/graph.json", d.join("dangling.json")).unwrap();
    run(d, &["--data", "data", "export", "-o", "dangling.json"]).ok();
    assert!(fs::symlink_metadata(d.join("dangling.json"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(fs::read_to_string(d.join("made/graph.json"))
        .unwrap()
        .contains("\"nodes\""));
    // A new file gets the mode any new file gets: 0666 less the umask (022 here).
    let fresh = cmd_in(d, &["--data", "data", "export", "-o", "fresh.json"]);
    let mut fresh = fresh;
    // SAFETY: umask is async-signal-safe and only changes the child's own mask.
    unsafe {
        fresh.pre_exec(|| {
            libc::umask(0o022);
            Ok(())
        });
    }
    assert!(fresh.status().unwrap().success());
    assert_eq!(fs::metadata(d.join("fresh.json")).unwrap().mode() & 0o777, 0o644);
}

#[test]
fn devices_and_fifos_are_written_in_place() {
    let dir = with_data_dir();
    let d = dir.path();
    let csv = run(d, &["--data", "data", "export", "--format", "csv"]).ok().stdout;
    // Standard output, a pipe here: the data and nothing else.
    let out = run(d, &["--data", "data", "export", "--format", "csv", "-o", "/dev/stdout"]).ok();
    assert_eq!(out.stdout, csv);
    // Standard output appending to a file (`>> log`): it keeps appending.
    let log = d.join("log.csv");
    fs::write(&log, "previous line\n").unwrap();
    let appending = fs::OpenOptions::new().append(true).open(&log).unwrap();
    let status = cmd_in(d, &["--data", "data", "export", "--format", "csv", "-o", "/dev/stdout"])
        .stdout(appending)
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(fs::read_to_string(&log).unwrap(), format!("previous line\n{csv}"));
    // A FIFO: written through, still a FIFO after.
    let fifo = d.join("pipe.csv");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs");
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
    };
    let wrote = run(d, &["--data", "data", "export", "-o", "pipe.csv"]).ok();
    assert!(wrote.stdout.contains("to pipe.csv (csv)"), "{}", wrote.stdout);
    assert_eq!(reader.join().unwrap(), csv);
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    assert!(temporaries(d).is_empty());
    // A character device: a null device made here, where the test may make files.
    let null = d.join("null.json");
    let made = Command::new("mknod")
        .arg(&null)
        .args(["c", "1", "3"])
        .stderr(Stdio::null())
        .status();
    if made.is_ok_and(|s| s.success()) {
        run(d, &["--data", "data", "export", "-o", "null.json"]).ok();
        assert!(fs::symlink_metadata(&null).unwrap().file_type().is_char_device());
        assert!(temporaries(d).is_empty());
    } else {
        eprintln!("SKIP devices_and_fifos_are_written_in_place: character device (mknod not permitted here)");
    }
}

/// A dataset whose GraphML export takes a while: `n` companies in `n / 2` projects.
fn large_dataset(n: usize) -> String {
    let mut text = String::from("{\"entities\": [\n");
    for i in 0..n {
        text.push_str(&format!("{{\"id\": \"e{i}\", \"name\": \"Company {i}\"}},\n"));
    }
    text.pop();
    text.pop();
    text.push_str("],\n\"projects\": [\n");
    for i in 0..n / 2 {
        text.push_str(&format!("{{\"id\": \"p{i}\", \"name\": \"Project {i}\"}},\n"));
    }
    text.pop();
    text.pop();
    text.push_str("],\n\"participations\": [\n");
    for i in 0..n {
        text.push_str(&format!("{{\"entity\": \"e{i}\", \"project\": \"p{}\"}},\n", i / 2));
    }
    text.pop();
    text.pop();
    text.push_str("]}\n");
    text
}

/// Whether `status` says killed by `signal`.
fn killed_by(status: std::process::ExitStatus, signal: i32) -> bool {
    status.signal() == Some(signal)
}

#[test]
fn a_signal_during_a_write_removes_the_temporary_file() {
    for signal in [libc::SIGTERM, libc::SIGINT, libc::SIGHUP] {
        let mut n = 20_000;
        let mut tested = false;
        // No timing decides the outcome: the run is stopped (SIGSTOP) once its temporary
        // file exists, and signalled only if the file is still there; a write that beat
        // the stop is tried again, larger.
        for _ in 0..6 {
            let dir = tempfile::tempdir().unwrap();
            let d = dir.path();
            fs::write(d.join("data.json"), large_dataset(n)).unwrap();
            fs::write(d.join("out.graphml"), "old").unwrap();
            let mut command = cmd_in(d, &["--data", "data.json", "export", "-o", "out.graphml"]);
            command.stdout(Stdio::null()).stderr(Stdio::null());
            // SAFETY: signal() is async-signal-safe; the child starts with the default
            // actions even if this test runs where they are ignored.
            unsafe {
                command.pre_exec(|| {
                    for s in [libc::SIGTERM, libc::SIGINT, libc::SIGHUP] {
                        libc::signal(s, libc::SIG_DFL);
                    }
                    Ok(())
                });
            }
            let mut child = command.spawn().unwrap();
            let pid = child.id() as libc::pid_t;
            let seen = loop {
                if !temporaries(d).is_empty() {
                    break true;
                }
                if child.try_wait().unwrap().is_some() {
                    break false;
                }
                std::thread::sleep(std::time::Duration::from_millis(1));
            };
            if seen {
                // SAFETY: pid is our child, not yet waited for; waitpid with WUNTRACED
                // returns once it has stopped, and does not reap it.
                unsafe {
                    libc::kill(pid, libc::SIGSTOP);
                    let mut status = 0;
                    libc::waitpid(pid, &mut status, libc::WUNTRACED);
                }
                if !temporaries(d).is_empty() {
                    // SAFETY: signals to our own stopped child.
                    unsafe {
                        libc::kill(pid, signal);
                        libc::kill(pid, libc::SIGCONT);
                    }
                    let status = child.wait().unwrap();
                    assert!(killed_by(status, signal), "signal {signal}: {status:?}");
                    assert_eq!(temporaries(d), Vec::<String>::new(), "signal {signal}");
                    assert_eq!(fs::read_to_string(d.join("out.graphml")).unwrap(), "old");
                    tested = true;
                    break;
                }
                // SAFETY: as above.
                unsafe {
                    libc::kill(pid, libc::SIGCONT);
                }
            }
            assert!(child.wait().unwrap().success());
            n *= 2;
        }
        assert!(tested, "signal {signal}: every write ended before it could be stopped");
    }
}

#[test]
fn a_write_past_the_file_size_limit_fails_and_leaves_nothing_behind() {
    let dir = with_data_dir();
    let d = dir.path();
    fs::write(d.join("out.json"), "old").unwrap();
    let mut command = cmd_in(d, &["export", "--format", "json", "-o", "out.json"]);
    // SAFETY: setrlimit and signal are async-signal-safe. A limit of 4 KB is below the
    // export's size (the shipped data exports to about 48 KB); SIGXFSZ starts at its
    // default action, which kills, as it would under a shell's `ulimit -f`.
    unsafe {
        command.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: 4096,
                rlim_max: 4096,
            };
            libc::setrlimit(libc::RLIMIT_FSIZE, &limit);
            libc::signal(libc::SIGXFSZ, libc::SIG_DFL);
            Ok(())
        });
    }
    let run: Run = command.output().unwrap().into();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("cannot write out.json"), "{}", run.stderr);
    assert_eq!(temporaries(d), Vec::<String>::new());
    assert_eq!(fs::read_to_string(d.join("out.json")).unwrap(), "old");
}

/// A directory where the binary runs as a user for whom file modes count: `nobody` when the
/// tests run as root, who may write any file; the binary and the shipped data (`us.json`)
/// are copied in, where that user reaches them.
struct NotRoot {
    dir: tempfile::TempDir,
    bin: PathBuf,
    /// The user and group id the binary runs as, when not the tests' own.
    user: Option<u32>,
}

impl NotRoot {
    fn new() -> NotRoot {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::set_permissions(d, fs::Permissions::from_mode(0o777)).unwrap();
        let bin = d.join("partnet");
        fs::copy(env!("CARGO_BIN_EXE_partnet"), &bin).unwrap();
        fs::copy(root().join("data/us-japan-2025.json"), d.join("us.json")).unwrap();
        fs::set_permissions(d.join("us.json"), fs::Permissions::from_mode(0o644)).unwrap();
        // SAFETY: geteuid only reads this process's id.
        let user = (unsafe { libc::geteuid() } == 0).then_some(65534);
        NotRoot { dir, bin, user }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `export -o OUT` of `us.json`, as that user.
    fn export(&self, out: &str) -> Run {
        let mut c = Command::new(&self.bin);
        c.current_dir(self.path())
            .args(["--data", "us.json", "export", "-o", out]);
        if let Some(id) = self.user {
            c.uid(id).gid(id);
        }
        c.output().unwrap().into()
    }
}

/// A file the user may not write stays as it is, as the shell's `>` leaves it: replacing it
/// by a rename would defeat `chmod a-w`. Run as `nobody` when the tests run as root, for
/// whom every file is writable; the binary and data are copied where `nobody` reaches them.
#[test]
fn a_read_only_file_is_refused_and_kept() {
    let dir = NotRoot::new();
    let d = dir.path();
    fs::write(d.join("mine.json"), "precious").unwrap();
    fs::set_permissions(d.join("mine.json"), fs::Permissions::from_mode(0o444)).unwrap();
    // `export -o mine.json`, as a user for whom a read-only file is read-only.
    let export = || dir.export("mine.json");
    let refused = export();
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(
        refused
            .stderr
            .contains("cannot write mine.json: it is read-only (mode 444)"),
        "{}",
        refused.stderr
    );
    assert!(
        refused.stderr.contains("help: write to another file"),
        "{}",
        refused.stderr
    );
    assert_eq!(fs::read_to_string(d.join("mine.json")).unwrap(), "precious");
    assert_eq!(fs::metadata(d.join("mine.json")).unwrap().mode() & 0o7777, 0o444);
    assert!(temporaries(d).is_empty());
    // Writable again, it is replaced, keeping its mode.
    fs::set_permissions(d.join("mine.json"), fs::Permissions::from_mode(0o666)).unwrap();
    export().ok();
    assert!(fs::read_to_string(d.join("mine.json")).unwrap().contains("\"nodes\""));
    assert_eq!(fs::metadata(d.join("mine.json")).unwrap().mode() & 0o7777, 0o666);
}

/// `-o -` is standard output, as leaving `-o` out is: no file called `-` is made, and no
/// "wrote ..." line lands in the data. `index` and neo4j-admin, which write files a stream
/// cannot be, refuse it.
#[test]
fn dash_for_output_is_stdout_and_makes_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let to_stdout = run(dir.path(), &["export", "--format", "json", "-o", "-"]).ok();
    let without = run(dir.path(), &["export", "--format", "json"]).ok();
    assert_eq!(to_stdout.stdout, without.stdout);
    assert!(to_stdout.stdout.starts_with('{'), "{}", to_stdout.stdout);
    let dot = run(dir.path(), &["diagram", "--focus", "toshiba", "-o", "-"]).ok();
    assert!(
        dot.stdout.starts_with("graph") || dot.stdout.contains("graph {"),
        "{}",
        dot.stdout
    );
    let svg = run(dir.path(), &["diagram", "--format", "dot", "-o", "-"]).ok();
    assert!(svg.stdout.contains("graph"), "{}", svg.stdout);
    for args in [
        &["index", "-o", "-"][..],
        &["export", "--format", "neo4j-admin", "-o", "-"],
    ] {
        let refused = run(dir.path(), args);
        assert_eq!(refused.code, 2, "{args:?}: {}", refused.stderr);
    }
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing is written in the directory"
    );
}

#[test]
fn the_files_a_snapshot_was_made_from_are_never_an_output() {
    let dir = with_data_dir();
    let d = dir.path();
    let input = d.join("data/us.json");
    let before = fs::read(&input).unwrap();
    run(d, &["index", "data/us.json", "-o", "us.pnet"]).ok();
    run(d, &["index", "data", "-o", "dir.pnet"]).ok();
    let real = fs::canonicalize(&input).unwrap();
    for snapshot in ["us.pnet", "dir.pnet"] {
        for command in [
            &["export"][..],
            &["export", "--format", "json"],
            &["diagram", "--format", "dot"],
        ] {
            let mut args = vec!["--data", snapshot];
            args.extend_from_slice(command);
            args.extend(["-o", "data/us.json"]);
            let says = format!(
                "refusing to write data/us.json: it is {}, a file the snapshot {snapshot} was made from",
                real.display()
            );
            assert_refused(&run(d, &args), &says);
            assert_eq!(fs::read(&input).unwrap(), before, "{args:?}: the source is untouched");
        }
        // A directory of files that holds one.
        let into = run(
            d,
            &["--data", snapshot, "export", "--format", "neo4j-admin", "-o", "data"],
        );
        assert_ne!(into.code, 0, "{}", into.stderr);
        assert_eq!(fs::read(&input).unwrap(), before);
    }
    // The snapshot still reads: its sources are as they were.
    run(d, &["--data", "us.pnet", "stats"]).ok();
}

/// Every output partnet refuses for what it names, in every command that writes one, exits
/// 2, the usage error: an -o that names an input, a directory, a dataset file in a source
/// directory, a directory of someone else's files.
#[test]
fn every_refused_output_is_a_usage_error() {
    let dir = with_data_dir();
    let d = dir.path();
    fs::create_dir(d.join("theirs")).unwrap();
    fs::write(d.join("theirs/notes.txt"), "keep").unwrap();
    for args in [
        &["export", "-o", "data/us.json"][..],
        &["diagram", "--format", "dot", "-o", "data/us.json"],
        &["export", "-o", "theirs"],
        &["diagram", "--format", "dot", "-o", "theirs"],
        &["index", "data", "-o", "data/us.json"],
        &["index", "data", "-o", "data/new.json"],
        &["index", "data", "-o", "theirs"],
        &["export", "--format", "neo4j-admin", "-o", "theirs"],
        &["export", "--format", "neo4j-admin", "-o", "data"],
    ] {
        let refused = run(d, args);
        assert_eq!(refused.code, 2, "{args:?}: {}", refused.stderr);
        assert!(refused.stderr.starts_with("error: "), "{args:?}: {}", refused.stderr);
        assert!(refused.stderr.contains("\n  help: "), "{args:?}: {}", refused.stderr);
    }
    assert_eq!(fs::read_to_string(d.join("theirs/notes.txt")).unwrap(), "keep");
}

/// A file the user may write, in a directory they may not: the shell's `>` writes it in
/// place, but partnet writes a temporary file beside it, so it says why it cannot (as
/// `nobody` when the tests run as root).
#[test]
fn a_directory_that_is_not_writable_is_named_with_why() {
    let dir = NotRoot::new();
    let d = dir.path();
    let ro = d.join("ro");
    fs::create_dir(&ro).unwrap();
    fs::write(ro.join("mine.json"), "mine").unwrap();
    if let Some(id) = dir.user {
        std::os::unix::fs::chown(ro.join("mine.json"), Some(id), Some(id)).unwrap();
    }
    fs::set_permissions(ro.join("mine.json"), fs::Permissions::from_mode(0o644)).unwrap();
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o555)).unwrap();
    let refused = dir.export("ro/mine.json");
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(
        refused.stderr.starts_with(
            "error: cannot write ro/mine.json: its directory ro is not writable, and partnet writes a temporary file beside the target and renames it into place"
        ),
        "{}",
        refused.stderr
    );
    assert!(
        refused
            .stderr
            .contains("\n  help: write it elsewhere (-o in a directory of yours), or make the directory writable"),
        "{}",
        refused.stderr
    );
    assert_eq!(fs::read_to_string(ro.join("mine.json")).unwrap(), "mine");
}

/// `-o` makes the missing directories of a plain path (`output/x.svg`, as `diagram` does by
/// default), and no other: none only to leave it by `..`, none at the end of a dangling link.
#[test]
fn only_the_directories_a_plain_path_names_are_made() {
    let dir = with_data_dir();
    let d = dir.path();
    run(d, &["--data", "data", "export", "-o", "out/new/x.json"]).ok();
    assert!(d.join("out/new/x.json").is_file());
    let through = run(d, &["--data", "data", "export", "-o", "sub dir/../x y.json"]);
    assert_eq!(through.code, 2, "{}", through.stderr);
    assert!(
        through.stderr.starts_with(
            "error: cannot write sub dir/../x y.json: sub dir does not exist, and partnet makes no directory only to leave it by `..`\n  help: "
        ),
        "{}",
        through.stderr
    );
    assert!(!d.join("sub dir").exists() && !d.join("x y.json").exists());
    std::os::unix::fs::symlink("nowhere/x.json", d.join("dangling.json")).unwrap();
    for args in [
        &["export", "-o", "dangling.json"][..],
        &["diagram", "--format", "dot", "-o", "dangling.json"],
        &["index", "data", "-o", "dangling.json"],
    ] {
        let dangling = run(d, args);
        assert_eq!(dangling.code, 2, "{args:?}: {}", dangling.stderr);
        assert!(
            dangling.stderr.contains(
                "cannot write dangling.json: it is a symbolic link to nowhere/x.json, whose directory nowhere does not exist"
            ),
            "{}",
            dangling.stderr
        );
        assert!(!d.join("nowhere").exists());
    }
    let into = run(d, &["export", "--format", "neo4j-admin", "-o", "gone/../neo"]);
    assert_eq!(into.code, 2, "{}", into.stderr);
    assert!(!d.join("gone").exists() && !d.join("neo").exists());
    // With its directory there, the link's target is written, as `>` writes it.
    fs::create_dir(d.join("nowhere")).unwrap();
    run(d, &["--data", "data", "export", "-o", "dangling.json"]).ok();
    assert!(d.join("nowhere/x.json").is_file());
}

/// A path that cannot be resolved is named for what it is, not as a directory or an input.
#[test]
fn a_symlink_loop_or_a_file_on_the_way_is_named_so() {
    let dir = with_data_dir();
    let d = dir.path();
    std::os::unix::fs::symlink("b.json", d.join("a.json")).unwrap();
    std::os::unix::fs::symlink("a.json", d.join("b.json")).unwrap();
    let looped = run(d, &["--data", "data", "export", "-o", "a.json"]);
    assert_eq!(looped.code, 2, "{}", looped.stderr);
    assert!(
        looped.stderr.starts_with(
            "error: cannot write a.json: it is a symbolic link that cannot be resolved: its links go round in a loop"
        ),
        "{}",
        looped.stderr
    );
    assert!(
        looped.stderr.contains("\n  help: point the link at a file"),
        "{}",
        looped.stderr
    );
    assert!(!looped.stderr.contains("never replaces"), "{}", looped.stderr);
    let through = run(d, &["--data", "data", "export", "-o", "data/us.json/x.json"]);
    assert_eq!(through.code, 2, "{}", through.stderr);
    assert!(
        through
            .stderr
            .starts_with("error: cannot write data/us.json/x.json: data/us.json is a file, not a directory\n  help: "),
        "{}",
        through.stderr
    );
}

/// A directory of `-o` that is a symbolic link to nothing, to a file or round a loop is
/// named, with what it points to and what to do, for a file (`-o out/x.json`) as for
/// neo4j-admin's directory, and nothing is made.
#[test]
fn a_link_on_the_way_that_leads_to_no_directory_is_named_with_what_to_do() {
    let dir = with_data_dir();
    let d = dir.path();
    std::os::unix::fs::symlink("missing", d.join("out")).unwrap();
    std::os::unix::fs::symlink("data/us.json", d.join("to-file")).unwrap();
    std::os::unix::fs::symlink("round", d.join("round")).unwrap();
    let dangling = "out is a symbolic link to missing, which does not exist\n  help: create the directory the link points to (missing), or choose another path\n";
    let to_file = "to-file is a symbolic link to data/us.json, a file, not a directory\n  help: point the link at a directory, or choose another path\n";
    let looped = "round is a symbolic link that cannot be resolved: its links go round in a loop (or more than 40 deep)\n  help: point the link at a directory (ls -l shows where each link points), or choose another path\n";
    for (args, want) in [
        (
            &["export", "-o", "out/x.json"][..],
            format!("error: cannot write out/x.json: {dangling}"),
        ),
        (
            &["export", "-o", "out/new/x.json"],
            format!("error: cannot write out/new/x.json: {dangling}"),
        ),
        (
            &["export", "--format", "neo4j-admin", "-o", "out"],
            format!("error: cannot write into out: {dangling}"),
        ),
        (
            &["export", "--format", "neo4j-admin", "-o", "out/neo"],
            format!("error: cannot write into out/neo: {dangling}"),
        ),
        (
            &["export", "-o", "to-file/x.json"],
            format!("error: cannot write to-file/x.json: {to_file}"),
        ),
        (
            &["export", "--format", "neo4j-admin", "-o", "to-file/neo"],
            format!("error: cannot write into to-file/neo: {to_file}"),
        ),
        (
            &["export", "-o", "round/x.json"],
            format!("error: cannot write round/x.json: {looped}"),
        ),
        (
            &["export", "--format", "neo4j-admin", "-o", "round/neo"],
            format!("error: cannot write into round/neo: {looped}"),
        ),
    ] {
        let refused = run(d, &[&["--data", "data"][..], args].concat());
        assert_eq!(refused.code, 2, "{args:?}: {}", refused.stderr);
        assert_eq!(refused.stderr, want, "{args:?}");
        assert!(refused.stdout.is_empty(), "{args:?}: {}", refused.stdout);
    }
    assert!(!d.join("missing").exists());
    assert!(fs::symlink_metadata(d.join("out")).unwrap().file_type().is_symlink());
    // With the directory it points to made, as the help says, the file is written there.
    fs::create_dir(d.join("missing")).unwrap();
    run(d, &["--data", "data", "export", "-o", "out/x.json"]).ok();
    assert!(d.join("missing/x.json").is_file());
}
