//! Opening the documents attached to items: read, decrypt where the user
//! password is empty (or given), and refuse clearly what cannot be read.

use lopdf::{Document as PdfDocument, ObjectId};

use crate::error::{DocumentError, DocumentProblem};
use crate::model::{Document, Item, Pack};

/// A report or appendix, parsed and ready to merge.
pub struct SourceDocument {
    pub pdf: PdfDocument,
    /// Its pages, in reading order.
    pub pages: Vec<ObjectId>,
    /// What each page shows (boxes, rotation), read once at opening.
    pub geometries: Vec<super::geometry::Geometry>,
    /// What each page draws near its edges, where the stamps go.
    pub occupied: Vec<super::clearance::Occupied>,
    /// Size of the file, for the build summary.
    pub bytes: u64,
    /// BLAKE3 hash of the file: part of what identifies a build.
    pub digest: [u8; 32],
    /// Repairs made while reading it.
    pub warnings: Vec<String>,
    /// Its large streams, left in the file until the pack is written.
    pub extents: super::extent::Extents,
    /// Its fonts' long width arrays, held as their written bytes.
    pub packed: super::packed::Packed,
    /// Its outline, form and layers, as admitted.
    pub carried: super::allowlist::Carried,
}

/// Opens every document of the pack, item by item, reporting every document
/// that cannot be used (not only the first).
pub fn open_all(pack: &Pack) -> Result<Vec<Vec<SourceDocument>>, Vec<DocumentError>> {
    use rayon::prelude::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    // Documents are opened in parallel, the largest file first, each by
    // whichever core is free: the stage lasts as long as its slowest
    // document, so that one starts at once rather than behind others
    // queued on the same core. A file listed more than once is opened by
    // one core, listing after listing, so the later ones find what the
    // first found in the cache rather than racing it to write the same
    // entry. Results keep the agenda's order.
    let mut files: Vec<Listed> = Vec::new();
    // A path that cannot be read stands for itself (opening it says why).
    let mut seen: std::collections::HashMap<crate::files::FileIdentity, usize> =
        std::collections::HashMap::new();
    for (i, item) in pack.items.iter().enumerate() {
        for (d, document) in item.documents.iter().enumerate() {
            let meta = std::fs::metadata(&document.path).ok();
            let key = meta
                .as_ref()
                .and_then(|m| crate::files::FileIdentity::given(&document.path, m));
            match key.as_ref().and_then(|key| seen.get(key)) {
                Some(&at) => files[at].listings.push((i, d)),
                None => {
                    if let Some(key) = key {
                        seen.insert(key, files.len());
                    }
                    files.push(Listed {
                        size: meta.map_or(0, |m| m.len()),
                        listings: vec![(i, d)],
                    });
                }
            }
        }
    }
    // Stable: files of equal size keep the agenda's order.
    files.sort_by_key(|file| std::cmp::Reverse(file.size));
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, usize, Result<SourceDocument, DocumentError>)> = (0
        ..rayon::current_num_threads().min(files.len()))
        .into_par_iter()
        .flat_map_iter(|_| {
            let mut mine = Vec::new();
            while let Some(Listed { listings, .. }) =
                files.get(next.fetch_add(1, Ordering::Relaxed))
            {
                for &(i, d) in listings {
                    let item = &pack.items[i];
                    mine.push((i, d, open(pack, item, &item.documents[d])));
                }
            }
            mine
        })
        .collect();
    done.sort_by_key(|&(i, d, _)| (i, d));
    let mut results: Vec<Vec<Result<SourceDocument, DocumentError>>> =
        pack.items.iter().map(|_| Vec::new()).collect();
    for (i, _, result) in done {
        results[i].push(result);
    }
    let mut opened = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    for docs in results {
        let mut ok = Vec::with_capacity(docs.len());
        for doc in docs {
            match doc {
                Ok(doc) => ok.push(doc),
                Err(err) => errors.push(err),
            }
        }
        opened.push(ok);
    }
    if errors.is_empty() {
        Ok(opened)
    } else {
        Err(errors)
    }
}

/// One file of the pack and where it is listed: (item, document).
struct Listed {
    size: u64,
    listings: Vec<(usize, usize)>,
}

/// Opens one document.
pub fn open(
    pack: &Pack,
    item: &Item,
    document: &Document,
) -> Result<SourceDocument, DocumentError> {
    let fail = |problem| DocumentError::new(pack, item, document, problem);
    // Its size and time are noted before it is read, so that a change made
    // while it is read is caught when its streams are copied from it.
    // Only a regular file, opened without blocking (a FIFO would hang).
    let (mut opened, meta) =
        crate::files::open_regular(&document.path).map_err(|e| fail(DocumentProblem::Input(e)))?;
    let file = super::extent::SourceFile::new(document.path.clone(), &meta);
    let (data, digest) =
        super::limits::read_document(&mut opened, meta.len(), &document.path).map_err(fail)?;
    drop(opened);
    let password = match &document.password_env {
        Some(var) => Some(
            std::env::var(var)
                .map_err(|_| fail(DocumentProblem::PasswordVariableUnset(var.clone())))?,
        ),
        None => None,
    };
    // A decoder or parser panic on a hostile file must not take the build
    // down with it.
    let kind = super::convert::Kind::of(&document.path);
    let mut warnings = Vec::new();
    let converted = guarded("the file could not be read", || match kind {
        None if super::office::is_office(&document.path) => {
            super::office::to_pdf(&data, &document.path).map(|pdf| Some((pdf, Vec::new())))
        }
        None if !looks_like_pdf(&data) => Err(DocumentProblem::UnsupportedKind),
        Some(k) if k != super::convert::Kind::Pdf => {
            super::convert::image_to_pdf(&data, k).map(Some)
        }
        _ => Ok(None),
    })
    .and_then(|converted| converted)
    .map_err(fail)?
    .map(|(pdf, image_warnings)| {
        warnings.extend(image_warnings);
        pdf
    });
    let pdf_bytes = converted.as_deref().unwrap_or(&data);
    let (mut pdf, headerless) = guarded("the file could not be parsed", || {
        parse(pdf_bytes, password.as_deref())
    })
    .and_then(|parsed| parsed)
    .map_err(fail)?;
    if headerless {
        warnings.push(
            "it has no valid %PDF- header at its start; it was read as viewers read it, from the objects it holds"
                .to_string(),
        );
    }
    if let Some(recovery) = &pdf.xref_recovery {
        warnings.push(format!(
            "repaired a damaged file ({})",
            describe_recovery(recovery)
        ));
    }
    // A damaged page tree may list pages whose objects are gone: keep the
    // pages that are there.
    let listed: Vec<ObjectId> = pdf.page_iter().collect();
    // A page tree with a loop lists pages again, or lists its own nodes:
    // keep each real page once.
    let mut seen = std::collections::HashSet::new();
    let pages: Vec<ObjectId> = listed
        .iter()
        .copied()
        .filter(|&id| pdf.get_dictionary(id).is_ok_and(|d| !d.has(b"Kids")) && seen.insert(id))
        .collect();
    if pages.is_empty() {
        return Err(fail(DocumentProblem::NoPages));
    }
    if pages.len() < listed.len() {
        warnings.push(format!(
            "its page tree lists {} of {} pages that are missing or repeated; they are left out",
            listed.len() - pages.len(),
            listed.len()
        ));
    }
    let geometries: Vec<_> = pages
        .iter()
        .map(|&p| super::geometry::Geometry::of(&pdf, p))
        .collect();
    // What an earlier build found reading this same PDF's content: no
    // damage, and where each page draws.
    let findings = super::findings::entry(&match converted {
        Some(_) => *blake3::hash(pdf_bytes).as_bytes(),
        None => digest,
    });
    let occupied = match super::findings::load(&findings, pages.len()) {
        Some(occupied) => occupied,
        None => {
            // Repairing content decodes what the file holds: a panic there,
            // too, refuses the document rather than the build.
            let (repairs, decoded) = guarded("its page content could not be read", || {
                super::repair::repair_page_contents(&mut pdf, &pages)
            })
            .map_err(fail)?;
            // Where the report's own content lies, for placing the stamps
            // clear of it: read after repair, before the large streams are
            // left in the file.
            let occupied = guarded("its page content could not be read", || {
                super::clearance::occupied(&pdf, &pages, &geometries, &decoded.streams)
            })
            .map_err(fail)?;
            if repairs.is_empty() {
                super::findings::store(&findings, &occupied);
            }
            warnings.extend(repairs);
            occupied
        }
    };
    let extents = match converted {
        Some(_) => super::extent::Extents::default(),
        None => super::extent::leave_in_file(&mut pdf, &data, &std::sync::Arc::new(file)),
    };
    // The file's bytes are not needed from here: its large streams are
    // read again from the file when the pack is written.
    let bytes = data.len() as u64;
    drop(converted);
    drop(data);
    // Only what may enter a public pack goes on from here. A panic while
    // copying refuses the document, not the build.
    let admitted = guarded("its pages could not be copied", || {
        super::allowlist::admit(pdf, &pages, &geometries, extents, &document.publish)
    })
    .map_err(fail)?
    .map_err(|refusal| match refusal {
        super::allowlist::Refusal::HiddenLayerInseparable { page } => {
            fail(DocumentProblem::HiddenLayerInseparable(page))
        }
    })?;
    warnings.extend(admitted.warnings);
    Ok(SourceDocument {
        pdf: admitted.pdf,
        pages: admitted.pages,
        geometries,
        occupied,
        bytes,
        digest,
        warnings,
        extents: admitted.extents,
        packed: admitted.packed,
        carried: admitted.carried,
    })
}

/// The document in `data`, and whether it lacked a usable header and was
/// read from its objects alone.
/// Runs one stage of reading a hostile file: a panic in a decoder, the
/// parser or our own reading refuses the document, saying `problem`, rather
/// than taking the build down.
fn guarded<T>(problem: &str, stage: impl FnOnce() -> T) -> Result<T, DocumentProblem> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(stage))
        .map_err(|_| DocumentProblem::Damaged(problem.into()))
}

fn parse(data: &[u8], password: Option<&str>) -> Result<(PdfDocument, bool), DocumentProblem> {
    if !looks_like_pdf(data) {
        return Err(DocumentProblem::NotPdf);
    }
    let mut options = match password {
        Some(p) => lopdf::LoadOptions::with_password(p),
        None => lopdf::LoadOptions::default(),
    };
    // A file without a header within its first kilobyte is given one, and
    // its objects are found by scanning, as viewers and qpdf do.
    let headerless = !super::limits::has_pdf_header(data);
    let with_header;
    let data = if headerless {
        with_header = [&b"%PDF-1.7\n"[..], data].concat();
        options.force_reconstruct = true;
        &with_header[..]
    } else {
        data
    };
    let mut loaded = PdfDocument::load_mem_with_options(data, options.clone());
    // Old encrypted files may lack the /ID that the key is derived from;
    // readers take it as empty. lopdf cannot decrypt without one, so give the
    // trailer an empty one and read again.
    if loaded
        .as_ref()
        .is_ok_and(|pdf| pdf.objects.is_empty() || pdf.is_encrypted())
        && let Some(patched) = with_empty_file_id(data)
    {
        loaded = PdfDocument::load_mem_with_options(&patched, options.clone());
    }
    // A damaged file may load with a cross-reference table that leads to no
    // pages; rebuilding the table from the objects themselves may find them.
    if let Ok(pdf) = &loaded
        && !pdf.is_encrypted()
        && pdf.page_iter().next().is_none()
    {
        let mut rebuild = options.clone();
        rebuild.force_reconstruct = true;
        if let Ok(rebuilt) = PdfDocument::load_mem_with_options(data, rebuild)
            && rebuilt.page_iter().next().is_some()
        {
            loaded = Ok(rebuilt);
        }
    }
    let pdf = loaded.map_err(|e| match e {
        lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword if password.is_some() => {
            DocumentProblem::WrongPassword
        }
        lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword => {
            DocumentProblem::NeedsPassword
        }
        other => DocumentProblem::Damaged(other.to_string()),
    })?;
    // A file whose user password is not empty "loads", still encrypted,
    // with no readable pages.
    if pdf.is_encrypted() {
        return Err(if password.is_some() {
            DocumentProblem::WrongPassword
        } else {
            DocumentProblem::NeedsPassword
        });
    }
    Ok((pdf, headerless))
}

/// A PDF header within the first kilobyte, as readers accept; or, lacking
/// one (missing, mangled, or after too much junk), a PDF's body, which
/// viewers and qpdf read by rebuilding the cross-reference table.
fn looks_like_pdf(data: &[u8]) -> bool {
    super::limits::has_pdf_header(data) || super::limits::has_pdf_body(data)
}

/// `data` with `/ID [<> <>]` added to its last classic trailer, if it is
/// encrypted and has no /ID. The trailer follows the cross-reference table,
/// so no object moves.
fn with_empty_file_id(data: &[u8]) -> Option<Vec<u8>> {
    let find = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).rposition(|w| w == needle);
    let trailer = find(data, b"trailer")?;
    let tail = &data[trailer..];
    if find(tail, b"/ID").is_some() || find(tail, b"/Encrypt").is_none() {
        return None;
    }
    let open = trailer + tail.windows(2).position(|w| w == b"<<")? + 2;
    let mut patched = Vec::with_capacity(data.len() + 16);
    patched.extend_from_slice(&data[..open]);
    patched.extend_from_slice(b"/ID [<> <>] ");
    patched.extend_from_slice(&data[open..]);
    Some(patched)
}

fn describe_recovery(recovery: &lopdf::xref::XrefRecovery) -> &'static str {
    match recovery {
        lopdf::xref::XrefRecovery::OffsetCorrected => {
            "a cross-reference offset was wrong and was corrected"
        }
        _ => "the cross-reference table was rebuilt by scanning the file",
    }
}
