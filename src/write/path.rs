//! The paths `-o` names: what a link leads to, which directories may be made, whether
//! this process may write, and the names of its own open files.

use std::fs;
use std::os::fd::RawFd;
use std::path::{Path, PathBuf};

/// How many symbolic links a dangling chain may have before partnet gives up (as the
/// kernel does with ELOOP).
pub(super) const MAX_LINKS: usize = 40;

/// Why a path cannot be written, a part of it being in the way, and what to do.
#[derive(Debug)]
pub(crate) struct Blocked {
    pub why: String,
    pub help: String,
}

/// Checks that the directories of `dir` that are missing may be made: `-o output/x.svg`
/// makes `output/`, but partnet makes no directory only to leave it by `..`
/// (`missing/../x.json`, which `>` refuses too), and none where a file, a dangling link or
/// a link loop is ([`in_the_way`]).
pub(crate) fn missing_dirs(dir: &Path) -> Result<(), Blocked> {
    if let Some(blocked) = in_the_way(dir) {
        return Err(blocked);
    }
    let mut prefix = PathBuf::new();
    let mut missing: Option<PathBuf> = None;
    for part in dir.components() {
        prefix.push(part);
        if let Some(first) = &missing {
            if part == std::path::Component::ParentDir {
                return Err(Blocked {
                    why: format!(
                        "{} does not exist, and partnet makes no directory only to leave it by `..`",
                        first.display()
                    ),
                    help: "make the directory first, or give -o a path without `..`".into(),
                });
            }
        } else if fs::symlink_metadata(&prefix).is_err() {
            missing = Some(prefix.clone());
        }
    }
    Ok(())
}

/// The first part of `dirs`, all of which should be directories, that is there but is none:
/// a file, a symbolic link to a file, a link whose target does not exist (nothing is made
/// at the end of a link) or a link loop; named, with what to do. `None` when every part is
/// a directory or the first that is not is plainly missing.
pub(crate) fn in_the_way(dirs: &Path) -> Option<Blocked> {
    let mut prefix = PathBuf::new();
    for part in dirs.components() {
        prefix.push(part);
        let shown = prefix.display();
        let link = fs::symlink_metadata(&prefix).ok()?.file_type().is_symlink();
        let blocked = |why: String, help: &str| Some(Blocked { why, help: help.into() });
        match fs::metadata(&prefix) {
            Ok(meta) if meta.is_dir() => {}
            Ok(meta) => {
                let what = if meta.is_file() {
                    "a file, not a directory"
                } else {
                    "not a directory"
                };
                return if link {
                    blocked(
                        format!(
                            "{shown} is a symbolic link to {}, {what}",
                            dangling_target(&prefix).display()
                        ),
                        "point the link at a directory, or choose another path",
                    )
                } else {
                    blocked(
                        format!("{shown} is {what}"),
                        "write to a path whose directories are directories",
                    )
                };
            }
            Err(e) if e.raw_os_error() == Some(libc::ELOOP) => {
                return blocked(
                    format!("{shown} is a symbolic link that cannot be resolved: {}", looped()),
                    "point the link at a directory (ls -l shows where each link points), or choose another path",
                )
            }
            Err(e) if link && e.kind() == std::io::ErrorKind::NotFound => {
                let target = dangling_target(&prefix);
                return Some(Blocked {
                    why: format!(
                        "{shown} is a symbolic link to {}, which does not exist",
                        target.display()
                    ),
                    help: format!(
                        "create the directory the link points to ({}), or choose another path",
                        target.display()
                    ),
                });
            }
            Err(_) => return None,
        }
    }
    None
}

/// Why a link cannot be resolved (ELOOP), the kernel's reason and partnet's.
pub(super) fn looped() -> String {
    format!("its links go round in a loop (or more than {MAX_LINKS} deep)")
}

/// The directory `path` is in: `.` for a bare name.
pub(super) fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Whether this process may write the file at `path`, as the shell's `>` would open it:
/// for root, any file on a writable file system.
pub(super) fn writable(path: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(path) = std::ffi::CString::new(path.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: `path` is a NUL-terminated string that lives across the call, which only
    // reads it.
    unsafe { libc::access(path.as_ptr(), libc::W_OK) == 0 }
}

/// The descriptor a path names when it is one of the names the system gives a process's
/// open files (`/dev/stdout`, `/dev/fd/1`, `/proc/self/fd/1`), itself or through links.
pub(super) fn descriptor(path: &Path) -> Option<RawFd> {
    let mut at = std::path::absolute(path).ok()?;
    for _ in 0..MAX_LINKS {
        if let Some(fd) = descriptor_name(&at) {
            return Some(fd);
        }
        let next = fs::read_link(&at).ok()?;
        at = std::path::absolute(at.parent().map_or(next.clone(), |dir| dir.join(&next))).ok()?;
    }
    None
}

fn descriptor_name(path: &Path) -> Option<RawFd> {
    let text = path.to_str()?;
    match text {
        "/dev/stdin" => return Some(0),
        "/dev/stdout" => return Some(1),
        "/dev/stderr" => return Some(2),
        _ => {}
    }
    let own = format!("/proc/{}/fd/", std::process::id());
    ["/dev/fd/", "/proc/self/fd/", "/proc/thread-self/fd/", &own]
        .iter()
        .find_map(|prefix| text.strip_prefix(prefix))
        .and_then(|n| n.parse().ok())
}

/// Where a dangling symbolic link points at the end of its chain: writing the link writes
/// there, as a shell's `>` does. A path that is no link is itself.
pub(super) fn dangling_target(path: &Path) -> PathBuf {
    let mut at = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::read_link(&at) {
            Ok(next) => at = at.parent().map_or(next.clone(), |dir| dir.join(&next)),
            Err(_) => return at,
        }
    }
    at
}

#[cfg(test)]
mod tests {
    use super::super::write_atomic;
    use std::fs;

    #[test]
    fn missing_directories_are_made_only_along_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        // A plain path: its directories are made.
        write_atomic(&d.join("out/deeper/x.svg"), |w| w.write_all(b"x")).unwrap();
        assert_eq!(fs::read_to_string(d.join("out/deeper/x.svg")).unwrap(), "x");
        // `..` out of a directory that is there is fine; out of one that is not, refused.
        write_atomic(&d.join("out/../y.svg"), |w| w.write_all(b"y")).unwrap();
        let refused = write_atomic(&d.join("sub dir/../x y.json"), |w| w.write_all(b"z")).unwrap_err();
        assert_eq!(refused.kind(), crate::error::ErrorKind::Usage);
        assert!(refused.to_string().contains("sub dir does not exist"), "{refused}");
        assert!(!d.join("sub dir").exists() && !d.join("x y.json").exists());
        // A file where a directory would go.
        let refused = write_atomic(&d.join("out/deeper/x.svg/z.svg"), |w| w.write_all(b"z")).unwrap_err();
        assert!(refused.to_string().contains("cannot write"), "{refused}");
    }
}
