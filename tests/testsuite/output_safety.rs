//! An output never replaces an input (issue 8 §2): `-o`, the default
//! output and a batch's outputs are refused, before anything is written,
//! when they are the pack file, a document, the logo or the signature
//! (named directly, through a symbolic or hard link, or through a linked
//! folder), or when they exist and are not a regular file.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use crate::support::*;

/// A copy of the example pack (pack file, signature, reports) in `root`,
/// with a logo too: every kind of input.
fn example_copy(root: &Path) -> PathBuf {
    let example = Path::new(EXAMPLE).parent().unwrap();
    let dir = root.join("pack");
    std::fs::create_dir_all(dir.join("reports")).unwrap();
    for entry in std::fs::read_dir(example.join("reports")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.join("reports").join(entry.file_name())).unwrap();
    }
    std::fs::copy(example.join("signature.png"), dir.join("signature.png")).unwrap();
    std::fs::copy(example.join("signature.png"), dir.join("logo.png")).unwrap();
    let text = std::fs::read_to_string(EXAMPLE).unwrap().replacen(
        "signature = {",
        "logo = { path = \"logo.png\", alt = \"Logo\" }\nsignature = {",
        1,
    );
    assert!(text.contains("logo = {"));
    std::fs::write(dir.join("pack.toml"), text).unwrap();
    dir
}

fn snapshot(paths: &[PathBuf]) -> Vec<Vec<u8>> {
    paths.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

#[test]
fn an_output_that_is_an_input_is_refused_and_the_input_is_unchanged() {
    let root = tempfile::tempdir().unwrap();
    let dir = example_copy(root.path());
    let pack = dir.join("pack.toml");
    let report = dir.join("reports/qa-annual-report.pdf");
    std::os::unix::fs::symlink("reports/qa-annual-report.pdf", dir.join("link.pdf")).unwrap();
    std::fs::hard_link(&report, dir.join("hard.pdf")).unwrap();
    std::os::unix::fs::symlink("reports", dir.join("linked-folder")).unwrap();
    std::os::unix::fs::symlink("pack.toml", dir.join("pack-link.toml")).unwrap();
    let inputs = [
        pack.clone(),
        report.clone(),
        dir.join("signature.png"),
        dir.join("logo.png"),
    ];
    let before = snapshot(&inputs);
    let cases = [
        (report.clone(), "item 7 document `"),
        (pack.clone(), "the pack file `"),
        (dir.join("signature.png"), "the signature `"),
        (dir.join("logo.png"), "the logo `"),
        (dir.join("link.pdf"), "item 7 document `"),
        (dir.join("hard.pdf"), "item 7 document `"),
        (
            dir.join("linked-folder/qa-annual-report.pdf"),
            "item 7 document `",
        ),
        (dir.join("linked-folder/../pack.toml"), "the pack file `"),
        (dir.join("pack-link.toml"), "the pack file `"),
    ];
    for (output, clash) in cases {
        let out = agendapack()
            .arg("build")
            .arg(&pack)
            .arg("-o")
            .arg(&output)
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(5), "-o {}: {err}", output.display());
        assert!(
            err.contains(clash) && err.contains("never replaces an input"),
            "-o {}: {err}",
            output.display()
        );
        assert_eq!(snapshot(&inputs), before, "-o {}", output.display());
    }
    // The links are still links, to the same files.
    assert!(
        std::fs::symlink_metadata(dir.join("link.pdf"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names.iter().any(|n| n.starts_with(".agendapack")),
        "nothing was written: {names:?}"
    );
}

#[test]
fn a_pack_listing_its_own_default_output_is_refused() {
    let root = tempfile::tempdir().unwrap();
    std::fs::copy(corpus("annotated_pdf.pdf"), root.path().join("budget.pdf")).unwrap();
    let pack = pack_file(root.path(), "budget.toml", "Budget", &["budget.pdf"]);
    let before = std::fs::read(root.path().join("budget.pdf")).unwrap();
    let out = run(&["build", pack.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("item 1 document `") && stderr(&out).contains("budget.pdf"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read(root.path().join("budget.pdf")).unwrap(),
        before
    );
}

#[test]
fn an_output_that_is_a_fifo_a_device_or_a_folder_is_refused_not_replaced() {
    let root = tempfile::tempdir().unwrap();
    let pack = pack_file(
        root.path(),
        "pack.toml",
        "Report",
        &[&corpus("annotated_pdf.pdf")],
    );
    let fifo = root.path().join("pack.pdf");
    mkfifo(&fifo);
    let folder = root.path().join("folder.pdf");
    std::fs::create_dir(&folder).unwrap();
    for (output, what) in [
        (fifo.as_path(), "is a FIFO"),
        (Path::new("/dev/null"), "is a device"),
        (folder.as_path(), "is a folder"),
    ] {
        // The default output is the FIFO: a build that opened it would hang.
        let mut args: Vec<&OsStr> = vec!["build".as_ref(), pack.as_os_str()];
        if output != fifo {
            args.extend([OsStr::new("-o"), output.as_os_str()]);
        }
        let (code, _, err) = run_with_deadline(&args);
        assert_eq!(code, Some(5), "{}: {err}", output.display());
        assert!(err.contains(what), "{}: {err}", output.display());
    }
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    assert!(
        std::fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
    assert!(folder.is_dir());
}

#[test]
fn in_a_batch_a_pack_whose_output_is_an_input_fails_alone() {
    let root = tempfile::tempdir().unwrap();
    let meetings = root.path().join("meetings");
    for name in ["a", "b", "c"] {
        std::fs::create_dir_all(meetings.join(name)).unwrap();
    }
    // a: an ordinary pack; its earlier PDF is a document of pack c.
    std::fs::copy(corpus("grid_example.pdf"), meetings.join("a/report.pdf")).unwrap();
    pack_file(&meetings.join("a"), "pack.toml", "A", &["report.pdf"]);
    std::fs::copy(corpus("multilang.pdf"), meetings.join("a/pack.pdf")).unwrap();
    pack_file(&meetings.join("c"), "pack.toml", "C", &["../a/pack.pdf"]);
    // b: a pack listing the PDF its own output would replace.
    std::fs::copy(corpus("annotated_pdf.pdf"), meetings.join("b/budget.pdf")).unwrap();
    pack_file(
        &meetings.join("b"),
        "budget.toml",
        "Budget",
        &["budget.pdf"],
    );
    let protected = [meetings.join("a/pack.pdf"), meetings.join("b/budget.pdf")];
    let before = snapshot(&protected);
    for out_dir in [None, Some(&meetings)] {
        let mut command = agendapack();
        command
            .arg("build")
            .arg(&meetings)
            .args(["--format", "json"]);
        if let Some(out_dir) = out_dir {
            command.arg("--out-dir").arg(out_dir);
        }
        let out = command.output().unwrap();
        assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let status = |suffix: &str| {
            json["packs"]
                .as_array()
                .unwrap()
                .iter()
                .find(|p| p["pack"].as_str().unwrap().ends_with(suffix))
                .unwrap_or_else(|| panic!("{suffix} in {json}"))
                .clone()
        };
        let a = status("a/pack.toml");
        assert_eq!(a["status"], "failed", "{a}");
        let error = a["error"].as_str().unwrap();
        assert!(
            error.contains("item 1 document `") && error.contains("c/pack.toml"),
            "{error}"
        );
        let b = status("b/budget.toml");
        assert_eq!(b["status"], "failed", "{b}");
        assert!(b["error"].as_str().unwrap().contains("of this pack"), "{b}");
        let c = status("c/pack.toml");
        assert!(c["status"] == "built" || c["status"] == "skipped", "{c}");
        assert_eq!(snapshot(&protected), before);
    }
}

#[test]
fn check_and_plan_write_nothing() {
    let root = tempfile::tempdir().unwrap();
    let dir = example_copy(root.path());
    let listing = || {
        let mut names: Vec<PathBuf> = Vec::new();
        let mut pending = vec![root.path().to_path_buf()];
        while let Some(d) = pending.pop() {
            for e in std::fs::read_dir(d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    pending.push(p.clone());
                }
                names.push(p);
            }
        }
        names.sort();
        names
    };
    let before = listing();
    let pack = dir.join("pack.toml");
    for args in [
        vec!["check", pack.to_str().unwrap()],
        vec!["plan", pack.to_str().unwrap()],
        vec!["plan", pack.to_str().unwrap(), "--format", "json"],
    ] {
        let out = run(&args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    }
    assert_eq!(listing(), before);
}
