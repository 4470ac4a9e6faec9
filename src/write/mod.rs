//! Writing the pack atomically: a temporary file beside the target, then a
//! rename, so a reader never sees half a pack and a failed build leaves the
//! previous one in place.
//!
//! The PDF serialiser is [`pdf`].

pub mod clash;
pub mod pdf;
pub mod temp;

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

use crate::error::BuildError;

/// Whether to wait for the disk before the rename.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Durability {
    /// Rename as soon as the data is written, as `cp`, `mutool` and `qpdf`
    /// do. A reader or a later build never sees a half-written pack; only a
    /// crash of the machine itself before the disk catches up could.
    #[default]
    Written,
    /// Flush the file to the disk (`fsync`) before the rename, so the new
    /// pack survives a power cut the moment the build ends. Slower: the
    /// build waits for the disk.
    Synced,
}

/// Writes `bytes` to `path` atomically.
pub fn write_atomically(
    path: &Path,
    bytes: &[u8],
    durability: Durability,
) -> Result<(), BuildError> {
    write_atomically_with(path, durability, |file| file.write_all(bytes))
}

/// Writes to `path` atomically with `write`, which gets the temporary file.
/// If `write` fails, the temporary file is removed and `path` is untouched.
pub fn write_atomically_with(
    path: &Path,
    durability: Durability,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> Result<(), BuildError> {
    let fail = |reason: String| BuildError::Output {
        path: path.to_path_buf(),
        reason,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    replaceable(path).map_err(fail)?;
    std::fs::create_dir_all(dir).map_err(|e| fail(e.to_string()))?;
    temp::remove_stale(dir);
    let mut builder = tempfile::Builder::new();
    let prefix = temp::prefix();
    builder.prefix(&prefix).suffix(temp::SUFFIX);
    // A temporary file is private (0600) as a rule; the pack is not. It
    // gets the mode of the file it replaces, or the usual one for a new
    // file (0666 less the umask, 0644 as a rule).
    let mode = file_mode(path);
    // The name is registered for removal on a signal before the file is
    // made, so an interruption at any moment leaves nothing behind.
    let mut temp = builder
        .make_in(dir, |name| {
            let registered = temp::Registered::new(name);
            let file = create_new(name, mode)?;
            Ok(Registering { file, registered })
        })
        .map_err(|e| fail(e.to_string()))?;
    write(&mut temp.as_file_mut().file).map_err(|e| fail(e.to_string()))?;
    if durability == Durability::Synced {
        temp.as_file()
            .file
            .sync_all()
            .map_err(|e| fail(e.to_string()))?;
    }
    temp.persist(path).map_err(|e| fail(e.error.to_string()))?;
    Ok(())
}

/// A temporary file being written, registered for removal on a signal
/// for as long as it lives.
struct Registering {
    file: File,
    #[allow(dead_code, reason = "held for its Drop")]
    registered: temp::Registered,
}

#[cfg(unix)]
fn file_mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).map_or(0o666, |m| m.permissions().mode() & 0o7777)
}

#[cfg(not(unix))]
fn file_mode(_: &Path) -> u32 {
    0o666
}

/// Makes a new file at `name`, failing if anything is there already.
fn create_new(name: &Path, mode: u32) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true).write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(mode);
    }
    #[cfg(not(unix))]
    let _ = mode;
    options.open(name)
}

/// Whether the file at `path` may be replaced: it does not exist, or it
/// is a regular file. A FIFO, a device, a folder or a socket is refused,
/// never replaced by a regular file.
pub fn replaceable(path: &Path) -> Result<(), String> {
    match std::fs::metadata(path) {
        Ok(meta) => match crate::files::not_a_file(meta.file_type()) {
            None => Ok(()),
            Some(what) => Err(format!(
                "it {what}; agendapack replaces only a regular file"
            )),
        },
        Err(_) => Ok(()),
    }
}
