//! Writing the pack atomically: a temporary file beside the target, then a
//! rename, so a reader never sees half a pack and a failed build leaves the
//! previous one in place.

use std::io::Write;
use std::path::Path;

use crate::error::BuildError;

/// Writes `bytes` to `path` atomically.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), BuildError> {
    let fail = |reason: String| BuildError::Output {
        path: path.to_path_buf(),
        reason,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(|e| fail(e.to_string()))?;
    let mut temp = tempfile::Builder::new()
        .prefix(".agendapack-")
        .suffix(".pdf.tmp")
        .tempfile_in(dir)
        .map_err(|e| fail(e.to_string()))?;
    temp.write_all(bytes).map_err(|e| fail(e.to_string()))?;
    temp.as_file().sync_all().map_err(|e| fail(e.to_string()))?;
    temp.persist(path).map_err(|e| fail(e.error.to_string()))?;
    Ok(())
}
