//! Text from a pack file or a file name made safe to print: control
//! characters and bidi overrides are shown escaped, so a title or a path
//! cannot move the cursor, retitle the terminal or reverse what follows.

use std::borrow::Cow;

/// `text` with every control character (C0 including tab and newline, DEL,
/// C1), bidi embedding/override/isolate mark and line/paragraph separator
/// written as an escape (`\u{1b}`), so that it prints as it is.
pub fn printable(text: &str) -> Cow<'_, str> {
    escape(text, false)
}

/// As [`printable`], but keeping line breaks: for a whole message of ours,
/// whose lines are our own.
pub fn printable_lines(text: &str) -> Cow<'_, str> {
    escape(text, true)
}

/// A path as [`printable`] text; bytes that are not UTF-8 show as U+FFFD.
pub fn printable_path(path: &std::path::Path) -> String {
    printable(&path.to_string_lossy()).into_owned()
}

fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}')
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
        || matches!(c, '\u{2028}' | '\u{2029}')
}

fn escape(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    let unsafe_char = |c: char| needs_escape(c) && !(keep_newlines && c == '\n');
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `text` with each character [`printable`] would escape replaced by one
/// of the same length in bytes (`?`, `¿`, `�`), so that byte offsets into
/// it (a pack-file problem's span) still point at the same places. Line
/// breaks and tabs are kept: the source listing lays them out itself.
pub fn masked_same_length(text: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| needs_escape(c) && !matches!(c, '\n' | '\r' | '\t');
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| match (unsafe_char(c), c.len_utf8()) {
            (false, _) => c,
            (true, 1) => '?',
            (true, 2) => '\u{bf}',
            (true, _) => '\u{fffd}',
        })
        .collect::<String>()
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_overrides_are_escaped() {
        assert_eq!(printable("a\u{1b}]0;x\u{7}b"), "a\\u{1b}]0;x\\u{7}b");
        assert_eq!(printable("\u{9b}2J\u{7f}"), "\\u{9b}2J\\u{7f}");
        assert_eq!(printable("abc\u{202e}fdp.exe"), "abc\\u{202e}fdp.exe");
        assert_eq!(printable("two\nlines"), "two\\u{a}lines");
        assert_eq!(printable_lines("two\nlines\u{1b}"), "two\nlines\\u{1b}");
        assert!(matches!(printable("Café – 10.30 am"), Cow::Borrowed(_)));
    }

    #[test]
    fn masking_keeps_byte_offsets() {
        let text = "a\u{1b}b\u{85}c\u{202e}d\ne";
        let masked = masked_same_length(text);
        assert_eq!(masked.len(), text.len());
        assert_eq!(masked, "a?b\u{bf}c\u{fffd}d\ne");
    }
}
