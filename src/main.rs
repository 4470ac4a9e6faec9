//! The `agendapack` command: parses arguments, calls the library, prints
//! results and owns the exit codes (documented in the README).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use agendapack::config::{self, PackFileError};
use agendapack::{BuildError, output};

/// Builds a council meeting's public document pack from a pack file.
#[derive(Parser)]
#[command(version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the pack PDF.
    Build {
        /// The pack file (TOML).
        pack: PathBuf,
        /// Where to write the PDF [default: the pack file with .pdf, e.g. pack.toml → pack.pdf].
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Check the pack file and every document, writing nothing.
    Check {
        /// The pack file (TOML).
        pack: PathBuf,
    },
    /// Print the page map: each item's documents and printed page range.
    Plan {
        /// The pack file (TOML).
        pack: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build { pack, output } => build(&pack, output),
        Command::Check { pack } => check(&pack),
        Command::Plan { pack, format } => plan(&pack, format),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            report(&err);
            ExitCode::from(err.exit_code() as u8)
        }
    }
}

fn report(err: &BuildError) {
    match err {
        BuildError::PackFile(e) => report_pack_file(e),
        BuildError::Documents(errors) => {
            for e in errors {
                eprintln!("error: {e}");
            }
            let n = errors.len();
            eprintln!(
                "error: {n} document{} cannot be used; nothing was written",
                if n == 1 { "" } else { "s" }
            );
        }
        other => eprintln!("error: {other}"),
    }
}

fn report_pack_file(err: &PackFileError) {
    let colour = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::io::IsTerminal::is_terminal(&std::io::stderr());
    let handler = miette::GraphicalReportHandler::new_themed(if colour {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    });
    for problem in &err.problems {
        let mut text = String::new();
        if handler.render_report(&mut text, problem).is_ok() {
            eprintln!("error: {text}");
        } else {
            eprintln!("error: {problem}");
        }
    }
    eprintln!("error: {err}; nothing was written");
}

fn load(pack: &Path) -> Result<agendapack::model::Pack, BuildError> {
    Ok(config::load(pack)?)
}

fn build(pack_path: &Path, output: Option<PathBuf>) -> Result<(), BuildError> {
    let pack = load(pack_path)?;
    let built = agendapack::build(&pack)?;
    let output = output.unwrap_or_else(|| config::default_output(pack_path));
    output::write_atomically(&output, &built.pdf)?;
    for warning in &built.warnings {
        eprintln!("warning: {warning}");
    }
    let plan = &built.plan;
    println!(
        "Wrote {}: {} pages ({} front matter, {} numbered), {} items, {} documents, {}",
        output.display(),
        plan.total_pages,
        plan.front_matter_pages,
        plan.printed_pages,
        pack.items.len(),
        pack.items.iter().map(|i| i.documents.len()).sum::<usize>(),
        megabytes(built.pdf.len() as u64),
    );
    if built.shared_streams > 0 {
        println!(
            "Stored {} repeated fonts, images or other streams once, saving {} (inputs {}).",
            built.shared_streams,
            megabytes(built.saved_bytes),
            megabytes(built.input_bytes)
        );
    }
    Ok(())
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

fn check(pack_path: &Path) -> Result<(), BuildError> {
    let pack = load(pack_path)?;
    let prepared = agendapack::prepare(&pack)?;
    let documents: usize = pack.items.iter().map(|i| i.documents.len()).sum();
    println!(
        "{}: OK: {} items, {} documents, {} pages would be built",
        pack_path.display(),
        pack.items.len(),
        documents,
        prepared.plan.total_pages
    );
    Ok(())
}

fn plan(pack_path: &Path, format: Format) -> Result<(), BuildError> {
    let pack = load(pack_path)?;
    let prepared = agendapack::prepare(&pack)?;
    let plan = &prepared.plan;
    match format {
        Format::Json => {
            let json = serde_json::json!({
                "pack": pack_path.display().to_string(),
                "meeting": {
                    "body": pack.meeting.body,
                    "date": pack.meeting.date.to_string(),
                },
                "front_pages": plan.front_pages,
                "front_matter_pages": plan.front_matter_pages,
                "printed_pages": plan.printed_pages,
                "total_pages": plan.total_pages,
                "items": plan.items,
            });
            println!(
                "{}",
                serde_json::to_string_pretty(&json).expect("plain values serialise")
            );
        }
        Format::Text => {
            println!(
                "{} \u{2013} {}: {} pages ({} front matter, {} numbered)",
                pack.meeting.body,
                pack.meeting.date.long(),
                plan.total_pages,
                plan.front_matter_pages,
                plan.printed_pages
            );
            println!("{:>4}  {:<9}  Title", "Item", "Pages");
            for item in &plan.items {
                let pages = item.pages.map(|r| r.to_string()).unwrap_or_default();
                println!("{:>4}  {:<9}  {}", item.number, pages, item.title);
                for doc in &item.documents {
                    println!(
                        "{:>4}  {:<9}    {} ({})",
                        "",
                        doc.pages.to_string(),
                        doc.title,
                        doc.path
                    );
                }
            }
        }
    }
    Ok(())
}
