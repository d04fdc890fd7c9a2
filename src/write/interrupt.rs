//! Removing the temporary file of a write when SIGINT, SIGTERM or SIGHUP ends the run.
//!
//! While a [`Guard`] lives, those signals run [`on_signal`]: it unlinks the path the guard
//! registered (prepared beforehand, as a C string, since a handler may only make
//! async-signal-safe calls) and raises the signal again with its default action, so the
//! process still ends "killed by signal", as a shell and a supervisor expect. Outside a
//! write the handlers are not installed. SIGKILL cannot be caught: after `kill -9` a
//! `.partnet-*.tmp` file stays behind.
//!
//! This is done with libc rather than a crate such as signal-hook: the whole handler is
//! two system calls, and signal-hook's handlers (run after the signal, on a thread) would
//! let the process die before the file is gone unless the default action were emulated.

use std::ffi::{c_int, CString};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::ptr;
use std::sync::atomic::{AtomicPtr, Ordering};
use std::sync::Mutex;

/// The signals that end a run and can be caught.
const SIGNALS: [c_int; 3] = [libc::SIGINT, libc::SIGTERM, libc::SIGHUP];

/// The path the handler removes: null when there is none.
static TEMPORARY: AtomicPtr<libc::c_char> = AtomicPtr::new(ptr::null_mut());

/// Only one guard at a time: there is one path to remove.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

extern "C" fn on_signal(signal: c_int) {
    let path = TEMPORARY.load(Ordering::SeqCst);
    // SAFETY: `path` is null or a NUL-terminated string the guard keeps alive until after
    // it has put the old handlers back; unlink and raise are async-signal-safe. The handler
    // was installed with SA_RESETHAND, so the raised signal takes its default action once
    // this handler returns and unblocks it.
    unsafe {
        if !path.is_null() {
            libc::unlink(path);
        }
        libc::raise(signal);
    }
}

/// The handlers installed for one write; dropping it puts the old ones back.
pub(super) struct Guard {
    /// Each signal with the action it had, for those this guard installed a handler for.
    old: Vec<(c_int, libc::sigaction)>,
    /// Every path registered, kept until the handlers are gone: the handler may be reading
    /// one of them on another thread.
    paths: Mutex<Vec<CString>>,
    _one: std::sync::MutexGuard<'static, ()>,
}

impl Guard {
    /// Installs the handlers, except for a signal the process ignores (`nohup` ignores
    /// SIGHUP): that one stays ignored.
    pub(super) fn install() -> Guard {
        let one = ONE_AT_A_TIME.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let mut old = Vec::new();
        for signal in SIGNALS {
            // SAFETY: a zeroed sigaction is a valid "no handler, empty mask" value; the calls
            // only read and write the structs given.
            unsafe {
                let mut action: libc::sigaction = std::mem::zeroed();
                action.sa_sigaction = on_signal as extern "C" fn(c_int) as libc::sighandler_t;
                action.sa_flags = libc::SA_RESETHAND;
                libc::sigemptyset(&mut action.sa_mask);
                for s in SIGNALS {
                    libc::sigaddset(&mut action.sa_mask, s);
                }
                let mut previous: libc::sigaction = std::mem::zeroed();
                if libc::sigaction(signal, ptr::null(), &mut previous) != 0 || previous.sa_sigaction == libc::SIG_IGN {
                    continue;
                }
                if libc::sigaction(signal, &action, &mut previous) == 0 {
                    old.push((signal, previous));
                }
            }
        }
        Guard {
            old,
            paths: Mutex::new(Vec::new()),
            _one: one,
        }
    }

    /// Makes `path` the file a signal removes.
    pub(super) fn remove_on_signal(&self, path: &Path) {
        let Ok(c) = CString::new(path.as_os_str().as_bytes()) else {
            return;
        };
        let mut paths = self.paths.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        TEMPORARY.store(c.as_ptr().cast_mut(), Ordering::SeqCst);
        paths.push(c);
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        for (signal, previous) in &self.old {
            // SAFETY: puts back the action `sigaction` returned for this signal.
            unsafe {
                libc::sigaction(*signal, previous, ptr::null_mut());
            }
        }
        TEMPORARY.store(ptr::null_mut(), Ordering::SeqCst);
    }
}
