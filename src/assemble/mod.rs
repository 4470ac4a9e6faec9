//! Merging our pages and the reports into one PDF: import with renumbering,
//! stamp overlays, page tree, bookmarks, page labels, agenda links, document
//! information. lopdf has no merge API; this is it.

pub mod archival;
pub mod dedupe;
pub mod structure;

use std::collections::HashMap;

use rustc_hash::{FxHashMap, FxHashSet};

use lopdf::{Dictionary, Document as PdfDocument, Object, ObjectId, Stream, StringFormat};

use crate::error::BuildError;
use crate::model::{Edition, Folio, Pack};
use crate::plan::{PagePlan, Slot};
use crate::read::allowlist as carry;
use crate::read::clearance::Matrix;
use crate::read::extent;
use crate::read::geometry::Geometry;
use crate::read::packed::Packed;
use crate::read::source::SourceDocument;
use crate::render::Rendered;
use crate::render::layout::FrontMatter;
use crate::render::placement::Shrink;
use crate::write;

/// The name under which a page's stamp overlay is drawn.
const STAMP_NAME: &str = "AgendapackStamp";

/// Everything [`assemble`] needs besides the pack.
pub struct Parts<'a> {
    pub plan: &'a PagePlan,
    pub front: &'a FrontMatter,
    pub rendered: Rendered,
    pub imported: Imported,
    /// Seed of the file identifier: a hash of everything that shaped the pack.
    pub id: [u8; 16],
    /// Write PDF/A-2b.
    pub archival: bool,
}

/// A report made ready to merge: unsafe actions removed, named links
/// resolved, its form and outline noted, and every page owning the
/// attributes it inherited.
pub struct Ready {
    pdf: PdfDocument,
    pages: Vec<ObjectId>,
    geometries: Vec<Geometry>,
    carried: carry::Carried,
    /// What was removed or repaired, naming the item and document.
    warnings: Vec<String>,
    extents: extent::Extents,
    packed: Packed,
    /// Why it cannot be in a PDF/A pack, when one is asked for.
    not_archivable: Vec<String>,
}

/// Makes every report ready to merge, and with `archival` finds what keeps
/// each out of a PDF/A pack. Reports are independent of each other and of
/// our pages, so they are made ready in parallel, while our pages are
/// drawn.
pub fn ready(pack: &Pack, sources: Vec<Vec<SourceDocument>>, archival: bool) -> Vec<Vec<Ready>> {
    use rayon::prelude::*;
    sources
        .into_par_iter()
        .enumerate()
        .map(|(i, docs)| {
            docs.into_par_iter()
                .enumerate()
                .map(|(d, source)| ready_one(pack, i, d, source, archival))
                .collect()
        })
        .collect()
}

fn ready_one(pack: &Pack, i: usize, d: usize, source: SourceDocument, archival: bool) -> Ready {
    let place = pack.document_place(i, d);
    let not_archivable = match archival {
        true => archival::blockers(&source.pdf, &source.extents, &source.pages),
        false => Vec::new(),
    };
    let warnings = source
        .warnings
        .iter()
        .map(|warning| format!("{place}: {warning}"))
        .collect();
    Ready {
        pdf: source.pdf,
        pages: source.pages,
        geometries: source.geometries,
        carried: source.carried,
        warnings,
        extents: source.extents,
        packed: source.packed,
        not_archivable,
    }
}

/// A merged pack and what the clerk should know about it.
pub struct Assembled {
    pub document: PdfDocument,
    /// Streams of `document` whose data is still in the reports' files.
    pub extents: extent::Extents,
    /// Objects of `document` that stand for their written bytes.
    pub packed: Packed,
    /// Things removed or repaired, each naming the item and document.
    pub warnings: Vec<String>,
    /// Identical streams stored once, and the bytes that saved.
    pub shared_streams: usize,
    pub saved_bytes: u64,
    /// Reports whose structure (tags) is in the pack.
    pub tagged_reports: usize,
    /// Reports that came without tags, by item and document index.
    pub untagged: Vec<(usize, usize)>,
    /// Whether the pack claims PDF/UA-1.
    pub accessible: bool,
    /// Whether our pages passed krilla's PDF/UA-1 check; if not, why.
    pub our_pages_checked: Result<(), String>,
}

/// The reports merged into one document, numbered from 1 in pack order
/// (each report's objects in their own order), before our pages join
/// them: this runs while our pages are drawn, as it needs nothing of them.
pub struct Imported {
    out: PdfDocument,
    /// Each report's pages in the pack, with their geometry.
    report_pages: Vec<Vec<Vec<(ObjectId, Geometry)>>>,
    carried: Vec<Vec<carry::Carried>>,
    warnings: Vec<String>,
    extents: extent::Extents,
    packed: Packed,
    /// Each report's tag tree (renumbered) or its absence, and the numbers
    /// its objects took, in pack order: the trees are merged after our own,
    /// which comes first, once our pages are drawn.
    tags: Vec<(usize, usize, ReportTags, std::ops::Range<u32>)>,
}

/// A report's tags, as [`Imported`] keeps them.
enum ReportTags {
    Tagged(Box<structure::Tree>),
    /// No tree; `stray_keys` if its objects still have keys into one.
    Untagged {
        stray_keys: bool,
    },
}

/// Merges the ready reports into one document (see [`Imported`]); a report
/// that cannot be archived when PDF/A is asked for stops the build, named.
pub fn import_reports(pack: &Pack, mut reports: Vec<Vec<Ready>>) -> Result<Imported, BuildError> {
    let mut out = PdfDocument::with_version("1.7");
    // Report pages, with inherited attributes made their own before the
    // page tree they inherit from is left behind.
    let mut report_pages: Vec<Vec<Vec<(ObjectId, Geometry)>>> = Vec::new();
    let mut carried_all: Vec<Vec<carry::Carried>> = Vec::new();
    let mut warnings = Vec::new();
    let mut extents = extent::Extents::default();
    let mut packed = Packed::default();
    let mut tags = Vec::new();
    let mut blocked = Vec::new();
    // The reports' objects get their numbers over all cores: each report's
    // first number is known from the sizes of those before it, so the
    // numbers are the ones importing them in turn would give.
    let maps = renumber_reports(&mut reports, 1);
    for ((i, docs), maps) in reports.into_iter().enumerate().zip(maps) {
        let mut item_pages = Vec::new();
        let mut item_carried = Vec::new();
        for ((d, report), map) in docs.into_iter().enumerate().zip(maps) {
            if !report.not_archivable.is_empty() {
                let item = &pack.items[i];
                blocked.push(crate::error::DocumentError::new(
                    pack,
                    item,
                    &item.documents[d],
                    crate::error::DocumentProblem::NotArchivable(report.not_archivable.join("; ")),
                ));
                continue;
            }
            let Ready {
                pdf,
                pages,
                geometries,
                mut carried,
                warnings: report_warnings,
                extents: report_extents,
                packed: report_packed,
                not_archivable: _,
            } = report;
            warnings.extend(report_warnings);
            let Some(map) = map else {
                return Err(BuildError::Internal {
                    stage: "importing a report",
                    reason: "a report was left unnumbered".into(),
                });
            };
            let first = out.max_id + 1;
            insert_renumbered(&mut out, pdf, &map);
            let numbers = first..out.max_id + 1;
            extents.extend(
                report_extents
                    .into_iter()
                    .filter_map(|(old, extent)| Some((*map.get(&old)?, extent))),
            );
            packed.extend(report_packed.iter().filter_map(|old| map.get(old).copied()));
            carried.outline = carried
                .outline
                .and_then(|(f, l, n)| Some((*map.get(&f)?, *map.get(&l)?, n)));
            carried.fields = carried
                .fields
                .iter()
                .filter_map(|f| map.get(f).copied())
                .collect();
            carried.layers = carried
                .layers
                .iter()
                .filter_map(|f| map.get(f).copied())
                .collect();
            carried.layers_off = carried
                .layers_off
                .iter()
                .filter_map(|f| map.get(f).copied())
                .collect();
            for resources in [&mut carried.form_resources, &mut carried.form_appearance] {
                if let Some(object) = resources.as_mut() {
                    renumber(object, &map);
                }
            }
            let report_tags = match carried.structure.take() {
                Some(mut tree) => {
                    tree.renumber(&map);
                    ReportTags::Tagged(Box::new(tree))
                }
                None => ReportTags::Untagged {
                    stray_keys: carried.stray_structure_keys,
                },
            };
            tags.push((i, d, report_tags, numbers));
            item_carried.push(carried);
            item_pages.push(
                pages
                    .iter()
                    .zip(geometries)
                    .map(|(old, g)| (map[old], g))
                    .collect(),
            );
        }
        report_pages.push(item_pages);
        carried_all.push(item_carried);
    }
    if !blocked.is_empty() {
        return Err(BuildError::Documents(blocked));
    }
    Ok(Imported {
        out,
        report_pages,
        carried: carried_all,
        warnings,
        extents,
        packed,
        tags,
    })
}

/// Merges everything into the finished pack.
pub fn assemble(pack: &Pack, mut parts: Parts<'_>) -> Result<Assembled, BuildError> {
    let internal = |stage: &'static str| {
        move |e: lopdf::Error| BuildError::Internal {
            stage,
            reason: e.to_string(),
        }
    };
    let plan = parts.plan;
    let mut stages = crate::timing::Stages::start();
    let Imported {
        mut out,
        report_pages,
        carried: carried_all,
        mut warnings,
        mut extents,
        mut packed,
        tags: report_tags,
    } = parts.imported;

    // Krilla's file is not needed once read.
    let drawn = std::mem::take(&mut parts.rendered.pdf);
    let mut ours = PdfDocument::load_mem(&drawn).map_err(internal("reading our own pages"))?;
    drop(drawn);
    let our_pages_old: Vec<ObjectId> = ours.page_iter().collect();
    if our_pages_old.len() != plan.slots.len() {
        return Err(BuildError::Internal {
            stage: "drawing our pages",
            reason: format!(
                "{} pages drawn for {} planned",
                our_pages_old.len(),
                plan.slots.len()
            ),
        });
    }
    let mut our_tree = structure::read(&ours);
    compact_our_objects(&mut ours);
    // Our pages are numbered after the reports.
    let map = import(&mut out, ours);
    if let Some(tree) = our_tree.as_mut() {
        tree.renumber(&map);
    }
    let our_pages: Vec<ObjectId> = our_pages_old.iter().map(|id| map[id]).collect();
    // Our tree first, then each report's in pack order.
    let mut tags = structure::Merger::new(our_tree);
    let mut untagged = Vec::new();
    for (i, d, report_tags, numbers) in report_tags {
        let objects = numbers.map(|n| (n, 0));
        match report_tags {
            ReportTags::Tagged(tree) => tags.add_report(&mut out, i, d, *tree, objects),
            ReportTags::Untagged { stray_keys } => {
                // Keys into a parent tree the report does not bring.
                if stray_keys {
                    structure::strip_keys(&mut out, objects);
                }
                untagged.push((i, d));
            }
        }
    }
    stages.done("import");
    // The pages in order, with stamps laid over the report pages. Each
    // stamped page's new objects are numbered in page order, as stamping
    // one page after another would number them; the stamps themselves are
    // made over all cores, each reading only what it lays over.
    let prologue = out.add_object(Stream::new(Dictionary::new(), b"q\n".to_vec()));
    let mut pages = Vec::with_capacity(plan.slots.len());
    let mut jobs = Vec::new();
    let mut next = out.max_id + 1;
    // How many of our pages draw each content stream: one drawn for one
    // stamp page alone leaves the pack with it, and is moved into its form.
    let mut draws: FxHashMap<ObjectId, usize> = FxHashMap::default();
    for (index, slot) in plan.slots.iter().enumerate() {
        if let Slot::Report { .. } = slot
            && let Ok(Object::Dictionary(overlay)) = out.get_object(our_pages[index])
            && let Ok(&Object::Reference(content)) = overlay.get(b"Contents")
        {
            *draws.entry(content).or_default() += 1;
        }
    }
    for (index, slot) in plan.slots.iter().enumerate() {
        match *slot {
            Slot::Report {
                item,
                document,
                page,
                ..
            } => {
                let (id, geometry) = report_pages[item][document][page];
                let shrink = parts.rendered.shrinks.get(index).copied().flatten();
                // The page the stamp was drawn on leaves the pack here, so
                // that it is freed as its stamp is made, not when pruned:
                // this is where a build's memory peaks.
                let Some(Object::Dictionary(overlay)) = out.objects.remove(&our_pages[index])
                else {
                    return Err(BuildError::Internal {
                        stage: "stamping a report page",
                        reason: format!("no page drawn for slot {}", index + 1),
                    });
                };
                let content = match overlay.get(b"Contents") {
                    Ok(&Object::Reference(content)) if draws.get(&content) == Some(&1) => {
                        match out.objects.remove(&content) {
                            Some(Object::Stream(stream)) => Some(stream),
                            Some(other) => {
                                out.objects.insert(content, other);
                                None
                            }
                            None => None,
                        }
                    }
                    _ => None,
                };
                jobs.push(StampJob {
                    page: id,
                    geometry,
                    overlay,
                    content,
                    shrink,
                    first: next,
                });
                next += StampJob::OBJECTS + u32::from(shrink.is_some());
                pages.push(id);
            }
            _ => pages.push(our_pages[index]),
        }
    }
    let stamped: Vec<lopdf::Result<Stamped>> = {
        use rayon::prelude::*;
        let out = &out;
        jobs.into_par_iter()
            .map(|job| stamp(out, job, prologue))
            .collect()
    };
    out.max_id = next - 1;
    // Pages of one shape end with the same drawing of their stamp: it is
    // kept once, as the first such page's.
    let mut endings: HashMap<Vec<u8>, ObjectId> = HashMap::new();
    for stamped in stamped {
        let Stamped {
            page,
            resources,
            mut contents,
            objects,
            ending: (id, ending),
        } = stamped.map_err(internal("stamping a report page"))?;
        out.objects.extend(objects);
        let ending = *endings.entry(ending).or_insert_with_key(|ending| {
            let stream = Stream::new(Dictionary::new(), ending.clone());
            out.objects.insert(id, Object::Stream(stream));
            id
        });
        contents.push(ending.into());
        let dict = out
            .get_dictionary_mut(page)
            .map_err(internal("stamping a report page"))?;
        match resources {
            StampResources::Replace(resources) => dict.set("Resources", resources),
            StampResources::Add(name, form) => {
                if let Ok(Object::Dictionary(resources)) = dict.get_mut(b"Resources") {
                    match resources.get_mut(b"XObject") {
                        Ok(Object::Dictionary(xobjects)) => {
                            xobjects.set(name, form);
                            xobjects.as_hashmap_mut().shrink_to_fit();
                        }
                        _ => {
                            resources.set("XObject", Dictionary::from_iter([(name, form.into())]));
                            resources.as_hashmap_mut().shrink_to_fit();
                        }
                    }
                }
            }
        }
        dict.set("Contents", Object::Array(contents));
    }

    stages.done("stamp");
    let pages_root = out.new_object_id();
    for &page in &pages {
        let dict = out
            .get_dictionary_mut(page)
            .map_err(internal("building the page tree"))?;
        dict.set("Parent", pages_root);
        dict.set("Type", Object::Name(b"Page".to_vec()));
        dict.as_hashmap_mut().shrink_to_fit();
    }
    out.objects.insert(
        pages_root,
        Object::Dictionary(Dictionary::from_iter([
            ("Type", Object::Name(b"Pages".to_vec())),
            ("Count", Object::Integer(pages.len() as i64)),
            (
                "Kids",
                Object::Array(pages.iter().map(|&p| p.into()).collect()),
            ),
        ])),
    );

    retarget_links(&mut out, plan, &our_pages, &pages);
    let outlines = add_outline(&mut out, pack, plan, parts.front, &pages, &carried_all);
    let form = merge_forms(&mut out, pack, &carried_all);
    let layers = merge_layers(&carried_all);
    let title = document_title(pack);
    let tagged_reports = tags.tagged();
    let tree = tags.finish(&mut out, pack, plan);
    // PDF/UA is claimed only of a pack tagged throughout whose own pages
    // passed the check.
    let accessible = parts.rendered.accessible.is_ok() && untagged.is_empty() && tree.is_some();
    let subject = pack.template.fill(
        "subject",
        &[
            ("body", &pack.meeting.body),
            ("date", &pack.meeting.date.long()),
        ],
    );
    let producer = concat!("agendapack ", env!("CARGO_PKG_VERSION"));
    let issued = pack.issuer.issued;
    let description = archival::Description {
        title: &title,
        author: &pack.issuer.organisation,
        subject: &subject,
        language: &pack.meeting.language,
        producer,
        date: (issued.year, issued.month, issued.day),
        accessible,
        archival: parts.archival,
    };
    let metadata = out.add_object(archival::metadata_stream(&description));
    let mut catalog = Dictionary::from_iter([
        ("Type", Object::Name(b"Catalog".to_vec())),
        ("Pages", pages_root.into()),
        ("PageLabels", page_labels(plan)),
        ("Lang", text(&pack.meeting.language)),
        ("PageMode", Object::Name(b"UseOutlines".to_vec())),
        (
            "ViewerPreferences",
            Object::Dictionary(Dictionary::from_iter([(
                "DisplayDocTitle",
                Object::Boolean(true),
            )])),
        ),
    ]);
    if let Some(outlines) = outlines {
        catalog.set("Outlines", outlines);
    }
    catalog.set("Metadata", metadata);
    if parts.archival {
        let intents = archival::output_intent(&mut out);
        catalog.set("OutputIntents", intents);
    }
    if let Some(tree) = tree {
        catalog.set("StructTreeRoot", tree);
        catalog.set(
            "MarkInfo",
            Dictionary::from_iter([("Marked", Object::Boolean(true))]),
        );
    }
    if let Some(form) = form {
        catalog.set("AcroForm", form);
    }
    if let Some(layers) = layers {
        catalog.set("OCProperties", layers);
    }
    let catalog_id = out.add_object(catalog);
    let info = out.add_object(Dictionary::from_iter([
        ("Title", text(&title)),
        ("Author", text(&pack.issuer.organisation)),
        ("Subject", text(&subject)),
        ("Creator", text(producer)),
        ("Producer", text(producer)),
        ("CreationDate", archival::info_date(&description)),
        ("ModDate", archival::info_date(&description)),
    ]));
    out.trailer =
        Dictionary::from_iter([("Root", Object::from(catalog_id)), ("Info", info.into())]);
    let id = Object::String(parts.id.to_vec(), StringFormat::Hexadecimal);
    out.trailer.set("ID", Object::Array(vec![id.clone(), id]));

    if parts.archival {
        let fixed = archival::fix(&mut out);
        if fixed > 0 {
            warnings.push(format!(
                "for PDF/A, {fixed} annotation{} or image{} changed in ways a reader does not see \
                 (annotations made printable, image smoothing and alternate images dropped)",
                if fixed == 1 { "" } else { "s" },
                if fixed == 1 { "" } else { "s" },
            ));
        }
    }
    stages.done("navigation");
    prune(&mut out);
    extents.retain(|id, _| out.objects.contains_key(id));
    stages.done("prune");
    let (shared_streams, saved_bytes) =
        dedupe::share_identical_streams(&mut out, &mut extents, &packed);
    packed.retain(|id| out.objects.contains_key(id));
    stages.done("dedupe");
    Ok(Assembled {
        document: out,
        extents,
        packed,
        warnings,
        shared_streams,
        saved_bytes,
        tagged_reports,
        untagged,
        accessible,
        our_pages_checked: parts.rendered.accessible,
    })
}

/// One interactive form for the whole pack: every report's fields, with a
/// top-level name that clashes with an earlier report's renamed so both
/// stay live and independent.
fn merge_forms(
    out: &mut PdfDocument,
    pack: &Pack,
    carried: &[Vec<carry::Carried>],
) -> Option<Object> {
    let mut fields = Vec::new();
    let mut taken: std::collections::HashSet<Vec<u8>> = std::collections::HashSet::new();
    let mut resources = None;
    let mut appearance = None;
    for (i, docs) in carried.iter().enumerate() {
        for (d, c) in docs.iter().enumerate() {
            resources = resources.or_else(|| c.form_resources.clone());
            appearance = appearance.or_else(|| c.form_appearance.clone());
            for &field in &c.fields {
                if let Ok(dict) = out.get_dictionary_mut(field)
                    && let Ok(Object::String(name, format)) = dict.get(b"T").cloned()
                {
                    let mut unique = name.clone();
                    if taken.contains(&unique) {
                        let suffix = format!(" (item {} document {})", pack.items[i].number, d + 1);
                        unique = match decode_text_bytes(&name) {
                            Some(text) => text_bytes(&format!("{text}{suffix}")),
                            None => [name.clone(), suffix.into_bytes()].concat(),
                        };
                        dict.set("T", Object::String(unique.clone(), format));
                    }
                    taken.insert(unique);
                }
                fields.push(Object::Reference(field));
            }
        }
    }
    if fields.is_empty() {
        return None;
    }
    let mut form = Dictionary::from_iter([("Fields", Object::Array(fields))]);
    if let Some(dr) = resources {
        form.set("DR", dr);
    }
    if let Some(da) = appearance {
        form.set("DA", da);
    }
    Some(Object::Reference(out.add_object(form)))
}

/// The reports' layers (optional content), each shown or hidden as its
/// report had it: without this, a reader shows every layer.
fn merge_layers(carried: &[Vec<carry::Carried>]) -> Option<Object> {
    let all: Vec<&carry::Carried> = carried.iter().flatten().collect();
    let groups: Vec<Object> = all
        .iter()
        .flat_map(|c| c.layers.iter())
        .map(|&id| id.into())
        .collect();
    if groups.is_empty() {
        return None;
    }
    let off: Vec<Object> = all
        .iter()
        .flat_map(|c| c.layers_off.iter())
        .map(|&id| id.into())
        .collect();
    let default = Dictionary::from_iter([
        ("Name", text("Layers")),
        ("Order", Object::Array(groups.clone())),
        ("OFF", Object::Array(off)),
    ]);
    Some(Object::Dictionary(Dictionary::from_iter([
        ("OCGs", Object::Array(groups)),
        ("D", Object::Dictionary(default)),
    ])))
}

/// A PDF text string's bytes as text, if it is UTF-16BE or plain ASCII.
fn decode_text_bytes(bytes: &[u8]) -> Option<String> {
    if let Some(utf16) = bytes.strip_prefix(&[0xfe, 0xff]) {
        let units: Vec<u16> = utf16
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16(&units).ok()
    } else {
        bytes
            .is_ascii()
            .then(|| String::from_utf8_lossy(bytes).into_owned())
    }
}

fn text_bytes(s: &str) -> Vec<u8> {
    match text(s) {
        Object::String(bytes, _) => bytes,
        _ => unreachable!("text() makes strings"),
    }
}

/// The title shown in the reader's title bar.
pub fn document_title(pack: &Pack) -> String {
    let heading = crate::render::layout::pack_heading(pack);
    let key = match pack.edition() {
        Edition::Public => "title",
        Edition::Members => "title_members",
    };
    pack.template.fill(
        key,
        &[
            ("body", &pack.meeting.body),
            ("date", &pack.meeting.date.long()),
            ("pack", &heading),
        ],
    )
}

/// Streams below this size are left as krilla wrote them, uncompressed: a
/// stamp's content is about 140 bytes, which deflate barely shrinks, and
/// setting up a compressor for each of hundreds of them cost more than
/// drawing them.
const WORTH_COMPRESSING: usize = 512;

/// Makes our own objects compact: each dictionary and array fitted to its
/// length, and the larger streams (the notice and agenda pages, the font
/// subsets) compressed, which krilla leaves uncompressed so that it need
/// not compress every stamp.
fn compact_our_objects(ours: &mut PdfDocument) {
    use rayon::prelude::*;
    // Over all cores; each object kept in the room it needs, as the
    // parser grows dictionaries one key at a time and these stay in
    // memory until the pack is written.
    ours.objects.par_iter_mut().for_each(|(_, object)| {
        fit(object);
        if let Object::Stream(stream) = object
            && stream.content.len() >= WORTH_COMPRESSING
            && !stream.dict.has(b"Filter")
            && let Ok(data) = write::pdf::deflate(&stream.content)
        {
            stream
                .dict
                .set("Filter", Object::Name(b"FlateDecode".to_vec()));
            stream.set_content(data);
        }
    });
}

/// Drops every object the trailer does not reach (the pages our stamps
/// were drawn on, krilla's page tree, whatever a report's copy left
/// unused). The objects are followed a level at a time, each level over
/// all cores.
fn prune(pdf: &mut PdfDocument) {
    use rayon::prelude::*;
    fn references(object: &Object, found: &mut Vec<ObjectId>) {
        match object {
            Object::Reference(id) => found.push(*id),
            Object::Array(items) => items.iter().for_each(|o| references(o, found)),
            Object::Dictionary(dict) => dict.iter().for_each(|(_, o)| references(o, found)),
            Object::Stream(stream) => stream.dict.iter().for_each(|(_, o)| references(o, found)),
            _ => {}
        }
    }
    let mut reached: FxHashSet<ObjectId> = FxHashSet::default();
    let mut level = Vec::new();
    pdf.trailer
        .iter()
        .for_each(|(_, o)| references(o, &mut level));
    level.retain(|id| reached.insert(*id));
    while !level.is_empty() {
        let found: Vec<ObjectId> = level
            .par_iter()
            .fold(Vec::new, |mut found, id| {
                if let Some(object) = pdf.objects.get(id) {
                    references(object, &mut found);
                }
                found
            })
            .flatten()
            .collect();
        level = found;
        level.retain(|id| reached.insert(*id));
    }
    pdf.objects.retain(|id, _| reached.contains(id));
}

/// Shrinks `object`'s dictionaries and arrays, at every depth, to fit.
fn fit(object: &mut Object) {
    match object {
        Object::Array(items) => {
            items.iter_mut().for_each(fit);
            items.shrink_to_fit();
        }
        Object::Dictionary(dict) => fit_dict(dict),
        Object::Stream(stream) => fit_dict(&mut stream.dict),
        _ => {}
    }
}

fn fit_dict(dict: &mut Dictionary) {
    dict.iter_mut().for_each(|(_, value)| fit(value));
    dict.as_hashmap_mut().shrink_to_fit();
}

/// Moves `pdf`'s objects into `out` under fresh numbers; returns the map
/// from old to new numbers. References to missing objects become null, so
/// they cannot point into another document.
fn import(out: &mut PdfDocument, mut pdf: PdfDocument) -> FxHashMap<ObjectId, ObjectId> {
    let map = number_from(&mut pdf, out.max_id + 1);
    insert_renumbered(out, pdf, &map);
    map
}

/// Numbers `pdf`'s objects from `first` on, in their order, and renumbers
/// the references inside them (a reference to a missing object becomes
/// null); returns the map from old to new numbers.
fn number_from(pdf: &mut PdfDocument, first: u32) -> FxHashMap<ObjectId, ObjectId> {
    let map: FxHashMap<ObjectId, ObjectId> = pdf
        .objects
        .keys()
        .zip(first..)
        .map(|(&old, new)| (old, (new, 0)))
        .collect();
    for object in pdf.objects.values_mut() {
        renumber(object, &map);
    }
    map
}

/// Numbers every report's objects in the pack, from `first` on, in pack
/// order and each report's object order (as [`import`] would, one report
/// after another), over all cores; returns each report's map from old to
/// new numbers. A report that will not go in (one that cannot be archived)
/// takes no numbers and has no map.
fn renumber_reports(
    reports: &mut [Vec<Ready>],
    first: u32,
) -> Vec<Vec<Option<FxHashMap<ObjectId, ObjectId>>>> {
    use rayon::prelude::*;
    let mut next = first;
    let starts: Vec<Vec<Option<u32>>> = reports
        .iter()
        .map(|docs| {
            docs.iter()
                .map(|report| {
                    report.not_archivable.is_empty().then(|| {
                        let start = next;
                        next += report.pdf.objects.len() as u32;
                        start
                    })
                })
                .collect()
        })
        .collect();
    reports
        .par_iter_mut()
        .zip(starts)
        .map(|(docs, starts)| {
            docs.par_iter_mut()
                .zip(starts)
                .map(|(report, start)| start.map(|start| number_from(&mut report.pdf, start)))
                .collect()
        })
        .collect()
}

/// Moves `pdf`'s objects, renumbered by [`number_from`], into `out` under
/// their new numbers.
fn insert_renumbered(out: &mut PdfDocument, pdf: PdfDocument, map: &FxHashMap<ObjectId, ObjectId>) {
    for (old, object) in pdf.objects {
        let new = map[&old];
        out.max_id = out.max_id.max(new.0);
        out.objects.insert(new, object);
    }
}

fn renumber(object: &mut Object, map: &FxHashMap<ObjectId, ObjectId>) {
    match object {
        Object::Reference(id) => match map.get(id) {
            Some(new) => *id = *new,
            None => *object = Object::Null,
        },
        Object::Array(items) => items.iter_mut().for_each(|o| renumber(o, map)),
        Object::Dictionary(dict) => dict.iter_mut().for_each(|(_, o)| renumber(o, map)),
        Object::Stream(stream) => stream.dict.iter_mut().for_each(|(_, o)| renumber(o, map)),
        _ => {}
    }
}

/// A report page to stamp: the overlay drawn for it (one of our pages),
/// how its content is shrunk if it is, and the first of the numbers its
/// new objects take.
struct StampJob {
    page: ObjectId,
    geometry: Geometry,
    /// The page of ours the stamp was drawn on, taken out of the pack.
    overlay: Dictionary,
    /// Its content stream, taken out of the pack too if no other page
    /// draws it.
    content: Option<Stream>,
    shrink: Option<Shrink>,
    first: u32,
}

impl StampJob {
    /// New objects a stamp makes (the overlay as a form and the content
    /// after the page's own), and one more for a shrunk page's start.
    const OBJECTS: u32 = 2;
}

/// A report page stamped: its new resources and contents, and the objects
/// they bring, to put in the pack; last, the content that draws the stamp
/// after the page's own, and the number it has if no page before drew
/// the same.
struct Stamped {
    page: ObjectId,
    resources: StampResources,
    contents: Vec<Object>,
    objects: Vec<(ObjectId, Object)>,
    ending: (ObjectId, Vec<u8>),
}

/// How a stamped page's resources come to name its stamp.
enum StampResources {
    /// The page's own resources (and their `/XObject` map, if any) take
    /// the stamp's form under this name, in place: nothing is copied.
    Add(Vec<u8>, ObjectId),
    /// New resources, when the page's are shared with other pages (an
    /// indirect object), as are its `/XObject` map's.
    Replace(Dictionary),
}

/// Lays the overlay drawn on `overlay` (one of our pages) over `page`,
/// upright on its visible area; the page's own content is wrapped in q/Q so
/// that whatever state it leaves cannot move or hide the stamp, and shrunk
/// first if `shrink` says so.
fn stamp(out: &PdfDocument, job: StampJob, prologue: ObjectId) -> lopdf::Result<Stamped> {
    let StampJob {
        page,
        ref geometry,
        overlay: ref overlay_dict,
        content,
        shrink,
        first,
    } = job;
    let visible = geometry.visible_size();
    let size = visible.stamp_canvas();
    let mut form = form_from_page(out, overlay_dict, content)?;
    form.dict.set(
        "BBox",
        Object::Array(vec![
            0.into(),
            0.into(),
            size.width.into(),
            size.height.into(),
        ]),
    );
    let form_id = (first, 0);
    // Each object made here is kept until the pack is written: in no more
    // room than it needs (a dictionary grown by a key holds room for twice
    // its keys).
    let mut form = Object::Stream(form);
    fit(&mut form);
    let mut objects = vec![(form_id, form)];

    let page_dict = out.get_dictionary(page)?;
    let given = page_dict.get(b"Resources").ok();
    let resources = match given {
        Some(r) => out.dereference(r)?.1.as_dict().ok(),
        None => None,
    };
    let given_xobjects = resources.and_then(|r| r.get(b"XObject").ok());
    let xobjects = match given_xobjects {
        Some(x) => out.dereference(x)?.1.as_dict().ok(),
        None => None,
    };
    let mut name = STAMP_NAME.to_string();
    let mut n = 1;
    while xobjects.is_some_and(|x| x.has(name.as_bytes())) {
        n += 1;
        name = format!("{STAMP_NAME}{n}");
    }
    // The page's own resources (the allowlist gives each page its own) are
    // added to where the page is joined to the pack; shared ones are
    // copied, never changed for every page that uses them.
    let own = matches!(given, Some(Object::Dictionary(_)))
        && matches!(given_xobjects, None | Some(Object::Dictionary(_)));
    let resources = match own {
        true => StampResources::Add(name.clone().into_bytes(), form_id),
        false => {
            let mut resources = resources.cloned().unwrap_or_default();
            let mut xobjects = xobjects.cloned().unwrap_or_default();
            xobjects.set(name.as_bytes(), form_id);
            resources.set("XObject", xobjects);
            fit_dict(&mut resources);
            StampResources::Replace(resources)
        }
    };

    let k = 1.0 / visible.stamp_scale();
    let u = geometry.upright_matrix();
    let m = [u[0] * k, u[1] * k, u[2] * k, u[3] * k, u[4], u[5]];
    // The stamps are artifacts where they are drawn, so a tagged report's
    // content stays wholly tagged or marked.
    let epilogue = format!(
        "\nQ\n/Artifact BMC q {} {} {} {} {} {} cm /{name} Do Q EMC\n",
        m[0], m[1], m[2], m[3], m[4], m[5]
    );
    let prologue = match shrink {
        Some(shrink) => {
            let id = (first + 2, 0);
            objects.push((
                id,
                Object::Stream(Stream::new(
                    Dictionary::new(),
                    shrunk_prologue(geometry, shrink).into_bytes(),
                )),
            ));
            id
        }
        None => prologue,
    };
    let mut contents: Vec<Object> = vec![prologue.into()];
    match page_dict.get(b"Contents") {
        Ok(Object::Reference(id)) => match out.get_object(*id)? {
            Object::Array(parts) => contents.extend(parts.iter().cloned()),
            _ => contents.push(Object::Reference(*id)),
        },
        Ok(Object::Array(parts)) => contents.extend(parts.iter().cloned()),
        _ => {}
    }
    contents.shrink_to_fit();
    Ok(Stamped {
        page,
        resources,
        contents,
        objects,
        ending: ((first + 1, 0), epilogue.into_bytes()),
    })
}

/// The start of a shrunk page: its content scaled (the display-space
/// transform carried into the page's user space) and clipped to what was
/// visible, so nothing from outside the crop box comes into view.
fn shrunk_prologue(geometry: &Geometry, shrink: Shrink) -> String {
    let upright = Matrix(geometry.upright_matrix());
    let to_display = upright.invert().unwrap_or(Matrix::IDENTITY);
    let m = to_display.then(shrink.matrix).then(upright).0;
    let v = geometry.visible;
    format!(
        "q\n{} {} {} {} {} {} cm\n{} {} {} {} re W n\n",
        m[0],
        m[1],
        m[2],
        m[3],
        m[4],
        m[5],
        v.x0,
        v.y0,
        v.width(),
        v.height()
    )
}

/// A form XObject holding a page's content and resources; `content`, if
/// given, is the page's one content stream, taken out of `out`.
fn form_from_page(
    out: &PdfDocument,
    page: &Dictionary,
    content: Option<Stream>,
) -> lopdf::Result<Stream> {
    let resources = page
        .get(b"Resources")
        .cloned()
        .unwrap_or(Object::Dictionary(Dictionary::new()));
    let mut dict = Dictionary::from_iter([
        ("Type", Object::Name(b"XObject".to_vec())),
        ("Subtype", Object::Name(b"Form".to_vec())),
        ("Resources", resources),
    ]);
    // One content stream is kept as drawn, compressed or not.
    let mut filter_of = |s: &Stream| {
        if let Ok(filter) = s.dict.get(b"Filter") {
            dict.set("Filter", filter.clone());
        }
    };
    let content = match (page.get(b"Contents")?, content) {
        (Object::Reference(_), Some(s)) => {
            filter_of(&s);
            s.content
        }
        (Object::Reference(id), None) => match out.get_object(*id)? {
            Object::Stream(s) => {
                filter_of(s);
                s.content.clone()
            }
            _ => Vec::new(),
        },
        (Object::Array(parts), _) => {
            let mut all = Vec::new();
            for part in parts {
                if let Ok(id) = part.as_reference()
                    && let Object::Stream(s) = out.get_object(id)?
                {
                    all.extend(
                        s.decompressed_content()
                            .unwrap_or_else(|_| s.content.clone()),
                    );
                    all.push(b'\n');
                }
            }
            all
        }
        _ => Vec::new(),
    };
    Ok(Stream::new(dict, content))
}

/// Aims the agenda's links, which krilla drew aimed at the slot of a
/// range's first page (our overlay there, for a report page), at the page
/// that is there in the pack, whole page in view.
fn retarget_links(out: &mut PdfDocument, plan: &PagePlan, ours: &[ObjectId], pages: &[ObjectId]) {
    let slot_of: HashMap<ObjectId, usize> = ours.iter().enumerate().map(|(i, &p)| (p, i)).collect();
    let front = plan
        .slots
        .iter()
        .enumerate()
        .filter(|(_, s)| matches!(s, Slot::Front(_)))
        .map(|(i, _)| pages[i]);
    let annotations: Vec<ObjectId> = front
        .filter_map(|page| {
            out.get_dictionary(page)
                .ok()?
                .get(b"Annots")
                .ok()?
                .as_array()
                .ok()
                .cloned()
        })
        .flatten()
        .filter_map(|a| a.as_reference().ok())
        .collect();
    let aim = |dest: &mut Object| {
        if let Object::Array(items) = dest
            && let Some(Object::Reference(page)) = items.first()
            && let Some(&slot) = slot_of.get(page)
        {
            *dest = Object::Array(vec![pages[slot].into(), Object::Name(b"Fit".to_vec())]);
        }
    };
    for id in annotations {
        let Ok(annotation) = out.get_dictionary_mut(id) else {
            continue;
        };
        let dest = if annotation.has(b"Dest") {
            annotation.get_mut(b"Dest").ok()
        } else {
            match annotation.get_mut(b"A") {
                Ok(Object::Dictionary(action)) => action.get_mut(b"D").ok(),
                _ => None,
            }
        };
        match dest {
            // krilla writes each destination as an object of its own.
            Some(Object::Reference(target)) => {
                let target = *target;
                if let Some(dest) = out.objects.get_mut(&target) {
                    aim(dest);
                }
            }
            Some(dest) => aim(dest),
            None => {}
        }
    }
}

/// A bookmark and those nested under it.
struct Bookmark {
    title: String,
    page: ObjectId,
    children: Vec<Bookmark>,
    /// A report's own outline, nested (closed) under its bookmark.
    imported: Option<(ObjectId, ObjectId, i64)>,
}

fn add_outline(
    out: &mut PdfDocument,
    pack: &Pack,
    plan: &PagePlan,
    front: &FrontMatter,
    pages: &[ObjectId],
    carried: &[Vec<carry::Carried>],
) -> Option<ObjectId> {
    let mut top = vec![
        Bookmark {
            title: pack.template.phrase("bookmark_notice").into(),
            page: pages[0],
            children: Vec::new(),
            imported: None,
        },
        Bookmark {
            title: pack.template.phrase("bookmark_agenda").into(),
            page: pages[front.agenda_start],
            children: Vec::new(),
            imported: None,
        },
    ];
    for ((item, placement), carried) in pack.items.iter().zip(&plan.items).zip(carried) {
        // An item opens at its first public page, else at its first exempt
        // one; its documents are listed in the pack file's order.
        let Some(range) = placement.pages.or(placement.exempt_pages) else {
            continue;
        };
        top.push(Bookmark {
            title: format!("{}. {}", item.number, item.title),
            page: pages[plan.physical(range.start())],
            children: placement
                .documents
                .iter()
                .zip(carried)
                .map(|(d, c)| Bookmark {
                    title: d.title.clone(),
                    page: pages[plan.physical(d.pages.start())],
                    children: Vec::new(),
                    imported: c.outline,
                })
                .collect(),
            imported: None,
        });
    }
    let root = out.new_object_id();
    let (first, last, count) = write_bookmarks(out, &top, root)?;
    out.objects.insert(
        root,
        Object::Dictionary(Dictionary::from_iter([
            ("Type", Object::Name(b"Outlines".to_vec())),
            ("First", first.into()),
            ("Last", last.into()),
            ("Count", Object::Integer(count)),
        ])),
    );
    Some(root)
}

/// Writes sibling bookmarks under `parent`; returns first, last and the
/// number of visible descendants (all open).
fn write_bookmarks(
    out: &mut PdfDocument,
    marks: &[Bookmark],
    parent: ObjectId,
) -> Option<(ObjectId, ObjectId, i64)> {
    let ids: Vec<ObjectId> = marks.iter().map(|_| out.new_object_id()).collect();
    let mut count = 0;
    for (i, mark) in marks.iter().enumerate() {
        let mut dict = Dictionary::from_iter([
            ("Title", text(&mark.title)),
            ("Parent", parent.into()),
            (
                "Dest",
                Object::Array(vec![mark.page.into(), Object::Name(b"Fit".to_vec())]),
            ),
        ]);
        if i > 0 {
            dict.set("Prev", ids[i - 1]);
        }
        if i + 1 < ids.len() {
            dict.set("Next", ids[i + 1]);
        }
        if let Some((first, last, n)) = write_bookmarks(out, &mark.children, ids[i]) {
            dict.set("First", first);
            dict.set("Last", last);
            dict.set("Count", Object::Integer(n));
            count += n;
        } else if let Some((first, last, n)) = mark.imported {
            // The report's own bookmarks, closed, under its entry.
            let mut next = Some(first);
            let mut seen = std::collections::HashSet::new();
            while let Some(id) = next {
                if !seen.insert(id) {
                    break;
                }
                next = out.get_dictionary_mut(id).ok().and_then(|d| {
                    d.set("Parent", ids[i]);
                    d.get(b"Next").ok().and_then(|n| n.as_reference().ok())
                });
            }
            dict.set("First", first);
            dict.set("Last", last);
            dict.set("Count", Object::Integer(-n));
        }
        count += 1;
        out.objects.insert(ids[i], Object::Dictionary(dict));
    }
    Some((*ids.first()?, *ids.last()?, count))
}

/// Page labels: front matter i, ii, iii…; then the printed numbers 1, 2, 3…,
/// with the members' edition's exempt pages E1, E2… where they fall.
fn page_labels(plan: &PagePlan) -> Object {
    let mut nums = vec![
        Object::Integer(0),
        Object::Dictionary(Dictionary::from_iter([("S", Object::Name(b"r".to_vec()))])),
    ];
    // A new range wherever the numbers do not simply count on.
    let mut previous: Option<Folio> = None;
    for (index, slot) in plan.slots.iter().enumerate() {
        let Some(folio) = slot.printed() else {
            continue;
        };
        let follows =
            previous.is_some_and(|p| p.series == folio.series && p.number + 1 == folio.number);
        if !follows {
            let mut label = Dictionary::from_iter([
                ("S", Object::Name(b"D".to_vec())),
                ("St", Object::Integer(i64::from(folio.number))),
            ]);
            let prefix = folio.series.prefix();
            if !prefix.is_empty() {
                label.set("P", text(prefix));
            }
            nums.push(Object::Integer(index as i64));
            nums.push(Object::Dictionary(label));
        }
        previous = Some(folio);
    }
    Object::Dictionary(Dictionary::from_iter([("Nums", Object::Array(nums))]))
}

/// A PDF text string: PDFDocEncoding-compatible ASCII as is, anything else
/// as UTF-16BE with a byte order mark.
pub fn text(s: &str) -> Object {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut bytes = vec![0xfe, 0xff];
        bytes.extend(s.encode_utf16().flat_map(u16::to_be_bytes));
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}
