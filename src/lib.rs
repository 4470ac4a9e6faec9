//! agendapack builds a council meeting's public document pack: the notice of
//! meeting, the agenda with each item's page range, and every report merged,
//! numbered and stamped, with bookmarks, page labels and links that agree
//! with the printed page numbers.
//!
//! The pipeline is `load → plan → render → assemble → write`:
//!
//! ```no_run
//! use std::path::Path;
//!
//! let pack = agendapack::config::load(Path::new("packs/example/pack.toml"))?;
//! let built = agendapack::build(&pack, agendapack::model::Edition::Public)?;
//! println!("{} pages", built.plan.total_pages);
//! built.write(Path::new("pack.pdf"), agendapack::write::Durability::Written)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod assemble;
pub mod batch;
pub mod config;
pub mod error;
pub mod exempt;
pub mod files;
pub mod model;
pub mod plan;
pub mod printable;
pub mod publication;
pub mod read;
pub mod render;
pub mod scaffold;
pub mod site;
pub mod template;
pub mod timing;
pub mod write;

pub use error::{BuildError, DocumentError};
use model::{Edition, Pack};
use plan::PagePlan;
use read::source::{self, SourceDocument};
use render::layout::FrontMatter;
use render::text::Fonts;
use render::{Pictures, VisibleSize};

/// One edition of a pack ready to draw: its documents opened, front matter
/// laid out, pages planned. What `check` and `plan` stop at.
pub struct Prepared {
    /// The pack as the edition holds it (see [`Pack::for_edition`]).
    pub pack: Pack,
    pub plan: PagePlan,
    /// Every file of the whole pack, which writing must not replace.
    inputs: write::clash::Inputs,
    /// What was published of the pack, if it was (main packs only).
    pub record: Option<publication::Record>,
    /// BLAKE3 of each document, by item and document.
    pub hashes: Vec<Vec<[u8; 32]>>,
    /// What we draw that the shipped font cannot.
    pub text_warnings: Vec<String>,
    pub front: FrontMatter,
    sources: Vec<Vec<SourceDocument>>,
    pictures: Pictures,
    fonts: Fonts,
}

/// Opens every document of `edition` and plans its pages. Nothing outside
/// the edition is opened: the public edition never reads an exempt
/// document.
pub fn prepare(whole: &Pack, edition: Edition) -> Result<Prepared, BuildError> {
    prepare_with(whole, edition, false)
}

/// As [`prepare`]; once the pack is published, the main pack leaves out
/// the documents published in supplements, unless `renumber` asks for
/// every document with new numbers.
pub fn prepare_with(
    whole: &Pack,
    edition: Edition,
    renumber: bool,
) -> Result<Prepared, BuildError> {
    let inputs = write::clash::Inputs::of(whole);
    let record = match whole.part {
        model::Part::Main => publication::Record::load(whole)?,
        model::Part::Supplement { .. } => None,
    };
    let main = match &record {
        Some(record) if !renumber => record.main_pack(whole),
        _ => whole.clone(),
    };
    let pack = &main.for_edition(edition);
    let mut stages = timing::Stages::start();
    // The notice and agenda are laid out while the documents are read: the
    // layout does not depend on them, only the page ranges printed in it do.
    let (sources, ours) = rayon::join(
        || source::open_all(pack),
        || -> Result<_, BuildError> {
            let pictures = Pictures::load(pack)?;
            let fonts = match &pack.template.fonts {
                Some((regular, bold)) => Fonts::with(regular, bold),
                None => Fonts::new(),
            };
            let front = render::layout::front_matter(pack, &fonts, pictures.sizes());
            let text_warnings = render::layout::missing_glyphs(pack, &fonts);
            Ok((pictures, fonts, front, text_warnings))
        },
    );
    let sources = sources.map_err(BuildError::Documents)?;
    let (pictures, fonts, front, text_warnings) = ours?;
    stages.done("open documents, lay out");
    let counts: Vec<Vec<usize>> = sources
        .iter()
        .map(|docs| docs.iter().map(|d| d.pages.len()).collect())
        .collect();
    let plan = PagePlan::new(pack, front.pages.len(), &counts);
    let hashes = sources
        .iter()
        .map(|docs| docs.iter().map(|d| d.digest).collect())
        .collect();
    Ok(Prepared {
        pack: pack.clone(),
        inputs,
        record,
        hashes,
        text_warnings,
        plan,
        front,
        sources,
        pictures,
        fonts,
    })
}

/// A finished pack in memory, ready to write.
pub struct Built {
    document: lopdf::Document,
    /// The files it was made from, which writing it must not replace.
    inputs: write::clash::Inputs,
    source: std::path::PathBuf,
    extents: read::extent::Extents,
    packed: read::packed::Packed,
    pub plan: PagePlan,
    /// Total size of the documents read, in bytes.
    pub input_bytes: u64,
    /// What was removed or repaired, naming the item and document.
    pub warnings: Vec<String>,
    /// Identical streams (logos, fonts, images) stored once, and the bytes
    /// that saved.
    pub shared_streams: usize,
    pub saved_bytes: u64,
    pub accessibility: Accessibility,
    /// Written as PDF/A-2b.
    pub pdfa: bool,
}

/// What a screen reader can read of a pack.
#[derive(Debug, Clone)]
pub struct Accessibility {
    /// Reports whose tags (structure) are in the pack.
    pub tagged_reports: usize,
    /// Reports that came untagged, each named by pack file line, item and
    /// path.
    pub untagged: Vec<String>,
    /// The pack claims PDF/UA-1: our pages passed the check and every
    /// report is tagged.
    pub claimed: bool,
    /// Whether our own pages passed krilla's PDF/UA-1 check; if not, why.
    pub our_pages: Result<(), String>,
}

impl Prepared {
    /// The page map as a publication records it.
    pub fn map(&self) -> publication::Map {
        publication::Map::of(&self.pack, &self.plan, &self.hashes)
    }

    /// The page map of another edition whose documents this one has
    /// opened (the public edition of a prepared members' edition), from
    /// the same page counts: nothing is opened again. `None` if that
    /// edition has a document this one did not open.
    pub fn plan_for(&self, edition: Edition) -> Option<PagePlan> {
        let pack = self.pack.for_edition(edition);
        let counts = pack
            .items
            .iter()
            .zip(&self.pack.items)
            .zip(&self.sources)
            .map(|((item, opened), sources)| {
                item.documents
                    .iter()
                    .map(|d| {
                        let at = opened
                            .documents
                            .iter()
                            .position(|o| o.path == d.path && o.line == d.line)?;
                        Some(sources[at].pages.len())
                    })
                    .collect::<Option<Vec<usize>>>()
            })
            .collect::<Option<Vec<Vec<usize>>>>()?;
        let front = render::layout::front_matter(&pack, &self.fonts, self.pictures.sizes());
        Some(PagePlan::new(&pack, front.pages.len(), &counts))
    }

    /// What would move from the published page map, one line each; none
    /// if the pack was never published.
    pub fn moves(&self) -> Vec<String> {
        match &self.record {
            Some(record) => record.main_map(self.plan.edition).moves(&self.map()),
            None => Vec::new(),
        }
    }

    /// Refuses a pack whose published page numbers would move.
    pub fn guard(&self) -> Result<(), BuildError> {
        let moves = self.moves();
        match &self.record {
            Some(record) if !moves.is_empty() => {
                Err(publication::moved_message(&self.pack, record, &moves))
            }
            _ => Ok(()),
        }
    }
}

/// Builds one edition of the pack in memory, refusing to move a page
/// number once published.
pub fn build(pack: &Pack, edition: Edition) -> Result<Built, BuildError> {
    build_with(pack, edition, Output::default())
}

/// Builds one edition of the pack in memory, written as `output` says.
pub fn build_with(pack: &Pack, edition: Edition, output: Output) -> Result<Built, BuildError> {
    let prepared = prepare(pack, edition)?;
    prepared.guard()?;
    finish_with(prepared, output)
}

/// How a pack is written, besides what its pack file says.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Output {
    /// PDF/A-2b: an archival pack, refusing reports that cannot be in one.
    pub pdfa: bool,
}

/// Draws and merges a prepared pack.
pub fn finish(prepared: Prepared) -> Result<Built, BuildError> {
    finish_with(prepared, Output::default())
}

/// Draws and merges a prepared pack, written as `output` says.
pub fn finish_with(prepared: Prepared, output: Output) -> Result<Built, BuildError> {
    let Prepared {
        pack,
        inputs,
        record: _,
        hashes: _,
        text_warnings,
        plan,
        front,
        mut sources,
        pictures,
        fonts,
    } = prepared;
    let input_bytes = sources.iter().flatten().map(|s| s.bytes).sum();
    let pack = &pack;
    let id = build_id(pack, &sources, output);
    // What each report page shows, and what it draws, taken before the
    // reports move on to be made ready.
    let mut occupied: Vec<Vec<Vec<read::clearance::Occupied>>> = sources
        .iter_mut()
        .map(|docs| {
            docs.iter_mut()
                .map(|d| std::mem::take(&mut d.occupied))
                .collect()
        })
        .collect();
    let report_pages: Vec<(VisibleSize, read::clearance::Occupied)> = plan
        .slots
        .iter()
        .map(|slot| match *slot {
            plan::Slot::Report {
                item,
                document,
                page,
                ..
            } => (
                sources[item][document].geometries[page].visible_size(),
                occupied[item][document]
                    .get_mut(page)
                    .map(std::mem::take)
                    .unwrap_or_default(),
            ),
            _ => (
                VisibleSize {
                    width: render::layout::PAGE_WIDTH,
                    height: render::layout::PAGE_HEIGHT,
                },
                read::clearance::Occupied::default(),
            ),
        })
        .collect();
    let report_page = |slot: usize| (report_pages[slot].0, &report_pages[slot].1);
    let mut stages = timing::Stages::start();
    // Our pages are drawn while the reports are made ready and merged.
    let (rendered, imported) = rayon::join(
        || {
            render::render(
                pack,
                &fonts,
                &pictures,
                &front,
                &plan,
                &report_page,
                output.pdfa,
            )
        },
        || assemble::import_reports(pack, assemble::ready(pack, sources, output.pdfa)),
    );
    let rendered = rendered?;
    let imported = imported?;
    let shrunk = render::placement::shrink_warnings(pack, &plan, &rendered.shrinks);
    stages.done("draw our pages, merge reports");
    let assembled = assemble::assemble(
        pack,
        assemble::Parts {
            plan: &plan,
            front: &front,
            rendered,
            imported,
            id,
            archival: output.pdfa,
        },
    )?;
    Ok(Built {
        document: assembled.document,
        inputs,
        source: pack.source.clone(),
        extents: assembled.extents,
        packed: assembled.packed,
        plan,
        input_bytes,
        warnings: text_warnings
            .into_iter()
            .chain(assembled.warnings)
            .chain(shrunk)
            .collect(),
        shared_streams: assembled.shared_streams,
        saved_bytes: assembled.saved_bytes,
        accessibility: Accessibility {
            tagged_reports: assembled.tagged_reports,
            untagged: assembled
                .untagged
                .iter()
                .map(|&(i, d)| pack.document_place(i, d))
                .collect(),
            claimed: assembled.accessible,
            our_pages: assembled.our_pages_checked,
        },
        pdfa: output.pdfa,
    })
}

impl Built {
    /// Writes the pack to `path` atomically; returns its size in bytes.
    /// A `path` that is one of the pack's inputs is refused.
    pub fn write(
        &self,
        path: &std::path::Path,
        durability: write::Durability,
    ) -> Result<u64, BuildError> {
        self.inputs.check(&self.source, path)?;
        let mut size = 0;
        write::write_atomically_with(path, durability, |file| {
            size = write::pdf::write_pdf(
                &self.document,
                &self.extents,
                &self.packed,
                write::pdf::FileSink::new(file),
            )?;
            Ok(())
        })?;
        Ok(size)
    }
}

/// The file identifier: the same inputs give the same identifier.
fn build_id(pack: &Pack, sources: &[Vec<SourceDocument>], output: Output) -> [u8; 16] {
    let mut hash = blake3::Hasher::new();
    hash.update(env!("CARGO_PKG_VERSION").as_bytes());
    hash.update(format!("{output:?}").as_bytes());
    hash.update(&pack.digest);
    hash.update(format!("{:?} {:?}", pack.edition(), pack.part).as_bytes());
    hash.update(&pack.template.digest);
    for source in sources.iter().flatten() {
        hash.update(&source.digest);
    }
    let mut id = [0u8; 16];
    id.copy_from_slice(&hash.finalize().as_bytes()[..16]);
    id
}
