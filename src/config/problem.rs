//! Pack-file mistakes, each with its place in the file and a hint.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::{Diagnostic, NamedSource, SourceSpan};

use crate::files::InputError;
use crate::printable::printable_path;

/// One mistake in a pack file.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("{file}:{line}:{column}: {message}")]
pub struct Problem {
    pub message: String,
    pub file: String,
    pub line: usize,
    pub column: usize,
    #[source_code]
    pub(crate) source_code: NamedSource<CharColumns>,
    #[label("{label}")]
    pub(crate) span: SourceSpan,
    pub(crate) label: String,
    #[help]
    pub help: Option<String>,
}

/// A pack file's text for miette, which counts columns in bytes: this
/// counts them in characters, as our messages and editors do, so that
/// "55:49" in the message and "[55:49]" over the listing agree on a line
/// with an en dash before the mistake.
#[derive(Debug, Clone)]
pub(crate) struct CharColumns(pub Arc<String>);

impl miette::SourceCode for CharColumns {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let text = self.0.as_str();
        let inner = text.read_span(span, before, after)?;
        let column = if inner.column() == 0 {
            0
        } else {
            let start = span.offset().min(text.len());
            let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
            text.get(line_start..start)
                .map_or(inner.column(), |t| t.chars().count())
        };
        Ok(Box::new(miette::MietteSpanContents::new(
            inner.data(),
            *inner.span(),
            inner.line(),
            column,
            inner.line_count(),
        )))
    }
}

/// Every mistake found in a pack file; the build stops before any output.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("{}", summary(&self.path, self.problems.len()))]
#[diagnostic(code(agendapack::pack_file))]
pub struct PackFileError {
    pub path: PathBuf,
    #[related]
    pub problems: Vec<Problem>,
}

fn summary(path: &Path, count: usize) -> String {
    match count {
        0 => format!("cannot read pack file {}", printable_path(path)),
        1 => format!("pack file {} has a problem", printable_path(path)),
        n => format!("pack file {} has {n} problems", printable_path(path)),
    }
}

impl PackFileError {
    pub(crate) fn unreadable(path: &Path, err: &InputError) -> PackFileError {
        let text = Arc::new(String::new());
        let help = match err {
            InputError::NotFound | InputError::EmptyPath | InputError::Unreadable(_) => {
                "check the path; it is relative to the current directory"
            }
            InputError::NotAFile(_) => "give the path of a pack file (TOML text)",
            InputError::TooLarge(_) => {
                "a pack file lists documents by path; it is never this large"
            }
            InputError::NotUtf8(_) => "save the pack file as UTF-8 text",
        };
        let name = printable_path(path);
        PackFileError {
            path: path.to_path_buf(),
            problems: vec![Problem {
                message: format!("the pack file {err}"),
                file: name.clone(),
                line: 1,
                column: 1,
                source_code: NamedSource::new(name, CharColumns(text)),
                span: (0, 0).into(),
                label: "unreadable".into(),
                help: Some(help.into()),
            }],
        }
    }
}
