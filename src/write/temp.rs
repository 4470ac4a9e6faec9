//! Our temporary files (`.agendapack-PID-XXXXXX.tmp` beside the target):
//! removed when the build is interrupted (SIGINT, SIGTERM, SIGHUP), and,
//! when a build was killed outright, by a later write into the same folder.
//!
//! The rule for a later write, safe with builds running at once: a file of
//! ours is stale when the process named in it is gone and the file has not
//! changed for a minute, or when it has not changed for an hour (a file
//! of an earlier version, whose name has no process id, or one from
//! another machine sharing the folder).

use std::ffi::CString;
use std::path::Path;
use std::sync::atomic::{AtomicPtr, Ordering};
use std::time::{Duration, SystemTime};

const PREFIX: &str = ".agendapack-";
pub const SUFFIX: &str = ".tmp";
const DEAD_OWNER_AGE: Duration = Duration::from_secs(60);
const ANY_AGE: Duration = Duration::from_secs(60 * 60);

/// The name prefix of this process's temporary files.
pub fn prefix() -> String {
    format!("{PREFIX}{}-", std::process::id())
}

/// Removes stale temporary files of ours from `dir`; best effort.
pub fn remove_stale(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name
            .to_str()
            .and_then(|n| n.strip_prefix(PREFIX))
            .filter(|n| n.ends_with(SUFFIX))
        else {
            continue;
        };
        // Only plain files: never a link or what it points at.
        let Ok(meta) = entry.metadata() else { continue };
        if !meta.file_type().is_file() {
            continue;
        }
        let age = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .unwrap_or_default();
        let owner: Option<u32> = rest.split_once('-').and_then(|(pid, _)| pid.parse().ok());
        let stale = age > ANY_AGE || (age > DEAD_OWNER_AGE && owner.is_some_and(|p| !alive(p)));
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(unix)]
fn alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return true;
    };
    // SAFETY: signal 0 only checks that the process exists.
    let found = unsafe { libc::kill(pid, 0) } == 0;
    found || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(not(unix))]
fn alive(_: u32) -> bool {
    true
}

/// Temporary files being written, for the signal handler to remove. A
/// path, once handed to a slot, is never freed (a hundred bytes a write):
/// the handler may be reading it at any moment.
static SLOTS: [AtomicPtr<libc::c_char>; 64] = [const { AtomicPtr::new(std::ptr::null_mut()) }; 64];

/// A temporary file registered for removal on a signal while it lives.
pub struct Registered(Option<usize>);

impl Registered {
    pub fn new(path: &Path) -> Registered {
        use std::os::unix::ffi::OsStrExt;
        let Ok(c) = CString::new(path.as_os_str().as_bytes()) else {
            return Registered(None);
        };
        let raw = c.into_raw();
        for (i, slot) in SLOTS.iter().enumerate() {
            if slot
                .compare_exchange(
                    std::ptr::null_mut(),
                    raw,
                    Ordering::SeqCst,
                    Ordering::SeqCst,
                )
                .is_ok()
            {
                return Registered(Some(i));
            }
        }
        // All slots busy: the stale-file rule will remove it instead.
        // SAFETY: `raw` came from `into_raw` above and was not shared.
        drop(unsafe { CString::from_raw(raw) });
        Registered(None)
    }
}

impl Drop for Registered {
    fn drop(&mut self) {
        if let Some(i) = self.0 {
            SLOTS[i].store(std::ptr::null_mut(), Ordering::SeqCst);
        }
    }
}

extern "C" fn on_signal(signal: libc::c_int) {
    for slot in &SLOTS {
        let path = slot.load(Ordering::SeqCst);
        if !path.is_null() {
            // SAFETY: unlink is async-signal-safe; the path is never freed.
            unsafe { libc::unlink(path) };
        }
    }
    // SAFETY: back to the default action, then die of the same signal.
    unsafe {
        libc::signal(signal, libc::SIG_DFL);
        libc::raise(signal);
    }
}

/// Removes the temporary files being written when the process is
/// interrupted or terminated; called once by `main`.
pub fn remove_on_signals() {
    for signal in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
        // SAFETY: installs a handler that only calls async-signal-safe
        // functions.
        unsafe {
            libc::signal(
                signal,
                on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t,
            )
        };
    }
}
