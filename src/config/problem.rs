//! Pack-file mistakes, each with its place in the file and a hint.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::{Diagnostic, NamedSource, SourceSpan};

/// One mistake in a pack file.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("{file}:{line}:{column}: {message}")]
pub struct Problem {
    pub message: String,
    pub file: String,
    pub line: usize,
    pub column: usize,
    #[source_code]
    pub(crate) source_code: NamedSource<Arc<String>>,
    #[label("{label}")]
    pub(crate) span: SourceSpan,
    pub(crate) label: String,
    #[help]
    pub help: Option<String>,
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
        0 => format!("cannot read pack file {}", path.display()),
        1 => format!("pack file {} has a problem", path.display()),
        n => format!("pack file {} has {n} problems", path.display()),
    }
}

impl PackFileError {
    pub(crate) fn unreadable(path: &Path, err: &std::io::Error) -> PackFileError {
        let text = Arc::new(String::new());
        PackFileError {
            path: path.to_path_buf(),
            problems: vec![Problem {
                message: format!("cannot read the pack file: {err}"),
                file: path.display().to_string(),
                line: 1,
                column: 1,
                source_code: NamedSource::new(path.display().to_string(), text),
                span: (0, 0).into(),
                label: "unreadable".into(),
                help: Some("check the path; it is relative to the current directory".into()),
            }],
        }
    }
}
