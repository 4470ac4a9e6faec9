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
        // `check` takes a folder of packs; `plan` one pack file.
        (
            root.path(),
            "plan",
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

/// Runs `check` on pack-file `text` in `dir`; its stderr, colourless.
fn check_text(dir: &Path, name: &str, text: &str) -> (Option<i32>, String) {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    let out = agendapack()
        .env("NO_COLOR", "1")
        .args(["check", path.to_str().unwrap()])
        .output()
        .unwrap();
    (out.status.code(), stderr(&out))
}

/// The errors a new clerk met in the first hour (issue 11), each saying how
/// to put it right.
#[test]
fn first_hour_mistakes_say_how_to_fix_them() {
    let dir = tempfile::tempdir().unwrap();
    // `members = [...]` after [contact] is read as part of [contact].
    let members = HEADER.replace(
        "[[members]]\nname = \"Councillor Itrat Ali\"\nrole = \"Chair\"\n\n[[members]]\nname = \"Councillor Jane Rylah\"\n",
        "members = [\"Councillor Itrat Ali\"]\n",
    ) + "\n[[items]]\ntitle = \"A\"\n";
    let (code, err) = check_text(dir.path(), "members.toml", &members);
    assert_eq!(code, Some(3));
    assert!(err.contains("unknown key `members` in [contact]"), "{err}");
    assert!(
        err.contains("`members` belongs at the top of the pack file"),
        "{err}"
    );
    assert!(err.contains("[[members]]\n        name = "), "{err}");
    // A missing [contact] is shown as it would be written.
    let start = HEADER.find("[contact]").unwrap();
    let end = HEADER.find("[[members]]").unwrap();
    let no_contact = format!(
        "{}{}\n[[items]]\ntitle = \"A\"\n",
        &HEADER[..start],
        &HEADER[end..]
    );
    let (_, err) = check_text(dir.path(), "contact.toml", &no_contact);
    assert!(
        err.contains("the pack file has no [contact] table"),
        "{err}"
    );
    assert!(
        err.contains("[contact]\n        name = \"Sam Smith\""),
        "{err}"
    );
    // A Windows path in double quotes.
    let windows =
        format!("{HEADER}\n[[items]]\ntitle = \"A\"\ndocuments = [\"reports\\minutes.pdf\"]\n");
    let (_, err) = check_text(dir.path(), "windows.toml", &windows);
    assert!(err.contains("write paths with forward slashes"), "{err}");
    // A path whose case is wrong.
    std::fs::create_dir(dir.path().join("reports")).unwrap();
    std::fs::copy(
        corpus("google-doc-document.pdf"),
        dir.path().join("reports/tpo-schedule.pdf"),
    )
    .unwrap();
    let case =
        format!("{HEADER}\n[[items]]\ntitle = \"A\"\ndocuments = [\"Reports/tpo-schedule.pdf\"]\n");
    let (_, err) = check_text(dir.path(), "case.toml", &case);
    assert!(
        err.contains("did you mean reports/tpo-schedule.pdf?"),
        "{err}"
    );
    // A GIF renamed .png, as a report and as the logo.
    let gif = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x00\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;";
    std::fs::write(dir.path().join("scan.png"), gif).unwrap();
    let scan = format!("{HEADER}\n[[items]]\ntitle = \"A\"\ndocuments = [\"scan.png\"]\n");
    let (code, err) = check_text(dir.path(), "gif.toml", &scan);
    assert_eq!(code, Some(4));
    assert!(err.contains("it is a GIF image, not a PNG image"), "{err}");
    assert!(err.contains("PNG, JPEG or TIFF"), "{err}");
    let logo = HEADER.replace(
        "issued = 2024-10-03",
        "issued = 2024-10-03\nlogo = { path = \"scan.png\", alt = \"Logo\" }",
    ) + "\n[[items]]\ntitle = \"A\"\n";
    let (code, err) = check_text(dir.path(), "logo.toml", &logo);
    assert_eq!(code, Some(3));
    assert!(err.contains("it is a GIF image"), "{err}");
    // Columns agree on a line with an en dash before the mistake.
    let dash = format!(
        "{HEADER}\n[[items]]\ntitle = \"A\"\ndocuments = [{{ path = \"reports/tpo-schedule.pdf\", title = \"Appendix – x\", exempt = {{ paragraph = 14 }} }}]\n"
    );
    let (_, err) = check_text(dir.path(), "dash.toml", &dash);
    let line = dash
        .lines()
        .position(|l| l.contains("paragraph = 14"))
        .unwrap()
        + 1;
    let text_line = dash.lines().nth(line - 1).unwrap();
    let column = text_line[..text_line.find("14").unwrap()].chars().count() + 1;
    assert!(
        err.contains(&format!("dash.toml:{line}:{column}: `14`")),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "[{}:{line}:{column}]",
            dir.path().join("dash.toml").display()
        )),
        "{err}"
    );
}

#[test]
fn folders_and_single_packs_take_only_their_own_options() {
    let dir = tempfile::tempdir().unwrap();
    let pack = pack_file(
        dir.path(),
        "pack.toml",
        "A",
        &[&corpus("google-doc-document.pdf")],
    );
    std::fs::write(dir.path().join("broken.toml"), "[meeting]\nbody = \"B\"\n").unwrap();
    // check FOLDER checks each pack as build FOLDER finds them.
    let out = run(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(6));
    assert!(
        stderr(&out).contains("2 packs checked: 1 OK, 1 with problems"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("broken.toml"));
    // Folder options on one pack, and -o on a folder, are refused.
    let p = pack.to_str().unwrap();
    for args in [
        vec!["build", p, "--format", "json"],
        vec!["build", p, "--out-dir", "x"],
        vec!["build", dir.path().to_str().unwrap(), "-o", "x.pdf"],
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).contains("nothing was written"),
            "{}",
            stderr(&out)
        );
    }
    assert!(!dir.path().join("pack.pdf").exists());
    // A batch failure carries the same help as a single build.
    let out = run(&["build", dir.path().to_str().unwrap()]);
    assert!(
        stderr(&out).contains("help: add it, for example:"),
        "{}",
        stderr(&out)
    );
}
