//! Errors of a build, with the item and document they concern.

use std::path::PathBuf;

use crate::config::PackFileError;
use crate::model::{Document, Item, Pack};
use crate::printable::{printable, printable_path};

/// Why a document cannot go into the pack.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocumentProblem {
    #[error("cannot read the file: {0}")]
    Unreadable(String),
    /// Not a regular file, or gone, or unreadable (read as "the file is a
    /// FIFO (named pipe), not a file").
    #[error("the file {0}")]
    Input(crate::files::InputError),
    #[error("not a PDF file (no %PDF- header, and no PDF objects)")]
    NotPdf,
    #[error("the PDF is damaged beyond repair: {0}")]
    Damaged(String),
    #[error("the PDF needs a password to open")]
    NeedsPassword,
    #[error("the password given does not open the PDF")]
    WrongPassword,
    #[error("the environment variable {0} that should hold the password is not set")]
    PasswordVariableUnset(String),
    #[error("the PDF has no readable pages")]
    NoPages,
    #[error("the image cannot be read: {0}")]
    BadImage(String),
    #[error("the document is too large to go into a pack: {0}")]
    TooLarge(String),
    #[error(
        "this kind of file cannot go into a pack (use PDF, an image, or a Word, spreadsheet or presentation file)"
    )]
    UnsupportedKind,
    #[error("LibreOffice is needed to convert this document to PDF, and it is not installed")]
    NoLibreOffice,
    #[error("converting the document to PDF failed: {0}")]
    ConversionFailed(String),
    #[error(
        "page {0} has content on a layer hidden by default, and its content cannot be read to take that out"
    )]
    HiddenLayerInseparable(usize),
    #[error("it cannot go into a PDF/A pack: {0}")]
    NotArchivable(String),
}

impl DocumentProblem {
    fn hint(&self) -> Option<&'static str> {
        match self {
            DocumentProblem::NeedsPassword => Some(
                "ask the author for an unprotected copy, or give the password: documents = [{ path = \"...\", password_env = \"VARIABLE\" }] and set VARIABLE",
            ),
            DocumentProblem::NotPdf => Some("save or export the document as PDF"),
            DocumentProblem::NoLibreOffice => Some(
                "install it (Debian/Ubuntu: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui), or set AGENDAPACK_SOFFICE to the soffice program, or export the document to PDF yourself",
            ),
            DocumentProblem::HiddenLayerInseparable(_) => Some(
                "print the report to a new PDF with only the layers you mean to publish, or publish the hidden layers: { path = \"...\", hidden_layers = \"keep\" }",
            ),
            DocumentProblem::NotArchivable(_) => Some(
                "ask the author for a PDF/A export of the report (Word: Save as PDF, Options, PDF/A compliant; LibreOffice: Export as PDF, Archive PDF/A), or build the pack without --pdfa",
            ),
            DocumentProblem::Damaged(_) | DocumentProblem::NoPages => {
                Some("open it in a PDF viewer and save or print it to a new PDF")
            }
            _ => None,
        }
    }
}

/// A document that cannot be used, named by pack file line, item and path.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}:{line}: item {item} (\u{201c}{}\u{201d}), document `{}`: {problem}{}", printable(pack), printable(item_title), printable_path(document), hint.map(|h| format!("\n  hint: {h}")).unwrap_or_default())]
pub struct DocumentError {
    pub pack: String,
    pub line: usize,
    pub item: crate::model::ItemNumber,
    pub item_title: String,
    pub document: PathBuf,
    pub problem: DocumentProblem,
    hint: Option<&'static str>,
}

impl DocumentError {
    pub fn new(
        pack: &Pack,
        item: &Item,
        document: &Document,
        problem: DocumentProblem,
    ) -> DocumentError {
        DocumentError {
            pack: pack.source.display().to_string(),
            line: document.line,
            item: item.number.clone(),
            item_title: item.title.clone(),
            document: document.path.clone(),
            hint: problem.hint(),
            problem,
        }
    }
}

/// Everything that can stop a build.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    PackFile(#[from] PackFileError),
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Documents(Vec<DocumentError>),
    #[error("cannot read front-sheet image {}: {reason}", printable_path(path))]
    Picture { path: PathBuf, reason: String },
    #[error("cannot write {}: {reason}", printable_path(path))]
    Output { path: PathBuf, reason: String },
    #[error("internal error while {stage}: {reason}")]
    Internal { stage: &'static str, reason: String },
    /// The publication record cannot be used, or asks for what cannot be
    /// done (a supplement with nothing late).
    #[error("publication record {}: {reason}", printable_path(path))]
    Publication { path: PathBuf, reason: String },
    /// The build would move page numbers already published.
    #[error(
        "{} was published on {published} (see {record}), and this build would move published page numbers:\n{}\nnothing was written. Put the late reports in a supplementary pack (agendapack supplement {}), or renumber on purpose (agendapack build --renumber, then agendapack publish --renumber)",
        printable_path(path),
        moves.iter().map(|m| format!("  {}", printable(m))).collect::<Vec<_>>().join("\n"),
        printable_path(path)
    )]
    WouldMove {
        path: PathBuf,
        published: String,
        record: String,
        moves: Vec<String>,
    },
}

impl BuildError {
    /// The process exit code documented in the README.
    pub fn exit_code(&self) -> i32 {
        match self {
            BuildError::PackFile(_) | BuildError::Picture { .. } => 3,
            BuildError::Documents(_) => 4,
            BuildError::Output { .. } => 5,
            BuildError::Internal { .. } => 1,
            BuildError::Publication { .. } | BuildError::WouldMove { .. } => 7,
        }
    }
}
