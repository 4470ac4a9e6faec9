//! A checked walk over the parsed TOML tree that records problems instead of
//! stopping at the first, so a clerk sees every mistake in one run.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::NamedSource;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::problem::{PackFileError, Problem};
use crate::files::InputError;
use crate::model::Date;
use crate::printable::{printable, printable_path};

/// Collects the problems of one pack file.
pub(crate) struct Checker {
    path: PathBuf,
    text: Arc<String>,
    /// The text as the source listing shows it: control characters masked
    /// so that echoing a line cannot drive the terminal.
    shown: Arc<String>,
    line_starts: Vec<usize>,
    problems: Vec<Problem>,
    /// Where the TOML syntax errors are: a key missing from a table with one
    /// may have been swallowed by it, so it is not also reported missing.
    pub syntax_errors: Vec<Range<usize>>,
}

impl Checker {
    pub fn new(path: &Path, text: &str) -> Checker {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Checker {
            path: path.to_path_buf(),
            text: Arc::new(text.to_string()),
            shown: Arc::new(crate::printable::masked_same_length(text).into_owned()),
            line_starts,
            problems: Vec::new(),
            syntax_errors: Vec::new(),
        }
    }

    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }

    pub fn into_error(self) -> PackFileError {
        PackFileError {
            path: self.path,
            problems: self.problems,
        }
    }

    /// 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset)
    }

    pub fn problem(&mut self, span: Range<usize>, message: &str, label: &str, help: Option<&str>) {
        // One message per place: a value the TOML parser already rejected
        // is not reported again as the wrong type.
        if self.syntax_errors.iter().any(|e| e.start == span.start) && !self.problems.is_empty() {
            return;
        }
        let line = self.line_of(span.start);
        let column = self.text[self.line_starts[line - 1]..span.start.min(self.text.len())]
            .chars()
            .count()
            + 1;
        // Pack-file text quoted in a message is shown escaped.
        let file = printable_path(&self.path);
        self.problems.push(Problem {
            message: printable(message).into_owned(),
            file: file.clone(),
            line,
            column,
            source_code: NamedSource::new(file, super::problem::CharColumns(self.shown.clone())),
            span: (span.start, span.len()).into(),
            label: printable(label).into_owned(),
            help: help.map(|h| crate::printable::printable_lines(h).into_owned()),
        });
    }

    pub fn wrong_type(&mut self, value: &Value<'_, '_>, expected: &str) {
        self.problem(
            value.span.clone(),
            &format!("`{}` should be {expected}", value.key),
            &format!("this is {}", article(value.value.type_str())),
            None,
        );
    }

    /// Resolves a path relative to the pack file and checks it is a file.
    pub fn existing_file(
        &mut self,
        base: &Path,
        value: &Value<'_, '_>,
        what: &str,
    ) -> Option<PathBuf> {
        let Some(text) = value.as_str() else {
            self.wrong_type(value, "a path in quotes");
            return None;
        };
        if text.is_empty() {
            self.problem(
                value.span.clone(),
                &format!("{what}: the path is empty"),
                "empty path",
                Some("give the file's path, relative to the pack file's folder"),
            );
            return None;
        }
        let path = base.join(text);
        match crate::files::regular_file(&path) {
            Ok(_) => Some(path),
            Err(err) => {
                let label = match &err {
                    InputError::NotFound => "file not found".to_string(),
                    InputError::NotAFile(_) => "not a file".to_string(),
                    other => other.to_string(),
                };
                let help = match err {
                    InputError::NotAFile(_) => None,
                    InputError::NotFound => match near_miss(base, text) {
                        Some(near) => Some(format!(
                            "did you mean {near}? (paths are relative to the pack file's \
                             folder, {}, and the case of letters counts)",
                            display_dir(base)
                        )),
                        None if text.contains('\\') => Some(format!(
                            "write paths with forward slashes, e.g. {}; they are relative \
                             to the pack file's folder ({})",
                            text.replace('\\', "/"),
                            display_dir(base)
                        )),
                        None => Some(format!(
                            "paths are relative to the pack file's folder ({})",
                            display_dir(base)
                        )),
                    },
                    _ => Some(format!(
                        "paths are relative to the pack file's folder ({})",
                        display_dir(base)
                    )),
                };
                let message = match &err {
                    InputError::NotFound => format!("{what}: `{text}`: file not found"),
                    other => format!("{what}: `{text}` {other}"),
                };
                self.problem(value.span.clone(), &message, &label, help.as_deref());
                None
            }
        }
    }
}

/// The path a mistyped `text` (under `base`) most likely meant: each part
/// that does not exist matched against its folder's entries ignoring case,
/// or, failing that, within two edits.
fn near_miss(base: &Path, text: &str) -> Option<String> {
    let mut folder = if base.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        base.to_path_buf()
    };
    let mut parts = Vec::new();
    let components: Vec<&str> = text.split('/').filter(|p| !p.is_empty()).collect();
    for part in &components {
        let exact = folder.join(part);
        if exact.exists() {
            parts.push(part.to_string());
            folder = exact;
            continue;
        }
        let names: Vec<String> = std::fs::read_dir(&folder)
            .ok()?
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        let found = names
            .iter()
            .find(|n| n.eq_ignore_ascii_case(part))
            .or_else(|| {
                names
                    .iter()
                    .filter(|n| edit_distance(&n.to_lowercase(), &part.to_lowercase()) <= 2)
                    .min_by_key(|n| edit_distance(n, part))
            })?;
        parts.push(found.clone());
        folder = folder.join(found);
    }
    let suggestion = parts.join("/");
    (suggestion != text && folder.is_file()).then_some(suggestion)
}

fn display_dir(base: &Path) -> String {
    if base.as_os_str().is_empty() {
        ".".into()
    } else {
        base.display().to_string()
    }
}

pub(crate) fn article(type_name: &str) -> String {
    match type_name.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u') => format!("an {type_name}"),
        _ => format!("a {type_name}"),
    }
}

/// A value found under a key, with where it is.
pub(crate) struct Value<'t, 'i> {
    pub key: String,
    pub value: &'t DeValue<'i>,
    pub span: Range<usize>,
}

impl<'t, 'i> Value<'t, 'i> {
    pub fn from_spanned(v: &'t Spanned<DeValue<'i>>) -> Value<'t, 'i> {
        Value {
            key: "document".into(),
            value: v.get_ref(),
            span: v.span(),
        }
    }

    pub fn as_str(&self) -> Option<&'t str> {
        self.value.as_str()
    }

    pub fn as_integer(&self) -> Option<i64> {
        self.value
            .as_integer()
            .and_then(|i| i64::from_str_radix(i.as_str(), i.radix()).ok())
    }

    pub fn as_array(&self) -> Option<&'t [Spanned<DeValue<'i>>]> {
        self.value.as_array().map(|a| &a[..])
    }
}

/// One TOML table being read: hands out its keys and, at the end, reports
/// the keys nobody asked for.
pub(crate) struct TableReader<'t, 'i> {
    name: String,
    table: &'t DeTable<'i>,
    pub span: Range<usize>,
    known: Vec<&'static str>,
}

impl<'t, 'i> TableReader<'t, 'i> {
    pub fn new(
        name: &str,
        table: &'t DeTable<'i>,
        span: Range<usize>,
        known: &[&'static str],
    ) -> Self {
        TableReader {
            name: name.to_string(),
            table,
            span,
            known: known.to_vec(),
        }
    }

    pub fn expect_keys(&mut self, known: &[&'static str]) {
        self.known = known.to_vec();
    }

    fn get(&self, key: &str) -> Option<&'t Spanned<DeValue<'i>>> {
        self.table.get(key)
    }

    /// The value under `key`; a required key that is missing is a problem.
    pub fn value(&mut self, c: &mut Checker, key: &str, required: bool) -> Option<Value<'t, 'i>> {
        match self.get(key) {
            Some(v) => Some(Value {
                key: key.to_string(),
                value: v.get_ref(),
                span: v.span(),
            }),
            None => {
                let swallowed = c
                    .syntax_errors
                    .iter()
                    .any(|e| e.start >= self.span.start && e.start <= self.span.end);
                if required && !swallowed {
                    let at = self.span.start..self.span.start;
                    c.problem(
                        at,
                        &format!("{} is missing `{key}`", self.name),
                        &format!("`{key}` is missing here"),
                        Some(&format!("add `{key} = ...` to {}", self.name)),
                    );
                }
                None
            }
        }
    }

    pub fn string(&mut self, c: &mut Checker, key: &str, required: bool) -> Option<String> {
        let v = self.value(c, key, required)?;
        match v.as_str() {
            Some(s) if s.trim().is_empty() && required => {
                c.problem(v.span.clone(), &format!("`{key}` is empty"), "empty", None);
                None
            }
            Some(s) => Some(s.to_string()),
            None => {
                c.wrong_type(&v, "text in quotes");
                None
            }
        }
    }

    pub fn string_list(&mut self, c: &mut Checker, key: &str) -> Option<Vec<String>> {
        let v = self.value(c, key, false)?;
        let Some(array) = v.as_array() else {
            c.wrong_type(&v, "a list of text, e.g. [\"first\", \"second\"]");
            return None;
        };
        let mut out = Vec::new();
        for entry in array {
            match entry.get_ref().as_str() {
                Some(s) => out.push(s.to_string()),
                None => c.problem(
                    entry.span(),
                    &format!("every entry of `{key}` should be text in quotes"),
                    &format!("this is {}", article(entry.get_ref().type_str())),
                    None,
                ),
            }
        }
        Some(out)
    }

    pub fn date(&mut self, c: &mut Checker, key: &str, required: bool) -> Option<Date> {
        let v = self.value(c, key, required)?;
        let hint = "write the date without quotes as year-month-day, e.g. 2024-10-11";
        let parsed = match v.value {
            DeValue::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => dt.date,
            DeValue::String(s) => {
                c.problem(
                    v.span.clone(),
                    &format!("`{key}` is text (\"{s}\"), not a date"),
                    "a date in quotes",
                    Some(hint),
                );
                return None;
            }
            _ => None,
        };
        match parsed {
            Some(d) => {
                Date::new(i32::from(d.year), u32::from(d.month), u32::from(d.day)).or_else(|| {
                    c.problem(
                        v.span.clone(),
                        &format!("`{key}` is not a real date"),
                        "no such day",
                        Some(hint),
                    );
                    None
                })
            }
            None => {
                c.problem(
                    v.span.clone(),
                    &format!("`{key}` should be a date"),
                    "not a date",
                    Some(hint),
                );
                None
            }
        }
    }

    /// A sub-table (`[meeting]` or an inline `{ ... }`).
    pub fn table(
        &mut self,
        c: &mut Checker,
        key: &str,
        required: bool,
    ) -> Option<TableReader<'t, 'i>> {
        let v = self.value(c, key, required)?;
        match v.value {
            DeValue::Table(t) => Some(TableReader::new(
                &format!("[{key}]"),
                t,
                v.span.clone(),
                &[],
            )),
            _ => {
                c.wrong_type(&v, &format!("a table, [{key}]"));
                None
            }
        }
    }

    /// An array of tables (`[[items]]`).
    pub fn tables(&mut self, c: &mut Checker, key: &str) -> Vec<TableReader<'t, 'i>> {
        let Some(v) = self.value(c, key, false) else {
            return Vec::new();
        };
        let Some(array) = v.as_array() else {
            c.wrong_type(&v, &format!("a list of tables, [[{key}]]"));
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, entry) in array.iter().enumerate() {
            match entry.get_ref() {
                DeValue::Table(t) => out.push(TableReader::new(
                    &format!("[[{key}]] number {}", i + 1),
                    t,
                    entry.span(),
                    &[],
                )),
                other => c.problem(
                    entry.span(),
                    &format!("every entry of `{key}` should be a table"),
                    &format!("this is {}", article(other.type_str())),
                    None,
                ),
            }
        }
        out
    }

    /// Reports the keys of this table that are not part of the format.
    pub fn finish(self, c: &mut Checker) {
        for (key, _) in self.table.iter() {
            let name = key.get_ref().as_ref();
            if self.known.contains(&name) {
                continue;
            }
            let suggestion = self
                .known
                .iter()
                .copied()
                .min_by_key(|k| edit_distance(k, name))
                .filter(|k| edit_distance(k, name) <= 2);
            // A top-level key written after a [table] header belongs to
            // that table, as TOML reads it.
            let top_level = TOP_LEVEL.iter().find(|(k, _)| *k == name);
            let help = match (suggestion, top_level) {
                (_, Some((key, form))) if self.name.starts_with('[') => format!(
                    "`{key}` belongs at the top of the pack file, not in {}: every key after a \
                     [table] header belongs to that table. Write it after the other tables, or \
                     before the first, as {form}",
                    self.name
                ),
                (Some(k), _) => format!("did you mean `{k}`?"),
                (None, _) => format!("{} takes: {}", self.name, self.known.join(", ")),
            };
            c.problem(
                key.span(),
                &format!("unknown key `{name}` in {}", self.name),
                "unknown key",
                Some(&help),
            );
        }
    }
}

/// The pack file's top-level keys, each as it is written.
const TOP_LEVEL: &[(&str, &str)] = &[
    (
        "members",
        "[[members]] tables, one per member:\n\n[[members]]\nname = \"Councillor Jane Rylah\"\nrole = \"Chair\"   # optional",
    ),
    (
        "items",
        "[[items]] tables, one per agenda item:\n\n[[items]]\ntitle = \"Minutes\"\ndocuments = [\"reports/minutes.pdf\"]",
    ),
    ("meeting", "a [meeting] table"),
    ("issuer", "an [issuer] table"),
    ("contact", "a [contact] table"),
    ("publish", "a [publish] table"),
];

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}
