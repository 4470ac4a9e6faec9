//! The real-world files in ../shared/corpus/real: every one that opens goes
//! into a pack with a stamp on every page; the ones that cannot be read are
//! refused, naming the file, with nothing written.

use std::path::Path;

use crate::support::*;

/// Files that cannot go into a pack, and why.
const REFUSED: [(&str, &str); 2] = [
    ("libreoffice-writer-password.pdf", "needs a password"),
    ("unreadablemetadata.pdf", "no readable pages"),
];

/// Inputs whose streams are themselves damaged (a wrong /Length, so the
/// image data read is cut or runs on): qpdf re-reads such a stream without
/// its filter. Repairing stream lengths is issue 3's work.
const DAMAGED_STREAMS: [&str; 1] = ["pdf20-utf8-test.pdf"];
const STREAM_WARNINGS: [&str; 2] = [
    "error decoding stream data",
    "re-processed without filtering",
];

fn corpus_files() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(CORPUS)
        .expect("the corpus is at ../shared/corpus/real")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".pdf"))
        .collect();
    names.sort();
    assert!(names.len() >= 30, "corpus has {} PDFs", names.len());
    names
}

fn pdfinfo_pages(path: &Path) -> usize {
    let out = std::process::Command::new("pdfinfo")
        .arg(path)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .map(|n| n.trim().parse().unwrap())
        .unwrap_or(0)
}

#[test]
fn every_corpus_file_is_merged_and_stamped_or_refused_by_name() {
    let mut merged = 0;
    let mut totals = (0usize, 0usize);
    for name in corpus_files() {
        let dir = tempfile::tempdir().unwrap();
        let pack = pack_with(dir.path(), &[item("Report", &[&corpus(&name)])]);
        let out = dir.path().join("out.pdf");
        let result = run(&["build", pack.to_str().unwrap(), "-o", out.to_str().unwrap()]);
        if let Some((_, why)) = REFUSED.iter().find(|(n, _)| *n == name) {
            assert_eq!(result.status.code(), Some(4), "{name} should be refused");
            let err = stderr(&result);
            assert!(err.contains(&name) && err.contains(why), "{name}: {err}");
            assert!(err.contains("item 1"), "{err}");
            assert!(!out.exists(), "{name}: nothing written");
            continue;
        }
        assert!(result.status.success(), "{name}: {}", stderr(&result));
        let pages = pdfinfo_pages(&out);
        let source_pages = pdfinfo_pages(Path::new(&corpus(&name)));
        let numbered = source_pages + source_pages % 2;
        let front = pages - numbered;
        assert_eq!(front % 2, 0, "{name}: front matter {front} pages");
        for printed in 1..=numbered {
            let text = page_text(&out, front + printed);
            assert!(
                text.contains(&format!("Page {printed}")),
                "{name}: printed page {printed} unstamped"
            );
        }
        assert!(
            page_text(&out, front + 1).contains("Agenda Item 1"),
            "{name}"
        );
        // Links and form fields are kept.
        if let Ok(source) = lopdf::Document::load(corpus(&name)) {
            let merged = load(&out);
            let merged_pages: Vec<_> = merged.page_iter().collect();
            let source_pages: Vec<_> = source.page_iter().collect();
            let before = count_annotations(&source, &source_pages, b"Link");
            let after = count_annotations(&merged, &merged_pages[front..], b"Link");
            assert_eq!(before, after, "{name}: links kept");
            let fields = |doc: &lopdf::Document| -> usize {
                doc.catalog()
                    .ok()
                    .and_then(|c| c.get(b"AcroForm").ok())
                    .and_then(|f| doc.dereference(f).ok())
                    .and_then(|(_, f)| {
                        f.as_dict()
                            .ok()?
                            .get(b"Fields")
                            .ok()?
                            .as_array()
                            .ok()
                            .map(Vec::len)
                    })
                    .unwrap_or(0)
            };
            assert_eq!(fields(&source), fields(&merged), "{name}: form fields kept");
            totals.0 += after;
            totals.1 += fields(&merged);
        }
        if DAMAGED_STREAMS.contains(&name.as_str()) {
            qpdf_check_allowing(&out, &STREAM_WARNINGS);
        } else {
            qpdf_check(&out);
        }
        merged += 1;
    }
    assert_eq!(merged, corpus_files().len() - REFUSED.len());
    eprintln!(
        "corpus: {merged} merged, {} refused, {} links and {} form fields kept",
        REFUSED.len(),
        totals.0,
        totals.1
    );
    assert!(totals.0 >= 500 && totals.1 >= 5, "{totals:?}");
}

#[test]
fn a_password_from_the_environment_opens_a_protected_report() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "{HEADER}\n[[items]]\ntitle = \"Protected\"\ndocuments = [{{ path = \"{}\", password_env = \"AGENDAPACK_TEST_PW\" }}]\n",
        corpus("libreoffice-writer-password.pdf")
    );
    let pack = dir.path().join("pack.toml");
    std::fs::write(&pack, text).unwrap();
    let out = dir.path().join("out.pdf");
    let args = ["build", pack.to_str().unwrap(), "-o", out.to_str().unwrap()];
    let unset = agendapack()
        .args(args)
        .env_remove("AGENDAPACK_TEST_PW")
        .output()
        .unwrap();
    assert_eq!(unset.status.code(), Some(4));
    assert!(
        stderr(&unset).contains("AGENDAPACK_TEST_PW"),
        "{}",
        stderr(&unset)
    );
    let wrong = agendapack()
        .args(args)
        .env("AGENDAPACK_TEST_PW", "guess")
        .output()
        .unwrap();
    assert_eq!(wrong.status.code(), Some(4));
    assert!(
        stderr(&wrong).contains("does not open"),
        "{}",
        stderr(&wrong)
    );
    let right = agendapack()
        .args(args)
        .env("AGENDAPACK_TEST_PW", "openpassword")
        .output()
        .unwrap();
    assert!(right.status.success(), "{}", stderr(&right));
    assert!(flat_text(&out, 3, 3).contains("Page 1"));
    qpdf_check(&out);
}

#[test]
fn all_readable_corpus_files_make_one_pack() {
    let dir = tempfile::tempdir().unwrap();
    let names: Vec<String> = corpus_files()
        .into_iter()
        .filter(|n| !REFUSED.iter().any(|(r, _)| r == n))
        .map(|n| corpus(&n))
        .collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let pack = pack_with(dir.path(), &[item("Everything", &refs)]);
    let pdf = build(&pack, dir.path());
    qpdf_check_allowing(&pdf, &STREAM_WARNINGS);
    let plan = plan_json(&pack);
    let printed = plan["printed_pages"].as_u64().unwrap() as usize;
    let total = pdfinfo_pages(&pdf);
    assert_eq!(total, plan["total_pages"].as_u64().unwrap() as usize);
    let text = flat_text(&pdf, total - printed + 1, total);
    for n in 1..=printed {
        assert!(
            text.contains(&format!("Page {n} ")) || text.ends_with(&format!("Page {n}")),
            "Page {n} missing"
        );
    }
}
