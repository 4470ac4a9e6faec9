//! The notice of meeting and the agenda, as a member reads them.

use std::process::Command;

use crate::support::*;

/// How many pixels of physical page `page`, rendered at 30 dpi, are
/// clearly red.
fn red_pixels(pdf: &std::path::Path, page: usize) -> usize {
    let out = Command::new("pdftoppm")
        .args(["-r", "30", "-f", &page.to_string(), "-l", &page.to_string()])
        .arg(pdf)
        .output()
        .expect("pdftoppm runs");
    let data = out.stdout;
    // P6 header: magic, width, height, maxval, each followed by whitespace.
    let mut fields = 0;
    let mut at = 0;
    while fields < 4 {
        while data[at].is_ascii_whitespace() {
            at += 1;
        }
        while !data[at].is_ascii_whitespace() {
            at += 1;
        }
        fields += 1;
    }
    data[at + 1..]
        .chunks(3)
        .filter(|p| p.len() == 3 && p[0] > 180 && p[1] < 90 && p[2] < 90)
        .count()
}

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

/// The front sheet as the template lays it out: the shipped default in the
/// Kirklees order, the parish summons, and a council's own folder.
#[test]
fn templates_decide_the_words_and_the_order_of_the_front_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let report = corpus("google-doc-document.pdf");
    let body = HEADER.replace(
        "notices = [",
        "closing = [\"Kirklees Council advocates openness and transparency.\"]\nnotices = [",
    );
    let pack_text = |template: &str, venue: &str| {
        format!(
            "{template}\n{}\n[[items]]\ntitle = \"Minutes\"\ndocuments = [\"{report}\"]\n",
            body.replace("Council Chamber - Town Hall, Huddersfield", venue)
        )
    };
    let build_with = |name: &str, text: String| {
        let pack = dir.path().join(format!("{name}.toml"));
        std::fs::write(&pack, text).unwrap();
        let out = dir.path().join(format!("{name}.pdf"));
        let result = run(&["build", pack.to_str().unwrap(), "-o", out.to_str().unwrap()]);
        assert!(result.status.success(), "{name}: {}", stderr(&result));
        flat_text(&out, 1, 1)
    };
    // The default: signature, then the closing paragraph, then the members
    // under their "Member" heading; "in the" a room.
    let default = build_with(
        "default",
        pack_text("", "Council Chamber - Town Hall, Huddersfield"),
    );
    let at = |needle: &str| {
        default
            .find(needle)
            .unwrap_or_else(|| panic!("{needle}: {default}"))
    };
    assert!(at("webcast live") < at("Samantha Lawton Service Director"));
    assert!(at("Samantha Lawton Service Director") < at("advocates openness"));
    assert!(at("advocates openness") < at("members are:"));
    // pdftotext drops the line-final hyphen of "are:-".
    assert!(
        default.contains("members are:Member Councillor Itrat Ali"),
        "{default}"
    );
    assert!(default.contains("will meet in the Council Chamber"));
    // A named place is "at", not "in the".
    let ashby = build_with("ashby", pack_text("", "Ashby Town Hall"));
    assert!(
        ashby.contains("will meet at Ashby Town Hall at 10.30 am"),
        "{ashby}"
    );
    // The parish summons: the council's name, a summons, no members list.
    let parish = build_with(
        "parish",
        pack_text("template = \"parish\"", "Ashby Town Hall"),
    );
    assert!(
        parish.starts_with("Kirklees Council Public Document Pack Summons to attend a meeting"),
        "{parish}"
    );
    assert!(parish.contains("are hereby summoned to attend a meeting to be held at Ashby Town Hall on Friday 11 October 2024 at 10.30 am,"));
    assert!(!parish.contains("Councillor Itrat Ali"));
    assert_ne!(default, parish);
    // A council's own template: a folder beside the pack file.
    let own = dir.path().join("our-template");
    std::fs::create_dir(&own).unwrap();
    std::fs::write(
        own.join("template.toml"),
        "[layout]\nnotice = [\"heading\", \"sentence\", \"members\"]\n[phrases]\npage = \"Page {n} of the pack\"\npublic_pack = \"Agenda Pack\"\n",
    )
    .unwrap();
    let text = pack_text("template = \"our-template\"", "Ashby Town Hall");
    let pack = dir.path().join("own.toml");
    std::fs::write(&pack, text).unwrap();
    let out = dir.path().join("own.pdf");
    assert!(
        run(&["build", pack.to_str().unwrap(), "-o", out.to_str().unwrap()])
            .status
            .success()
    );
    assert!(
        flat_text(&out, 1, 1).starts_with("Agenda Pack The Children's Scrutiny Panel will meet at")
    );
    assert!(page_text(&out, 3).contains("Page 1 of the pack"));
    // Colours and fonts: an accent for the headings, the template's font.
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/templates/fonts/LiberationSans-Bold.ttf"
        ),
        own.join("heavy.ttf"),
    )
    .unwrap();
    std::fs::write(
        own.join("template.toml"),
        "[layout]\nnotice = [\"heading\", \"sentence\"]\naccent = \"#ff0000\"\nfont = \"heavy.ttf\"\n",
    )
    .unwrap();
    assert!(
        run(&["build", pack.to_str().unwrap(), "-o", out.to_str().unwrap()])
            .status
            .success()
    );
    let fonts = Command::new("pdffonts")
        .args(["-f", "1", "-l", "2"])
        .arg(&out)
        .output()
        .unwrap();
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    assert!(
        fonts.contains("LiberationSans-Bold") && !fonts.contains("LiberationSans-Regular"),
        "{fonts}"
    );
    assert!(
        red_pixels(&out, 1) > 20,
        "the heading is drawn in the accent colour"
    );
    assert_eq!(red_pixels(&dir.path().join("default.pdf"), 1), 0);
    // A template that does not exist, or says a phrase that does not.
    let missing = pack_text("template = \"nowhere\"", "Ashby Town Hall");
    std::fs::write(&pack, missing).unwrap();
    let err = stderr(&run(&["check", pack.to_str().unwrap()]));
    assert!(err.contains("own.toml:1:12: the template cannot be used: `nowhere` is not a shipped template (default, parish)"), "{err}");
    std::fs::write(
        own.join("template.toml"),
        "[layout]\nnotice = [\"heading\"]\n[phrases]\npaeg = \"x\"\n",
    )
    .unwrap();
    std::fs::write(
        &pack,
        pack_text("template = \"our-template\"", "Ashby Town Hall"),
    )
    .unwrap();
    let err = stderr(&run(&["check", pack.to_str().unwrap()]));
    assert!(err.contains("[phrases] has no phrase `paeg`"), "{err}");
}

/// Names in scripts the shipped font lacks are warned about, naming the
/// item and the characters; Hebrew, which it has, is drawn without one.
#[test]
fn text_in_a_script_the_font_lacks_is_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "{HEADER}\n[[items]]\ntitle = \"Community notices: \u{627}\u{631}\u{62f}\u{648} and \u{4e2d}\u{6587}\"\n\n[[items]]\ntitle = \"Twinning with \u{5e9}\u{5dc}\u{5d5}\u{5dd}\"\ndocuments = [\"{}\"]\n",
        corpus("google-doc-document.pdf")
    );
    let pack = dir.path().join("pack.toml");
    std::fs::write(&pack, &text).unwrap();
    let out = dir.path().join("out.pdf");
    let built = run(&["build", pack.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(built.status.success(), "{}", stderr(&built));
    let err = stderr(&built);
    let line = text[..text.find("Community").unwrap()]
        .matches('\n')
        .count();
    assert!(
        err.contains(&format!(
            "pack.toml:{line}: item 1 (\u{201c}Community notices: \u{627}\u{631}\u{62f}\u{648} and \u{4e2d}\u{6587}\u{201d}) title: the shipped font has no glyphs for \u{201c}\u{627}\u{631}\u{62f}\u{648}\u{4e2d}\u{6587}\u{201d} (U+0627, U+0631, U+062F, U+0648, U+4E2D, U+6587)"
        )),
        "{err}"
    );
    assert!(!err.contains("Twinning"), "Hebrew is in the font: {err}");
    // The pack is still tagged, and does not claim PDF/UA: its agenda has
    // text a screen reader cannot read.
    let said = stdout(&built);
    assert!(
        said.contains("did not pass the PDF/UA-1 check: the shipped font has no glyph for"),
        "{said}"
    );
    assert!(said.contains("not claimed as PDF/UA"), "{said}");
}
