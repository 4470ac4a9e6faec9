//! Nightly builds: every pack file under a folder, in parallel, skipping
//! packs whose inputs have not changed since their last build, and never
//! replacing a good pack with a broken one.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use serde::Serialize;

use crate::model::Pack;
use crate::{BuildError, config, write};

/// How a batch runs.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// Where outputs go; `None` puts each beside its pack file.
    pub out_dir: Option<PathBuf>,
    /// Packs built at once.
    pub jobs: usize,
    /// Rebuild packs whose inputs have not changed.
    pub force: bool,
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
#[derive(Debug, Clone, Serialize)]
pub struct PackResult {
    pub pack: PathBuf,
    pub status: Status,
    pub output: PathBuf,
    pub pages: Option<usize>,
    pub seconds: f64,
    pub warnings: Vec<String>,
    pub error: Option<String>,
}

/// The pack files under `dir`: every `*.toml` with a `[meeting]` table, in
/// path order.
pub fn find_packs(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder)? {
            let entry = entry?;
            let path = entry.path();
            let kind = entry.file_type()?;
            if kind.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "toml") && is_pack_file(&path) {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

fn is_pack_file(path: &Path) -> bool {
    let Ok(text) = std::fs::read_to_string(path) else {
        return false;
    };
    // A file that does not even parse is still reported if it says it is
    // a pack, so that a clerk's typo does not hide a meeting.
    match toml::de::DeTable::parse(&text) {
        Ok(table) => table.get_ref().contains_key("meeting"),
        Err(_) => text.lines().any(|l| l.trim() == "[meeting]"),
    }
}

/// Where a pack found under `dir` is written: beside its pack file, or
/// under `out_dir` at the same relative path (`dir/a/pack.toml` →
/// `out_dir/a/pack.pdf`).
pub fn output_for(pack: &Path, dir: &Path, out_dir: Option<&Path>) -> PathBuf {
    match out_dir {
        None => config::default_output(pack),
        Some(out) => {
            let relative = pack.strip_prefix(dir).unwrap_or(pack);
            out.join(relative).with_extension("pdf")
        }
    }
}

/// The build record kept beside an output: `pack.pdf` → `pack.pdf.build`.
pub fn record_path(output: &Path) -> PathBuf {
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
}

/// A hash of everything that shapes a pack: agendapack's version, the
/// shipped fonts, the pack file, every document and front-sheet image
/// (BLAKE3: several times faster than SHA-256 here, and as collision-proof).
pub fn inputs_hash(pack: &Pack) -> std::io::Result<String> {
    let mut hash = blake3::Hasher::new();
    hash.update(env!("CARGO_PKG_VERSION").as_bytes());
    hash.update(crate::render::text::FONT_DIGEST_INPUT.0);
    hash.update(crate::render::text::FONT_DIGEST_INPUT.1);
    hash.update(&pack.digest);
    let pictures = [&pack.issuer.logo, &pack.issuer.signature];
    let documents = pack
        .items
        .iter()
        .flat_map(|i| i.documents.iter().map(|d| &d.path));
    for path in documents.chain(pictures.into_iter().flatten().map(|p| &p.path)) {
        hash.update(path.as_os_str().as_encoded_bytes());
        hash.update(blake3::hash(&std::fs::read(path)?).as_bytes());
    }
    Ok(hash.finalize().to_hex().to_string())
}

/// Builds one pack unless its record says nothing changed.
pub fn build_one(pack_path: &Path, output: &Path, options: &BatchOptions) -> PackResult {
    let started = Instant::now();
    let mut result = PackResult {
        pack: pack_path.to_path_buf(),
        status: Status::Failed,
        output: output.to_path_buf(),
        pages: None,
        seconds: 0.0,
        warnings: Vec::new(),
        error: None,
    };
    let outcome = (|| -> Result<(Status, usize, Vec<String>), String> {
        let pack = config::load(pack_path).map_err(|e| describe(&BuildError::PackFile(e)))?;
        let inputs = inputs_hash(&pack).map_err(|e| format!("cannot read an input: {e}"))?;
        let record = record_path(output);
        if !options.force
            && let Ok(text) = std::fs::read_to_string(&record)
            && let Ok(previous) = serde_json::from_str::<Record>(&text)
            && previous.inputs == inputs
            && std::fs::metadata(output).is_ok_and(|m| m.len() == previous.bytes)
        {
            return Ok((Status::Skipped, previous.pages, Vec::new()));
        }
        let built = crate::build(&pack).map_err(|e| describe(&e))?;
        let bytes = built
            .write(output, options.durability)
            .map_err(|e| describe(&e))?;
        let pages = built.plan.total_pages;
        let text = serde_json::to_string(&Record {
            inputs,
            pages,
            bytes,
        })
        .expect("plain values serialise");
        write::write_atomically(&record, text.as_bytes(), options.durability)
            .map_err(|e| describe(&e))?;
        Ok((Status::Built, pages, built.warnings))
    })();
    match outcome {
        Ok((status, pages, warnings)) => {
            result.status = status;
            result.pages = Some(pages);
            result.warnings = warnings;
        }
        Err(message) => result.error = Some(message),
    }
    result.seconds = started.elapsed().as_secs_f64();
    result
}

/// One line per problem, as the single-pack build prints them.
fn describe(err: &BuildError) -> String {
    match err {
        BuildError::PackFile(e) => e
            .problems
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join("\n"),
        other => other.to_string(),
    }
}

/// Builds every pack under `dir`; `progress` hears of each as it finishes.
pub fn run(
    dir: &Path,
    options: &BatchOptions,
    progress: &(dyn Fn(&PackResult) + Sync),
) -> std::io::Result<Vec<PackResult>> {
    let packs = find_packs(dir)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs.max(1))
        .build()
        .map_err(std::io::Error::other)?;
    let results = pool.install(|| {
        packs
            .par_iter()
            .map(|pack| {
                let output = output_for(pack, dir, options.out_dir.as_deref());
                let result = build_one(pack, &output, options);
                progress(&result);
                result
            })
            .collect()
    });
    Ok(results)
}
