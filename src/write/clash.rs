//! An output never replaces an input: before anything is written, the
//! output (and a build record) is compared with every file the pack is
//! read from, by file identity (device and inode, so hard links and
//! symbolic links are caught) and by canonical path (so a parent folder
//! reached through a symbolic link is too).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::error::BuildError;
use crate::files::FileIdentity;
use crate::model::{Input, Pack};

/// Files that must not be written over, each with the pack it belongs to
/// and how a message names it.
#[derive(Debug, Default)]
pub struct Inputs {
    by_identity: HashMap<FileIdentity, Vec<(PathBuf, String)>>,
    by_path: HashMap<PathBuf, Vec<(PathBuf, String)>>,
}

/// `path` with its folder resolved (symbolic links, `..`), and the file
/// itself resolved too if it exists; `None` if its folder does not exist.
fn canonical(path: &Path) -> Option<PathBuf> {
    if let Ok(full) = std::fs::canonicalize(path) {
        return Some(full);
    }
    let name = path.file_name()?;
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Some(std::fs::canonicalize(parent).ok()?.join(name))
}

impl Inputs {
    /// The inputs of one pack.
    pub fn of(pack: &Pack) -> Inputs {
        let mut inputs = Inputs::default();
        inputs.add(&pack.source, &pack.inputs());
        inputs
    }

    /// Adds `pack`'s inputs.
    pub fn add(&mut self, pack: &Path, inputs: &[Input]) {
        for input in inputs {
            let owner = (pack.to_path_buf(), input.what.clone());
            if let Some(identity) = FileIdentity::of(&input.path) {
                self.by_identity
                    .entry(identity)
                    .or_default()
                    .push(owner.clone());
            }
            if let Some(path) = canonical(&input.path) {
                self.by_path.entry(path).or_default().push(owner);
            }
        }
    }

    /// The input that `output`, written for `pack`, would replace, named
    /// as a message names it.
    pub fn clash(&self, pack: &Path, output: &Path) -> Option<String> {
        let by_identity = FileIdentity::of(output).and_then(|id| self.by_identity.get(&id));
        let by_path = canonical(output).and_then(|path| self.by_path.get(&path));
        let owners = by_identity.into_iter().chain(by_path).flatten();
        let owners: Vec<&(PathBuf, String)> = owners.collect();
        // This pack's own input is named plainly; another pack's with it.
        if let Some((_, what)) = owners.iter().find(|(owner, _)| owner == pack) {
            return Some(format!("it is {what} of this pack"));
        }
        owners.first().map(|(owner, what)| {
            format!(
                "it is {what} of pack `{}`",
                crate::printable::printable_path(owner)
            )
        })
    }

    /// Refuses an `output` of `pack` that is one of the inputs, or that
    /// exists and is not a regular file.
    pub fn check(&self, pack: &Path, output: &Path) -> Result<(), BuildError> {
        let refuse = |reason: String| BuildError::Output {
            path: output.to_path_buf(),
            reason,
        };
        if output.as_os_str().is_empty() {
            return Err(refuse("the output path is empty".into()));
        }
        super::replaceable(output).map_err(refuse)?;
        match self.clash(pack, output) {
            Some(clash) => Err(refuse(format!(
                "{clash}, and an output never replaces an input; choose another output path"
            ))),
            None => Ok(()),
        }
    }
}
