//! The web agenda: a static website of a council's meetings, built from
//! the same packs. Each meeting gets a page with its details, every agenda
//! item, each public report as its own PDF cut from the pack (so it carries
//! the pack's page numbers and stamps), the whole pack and its
//! supplements; beside it the meeting as JSON, and for the site an index
//! and an iCalendar file. Only public editions are ever read or written.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use lopdf::{Dictionary, Document as PdfDocument, Object, ObjectId};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::batch::{PackResult, Status, describe};
use crate::error::BuildError;
use crate::model::{Date, Edition, Pack, PageRange};
use crate::printable::printable_path;
use crate::{config, publication, write};

/// The stylesheet the site uses unless a template gives its own.
const STYLE: &str = include_str!("../templates/site/style.css");

/// How a site is built.
#[derive(Debug, Clone)]
pub struct SiteOptions {
    pub out: PathBuf,
    /// Meetings on or after this date are upcoming.
    pub today: Date,
    pub jobs: usize,
    /// Rebuild meetings whose inputs have not changed.
    pub force: bool,
    /// A folder holding `site.css`, which replaces the shipped stylesheet.
    pub template: Option<PathBuf>,
}

/// What the index needs of a meeting: the `meeting` of its
/// `meeting.json`, and where its page is.
#[derive(Debug, Clone, Deserialize)]
pub struct Summary {
    pub body: String,
    pub date: String,
    pub time: String,
    pub venue: String,
    pub organisation: String,
    /// The meeting page, relative to the site's root.
    #[serde(skip)]
    pub href: String,
}

/// The site's record of a meeting built: what shaped it.
#[derive(Debug, Serialize, Deserialize)]
struct SiteRecord {
    inputs: String,
    folder: String,
}

/// Builds the site for the packs under `input` (a folder, or one pack
/// file) into `options.out`.
pub fn run(
    input: &Path,
    options: &SiteOptions,
    progress: &(dyn Fn(&PackResult) + Sync),
) -> std::io::Result<(Vec<PackResult>, Vec<String>)> {
    let (dir, packs, skipped) = if input.is_dir() {
        let found = crate::batch::find_packs(input)?;
        (input.to_path_buf(), found.packs, found.skipped)
    } else {
        // One pack: its page goes in a folder named as the pack's folder
        // (`meetings/scrutiny/2024-10-11/pack.toml` → `OUT/2024-10-11`),
        // beside the site's own index.
        let full = std::fs::canonicalize(input)?;
        let dir = full
            .parent()
            .and_then(Path::parent)
            .unwrap_or(Path::new("/"))
            .to_path_buf();
        (dir, vec![full], Vec::new())
    };
    std::fs::create_dir_all(&options.out)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs.max(1))
        .build()
        .map_err(std::io::Error::other)?;
    let results: Vec<(PackResult, Option<Summary>)> = pool.install(|| {
        packs
            .par_iter()
            .map(|pack| {
                let outcome = meeting(pack, &dir, options);
                progress(&outcome.0);
                outcome
            })
            .collect()
    });
    // The index lists every meeting with a page: those built now, and
    // those built before whose pack fails now (their page stays).
    let mut summaries: Vec<Summary> = Vec::new();
    for (result, summary) in &results {
        match summary {
            Some(s) => summaries.push(s.clone()),
            None => {
                let folder = meeting_folder(&result.pack, &dir, &options.out);
                if let Some(s) = read_summary(&folder, &options.out) {
                    summaries.push(s);
                }
            }
        }
    }
    let style = match &options.template {
        Some(t) => std::fs::read_to_string(t.join("site.css")).map_err(|e| {
            std::io::Error::other(format!("template {}: site.css: {e}", t.display()))
        })?,
        None => STYLE.to_string(),
    };
    let write = |name: &str, bytes: &[u8]| {
        write::write_atomically(&options.out.join(name), bytes, write::Durability::Written)
            .map_err(|e| std::io::Error::other(e.to_string()))
    };
    write("style.css", style.as_bytes())?;
    write(
        "index.html",
        index_page(&summaries, options.today).as_bytes(),
    )?;
    write("meetings.ics", calendar(&summaries).as_bytes())?;
    Ok((results.into_iter().map(|r| r.0).collect(), skipped))
}

/// Where a pack's meeting page goes: its folder's relative path under
/// `out` (`dir/scrutiny/2024-10-11/pack.toml` → `out/scrutiny/2024-10-11`),
/// with the file's stem too unless it is `pack`.
pub fn meeting_folder(pack: &Path, dir: &Path, out: &Path) -> PathBuf {
    let relative = pack.strip_prefix(dir).unwrap_or(pack);
    let mut folder = out.join(relative.parent().unwrap_or(Path::new("")));
    let stem = relative.file_stem().unwrap_or_default();
    if stem != "pack" {
        folder.push(stem);
    }
    folder
}

/// The summary of the meeting whose page is in `folder` under `out`, read
/// back from its `meeting.json`.
fn read_summary(folder: &Path, out: &Path) -> Option<Summary> {
    let text = std::fs::read_to_string(folder.join("meeting.json")).ok()?;
    let value: Value = serde_json::from_str(&text).ok()?;
    let summary: Summary = serde_json::from_value(value.get("meeting")?.clone()).ok()?;
    Some(Summary {
        href: page_href(folder, out),
        ..summary
    })
}

/// A meeting page's link from the site's root: `scrutiny/2024-10-11/index.html`.
fn page_href(folder: &Path, out: &Path) -> String {
    folder
        .strip_prefix(out)
        .unwrap_or(folder)
        .join("index.html")
        .to_string_lossy()
        .replace('\\', "/")
}

/// Builds one meeting's folder, unless nothing that shapes it changed.
fn meeting(pack_path: &Path, dir: &Path, options: &SiteOptions) -> (PackResult, Option<Summary>) {
    let started = std::time::Instant::now();
    let folder = meeting_folder(pack_path, dir, &options.out);
    let mut result = PackResult {
        pack: pack_path.to_path_buf(),
        edition: Edition::Public,
        status: Status::Failed,
        output: folder.join("index.html"),
        pages: None,
        seconds: 0.0,
        warnings: Vec::new(),
        error: None,
        untagged: None,
    };
    let outcome = (|| -> Result<(Status, usize, Vec<String>, Summary), String> {
        let pack = config::load(pack_path).map_err(|e| describe(&BuildError::PackFile(e)))?;
        // The site's root exists (run made it): known by its real path.
        let root = std::fs::canonicalize(&options.out).unwrap_or_else(|_| options.out.clone());
        let key = root.join(folder.strip_prefix(&options.out).unwrap_or(&folder));
        let record_file = site_record_path(pack_path, &key);
        let hash = site_hash(&pack, &folder)?;
        if !options.force
            && let Ok(text) = std::fs::read_to_string(&record_file)
            && let Ok(previous) = serde_json::from_str::<SiteRecord>(&text)
            && previous.inputs == hash
            && previous.folder == folder.to_string_lossy()
            && let Some(summary) = read_summary(&folder, &options.out)
        {
            return Ok((Status::Skipped, 0, Vec::new(), summary));
        }
        let (pages, warnings) =
            build_meeting(&pack, &folder, &options.out).map_err(|e| describe(&e))?;
        let summary = read_summary(&folder, &options.out)
            .ok_or_else(|| "the meeting's page was written but cannot be read back".to_string())?;
        let record = serde_json::to_string(&SiteRecord {
            inputs: hash,
            folder: folder.to_string_lossy().into_owned(),
        })
        .expect("plain values serialise");
        let mut warnings = warnings;
        if let Err(e) =
            write::write_atomically(&record_file, record.as_bytes(), write::Durability::Written)
        {
            warnings.push(format!(
                "{}; the meeting will be built again next time",
                describe(&e)
            ));
        }
        Ok((Status::Built, pages, warnings, summary))
    })();
    result.seconds = started.elapsed().as_secs_f64();
    match outcome {
        Ok((status, pages, warnings, summary)) => {
            result.status = status;
            result.pages = Some(pages);
            result.warnings = warnings;
            (result, Some(summary))
        }
        Err(message) => {
            result.error = Some(message);
            (result, None)
        }
    }
}

/// The site's build record of a pack, for the site folder it is built
/// into: `.agendapack/pack.toml.site-1a2b3c4d.build`.
fn site_record_path(pack: &Path, folder: &Path) -> PathBuf {
    let mut name = pack.file_name().unwrap_or_default().to_owned();
    let tag = blake3::hash(folder.as_os_str().as_encoded_bytes()).to_hex();
    name.push(format!(".site-{}.build", &tag.as_str()[..8]));
    pack.parent()
        .unwrap_or(Path::new(""))
        .join(crate::batch::STATE_FOLDER)
        .join(name)
}

/// What shapes a meeting's pages: the public edition's inputs, the
/// publication record and the supplements' files (the stylesheet is the
/// site's, written every time).
fn site_hash(pack: &Pack, folder: &Path) -> Result<String, String> {
    let inputs = crate::batch::inputs_hash(pack, Edition::Public)
        .map_err(|e| format!("cannot read an input: {e}"))?;
    let mut hash = blake3::Hasher::new();
    hash.update(b"site 1");
    hash.update(inputs.as_bytes());
    hash.update(folder.as_os_str().as_encoded_bytes());
    if let Ok(Some(record)) = publication::Record::load(pack) {
        for supplement in &record.publications[1..] {
            let path = supplement_file(pack, supplement);
            let data = std::fs::read(&path).map_err(|e| {
                format!(
                    "supplement {}: cannot read {}: {e}",
                    supplement.number,
                    printable_path(&path)
                )
            })?;
            hash.update(blake3::hash(&data).as_bytes());
        }
    }
    Ok(hash.finalize().to_hex().to_string())
}

/// Where supplement `publication`'s public edition was written.
fn supplement_file(pack: &Pack, publication: &publication::Publication) -> PathBuf {
    let written = PathBuf::from(&publication.output);
    if written.is_absolute() {
        written
    } else {
        // Relative to where `supplement` ran; else beside the pack file.
        let beside = pack
            .source
            .parent()
            .unwrap_or(Path::new(""))
            .join(written.file_name().unwrap_or_default());
        if written.exists() { written } else { beside }
    }
}

/// A file of the site: its name in the meeting's folder and its size.
#[derive(Debug, Clone, Serialize)]
struct FileRef {
    href: String,
    bytes: u64,
    pages: usize,
}

/// Builds the public pack, cuts its documents, and writes the meeting's
/// page and JSON into `folder`.
fn build_meeting(
    pack: &Pack,
    folder: &Path,
    out: &Path,
) -> Result<(usize, Vec<String>), BuildError> {
    let prepared = crate::prepare(pack, Edition::Public)?;
    prepared.guard()?;
    let record = prepared.record.clone();
    let public = prepared.pack.clone();
    let built = crate::finish(prepared)?;
    std::fs::create_dir_all(folder).map_err(|e| BuildError::Output {
        path: folder.to_path_buf(),
        reason: e.to_string(),
    })?;
    let pack_pdf = folder.join("pack.pdf");
    let bytes = built.write(&pack_pdf, write::Durability::Written)?;
    let plan = built.plan.clone();
    let warnings = built.warnings.clone();
    std::mem::forget(built);
    let written = PdfDocument::load(&pack_pdf).map_err(|e| BuildError::Internal {
        stage: "reading the pack back to cut its documents",
        reason: e.to_string(),
    })?;
    let title = |t: &str| {
        format!(
            "{t} \u{2013} {} \u{2013} {}",
            pack.meeting.body,
            pack.meeting.date.long()
        )
    };
    // Each public document as its own PDF, with the pack's numbers.
    let mut documents: BTreeMap<(usize, usize), FileRef> = BTreeMap::new();
    for (i, (item, placed)) in public.items.iter().zip(&plan.items).enumerate() {
        for (d, (document, at)) in item.documents.iter().zip(&placed.documents).enumerate() {
            let name = format!("item-{}-{}.pdf", item.number, d + 1);
            let first = plan.physical(at.pages.start());
            let last = first + (at.pages.last - at.pages.first) as usize;
            let file = cut_to(
                &written,
                first..=last,
                at.pages,
                &title(&document.title),
                &folder.join(&name),
            )?;
            documents.insert((i, d), FileRef { href: name, ..file });
        }
    }
    // Supplements, as published, each with its documents cut from it.
    let mut supplements = Vec::new();
    if let Some(record) = &record {
        for publication in &record.publications[1..] {
            let source = supplement_file(pack, publication);
            let doc = PdfDocument::load(&source).map_err(|e| BuildError::Publication {
                path: publication::record_path(&pack.source),
                reason: format!(
                    "supplement {} ({}) cannot be read: {e}",
                    publication.number,
                    printable_path(&source)
                ),
            })?;
            let name = format!("supplement-{}.pdf", publication.number);
            let data = std::fs::read(&source).map_err(|e| BuildError::Output {
                path: source.clone(),
                reason: e.to_string(),
            })?;
            write_file(&folder.join(&name), &data)?;
            let labels = page_labels(&doc);
            let mut items = Vec::new();
            for item in &publication.public.items {
                let mut files = Vec::new();
                for (d, document) in item.documents.iter().enumerate() {
                    let label = |n: u32| format!("{}{n}", document.pages.series.prefix());
                    let (Some(first), Some(last)) = (
                        labels
                            .iter()
                            .position(|l| *l == label(document.pages.first)),
                        labels.iter().position(|l| *l == label(document.pages.last)),
                    ) else {
                        continue;
                    };
                    let file_name = format!(
                        "supplement-{}-item-{}-{}.pdf",
                        publication.number,
                        item.number,
                        d + 1
                    );
                    let file = cut_to(
                        &doc,
                        first..=last,
                        document.pages,
                        &title(&document.title),
                        &folder.join(&file_name),
                    )?;
                    files.push(json!({
                        "title": document.title,
                        "pages": document.pages,
                        "href": file_name,
                        "bytes": file.bytes,
                    }));
                }
                // Exempt late documents: in the members' map, not the public
                // one; counted, nothing else of them.
                let withheld = publication
                    .members
                    .items
                    .iter()
                    .find(|m| m.number == item.number)
                    .map_or(0, |m| {
                        m.documents.len().saturating_sub(item.documents.len())
                    });
                items.push(json!({
                    "number": item.number,
                    "title": item.title,
                    "pages": item.pages,
                    "documents": files,
                    "withheld_documents": withheld,
                }));
            }
            supplements.push(json!({
                "number": publication.number,
                "date": publication.date,
                "href": name,
                "bytes": data.len(),
                "first_page": publication.public.first_page,
                "last_page": publication.public.last_page,
                "items": items,
            }));
        }
    }
    // The plan's JSON, with the meeting's details, descriptions, contacts
    // and the files.
    let mut items = serde_json::to_value(&plan.items).expect("plain values serialise");
    for (i, (item, value)) in public
        .items
        .iter()
        .zip(items.as_array_mut().expect("a list"))
        .enumerate()
    {
        value["description"] = json!(item.description);
        value["contacts"] = json!(item.contacts);
        if let Some(exempt) = &item.exempt {
            value["citation"] = json!(public.template.citation(exempt));
        }
        for (d, document) in value["documents"]
            .as_array_mut()
            .expect("a list")
            .iter_mut()
            .enumerate()
        {
            let file = &documents[&(i, d)];
            document["href"] = json!(file.href);
            document["bytes"] = json!(file.bytes);
            // As the pack file names it, not where this machine keeps it.
            document["path"] = json!(publication::written_path(
                pack,
                &public.items[i].documents[d].path
            ));
        }
    }
    let contact = &pack.contact;
    let pack_name = pack
        .source
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let data = json!({
        "pack": pack_name,
        "pdf": { "href": "pack.pdf", "bytes": bytes },
        "meeting": {
            "body": pack.meeting.body,
            "date": pack.meeting.date.to_string(),
            "time": pack.meeting.time.civil(),
            "venue": pack.meeting.venue,
            "organisation": pack.issuer.organisation,
            "contact": {
                "name": contact.name,
                "email": contact.email,
                "telephone": contact.telephone,
            },
        },
        "front_pages": plan.front_pages,
        "front_matter_pages": plan.front_matter_pages,
        "printed_pages": plan.printed_pages,
        "total_pages": plan.total_pages,
        "items": items,
        "supplements": supplements,
    });
    let mut text = serde_json::to_string_pretty(&data).expect("plain values serialise");
    text.push('\n');
    write_file(&folder.join("meeting.json"), text.as_bytes())?;
    // The site's root, from the meeting's folder.
    let depth = folder
        .strip_prefix(out)
        .unwrap_or(folder)
        .components()
        .count();
    let html = meeting_page(&public, &data, depth);
    write_file(&folder.join("index.html"), html.as_bytes())?;
    Ok((plan.total_pages, warnings))
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), BuildError> {
    write::write_atomically(path, bytes, write::Durability::Written)
}

/// Writes pages `keep` (physical, 0-based) of `pack` to `path` as a PDF of
/// their own, labelled as printed from `range`'s first page.
fn cut_to(
    pack: &PdfDocument,
    keep: std::ops::RangeInclusive<usize>,
    range: PageRange,
    title: &str,
    path: &Path,
) -> Result<FileRef, BuildError> {
    let bytes = cut(pack, keep, range, title).map_err(|e| BuildError::Internal {
        stage: "cutting a document from the pack",
        reason: e.to_string(),
    })?;
    write_file(path, &bytes)?;
    Ok(FileRef {
        href: String::new(),
        bytes: bytes.len() as u64,
        pages: (range.last - range.first + 1) as usize,
    })
}

/// Pages `keep` of `pack` as a PDF of their own: the rest, the bookmarks
/// and form fields of other pages gone; labelled as the pack prints them.
/// The tag tree of a report cut from the pack: the report's part of the
/// pack's tree (the part whose content is on the `kept` pages), with the
/// parent tree entries of those pages. `None` if the report was untagged;
/// its pages then lose their keys into the tree.
fn cut_structure(
    doc: &mut PdfDocument,
    kept: &std::collections::HashSet<ObjectId>,
) -> Option<ObjectId> {
    let root = doc
        .catalog()
        .ok()?
        .get(b"StructTreeRoot")
        .ok()?
        .as_reference()
        .ok()?;
    let root_dict = doc.get_dictionary(root).ok()?.clone();
    // The pack's tree: document → item sections → report parts.
    let document = root_dict.get(b"K").ok()?.as_reference().ok()?;
    let part = doc
        .get_dictionary(document)
        .ok()?
        .get(b"K")
        .ok()?
        .as_array()
        .ok()?
        .iter()
        .filter_map(|s| doc.get_dictionary(s.as_reference().ok()?).ok())
        .filter_map(|section| section.get(b"K").ok()?.as_array().ok())
        .flatten()
        .filter_map(|p| p.as_reference().ok())
        .find(|&p| {
            doc.get_dictionary(p).is_ok_and(|d| {
                d.get(b"S").ok() == Some(&Object::Name(b"Part".to_vec()))
                    && first_page(doc, d).is_some_and(|pg| kept.contains(&pg))
            })
        });
    let keys: Vec<i64> = kept
        .iter()
        .filter_map(|&page| doc.get_dictionary(page).ok())
        .flat_map(|page| {
            let annots = page
                .get(b"Annots")
                .ok()
                .and_then(|a| a.as_array().ok())
                .cloned()
                .unwrap_or_default();
            let annot_keys: Vec<i64> = annots
                .iter()
                .filter_map(|a| doc.get_dictionary(a.as_reference().ok()?).ok())
                .filter_map(|a| a.get(b"StructParent").ok()?.as_i64().ok())
                .collect();
            page.get(b"StructParents")
                .ok()
                .and_then(|k| k.as_i64().ok())
                .into_iter()
                .chain(annot_keys)
        })
        .collect();
    let Some(part) = part else {
        for &page in kept {
            if let Ok(dict) = doc.get_dictionary_mut(page) {
                dict.remove(b"StructParents");
            }
        }
        return None;
    };
    let mut entries = Vec::new();
    crate::assemble::structure::number_tree(doc, root_dict.get(b"ParentTree").ok()?, &mut entries);
    let keys: std::collections::HashSet<i64> = keys.into_iter().collect();
    let nums: Vec<Object> = entries
        .into_iter()
        .filter(|(k, _)| keys.contains(k))
        .flat_map(|(k, v)| [Object::Integer(k), v])
        .collect();
    let parent_tree = doc.add_object(Dictionary::from_iter([("Nums", Object::Array(nums))]));
    if let Ok(dict) = doc.get_dictionary_mut(part) {
        dict.set("P", root);
    }
    let mut new_root = root_dict.clone();
    new_root.set("K", Object::Reference(part));
    new_root.set("ParentTree", parent_tree);
    new_root.remove(b"IDTree");
    doc.objects.insert(root, Object::Dictionary(new_root));
    Some(root)
}

/// The first page an element's content is on.
fn first_page(doc: &PdfDocument, element: &Dictionary) -> Option<ObjectId> {
    let mut stack = vec![element.clone()];
    for _ in 0..10_000 {
        let e = stack.pop()?;
        if let Ok(Object::Reference(page)) = e.get(b"Pg") {
            return Some(*page);
        }
        let kids = match e.get(b"K") {
            Ok(Object::Array(k)) => k.clone(),
            Ok(k) => vec![k.clone()],
            Err(_) => continue,
        };
        for kid in kids.iter().rev() {
            if let Ok((_, Object::Dictionary(d))) = doc.dereference(kid) {
                stack.push(d.clone());
            }
        }
    }
    None
}

pub fn cut(
    pack: &PdfDocument,
    keep: std::ops::RangeInclusive<usize>,
    range: PageRange,
    title: &str,
) -> lopdf::Result<Vec<u8>> {
    let mut doc = pack.clone();
    let pages: Vec<ObjectId> = doc.page_iter().collect();
    let kept: std::collections::HashSet<ObjectId> = pages
        .iter()
        .enumerate()
        .filter(|(i, _)| keep.contains(i))
        .map(|(_, id)| *id)
        .collect();
    let delete: Vec<u32> = (0..pages.len())
        .filter(|i| !keep.contains(i))
        .map(|i| i as u32 + 1)
        .collect();
    doc.delete_pages(&delete);
    // Links that lead to a page no longer here go.
    for &page in &kept {
        let annots = match doc.get_dictionary(page).and_then(|d| d.get(b"Annots")) {
            Ok(Object::Array(a)) => a.clone(),
            _ => continue,
        };
        let keep_annot = |o: &Object| -> bool {
            let Ok(id) = o.as_reference() else {
                return true;
            };
            let Ok(annot) = doc.get_dictionary(id) else {
                return true;
            };
            let dest = annot.get(b"Dest").and_then(|d| doc.dereference(d));
            match dest.and_then(|(_, d)| d.as_array()) {
                Ok(dest) => dest
                    .first()
                    .and_then(|p| p.as_reference().ok())
                    .is_none_or(|p| kept.contains(&p)),
                Err(_) => true,
            }
        };
        let filtered: Vec<Object> = annots.iter().filter(|o| keep_annot(o)).cloned().collect();
        if let Ok(dict) = doc.get_dictionary_mut(page) {
            dict.set("Annots", Object::Array(filtered));
        }
    }
    let catalog_id = doc.trailer.get(b"Root")?.as_reference()?;
    // Form fields whose widgets are all on pages cut away go.
    let field_on_kept = |doc: &PdfDocument, field: &Object| -> bool {
        let Ok(id) = field.as_reference() else {
            return false;
        };
        let Ok(dict) = doc.get_dictionary(id) else {
            return false;
        };
        let mut widgets = vec![dict.clone()];
        if let Ok(Object::Array(kids)) = dict.get(b"Kids") {
            widgets.extend(kids.iter().filter_map(|k| {
                k.as_reference()
                    .ok()
                    .and_then(|k| doc.get_dictionary(k).ok().cloned())
            }));
        }
        widgets.iter().any(|w| {
            w.get(b"P")
                .and_then(Object::as_reference)
                .is_ok_and(|p| kept.contains(&p))
        })
    };
    let form = doc
        .get_dictionary(catalog_id)?
        .get(b"AcroForm")
        .ok()
        .and_then(|f| doc.dereference(f).ok())
        .and_then(|(_, f)| f.as_dict().ok().cloned());
    let catalog_form = match form {
        Some(mut form) => {
            let fields: Vec<Object> = match form.get(b"Fields") {
                Ok(Object::Array(fields)) => fields
                    .iter()
                    .filter(|f| field_on_kept(&doc, f))
                    .cloned()
                    .collect(),
                _ => Vec::new(),
            };
            if fields.is_empty() {
                None
            } else {
                form.set("Fields", Object::Array(fields));
                Some(form)
            }
        }
        None => None,
    };
    let structure = cut_structure(&mut doc, &kept);
    let catalog = doc.get_dictionary_mut(catalog_id)?;
    catalog.remove(b"Outlines");
    catalog.remove(b"PageMode");
    catalog.remove(b"AcroForm");
    // The pack's metadata describes the pack, not this report.
    catalog.remove(b"Metadata");
    match structure {
        Some(root) => catalog.set("StructTreeRoot", root),
        None => {
            catalog.remove(b"StructTreeRoot");
            catalog.remove(b"MarkInfo");
        }
    }
    if let Some(form) = catalog_form {
        catalog.set("AcroForm", Object::Dictionary(form));
    }
    let mut label = Dictionary::from_iter([
        ("S", Object::Name(b"D".to_vec())),
        ("St", Object::Integer(i64::from(range.first))),
    ]);
    if !range.series.prefix().is_empty() {
        label.set("P", crate::assemble::text(range.series.prefix()));
    }
    catalog.set(
        "PageLabels",
        Object::Dictionary(Dictionary::from_iter([(
            "Nums",
            Object::Array(vec![Object::Integer(0), Object::Dictionary(label)]),
        )])),
    );
    if let Ok(info) = doc.trailer.get(b"Info").and_then(Object::as_reference)
        && let Ok(info) = doc.get_dictionary_mut(info)
    {
        info.set("Title", crate::assemble::text(title));
    }
    doc.prune_objects();
    let mut out = Vec::new();
    doc.save_to(&mut out)?;
    Ok(out)
}

/// The label of every page, from /PageLabels (decimal and roman, with
/// prefixes: what agendapack writes).
pub fn page_labels(doc: &PdfDocument) -> Vec<String> {
    let count = doc.get_pages().len();
    let nums: Vec<(usize, Vec<u8>, i64, String)> = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"PageLabels").ok())
        .and_then(|l| doc.dereference(l).ok())
        .and_then(|(_, l)| l.as_dict().ok())
        .and_then(|l| l.get(b"Nums").ok())
        .and_then(|n| n.as_array().ok())
        .map(|nums| {
            nums.chunks(2)
                .filter_map(|pair| {
                    let start = pair.first()?.as_i64().ok()? as usize;
                    let dict = doc.dereference(pair.get(1)?).ok()?.1.as_dict().ok()?;
                    let style = dict
                        .get(b"S")
                        .and_then(Object::as_name)
                        .unwrap_or(b"D")
                        .to_vec();
                    let first = dict.get(b"St").and_then(Object::as_i64).unwrap_or(1);
                    let prefix = dict
                        .get(b"P")
                        .and_then(Object::as_str)
                        .map(|p| String::from_utf8_lossy(p).into_owned())
                        .unwrap_or_default();
                    Some((start, style, first, prefix))
                })
                .collect()
        })
        .unwrap_or_default();
    (0..count)
        .map(|i| match nums.iter().rev().find(|r| r.0 <= i) {
            Some((start, style, first, prefix)) => {
                let n = first + (i - start) as i64;
                match style.as_slice() {
                    b"D" => format!("{prefix}{n}"),
                    _ => format!("{prefix}#{n}"),
                }
            }
            None => (i + 1).to_string(),
        })
        .collect()
}

fn esc(text: &str) -> String {
    html_escape::encode_text(text).into_owned()
}

fn attr(text: &str) -> String {
    html_escape::encode_double_quoted_attribute(text).into_owned()
}

/// "PDF 245 KB", "PDF 1.2 MB", as council websites print sizes.
pub fn size(bytes: u64) -> String {
    if bytes < 1024 * 1024 {
        format!("PDF {} KB", bytes.div_ceil(1024))
    } else {
        format!("PDF {:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}

fn page_head(title: &str, language: &str, root: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<link rel=\"stylesheet\" href=\"{root}style.css\">\n</head>\n<body>\n\
         <a class=\"skip\" href=\"#main\">Skip to main content</a>\n",
        attr(language),
        esc(title)
    )
}

fn page_foot() -> &'static str {
    "<footer>\n<p>Made with agendapack from the meeting's public document pack.</p>\n</footer>\n</body>\n</html>\n"
}

fn pages_text(range: &Value) -> String {
    let first = range["first"].as_u64().unwrap_or(0);
    let last = range["last"].as_u64().unwrap_or(0);
    if first == last {
        format!("page {first}")
    } else {
        format!("pages {first} to {last}")
    }
}

/// The meeting's page, from its JSON.
fn meeting_page(pack: &Pack, data: &Value, depth: usize) -> String {
    let root = "../".repeat(depth);
    let heading = format!(
        "{} \u{2013} {}",
        pack.meeting.body,
        pack.meeting.date.long()
    );
    let mut html = page_head(
        &format!("{heading} \u{2013} {}", pack.issuer.organisation),
        &pack.meeting.language,
        &root,
    );
    html.push_str(&format!(
        "<header>\n<p class=\"site\"><a href=\"{root}index.html\">{} meetings</a></p>\n</header>\n",
        esc(&pack.issuer.organisation)
    ));
    html.push_str("<main id=\"main\">\n");
    html.push_str(&format!("<h1>{}</h1>\n", esc(&heading)));
    html.push_str("<dl class=\"details\">\n");
    html.push_str(&format!(
        "<dt>Date and time</dt><dd>{}, {}</dd>\n",
        esc(&pack.meeting.date.long()),
        esc(&pack.meeting.time.civil())
    ));
    html.push_str(&format!(
        "<dt>Venue</dt><dd>{}</dd>\n",
        esc(&pack.meeting.venue)
    ));
    let contact = &pack.contact;
    let mut reach = vec![esc(&contact.name)];
    if let Some(email) = &contact.email {
        reach.push(format!(
            "<a href=\"mailto:{}\">{}</a>",
            attr(email),
            esc(email)
        ));
    }
    if let Some(tel) = &contact.telephone {
        reach.push(format!("telephone {}", esc(tel)));
    }
    html.push_str(&format!("<dt>Contact</dt><dd>{}</dd>\n", reach.join(", ")));
    html.push_str("</dl>\n");
    let total = data["total_pages"].as_u64().unwrap_or(0);
    html.push_str(&format!(
        "<p class=\"pack\"><a href=\"pack.pdf\">Public document pack for this meeting ({}, {total} pages)</a></p>\n",
        size(data["pdf"]["bytes"].as_u64().unwrap_or(0))
    ));
    html.push_str("<h2>Agenda</h2>\n<ul class=\"agenda\">\n");
    let supplements = data["supplements"].as_array().cloned().unwrap_or_default();
    for (item, value) in pack
        .items
        .iter()
        .zip(data["items"].as_array().into_iter().flatten())
    {
        html.push_str("<li>\n");
        html.push_str(&format!(
            "<h3><span class=\"number\">{}.</span> {}</h3>\n",
            item.number,
            esc(&item.title)
        ));
        for paragraph in &item.description {
            html.push_str(&format!("<p>{}</p>\n", esc(paragraph)));
        }
        if let Some(exempt) = &item.exempt {
            html.push_str(&format!(
                "<p class=\"exempt\">{}</p>\n",
                esc(&pack.template.citation(exempt))
            ));
        }
        if item.to_follow {
            html.push_str("<p class=\"to-follow\">(To follow)</p>\n");
        }
        if !value["pages"].is_null() {
            html.push_str(&format!(
                "<p class=\"pages\">In the pack on {}.</p>\n",
                pages_text(&value["pages"])
            ));
        }
        let mut links = Vec::new();
        for document in value["documents"].as_array().into_iter().flatten() {
            links.push(document_link(document));
        }
        let mut late_withheld = Vec::new();
        for supplement in &supplements {
            for late in supplement["items"].as_array().into_iter().flatten() {
                if late["number"].as_str() != Some(item.number.as_str()) {
                    continue;
                }
                for document in late["documents"].as_array().into_iter().flatten() {
                    links.push(format!(
                        "{} (supplement {})",
                        document_link(document),
                        supplement["number"]
                    ));
                }
                let n = late["withheld_documents"].as_u64().unwrap_or(0);
                if n > 0 {
                    late_withheld.push((n, supplement["number"].clone()));
                }
            }
        }
        if !links.is_empty() {
            html.push_str("<ul class=\"documents\">\n");
            for link in links {
                html.push_str(&format!("<li>{link}</li>\n"));
            }
            html.push_str("</ul>\n");
        }
        if item.exempt.is_none() && !item.withheld.is_empty() {
            let n = item.withheld.len();
            html.push_str(&format!(
                "<p class=\"exempt\">{} of this item {} not published: {}.</p>\n",
                if n == 1 {
                    "One document".to_string()
                } else {
                    format!("{n} documents")
                },
                if n == 1 { "is" } else { "are" },
                esc(&pack.template.citation_lower(&item.withheld[0]))
            ));
        }
        if item.exempt.is_none() {
            for (n, supplement) in late_withheld {
                html.push_str(&format!(
                    "<p class=\"exempt\">{} of this item in supplement {supplement} {} not published: exempt information under Schedule 12A to the Local Government Act 1972.</p>\n",
                    if n == 1 { "One document".to_string() } else { format!("{n} documents") },
                    if n == 1 { "is" } else { "are" },
                ));
            }
        }
        let contacts: Vec<&String> = item
            .contacts
            .iter()
            .filter(|c| !c.trim().is_empty())
            .collect();
        if !contacts.is_empty() {
            html.push_str(&format!(
                "<p class=\"contact\">Contact: {}</p>\n",
                contacts
                    .iter()
                    .map(|c| esc(c))
                    .collect::<Vec<_>>()
                    .join("; ")
            ));
        }
        html.push_str("</li>\n");
    }
    html.push_str("</ul>\n");
    if !supplements.is_empty() {
        html.push_str("<h2>Supplementary packs</h2>\n<ul class=\"supplements\">\n");
        for supplement in &supplements {
            let first = supplement["first_page"].as_u64().unwrap_or(0);
            let last = supplement["last_page"].as_u64().unwrap_or(0);
            let pages = if last >= first {
                format!(", pages {first} to {last}")
            } else {
                String::new()
            };
            html.push_str(&format!(
                "<li><a href=\"{}\">Supplement {} to the document pack ({}{pages})</a>, published {}</li>\n",
                attr(supplement["href"].as_str().unwrap_or("")),
                supplement["number"],
                size(supplement["bytes"].as_u64().unwrap_or(0)),
                esc(supplement["date"].as_str().unwrap_or(""))
            ));
        }
        html.push_str("</ul>\n");
    }
    html.push_str("</main>\n");
    html.push_str(page_foot());
    html
}

fn document_link(document: &Value) -> String {
    format!(
        "<a href=\"{}\">{} ({})</a>, {}",
        attr(document["href"].as_str().unwrap_or("")),
        esc(document["title"].as_str().unwrap_or("")),
        size(document["bytes"].as_u64().unwrap_or(0)),
        pages_text(&document["pages"])
    )
}

/// The site's front page: the meetings by committee, upcoming first.
fn index_page(summaries: &[Summary], today: Date) -> String {
    let organisation = summaries
        .first()
        .map_or("Council".to_string(), |s| s.organisation.clone());
    let mut html = page_head(&format!("Meetings \u{2013} {organisation}"), "en-GB", "");
    html.push_str(&format!(
        "<header>\n<p class=\"site\"><a href=\"index.html\">{} meetings</a></p>\n</header>\n<main id=\"main\">\n<h1>Meetings of {}</h1>\n",
        esc(&organisation),
        esc(&organisation)
    ));
    let today = today.to_string();
    for (heading, upcoming) in [("Upcoming meetings", true), ("Past meetings", false)] {
        let mut by_body: BTreeMap<&str, Vec<&Summary>> = BTreeMap::new();
        for s in summaries.iter().filter(|s| (s.date >= today) == upcoming) {
            by_body.entry(&s.body).or_default().push(s);
        }
        html.push_str(&format!("<h2>{heading}</h2>\n"));
        if by_body.is_empty() {
            html.push_str("<p>None.</p>\n");
            continue;
        }
        for (body, mut meetings) in by_body {
            // Upcoming soonest first; past most recent first.
            meetings.sort_by(|a, b| (&a.date, &a.href).cmp(&(&b.date, &b.href)));
            if !upcoming {
                meetings.reverse();
            }
            html.push_str(&format!("<h3>{}</h3>\n<ul>\n", esc(body)));
            for m in meetings {
                let date = date_long(&m.date);
                html.push_str(&format!(
                    "<li><a href=\"{}\">{}, {date}, {}</a></li>\n",
                    attr(&m.href),
                    esc(body),
                    esc(&m.time)
                ));
            }
            html.push_str("</ul>\n");
        }
    }
    html.push_str(
        "<p><a href=\"meetings.ics\">All meetings as a calendar file (iCalendar)</a></p>\n</main>\n",
    );
    html.push_str(page_foot());
    html
}

fn date_long(date: &str) -> String {
    Date::parse(date).map_or(date.to_string(), Date::long)
}

/// The meetings as an iCalendar file (RFC 5545), one event each.
fn calendar(summaries: &[Summary]) -> String {
    let mut sorted: Vec<&Summary> = summaries.iter().collect();
    sorted.sort_by(|a, b| (&a.date, &a.href).cmp(&(&b.date, &b.href)));
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//agendapack//meetings//EN".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
    ];
    for m in sorted {
        let date = m.date.replace('-', "");
        let time = civil_to_hms(&m.time);
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!(
            "UID:{}@agendapack",
            blake3::hash(m.href.as_bytes()).to_hex().as_str()[..32].to_owned()
        ));
        lines.push(format!("DTSTAMP:{date}T000000Z"));
        lines.push(format!("DTSTART;TZID=Europe/London:{date}T{time}"));
        lines.push(format!("SUMMARY:{}", ics_text(&m.body)));
        lines.push(format!("LOCATION:{}", ics_text(&m.venue)));
        lines.push(format!("URL:{}", ics_text(&m.href)));
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for line in lines {
        out.push_str(&fold(&line));
        out.push_str("\r\n");
    }
    out
}

/// "10.30 am" → "103000".
fn civil_to_hms(civil: &str) -> String {
    let (clock, half) = civil.split_once(' ').unwrap_or((civil, "am"));
    let (h, m) = clock.split_once('.').unwrap_or((clock, "00"));
    let mut hour: u32 = h.parse().unwrap_or(0);
    if half == "pm" && hour != 12 {
        hour += 12;
    }
    if half == "am" && hour == 12 {
        hour = 0;
    }
    format!("{hour:02}{m:0>2}00")
}

fn ics_text(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}

/// Folds a content line at 75 octets, as RFC 5545 asks, between characters.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut count = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if count + len > 75 {
            out.push_str("\r\n ");
            count = 1;
        }
        out.push(c);
        count += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_council_sites_print_them() {
        assert_eq!(size(245 * 1024), "PDF 245 KB");
        assert_eq!(size(1000), "PDF 1 KB");
        assert_eq!(size(1_300_000), "PDF 1.2 MB");
    }

    #[test]
    fn calendar_lines_are_folded_and_escaped() {
        let long = "x".repeat(100);
        let folded = fold(&long);
        assert!(folded.split("\r\n").all(|l| l.len() <= 75));
        assert_eq!(
            ics_text("Room 1, Town Hall; Huddersfield"),
            "Room 1\\, Town Hall\\; Huddersfield"
        );
        assert_eq!(civil_to_hms("10.30 am"), "103000");
        assert_eq!(civil_to_hms("2.00 pm"), "140000");
        assert_eq!(civil_to_hms("12.15 pm"), "121500");
    }
}
