//! Nightly builds: every pack file under a folder, in parallel, skipping
//! packs whose inputs have not changed since their last build, and never
//! replacing a good pack with a broken one.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use serde::Serialize;

use crate::model::{Edition, Input, Pack};
use crate::printable::printable_path;
use crate::write::clash::Inputs;
use crate::{BuildError, config, write};

/// How a batch runs.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// Where public editions go; `None` puts each beside its pack file.
    pub out_dir: Option<PathBuf>,
    /// Where members' editions go; `None` puts each beside its pack file.
    /// Never `out_dir` unless the clerk names it: that may be published.
    pub members_out_dir: Option<PathBuf>,
    /// The editions built of each pack, in order.
    pub editions: Vec<Edition>,
    /// Where build records go; `None` puts each in a `.agendapack` folder
    /// beside its pack file, out of what gets published.
    pub state_dir: Option<PathBuf>,
    /// Packs built at once.
    pub jobs: usize,
    /// Rebuild packs whose inputs have not changed.
    pub force: bool,
    /// How each pack is written (PDF/A or not).
    pub output: crate::Output,
    /// Whether each pack is flushed to the disk before it replaces the old.
    pub durability: write::Durability,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Built,
    Skipped,
    Failed,
}

/// What happened to one pack; serialised as the stable JSON summary.
/// Paths that are not UTF-8 are written with U+FFFD for the bytes that
/// are not, so the summary stays valid JSON.
#[derive(Debug, Clone, Serialize)]
pub struct PackResult {
    #[serde(serialize_with = "lossy_path")]
    pub pack: PathBuf,
    pub edition: Edition,
    pub status: Status,
    #[serde(serialize_with = "lossy_path")]
    pub output: PathBuf,
    pub pages: Option<usize>,
    pub seconds: f64,
    pub warnings: Vec<String>,
    pub error: Option<String>,
    /// Of a pack built in this run: its reports that came untagged, each
    /// named by pack file line, item and path (see the README's
    /// Accessibility); `None` for a pack skipped or failed.
    pub untagged: Option<Vec<String>>,
}

fn lossy_path<S: serde::Serializer>(path: &Path, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&path.to_string_lossy())
}

/// The pack files found under a folder, and what was skipped on the way.
#[derive(Debug, Default)]
pub struct Found {
    /// Every `*.toml` with a `[meeting]` table, in path order.
    pub packs: Vec<PathBuf>,
    /// A message for each folder or `*.toml` that could not be read.
    pub skipped: Vec<String>,
}

/// Where build records go by default: a folder of this name beside the
/// pack files. It is not searched for packs.
pub const STATE_FOLDER: &str = ".agendapack";

/// The pack files under `dir`. Only `dir` itself must be readable: a
/// subfolder or file that cannot be read is skipped with a message, and
/// only regular files are read (a FIFO would hang, `/dev/zero` never ends).
pub fn find_packs(dir: &Path) -> std::io::Result<Found> {
    let mut found = Found::default();
    let mut pending = vec![dir.to_path_buf()];
    let mut top = true;
    while let Some(folder) = pending.pop() {
        let entries = match std::fs::read_dir(&folder) {
            Ok(entries) => entries,
            Err(e) if top => return Err(e),
            Err(e) => {
                found
                    .skipped
                    .push(format!("skipped folder {}: {e}", printable_path(&folder)));
                continue;
            }
        };
        top = false;
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    found.skipped.push(format!(
                        "skipped an entry of folder {}: {e}",
                        printable_path(&folder)
                    ));
                    continue;
                }
            };
            let path = entry.path();
            // The kind of the entry itself: a symbolic link is not followed
            // into a folder (no loops), only read as a pack file.
            let is_dir = entry.file_type().is_ok_and(|k| k.is_dir());
            if is_dir {
                if entry.file_name() != STATE_FOLDER {
                    pending.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "toml") {
                match is_pack_file(&path) {
                    Ok(true) => found.packs.push(path),
                    Ok(false) => {}
                    Err(e) => found
                        .skipped
                        .push(format!("skipped {}: it {e}", printable_path(&path))),
                }
            }
        }
    }
    found.packs.sort();
    Ok(found)
}

fn is_pack_file(path: &Path) -> Result<bool, crate::files::InputError> {
    let data = crate::files::read_regular(path, Some(crate::files::PACK_FILE_LIMIT))?;
    // A pack file that is not UTF-8 is still found, and then reported.
    let text = String::from_utf8_lossy(&data);
    // A file that does not even parse is still reported if it says it is
    // a pack, so that a clerk's typo does not hide a meeting.
    Ok(match toml::de::DeTable::parse(&text) {
        Ok(table) => table.get_ref().contains_key("meeting"),
        Err(_) => text.lines().any(|l| l.trim() == "[meeting]"),
    })
}

/// Where an edition of a pack found under `dir` is written: beside its
/// pack file, or under `out_dir` at the same relative path
/// (`dir/a/pack.toml` → `out_dir/a/pack.pdf`), with the edition's name
/// (`pack-members-not-for-publication.pdf`).
pub fn output_for(pack: &Path, dir: &Path, out_dir: Option<&Path>, edition: Edition) -> PathBuf {
    match out_dir {
        None => config::default_output(pack, edition),
        Some(out) => {
            let relative = pack.strip_prefix(dir).unwrap_or(pack);
            config::default_output(&out.join(relative), edition)
        }
    }
}

/// Where the build record of a pack found under `dir` is kept: in a
/// `.agendapack` folder beside the pack file (`dir/a/pack.toml` →
/// `dir/a/.agendapack/pack.toml.build`), or under `state_dir` at the pack
/// file's relative path (`state_dir/a/pack.toml.build`). Never beside the
/// output, which may be a folder that is published.
pub fn record_path(pack: &Path, dir: &Path, state_dir: Option<&Path>, edition: Edition) -> PathBuf {
    let mut name = pack.file_name().unwrap_or_default().to_owned();
    name.push(match edition {
        Edition::Public => ".build",
        Edition::Members => ".members.build",
    });
    match state_dir {
        None => pack
            .parent()
            .unwrap_or(Path::new(""))
            .join(STATE_FOLDER)
            .join(name),
        Some(state) => {
            let relative = pack.strip_prefix(dir).unwrap_or(pack);
            state
                .join(relative.parent().unwrap_or(Path::new("")))
                .join(name)
        }
    }
}

/// Where earlier versions kept the build record: beside the output.
fn old_record_path(output: &Path) -> PathBuf {
    let mut name = output.as_os_str().to_owned();
    name.push(".build");
    PathBuf::from(name)
}

#[derive(Debug, Serialize, serde::Deserialize)]
struct Record {
    inputs: String,
    pages: usize,
    /// Size of the pack written: a pack cut short (a full disk, a crash
    /// before the disk caught up) is rebuilt, not skipped.
    #[serde(default)]
    bytes: u64,
    /// The pack written: a pack sent somewhere else is built there.
    #[serde(default)]
    output: String,
}

/// A hash of everything that shapes an edition of a pack: agendapack's
/// version, the shipped fonts, the pack file, every document of the
/// edition and front-sheet image (BLAKE3: several times faster than
/// SHA-256 here, and as collision-proof). The public edition's hash reads
/// no exempt document.
pub fn inputs_hash(pack: &Pack, edition: Edition) -> std::io::Result<String> {
    hash_inputs(pack, edition, true)
}

/// As [`inputs_hash`], without the publication record: what `publish`
/// records of what it published.
pub fn content_hash(pack: &Pack, edition: Edition) -> std::io::Result<String> {
    hash_inputs(pack, edition, false)
}

fn hash_inputs(pack: &Pack, edition: Edition, with_record: bool) -> std::io::Result<String> {
    let pack = &pack.for_edition(edition);
    let mut hash = blake3::Hasher::new();
    hash.update(format!("{edition:?}").as_bytes());
    hash.update(env!("CARGO_PKG_VERSION").as_bytes());
    hash.update(crate::render::text::FONT_DIGEST_INPUT.0);
    hash.update(crate::render::text::FONT_DIGEST_INPUT.1);
    hash.update(&pack.digest);
    // The template (and its fonts) shapes every page we draw.
    hash.update(&pack.template.digest);
    // What was published decides what the main pack holds (a document in
    // a supplement is left out of it).
    if with_record && let Ok(record) = std::fs::read(crate::publication::record_path(&pack.source))
    {
        hash.update(b"publication record");
        hash.update(blake3::hash(&record).as_bytes());
    }
    // The pack file is in the digest; then the documents and pictures.
    for input in pack.inputs().iter().skip(1) {
        let data = crate::files::read_regular(&input.path, None)
            .map_err(|e| std::io::Error::other(format!("{} {e}", input.what)))?;
        hash.update(input.path.as_os_str().as_encoded_bytes());
        hash.update(blake3::hash(&data).as_bytes());
    }
    Ok(hash.finalize().to_hex().to_string())
}

/// Where one pack of a batch goes, and everything the batch reads.
pub struct Target<'a> {
    pub edition: Edition,
    pub output: PathBuf,
    pub record: PathBuf,
    /// The inputs of every pack of the batch, none of which may be written.
    pub inputs: &'a Inputs,
}

/// Builds one pack (read already, or the message why it cannot be) unless
/// its record says nothing changed.
pub fn build_one(
    pack_path: &Path,
    pack: Result<&Pack, &str>,
    target: &Target<'_>,
    options: &BatchOptions,
) -> PackResult {
    let started = Instant::now();
    let Target {
        edition,
        output,
        record,
        inputs,
    } = target;
    let mut result = PackResult {
        pack: pack_path.to_path_buf(),
        edition: *edition,
        status: Status::Failed,
        output: output.to_path_buf(),
        pages: None,
        seconds: 0.0,
        warnings: Vec::new(),
        error: None,
        untagged: None,
    };
    let outcome = (|| -> Result<Outcome, String> {
        let pack = pack.map_err(str::to_string)?;
        for written in [output, record] {
            inputs.check(pack_path, written).map_err(|e| describe(&e))?;
        }
        let mut hash =
            inputs_hash(pack, *edition).map_err(|e| format!("cannot read an input: {e}"))?;
        if options.output.pdfa {
            // A PDF/A pack is another file than the plain one.
            hash = blake3::hash(format!("{hash} pdfa").as_bytes())
                .to_hex()
                .to_string();
        }
        let wanted = output.to_string_lossy();
        if !options.force
            && let Ok(text) = std::fs::read_to_string(record)
            && let Ok(previous) = serde_json::from_str::<Record>(&text)
            && previous.inputs == hash
            && previous.output == wanted
            && std::fs::metadata(output).is_ok_and(|m| m.len() == previous.bytes)
        {
            return Ok((Status::Skipped, previous.pages, Vec::new(), None));
        }
        let built = crate::build_with(pack, *edition, options.output).map_err(|e| describe(&e))?;
        let bytes = built
            .write(output, options.durability)
            .map_err(|e| describe(&e))?;
        let pages = built.plan.total_pages;
        let text = serde_json::to_string(&Record {
            inputs: hash,
            pages,
            bytes,
            output: wanted.into_owned(),
        })
        .expect("plain values serialise");
        let mut warnings = built.warnings;
        // The pack is built; without its record it is only built again
        // next time (a pack-file folder the nightly user cannot write).
        match write::write_atomically(record, text.as_bytes(), options.durability) {
            Ok(()) => remove_old_record(output),
            Err(e) => warnings.push(format!(
                "{}; the pack will be built again next time (see --state-dir)",
                describe(&e)
            )),
        }
        Ok((
            Status::Built,
            pages,
            warnings,
            Some(built.accessibility.untagged),
        ))
    })();
    match outcome {
        Ok((status, pages, warnings, untagged)) => {
            result.status = status;
            result.pages = Some(pages);
            result.warnings = warnings;
            result.untagged = untagged;
        }
        Err(message) => result.error = Some(message),
    }
    result.seconds = started.elapsed().as_secs_f64();
    result
}

/// What building one pack came to: its status, pages, warnings, and the
/// reports that came untagged (if it was built).
type Outcome = (Status, usize, Vec<String>, Option<Vec<String>>);

/// Removes a build record an earlier version left beside the output (in
/// what may be a published folder), if it is one of ours.
fn remove_old_record(output: &Path) {
    let old = old_record_path(output);
    let ours = std::fs::symlink_metadata(&old).is_ok_and(|m| m.is_file() && m.len() < 4096)
        && std::fs::read_to_string(&old)
            .is_ok_and(|text| serde_json::from_str::<Record>(&text).is_ok());
    if ours {
        let _ = std::fs::remove_file(old);
    }
}

/// One line per problem, as the single-pack build prints them.
pub fn describe(err: &BuildError) -> String {
    match err {
        BuildError::PackFile(e) => e
            .problems
            .iter()
            .map(|p| match &p.help {
                Some(help) => format!("{p}\n  help: {}", help.replace('\n', "\n        ")),
                None => p.to_string(),
            })
            .collect::<Vec<_>>()
            .join("\n"),
        other => other.to_string(),
    }
}

/// Builds the packs found under `dir`; `progress` hears of each as it
/// finishes. Every pack file is read first, so that no pack's output or
/// build record replaces any pack's input.
pub fn run(
    dir: &Path,
    packs: &[PathBuf],
    options: &BatchOptions,
    progress: &(dyn Fn(&PackResult) + Sync),
) -> std::io::Result<Vec<PackResult>> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs.max(1))
        .build()
        .map_err(std::io::Error::other)?;
    let results = pool.install(|| {
        let loaded: Vec<Result<Pack, String>> = packs
            .par_iter()
            .map(|pack| config::load(pack).map_err(|e| describe(&BuildError::PackFile(e))))
            .collect();
        let mut inputs = Inputs::default();
        for (path, pack) in packs.iter().zip(&loaded) {
            match pack {
                Ok(pack) => inputs.add(path, &pack.inputs()),
                Err(_) => inputs.add(path, &[Input::pack_file(path)]),
            }
        }
        let jobs: Vec<(&PathBuf, &Result<Pack, String>, Edition)> = packs
            .iter()
            .zip(&loaded)
            .flat_map(|(pack, loaded)| {
                options
                    .editions
                    .iter()
                    .map(move |&edition| (pack, loaded, edition))
            })
            .collect();
        jobs.into_par_iter()
            .map(|(pack, loaded, edition)| {
                let out_dir = match edition {
                    Edition::Public => options.out_dir.as_deref(),
                    Edition::Members => options.members_out_dir.as_deref(),
                };
                let target = Target {
                    edition,
                    output: output_for(pack, dir, out_dir, edition),
                    record: record_path(pack, dir, options.state_dir.as_deref(), edition),
                    inputs: &inputs,
                };
                let result = build_one(
                    pack,
                    loaded.as_ref().map_err(String::as_str),
                    &target,
                    options,
                );
                progress(&result);
                result
            })
            .collect()
    });
    Ok(results)
}
