//! What survives the merge (links by name, the reports' own bookmarks, live
//! form fields) and what must not reach a public pack (scripts, attachments).

use lopdf::Object;

use crate::support::*;

/// Follows a link annotation's /Dest or GoTo /D to a page index.
fn link_target(
    doc: &lopdf::Document,
    annot: &lopdf::Dictionary,
    pages: &[lopdf::ObjectId],
) -> Option<usize> {
    let dest = match annot.get(b"Dest") {
        Ok(d) => d.clone(),
        Err(_) => {
            let action = doc
                .dereference(annot.get(b"A").ok()?)
                .ok()?
                .1
                .as_dict()
                .ok()?;
            if action.get(b"S").ok()?.as_name().ok()? != b"GoTo" {
                return None;
            }
            action.get(b"D").ok()?.clone()
        }
    };
    Some(dest_page(doc, &dest, pages))
}

#[test]
fn named_links_and_the_reports_own_bookmarks_point_into_the_pack() {
    let dir = tempfile::tempdir().unwrap();
    let pack = pack_with(
        dir.path(),
        &[item("Outlined", &[&corpus("pdflatex-outline.pdf")])],
    );
    let pdf = build(&pack, dir.path());
    let doc = load(&pdf);
    let pages = pages(&doc);
    let front = pages.len() - 4;
    let mut internal = 0;
    for &page in &pages[front..] {
        for annot in doc.get_page_annotations(page).unwrap_or_default() {
            let is_goto = annot.get(b"Dest").is_ok()
                || annot
                    .get(b"A")
                    .ok()
                    .and_then(|a| doc.dereference(a).ok())
                    .and_then(|(_, a)| {
                        a.as_dict()
                            .ok()?
                            .get(b"S")
                            .ok()?
                            .as_name()
                            .ok()
                            .map(|n| n == b"GoTo")
                    })
                    .unwrap_or(false);
            if is_goto {
                let target =
                    link_target(&doc, annot, &pages).expect("an internal link resolves to a page");
                assert!(
                    target >= front,
                    "link into the report, not the front matter"
                );
                internal += 1;
            }
        }
    }
    // pdflatex-outline.pdf has 9 links (MANIFEST), some to named destinations.
    assert!(internal >= 5, "{internal} internal links kept");
    let outline = outline(&doc);
    let nested: Vec<&(usize, String, usize)> = outline.iter().filter(|(d, _, _)| *d == 2).collect();
    assert!(
        nested.len() >= 3,
        "the report's own bookmarks nest under its document: {outline:?}"
    );
    assert!(nested.iter().all(|(_, _, p)| *p >= front));
    assert!(nested.iter().any(|(_, t, _)| t == "Foo"));
}

#[test]
fn form_fields_stay_live_and_clashing_names_are_made_unique() {
    let dir = tempfile::tempdir().unwrap();
    let form = corpus("libreoffice-form.pdf");
    let latex = corpus("pdflatex-forms.pdf");
    let pack = pack_with(
        dir.path(),
        &[
            item("Forms", &[&form, &latex]),
            item("Same form again", &[&form]),
        ],
    );
    let pdf = build(&pack, dir.path());
    let doc = load(&pdf);
    let catalog = doc.catalog().unwrap();
    let acroform = doc
        .dereference(catalog.get(b"AcroForm").unwrap())
        .unwrap()
        .1
        .as_dict()
        .unwrap();
    let fields = acroform.get(b"Fields").unwrap().as_array().unwrap();
    let names: Vec<String> = fields
        .iter()
        .map(|f| {
            decode_text(
                doc.dereference(f)
                    .unwrap()
                    .1
                    .as_dict()
                    .unwrap()
                    .get(b"T")
                    .unwrap(),
            )
        })
        .collect();
    let unique: std::collections::BTreeSet<&String> = names.iter().collect();
    assert_eq!(
        unique.len(),
        names.len(),
        "field names are unique: {names:?}"
    );
    assert!(
        names.iter().any(|n| n.ends_with("(item 2 document 1)")),
        "{names:?}"
    );
    // pdftk-style check by a reader: poppler lists every field.
    let out = std::process::Command::new("pdfinfo")
        .arg(&pdf)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("AcroForm"));
    // Widgets on the pages belong to the fields in the form.
    let widgets = count_annotations(&doc, &pages(&doc), b"Widget");
    assert!(widgets >= 9 * 2 + 3, "{widgets} widgets");
    qpdf_check(&pdf);
}

#[test]
fn attachments_and_scripts_do_not_reach_the_public_pack() {
    let dir = tempfile::tempdir().unwrap();
    let pack = pack_with(
        dir.path(),
        &[item(
            "Attached",
            &[
                &corpus("with-attachment.pdf"),
                &corpus("pdflatex-forms.pdf"),
            ],
        )],
    );
    let out = dir.path().join("out.pdf");
    let result = run(&["build", pack.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(result.status.success(), "{}", stderr(&result));
    let err = stderr(&result);
    assert!(
        err.contains("with-attachment.pdf") && err.contains("attached file"),
        "{err}"
    );
    assert!(
        err.contains("pdflatex-forms.pdf") && err.contains("SubmitForm"),
        "{err}"
    );
    let doc = load(&out);
    for object in doc.objects.values() {
        if let Ok(dict) = object.as_dict() {
            assert!(
                dict.get(b"Subtype").ok().and_then(|s| s.as_name().ok())
                    != Some(b"FileAttachment".as_slice())
            );
            assert!(
                dict.get(b"Type").ok().and_then(|s| s.as_name().ok())
                    != Some(b"EmbeddedFile".as_slice())
            );
            assert!(!dict.has(b"JS") && !dict.has(b"AA"), "{dict:?}");
            if let Ok(Object::Name(s)) = dict.get(b"S") {
                assert!(s != b"JavaScript" && s != b"Launch" && s != b"SubmitForm");
            }
        }
    }
    qpdf_check(&out);
}

#[test]
fn a_report_repeated_in_the_pack_is_stored_once() {
    let dir = tempfile::tempdir().unwrap();
    let scan = corpus("Seige_of_Vicksburg_Sample_OCR.pdf");
    let once = pack_with(dir.path(), &[item("Once", &[&scan])]);
    let once_pdf = dir.path().join("once.pdf");
    assert!(
        run(&[
            "build",
            once.to_str().unwrap(),
            "-o",
            once_pdf.to_str().unwrap()
        ])
        .status
        .success()
    );
    let twice = pack_with(
        dir.path(),
        &[item("First", &[&scan]), item("Second", &[&scan])],
    );
    let twice_pdf = dir.path().join("twice.pdf");
    let result = run(&[
        "build",
        twice.to_str().unwrap(),
        "-o",
        twice_pdf.to_str().unwrap(),
    ]);
    assert!(result.status.success(), "{}", stderr(&result));
    assert!(
        stdout(&result).contains("repeated fonts, images or other streams once"),
        "{}",
        stdout(&result)
    );
    let (one, two) = (
        std::fs::metadata(&once_pdf).unwrap().len(),
        std::fs::metadata(&twice_pdf).unwrap().len(),
    );
    // The scans (206 kB) are stored once: the second copy adds its page
    // objects, stamps and bookmarks only.
    assert!(two < one + one / 10, "once {one} bytes, twice {two} bytes");
    // Both copies still show their scans: same text on both.
    let front = load(&twice_pdf).get_pages().len() - 12;
    for page in 1..=6 {
        let a = flat_text(&twice_pdf, front + page, front + page);
        let b = flat_text(&twice_pdf, front + 6 + page, front + 6 + page);
        // The same words (reading order may differ around the stamps).
        let words = |s: &str| {
            let mut w: Vec<String> = s.split_whitespace().map(str::to_string).collect();
            w.retain(|w| {
                !["Agenda", "Item", "Page"].contains(&w.as_str()) && w.parse::<u32>().is_err()
            });
            w.sort();
            w
        };
        assert_eq!(words(&a), words(&b), "page {page}");
    }
    qpdf_check(&twice_pdf);
}

/// A one-page report with a scan-sized image of `seed`'s noise.
fn report_with_a_large_image(path: &std::path::Path, seed: u32) -> Vec<u8> {
    use lopdf::{Stream, dictionary};
    let mut noise = Vec::with_capacity(120_000);
    let mut x = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
    while noise.len() < 120_000 {
        x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        noise.push((x >> 24) as u8);
    }
    let mut pdf = lopdf::Document::with_version("1.7");
    let image = pdf.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => 200, "Height" => 200,
            "ColorSpace" => "DeviceRGB", "BitsPerComponent" => 8,
        },
        noise.clone(),
    ));
    let content = pdf.add_object(Stream::new(
        dictionary! {},
        b"q 400 0 0 400 100 200 cm /Im1 Do Q".to_vec(),
    ));
    let pages = pdf.new_object_id();
    let page = pdf.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages, "Contents" => content,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Resources" => dictionary! { "XObject" => dictionary! { "Im1" => image } },
    });
    pdf.objects.insert(
        pages,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
        ),
    );
    let catalog = pdf.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
    pdf.trailer.set("Root", catalog);
    pdf.save(path).unwrap();
    noise
}

/// Large streams are copied from the reports' files when the pack is
/// written, each exactly once, and no file is held open meanwhile: 60
/// reports build with a limit of 30 open files.
#[cfg(unix)]
#[test]
fn large_images_are_copied_from_their_files_without_holding_them_open() {
    let dir = tempfile::tempdir().unwrap();
    let mut paths = Vec::new();
    let mut images = Vec::new();
    for n in 0..60 {
        let path = dir.path().join(format!("scan-{n:02}.pdf"));
        images.push(report_with_a_large_image(&path, n));
        paths.push(path.display().to_string());
    }
    let refs: Vec<&str> = paths.iter().map(String::as_str).collect();
    let pack = pack_with(dir.path(), &[item("Scanned letters", &refs)]);
    let out = dir.path().join("out.pdf");
    let script = format!(
        "ulimit -n 30 && exec {} build {} -o {}",
        env!("CARGO_BIN_EXE_agendapack"),
        pack.display(),
        out.display()
    );
    let result = std::process::Command::new("sh")
        .args(["-c", &script])
        .output()
        .unwrap();
    assert!(result.status.success(), "{}", stderr(&result));
    let pdf = load(&out);
    let mut found: Vec<Vec<u8>> = pdf
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.content.len() == 120_000)
        .map(|s| s.content.clone())
        .collect();
    found.sort();
    images.sort();
    assert!(found == images, "every image once, byte for byte");
    qpdf_check(&out);
}

/// Every font's glyph widths (`/W` of a CID font, `/Widths` of a simple
/// one), resolved, with the font's name: what a reader lays text out with.
fn font_widths(doc: &lopdf::Document) -> Vec<(Vec<u8>, Vec<Object>)> {
    let resolve = |o: &Object| doc.dereference(o).map(|(_, o)| o.clone()).unwrap();
    let mut found = Vec::new();
    for object in doc.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        if dict.get(b"Type").and_then(Object::as_name).ok() != Some(b"Font".as_slice()) {
            continue;
        }
        let Ok(name) = dict.get(b"BaseFont").and_then(Object::as_name) else {
            continue;
        };
        for key in [b"W".as_slice(), b"Widths"] {
            if let Ok(value) = dict.get(key) {
                let items = match resolve(value) {
                    Object::Array(items) => items.iter().map(&resolve).collect(),
                    other => panic!(
                        "/{} of {:?} is {other:?}",
                        String::from_utf8_lossy(key),
                        name
                    ),
                };
                found.push(([name, b" /", key].concat(), items));
            }
        }
    }
    found
}

#[test]
fn fonts_keep_their_glyph_widths() {
    // Word's CID fonts (/W), Google Docs', LibreOffice's simple fonts
    // (/Widths) and a CID font with few glyphs.
    let names = [
        "GeoBase_NHNC1_Data_Model_UML_EN.pdf",
        "google-doc-document.pdf",
        "multilang.pdf",
        "habibi-rotated.pdf",
    ];
    let dir = tempfile::tempdir().unwrap();
    let sources: Vec<String> = names.iter().map(|n| corpus(n)).collect();
    let docs: Vec<&str> = sources.iter().map(String::as_str).collect();
    // The Word report again: its fonts, widths and all, are stored once.
    let pack = pack_with(
        dir.path(),
        &[item("Reports", &docs), item("Again", &docs[..1])],
    );
    let out = build(&pack, dir.path());
    qpdf_check(&out);
    let pack_doc = load(&out);
    let merged = font_widths(&pack_doc);
    let fonts = |doc: &lopdf::Document| {
        doc.objects
            .values()
            .filter_map(|o| o.as_dict().ok())
            .filter(|d| d.get(b"Type").and_then(Object::as_name).ok() == Some(b"Font".as_slice()))
            .filter_map(|d| d.get(b"BaseFont").and_then(Object::as_name).ok())
            .filter(|name| name.ends_with(b"Verdana") || name.ends_with(b"Verdana,Bold"))
            .count()
    };
    let word = load(std::path::Path::new(&sources[0]));
    assert!(fonts(&word) >= 2, "the Word report uses Verdana");
    assert_eq!(
        fonts(&pack_doc),
        fonts(&word),
        "each of its fonts once in the pack"
    );
    let mut compared = 0;
    let mut long = 0;
    for source in &sources {
        for (font, widths) in font_widths(&load(std::path::Path::new(source))) {
            assert!(
                merged.contains(&(font.clone(), widths.clone())),
                "{source}: {} with its widths is in the pack",
                String::from_utf8_lossy(&font)
            );
            compared += 1;
            long += usize::from(widths.len() >= 16);
        }
    }
    assert!(
        compared >= 8 && long >= 4,
        "{compared} fonts compared, {long} with long widths"
    );
}
