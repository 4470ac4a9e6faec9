//! Bookmarks, page labels, agenda links and document information agree with
//! the printed page numbers.

use lopdf::Object;

use crate::pagination::mixed_pack;
use crate::support::*;

#[test]
fn bookmarks_point_at_each_item_and_document() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = build(&mixed_pack(dir.path()), dir.path());
    let doc = load(&pdf);
    let front = doc.get_pages().len() - 20;
    let outline = outline(&doc);
    let titles: Vec<(usize, &str)> = outline.iter().map(|(d, t, _)| (*d, t.as_str())).collect();
    assert_eq!(
        titles,
        vec![
            (0, "Notice of meeting"),
            (0, "Agenda"),
            (0, "2. Rotated Report"),
            (1, "habibi-rotated"),
            (1, "AutoCad_Diagram"),
            (0, "3. Cropped Report"),
            (1, "grid_example"),
            (0, "4. Scanned Report"),
            (1, "indirect-rotation"),
            (1, "imagemagick-CCITTFaxDecode"),
            (0, "6. Landscape Report"),
            (1, "Simple_PDF_2.0_file"),
        ]
    );
    // Printed page → 0-based physical index is front + printed - 1.
    let printed: Vec<usize> = outline[2..].iter().map(|(_, _, p)| p + 1 - front).collect();
    assert_eq!(printed, vec![1, 1, 5, 7, 7, 11, 11, 17, 19, 19]);
    assert_eq!(outline[0].2, 0);
    assert_eq!(outline[1].2, 1);
}

#[test]
fn page_labels_are_the_printed_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = build(&mixed_pack(dir.path()), dir.path());
    let doc = load(&pdf);
    let labels = page_labels(&doc);
    let front = labels.len() - 20;
    assert_eq!(labels[0], "i");
    assert_eq!(labels[1], "ii");
    for printed in 1..=20 {
        assert_eq!(labels[front + printed - 1], printed.to_string());
        // The stamp on that page says the same.
        assert!(page_text(&pdf, front + printed).contains(&format!("Page {printed}")));
    }
}

#[test]
fn agenda_ranges_link_to_each_items_first_page() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = build(&mixed_pack(dir.path()), dir.path());
    let doc = load(&pdf);
    let pages = pages(&doc);
    let front = pages.len() - 20;
    let mut links = Vec::new();
    for &page in &pages[..front] {
        links.extend(internal_links(&doc, page));
    }
    let targets: Vec<usize> = links.iter().map(|(_, p)| p + 1 - front).collect();
    assert_eq!(
        targets,
        vec![1, 7, 11, 19],
        "printed pages the agenda links go to"
    );
    // Each link covers the printed range text on its agenda page.
    for (page_index, &page) in pages[..front].iter().enumerate() {
        let (words, _, h) = words(&pdf, page_index + 1);
        for (rect, target) in internal_links(&doc, page) {
            let first = (target + 1 - front).to_string();
            let hit = words.iter().any(|w| {
                w.text == first
                    && w.x0 >= rect[0] - 1.0
                    && w.x1 <= rect[2] + 1.0
                    && h - w.y1 >= rect[1] - 2.0
                    && h - w.y0 <= rect[3] + 2.0
            });
            assert!(hit, "link {rect:?} does not cover '{first}'");
        }
    }
}

#[test]
fn title_author_and_language_are_set() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = build(&mixed_pack(dir.path()), dir.path());
    let doc = load(&pdf);
    let info_id = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let info = doc.get_dictionary(info_id).unwrap();
    assert_eq!(
        decode_text(info.get(b"Title").unwrap()),
        "Children's Scrutiny Panel \u{2013} Friday 11 October 2024 \u{2013} Public Document Pack"
    );
    assert_eq!(
        decode_text(info.get(b"Author").unwrap()),
        "Kirklees Council"
    );
    let catalog = doc.catalog().unwrap();
    assert_eq!(decode_text(catalog.get(b"Lang").unwrap()), "en-GB");
    let prefs = doc
        .dereference(catalog.get(b"ViewerPreferences").unwrap())
        .unwrap()
        .1
        .as_dict()
        .unwrap();
    assert_eq!(
        prefs.get(b"DisplayDocTitle").unwrap(),
        &Object::Boolean(true)
    );
    let out = std::process::Command::new("pdfinfo")
        .arg(&pdf)
        .output()
        .unwrap();
    let info = String::from_utf8_lossy(&out.stdout);
    assert!(
        info.contains("Title:           Children's Scrutiny Panel"),
        "{info}"
    );
}

#[test]
fn links_and_annotations_inside_reports_survive_the_merge() {
    let dir = tempfile::tempdir().unwrap();
    // Comments are published only when the pack file asks.
    let annotated = format!(
        "{{ path = {:?}, comments = \"keep\" }}",
        corpus("annotated_pdf.pdf")
    );
    let pack = pack_with(
        dir.path(),
        &[
            item("Linked", &[&corpus("libre-office-link.pdf")]),
            item("Annotated", &[&annotated]),
        ],
    );
    let pdf = build(&pack, dir.path());
    let doc = load(&pdf);
    let pages = pages(&doc);
    let front = pages.len() - 4;
    let subtypes = |i: usize| -> Vec<String> {
        doc.get_page_annotations(pages[i])
            .unwrap_or_default()
            .iter()
            .filter_map(|a| {
                a.get(b"Subtype")
                    .ok()?
                    .as_name()
                    .ok()
                    .map(|n| String::from_utf8_lossy(n).into_owned())
            })
            .collect()
    };
    assert!(
        subtypes(front).contains(&"Link".to_string()),
        "{:?}",
        subtypes(front)
    );
    let annotated = subtypes(front + 2);
    for kind in ["Text", "Highlight", "Ink"] {
        assert!(annotated.contains(&kind.to_string()), "{annotated:?}");
    }
    qpdf_check(&pdf);
}

#[test]
fn comments_are_left_out_by_default_naming_the_pages() {
    let dir = tempfile::tempdir().unwrap();
    let pack = pack_with(
        dir.path(),
        &[item("Annotated", &[&corpus("annotated_pdf.pdf")])],
    );
    let out = dir.path().join("out.pdf");
    let result = run(&["build", pack.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(result.status.success(), "{}", stderr(&result));
    let err = stderr(&result);
    assert!(
        err.contains("annotated_pdf.pdf")
            && err.contains("item 1")
            && err.contains("comments")
            && err.contains("on page 1")
            && err.contains("comments = \"keep\""),
        "{err}"
    );
    let doc = load(&out);
    for kind in [b"Text".as_slice(), b"Highlight", b"Ink", b"Popup"] {
        assert_eq!(count_annotations(&doc, &pages(&doc), kind), 0);
    }
    qpdf_check(&out);
}
