//! Messages are safe to print and say what is wrong (issue 8 §5): text
//! from a pack file or a file name cannot drive the terminal, and a path
//! that is not a file says what it is.

use std::path::Path;

use crate::support::*;

/// Raw bytes that would retitle the terminal, clear it, or reverse text.
const HOSTILE: [&str; 5] = ["\u{1b}", "\u{7}", "\u{9b}", "\u{7f}", "\u{202e}"];

fn assert_escaped(what: &str, text: &str) {
    for c in HOSTILE {
        assert!(!text.contains(c), "{what} prints {c:?} raw: {text:?}");
    }
}

#[test]
fn control_characters_from_the_pack_file_are_escaped_in_every_message() {
    let root = tempfile::tempdir().unwrap();
    let title = "Evil \\u001b]0;pwned\\u0007 \\u001b[2J \\u009b \\u007f \\u202e title";
    let good = pack_file(
        root.path(),
        "good.toml",
        title,
        &[&corpus("annotated_pdf.pdf")],
    );
    // A document that is not a PDF, whose name carries an escape too.
    std::fs::write(root.path().join("bad\u{1b}[2J.pdf"), b"not a pdf").unwrap();
    let bad = pack_file(root.path(), "bad.toml", title, &["bad\\u001b[2J.pdf"]);
    // A pack-file mistake on a line with a raw ESC, which miette echoes.
    let mut text = std::fs::read_to_string(&good).unwrap();
    text.push_str("oops\u{1b}[2J\u{202e} = 1\n");
    let mistaken = root.path().join("mistaken.toml");
    std::fs::write(&mistaken, text).unwrap();

    let out = run(&["plan", good.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_escaped("plan", &stdout(&out));
    assert!(
        stdout(&out).contains("Evil \\u{1b}]0;pwned\\u{7}"),
        "{}",
        stdout(&out)
    );

    let out = run(&["check", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(4));
    assert_escaped("a document error", &stderr(&out));
    assert!(
        stderr(&out).contains("bad\\u{1b}[2J.pdf"),
        "{}",
        stderr(&out)
    );

    let out = run(&["check", mistaken.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3));
    assert_escaped("a pack-file error", &stderr(&out));
    // The line is echoed with its control characters masked.
    assert!(
        stderr(&out).contains("oops?[2J\u{fffd} = 1"),
        "{}",
        stderr(&out)
    );

    let out = run(&[
        "build",
        good.to_str().unwrap(),
        "-o",
        root.path().join("x\u{1b}[2J.pdf").to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_escaped("build", &stdout(&out));

    // A batch's lines, its failures and its warnings.
    let out = agendapack().arg("build").arg(root.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(6));
    assert_escaped("a batch", &format!("{}{}", stdout(&out), stderr(&out)));
    assert!(stderr(&out).contains("failed"), "{}", stderr(&out));
}

#[test]
fn a_path_that_is_not_a_file_says_what_it_is() {
    let root = tempfile::tempdir().unwrap();
    mkfifo(&root.path().join("fifo.pdf"));
    let pack = pack_file(
        root.path(),
        "pack.toml",
        "Report",
        &[
            "fifo.pdf",
            "/dev/zero",
            "/dev/urandom",
            "",
            "missing.pdf",
            ".",
        ],
    );
    let (code, _, err) = run_with_deadline(&["check".as_ref(), pack.as_os_str()]);
    assert_eq!(code, Some(3), "{err}");
    for expected in [
        "document 1: `fifo.pdf` is a FIFO (named pipe), not a file",
        "document 2: `/dev/zero` is a device, not a file",
        "document 3: `/dev/urandom` is a device, not a file",
        "document 4: the path is empty",
        "document 5: `missing.pdf`: file not found",
        "document 6: `.` is a folder, not a file",
    ] {
        assert!(err.contains(expected), "{expected:?} in {err}");
    }
    assert!(!err.contains("`` is a folder"), "{err}");
}

#[test]
fn a_pack_file_that_cannot_be_read_says_why() {
    let root = tempfile::tempdir().unwrap();
    let latin1 = root.path().join("latin1.toml");
    let mut text = HEADER.as_bytes().to_vec();
    let at = text.len();
    text.extend_from_slice(b"\n# caf\xe9\n");
    std::fs::write(&latin1, &text).unwrap();
    let large = root.path().join("large.toml");
    std::fs::write(&large, format!("{HEADER}\n#{}\n", "x".repeat(2 << 20))).unwrap();
    let fifo = root.path().join("fifo.toml");
    mkfifo(&fifo);
    let cases: [(&Path, &str, String); 6] = [
        (
            &latin1,
            "check",
            format!("is not UTF-8 text at byte {}", at + 6),
        ),
        (&large, "check", "is larger than 1 MiB".into()),
        (
            &fifo,
            "build",
            "the pack file is a FIFO (named pipe), not a file".into(),
        ),
        (
            Path::new("/dev/zero"),
            "check",
            "the pack file is a device, not a file".into(),
        ),
        (
            Path::new("/dev/urandom"),
            "plan",
            "the pack file is a device, not a file".into(),
        ),
        (
            root.path(),
            "check",
            "the pack file is a folder, not a file".into(),
        ),
    ];
    for (path, command, expected) in cases {
        let started = std::time::Instant::now();
        let (code, _, err) = run_with_deadline(&[command.as_ref(), path.as_os_str()]);
        assert_eq!(code, Some(3), "{command} {}: {err}", path.display());
        assert!(err.contains(&expected), "{expected:?} in {err}");
        assert!(!err.contains("check the path"), "{err}");
        assert!(
            started.elapsed().as_secs() < 5,
            "{command} {}",
            path.display()
        );
    }
}
