//! Writing an output file (`-o FILE`) without destroying anything partnet did not create.
//!
//! - A regular file is replaced atomically: the bytes go to a temporary file beside it,
//!   which then takes its place in one rename, with the permission bits (and, where
//!   allowed, the owner) of the file it replaces. A failed or interrupted run leaves the old
//!   file as it was and no temporary file: SIGINT, SIGTERM and SIGHUP remove it
//!   (`write/interrupt.rs`); SIGKILL cannot be caught.
//! - A symbolic link is followed: its target is written, the link stays a link. A dangling
//!   link's target is made only in a directory that is there.
//! - The missing directories of a plain path are made (`output/x.svg`); none only to be
//!   left by `..` (`missing/../x.json`, which `>` refuses too) (`missing_dirs`). A part on
//!   the way that is no directory (a file, a link to one, a dangling link, a link loop) is
//!   named for what it is, with what to do (`in_the_way`).
//! - A character device or a FIFO (`/dev/null`, a named pipe) is written to directly: there
//!   is nothing to replace. `/dev/stdout` and `/dev/fd/N` are written through the open
//!   descriptor, whatever it is (a `>>` redirection keeps appending). A block device (a
//!   disk) is refused.
//! - A file the run reads its data from is refused, however it is named (a link, another
//!   path, a hard link: the same device and inode); so is, when the run reads a snapshot,
//!   every file the snapshot was made from.
//! - A file this process may not write (read-only, or someone else's) is refused, as the
//!   shell's `>` refuses it: the rename would replace it anyway, the directory being ours.
//! - A file in a directory this process may not write is refused, saying so: `>` could
//!   write it in place, but the temporary file has nowhere to go.

pub mod dir;
mod interrupt;
mod path;
mod reads;

use std::fs::{self, File, Metadata};
use std::io::{self, Write};
use std::os::fd::{FromRawFd, RawFd};
use std::os::unix::fs::{FileTypeExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error};
use crate::load::Input;
pub(crate) use path::missing_dirs;
use path::{dangling_target, descriptor, in_the_way, looped, parent, writable};
pub(crate) use reads::Reads;

/// Where an output goes, checked against the run's inputs before anything is computed.
#[derive(Debug)]
pub struct Target {
    /// The path as given, for messages.
    given: PathBuf,
    kind: Kind,
    warning: Option<Diagnostic>,
}

#[derive(Debug)]
enum Kind {
    /// A regular file at this path (links resolved), existing (with its metadata) or not.
    File(PathBuf, Option<Metadata>),
    /// A character device, FIFO or socket: written in place.
    Special,
    /// One of this process's open files, named as `/dev/stdout` or `/dev/fd/N`: written
    /// through the descriptor, so `-o /dev/stdout >> log` appends to the log as `>>` says.
    Descriptor(RawFd),
}

impl Target {
    /// Checks that `path` may be written: not a directory, not a disk, not one of the files
    /// `inputs` stand for. A dataset file written into a directory the inputs read gets a
    /// warning ([`Target::warning`]).
    pub fn new(path: &Path, inputs: &[Input]) -> Result<Target, Error> {
        // What `path` names is not to be written: the command line asks for the impossible,
        // a usage error (exit 2), as every refusal of an output is.
        let refuse = |what: String| {
            Error::usage(format!("cannot write {}: {what}", path.display()))
                .with_help("write to a file of your own: partnet never replaces a directory, a disk or its input")
        };
        let blocked =
            |b: path::Blocked| Error::usage(format!("cannot write {}: {}", path.display(), b.why)).with_help(b.help);
        let fail = |e: io::Error| {
            // A loop or a file before the name: the part in the way is named, and what to do.
            let before = matches!(e.raw_os_error(), Some(libc::ELOOP | libc::ENOTDIR))
                .then(|| in_the_way(parent(path)))
                .flatten();
            if let Some(b) = before {
                return blocked(b);
            }
            match e.raw_os_error() {
                Some(libc::ELOOP) => Error::usage(format!(
                    "cannot write {}: it is a symbolic link that cannot be resolved: {}",
                    path.display(),
                    looped()
                ))
                .with_help("point the link at a file (ls -l shows where each link points), or write to another path"),
                Some(libc::ENOTDIR) => Error::usage(format!(
                    "cannot write {}: a part of the path before its name is a file, not a directory",
                    path.display()
                ))
                .with_help("write to a path whose directories are directories"),
                _ => Error::environment(format!("cannot write {}: {e}", path.display()))
                    .with_help("check that each directory on the path exists and may be searched (chmod +x)"),
            }
        };
        let fd = descriptor(path);
        let kind = match fs::metadata(path) {
            Ok(_) if fd.is_some() => Kind::Descriptor(fd.expect("just seen")),
            Ok(meta) if meta.is_dir() => return Err(refuse("it is a directory".into())),
            Ok(meta) if meta.file_type().is_block_device() => {
                return Err(refuse("it is a block device (a disk)".into()))
            }
            Ok(meta) if meta.is_file() => {
                let real = fs::canonicalize(path).map_err(fail)?;
                if !writable(&real) {
                    // The rename would replace it all the same: the directory is what
                    // allows that. A shell's `>` refuses such a file, and so does partnet.
                    return Err(Error::usage(format!(
                        "cannot write {}: it is read-only (mode {:o})",
                        path.display(),
                        meta.mode() & 0o7777
                    ))
                    .with_help("write to another file, or make this one writable (chmod u+w) if it may be replaced"));
                }
                Kind::File(real, Some(meta))
            }
            Ok(_) => Kind::Special,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                let target = dangling_target(path);
                if target != path {
                    // A dangling link is written where it points, as `>` writes it, into a
                    // directory that is there: partnet makes none at the end of a link.
                    let dir = parent(&target);
                    if !dir.is_dir() {
                        return Err(Error::usage(format!(
                            "cannot write {}: it is a symbolic link to {}, whose directory {} does not exist",
                            path.display(),
                            target.display(),
                            dir.display()
                        ))
                        .with_help(
                            "write to another file, or make that directory first if the link is to be written",
                        ));
                    }
                } else {
                    missing_dirs(parent(path)).map_err(blocked)?;
                }
                Kind::File(target, None)
            }
            Err(e) => return Err(fail(e)),
        };
        if let Kind::File(real, _) = &kind {
            let dir = parent(real);
            // The temporary file goes beside the target: a directory this process may not
            // write refuses it, where the shell's `>` would write the file in place.
            if dir.is_dir() && !writable(dir) {
                // Named as given, unless a link leads elsewhere.
                let given = parent(path);
                let shown = if fs::canonicalize(given).ok() == fs::canonicalize(dir).ok() {
                    given
                } else {
                    dir
                };
                return Err(Error::usage(format!(
                    "cannot write {}: its directory {} is not writable, and partnet writes a temporary file beside the target and renames it into place, so that a failed run never leaves half a file",
                    path.display(),
                    shown.display()
                ))
                .with_help("write it elsewhere (-o in a directory of yours), or make the directory writable (chmod u+w)"));
            }
        }
        // What the snapshots among the inputs were made from is read once, for both checks.
        let mut reads = Reads::new(inputs);
        if let Ok(meta) = fs::metadata(path) {
            for (input, snapshot) in reads.files()? {
                let same_path = match (fs::canonicalize(&input), fs::canonicalize(path)) {
                    (Ok(a), Ok(b)) => a == b,
                    _ => false,
                };
                let same_file = fs::metadata(&input).is_ok_and(|m| (m.dev(), m.ino()) == (meta.dev(), meta.ino()));
                if same_path || same_file {
                    let what = match &snapshot {
                        Some(snapshot) => format!(
                            "{}, a file the snapshot {} was made from",
                            input.display(),
                            snapshot.display()
                        ),
                        None if input == path => "an input of this run".to_string(),
                        None if same_path => format!("{}, an input of this run", input.display()),
                        None => format!("the same file as {}, an input of this run", input.display()),
                    };
                    return Err(
                        Error::usage(format!("refusing to write {}: it is {what}", path.display()))
                            .with_help("write to another file; partnet never overwrites the data it reads"),
                    );
                }
            }
        }
        let warning = match &kind {
            Kind::File(real, _) => reads.read_by_next_load(real).map(|(dir, snapshot)| {
                let message = match snapshot {
                    None => format!(
                        "writing {} into {}, a directory given to --data: the next load will read it too",
                        path.display(),
                        dir.display()
                    ),
                    Some(snapshot) => format!(
                        "writing {} into {}, a directory the snapshot {} was made from: the snapshot will be stale, and the next `partnet index` will read this file too",
                        path.display(),
                        dir.display(),
                        snapshot.display()
                    ),
                };
                Diagnostic::warning(message)
                    .help("write it elsewhere, or rename it to an extension other than .json or .csv")
            }),
            Kind::Special | Kind::Descriptor(_) => None,
        };
        Ok(Target {
            given: path.to_path_buf(),
            kind,
            warning,
        })
    }

    /// Whether the output is this process's standard output (`-o /dev/stdout`, or the file
    /// stdout is redirected to): then a "wrote ..." line would land in the data.
    pub fn is_stdout(&self) -> bool {
        if let Kind::Descriptor(fd) = self.kind {
            if fd == 1 {
                return true;
            }
        }
        let Ok(target) = fs::metadata(&self.given) else {
            return false;
        };
        // SAFETY: descriptor 1 stays open for the whole process; the File is not dropped.
        let stdout = std::mem::ManuallyDrop::new(unsafe { File::from_raw_fd(1) });
        stdout
            .metadata()
            .is_ok_and(|m| (m.dev(), m.ino()) == (target.dev(), target.ino()))
    }

    /// Whether the output is a regular file (there or to be made), not a device, a pipe or
    /// one of this process's descriptors: only such a file may be read before it is written.
    pub fn is_regular_file(&self) -> bool {
        matches!(self.kind, Kind::File(..)) && !self.is_stdout()
    }

    /// The warning for a dataset file written where the next load will read it.
    pub fn warning(&self) -> Option<&Diagnostic> {
        self.warning.as_ref()
    }

    /// Writes the output: atomically to a regular file, in place to a device or FIFO.
    pub fn write(&self, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<(), Error> {
        let fail = |what: &str, e: &dyn std::fmt::Display| {
            Error::environment(format!("cannot {what} {}: {e}", self.given.display()))
                .with_help("check that the directory exists and is writable, and that the disk has room")
        };
        match &self.kind {
            Kind::Special => {
                // No O_CREAT, no O_TRUNC: the device or pipe stays what it is.
                let file = fs::OpenOptions::new()
                    .write(true)
                    .open(&self.given)
                    .map_err(|e| fail("write", &e))?;
                let mut out = io::BufWriter::new(file);
                write(&mut out).map_err(|e| fail("write", &e))?;
                out.flush().map_err(|e| fail("write", &e))
            }
            Kind::Descriptor(fd) => {
                // SAFETY: `dup` of a descriptor that `fs::metadata` just reached through
                // /proc gives a new one this `File` owns and closes; the original stays open.
                let file = match unsafe { libc::dup(*fd) } {
                    -1 => return Err(fail("write", &io::Error::last_os_error())),
                    // SAFETY: `copy` is the new descriptor `dup` returned: open, and owned by
                    // nothing else, so the `File` may own and close it.
                    copy => unsafe { File::from_raw_fd(copy) },
                };
                let mut out = io::BufWriter::new(file);
                write(&mut out).map_err(|e| fail("write", &e))?;
                out.flush().map_err(|e| fail("write", &e))
            }
            Kind::File(path, old) => replace(path, old.as_ref(), write).map_err(|(what, e)| fail(what, &e)),
        }
    }
}

/// Writes a file atomically, with no checks against inputs: the bytes go to a temporary
/// file in the same directory, which then replaces `path` in one rename. A failed or
/// interrupted run never leaves a partial file and never clobbers the existing one.
/// Missing parent directories are created, as `missing_dirs` allows.
pub fn write_atomic(path: &Path, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<(), Error> {
    Target::new(path, &[])?.write(write)
}

/// Writes `path` through a temporary file beside it; the old file's mode and owner carry
/// over. On failure, what failed ("write", "replace") and why.
fn replace(
    path: &Path,
    old: Option<&Metadata>,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), (&'static str, io::Error)> {
    let dir = parent(path);
    fs::create_dir_all(dir).map_err(|e| ("create the directory for", e))?;
    let guard = interrupt::Guard::install();
    // A new file gets the permissions any new file gets (0666 less the umask); a
    // replacement starts private and takes the old file's mode before it is renamed.
    let mode = if old.is_some() { 0o600 } else { 0o666 };
    let tmp = tempfile::Builder::new()
        .prefix(".partnet-")
        .suffix(".tmp")
        .make_in(dir, |p| {
            // Known to the signal handler before it exists, so it never outlives a signal.
            guard.remove_on_signal(p);
            fs::OpenOptions::new().write(true).create_new(true).mode(mode).open(p)
        })
        .map_err(|e| ("write", e))?;
    let mut buffered = io::BufWriter::new(tmp);
    write(&mut buffered).map_err(|e| ("write", e))?;
    let tmp = buffered.into_inner().map_err(|e| ("write", e.into_error()))?;
    if let Some(old) = old {
        let file: &File = tmp.as_file();
        // Only root may give a file away; anyone else keeps the file theirs. First: a change
        // of owner clears the set-id bits the mode then restores.
        let _ = std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid()));
        file.set_permissions(fs::Permissions::from_mode(old.mode() & 0o7777))
            .map_err(|e| ("write", e))?;
    }
    tmp.as_file().sync_all().map_err(|e| ("write", e))?;
    tmp.persist(path).map_err(|e| ("replace", e.error))?;
    drop(guard);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_keeps_the_old_file_on_failure() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        std::fs::write(&path, "old").unwrap();
        let failed = write_atomic(&path, |w: &mut dyn Write| {
            w.write_all(b"half")?;
            Err(io::Error::other("interrupted"))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left behind"
        );
        write_atomic(&path, |w| w.write_all(b"new")).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
    }

    #[test]
    fn a_replaced_file_keeps_its_mode_and_a_link_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("real.txt");
        std::fs::write(&file, "old").unwrap();
        fs::set_permissions(&file, fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink("real.txt", &link).unwrap();
        write_atomic(&link, |w| w.write_all(b"new")).unwrap();
        assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(fs::read_to_string(&file).unwrap(), "new");
        assert_eq!(fs::metadata(&file).unwrap().mode() & 0o7777, 0o640);
        // A dangling link: its target is created, in a directory that is there; none is
        // made at the end of a link.
        let dangling = dir.path().join("dangling.txt");
        std::os::unix::fs::symlink("sub/made.txt", &dangling).unwrap();
        let refused = write_atomic(&dangling, |w| w.write_all(b"made")).unwrap_err();
        assert!(
            refused.to_string().contains("whose directory") && refused.to_string().contains("does not exist"),
            "{refused}"
        );
        assert!(!dir.path().join("sub").exists());
        fs::create_dir(dir.path().join("sub")).unwrap();
        write_atomic(&dangling, |w| w.write_all(b"made")).unwrap();
        assert!(fs::symlink_metadata(&dangling).unwrap().file_type().is_symlink());
        assert_eq!(fs::read_to_string(dir.path().join("sub/made.txt")).unwrap(), "made");
    }
}
