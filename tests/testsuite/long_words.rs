//! A word wider than its column (a pasted URL, a title with no spaces) is
//! broken across lines, in the agenda and in the notice, and a huge one
//! does not take quadratic time (issue 8 §5).

use crate::support::*;

#[test]
fn words_wider_than_the_line_stay_on_the_page() {
    let dir = tempfile::tempdir().unwrap();
    // 160 kB here (a debug build); a 1.6 MB title takes about 2 s in release.
    let title = "Supercalifragilistic".repeat(8_000);
    let venue = "CouncilChamber".repeat(40);
    let header = HEADER.replace(
        "venue = \"Council Chamber - Town Hall, Huddersfield\"",
        &format!("venue = \"{venue}\""),
    );
    let text = format!(
        "{header}\n[[items]]\ntitle = \"{title}\"\ndescription = \"{}\"\n",
        "Description".repeat(200)
    );
    let pack = dir.path().join("pack.toml");
    std::fs::write(&pack, text).unwrap();
    let started = std::time::Instant::now();
    let pdf = build(&pack, dir.path());
    assert!(started.elapsed().as_secs() < 120, "{:?}", started.elapsed());
    let count = pages(&load(&pdf)).len();
    let mut letters = 0;
    for page in 1..=count {
        let (words, width, _) = words(&pdf, page);
        for word in &words {
            assert!(
                word.x0 >= 0.0 && word.x1 <= width,
                "page {page}: {} … runs off the page ({} to {} of {width})",
                word.text.chars().take(20).collect::<String>(),
                word.x0,
                word.x1
            );
            if word.text.starts_with("Supercalifragilistic") || word.text.contains("fragilistic") {
                letters += word.text.len();
            }
        }
    }
    // Every piece of the title is there (bookmarks aside).
    assert!(
        letters >= title.len() - 20 * count,
        "{letters} of {}",
        title.len()
    );
}
