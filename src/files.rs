//! Opening inputs safely: only regular files are read (a FIFO would hang
//! the build, `/dev/zero` never ends), they are opened without blocking
//! and checked again once open (so a swap after the check cannot hang us
//! either), and a pack file is read only up to a size limit.

use std::fs::{File, FileType, Metadata};
use std::io::{self, Read};
use std::path::Path;

/// The largest pack file read: a real one is a few kilobytes.
pub const PACK_FILE_LIMIT: u64 = 1 << 20;

/// Why an input cannot be read; each reads after the input's name
/// ("`x.toml` is a FIFO (named pipe), not a file").
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    #[error("is an empty path")]
    EmptyPath,
    #[error("{0}")]
    NotAFile(&'static str),
    #[error("does not exist")]
    NotFound,
    #[error("is larger than {} MiB, the limit for a pack file", .0 >> 20)]
    TooLarge(u64),
    #[error("is not UTF-8 text at byte {0}")]
    NotUtf8(usize),
    #[error("cannot be read: {0}")]
    Unreadable(Box<str>),
}

impl InputError {
    fn from_io(err: &io::Error) -> InputError {
        match err.kind() {
            io::ErrorKind::NotFound => InputError::NotFound,
            _ => InputError::Unreadable(err.to_string().into()),
        }
    }
}

/// What a path that is not a regular file is, in a clerk's words; `None`
/// for a regular file.
pub fn not_a_file(kind: FileType) -> Option<&'static str> {
    #[cfg(unix)]
    use std::os::unix::fs::FileTypeExt;
    if kind.is_file() {
        return None;
    }
    Some(if kind.is_dir() {
        "is a folder, not a file"
    } else if cfg!(unix) && kind.is_fifo() {
        "is a FIFO (named pipe), not a file"
    } else if cfg!(unix) && (kind.is_char_device() || kind.is_block_device()) {
        "is a device, not a file"
    } else if cfg!(unix) && kind.is_socket() {
        "is a socket, not a file"
    } else {
        "is not a regular file"
    })
}

/// The metadata of `path` (following symbolic links) if it is a regular file.
pub fn regular_file(path: &Path) -> Result<Metadata, InputError> {
    if path.as_os_str().is_empty() {
        return Err(InputError::EmptyPath);
    }
    let meta = std::fs::metadata(path).map_err(|e| InputError::from_io(&e))?;
    match not_a_file(meta.file_type()) {
        None => Ok(meta),
        Some(what) => Err(InputError::NotAFile(what)),
    }
}

/// Opens `path` for reading if it is a regular file, without blocking on
/// a FIFO swapped in after the check; the metadata is that of the file
/// opened.
pub fn open_regular(path: &Path) -> Result<(File, Metadata), InputError> {
    regular_file(path)?;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // O_NONBLOCK does nothing to a regular file; a FIFO opens at once.
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(path).map_err(|e| InputError::from_io(&e))?;
    let meta = file.metadata().map_err(|e| InputError::from_io(&e))?;
    match not_a_file(meta.file_type()) {
        None => Ok((file, meta)),
        Some(what) => Err(InputError::NotAFile(what)),
    }
}

/// Reads the regular file at `path`, refusing one larger than `limit`.
pub fn read_regular(path: &Path, limit: Option<u64>) -> Result<Vec<u8>, InputError> {
    let (file, meta) = open_regular(path)?;
    let cap = limit.unwrap_or(u64::MAX);
    if meta.len() > cap {
        return Err(InputError::TooLarge(cap));
    }
    let mut data = Vec::with_capacity(meta.len() as usize);
    // A file that grows while it is read is still cut at the limit.
    file.take(cap.saturating_add(1))
        .read_to_end(&mut data)
        .map_err(|e| InputError::from_io(&e))?;
    if data.len() as u64 > cap {
        return Err(InputError::TooLarge(cap));
    }
    Ok(data)
}

/// Reads a pack file: a regular file of at most [`PACK_FILE_LIMIT`] bytes
/// of UTF-8 text.
pub fn read_pack_file(path: &Path) -> Result<String, InputError> {
    let data = read_regular(path, Some(PACK_FILE_LIMIT))?;
    String::from_utf8(data).map_err(|e| InputError::NotUtf8(e.utf8_error().valid_up_to()))
}

/// What makes two paths the same file: device and inode where there are
/// such, so hard and symbolic links are caught, else the canonical path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FileIdentity {
    Inode(u64, u64),
    Path(std::path::PathBuf),
}

impl FileIdentity {
    /// The identity of the file at `path`, if it can be read.
    pub fn of(path: &Path) -> Option<FileIdentity> {
        FileIdentity::given(path, &std::fs::metadata(path).ok()?)
    }

    /// The identity of the file at `path`, whose metadata is `meta`.
    pub fn given(path: &Path, meta: &std::fs::Metadata) -> Option<FileIdentity> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let _ = path;
            Some(FileIdentity::Inode(meta.dev(), meta.ino()))
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            std::fs::canonicalize(path).ok().map(FileIdentity::Path)
        }
    }
}
