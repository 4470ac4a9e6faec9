//! Pack-file mistakes: every one reported at once, each at its line and
//! column, with exit code 3 and nothing written.

use crate::support::*;

#[test]
fn every_mistake_is_reported_at_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        r#"{HEADER}
[[items]]
title = "Minutes"
documents = ["reports/missing.pdf"]
colour = "blue"

[[items]]
number = 1
title = "Declaration of Interests"
"#
    )
    .replace("date = 2024-10-11", "date = 2024-02-30")
    .replace("time = \"10:30\"", "time = \"half ten\"")
    .replace("[contact]\nname", "[contact]\nnmae");
    let pack = dir.path().join("pack.toml");
    std::fs::write(&pack, &text).unwrap();
    let out = dir.path().join("out.pdf");
    std::fs::write(&out, b"the previous pack").unwrap();
    let result = run(&["build", pack.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(result.status.code(), Some(3));
    let err = stderr(&result);
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let pack_name = pack.display().to_string();
    for (needle, message) in [
        ("date = 2024-02-30", "invalid date"),
        ("time = \"half ten\"", "`half ten` is not a time of day"),
        ("nmae", "unknown key `nmae` in [contact]"),
        ("reports/missing.pdf", "file not found"),
        ("colour", "unknown key `colour`"),
        ("number = 1", "item number 1 is used twice"),
    ] {
        let line = line_of(needle);
        let at = format!("{pack_name}:{line}:");
        assert!(
            err.lines().any(|l| l.contains(&at) && l.contains(message)),
            "expected {message:?} at {at}\n{err}"
        );
    }
    assert!(err.contains("did you mean `name`?"), "{err}");
    assert!(err.contains("[contact] is missing `name`"), "{err}");
    assert!(err.contains("problems"), "{err}");
    assert_eq!(
        std::fs::read(&out).unwrap(),
        b"the previous pack",
        "the previous pack is kept"
    );
}

#[test]
fn toml_syntax_errors_point_at_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("pack.toml");
    std::fs::write(&pack, "[meeting]\nbody = \"Panel\ndate = 2024-10-11\n").unwrap();
    let result = run(&["check", pack.to_str().unwrap()]);
    assert_eq!(result.status.code(), Some(3));
    assert!(
        stderr(&result).contains(&format!("{}:2:", pack.display())),
        "{}",
        stderr(&result)
    );
}

#[test]
fn check_writes_nothing_and_reports_ok() {
    let dir = tempfile::tempdir().unwrap();
    let pack = pack_with(
        dir.path(),
        &[item("Report", &[&corpus("annotated_pdf.pdf")])],
    );
    let result = run(&["check", pack.to_str().unwrap()]);
    assert!(result.status.success(), "{}", stderr(&result));
    assert!(stdout(&result).contains("OK"));
    let entries: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(entries.len(), 1, "only the pack file");
}

#[test]
fn the_default_output_sits_beside_the_pack_file() {
    let dir = tempfile::tempdir().unwrap();
    let pack = pack_with(
        dir.path(),
        &[item("Report", &[&corpus("annotated_pdf.pdf")])],
    );
    let result = run(&["build", pack.to_str().unwrap()]);
    assert!(result.status.success(), "{}", stderr(&result));
    let pdf = dir.path().join("pack.pdf");
    assert!(stdout(&result).contains(&pdf.display().to_string()));
    assert!(stdout(&result).contains("4 pages"), "{}", stdout(&result));
    assert_eq!(load(&pdf).get_pages().len(), 4);
}
