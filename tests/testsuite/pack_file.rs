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

/// Item numbers as councils print them: "5a", "6.1", counted on from.
#[test]
fn item_numbers_like_5a_and_6_1_are_printed_and_stamped_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let report = corpus("google-doc-document.pdf");
    let text = format!(
        r#"{HEADER}
[[items]]
title = "Apologies"

[[items]]
number = "5a"
title = "Planning appeal"
documents = ["{report}"]

[[items]]
title = "Second appeal"

[[items]]
number = "6.1"
title = "Application 24/0001"
documents = ["{report}"]

[[items]]
title = "Application 24/0002"
documents = ["{report}"]

[[items]]
number = 12
title = "Any other business"
"#
    );
    let pack = dir.path().join("pack.toml");
    std::fs::write(&pack, &text).unwrap();
    let pdf = build(&pack, dir.path());
    let agenda = page_text(&pdf, 2);
    for label in ["1:", "5a:", "5b:", "6.1:", "6.2:", "12:"] {
        assert!(agenda.contains(label), "{label} in {agenda}");
    }
    let labels = page_labels(&load(&pdf));
    let stamped: Vec<String> = (3..=labels.len())
        .map(|p| page_text(&pdf, p))
        .filter_map(|t| {
            t.lines()
                .find_map(|l| l.trim().strip_prefix("Agenda Item ").map(str::to_string))
        })
        .collect();
    assert_eq!(stamped, ["5a", "6.1", "6.2"]);
    let titles: Vec<String> = outline(&load(&pdf)).into_iter().map(|b| b.1).collect();
    assert!(
        titles.contains(&"6.1. Application 24/0001".to_string()),
        "{titles:?}"
    );
    let plan = plan_json(&pack);
    assert_eq!(plan["items"][3]["label"], "6.1");
    assert_eq!(plan["items"][3]["number"], 6);
    assert_eq!(plan["items"][2]["label"], "5b");

    // A counted number that repeats one given is reported at the item,
    // saying what it was counted from; a malformed number at its value.
    let twice = text.replace("number = 12", "number = \"6.2\"");
    std::fs::write(&pack, &twice).unwrap();
    let out = run(&["check", pack.to_str().unwrap()]);
    let err = stderr(&out);
    let line = |needle: &str| twice[..twice.find(needle).unwrap()].matches('\n').count() + 1;
    assert!(
        err.contains(&format!(
            "pack.toml:{}:{}: item number 6.2 is used twice (first at line {})",
            line("number = \"6.2\""),
            "number = ".len() + 1,
            line("title = \"Application 24/0002\"") - 1
        )),
        "{err}"
    );
    let bad = text.replace("number = \"5a\"", "number = \"5A\"");
    std::fs::write(&pack, &bad).unwrap();
    let err = stderr(&run(&["check", pack.to_str().unwrap()]));
    assert!(err.contains("`5A` is not an item number"), "{err}");
    assert!(err.contains("number = \"6.1\""), "{err}");
}

/// `agendapack new` makes a pack folder that builds as it is, with either
/// shipped template, and never writes into a folder with files in it.
#[test]
fn a_new_pack_folder_builds_as_it_is() {
    let root = tempfile::tempdir().unwrap();
    for template in ["default", "parish"] {
        let dir = root.path().join(template);
        let made = run(&["new", dir.to_str().unwrap(), "--template", template]);
        assert!(made.status.success(), "{}", stderr(&made));
        let pack = dir.join("pack.toml");
        let text = std::fs::read_to_string(&pack).unwrap();
        assert!(text.contains(&format!("template = \"{template}\"")));
        let out = dir.join("pack.pdf");
        let built = run(&["build", pack.to_str().unwrap()]);
        assert!(built.status.success(), "{}", stderr(&built));
        assert_eq!(stderr(&built), "", "a new pack builds without warnings");
        qpdf_check(&out);
        let agenda = page_text(&out, 2);
        assert!(agenda.contains("(To follow)"), "{agenda}");
        assert!(page_text(&out, 3).contains("Minutes of the previous meeting"));
    }
    let again = run(&["new", root.path().join("default").to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(5));
    assert!(stderr(&again).contains("not empty"), "{}", stderr(&again));
    let unknown = run(&[
        "new",
        root.path().join("x").to_str().unwrap(),
        "--template",
        "fancy",
    ]);
    assert!(stderr(&unknown).contains("`fancy` is not a shipped template (default, parish)"));
    assert!(!root.path().join("x").exists());
}
