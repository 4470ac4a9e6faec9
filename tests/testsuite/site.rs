//! The web agenda: a static site of meetings built from real packs, checked
//! for what it links, what it leaves out, determinism, and in headless
//! Chromium with axe-core for WCAG 2.2 AA.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::*;

/// Three meetings under `root`: a plain one, one with exempt business, and
/// one published with a late report in a supplement.
fn meetings(root: &Path) -> [PathBuf; 3] {
    let folder = |rel: &str| {
        let dir = root.join(rel);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    };
    let scrutiny = pack_file(
        &folder("scrutiny/2024-10-11"),
        "pack.toml",
        "Quality Assurance Annual Report",
        &[
            &corpus("pdflatex-outline.pdf"),
            &corpus("google-doc-document.pdf"),
        ],
    );
    let cabinet_text = format!(
        r#"{}
[[items]]
title = "Leisure centre contract"
description = "To consider the award of the contract."
documents = ["{}", {{ path = "{}", title = "Appendix 2 – bid matrix", exempt = {{ paragraph = 3 }} }}]

[[items]]
title = "Sale of land at Bradley Park"
exempt = {{ paragraph = [1, 3] }}
documents = [{{ path = "{}", title = "Valuation report" }}]

[[items]]
title = "Leisure strategy"
to_follow = true
"#,
        HEADER
            .replace("2024-10-11", "2024-11-05")
            .replace("Children's Scrutiny Panel", "Cabinet"),
        corpus("libre-office-link.pdf"),
        corpus("Seige_of_Vicksburg_Sample_OCR.pdf"),
        corpus("crazyones-pdfa.pdf"),
    );
    let cabinet = folder("cabinet/2024-11-05").join("pack.toml");
    std::fs::write(&cabinet, cabinet_text).unwrap();
    let planning_text = format!(
        "{}\n[[items]]\ntitle = \"Minutes\"\ndocuments = [\"{}\"]\n\n[[items]]\ntitle = \"Budget\"\nto_follow = true\n",
        HEADER
            .replace("2024-10-11", "2024-10-01")
            .replace("Children's Scrutiny Panel", "Planning Committee"),
        corpus("google-doc-document.pdf"),
    );
    let planning = folder("planning/2024-10-01").join("pack.toml");
    std::fs::write(&planning, &planning_text).unwrap();
    let p = planning.to_str().unwrap();
    assert!(run(&["publish", p]).status.success());
    std::fs::write(
        &planning,
        planning_text.replace(
            "to_follow = true",
            &format!(
                "documents = [\"{}\", {{ path = \"{}\", title = \"Valuation report addendum\", exempt = {{ paragraph = 3 }} }}]",
                corpus("pdflatex-outline.pdf"),
                corpus("Seige_of_Vicksburg_Sample_OCR.pdf")
            ),
        ),
    )
    .unwrap();
    let supplement = run(&["supplement", p]);
    assert!(supplement.status.success(), "{}", stderr(&supplement));
    [scrutiny, cabinet, planning]
}

fn site(input: &Path, out: &Path, more: &[&str]) -> std::process::Output {
    let mut args = vec![
        "site",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--today",
        "2024-10-20",
    ];
    args.extend_from_slice(more);
    run(&args)
}

/// Every file under `dir`, by relative path, with its bytes.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.insert(
                    path.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&path).unwrap(),
                );
            }
        }
    }
    files
}

/// The targets of a page's `href`s.
fn hrefs(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].to_string())
        .collect()
}

#[test]
fn the_site_links_every_public_report_and_nothing_exempt() {
    let input = tempfile::tempdir().unwrap();
    let [_, cabinet, _] = meetings(input.path());
    let out = tempfile::tempdir().unwrap();
    let built = site(input.path(), out.path(), &[]);
    assert!(built.status.success(), "{}", stderr(&built));
    let files = tree(out.path());
    let pages: Vec<&PathBuf> = files
        .keys()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    assert_eq!(pages.len(), 4, "{:?}", files.keys().collect::<Vec<_>>());

    // Every link leads to a file of the site.
    for page in &pages {
        let html = String::from_utf8(files[*page].clone()).unwrap();
        assert_eq!(html.matches("<h1>").count(), 1, "{}", page.display());
        for href in hrefs(&html) {
            if href.starts_with("mailto:") || href.starts_with('#') {
                continue;
            }
            assert!(!href.contains("://"), "an absolute link {href}");
            let target = out.path().join(page.parent().unwrap()).join(&href);
            assert!(target.exists(), "{}: {href} does not exist", page.display());
        }
    }

    // The index: upcoming first, by committee.
    let index = String::from_utf8(files[Path::new("index.html")].clone()).unwrap();
    let upcoming = index.find("Upcoming meetings").unwrap();
    let past = index.find("Past meetings").unwrap();
    let cabinet_at = index.find("Cabinet, Tuesday 5 November 2024").unwrap();
    assert!(upcoming < cabinet_at && cabinet_at < past, "{index}");
    assert!(index[past..].contains("Planning Committee, Tuesday 1 October 2024"));

    // A report cut from the pack keeps its page numbers and stamps.
    let scrutiny = out.path().join("scrutiny/2024-10-11");
    let json: serde_json::Value =
        serde_json::from_slice(&files[Path::new("scrutiny/2024-10-11/meeting.json")]).unwrap();
    for key in [
        "pack",
        "meeting",
        "front_pages",
        "front_matter_pages",
        "printed_pages",
        "total_pages",
        "items",
    ] {
        assert!(
            json.get(key).is_some(),
            "meeting.json lacks the plan's {key}"
        );
    }
    let documents = json["items"][0]["documents"].as_array().unwrap();
    assert_eq!(documents.len(), 2);
    for document in documents {
        for key in ["title", "path", "pages", "href", "bytes"] {
            assert!(document.get(key).is_some(), "a document lacks {key}");
        }
        let file = scrutiny.join(document["href"].as_str().unwrap());
        assert_eq!(
            std::fs::metadata(&file).unwrap().len(),
            document["bytes"].as_u64().unwrap()
        );
        qpdf_check(&file);
        let first = document["pages"]["first"].as_u64().unwrap();
        let last = document["pages"]["last"].as_u64().unwrap();
        let labels = page_labels(&load(&file));
        assert_eq!(labels.first().unwrap(), &first.to_string());
        assert_eq!(labels.len() as u64, last - first + 1);
        assert!(page_text(&file, 1).contains(&format!("Page {first}")));
    }
    assert!(
        page_text(&scrutiny.join(documents[0]["href"].as_str().unwrap()), 1)
            .contains("Agenda Item 1")
    );
    let html =
        String::from_utf8(files[Path::new("scrutiny/2024-10-11/index.html")].clone()).unwrap();
    assert!(html.contains("pdflatex-outline (PDF "), "{html}");

    // Exempt business: listed with its citation, nothing of its documents.
    let cabinet_dir = Path::new("cabinet/2024-11-05");
    let cabinet_html = String::from_utf8(files[&cabinet_dir.join("index.html")].clone()).unwrap();
    assert!(cabinet_html.contains(
        "Not for publication by virtue of paragraphs 1 and 3 of Part 1 of Schedule 12A to the Local Government Act 1972"
    ));
    assert!(cabinet_html.contains("One document of this item is not published"));
    for (path, bytes) in files.iter().filter(|(p, _)| p.starts_with(cabinet_dir)) {
        let text = String::from_utf8_lossy(bytes);
        for secret in [
            "bid matrix",
            "Valuation report",
            "Seige_of_Vicksburg",
            "crazyones",
        ] {
            assert!(!text.contains(secret), "{secret} in {}", path.display());
        }
    }
    let cut: Vec<_> = files
        .keys()
        .filter(|p| p.starts_with(cabinet_dir) && p.to_string_lossy().contains("item-"))
        .collect();
    assert_eq!(cut.len(), 1, "{cut:?}");
    assert!(!flat_text(&out.path().join(cut[0]), 1, 99).contains("Vicksburg"));
    let _ = cabinet;

    // The late report: in its supplement, numbered on from the pack.
    let planning =
        String::from_utf8(files[Path::new("planning/2024-10-01/index.html")].clone()).unwrap();
    assert!(planning.contains("supplement-1.pdf"), "{planning}");
    assert!(
        planning.contains("pages 3 to 6 (supplement 1)"),
        "{planning}"
    );
    assert!(
        planning.contains("One document of this item in supplement 1 is not published"),
        "{planning}"
    );
    let late = out
        .path()
        .join("planning/2024-10-01/supplement-1-item-2-1.pdf");
    assert!(page_text(&late, 1).contains("Page 3"));
    assert!(page_text(&late, 1).contains("Agenda Item 2"));

    // The calendar.
    let ics = String::from_utf8(files[Path::new("meetings.ics")].clone()).unwrap();
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 3);
    assert!(ics.contains("DTSTART;TZID=Europe/London:20241011T103000\r\n"));
    assert!(ics.lines().all(|l| l.len() <= 76));
}

#[test]
fn the_site_is_deterministic_and_unchanged_meetings_are_not_rebuilt() {
    let input = tempfile::tempdir().unwrap();
    meetings(input.path());
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    assert!(site(input.path(), a.path(), &[]).status.success());
    assert!(site(input.path(), b.path(), &["--force"]).status.success());
    assert_eq!(tree(a.path()), tree(b.path()));
    // A template's stylesheet replaces the shipped one.
    let template = tempfile::tempdir().unwrap();
    let css = "body { color: #000; background: #fff; }\n";
    std::fs::write(template.path().join("site.css"), css).unwrap();
    let styled = tempfile::tempdir().unwrap();
    let args = ["--template", template.path().to_str().unwrap()];
    assert!(site(input.path(), styled.path(), &args).status.success());
    assert_eq!(
        std::fs::read_to_string(styled.path().join("style.css")).unwrap(),
        css
    );
    // One pack file makes a site of one meeting, in its folder's name.
    let one = tempfile::tempdir().unwrap();
    let single = input.path().join("cabinet/2024-11-05/pack.toml");
    assert!(site(&single, one.path(), &[]).status.success());
    assert!(one.path().join("2024-11-05/index.html").exists());
    assert!(
        std::fs::read_to_string(one.path().join("index.html"))
            .unwrap()
            .contains("2024-11-05/index.html")
    );
    let again = site(input.path(), a.path(), &[]);
    assert!(
        stdout(&again).contains("0 built, 3 skipped"),
        "{}",
        stdout(&again)
    );
    assert_eq!(tree(a.path()), tree(b.path()));

    // A pack that breaks is left out, its pages as they were.
    let scrutiny = input.path().join("scrutiny/2024-10-11/pack.toml");
    let before = tree(a.path());
    let text = std::fs::read_to_string(&scrutiny).unwrap();
    std::fs::write(
        &scrutiny,
        text.replace("pdflatex-outline.pdf", "missing.pdf"),
    )
    .unwrap();
    let broken = site(input.path(), a.path(), &[]);
    assert_eq!(broken.status.code(), Some(6));
    assert!(
        stderr(&broken).contains("missing.pdf"),
        "{}",
        stderr(&broken)
    );
    let after = tree(a.path());
    for (path, bytes) in &before {
        if path.starts_with("scrutiny") || path == Path::new("index.html") {
            assert_eq!(after.get(path), Some(bytes), "{} changed", path.display());
        }
    }
}

#[test]
fn the_pages_pass_axe_in_chromium() {
    let input = tempfile::tempdir().unwrap();
    meetings(input.path());
    let out = tempfile::tempdir().unwrap();
    assert!(site(input.path(), out.path(), &[]).status.success());
    let pages: Vec<PathBuf> = tree(out.path())
        .into_keys()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .map(|p| out.path().join(p))
        .collect();
    let web = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/web");
    assert!(
        web.join("node_modules/axe-core").exists(),
        "the browser checks need `npm ci` in tests/web and Debian's chromium: scripts/test.sh installs both"
    );
    let result = Command::new("node")
        .arg(web.join("check.mjs"))
        .args(&pages)
        .output()
        .expect("node runs");
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&result.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), pages.len());
    for page in lines {
        assert_eq!(page["violations"], serde_json::json!([]), "{page}");
        assert!(
            page["overflow"].as_i64().unwrap() <= 0,
            "wider than 320 px: {page}"
        );
        assert_eq!(page["focusVisible"], true, "{page}");
    }
}
