//! Word, RTF and other office documents go in through LibreOffice, with a
//! cache so an unchanged document is converted once.

use std::path::Path;
use std::process::Command;

use crate::support::*;

/// An RTF report of about two pages, written by hand.
fn write_rtf(path: &Path, title: &str) {
    let mut body = format!(
        "{{\\rtf1\\ansi\\deff0{{\\fonttbl{{\\f0 Liberation Sans;}}}}\\f0\\fs24 {{\\b {title}}}\\par\n"
    );
    for i in 1..=70 {
        body.push_str(&format!("Paragraph {i} of the report on highways maintenance and the budget for the year ahead.\\par\n"));
    }
    body.push('}');
    std::fs::write(path, body).unwrap();
}

#[test]
fn office_documents_are_converted_once_and_merged() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let rtf = dir.path().join("highways.rtf");
    write_rtf(&rtf, "Highways Report");
    // A real DOCX, made by LibreOffice from another RTF.
    let source = dir.path().join("appendix.rtf");
    write_rtf(&source, "Appendix A");
    let status = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}/profile",
            dir.path().display()
        ))
        .args(["--headless", "--convert-to", "docx", "--outdir"])
        .arg(dir.path())
        .arg(&source)
        .output()
        .expect("LibreOffice is installed (.ci/run installs it)");
    assert!(status.status.success());
    let docx = dir.path().join("appendix.docx");
    assert!(docx.exists());

    let pack = pack_with(
        dir.path(),
        &[item(
            "Highways",
            &[rtf.to_str().unwrap(), docx.to_str().unwrap()],
        )],
    );
    let out = dir.path().join("out.pdf");
    let args = ["build", pack.to_str().unwrap(), "-o", out.to_str().unwrap()];
    let first = agendapack()
        .args(args)
        .env("AGENDAPACK_CACHE_DIR", &cache)
        .output()
        .unwrap();
    assert!(first.status.success(), "{}", stderr(&first));
    let text = flat_text(&out, 1, load(&out).get_pages().len());
    assert!(
        text.contains("Highways Report") && text.contains("Appendix A"),
        "{text}"
    );
    assert!(text.contains("Paragraph 70 of the report"));
    let plan = plan_json(&pack);
    let docs = &plan["items"][0]["documents"];
    assert!(
        docs[0]["pages"]["last"].as_u64().unwrap() >= 2,
        "the RTF runs to two pages or more"
    );
    let printed = plan["printed_pages"].as_u64().unwrap() as usize;
    let front = load(&out).get_pages().len() - printed;
    for n in 1..=printed {
        assert!(page_text(&out, front + n).contains(&format!("Page {n}")));
    }
    let cached: Vec<_> = std::fs::read_dir(cache.join("converted"))
        .unwrap()
        .collect();
    assert_eq!(cached.len(), 2, "both conversions cached");

    // Second build: served from the cache, even with LibreOffice out of reach.
    let second = agendapack()
        .args(args)
        .env("AGENDAPACK_CACHE_DIR", &cache)
        .env("PATH", "")
        .env_remove("AGENDAPACK_SOFFICE")
        .output()
        .unwrap();
    assert!(second.status.success(), "{}", stderr(&second));
}

#[test]
fn without_libreoffice_the_error_says_how_to_install_it() {
    let dir = tempfile::tempdir().unwrap();
    let rtf = dir.path().join("report.rtf");
    write_rtf(&rtf, "Report");
    let pack = pack_with(dir.path(), &[item("Report", &[rtf.to_str().unwrap()])]);
    let result = agendapack()
        .args(["check", pack.to_str().unwrap()])
        .env("AGENDAPACK_CACHE_DIR", dir.path().join("empty-cache"))
        .env("PATH", "")
        .env_remove("AGENDAPACK_SOFFICE")
        .output()
        .unwrap();
    assert_eq!(result.status.code(), Some(4));
    let err = stderr(&result);
    assert!(
        err.contains("report.rtf") && err.contains("LibreOffice is needed"),
        "{err}"
    );
    assert!(
        err.contains("apt-get install libreoffice-writer-nogui"),
        "{err}"
    );
}
