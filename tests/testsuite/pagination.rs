//! Printed page 1 is a right-hand page, every document starts on an odd
//! page, gaps are "intentionally left blank", the pack ends on an even page,
//! and the agenda's ranges are the printed numbers.

use crate::support::*;

/// Item 2: 4 + 1 pages; item 3: 4 pages; item 4: 5 + 1 pages; item 6: 1 page.
pub fn mixed_pack(dir: &std::path::Path) -> std::path::PathBuf {
    pack_with(
        dir,
        &[
            item("Membership of the Panel", &[]),
            item(
                "Rotated Report",
                &[
                    &corpus("habibi-rotated.pdf"),
                    &corpus("AutoCad_Diagram.pdf"),
                ],
            ),
            item("Cropped Report", &[&corpus("grid_example.pdf")]),
            item(
                "Scanned Report",
                &[
                    &corpus("indirect-rotation.pdf"),
                    &corpus("imagemagick-CCITTFaxDecode.pdf"),
                ],
            ),
            item("Public Question Time", &[]),
            item("Landscape Report", &[&corpus("Simple_PDF_2.0_file.pdf")]),
        ],
    )
}

#[test]
fn ranges_count_blank_pages_and_documents_start_on_odd_pages() {
    let dir = tempfile::tempdir().unwrap();
    let pack = mixed_pack(dir.path());
    let pdf = build(&pack, dir.path());
    let doc = load(&pdf);
    let total = doc.get_pages().len();

    // Front matter: notice and agenda, an even number of pages.
    let first_numbered = (1..=total)
        .find(|&p| {
            page_text(&pdf, p).contains("Page 1\n")
                || page_text(&pdf, p).trim_end().ends_with("Page 1")
        })
        .expect("a page stamped Page 1");
    let front = first_numbered - 1;
    assert_eq!(front % 2, 0, "front matter has {front} pages");

    // Worked out by hand from the page counts: 4+1 → 1-4, 5, blank 6;
    // 4 → 7-10; 5+1 → 11-15, blank 16, 17, blank 18; 1 → 19, blank 20.
    let expected = [(2, "1 - 6"), (3, "7 - 10"), (4, "11 - 18"), (6, "19 - 20")];
    let agenda = (1..=front).map(|p| page_text(&pdf, p)).collect::<String>();
    for (number, range) in expected {
        let line = agenda
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{number}:")))
            .unwrap_or_else(|| panic!("agenda line for item {number}"));
        // pdftotext -layout squeezes "1 - 6" to "1-6".
        assert!(
            line.replace(' ', "").ends_with(&range.replace(' ', "")),
            "item {number}: {line:?} should end with {range}"
        );
    }
    for number in [1, 5] {
        let line = agenda
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{number}:")))
            .unwrap();
        assert!(
            !line.trim_end().ends_with(|c: char| c.is_ascii_digit()),
            "item {number} has no range: {line:?}"
        );
    }

    assert_eq!(total - front, 20, "20 numbered pages");
    let blanks = [6, 16, 18, 20];
    for printed in 1..=20 {
        let text = page_text(&pdf, front + printed);
        assert!(
            text.contains(&format!("Page {printed}")),
            "printed page {printed}: {text}"
        );
        assert_eq!(
            text.contains("This page is intentionally left blank"),
            blanks.contains(&printed),
            "printed page {printed}"
        );
    }
    // Documents start on odd pages: 1, 5, 7, 11, 17, 19.
    for (printed, item) in [
        (1, Some(2)),
        (5, None),
        (7, Some(3)),
        (11, Some(4)),
        (17, None),
        (19, Some(6)),
    ] {
        let text = page_text(&pdf, front + printed);
        match item {
            Some(n) => assert!(text.contains(&format!("Agenda Item {n}")), "page {printed}"),
            None => assert!(!text.contains("Agenda Item"), "page {printed}"),
        }
    }
    qpdf_check(&pdf);
}

#[test]
fn plan_json_matches_the_built_pack() {
    let dir = tempfile::tempdir().unwrap();
    let pack = mixed_pack(dir.path());
    let plan = plan_json(&pack);
    assert_eq!(plan["printed_pages"], 20);
    let items = plan["items"].as_array().unwrap();
    assert_eq!(items.len(), 6);
    assert!(items[0]["pages"].is_null());
    assert_eq!(
        items[1]["pages"],
        serde_json::json!({"first": 1, "last": 6, "series": "public"})
    );
    assert_eq!(
        items[1]["documents"][1]["pages"],
        serde_json::json!({"first": 5, "last": 5, "series": "public"})
    );
    assert_eq!(
        items[3]["pages"],
        serde_json::json!({"first": 11, "last": 18, "series": "public"})
    );
    assert_eq!(items[3]["number"], 4);
    assert_eq!(items[3]["title"], "Scanned Report");
    let pdf = build(&pack, dir.path());
    assert_eq!(
        plan["total_pages"].as_u64().unwrap() as usize,
        load(&pdf).get_pages().len()
    );
}

#[test]
fn a_front_matter_of_odd_length_is_padded_with_an_unnumbered_blank() {
    let dir = tempfile::tempdir().unwrap();
    // Find an agenda long enough to make notice + agenda an odd count.
    let annotated = corpus("annotated_pdf.pdf");
    let titles: Vec<String> = (1..=60)
        .map(|i| format!("Report number {i} on matters arising"))
        .collect();
    let mut pack = None;
    for n in 10..60 {
        let mut items: Vec<ItemSpec<'_>> = titles[..n].iter().map(|t| item(t, &[])).collect();
        items.push(item("The only report", &[&annotated]));
        let candidate = pack_with(dir.path(), &items);
        if plan_json(&candidate)["front_pages"].as_u64().unwrap() % 2 == 1 {
            pack = Some(candidate);
            break;
        }
    }
    let pack = pack.expect("some agenda length gives an odd front matter");
    let pdf = build(&pack, dir.path());
    let total = load(&pdf).get_pages().len();
    let page1 = (1..=total)
        .find(|&p| page_text(&pdf, p).contains("Page 1"))
        .unwrap();
    assert_eq!(
        (page1 - 1) % 2,
        0,
        "printed page 1 is physical page {page1}"
    );
    let before = page_text(&pdf, page1 - 1);
    assert!(
        before.contains("This page is intentionally left blank"),
        "{before}"
    );
    assert!(
        !before.contains("Page "),
        "the padding page is not numbered: {before}"
    );
    assert_eq!(total - (page1 - 1), 2, "one report page and a final blank");
}
