//! Accessible and archival packs: our pages are tagged (headings, the
//! agenda as a table, page ranges as links, pictures with alternative
//! text), a tagged report keeps its whole structure in the pack with a
//! parent tree that resolves, stamps are artifacts, an independent checker
//! (the `pdfua` package, on pikepdf) finds nothing wrong with our pages,
//! and `--pdfa` writes PDF/A-2b or refuses a report that cannot be in one.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::support::*;

/// A structure element of a file: its id and dictionary.
type Element = (ObjectId, Dictionary);

/// Every structure element reachable from `kids`, each once, in order.
fn elements_under(doc: &Document, kids: &Object) -> Vec<Element> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut stack = vec![kids.clone()];
    while let Some(object) = stack.pop() {
        match object {
            Object::Array(items) => stack.extend(items.into_iter().rev()),
            Object::Reference(id) => {
                if !seen.insert(id) {
                    continue;
                }
                let Ok(dict) = doc.get_dictionary(id) else {
                    continue;
                };
                if dict.has(b"S") {
                    out.push((id, dict.clone()));
                    if let Ok(k) = dict.get(b"K") {
                        stack.push(k.clone());
                    }
                }
            }
            _ => {}
        }
    }
    out
}

fn struct_root(doc: &Document) -> Dictionary {
    let root = doc.catalog().unwrap().get(b"StructTreeRoot").unwrap();
    doc.dereference(root).unwrap().1.as_dict().unwrap().clone()
}

fn all_elements(doc: &Document) -> Vec<Element> {
    elements_under(doc, struct_root(doc).get(b"K").unwrap())
}

fn role(dict: &Dictionary) -> String {
    String::from_utf8_lossy(dict.get(b"S").unwrap().as_name().unwrap()).into_owned()
}

fn string(dict: &Dictionary, key: &[u8]) -> Option<String> {
    dict.get(key).ok().map(decode_text)
}

/// The parent tree, flattened: key → value.
fn parent_tree(doc: &Document) -> HashMap<i64, Object> {
    fn walk(doc: &Document, node: &Object, out: &mut HashMap<i64, Object>) {
        let node = doc.dereference(node).unwrap().1.as_dict().unwrap().clone();
        if let Ok(nums) = node.get(b"Nums") {
            for pair in nums.as_array().unwrap().chunks(2) {
                out.insert(pair[0].as_i64().unwrap(), pair[1].clone());
            }
        }
        if let Ok(kids) = node.get(b"Kids") {
            for kid in doc.dereference(kids).unwrap().1.as_array().unwrap() {
                walk(doc, kid, out);
            }
        }
    }
    let mut out = HashMap::new();
    walk(doc, struct_root(doc).get(b"ParentTree").unwrap(), &mut out);
    out
}

/// The marked-content identifiers a page's content uses.
fn mcids(doc: &Document, page: ObjectId) -> Vec<i64> {
    let content = Content::decode(&doc.get_page_content(page)).unwrap();
    content
        .operations
        .iter()
        .filter(|op| op.operator == "BDC")
        .filter_map(|op| {
            op.operands
                .get(1)?
                .as_dict()
                .ok()?
                .get(b"MCID")
                .ok()?
                .as_i64()
                .ok()
        })
        .collect()
}

/// Text-showing and painting operators outside any marked content.
fn unmarked(doc: &Document, page: ObjectId) -> usize {
    let content = Content::decode(&doc.get_page_content(page)).unwrap();
    let mut depth = 0i32;
    let mut count = 0;
    for op in &content.operations {
        match op.operator.as_str() {
            "BDC" | "BMC" => depth += 1,
            "EMC" => depth -= 1,
            "Tj" | "TJ" | "'" | "\"" | "Do" if depth == 0 => count += 1,
            _ => {}
        }
    }
    count
}

/// Whether a report page's stamps are drawn inside an artifact; `None`
/// if the page has no stamps drawn on it (our own page).
fn stamp_is_artifact(doc: &Document, page: ObjectId) -> Option<bool> {
    let content = Content::decode(&doc.get_page_content(page)).unwrap();
    let mut open: Vec<Vec<u8>> = Vec::new();
    for op in &content.operations {
        match op.operator.as_str() {
            "BDC" | "BMC" => open.push(op.operands[0].as_name().unwrap_or(b"").to_vec()),
            "EMC" => {
                open.pop();
            }
            "Do" if op.operands[0]
                .as_name()
                .is_ok_and(|n| n.starts_with(b"AgendapackStamp")) =>
            {
                return Some(open.last().is_some_and(|n| n == b"Artifact"));
            }
            _ => {}
        }
    }
    None
}

/// Whether the element `id` reaches the structure tree root through its
/// parents.
fn reaches_root(doc: &Document, id: ObjectId) -> bool {
    let mut current = id;
    for _ in 0..200 {
        let Ok(dict) = doc.get_dictionary(current) else {
            return false;
        };
        if dict.get(b"Type").and_then(Object::as_name).ok() == Some(b"StructTreeRoot") {
            return true;
        }
        match dict.get(b"P") {
            Ok(Object::Reference(p)) => current = *p,
            _ => return false,
        }
    }
    false
}

/// Checks the parent tree against the pages and annotations: every
/// page's key is in it, every marked-content number of the page names an
/// element that reaches the root and says it is on that page, and every
/// annotation's key names an element holding that annotation. Returns
/// how many marked-content numbers were checked.
fn assert_parent_tree_resolves(doc: &Document) -> usize {
    let tree = parent_tree(doc);
    let mut checked = 0;
    for (index, &page) in pages(doc).iter().enumerate() {
        let dict = doc.get_dictionary(page).unwrap();
        let used = mcids(doc, page);
        if let Ok(key) = dict.get(b"StructParents") {
            let key = key.as_i64().unwrap();
            let entry = tree
                .get(&key)
                .unwrap_or_else(|| panic!("page {} key {key} is in the parent tree", index + 1));
            let array = doc
                .dereference(entry)
                .unwrap()
                .1
                .as_array()
                .unwrap()
                .clone();
            for mcid in &used {
                let element = array
                    .get(*mcid as usize)
                    .and_then(|e| e.as_reference().ok())
                    .unwrap_or_else(|| panic!("page {} MCID {mcid} has an element", index + 1));
                assert!(
                    reaches_root(doc, element),
                    "page {} MCID {mcid}: element reaches the root",
                    index + 1
                );
                checked += 1;
            }
        } else {
            assert!(
                used.is_empty(),
                "page {} marks content but has no key",
                index + 1
            );
        }
        for annotation in dict
            .get(b"Annots")
            .ok()
            .and_then(|a| doc.dereference(a).ok())
            .and_then(|(_, a)| a.as_array().ok().cloned())
            .unwrap_or_default()
        {
            let Ok(id) = annotation.as_reference() else {
                continue;
            };
            let Ok(key) = doc.get_dictionary(id).unwrap().get(b"StructParent") else {
                continue;
            };
            let element = tree[&key.as_i64().unwrap()].as_reference().unwrap();
            let kids = doc
                .get_dictionary(element)
                .unwrap()
                .get(b"K")
                .unwrap()
                .clone();
            let kids = match kids {
                Object::Array(k) => k,
                k => vec![k],
            };
            assert!(
                kids.iter().any(|k| doc
                    .dereference(k)
                    .ok()
                    .and_then(|(_, k)| k.as_dict().ok())
                    .and_then(|k| k.get(b"Obj").ok())
                    .and_then(|o| o.as_reference().ok())
                    == Some(id)),
                "page {} annotation's element holds it",
                index + 1
            );
            assert!(reaches_root(doc, element));
        }
    }
    checked
}

/// The `pdfua` checker's findings (severity, page) for a file.
fn pdfua(pdf: &Path) -> Vec<(String, Option<u64>, String)> {
    let out = Command::new("pdfua")
        .args(["check", "--format", "json"])
        .arg(pdf)
        .output()
        .expect("pdfua is installed (scripts/test.sh installs it)");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("pdfua JSON: {e}: {}", String::from_utf8_lossy(&out.stderr)));
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["severity"].as_str().unwrap().to_string(),
                f["page"].as_u64(),
                format!("{} {}", f["rule_id"], f["message"]),
            )
        })
        .collect()
}

/// The pack's XMP packet.
fn xmp(doc: &Document) -> String {
    let id = doc
        .catalog()
        .unwrap()
        .get(b"Metadata")
        .unwrap()
        .as_reference()
        .unwrap();
    let stream = doc.get_object(id).unwrap().as_stream().unwrap();
    assert!(!stream.dict.has(b"Filter"), "the XMP is not compressed");
    String::from_utf8(stream.content.clone()).unwrap()
}

#[test]
fn our_pages_are_tagged_and_pass_an_independent_check() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("pack.pdf");
    let out = run(&["build", EXAMPLE, "-o", pdf.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = load(&pdf);
    let catalog = doc.catalog().unwrap();
    let marked = catalog.get(b"MarkInfo").unwrap().as_dict().unwrap();
    assert_eq!(marked.get(b"Marked").unwrap(), &Object::Boolean(true));
    assert_eq!(decode_text(catalog.get(b"Lang").unwrap()), "en-GB");
    assert!(xmp(&doc).contains("<dc:title>"));

    let elements = all_elements(&doc);
    let roles: Vec<String> = elements.iter().map(|(_, d)| role(d)).collect();
    let count = |r: &str| roles.iter().filter(|x| *x == r).count();
    // The front sheet's heading and the agenda's; the notice and members.
    assert!(count("H1") >= 2, "{roles:?}");
    // Each agenda item is a heading with its number.
    let h2: Vec<String> = elements
        .iter()
        .filter(|(_, d)| role(d) == "H2")
        .filter_map(|(_, d)| string(d, b"T"))
        .collect();
    for title in [
        "1: Membership of the Panel",
        "7: Quality Assurance Annual Report",
    ] {
        assert!(h2.iter().any(|t| t == title), "{title} in {h2:?}");
    }
    // The agenda is a table: a header row of two cells, a row per item.
    assert_eq!(count("Table"), 1);
    assert_eq!(count("TH"), 2);
    assert!(count("TR") >= 13, "{roles:?}");
    assert!(
        count("L") >= 1 && count("LI") >= 2,
        "the members are a list"
    );
    // Each page range is a Link element holding its annotation.
    let front: Vec<ObjectId> = pages(&doc)[..4].to_vec();
    let annotations: usize = front.iter().map(|&p| internal_links(&doc, p).len()).sum();
    assert_eq!(annotations, 5);
    assert_eq!(count("Link"), annotations);
    // The signature is a figure with the pack file's alternative text.
    let figures: Vec<String> = elements
        .iter()
        .filter(|(_, d)| role(d) == "Figure")
        .filter_map(|(_, d)| string(d, b"Alt"))
        .collect();
    assert_eq!(figures, ["Signature of Samantha Lawton"]);
    // Every piece of our pages is tagged or an artifact, and the stamps
    // on a report page are artifacts.
    let mut stamped = 0;
    for (i, &page) in pages(&doc).iter().enumerate() {
        match stamp_is_artifact(&doc, page) {
            Some(artifact) => {
                assert!(artifact, "page {}", i + 1);
                stamped += 1;
            }
            // Our own page: the notice, the agenda, a blank page.
            None => assert_eq!(unmarked(&doc, page), 0, "page {}", i + 1),
        }
    }
    assert_eq!(stamped, 50, "the reports' pages");
    assert!(assert_parent_tree_resolves(&doc) > 50);

    // A checker we did not write: nothing on our pages (1 to 4), and no
    // error about the file as a whole. The reports here are untagged, so
    // their pages are reported, and the pack does not claim PDF/UA.
    let findings = pdfua(&pdf);
    let ours: Vec<_> = findings
        .iter()
        .filter(|(severity, page, _)| {
            page.is_some_and(|p| p <= 4) || (page.is_none() && severity == "error")
        })
        .collect();
    assert!(ours.is_empty(), "{ours:?}");
    assert!(
        findings
            .iter()
            .any(|(s, p, _)| s == "error" && *p == Some(5))
    );
    assert!(!xmp(&doc).contains("<pdfuaid:part>"));
    let said = stdout(&out);
    assert!(said.contains("0 of 9 reports"), "{said}");
    // Our pages passed krilla's PDF/UA-1 check as they were drawn.
    assert!(!said.contains("did not pass"), "{said}");
}

/// A tagged Word document made by LibreOffice from HTML: headings, a
/// paragraph and a table.
fn tagged_docx(dir: &Path) -> PathBuf {
    let html = dir.join("budget.html");
    std::fs::write(
        &html,
        "<html><body><h1>Budget 2025/26</h1><p>The council will consider the budget.</p>\
         <h2>Costs</h2><table><tr><th>Year</th><th>Cost</th></tr>\
         <tr><td>2025</td><td>100</td></tr><tr><td>2026</td><td>120</td></tr></table>\
         <p>Recommendation: approve.</p></body></html>",
    )
    .unwrap();
    let status = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}/profile",
            dir.display()
        ))
        .args([
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
        ])
        .arg(dir)
        .arg(&html)
        .output()
        .expect("LibreOffice is installed");
    assert!(status.status.success());
    dir.join("budget.docx")
}

fn pack(dir: &Path, items: &[(&str, &[(&str, &str)])]) -> PathBuf {
    let mut text = HEADER.to_string();
    for (title, documents) in items {
        text.push_str(&format!(
            "\n[[items]]\ntitle = \"{title}\"\ndocuments = [\n"
        ));
        for (path, title) in documents.iter() {
            text.push_str(&format!(
                "  {{ path = \"{path}\", title = \"{title}\" }},\n"
            ));
        }
        text.push_str("]\n");
    }
    let path = dir.join("pack.toml");
    std::fs::write(&path, text).unwrap();
    path
}

/// Builds `pack` to `dir/pack.pdf`, converting office documents with a
/// cache of its own; asserts success.
fn build_converting(pack: &Path, dir: &Path) -> (PathBuf, std::process::Output) {
    let pdf = dir.join("pack.pdf");
    let out = agendapack()
        .args(["build", pack.to_str().unwrap(), "-o", pdf.to_str().unwrap()])
        .env("AGENDAPACK_CACHE_DIR", dir.join("cache"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    (pdf, out)
}

#[test]
fn tagged_reports_keep_their_structure() {
    let dir = tempfile::tempdir().unwrap();
    let docx = tagged_docx(dir.path());
    let word = corpus("GeoBase_NHNC1_Data_Model_UML_EN.pdf");
    let excel = corpus("issue-914-xmp-data.pdf");
    let latex = corpus("pdflatex-outline.pdf");
    let pack = pack(
        dir.path(),
        &[
            ("Data model", &[(word.as_str(), "Data model (Word)")]),
            (
                "Budget",
                &[
                    (docx.to_str().unwrap(), "Budget report (LibreOffice)"),
                    (excel.as_str(), "Budget sheet (Excel)"),
                    (latex.as_str(), "Budget notes (LaTeX)"),
                ],
            ),
        ],
    );
    let (pdf, out) = build_converting(&pack, dir.path());
    // The clerk is told which report came untagged.
    let said = stdout(&out);
    assert!(said.contains("3 of 4 reports"), "{said}");
    assert!(said.contains("pdflatex-outline.pdf"), "{said}");
    assert!(said.contains("not claimed as PDF/UA"), "{said}");
    qpdf_check(&pdf);

    let doc = load(&pdf);
    let elements = all_elements(&doc);
    // LibreOffice's conversion of the .docx, made as build made it.
    let converted = std::fs::read_dir(dir.path().join("cache/converted"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    for (source, title) in [
        (PathBuf::from(&word), "Data model (Word)"),
        (converted, "Budget report (LibreOffice)"),
        (PathBuf::from(&excel), "Budget sheet (Excel)"),
    ] {
        let source = load(&source);
        let before = all_elements(&source).len();
        let (part, dict) = elements
            .iter()
            .find(|(_, d)| string(d, b"T").as_deref() == Some(title))
            .unwrap_or_else(|| panic!("a part for {title}"));
        assert_eq!(role(dict), "Part");
        let after = elements_under(&doc, &Object::Reference(*part)).len() - 1;
        assert!(before > 10, "{title} is tagged ({before} elements)");
        assert!(
            after >= before,
            "{title}: {after} elements in the pack, {before} before"
        );
        // The report's role map comes along.
        let roles: HashSet<Vec<u8>> = elements
            .iter()
            .map(|(_, d)| d.get(b"S").unwrap().as_name().unwrap().to_vec())
            .collect();
        let source_roles: HashSet<Vec<u8>> = all_elements(&source)
            .iter()
            .map(|(_, d)| d.get(b"S").unwrap().as_name().unwrap().to_vec())
            .collect();
        assert!(source_roles.is_subset(&roles));
    }
    // Each item is a section titled as it is stamped.
    assert!(
        elements.iter().any(|(_, d)| role(d) == "Sect"
            && string(d, b"T").as_deref() == Some("Agenda Item 2: Budget"))
    );
    // The LaTeX report has no part: it had no tags.
    assert!(
        !elements
            .iter()
            .any(|(_, d)| string(d, b"T").as_deref() == Some("Budget notes (LaTeX)"))
    );
    let role_map = struct_root(&doc);
    let role_map = doc
        .dereference(role_map.get(b"RoleMap").unwrap())
        .unwrap()
        .1
        .as_dict()
        .unwrap()
        .clone();
    assert!(role_map.has(b"InlineShape") && role_map.has(b"Worksheet"));
    // Every marked-content number of every page resolves, ours and the
    // reports', and so does every tagged annotation.
    assert!(assert_parent_tree_resolves(&doc) > 700);
    // The tagged reports' pages have nothing left unmarked: the stamps
    // are artifacts.
    let untagged_pages: usize = pages(&doc).iter().map(|&p| unmarked(&doc, p)).sum();
    let findings = pdfua(&pdf);
    let latex_pages: HashSet<u64> = findings
        .iter()
        .filter(|(s, _, m)| s == "error" && m.contains("UA-01-003"))
        .filter_map(|(_, p, _)| *p)
        .collect();
    assert_eq!(
        latex_pages.len(),
        4,
        "only the LaTeX report's 4 pages: {findings:?}"
    );
    assert!(untagged_pages > 0);

    // The web agenda's copy of each report keeps the report's tags; the
    // untagged one has none to keep.
    let site = dir.path().join("site");
    let out = agendapack()
        .args(["site", pack.to_str().unwrap(), "-o", site.to_str().unwrap()])
        .args(["--today", "2024-10-01"])
        .env("AGENDAPACK_CACHE_DIR", dir.path().join("cache"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let meeting = std::fs::read_dir(&site)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.is_dir())
        .unwrap();
    let cut = load(&meeting.join("item-1-1.pdf"));
    let before = all_elements(&load(Path::new(&word))).len();
    assert_eq!(
        all_elements(&cut).len(),
        before + 1,
        "the report's elements and its part"
    );
    assert!(assert_parent_tree_resolves(&cut) > 400);
    let cut = load(&meeting.join("item-2-3.pdf"));
    assert!(!cut.catalog().unwrap().has(b"StructTreeRoot"));
}

#[test]
fn a_pack_tagged_throughout_claims_pdf_ua_and_passes_the_check() {
    let dir = tempfile::tempdir().unwrap();
    let docx = tagged_docx(dir.path());
    let pack = pack(
        dir.path(),
        &[("Budget", &[(docx.to_str().unwrap(), "Budget report")])],
    );
    let (pdf, out) = build_converting(&pack, dir.path());
    assert!(stdout(&out).contains("claims PDF/UA-1"), "{}", stdout(&out));
    let doc = load(&pdf);
    assert!(xmp(&doc).contains("<pdfuaid:part>1</pdfuaid:part>"));
    let findings = pdfua(&pdf);
    assert!(findings.is_empty(), "{findings:?}");
}

#[test]
fn pdfa_packs_are_marked_embed_every_font_and_refuse_what_cannot_be_archived() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("pack.pdf");
    let again = dir.path().join("again.pdf");
    for out in [&pdf, &again] {
        let result = run(&["build", EXAMPLE, "--pdfa", "-o", out.to_str().unwrap()]);
        assert!(result.status.success(), "{}", stderr(&result));
        assert!(stdout(&result).contains("PDF/A-2b"));
    }
    assert_eq!(std::fs::read(&pdf).unwrap(), std::fs::read(&again).unwrap());
    qpdf_check(&pdf);
    let doc = load(&pdf);
    let xmp = xmp(&doc);
    assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"), "{xmp}");
    assert!(xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"));
    // The document information says what the XMP says.
    assert!(xmp.contains("<xmp:CreateDate>2024-10-03T00:00:00Z</xmp:CreateDate>"));
    let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let info = doc.get_dictionary(info).unwrap();
    assert_eq!(
        decode_text(info.get(b"CreationDate").unwrap()),
        "D:20241003000000Z"
    );
    let title = decode_text(info.get(b"Title").unwrap());
    assert!(xmp.contains(&format!("<rdf:li xml:lang=\"x-default\">{title}</rdf:li>")));
    // An sRGB output intent.
    let intents = doc.catalog().unwrap().get(b"OutputIntents").unwrap();
    let intent = intents.as_array().unwrap()[0].as_dict().unwrap();
    assert_eq!(intent.get(b"S").unwrap().as_name().unwrap(), b"GTS_PDFA1");
    let profile = intent
        .get(b"DestOutputProfile")
        .unwrap()
        .as_reference()
        .unwrap();
    let profile = doc.get_object(profile).unwrap().as_stream().unwrap();
    assert_eq!(profile.dict.get(b"N").unwrap().as_i64().unwrap(), 3);
    assert_eq!(&profile.content[36..40], b"acsp", "an ICC profile");
    // Every font is embedded; every annotation prints.
    let mut fonts = 0;
    for object in doc.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        match dict.get(b"Type").and_then(Object::as_name).ok() {
            Some(b"FontDescriptor") => {
                fonts += 1;
                assert!(
                    dict.has(b"FontFile") || dict.has(b"FontFile2") || dict.has(b"FontFile3"),
                    "{dict:?}"
                );
            }
            Some(b"Annot") => {
                assert_eq!(dict.get(b"F").unwrap().as_i64().unwrap() & 4, 4);
            }
            _ => {}
        }
    }
    assert!(fonts > 5);

    // A report whose fonts are not embedded is refused, named, and
    // nothing is written.
    let word = corpus("GeoBase_NHNC1_Data_Model_UML_EN.pdf");
    let (said, pack) = refused_as_pdfa(dir.path(), &word, "Data model");
    let refused = dir.path().join("refused.pdf");
    for expected in [
        "pack.toml:",
        "item 1 (\u{201c}Data model\u{201d})",
        "GeoBase_NHNC1_Data_Model_UML_EN.pdf",
        "Arial",
        "not embedded",
        "PDF/A",
    ] {
        assert!(said.contains(expected), "{expected} in {said}");
    }
    assert!(!refused.exists());
    // Without --pdfa the same pack builds.
    let result = run(&[
        "build",
        pack.to_str().unwrap(),
        "-o",
        refused.to_str().unwrap(),
    ]);
    assert!(result.status.success());
}

/// A one-page PDF drawing a rectangle in CMYK by operator, after
/// `padding` bytes of comment.
fn cmyk_report(path: &Path, padding: usize) {
    use lopdf::{Stream, dictionary};
    let mut doc = Document::with_version("1.7");
    let pages = doc.new_object_id();
    let mut drawing = Vec::new();
    while drawing.len() < padding {
        drawing.extend_from_slice(b"% a long page of drawing\n");
    }
    drawing.extend_from_slice(b"0 0 0 1 k 72 72 200 100 re f");
    let content = doc.add_object(Stream::new(dictionary! {}, drawing));
    let page = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Contents" => content,
        "Resources" => dictionary! {},
    });
    doc.objects.insert(
        pages,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => vec![page.into()],
            "Count" => 1,
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
    doc.trailer.set("Root", catalog);
    doc.save(path).unwrap();
}

#[test]
fn pdfa_refuses_print_colours() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("poster.pdf");
    // Page content short enough to be kept in memory, and long enough to
    // be left in the report's file and read from it again for the check.
    for padding in [0, 20_000] {
        cmyk_report(&report, padding);
        let (said, _) = refused_as_pdfa(dir.path(), report.to_str().unwrap(), "Event poster");
        assert!(said.contains("CMYK"), "{padding}: {said}");
    }
}

/// Builds a pack of one item holding `document` with --pdfa to
/// `dir/refused.pdf`, asserting it is refused (exit 4) and nothing is
/// written; returns what was said, and the pack file.
fn refused_as_pdfa(dir: &Path, document: &str, title: &str) -> (String, PathBuf) {
    let pack = pack(dir, &[(title, &[(document, title)])]);
    let refused = dir.join("refused.pdf");
    let result = run(&[
        "build",
        pack.to_str().unwrap(),
        "--pdfa",
        "-o",
        refused.to_str().unwrap(),
    ]);
    assert_eq!(result.status.code(), Some(4), "{}", stderr(&result));
    assert!(!refused.exists());
    (stderr(&result), pack)
}
