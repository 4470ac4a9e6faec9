//! The `agendapack` command: parses arguments, calls the library, prints
//! results and owns the exit codes (documented in the README).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use agendapack::batch::BatchOptions;
use agendapack::config::{self, PackFileError};
use agendapack::model::Edition;
use agendapack::printable::{printable, printable_lines, printable_path};
use agendapack::{BuildError, write};

/// Builds a council meeting's public document pack from a pack file.
#[derive(Parser)]
#[command(version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// How a pack is written, for the commands that write one.
#[derive(Args, Clone, Copy)]
struct Written {
    /// Write PDF/A-2b, for archiving: sRGB output intent, every font
    /// embedded; a report that cannot be in one is refused, naming why.
    #[arg(long)]
    pdfa: bool,
}

impl From<Written> for agendapack::Output {
    fn from(w: Written) -> Self {
        agendapack::Output { pdfa: w.pdfa }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Build the pack PDF; given a folder, build every pack file under it.
    Build {
        /// The pack file (TOML), or a folder of pack files.
        pack: PathBuf,
        /// Which edition to build: `public` (every document not exempt),
        /// `members` (every document, exempt pages numbered E1, E2, ...), or
        /// `both`.
        #[arg(long, value_enum, default_value_t = EditionArg::Public)]
        edition: EditionArg,
        /// With a folder: write the public packs under OUT_DIR, at the pack
        /// files' relative paths [default: beside each pack file].
        #[arg(long)]
        out_dir: Option<PathBuf>,
        /// With a folder: write the members' editions under
        /// MEMBERS_OUT_DIR [default: beside each pack file; required with
        /// --out-dir, which is where public packs go].
        #[arg(long)]
        members_out_dir: Option<PathBuf>,
        /// With a folder: keep build records under STATE_DIR, at the pack
        /// files' relative paths [default: a .agendapack folder beside each
        /// pack file].
        #[arg(long)]
        state_dir: Option<PathBuf>,
        /// With a folder: packs built at once [default: the machine's cores].
        #[arg(short, long)]
        jobs: Option<usize>,
        /// With a folder: rebuild packs whose inputs have not changed.
        #[arg(long)]
        force: bool,
        /// With a folder: print a summary as JSON on stdout.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Print errors only.
        #[arg(short, long)]
        quiet: bool,
        /// Wait until each pack is on the disk (fsync) before it replaces
        /// the old one, so it survives a power cut; slower.
        #[arg(long)]
        fsync: bool,
        /// Where to write the PDF [default: the pack file with .pdf, e.g. pack.toml → pack.pdf].
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Once published: build with new page numbers, every document in
        /// the main pack, and print what moved.
        #[arg(long)]
        renumber: bool,
        #[command(flatten)]
        written: Written,
    },
    /// Build the public pack and record what was published, so that its
    /// page numbers never move.
    Publish {
        /// The pack file (TOML).
        pack: PathBuf,
        /// Where to write the PDF [default: as build].
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Publish new page numbers on purpose (after build --renumber).
        #[arg(long)]
        renumber: bool,
        #[command(flatten)]
        written: Written,
        /// Print errors only.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Build a supplementary pack of the reports that arrived after
    /// publication, numbered on from the last published page.
    Supplement {
        /// The pack file (TOML).
        pack: PathBuf,
        /// The public edition is always written (it is what is published);
        /// `members` or `both` writes the members' edition too.
        #[arg(long, value_enum, default_value_t = EditionArg::Public)]
        edition: EditionArg,
        /// Where to write the public edition [default: pack-supplement-N.pdf
        /// beside the pack file; the members' edition
        /// pack-supplement-N-members-not-for-publication.pdf].
        #[arg(short, long)]
        output: Option<PathBuf>,
        #[command(flatten)]
        written: Written,
        /// Print errors only.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Build the web agenda: a static website of the meetings' public packs.
    Site {
        /// A folder of pack files, or one pack file.
        input: PathBuf,
        /// The folder the website is written to.
        #[arg(short, long)]
        output: PathBuf,
        /// Meetings on or after this date are listed as upcoming
        /// [default: today].
        #[arg(long)]
        today: Option<String>,
        /// A folder holding site.css, to restyle the site.
        #[arg(long)]
        template: Option<PathBuf>,
        /// Packs built at once [default: the machine's cores].
        #[arg(short, long)]
        jobs: Option<usize>,
        /// Rebuild meetings whose inputs have not changed.
        #[arg(long)]
        force: bool,
        /// Print errors only.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Make a pack folder to start from: a commented pack.toml and sample
    /// reports, which builds as it is.
    New {
        /// The folder to make (it must not exist, or be empty).
        dir: PathBuf,
        /// The front sheet's template: default or parish.
        #[arg(long, default_value = "default")]
        template: String,
    },
    /// Check the pack file and every document, writing nothing; given a
    /// folder, every pack file under it.
    Check {
        /// The pack file (TOML), or a folder of pack files.
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

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum EditionArg {
    Public,
    Members,
    Both,
}

impl EditionArg {
    fn editions(self) -> Vec<Edition> {
        match self {
            EditionArg::Public => vec![Edition::Public],
            EditionArg::Members => vec![Edition::Members],
            EditionArg::Both => Edition::ALL.to_vec(),
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    tune_allocator();
    write::temp::remove_on_signals();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // A usage error quotes the arguments, which may be file names.
        Err(e) if e.use_stderr() => {
            eprint!("{}", printable_lines(&e.render().to_string()));
            return ExitCode::from(e.exit_code() as u8);
        }
        Err(e) => e.exit(),
    };
    let result = match cli.command {
        Command::Build {
            pack,
            output,
            edition,
            out_dir,
            members_out_dir,
            renumber,
            state_dir,
            jobs,
            force,
            format,
            quiet,
            fsync,
            written,
        } => {
            let written = agendapack::Output::from(written);
            let durability = if fsync {
                write::Durability::Synced
            } else {
                write::Durability::Written
            };
            if pack.is_dir() && output.is_some() {
                eprintln!(
                    "error: -o names one PDF, and {} is a folder of packs; use --out-dir for a \
                     folder (each pack is written at its relative path); nothing was written",
                    printable_path(&pack)
                );
                return ExitCode::from(2);
            }
            if !pack.is_dir() {
                // What only a folder of packs takes is not silently ignored.
                let folder_only = [
                    ("--out-dir", out_dir.is_some()),
                    ("--members-out-dir", members_out_dir.is_some()),
                    ("--state-dir", state_dir.is_some()),
                    ("--jobs", jobs.is_some()),
                    ("--force", force),
                    ("--format json", matches!(format, Format::Json)),
                ];
                let given: Vec<&str> = folder_only
                    .iter()
                    .filter(|(_, given)| *given)
                    .map(|(name, _)| *name)
                    .collect();
                if !given.is_empty() {
                    eprintln!(
                        "error: {} {} for a folder of packs, and {} is one pack file; use -o to \
                         choose where its PDF goes (a single build always builds); nothing was \
                         written",
                        given.join(", "),
                        if given.len() == 1 { "is" } else { "are" },
                        printable_path(&pack)
                    );
                    return ExitCode::from(2);
                }
            }
            if pack.is_dir() {
                if renumber {
                    eprintln!(
                        "error: --renumber is for one pack at a time, not a folder; nothing \
                         was written"
                    );
                    return ExitCode::from(2);
                }
                let editions = edition.editions();
                // A folder given for the public packs may be the one that is
                // published: the members' editions go there only if named.
                if out_dir.is_some()
                    && members_out_dir.is_none()
                    && editions.contains(&Edition::Members)
                {
                    eprintln!(
                        "error: --out-dir is where the public packs go; give the members' \
                         editions their own folder with --members-out-dir (it may be the \
                         same folder, if that is what you mean); nothing was written"
                    );
                    return ExitCode::from(2);
                }
                if members_out_dir.is_some() && !editions.contains(&Edition::Members) {
                    eprintln!(
                        "error: --members-out-dir is where the members' editions go, and only \
                         the public ones were asked for; add --edition members or --edition \
                         both; nothing was written"
                    );
                    return ExitCode::from(2);
                }
                let options = agendapack::batch::BatchOptions {
                    out_dir,
                    members_out_dir,
                    editions,
                    state_dir,
                    jobs: jobs.unwrap_or_else(|| {
                        std::thread::available_parallelism().map_or(1, |n| n.get())
                    }),
                    force,
                    durability,
                    output: written,
                };
                return batch(&pack, &options, format, quiet);
            }
            if output.is_some() && edition == EditionArg::Both {
                eprintln!(
                    "error: -o names one file, and --edition both makes two; build each \
                     edition with its own -o, or leave -o out; nothing was written"
                );
                return ExitCode::from(2);
            }
            edition.editions().into_iter().try_for_each(|e| {
                build(
                    &pack,
                    e,
                    output.clone(),
                    durability,
                    quiet,
                    renumber,
                    written,
                )
            })
        }
        Command::Publish {
            pack,
            output,
            renumber,
            quiet,
            written,
        } => publish(&pack, output, renumber, quiet, written.into()),
        Command::Site {
            input,
            output,
            today,
            template,
            jobs,
            force,
            quiet,
        } => {
            let today = match today {
                None => Some(agendapack::model::Date::today_plus(0)),
                Some(text) => agendapack::model::Date::parse(&text),
            };
            let Some(today) = today else {
                eprintln!("error: --today takes a date as YYYY-MM-DD");
                return ExitCode::from(2);
            };
            let options = agendapack::site::SiteOptions {
                out: output,
                today,
                jobs: jobs
                    .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
                force,
                template,
            };
            return site(&input, &options, quiet);
        }
        Command::Supplement {
            pack,
            edition,
            output,
            quiet,
            written,
        } => supplement(&pack, &edition.editions(), output, quiet, written.into()),
        Command::New { dir, template } => match agendapack::scaffold::new_pack(&dir, &template) {
            Ok(made) => {
                for path in &made {
                    println!("made {}", printable_path(path));
                }
                println!(
                    "Build it with: agendapack build {}",
                    printable_path(&dir.join("pack.toml"))
                );
                Ok(())
            }
            Err(e) => Err(e),
        },
        Command::Check { pack } if pack.is_dir() => return check_folder(&pack),
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

/// Lets glibc's malloc keep and reuse freed memory. By default each block
/// over 128 kB (every image of a report) is a fresh mapping from the
/// kernel, whose every page faults and is zeroed on first use, and which is
/// unmapped again when freed; reading a pack's reports spent more time there
/// than parsing them. With blocks up to 32 MB served from the heap, the
/// heap grown 64 MB at a time and not trimmed below 256 MB, a file read is
/// parsed into memory a previous file used: the 410-page benchmark builds
/// about 6 ms (9%) faster, for 1 MB more peak memory.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn tune_allocator() {
    const M_TRIM_THRESHOLD: i32 = -1;
    const M_TOP_PAD: i32 = -2;
    const M_MMAP_THRESHOLD: i32 = -3;
    unsafe extern "C" {
        fn mallopt(param: i32, value: i32) -> i32;
    }
    // SAFETY: mallopt only sets malloc's parameters; it is called before any
    // other thread exists. A value it refuses leaves the default in place.
    unsafe {
        mallopt(M_MMAP_THRESHOLD, 32 << 20);
        mallopt(M_TOP_PAD, 64 << 20);
        mallopt(M_TRIM_THRESHOLD, 256 << 20);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn tune_allocator() {}

fn report(err: &BuildError) {
    match err {
        BuildError::PackFile(e) => report_pack_file(e),
        BuildError::Documents(errors) => {
            for e in errors {
                eprintln!("error: {}", printable_lines(&e.to_string()));
            }
            let n = errors.len();
            eprintln!(
                "error: {n} document{} cannot be used; nothing was written",
                if n == 1 { "" } else { "s" }
            );
        }
        other => eprintln!("error: {}", printable_lines(&other.to_string())),
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

fn build(
    pack_path: &Path,
    edition: Edition,
    output: Option<PathBuf>,
    durability: write::Durability,
    quiet: bool,
    renumber: bool,
    written: agendapack::Output,
) -> Result<(), BuildError> {
    let mut stages = agendapack::timing::Stages::start();
    let pack = load(pack_path)?;
    stages.done("read pack file");
    let output = output.unwrap_or_else(|| config::default_output(pack_path, edition));
    // Refused before the work of building, and checked again at writing.
    write::clash::Inputs::of(&pack).check(pack_path, &output)?;
    let prepared = agendapack::prepare_with(&pack, edition, renumber)?;
    if renumber {
        print_renumbered(&prepared);
    } else {
        prepared.guard()?;
    }
    let built = agendapack::finish_with(prepared, written)?;
    let mut stages = agendapack::timing::Stages::start();
    let size = built.write(&output, durability)?;
    stages.done("write file");
    for warning in &built.warnings {
        eprintln!("warning: {}", printable_lines(warning));
    }
    if !quiet {
        let plan = &built.plan;
        let exempt = match edition {
            Edition::Public => String::new(),
            Edition::Members => format!(
                ", {} exempt (E1 - E{})",
                plan.exempt_pages, plan.exempt_pages
            ),
        };
        let documents: usize = pack
            .items
            .iter()
            .flat_map(|i| &i.documents)
            .filter(|d| edition.includes(d))
            .count();
        let left_out: usize =
            pack.items.iter().map(|i| i.documents.len()).sum::<usize>() - documents;
        println!(
            "Wrote the {} edition {}: {} pages ({} front matter, {} numbered{exempt}), {} items, {} documents{}, {}",
            edition.name(),
            printable_path(&output),
            plan.total_pages,
            plan.front_matter_pages,
            plan.printed_pages,
            pack.items.len(),
            documents,
            if left_out > 0 {
                format!(" ({left_out} exempt left out)")
            } else {
                String::new()
            },
            megabytes(size),
        );
        if built.shared_streams > 0 {
            println!(
                "Stored {} repeated fonts, images or other streams once, saving {} (inputs {}).",
                built.shared_streams,
                megabytes(built.saved_bytes),
                megabytes(built.input_bytes)
            );
        }
        print_accessibility(&built);
    }
    // The process ends here: freeing tens of thousands of objects one by
    // one would only keep the clerk waiting while the kernel frees it all.
    std::mem::forget(built);
    Ok(())
}

/// Says what a screen reader can read of a pack: whether it is tagged
/// throughout, and which reports came untagged, for the clerk to send
/// back.
fn print_accessibility(built: &agendapack::Built) {
    let a = &built.accessibility;
    let archival = if built.pdfa { " PDF/A-2b." } else { "" };
    if a.claimed {
        println!(
            "Tagged throughout ({} report{} with {} own tags): the pack claims PDF/UA-1.{archival}",
            a.tagged_reports,
            if a.tagged_reports == 1 { "" } else { "s" },
            if a.tagged_reports == 1 {
                "its"
            } else {
                "their"
            },
        );
        return;
    }
    let total = a.tagged_reports + a.untagged.len();
    let reports = match total {
        0 => String::new(),
        _ => format!(
            ", and {} of {total} report{} (their own tags kept)",
            a.tagged_reports,
            if total == 1 { "" } else { "s" },
        ),
    };
    println!("Tagged: the notice and agenda{reports}; not claimed as PDF/UA.{archival}");
    if let Err(reason) = &a.our_pages {
        println!(
            "  The notice and agenda did not pass the PDF/UA-1 check: {}",
            printable(reason)
        );
    }
    if !a.untagged.is_empty() {
        println!(
            "  Untagged, so a screen reader cannot follow them (ask the author for a tagged PDF, \
             e.g. Word: Save as PDF with \"Document structure tags for accessibility\"):"
        );
        for report in &a.untagged {
            println!("  {}", printable(report));
        }
    }
}

/// Prints what `--renumber` moves from the published page map.
fn print_renumbered(prepared: &agendapack::Prepared) {
    if prepared.record.is_none() {
        println!("Not published yet: there are no published numbers to move.");
        return;
    }
    let moves = prepared.moves();
    if moves.is_empty() {
        println!("Renumbered: no published page number moves.");
    } else {
        println!(
            "Renumbered: {} change{} from the published page numbers (old \u{2192} new):",
            moves.len(),
            if moves.len() == 1 { "" } else { "s" }
        );
        for m in &moves {
            println!("  {}", printable(m));
        }
        println!("Publish the new numbers with: agendapack publish --renumber");
    }
}

fn publish(
    pack_path: &Path,
    output: Option<PathBuf>,
    renumber: bool,
    quiet: bool,
    written: agendapack::Output,
) -> Result<(), BuildError> {
    use agendapack::publication::{Publication, Record};
    let pack = load(pack_path)?;
    let output = output.unwrap_or_else(|| config::default_output(pack_path, Edition::Public));
    write::clash::Inputs::of(&pack).check(pack_path, &output)?;
    // Nothing changed since publication: said before any document is
    // opened.
    let record = Record::load(&pack)?;
    let main = match &record {
        Some(record) if !renumber => record.main_pack(&pack),
        _ => pack.clone(),
    };
    let inputs = agendapack::batch::content_hash(&main, Edition::Public).map_err(|e| {
        BuildError::Publication {
            path: agendapack::publication::record_path(pack_path),
            reason: format!("cannot read an input: {e}"),
        }
    })?;
    let output_text = output.to_string_lossy().into_owned();
    if let Some(record) = &record {
        let published = record.main();
        if !renumber
            && published.inputs == inputs
            && published.output == output_text
            && output.exists()
        {
            println!(
                "Nothing changed since {} was published on {}; nothing written.",
                printable_path(&output),
                published.date
            );
            return Ok(());
        }
    }
    let public = agendapack::prepare_with(&pack, Edition::Public, renumber)?;
    // The members' numbers are recorded too, so that their supplements
    // number on from them.
    let members = agendapack::prepare_with(&pack, Edition::Members, renumber)?;
    if !renumber {
        public.guard()?;
        members.guard()?;
    }
    let moves = if renumber { public.moves() } else { Vec::new() };
    let publication = Publication {
        number: 0,
        date: agendapack::publication::today(),
        output: output_text,
        inputs,
        public: public.map(),
        members: members.map(),
    };
    let built = agendapack::finish_with(public, written)?;
    let size = built.write(&output, write::Durability::Synced)?;
    let record = match record {
        Some(mut record) => {
            record.replace_main(publication, renumber);
            record
        }
        None => Record::new(publication),
    };
    record.save(&pack)?;
    for warning in &built.warnings {
        eprintln!("warning: {}", printable_lines(warning));
    }
    if !quiet {
        let plan = &built.plan;
        println!(
            "Published {}: {} pages ({} numbered, 1 - {}), {}; recorded in {}",
            printable_path(&output),
            plan.total_pages,
            plan.printed_pages,
            plan.printed_pages,
            megabytes(size),
            printable_path(&agendapack::publication::record_path(pack_path)),
        );
        if renumber && !moves.is_empty() {
            println!("Renumbered (old \u{2192} new):");
            for m in &moves {
                println!("  {}", printable(m));
            }
        }
    }
    std::mem::forget(built);
    Ok(())
}

fn supplement(
    pack_path: &Path,
    editions: &[Edition],
    output: Option<PathBuf>,
    quiet: bool,
    written: agendapack::Output,
) -> Result<(), BuildError> {
    use agendapack::publication::{Publication, Record, record_path};
    let pack = load(pack_path)?;
    let refuse = |reason: &str| BuildError::Publication {
        path: record_path(pack_path),
        reason: reason.to_string(),
    };
    let mut record = Record::load(&pack)?.ok_or_else(|| {
        refuse(
            "there is none: the pack has not been published, so nothing can be late; \
             publish it first (agendapack publish); nothing was written",
        )
    })?;
    let Some(late) = record.supplement(&pack) else {
        return Err(refuse(
            "nothing is late: every document of the pack file is in the published pack or a \
             supplement; nothing was written",
        ));
    };
    let number = record.publications.len() as u32;
    let public = agendapack::prepare(&late, Edition::Public)?;
    let members = agendapack::prepare(&late, Edition::Members)?;
    let inputs = agendapack::batch::content_hash(&late, Edition::Public)
        .map_err(|e| refuse(&format!("cannot read an input: {e}")))?;
    let output_for = |edition: Edition| match (edition, &output) {
        (Edition::Public, Some(output)) => output.clone(),
        _ => config::supplement_output(pack_path, number, edition),
    };
    let public_output = output_for(Edition::Public);
    let publication = Publication {
        number,
        date: agendapack::publication::today(),
        output: public_output.to_string_lossy().into_owned(),
        inputs,
        public: public.map(),
        members: members.map(),
    };
    let mut prepared = vec![(Edition::Public, public), (Edition::Members, members)];
    prepared.retain(|(e, _)| *e == Edition::Public || editions.contains(e));
    for (edition, ready) in prepared {
        let out = output_for(edition);
        write::clash::Inputs::of(&pack).check(pack_path, &out)?;
        let built = agendapack::finish_with(ready, written)?;
        let size = built.write(&out, write::Durability::Synced)?;
        for warning in &built.warnings {
            eprintln!("warning: {}", printable_lines(warning));
        }
        if !quiet {
            let plan = &built.plan;
            let pages = if plan.printed_pages == 0 {
                "no numbered pages".to_string()
            } else {
                format!(
                    "pages {} - {}",
                    plan.first_page,
                    plan.first_page + plan.printed_pages - 1
                )
            };
            let exempt = if plan.exempt_pages > 0 {
                format!(
                    ", exempt E{} - E{}",
                    plan.first_exempt,
                    plan.first_exempt + plan.exempt_pages - 1
                )
            } else {
                String::new()
            };
            println!(
                "Wrote supplement {number} ({} edition) {}: {}{exempt}, {} item{}, {}",
                edition.name(),
                printable_path(&out),
                pages,
                plan.items.len(),
                if plan.items.len() == 1 { "" } else { "s" },
                megabytes(size)
            );
        }
        std::mem::forget(built);
    }
    record.push(publication);
    record.save(&pack)?;
    if !quiet {
        println!(
            "Recorded supplement {number} in {}",
            printable_path(&record_path(pack_path))
        );
    }
    Ok(())
}

fn site(input: &Path, options: &agendapack::site::SiteOptions, quiet: bool) -> ExitCode {
    use agendapack::batch::{PackResult, Status};
    let progress = |r: &PackResult| match r.status {
        Status::Failed => eprintln!(
            "failed  {}: {}",
            printable_path(&r.pack),
            printable_lines(r.error.as_deref().unwrap_or("unknown error"))
        ),
        Status::Built if !quiet => {
            println!(
                "built   {} -> {}",
                printable_path(&r.pack),
                printable_path(&r.output)
            );
            for w in &r.warnings {
                eprintln!("warning: {}", printable_lines(w));
            }
        }
        Status::Skipped if !quiet => {
            println!("skipped {} (unchanged)", printable_path(&r.pack));
        }
        _ => {}
    };
    let (results, skipped) = match agendapack::site::run(input, options, &progress) {
        Ok(done) => done,
        Err(e) => {
            eprintln!(
                "error: cannot build the site: {}",
                printable_lines(&e.to_string())
            );
            return ExitCode::from(BATCH_FAILED);
        }
    };
    for s in &skipped {
        eprintln!("warning: {}", printable_lines(s));
    }
    let failed = results
        .iter()
        .filter(|r| r.status == Status::Failed)
        .count();
    if !quiet || failed > 0 {
        let line = format!(
            "{} meetings: {} built, {} skipped, {failed} failed; site in {}",
            results.len(),
            results.iter().filter(|r| r.status == Status::Built).count(),
            results
                .iter()
                .filter(|r| r.status == Status::Skipped)
                .count(),
            printable_path(&options.out)
        );
        if failed > 0 {
            eprintln!("{line}");
        } else {
            println!("{line}");
        }
    }
    if failed > 0 {
        ExitCode::from(BATCH_FAILED)
    } else {
        ExitCode::SUCCESS
    }
}

/// Exit code of a batch in which some pack failed.
const BATCH_FAILED: u8 = 6;

fn batch(dir: &Path, options: &BatchOptions, format: Format, quiet: bool) -> ExitCode {
    use agendapack::batch::{self, PackResult, Status};
    let Some(found) = find_packs(dir) else {
        return ExitCode::from(BATCH_FAILED);
    };
    let total = found.packs.len();
    let interactive = !quiet
        && matches!(format, Format::Text)
        && std::io::IsTerminal::is_terminal(&std::io::stderr());
    let bar = if interactive {
        let bar = indicatif::ProgressBar::new(total as u64);
        let style = indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} packs {msg}")
            .expect("a valid template");
        bar.set_style(style);
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let line = |r: &PackResult| -> String {
        match r.status {
            Status::Built => format!(
                "built   {} ({}) -> {} ({} pages, {:.1} s)",
                printable_path(&r.pack),
                r.edition.name(),
                printable_path(&r.output),
                r.pages.unwrap_or(0),
                r.seconds
            ),
            Status::Skipped => format!(
                "skipped {} ({}, unchanged)",
                printable_path(&r.pack),
                r.edition.name()
            ),
            Status::Failed => format!(
                "failed  {} ({}): {}",
                printable_path(&r.pack),
                r.edition.name(),
                printable_lines(r.error.as_deref().unwrap_or("unknown error"))
            ),
        }
    };
    let progress = |r: &PackResult| {
        bar.inc(1);
        bar.set_message(printable_path(&r.pack));
        let failed = r.status == Status::Failed;
        if matches!(format, Format::Json) || (quiet && !failed) {
            return;
        }
        let text = line(r);
        if interactive {
            bar.println(text);
        } else if failed {
            eprintln!("{text}");
        } else {
            println!("{text}");
        }
        if !quiet {
            for w in &r.warnings {
                eprintln!("warning: {}", printable_lines(w));
            }
        }
    };
    let results = match batch::run(dir, &found.packs, options, &progress) {
        Ok(results) => results,
        Err(e) => {
            eprintln!("error: cannot start the batch: {e}");
            return ExitCode::from(BATCH_FAILED);
        }
    };
    bar.finish_and_clear();
    let count = |s: Status| results.iter().filter(|r| r.status == s).count();
    let failed = count(Status::Failed);
    match format {
        Format::Json => {
            let json = serde_json::json!({ "packs": results, "warnings": found.skipped });
            println!(
                "{}",
                serde_json::to_string_pretty(&json).expect("plain values serialise")
            );
        }
        Format::Text if !quiet || failed > 0 => {
            let summary = format!(
                "{} packs: {} built, {} skipped, {} failed",
                results.len(),
                count(Status::Built),
                count(Status::Skipped),
                failed
            );
            if failed > 0 {
                eprintln!("{summary}");
            } else {
                println!("{summary}");
            }
        }
        Format::Text => {}
    }
    if failed > 0 {
        ExitCode::from(BATCH_FAILED)
    } else {
        ExitCode::SUCCESS
    }
}

/// A size as a clerk reads it: kB below a megabyte, else MB (10^3, 10^6).
fn megabytes(bytes: u64) -> String {
    if bytes < 1_000_000 {
        format!("{:.1} kB", bytes as f64 / 1_000.0)
    } else {
        format!("{:.1} MB", bytes as f64 / 1_000_000.0)
    }
}

/// The pack files under `dir`, with a warning for each folder or file
/// skipped (said even with --quiet: it may hide a meeting); `None`, said,
/// if `dir` cannot be read.
fn find_packs(dir: &Path) -> Option<agendapack::batch::Found> {
    match agendapack::batch::find_packs(dir) {
        Ok(found) => {
            for skipped in &found.skipped {
                eprintln!("warning: {}", printable_lines(skipped));
            }
            Some(found)
        }
        Err(e) => {
            eprintln!("error: cannot read folder {}: {e}", printable_path(dir));
            None
        }
    }
}

/// Checks every pack file under a folder, as `build FOLDER` finds them.
fn check_folder(dir: &Path) -> ExitCode {
    let Some(found) = find_packs(dir) else {
        return ExitCode::from(BATCH_FAILED);
    };
    let mut failed = 0;
    for pack in &found.packs {
        if let Err(err) = check(pack) {
            failed += 1;
            report(&err);
        }
    }
    let summary = format!(
        "{} packs checked: {} OK, {failed} with problems",
        found.packs.len(),
        found.packs.len() - failed
    );
    if failed > 0 {
        eprintln!("{summary}");
        ExitCode::from(BATCH_FAILED)
    } else {
        println!("{summary}");
        ExitCode::SUCCESS
    }
}

fn check(pack_path: &Path) -> Result<(), BuildError> {
    let pack = load(pack_path)?;
    let documents: usize = pack.items.iter().map(|i| i.documents.len()).sum();
    let public_documents: usize = pack
        .for_edition(Edition::Public)
        .items
        .iter()
        .map(|i| i.documents.len())
        .sum();
    let exempt = documents - public_documents;
    // Every document is opened once: by the public edition when it holds
    // them all, else by the members' edition, whose page counts give the
    // public edition's map. Once published, a pack that would move a
    // published page fails here as it fails to build.
    if exempt == 0 {
        let public = agendapack::prepare(&pack, Edition::Public)?;
        public.guard()?;
        println!(
            "{}: OK: {} items, {} documents, {} pages would be built",
            printable_path(pack_path),
            pack.items.len(),
            documents,
            public.plan.total_pages
        );
    } else {
        let members = agendapack::prepare(&pack, Edition::Members)?;
        members.guard()?;
        let public_pages = members
            .plan_for(Edition::Public)
            .expect("the members' edition opens every public document")
            .total_pages;
        println!(
            "{}: OK: {} items, {} documents ({} exempt), {} pages would be built in the public \
             edition and {} in the members'",
            printable_path(pack_path),
            pack.items.len(),
            documents,
            exempt,
            public_pages,
            members.plan.total_pages
        );
    }
    Ok(())
}

fn plan(pack_path: &Path, format: Format) -> Result<(), BuildError> {
    let pack = load(pack_path)?;
    // Every document is opened once, for the members' edition; the public
    // edition's map comes from the same page counts.
    let members = agendapack::prepare(&pack, Edition::Members)?;
    let public_plan = members
        .plan_for(Edition::Public)
        .expect("the members' edition opens every public document");
    for m in members.moves() {
        eprintln!(
            "warning: this moves a published page number (build will refuse it): {}",
            printable(&m)
        );
    }
    let plan = &public_plan;
    match format {
        Format::Json => {
            // The public edition's map at the top, as before editions;
            // each edition's under `editions`.
            let json = serde_json::json!({
                "pack": pack_path.to_string_lossy(),
                "meeting": {
                    "body": pack.meeting.body,
                    "date": pack.meeting.date.to_string(),
                },
                "front_pages": plan.front_pages,
                "front_matter_pages": plan.front_matter_pages,
                "printed_pages": plan.printed_pages,
                "total_pages": plan.total_pages,
                "items": plan.items,
                "editions": {
                    "public": &public_plan,
                    "members": &members.plan,
                },
            });
            println!(
                "{}",
                serde_json::to_string_pretty(&json).expect("plain values serialise")
            );
        }
        Format::Text => {
            let has_exempt =
                members.plan.exempt_pages > 0 || pack.items.iter().any(|i| i.exempt.is_some());
            print_plan(&pack, &public_plan, has_exempt);
            if has_exempt {
                println!();
                print_plan(&pack, &members.plan, has_exempt);
            }
        }
    }
    Ok(())
}

fn print_plan(pack: &agendapack::model::Pack, plan: &agendapack::plan::PagePlan, editions: bool) {
    let edition = if editions {
        format!(" \u{2013} {} edition", plan.edition.name())
    } else {
        String::new()
    };
    let exempt = if plan.exempt_pages > 0 {
        format!(", {} exempt", plan.exempt_pages)
    } else {
        String::new()
    };
    println!(
        "{} \u{2013} {}{edition}: {} pages ({} front matter, {} numbered{exempt})",
        printable(&pack.meeting.body),
        pack.meeting.date.long(),
        plan.total_pages,
        plan.front_matter_pages,
        plan.printed_pages
    );
    println!("{:>4}  {:<16}  Title", "Item", "Pages");
    for item in &plan.items {
        let pages = match (item.pages, item.exempt_pages) {
            (Some(p), Some(e)) => format!("{p}, {e}"),
            (Some(p), None) => p.to_string(),
            (None, Some(e)) => e.to_string(),
            (None, None) => match (item.to_follow, item.supplement) {
                (_, Some(n)) => format!("(Supplement {n})"),
                (true, None) => "(To follow)".into(),
                (false, None) => String::new(),
            },
        };
        println!(
            "{:>4}  {:<16}  {}",
            item.label,
            pages,
            printable(&item.title)
        );
        if let Some(exempt) = &item.exempt {
            println!("{:>4}  {:<16}    exempt: {exempt}", "", "");
        }
        for doc in &item.documents {
            let exempt = doc
                .exempt
                .as_ref()
                .map(|e| format!(", exempt: {e}"))
                .unwrap_or_default();
            println!(
                "{:>4}  {:<16}    {} ({}){exempt}",
                "",
                doc.pages.to_string(),
                printable(&doc.title),
                printable(&doc.path)
            );
        }
        if item.withheld_documents > 0 {
            println!(
                "{:>4}  {:<16}    {} exempt document{} not in this edition",
                "",
                "",
                item.withheld_documents,
                if item.withheld_documents == 1 {
                    ""
                } else {
                    "s"
                }
            );
        }
    }
}
