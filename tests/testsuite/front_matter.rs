//! The notice of meeting and the agenda, as a member reads them.

use crate::support::*;

#[test]
fn the_notice_carries_everything_a_front_sheet_needs() {
    let dir = tempfile::tempdir().unwrap();
    let pack = pack_with(
        dir.path(),
        &[item(
            "Minutes of the Previous Meeting",
            &[&corpus("annotated_pdf.pdf")],
        )],
    );
    let pdf = build(&pack, dir.path());
    let notice = flat_text(&pdf, 1, 1);
    for expected in [
        "Public Document Pack",
        "Service Director – Legal, Governance and Commissioning",
        "Samantha Lawton",
        "PO Box 1720",
        "HD1 9EL",
        "Tel: 01484 221000",
        "Please ask for: Helen Kilroy",
        "Email: helen.kilroy@kirklees.gov.uk",
        "Thursday 3 October 2024",
        "Notice of Meeting",
        "Dear Member",
        "The Children's Scrutiny Panel will meet in the Council Chamber - Town Hall, Huddersfield at 10.30 am on Friday 11 October 2024.",
        "This meeting will be webcast live and will be available to view via the Council's website.",
        // pdftotext drops a line-final hyphen, taking it for hyphenation.
        "The Children's Scrutiny Panel members are:",
        "Councillor Itrat Ali (Chair)",
        "Councillor Jane Rylah",
    ] {
        assert!(
            notice.contains(expected),
            "front sheet lacks {expected:?}:\n{notice}"
        );
    }
}

#[test]
fn agenda_rows_show_number_title_description_contacts_and_pages() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        r#"{HEADER}
[[items]]
title = "Membership of the Panel"
description = "To receive apologies for absence from those Members who are unable to attend the meeting."

[[items]]
number = 7
title = "Quality Assurance Annual Report"
description = """The Panel will consider the Children's Services Annual Quality Assurance report.

The report is for information and provides an overview of audit and learning processes for the last 12 months for consideration and discussion."""
contacts = ["Vicky Metheringham, Service Director", "Robert Fordyce, Head of Quality Assurance and Practice Development"]
documents = ["{}", {{ path = "{}", title = "Appendix 1 – QA report" }}]

[[items]]
title = "Work Programme"
documents = ["{}"]
"#,
        corpus("habibi-rotated.pdf"),
        corpus("AutoCad_Diagram.pdf"),
        corpus("annotated_pdf.pdf")
    );
    let pack = dir.path().join("pack.toml");
    std::fs::write(&pack, text).unwrap();
    let pdf = build(&pack, dir.path());
    let agenda = page_text(&pdf, 2);
    let flat = flat_text(&pdf, 2, 2);
    assert!(flat.starts_with("Agenda"), "{flat}");
    assert!(flat.contains("Reports or Explanatory Notes Attached"));
    let line = |start: &str| {
        agenda
            .lines()
            .find(|l| l.trim_start().starts_with(start))
            .unwrap_or_else(|| panic!("{start}: {agenda}"))
            .to_string()
    };
    assert!(line("7:").contains("Quality Assurance Annual Report"));
    assert!(line("7:").trim_end().ends_with("1-6"), "{}", line("7:"));
    // pdftotext squeezes the range's spaces.
    assert!(
        flat.replace(' ', "")
            .contains("QualityAssuranceAnnualReport1-6"),
        "{flat}"
    );
    // Numbering continues from an explicit number.
    assert!(line("8:").contains("Work Programme") && line("8:").trim_end().ends_with("7-8"));
    assert!(line("Reports or Explanatory").trim_end().ends_with("Pages"));
    assert!(flat.contains(
        "The Panel will consider the Children's Services Annual Quality Assurance report."
    ));
    assert!(flat.contains("for the last 12 months for consideration and discussion."));
    assert!(flat.contains("Contact: Vicky Metheringham, Service Director Robert Fordyce, Head of Quality Assurance and Practice Development"), "{flat}");
    // Wrapped lines stay left of the Pages column.
    let (words, width, _) = words(&pdf, 2);
    let range_left = words
        .iter()
        .filter(|w| w.text == "1")
        .map(|w| w.x0)
        .fold(f32::MAX, f32::min);
    for w in words
        .iter()
        .filter(|w| !w.text.chars().all(|c| c.is_ascii_digit() || c == '-') && w.text != "Pages")
    {
        assert!(
            w.x1 <= range_left + 0.5 || w.y0 < 100.0,
            "{w:?} runs into the Pages column"
        );
        assert!(w.x1 < width - 50.0);
    }
}

#[test]
fn a_long_agenda_flows_onto_more_pages() {
    let dir = tempfile::tempdir().unwrap();
    let titles: Vec<String> = (1..=40)
        .map(|i| format!("Scrutiny of service area number {i}"))
        .collect();
    let items: Vec<ItemSpec<'_>> = titles.iter().map(|t| item(t, &[])).collect();
    let mut items = items;
    let report = corpus("annotated_pdf.pdf");
    items.push(item("Final report", &[&report]));
    let pack = pack_with(dir.path(), &items);
    let pdf = build(&pack, dir.path());
    let plan = plan_json(&pack);
    let front = plan["front_pages"].as_u64().unwrap() as usize;
    assert!(front >= 3, "40 items need more than one agenda page");
    let text = flat_text(&pdf, 1, front);
    for t in &titles {
        assert_eq!(
            text.matches(&format!("{t} ")).count() + text.matches(&format!("{t}.")).count(),
            2,
            "{t}: title and description once each"
        );
    }
    assert!(text.contains("41: Final report"));
}
