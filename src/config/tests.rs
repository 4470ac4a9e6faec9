//! Unit tests of pack-file reading that need no PDF.

use std::path::Path;

use super::*;

#[test]
fn descriptions_split_into_paragraphs_at_blank_lines_whatever_the_line_endings() {
    assert_eq!(
        paragraphs("One\ntwo.\n\nThree."),
        vec!["One two.", "Three."]
    );
    assert_eq!(
        paragraphs("One\r\ntwo.\r\n\r\nThree.\r\n"),
        vec!["One two.", "Three."]
    );
    assert_eq!(paragraphs("One.\n   \nTwo."), vec!["One.", "Two."]);
    assert!(paragraphs("  \n\n ").is_empty());
}

#[test]
fn an_impossible_date_is_reported_once() {
    let text = "[meeting]\nbody = \"Panel\"\ndate = 2024-02-30\n";
    let err = parse(Path::new("pack.toml"), text).unwrap_err();
    let on_line_3: Vec<_> = err.problems.iter().filter(|p| p.line == 3).collect();
    assert_eq!(
        on_line_3.len(),
        1,
        "{:?}",
        err.problems.iter().map(|p| &p.message).collect::<Vec<_>>()
    );
}

#[test]
fn the_default_output_is_beside_the_pack_file() {
    assert_eq!(
        default_output(
            Path::new("packs/x/pack.toml"),
            crate::model::Edition::Public
        ),
        Path::new("packs/x/pack.pdf")
    );
    assert_eq!(
        default_output(
            Path::new("packs/x/pack.toml"),
            crate::model::Edition::Members
        ),
        Path::new("packs/x/pack-members-not-for-publication.pdf")
    );
}
