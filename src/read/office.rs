//! Office documents (Word, Writer, RTF, spreadsheets, presentations) turned
//! into PDF by LibreOffice, headless: a private profile per conversion so
//! parallel conversions cannot collide, a time limit, and a cache keyed by
//! the file's content so an unchanged document is converted once.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::error::DocumentProblem;

/// File types LibreOffice converts for us.
pub const OFFICE_EXTENSIONS: [&str; 10] = [
    "doc", "docx", "odt", "rtf", "xls", "xlsx", "ods", "ppt", "pptx", "odp",
];

/// How long one conversion may take.
const TIME_LIMIT: Duration = Duration::from_secs(180);

pub fn is_office(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| OFFICE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Where converted documents are kept: `$AGENDAPACK_CACHE_DIR`, else
/// `$XDG_CACHE_HOME/agendapack`, else `~/.cache/agendapack`.
pub fn cache_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("AGENDAPACK_CACHE_DIR") {
        return PathBuf::from(dir);
    }
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(std::env::temp_dir);
    base.join("agendapack")
}

/// LibreOffice's PDF export for a document of extension `ext`, asked to
/// write a tagged PDF (the document's headings, lists, tables and
/// alternative text kept for screen readers). Each kind of document has an
/// export of its own.
fn export_filter(ext: &str) -> String {
    let filter = match ext {
        "xls" | "xlsx" | "ods" => "calc_pdf_Export",
        "ppt" | "pptx" | "odp" => "impress_pdf_Export",
        _ => "writer_pdf_Export",
    };
    format!(r#"pdf:{filter}:{{"UseTaggedPDF":{{"type":"boolean","value":"true"}}}}"#)
}

/// The PDF of an office document, from the cache or made by LibreOffice.
pub fn to_pdf(data: &[u8], path: &Path) -> Result<Vec<u8>, DocumentProblem> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("doc")
        .to_ascii_lowercase();
    let target = export_filter(&ext);
    // The key names the export too: a conversion made with other options
    // (untagged, before tagging was asked for) is not reused.
    let mut hash = blake3::Hasher::new();
    hash.update(target.as_bytes());
    hash.update(data);
    let key = hash.finalize().to_hex();
    let cached = cache_dir().join("converted").join(format!("{key}.pdf"));
    if let Ok(pdf) = std::fs::read(&cached) {
        return Ok(pdf);
    }
    let soffice = find_soffice().ok_or(DocumentProblem::NoLibreOffice)?;
    let work = tempfile::tempdir().map_err(|e| DocumentProblem::ConversionFailed(e.to_string()))?;
    // A copy with a plain name: LibreOffice names its output after its input.
    let input = work.path().join(format!("document.{ext}"));
    std::fs::write(&input, data).map_err(|e| DocumentProblem::ConversionFailed(e.to_string()))?;
    let profile = work.path().join("profile");
    let mut child = Command::new(&soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            &target,
            "--outdir",
        ])
        .arg(work.path())
        .arg(&input)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            DocumentProblem::ConversionFailed(format!("cannot start {}: {e}", soffice.display()))
        })?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > TIME_LIMIT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(DocumentProblem::ConversionFailed(format!(
                    "LibreOffice took longer than {} s",
                    TIME_LIMIT.as_secs()
                )));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(DocumentProblem::ConversionFailed(e.to_string())),
        }
    };
    let output = work.path().join("document.pdf");
    let pdf = std::fs::read(&output).map_err(|_| {
        let mut err = String::new();
        if let Some(mut stderr) = child.stderr.take() {
            let _ = std::io::Read::read_to_string(&mut stderr, &mut err);
        }
        DocumentProblem::ConversionFailed(format!(
            "LibreOffice made no PDF ({status}): {}",
            err.trim()
        ))
    })?;
    // Keep it for next time; a cache that cannot be written only costs time.
    if let Some(dir) = cached.parent()
        && std::fs::create_dir_all(dir).is_ok()
    {
        let _ = crate::write::write_atomically(&cached, &pdf, Default::default());
    }
    Ok(pdf)
}

/// `soffice` on the PATH, or `$AGENDAPACK_SOFFICE`.
fn find_soffice() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("AGENDAPACK_SOFFICE") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["soffice", "libreoffice"].map(|n| dir.join(n)))
        .find(|p| p.is_file())
}
