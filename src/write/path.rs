//! The paths `-o` names: what a link leads to, which directories may be made, whether
//! this process may write, and the names of its own open files.

use std::fs;
use std::os::fd::RawFd;
use std::path::{Path, PathBuf};

/// How many symbolic links a dangling chain may have before partnet gives up (as the
/// kernel does with ELOOP).
pub(super) const MAX_LINKS: usize = 40;

/// Checks that the directories of `dir` that are missing may be made: `-o output/x.svg`
/// makes `output/`, but partnet makes no directory only to leave it by `..`
/// (`missing/../x.json`, which `>` refuses too), and none where a file is.
pub(crate) fn missing_dirs(dir: &Path) -> Result<(), String> {
    let mut prefix = PathBuf::new();
    let mut missing: Option<PathBuf> = None;
    for part in dir.components() {
        prefix.push(part);
        if let Some(first) = &missing {
            if part == std::path::Component::ParentDir {
                return Err(format!(
                    "{} does not exist, and partnet makes no directory only to leave it by `..`",
                    first.display()
                ));
            }
            continue;
        }
        match fs::symlink_metadata(&prefix) {
            Ok(_) if prefix.is_dir() => {}
            Ok(_) => return Err(format!("{} is not a directory", prefix.display())),
            Err(_) => missing = Some(prefix.clone()),
        }
    }
    Ok(())
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
