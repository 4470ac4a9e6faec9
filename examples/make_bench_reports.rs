//! Writes a synthetic, deterministic set of council reports and a pack file
//! that uses them, for benchmarking `agendapack build` (see `bench/`).
//!
//! ```text
//! cargo run --release --example make_bench_reports -- OUT_DIR \
//!     [--reports 40] [--pages 410] [--seed 1] [--scans N]
//! ```
//!
//! Writes into OUT_DIR:
//! - `reports/NN-slug.pdf`: `--reports` report PDFs whose page counts add up
//!   to exactly `--pages`;
//! - `logo.png`: the council crest, the same bytes drawn on the first page of
//!   every report (and used as the pack's front-sheet logo);
//! - `pack.toml`: a pack with one agenda item per 1-3 consecutive reports (a
//!   report, then its appendices);
//! - `files.txt`: the report paths (relative to OUT_DIR) in pack order, for
//!   plain-merge tools;
//! - `manifest.tsv`: per report, its path, page count and one letter per
//!   page: F first page, T text, B table, L landscape, R rotated, G grey
//!   scan, C colour scan.
//!
//! The same arguments always give byte-identical files.
//!
//! # The pages
//!
//! Every report's first page has the crest, the council's name, the report's
//! particulars and (for a main report) the "key facts" table, then text. The
//! other pages are, in proportions fixed per 1000 pages:
//! - text: numbered headings and paragraphs, bullet lists, a grey running
//!   header (the bulk);
//! - tables: a few paragraphs then a ruled table (budget monitoring,
//!   performance indicators, risk register, consultation results);
//! - A4 landscape pages (6%): a wide ruled table (capital programme, work
//!   programme);
//! - rotated pages (2%): the same landscape content drawn sideways on a
//!   portrait media box, with `/Rotate 90` set on the page afterwards with
//!   lopdf (krilla cannot set `/Rotate`), as scanners and some exporters do;
//! - scans (9%, `--scans`): a full-page 1240 x 1754 pixel JPEG (150 dpi
//!   A4, quality 90, encoded with the `image` crate, a dev-dependency, and
//!   passed through by krilla as a DCT image), in runs of one kind: about
//!   seven runs in ten greyscale (a scanned letter: skewed glyph-like marks,
//!   letterhead, signature, "received" stamp, punch holes) and three in ten
//!   RGB (a scanned site plan: parcels, roads, river, red site boundary,
//!   title block). Scanner noise keeps them realistically big: about
//!   700 KB a grey page and 600 KB an RGB page.
//!
//! With the defaults (40 reports, 410 pages, 37 scans) the set is about
//! 26-27 MB (seeds 1-4 give 25.6-27.2 MB), the scans being about 90% of it;
//! a text or table page costs about 3.5 KB, plus about 30 KB per report
//! (font subsets, crest, structure). The scan share stays 9% at any size, so `--pages 10000`
//! gives 900 scans and about 640 MB, and the bytes per page stay those of
//! the default set (what `bench/run.sh scale` relies on). Pass `--scans N`
//! (for instance `--scans 100`) to keep a large set smaller, knowing that its
//! bytes per page then differ from the default set's.

use std::collections::VecDeque;
use std::fmt::Write as _;
use std::path::PathBuf;

use krilla::Document;
use krilla::color::luma;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::image::Image;
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::text::{Font, TextDirection};

const A4_W: f32 = 595.28;
const A4_H: f32 = 841.89;
/// 20 mm; agendapack stamps within 40pt of the top and bottom edges.
const MARGIN: f32 = 56.69;

const BODY: f32 = 10.5;
const LEAD: f32 = 14.0;
const PARA_GAP: f32 = 5.0;
const NUM_COL: f32 = 34.0;
const HEAD: f32 = 12.0;
const CELL: f32 = 8.5;
const CELL_LEAD: f32 = 10.5;
const CELL_PAD: f32 = 3.0;

/// Scan raster: A4 at 150 dpi.
const SCAN_W: usize = 1240;
const SCAN_H: usize = 1754;

/// Shares of the non-first pages, per 1000 pages of the whole set.
const SCANS_PER_1000: usize = 90;
const LANDSCAPE_PER_1000: usize = 60;
const ROTATED_PER_1000: usize = 20;
/// Chance that a remaining page is a table page rather than a text page.
const TABLE_SHARE: f64 = 0.25;

// ---------------------------------------------------------------------------
// Arguments.
// ---------------------------------------------------------------------------

struct Args {
    out: PathBuf,
    reports: usize,
    pages: usize,
    seed: u64,
    scans: Option<usize>,
}

fn usage() -> ! {
    eprintln!(
        "usage: make_bench_reports OUT_DIR [--reports 40] [--pages 410] [--seed 1] [--scans N]"
    );
    std::process::exit(2)
}

fn parse_args() -> Args {
    let mut out = None;
    let (mut reports, mut pages, mut seed, mut scans) = (40usize, 410usize, 1u64, None);
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut num = |name: &str| -> u64 {
            let v = args.next().unwrap_or_else(|| {
                eprintln!("{name} needs a value");
                usage()
            });
            v.parse().unwrap_or_else(|_| {
                eprintln!("{name}: `{v}` is not a whole number");
                usage()
            })
        };
        match a.as_str() {
            "--reports" => reports = num("--reports") as usize,
            "--pages" => pages = num("--pages") as usize,
            "--seed" => seed = num("--seed"),
            "--scans" => scans = Some(num("--scans") as usize),
            "-h" | "--help" => usage(),
            s if s.starts_with('-') => {
                eprintln!("unknown option {s}");
                usage()
            }
            _ if out.is_none() => out = Some(PathBuf::from(a)),
            _ => usage(),
        }
    }
    let Some(out) = out else { usage() };
    if reports == 0 || pages < reports {
        eprintln!("need at least one report and at least one page per report");
        usage()
    }
    Args {
        out,
        reports,
        pages,
        seed,
        scans,
    }
}

// ---------------------------------------------------------------------------
// Deterministic pseudo-random numbers (SplitMix64).
// ---------------------------------------------------------------------------

#[derive(Clone)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: u64) -> Rng {
        let mut r = Rng(seed ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03));
        r.next();
        r
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        ((self.next() >> 11) % n.max(1) as u64) as usize
    }

    /// Inclusive range.
    fn int(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % ((hi - lo + 1) as u64)) as i64
    }

    fn f(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.f() < p
    }

    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    fn shuffle<T>(&mut self, xs: &mut [T]) {
        for i in (1..xs.len()).rev() {
            xs.swap(i, self.below(i + 1));
        }
    }
}

// ---------------------------------------------------------------------------
// Words.
// ---------------------------------------------------------------------------

const TOWNS: &[&str] = &[
    "Wexcombe",
    "Borchester",
    "Aldbury",
    "Kingsmere",
    "Haltonbridge",
    "Redmarsh",
    "Calderholme",
    "Ashby Vale",
];
const PLACES: &[&str] = &[
    "Northgate",
    "Castlefield",
    "Millbrook",
    "Ashworth",
    "Lindley Moor",
    "Eastholme",
    "Holmebridge",
    "Westerley",
    "Birchencliffe",
    "Thornhill Lees",
    "Dalton Bank",
    "Netherfield",
    "Marsh End",
    "Skelton",
    "Almondsbury",
    "Heckley",
    "Crossley Green",
    "Upperthorpe",
];
const FIRST: &[&str] = &[
    "Sarah", "James", "Amira", "David", "Helen", "Mohammed", "Claire", "Peter", "Joanne", "Imran",
    "Rachel", "Stephen", "Nadia", "Gareth", "Fiona", "Richard", "Aisha", "Martin", "Louise", "Tom",
];
const SURNAMES: &[&str] = &[
    "Hartley", "Khan", "Brook", "Sykes", "Patel", "Armitage", "Holroyd", "Begum", "Lockwood",
    "Haigh", "Ahmed", "Crowther", "Dyson", "Hussain", "Wood", "Firth", "Kaur", "Beaumont",
    "Taylor", "Shaw",
];
const PORTFOLIOS: &[&str] = &[
    "Finance and Regeneration",
    "Housing and Highways",
    "Children's Services",
    "Health and Social Care",
    "Culture and Greener Communities",
    "Corporate Services",
    "Environment and Climate Change",
    "Communities and Safer Places",
];
const TITLES: &[&str] = &[
    "Council Budget Strategy Update 2025/26 and Future Years",
    "Quarter 2 Financial Monitoring Report 2024/25",
    "Housing Revenue Account Business Plan Refresh",
    "Local Flood Risk Management Strategy 2025-2031",
    "Town Centre Regeneration: Phase 2 Delivery Programme",
    "Corporate Performance Report, Quarter 2 2024/25",
    "Annual Report of the Director of Public Health",
    "Children's Services Improvement Plan: Progress Update",
    "Highways Capital Plan 2025/26",
    "Waste Strategy: Outcome of Public Consultation",
    "Treasury Management Mid-Year Review 2024/25",
    "Council Tax Reduction Scheme 2025/26",
    "Review of the Statement of Licensing Policy",
    "Climate Emergency Action Plan: Annual Progress Report",
    "School Organisation: Proposal to Expand Millbrook Primary School",
    "Allocation of Section 106 Open Space Contributions",
    "Corporate Safeguarding Policy Refresh",
    "Adult Social Care Charging Policy",
    "Libraries Service Review: Next Steps",
    "Leisure Centre Investment Programme",
    "Community Asset Transfer of Netherfield Community Centre",
    "Air Quality Action Plan 2025-2030",
    "Homelessness and Rough Sleeping Strategy 2025-2030",
    "Digital Strategy 2025-2028",
    "Social Value and Procurement Strategy",
    "Internal Audit Quarterly Report",
    "Corporate Risk Management Annual Report",
    "Council Plan 2025/26",
    "Local Plan Review: Regulation 18 Consultation",
    "Housing Allocations Policy Review",
    "Markets Review and Future Operating Model",
    "Cultural Heritage Strategy",
    "Bus Service Improvement Plan: Enhanced Partnership Variation",
    "Bereavement Services Fees and Charges 2025/26",
    "Early Support Strategy for Children and Families",
    "Inclusive Economy Strategy",
    "Corporate Landlord Asset Review",
    "Home to School Transport Policy",
    "Special Educational Needs and Disabilities Sufficiency Plan",
    "Domestic Abuse Strategy 2025-2028",
    "Workforce Strategy and People Plan",
    "Tree and Woodland Strategy",
];
const APPENDICES: &[&str] = &[
    "Equality Impact Assessment",
    "Consultation report",
    "Risk register",
    "Action plan",
    "Performance scorecard",
    "Draft policy",
    "Business case",
];
const SCANNED_APPENDICES: &[&str] = &[
    "Letters of support",
    "Signed declarations",
    "Correspondence from partners",
];
const WIDE_APPENDICES: &[&str] = &[
    "Capital programme",
    "Work programme",
    "Budget monitoring tables",
];
const SECTIONS: &[&str] = &[
    "Summary",
    "Information required to take a decision",
    "Implications for the Council",
    "Financial implications",
    "Legal implications",
    "Consultation",
    "Engagement",
    "Options",
    "Next steps and timelines",
    "Contact officer",
    "Background papers and history of decisions",
    "Appendices",
    "Service Director responsible",
];
const SUBJECTS: &[&str] = &[
    "The Council",
    "Cabinet",
    "The Service Director for Finance",
    "Officers",
    "The Corporate Scrutiny Panel",
    "Ward councillors",
    "Partners across the district",
    "The Strategic Director for Growth and Regeneration",
    "The Health and Wellbeing Board",
    "The project team",
    "The Executive Leadership Team",
    "The Audit and Governance Committee",
];
const VERBS: &[&str] = &[
    "has considered",
    "will continue to monitor",
    "is asked to note",
    "recommends approval of",
    "has reviewed",
    "proposes to consult on",
    "will report back on",
    "is required to publish",
    "has identified risks in",
    "has agreed in principle",
    "will keep under review",
    "welcomed",
];
const OBJECTS: &[&str] = &[
    "the revised delivery timetable",
    "the forecast overspend in Adult Social Care",
    "the outcomes of the public consultation",
    "the capital programme for 2025/26",
    "the Equality Impact Assessment",
    "the proposed fees and charges",
    "the draft strategy set out in Appendix 1",
    "the Medium Term Financial Plan",
    "the performance indicators in Table 2",
    "the business case for the scheme",
    "the Housing Revenue Account reserves",
    "the updated corporate risk register",
    "the options appraisal",
    "the recommendations of the task and finish group",
    "the use of one-off reserves",
];
const QUALIFIERS: &[&str] = &[
    "in line with the Council's Constitution",
    "before the end of the financial year",
    "subject to the availability of external funding",
    "to ensure value for money",
    "within existing budgets",
    "by March 2026",
    "as part of the annual budget process",
    "in accordance with the Public Sector Equality Duty",
    "working closely with schools and health partners",
    "and will report progress to Scrutiny in the spring",
];
const SERVICES: &[&str] = &[
    "Adult Social Care",
    "Children and Families",
    "Learning and Early Support",
    "Highways and Streetscene",
    "Waste and Recycling",
    "Housing Growth",
    "Culture and Tourism",
    "Public Health",
    "Development Management",
    "Customer and Exchequer",
    "Legal, Governance and Commissioning",
    "Homes and Neighbourhoods",
    "Parks and Green Spaces",
    "Corporate Landlord",
    "Policy, Partnerships and Corporate Planning",
];
const INDICATORS: &[&str] = &[
    "Council tax collected in year",
    "Business rates collected in year",
    "Household waste sent for reuse, recycling or composting",
    "Major planning applications decided in time",
    "Days to process new benefit claims",
    "Children's social care assessments completed in 45 days",
    "Adults receiving long-term support at home",
    "Potholes repaired within target time",
    "Calls answered within 60 seconds",
    "Empty homes brought back into use",
    "Sickness absence (days per FTE)",
    "Freedom of information requests answered in 20 days",
];
const RISKS: &[&str] = &[
    "Demand for adult social care exceeds budget",
    "Inflation increases capital scheme costs",
    "Recruitment and retention of social workers",
    "Cyber attack disrupts critical systems",
    "Delay to external grant funding decisions",
    "Contractor insolvency on major schemes",
    "Failure to meet statutory housing duties",
    "Legal challenge to the consultation process",
];
const MITIGATIONS: &[&str] = &[
    "Monthly budget challenge sessions and a recovery plan agreed with the Service Director",
    "Contingency of 10% held within the programme; value engineering at each gateway",
    "Market supplement, grow-your-own apprenticeship scheme and agency reduction plan",
    "Penetration testing, staff training and tested disaster recovery arrangements",
    "Early engagement with the funding body and phased delivery to limit exposure",
    "Financial checks at tender and step-in rights in the contract",
    "Additional temporary accommodation secured and prevention activity increased",
    "Legal advice obtained at each stage and consultation run for twelve weeks",
];
const RESPONSES: &[&str] = &[
    "Strongly agree",
    "Agree",
    "Neither agree nor disagree",
    "Disagree",
    "Strongly disagree",
    "Don't know",
];
const SCHEMES: &[&str] = &[
    "library refurbishment",
    "corridor improvements",
    "primary school expansion",
    "flood alleviation scheme",
    "town hall roof replacement",
    "cycle route, phase 2",
    "leisure centre decarbonisation",
    "park play area renewal",
    "bridge strengthening",
    "council housing retrofit",
    "market hall redevelopment",
    "street lighting LED conversion",
];
const STATUSES: &[&str] = &[
    "On track",
    "Design stage",
    "Out to tender",
    "On site",
    "Complete",
    "At risk",
];

fn person(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(FIRST), rng.pick(SURNAMES))
}

fn money(rng: &mut Rng) -> String {
    match rng.below(3) {
        0 => format!("£{}k", rng.int(15, 950)),
        1 => format!("£{}.{}m", rng.int(1, 48), rng.int(0, 9)),
        _ => format!("£{}", thousands(rng.int(2_500, 480_000))),
    }
}

fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("({out})") } else { out }
}

fn sentence(rng: &mut Rng) -> String {
    match rng.below(9) {
        0..=3 => {
            let mut s = format!(
                "{} {} {}",
                rng.pick(SUBJECTS),
                rng.pick(VERBS),
                rng.pick(OBJECTS)
            );
            if rng.chance(0.7) {
                s.push(' ');
                s.push_str(*rng.pick(QUALIFIERS));
            }
            s.push('.');
            s
        }
        4 => format!(
            "At the end of Quarter {} the forecast revenue outturn for {} is {}, a {} of {} ({}.{}%) against the approved budget.",
            rng.int(1, 3),
            rng.pick(SERVICES),
            money(rng),
            if rng.chance(0.6) {
                "pressure"
            } else {
                "saving"
            },
            money(rng),
            rng.int(0, 9),
            rng.int(0, 9)
        ),
        5 => format!(
            "A total of {} responses were received during the {}-week consultation, of which {}% supported the proposal and {}% raised concerns about {}.",
            thousands(rng.int(40, 4_800)),
            rng.pick(&[6, 8, 10, 12]),
            rng.int(35, 88),
            rng.int(4, 30),
            rng.pick(OBJECTS).trim_start_matches("the ")
        ),
        6 => format!(
            "Further detail is provided in Appendix {}, and the {} ward councillors for {} were briefed on {} {}.",
            rng.pick(&["1", "2", "A", "B", "C"]),
            rng.int(2, 3),
            rng.pick(PLACES),
            rng.int(2, 28),
            rng.pick(&["September", "October", "November", "December"])
        ),
        7 => format!(
            "The Cabinet Member for {} has been consulted and supports the recommendations in this report.",
            rng.pick(PORTFOLIOS)
        ),
        _ => format!(
            "Performance against the {} indicator was {}.{}% in the quarter, compared with a target of {}% and {}.{}% in the same period last year.",
            rng.pick(INDICATORS).to_lowercase(),
            rng.int(60, 99),
            rng.int(0, 9),
            rng.int(70, 98),
            rng.int(55, 99),
            rng.int(0, 9)
        ),
    }
}

fn paragraph(rng: &mut Rng) -> String {
    let n = rng.int(2, 6);
    (0..n).map(|_| sentence(rng)).collect::<Vec<_>>().join(" ")
}

fn slug(title: &str) -> String {
    let mut s = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c.to_ascii_lowercase());
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    s.truncate(48);
    s.trim_end_matches('-').to_string()
}

// ---------------------------------------------------------------------------
// Fonts and measuring.
// ---------------------------------------------------------------------------

/// The shipped font, measured by agendapack's own text layout (the shaper
/// krilla draws with), so that the project measures text one way.
struct Fonts {
    regular: Font,
    bold: Font,
    layout: agendapack::render::text::Fonts,
}

impl Fonts {
    fn load() -> Fonts {
        use agendapack::render::text::Weight;
        let layout = agendapack::render::text::Fonts::new();
        Fonts {
            regular: layout.krilla(Weight::Regular),
            bold: layout.krilla(Weight::Bold),
            layout,
        }
    }

    fn weight(bold: bool) -> agendapack::render::text::Weight {
        use agendapack::render::text::Weight;
        if bold { Weight::Bold } else { Weight::Regular }
    }

    fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        self.layout.width(text, Fonts::weight(bold), size)
    }

    fn wrap(&self, text: &str, width: f32, size: f32, bold: bool) -> Vec<String> {
        self.layout.wrap(text, Fonts::weight(bold), size, width)
    }
}

// ---------------------------------------------------------------------------
// Page content, as drawing operations.
// ---------------------------------------------------------------------------

enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        grey: u8,
        text: String,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        grey: u8,
    },
    Shade {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        grey: u8,
    },
    Logo {
        x: f32,
        y: f32,
        size: f32,
    },
    Scan(Image),
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    First,
    Text,
    Table,
    Landscape,
    Rotated,
    ScanGrey,
    ScanRgb,
}

const KINDS: [Kind; 7] = [
    Kind::First,
    Kind::Text,
    Kind::Table,
    Kind::Landscape,
    Kind::Rotated,
    Kind::ScanGrey,
    Kind::ScanRgb,
];

impl Kind {
    /// One letter per page in `manifest.tsv`.
    fn letter(self) -> char {
        match self {
            Kind::First => 'F',
            Kind::Text => 'T',
            Kind::Table => 'B',
            Kind::Landscape => 'L',
            Kind::Rotated => 'R',
            Kind::ScanGrey => 'G',
            Kind::ScanRgb => 'C',
        }
    }
}

struct PageOut {
    width: f32,
    height: f32,
    /// Drawn sideways on a portrait page; gets /Rotate 90.
    rotated: bool,
    ops: Vec<Op>,
}

// ---------------------------------------------------------------------------
// Reports.
// ---------------------------------------------------------------------------

struct Council {
    town: &'static str,
    name: String,
    body: &'static str,
    date: (u32, u32, u32),
}

struct ReportSpec {
    file: String,
    /// Title as the pack and the document show it.
    title: String,
    /// The main report's title (for appendices, the report they belong to).
    subject: String,
    /// "Appendix 2" etc. for appendices.
    appendix: Option<String>,
    kinds: Vec<Kind>,
}

enum Block {
    Heading(String),
    Para {
        num: String,
        text: String,
    },
    Lines {
        num: Option<String>,
        indent: f32,
        lines: Vec<String>,
    },
}

struct Writer<'a> {
    fonts: &'a Fonts,
    council: &'a Council,
    spec: &'a ReportSpec,
    rng: Rng,
    section: usize,
    para: usize,
    tables: usize,
    queue: VecDeque<Block>,
    ops: Vec<Op>,
}

#[derive(Clone, Copy)]
enum TableKind {
    Budget,
    Performance,
    Risk,
    Consultation,
    Capital,
    Programme,
}

struct Col {
    head: &'static str,
    share: f32,
    right: bool,
}

fn col(head: &'static str, share: f32, right: bool) -> Col {
    Col { head, share, right }
}

impl TableKind {
    fn caption(self) -> &'static str {
        match self {
            TableKind::Budget => "Revenue budget monitoring by service (£000)",
            TableKind::Performance => "Corporate performance indicators",
            TableKind::Risk => "Key risks and mitigations",
            TableKind::Consultation => "Responses to the consultation questions",
            TableKind::Capital => "Capital programme 2025/26 to 2029/30 (£000)",
            TableKind::Programme => "Work programme and lead officers",
        }
    }

    fn cols(self) -> Vec<Col> {
        match self {
            TableKind::Budget => vec![
                col("Service", 0.40, false),
                col("Budget", 0.15, true),
                col("Forecast", 0.15, true),
                col("Variance", 0.15, true),
                col("Variance %", 0.15, true),
            ],
            TableKind::Performance => vec![
                col("Indicator", 0.46, false),
                col("Target", 0.12, true),
                col("Q1", 0.12, true),
                col("Q2", 0.12, true),
                col("Status", 0.18, false),
            ],
            TableKind::Risk => vec![
                col("Risk", 0.30, false),
                col("L", 0.07, true),
                col("I", 0.07, true),
                col("Score", 0.09, true),
                col("Mitigation", 0.47, false),
            ],
            TableKind::Consultation => vec![
                col("Question", 0.40, false),
                col("Response", 0.30, false),
                col("Number", 0.15, true),
                col("%", 0.15, true),
            ],
            TableKind::Capital => vec![
                col("Scheme", 0.25, false),
                col("Ward", 0.13, false),
                col("2025/26", 0.08, true),
                col("2026/27", 0.08, true),
                col("2027/28", 0.08, true),
                col("2028/29", 0.08, true),
                col("2029/30", 0.08, true),
                col("Total", 0.09, true),
                col("Status", 0.13, false),
            ],
            TableKind::Programme => vec![
                col("Meeting", 0.12, false),
                col("Item", 0.24, false),
                col("Lead officer", 0.16, false),
                col("Purpose and expected outcome", 0.48, false),
            ],
        }
    }

    fn row(self, rng: &mut Rng) -> Vec<String> {
        match self {
            TableKind::Budget => {
                let budget = rng.int(800, 95_000);
                let variance = rng.int(-budget / 12, budget / 10);
                vec![
                    rng.pick(SERVICES).to_string(),
                    thousands(budget),
                    thousands(budget + variance),
                    thousands(variance),
                    format!("{:.1}%", variance as f64 * 100.0 / budget as f64),
                ]
            }
            TableKind::Performance => {
                let target = rng.int(60, 98);
                let q1 = target + rng.int(-12, 8);
                let q2 = target + rng.int(-12, 8);
                vec![
                    rng.pick(INDICATORS).to_string(),
                    format!("{target}%"),
                    format!("{q1}%"),
                    format!("{q2}%"),
                    if q2 >= target {
                        "On target"
                    } else if q2 + 5 >= target {
                        "Close to target"
                    } else {
                        "Below target"
                    }
                    .to_string(),
                ]
            }
            TableKind::Risk => {
                let (l, i) = (rng.int(1, 5), rng.int(1, 5));
                vec![
                    rng.pick(RISKS).to_string(),
                    l.to_string(),
                    i.to_string(),
                    (l * i).to_string(),
                    rng.pick(MITIGATIONS).to_string(),
                ]
            }
            TableKind::Consultation => {
                let n = rng.int(10, 1_900);
                vec![
                    format!(
                        "Q{}. Do you agree with {}?",
                        rng.int(1, 14),
                        rng.pick(OBJECTS)
                    ),
                    rng.pick(RESPONSES).to_string(),
                    thousands(n),
                    format!("{}.{}%", rng.int(1, 60), rng.int(0, 9)),
                ]
            }
            TableKind::Capital => {
                let years: Vec<i64> = (0..5)
                    .map(|_| {
                        if rng.chance(0.3) {
                            0
                        } else {
                            rng.int(50, 9_000)
                        }
                    })
                    .collect();
                let mut row = vec![
                    format!("{} {}", rng.pick(PLACES), rng.pick(SCHEMES)),
                    rng.pick(PLACES).to_string(),
                ];
                row.extend(years.iter().map(|&v| thousands(v)));
                row.push(thousands(years.iter().sum()));
                row.push(rng.pick(STATUSES).to_string());
                row
            }
            TableKind::Programme => vec![
                format!(
                    "{} {}",
                    rng.int(1, 28),
                    rng.pick(&["Jan 2025", "Mar 2025", "Jun 2025", "Sep 2025", "Nov 2025"])
                ),
                rng.pick(TITLES).to_string(),
                person(rng),
                format!("{} {}", sentence(rng), sentence(rng)),
            ],
        }
    }
}

impl<'a> Writer<'a> {
    fn text(&mut self, x: f32, y: f32, size: f32, bold: bool, grey: u8, text: impl Into<String>) {
        self.ops.push(Op::Text {
            x,
            y,
            size,
            bold,
            grey,
            text: text.into(),
        });
    }

    fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32, grey: u8) {
        self.ops.push(Op::Line {
            x1,
            y1,
            x2,
            y2,
            width,
            grey,
        });
    }

    fn shade(&mut self, x: f32, y: f32, w: f32, h: f32, grey: u8) {
        self.ops.push(Op::Shade { x, y, w, h, grey });
    }

    /// Queues the next section: a numbered heading and a few paragraphs,
    /// sometimes a bullet list.
    fn refill(&mut self) {
        self.section += 1;
        self.para = 0;
        let name = if self.section <= SECTIONS.len() {
            SECTIONS[self.section - 1].to_string()
        } else {
            format!(
                "{} {}",
                self.rng
                    .pick(&["Annex:", "Further information:", "Update:"]),
                self.rng.pick(SERVICES)
            )
        };
        self.queue
            .push_back(Block::Heading(format!("{}. {name}", self.section)));
        for _ in 0..self.rng.int(2, 6) {
            self.para += 1;
            let text = paragraph(&mut self.rng);
            self.queue.push_back(Block::Para {
                num: format!("{}.{}", self.section, self.para),
                text,
            });
            if self.rng.chance(0.15) {
                for _ in 0..self.rng.int(2, 5) {
                    let text = sentence(&mut self.rng);
                    self.queue.push_back(Block::Para {
                        num: "•".into(),
                        text,
                    });
                }
            }
        }
    }

    /// Flows queued text from `y` down to `bottom`; returns where it stopped.
    fn flow(&mut self, x: f32, width: f32, mut y: f32, bottom: f32) -> f32 {
        loop {
            if self.queue.is_empty() {
                self.refill();
            }
            let block = self.queue.pop_front().expect("refilled");
            match block {
                Block::Heading(text) => {
                    if y + HEAD + 3.0 * LEAD > bottom {
                        self.queue.push_front(Block::Heading(text));
                        return y;
                    }
                    y += 4.0;
                    self.text(x, y + HEAD, HEAD, true, 0, text);
                    y += HEAD + 8.0;
                }
                Block::Para { num, text } => {
                    let indent = if num == "•" {
                        NUM_COL + 14.0
                    } else {
                        NUM_COL
                    };
                    let lines = self.fonts.wrap(&text, width - indent, BODY, false);
                    self.queue.push_front(Block::Lines {
                        num: Some(num),
                        indent,
                        lines,
                    });
                }
                Block::Lines {
                    num,
                    indent,
                    mut lines,
                } => {
                    let fit = ((bottom - y) / LEAD).floor().max(0.0) as usize;
                    // Never leave a single line of a paragraph behind.
                    let fit = if fit + 1 == lines.len() && fit > 1 {
                        fit - 1
                    } else {
                        fit
                    };
                    if fit == 0 {
                        self.queue.push_front(Block::Lines { num, indent, lines });
                        return y;
                    }
                    let bullet = num.as_deref() == Some("•");
                    if let Some(n) = &num {
                        let nx = if bullet { x + NUM_COL + 2.0 } else { x };
                        self.text(nx, y + BODY, BODY, false, 0, n.clone());
                    }
                    let rest = lines.split_off(fit.min(lines.len()));
                    for line in lines {
                        self.text(x + indent, y + BODY, BODY, false, 0, line);
                        y += LEAD;
                    }
                    if !rest.is_empty() {
                        self.queue.push_front(Block::Lines {
                            num: None,
                            indent,
                            lines: rest,
                        });
                        return y;
                    }
                    y += PARA_GAP;
                }
            }
        }
    }

    /// Draws a ruled table from `y`, as many rows as fit above `bottom`.
    fn table(&mut self, kind: TableKind, x: f32, width: f32, mut y: f32, bottom: f32) -> f32 {
        let cols = kind.cols();
        let widths: Vec<f32> = cols.iter().map(|c| c.share * width).collect();
        let top = y;
        let header_h = CELL_LEAD + 2.0 * CELL_PAD + 2.0;
        self.shade(x, y, width, header_h, 222);
        let mut cx = x;
        for (c, w) in cols.iter().zip(&widths) {
            let tw = self.fonts.width(c.head, CELL, true);
            let tx = if c.right {
                cx + w - CELL_PAD - tw
            } else {
                cx + CELL_PAD
            };
            self.text(tx, y + CELL_PAD + CELL + 1.0, CELL, true, 0, c.head);
            cx += w;
        }
        y += header_h;
        self.line(x, y, x + width, y, 0.8, 60);
        let mut rows = 0;
        loop {
            let row = kind.row(&mut self.rng);
            let cells: Vec<Vec<String>> = row
                .iter()
                .zip(&widths)
                .map(|(t, w)| self.fonts.wrap(t, w - 2.0 * CELL_PAD, CELL, false))
                .collect();
            let n = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
            let h = n as f32 * CELL_LEAD + 2.0 * CELL_PAD;
            if y + h > bottom || rows > 60 {
                break;
            }
            if rows % 2 == 1 {
                self.shade(x, y, width, h, 245);
            }
            let mut cx = x;
            for ((lines, w), c) in cells.iter().zip(&widths).zip(&cols) {
                for (i, l) in lines.iter().enumerate() {
                    let tw = self.fonts.width(l, CELL, false);
                    let tx = if c.right {
                        cx + w - CELL_PAD - tw
                    } else {
                        cx + CELL_PAD
                    };
                    let ty = y + CELL_PAD + CELL + i as f32 * CELL_LEAD;
                    self.text(tx, ty, CELL, false, 20, l.clone());
                }
                cx += w;
            }
            y += h;
            self.line(x, y, x + width, y, 0.4, 140);
            rows += 1;
        }
        // Vertical rules and the outer frame.
        let mut cx = x;
        for w in std::iter::once(&0.0).chain(&widths) {
            cx += w;
            self.line(cx, top, cx, y, 0.4, 140);
        }
        self.line(x, top, x + width, top, 0.8, 60);
        self.line(x, y, x + width, y, 0.8, 60);
        y
    }

    fn running_header(&mut self, page_w: f32) {
        let mut t = match &self.spec.appendix {
            Some(a) => format!("{a}: {}", self.spec.subject),
            None => self.spec.title.clone(),
        };
        while self.fonts.width(&t, 8.0, false) > page_w * 0.55 {
            t.pop();
        }
        self.text(MARGIN, 40.0, 8.0, false, 110, t);
        self.text(MARGIN, A4_H - 34.0, 7.5, false, 130, "OFFICIAL");
    }

    fn first_page(&mut self) -> PageOut {
        let w = A4_W - 2.0 * MARGIN;
        self.ops.push(Op::Logo {
            x: MARGIN,
            y: MARGIN - 14.0,
            size: 62.0,
        });
        let name = self.council.name.clone();
        self.text(MARGIN + 74.0, MARGIN + 14.0, 15.0, true, 0, name);
        self.text(
            MARGIN + 74.0,
            MARGIN + 30.0,
            9.0,
            false,
            90,
            "Democracy Service · Town Hall",
        );
        let mut y = MARGIN + 62.0;
        self.line(MARGIN, y, MARGIN + w, y, 1.2, 40);
        y += 10.0;
        let date = self.council.date;
        let particulars: Vec<(&str, String)> = vec![
            ("Name of meeting:", self.council.body.to_string()),
            (
                "Date:",
                agendapack::model::Date::new(date.0 as i32, date.1, date.2)
                    .expect("a real date")
                    .long(),
            ),
            ("Title of report:", self.spec.subject.clone()),
        ];
        for (label, value) in particulars {
            self.text(MARGIN, y + BODY, BODY, true, 0, label);
            for line in self.fonts.wrap(&value, w - 110.0, BODY, false) {
                self.text(MARGIN + 110.0, y + BODY, BODY, false, 0, line);
                y += LEAD;
            }
            y += 3.0;
        }
        if self.spec.appendix.is_some() {
            y += 6.0;
            let t = self.spec.title.clone();
            for line in self.fonts.wrap(&t, w, 14.0, true) {
                self.text(MARGIN, y + 14.0, 14.0, true, 0, line);
                y += 18.0;
            }
        } else {
            self.text(MARGIN, y + BODY, BODY, true, 0, "Purpose of report:");
            y += LEAD;
            let purpose = paragraph(&mut self.rng);
            for line in self.fonts.wrap(&purpose, w, BODY, false) {
                self.text(MARGIN, y + BODY, BODY, false, 0, line);
                y += LEAD;
            }
            y += 8.0;
            let facts = [
                "Key Decision - Is it likely to result in spending or saving £250k or more, or to have a significant effect on two or more electoral wards?",
                "Key Decision - Is it in the Council's Forward Plan (key decisions and private reports)?",
                "The Decision - Is it eligible for call in by Scrutiny?",
                "Date signed off by Strategic Director and name",
                "Is it also signed off by the Service Director for Finance?",
                "Is it also signed off by the Service Director for Legal Governance and Commissioning?",
                "Cabinet member portfolio",
            ];
            let qw = w * 0.62;
            let top = y;
            for q in facts {
                let answer = if q.starts_with("Date") || q.starts_with("Is it also") {
                    format!(
                        "{} - {} November 2024",
                        person(&mut self.rng),
                        self.rng.int(1, 28)
                    )
                } else if q.starts_with("Cabinet") {
                    format!(
                        "Cllr {} ({})",
                        person(&mut self.rng),
                        self.rng.pick(PORTFOLIOS)
                    )
                } else {
                    self.rng.pick(&["Yes", "No"]).to_string()
                };
                let ql = self.fonts.wrap(q, qw - 2.0 * CELL_PAD, CELL, false);
                let al = self
                    .fonts
                    .wrap(&answer, w - qw - 2.0 * CELL_PAD, CELL, false);
                let n = ql.len().max(al.len());
                let h = n as f32 * CELL_LEAD + 2.0 * CELL_PAD;
                self.shade(MARGIN, y, qw, h, 238);
                for (i, l) in ql.into_iter().enumerate() {
                    let ty = y + CELL_PAD + CELL + i as f32 * CELL_LEAD;
                    self.text(MARGIN + CELL_PAD, ty, CELL, false, 0, l);
                }
                for (i, l) in al.into_iter().enumerate() {
                    let ty = y + CELL_PAD + CELL + i as f32 * CELL_LEAD;
                    self.text(MARGIN + qw + CELL_PAD, ty, CELL, false, 0, l);
                }
                y += h;
                self.line(MARGIN, y, MARGIN + w, y, 0.5, 120);
            }
            for cx in [MARGIN, MARGIN + qw, MARGIN + w] {
                self.line(cx, top, cx, y, 0.5, 120);
            }
            self.line(MARGIN, top, MARGIN + w, top, 0.5, 120);
            y += 10.0;
        }
        self.flow(MARGIN, w, y, A4_H - MARGIN - 8.0);
        self.take(A4_W, A4_H, false)
    }

    fn text_page(&mut self) -> PageOut {
        self.running_header(A4_W);
        let w = A4_W - 2.0 * MARGIN;
        self.flow(MARGIN, w, MARGIN + 6.0, A4_H - MARGIN - 8.0);
        self.take(A4_W, A4_H, false)
    }

    fn table_page(&mut self) -> PageOut {
        self.running_header(A4_W);
        let w = A4_W - 2.0 * MARGIN;
        let bottom = A4_H - MARGIN - 8.0;
        let stop = MARGIN + (bottom - MARGIN) * (0.1 + 0.35 * self.rng.f() as f32);
        let mut y = self.flow(MARGIN, w, MARGIN + 6.0, stop);
        let kind = *self.rng.pick(&[
            TableKind::Budget,
            TableKind::Performance,
            TableKind::Risk,
            TableKind::Consultation,
        ]);
        self.tables += 1;
        y += 8.0;
        let caption = format!("Table {}: {}", self.tables, kind.caption());
        self.text(MARGIN, y + 10.0, 10.0, true, 0, caption);
        y += 18.0;
        let table_bottom = if self.rng.chance(0.5) {
            bottom
        } else {
            y + (bottom - y) * 0.7
        };
        y = self.table(kind, MARGIN, w, y, table_bottom);
        if bottom - y > 3.0 * LEAD {
            self.flow(MARGIN, w, y + 10.0, bottom);
        }
        self.take(A4_W, A4_H, false)
    }

    /// A landscape page's content, in landscape coordinates.
    fn landscape_page(&mut self, rotated: bool) -> PageOut {
        let (pw, ph) = (A4_H, A4_W);
        let w = pw - 2.0 * MARGIN;
        let kind = *self
            .rng
            .pick(&[TableKind::Capital, TableKind::Programme, TableKind::Budget]);
        self.tables += 1;
        let label = self
            .spec
            .appendix
            .clone()
            .unwrap_or_else(|| format!("Table {}", self.tables));
        self.text(MARGIN, 38.0, 8.0, false, 110, self.spec.subject.clone());
        let caption = format!("{label}: {}", kind.caption());
        self.text(MARGIN, MARGIN + 12.0, 13.0, true, 0, caption);
        self.table(kind, MARGIN, w, MARGIN + 26.0, ph - MARGIN - 6.0);
        self.take(pw, ph, rotated)
    }

    fn take(&mut self, width: f32, height: f32, rotated: bool) -> PageOut {
        PageOut {
            width,
            height,
            rotated,
            ops: std::mem::take(&mut self.ops),
        }
    }
}

// ---------------------------------------------------------------------------
// Scans.
// ---------------------------------------------------------------------------

/// JPEG quality of the scans, as a scanner's "standard" setting.
const SCAN_QUALITY: u8 = 90;

/// A scan as the JPEG a scanner would write.
fn jpeg(px: &[u8], rgb: bool) -> Vec<u8> {
    use image::ExtendedColorType;
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, SCAN_QUALITY)
        .encode(
            px,
            SCAN_W as u32,
            SCAN_H as u32,
            if rgb {
                ExtendedColorType::Rgb8
            } else {
                ExtendedColorType::L8
            },
        )
        .expect("encode scan");
    out
}

/// Noise amplitudes: the sum of two uniform bytes, scaled. With
/// SCAN_QUALITY they set the size of a scan (about 700 KB grey, 600 KB RGB).
const GREY_NOISE: i32 = 12;
const RGB_NOISE: i32 = 8;

struct Noise(u64);

impl Noise {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// A scanned letter: skewed lines of glyph-like marks on grey paper.
fn scan_grey(rng: &mut Rng) -> Vec<u8> {
    let (w, h) = (SCAN_W as i32, SCAN_H as i32);
    let mut px = vec![0u8; SCAN_W * SCAN_H];
    // Paper, darker towards the spine edge and the bottom.
    let base = rng.int(226, 240) as f32;
    for y in 0..h {
        for x in 0..w {
            let shadow = 40.0 * (-(x as f32) / 26.0).exp() + 8.0 * (y as f32 / h as f32);
            px[(y * w + x) as usize] = (base - shadow) as u8;
        }
    }
    let skew = (rng.f() as f32 - 0.5) * 0.022;
    let ink = rng.int(25, 70) as u8;
    let mark = |x0: i32, y0: i32, mw: i32, mh: i32, v: u8, px: &mut [u8]| {
        for x in x0..x0 + mw {
            let off = ((x - w / 2) as f32 * skew) as i32;
            for y in y0 + off..y0 + mh + off {
                if (0..w).contains(&x) && (0..h).contains(&y) {
                    let p = &mut px[(y * w + x) as usize];
                    *p = (*p).min(v);
                }
            }
        }
    };
    // Letterhead: a crest block and a bold line.
    mark(150, 110, 70, 80, ink, &mut px);
    let mut x = 250;
    while x < 250 + rng.int(300, 600) as i32 {
        let cw = rng.int(12, 18) as i32;
        mark(x, 130, 5, 30, ink, &mut px);
        mark(x, 130, cw - 4, 5, ink, &mut px);
        x += cw + if rng.chance(0.15) { 14 } else { 3 };
    }
    // Body text.
    let mut y = 260;
    let mut signed = false;
    let bottom = h - 260;
    while y < bottom {
        let mut x = 150 + if rng.chance(0.2) { 40 } else { 0 };
        let end = if rng.chance(0.12) {
            150 + rng.int(200, 800) as i32
        } else {
            w - 150 - rng.int(0, 40) as i32
        };
        while x < end {
            let word = rng.int(2, 9);
            for _ in 0..word {
                let cw = rng.int(7, 10) as i32;
                match rng.below(5) {
                    0 => {
                        mark(x, y - 12, 2, 12, ink, &mut px);
                        mark(x + cw - 3, y - 12, 2, 12, ink, &mut px);
                        mark(x, y - 12, cw - 1, 2, ink, &mut px);
                        mark(x, y - 2, cw - 1, 2, ink, &mut px);
                    }
                    1 => mark(x + 2, y - 18, 2, 18, ink, &mut px),
                    2 => {
                        mark(x, y - 12, 2, 12, ink, &mut px);
                        mark(x, y - 12, cw - 1, 2, ink, &mut px);
                        mark(x + cw - 3, y - 12, 2, 12, ink, &mut px);
                    }
                    3 => {
                        mark(x, y - 12, 2, 17, ink, &mut px);
                        mark(x, y - 12, cw - 1, 2, ink, &mut px);
                        mark(x + cw - 3, y - 12, 2, 8, ink, &mut px);
                        mark(x, y - 5, cw - 1, 2, ink, &mut px);
                    }
                    _ => {
                        mark(x, y - 12, 2, 12, ink, &mut px);
                        mark(x, y - 12, cw - 1, 2, ink, &mut px);
                        mark(x, y - 7, cw - 1, 2, ink, &mut px);
                        mark(x, y - 2, cw - 1, 2, ink, &mut px);
                    }
                }
                x += cw + 1;
                if x >= end {
                    break;
                }
            }
            x += 9;
        }
        y += if rng.chance(0.1) { 58 } else { 29 };
        if !signed && rng.chance(0.04) && y < bottom - 200 {
            signed = true;
            // A signature: a thick wavy stroke.
            let (sx, sy) = (170 + rng.int(0, 300) as i32, y + 40);
            let amp = rng.int(10, 25) as f32;
            let freq = rng.int(8, 20) as f32 / 100.0;
            for i in 0..rng.int(200, 340) as i32 {
                let yy = sy + (amp * (i as f32 * freq).sin()) as i32;
                mark(sx + i, yy, 3, 4, ink / 2 + 10, &mut px);
            }
            y += 110;
        }
    }
    // A "received" stamp and punch holes, on some pages.
    if rng.chance(0.5) {
        let (sx, sy) = (w - 480, 200 + rng.int(0, 120) as i32);
        for t in 0..5 {
            mark(sx + t, sy, 1, 110, 90, &mut px);
            mark(sx + 300 - t, sy, 1, 110, 90, &mut px);
            mark(sx, sy + t, 300, 1, 90, &mut px);
            mark(sx, sy + 110 - t, 300, 1, 90, &mut px);
        }
        mark(sx + 30, sy + 40, 240, 30, 100, &mut px);
    }
    if rng.chance(0.5) {
        for cy in [h / 2 - 240, h / 2 + 240] {
            for y in cy - 20..cy + 20 {
                for x in 40 - 20..40 + 20 {
                    if (x - 40) * (x - 40) + (y - cy) * (y - cy) < 400 {
                        px[(y * w + x) as usize] = 35;
                    }
                }
            }
        }
    }
    let mut noise = Noise(rng.next() | 1);
    for p in px.iter_mut() {
        let r = noise.next();
        let n = ((r & 0xff) as i32 + ((r >> 8) & 0xff) as i32 - 255) * GREY_NOISE / 255;
        *p = (*p as i32 + n).clamp(0, 255) as u8;
    }
    px
}

/// A scanned site plan: coloured land parcels, roads, a river, a red site
/// boundary and a title block.
fn scan_rgb(rng: &mut Rng) -> Vec<u8> {
    let (w, h) = (SCAN_W as i32, SCAN_H as i32);
    let palette: [[u8; 3]; 6] = [
        [214, 232, 196],
        [198, 222, 178],
        [236, 228, 206],
        [226, 214, 200],
        [210, 210, 214],
        [232, 236, 220],
    ];
    let seeds: Vec<(i32, i32, [u8; 3])> = (0..48)
        .map(|_| {
            (
                rng.int(0, w as i64) as i32,
                rng.int(0, h as i64) as i32,
                *rng.pick(&palette),
            )
        })
        .collect();
    let mut px = vec![0u8; SCAN_W * SCAN_H * 3];
    // Parcels: nearest seed, with a dark edge where two parcels meet.
    for y in 0..h {
        for x in 0..w {
            let (mut best, mut second, mut bi) = (i64::MAX, i64::MAX, 0);
            for (i, &(sx, sy, _)) in seeds.iter().enumerate() {
                let d = ((x - sx) as i64).pow(2) + ((y - sy) as i64).pow(2);
                if d < best {
                    second = best;
                    best = d;
                    bi = i;
                } else if d < second {
                    second = d;
                }
            }
            let edge = (second as f64).sqrt() - (best as f64).sqrt() < 2.5;
            let c = if edge { [120, 120, 110] } else { seeds[bi].2 };
            let o = ((y * w + x) * 3) as usize;
            px[o..o + 3].copy_from_slice(&c);
        }
    }
    let disc = |cx: f32, cy: f32, r: f32, c: [u8; 3], px: &mut [u8]| {
        let ri = r.ceil() as i32;
        for y in cy as i32 - ri..=cy as i32 + ri {
            for x in cx as i32 - ri..=cx as i32 + ri {
                if !(0..w).contains(&x) || !(0..h).contains(&y) {
                    continue;
                }
                let d = (x as f32 - cx).powi(2) + (y as f32 - cy).powi(2);
                if d <= r * r {
                    let o = ((y * w + x) * 3) as usize;
                    px[o..o + 3].copy_from_slice(&c);
                }
            }
        }
    };
    // River.
    let phase = rng.f() as f32 * 6.0;
    let x0 = rng.int(200, 1000) as f32;
    for y in (0..h).step_by(2) {
        let x = x0 + 140.0 * ((y as f32) / 300.0 + phase).sin();
        disc(x, y as f32, 16.0, [150, 190, 225], &mut px);
    }
    // Roads: casing then fill.
    let mut roads: Vec<(f32, f32, f32, f32, f32)> = Vec::new();
    for _ in 0..rng.int(3, 6) {
        let (a, b) = (rng.int(0, w as i64) as f32, rng.int(0, w as i64) as f32);
        roads.push((a, 0.0, b, h as f32, rng.f() as f32 * 80.0));
    }
    for _ in 0..rng.int(2, 4) {
        let (a, b) = (rng.int(0, h as i64) as f32, rng.int(0, h as i64) as f32);
        roads.push((0.0, a, w as f32, b, rng.f() as f32 * 80.0));
    }
    for (r, fill) in [(12.0, [90u8, 90, 90]), (9.0, [250, 246, 200])] {
        for &(ax, ay, bx, by, bend) in &roads {
            let len = ((bx - ax).powi(2) + (by - ay).powi(2)).sqrt();
            let steps = (len / 3.0) as i32;
            for i in 0..=steps {
                let t = i as f32 / steps as f32;
                let off = bend * (t * std::f32::consts::PI).sin();
                disc(
                    ax + (bx - ax) * t + off,
                    ay + (by - ay) * t,
                    r,
                    fill,
                    &mut px,
                );
            }
        }
    }
    // Buildings.
    let rect = |x0: i32, y0: i32, rw: i32, rh: i32, c: [u8; 3], px: &mut [u8]| {
        for y in y0.max(0)..(y0 + rh).min(h) {
            for x in x0.max(0)..(x0 + rw).min(w) {
                let o = ((y * w + x) * 3) as usize;
                px[o..o + 3].copy_from_slice(&c);
            }
        }
    };
    for _ in 0..rng.int(60, 160) {
        let (bx, by) = (rng.int(0, w as i64) as i32, rng.int(0, h as i64) as i32);
        rect(
            bx,
            by,
            rng.int(14, 40) as i32,
            rng.int(10, 30) as i32,
            [150, 130, 120],
            &mut px,
        );
    }
    // The site, outlined in red.
    let (sx, sy) = (rng.int(250, 700) as i32, rng.int(300, 900) as i32);
    let (sw, sh) = (rng.int(180, 380) as i32, rng.int(160, 360) as i32);
    for t in 0..7 {
        rect(sx, sy + t, sw, 1, [215, 30, 35], &mut px);
        rect(sx, sy + sh - t, sw, 1, [215, 30, 35], &mut px);
        rect(sx + t, sy, 1, sh, [215, 30, 35], &mut px);
        rect(sx + sw - t, sy, 1, sh, [215, 30, 35], &mut px);
    }
    // Title block, with text-like bars, and a north arrow.
    let (tx, ty) = (w - 560, h - 330);
    rect(tx - 4, ty - 4, 488, 238, [20, 20, 20], &mut px);
    rect(tx, ty, 480, 230, [250, 250, 250], &mut px);
    for row in 0..6 {
        let len = rng.int(180, 420) as i32;
        rect(
            tx + 24,
            ty + 24 + row * 34,
            len,
            if row == 0 { 16 } else { 10 },
            [30, 30, 30],
            &mut px,
        );
    }
    for i in 0..80 {
        rect(
            w - 120 - i / 3,
            120 + i,
            2 * (i / 3) + 1,
            1,
            [20, 20, 20],
            &mut px,
        );
    }
    let mut noise = Noise(rng.next() | 1);
    for p in px.iter_mut() {
        let r = noise.next();
        let n = ((r & 0xff) as i32 + ((r >> 8) & 0xff) as i32 - 255) * RGB_NOISE / 255;
        *p = (*p as i32 + n).clamp(0, 255) as u8;
    }
    px
}

// ---------------------------------------------------------------------------
// The logo.
// ---------------------------------------------------------------------------

/// A 256 x 256 RGBA crest: a navy shield with a gold border and chevron and
/// a white tower, anti-aliased by 4 x 4 supersampling.
fn logo_png() -> Vec<u8> {
    const S: usize = 256;
    let navy = [22.0, 44.0, 96.0];
    let gold = [214.0, 168.0, 48.0];
    let white = [250.0, 250.0, 250.0];
    let sample = |u: f32, v: f32| -> Option<[f32; 3]> {
        // u in -1..1 across, v in 0..1 down.
        let half = |v: f32| {
            if v < 0.55 {
                0.82
            } else {
                0.82 * (1.0 - ((v - 0.55) / 0.45).powi(2)).max(0.0).sqrt()
            }
        };
        if !(0.04..=0.99).contains(&v) || u.abs() > half(v) {
            return None;
        }
        let inner =
            v > 0.09 && v < 0.94 && u.abs() < half(v) - 0.06 && u.abs() < half(v + 0.05) - 0.06;
        if !inner {
            return Some(gold);
        }
        let chevron = 0.78 - 0.5 * (1.0 - u.abs());
        if v > chevron && v < chevron + 0.11 {
            return Some(gold);
        }
        // The tower: a body, three merlons, a door.
        let tower = u.abs() < 0.24 && v > 0.24 && v < 0.52;
        let merlon =
            v > 0.17 && v <= 0.24 && [-0.2f32, 0.0, 0.2].iter().any(|c| (u - c).abs() < 0.055);
        let door = u.abs() < 0.07 && v > 0.4 && v < 0.52;
        if (tower || merlon) && !door {
            return Some(white);
        }
        Some(navy)
    };
    let mut rgba = Vec::with_capacity(S * S * 4);
    for py in 0..S {
        for px in 0..S {
            let (mut acc, mut n) = ([0.0f32; 3], 0);
            for sy in 0..4 {
                for sx in 0..4 {
                    let u = ((px as f32 + (sx as f32 + 0.5) / 4.0) / S as f32) * 2.0 - 1.0;
                    let v = (py as f32 + (sy as f32 + 0.5) / 4.0) / S as f32;
                    if let Some(c) = sample(u, v) {
                        for k in 0..3 {
                            acc[k] += c[k];
                        }
                        n += 1;
                    }
                }
            }
            if n == 0 {
                rgba.extend_from_slice(&[0, 0, 0, 0]);
            } else {
                for a in acc {
                    rgba.push((a / n as f32).round() as u8);
                }
                rgba.push((n * 255 / 16) as u8);
            }
        }
    }
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, S as u32, S as u32);
        enc.set_color(png::ColorType::Rgba);
        enc.set_depth(png::BitDepth::Eight);
        let mut writer = enc.write_header().expect("png header");
        writer.write_image_data(&rgba).expect("png data");
    }
    out
}

// ---------------------------------------------------------------------------
// Planning the set.
// ---------------------------------------------------------------------------

/// Page counts per report: skewed (many short reports, a few long ones),
/// each at least 1, adding up to exactly `total`.
fn page_counts(rng: &mut Rng, reports: usize, total: usize) -> Vec<usize> {
    let weights: Vec<f64> = (0..reports)
        .map(|_| {
            let g: f64 = (0..4).map(|_| rng.f()).sum::<f64>() - 2.0;
            (g * 1.6).exp()
        })
        .collect();
    let sum: f64 = weights.iter().sum();
    let spare = total - reports;
    let mut counts: Vec<usize> = weights
        .iter()
        .map(|w| 1 + (w / sum * spare as f64).floor() as usize)
        .collect();
    let mut left = total - counts.iter().sum::<usize>();
    while left > 0 {
        let i = rng.below(reports);
        counts[i] += 1;
        left -= 1;
    }
    counts
}

/// Gives `count` free non-first pages the kind `kind`, in runs of up to
/// `max_run` consecutive pages, preferring appendices.
fn place(
    rng: &mut Rng,
    kinds: &mut [Vec<Option<Kind>>],
    appendix: &[bool],
    mut kind: impl FnMut(&mut Rng) -> Kind,
    count: usize,
    max_run: usize,
    tail: bool,
) {
    let mut left = count;
    while left > 0 {
        let candidates: Vec<usize> = (0..kinds.len())
            .filter(|&r| kinds[r].iter().skip(1).any(Option::is_none))
            .collect();
        if candidates.is_empty() {
            return;
        }
        let weighted: Vec<usize> = candidates
            .iter()
            .flat_map(|&r| std::iter::repeat_n(r, if appendix[r] { 3 } else { 1 }))
            .collect();
        let r = *rng.pick(&weighted);
        let free: Vec<usize> = (1..kinds[r].len())
            .filter(|&i| kinds[r][i].is_none())
            .collect();
        let run = (1 + rng.below(max_run)).min(left).min(free.len());
        let start = if tail {
            free.len() - run
        } else {
            rng.below(free.len() - run + 1)
        };
        let k = kind(rng);
        for &i in &free[start..start + run] {
            kinds[r][i] = Some(k);
        }
        left -= run;
    }
}

fn plan(rng: &mut Rng, args: &Args) -> (Council, Vec<ReportSpec>, Vec<Vec<usize>>) {
    let town = *rng.pick(TOWNS);
    let council = Council {
        town,
        name: format!(
            "{town} {}",
            rng.pick(&[
                "Council",
                "Metropolitan Borough Council",
                "District Council"
            ])
        ),
        body: *rng.pick(&[
            "Cabinet",
            "Corporate Scrutiny Panel",
            "Council",
            "Strategic Planning Committee",
        ]),
        date: (2025, 1, rng.int(8, 28) as u32),
    };

    // Items: 1-3 consecutive reports each, a report then its appendices.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut r = 0;
    while r < args.reports {
        let n = (1 + rng.below(3)).min(args.reports - r);
        groups.push((r..r + n).collect());
        r += n;
    }
    let mut titles: Vec<&str> = TITLES.to_vec();
    rng.shuffle(&mut titles);
    let counts = page_counts(rng, args.reports, args.pages);

    let mut appendix = vec![false; args.reports];
    let mut specs: Vec<ReportSpec> = Vec::new();
    for (g, group) in groups.iter().enumerate() {
        let mut subject = titles[g % titles.len()].to_string();
        if g >= titles.len() {
            subject = format!("{subject} (part {})", g / titles.len() + 1);
        }
        for (k, &r) in group.iter().enumerate() {
            // Appendices are named after their pages, below.
            let app = (k > 0).then(|| format!("Appendix {k}"));
            appendix[r] = k > 0;
            specs.push(ReportSpec {
                file: String::new(),
                title: subject.clone(),
                subject: subject.clone(),
                appendix: app,
                kinds: Vec::new(),
            });
        }
    }

    let mut kinds: Vec<Vec<Option<Kind>>> = counts
        .iter()
        .map(|&n| {
            let mut v = vec![None; n];
            v[0] = Some(Kind::First);
            v
        })
        .collect();
    let free = args.pages - args.reports;
    let per = |n: usize| (args.pages * n + 500) / 1000;
    let scans = args.scans.unwrap_or(per(SCANS_PER_1000)).min(free);
    let landscape = per(LANDSCAPE_PER_1000).min(free - scans);
    let rotated = per(ROTATED_PER_1000).max(1).min(free - scans - landscape);
    // Scans, in runs of one kind: greyscale letters, or (three runs in
    // ten) colour plans.
    place(
        rng,
        &mut kinds,
        &appendix,
        |rng| {
            if rng.chance(0.3) {
                Kind::ScanRgb
            } else {
                Kind::ScanGrey
            }
        },
        scans,
        4,
        true,
    );
    place(
        rng,
        &mut kinds,
        &appendix,
        |_| Kind::Landscape,
        landscape,
        4,
        false,
    );
    place(
        rng,
        &mut kinds,
        &appendix,
        |_| Kind::Rotated,
        rotated,
        2,
        false,
    );
    for (spec, ks) in specs.iter_mut().zip(kinds) {
        spec.kinds = ks
            .into_iter()
            .map(|k| {
                k.unwrap_or_else(|| {
                    if rng.chance(TABLE_SHARE) {
                        Kind::Table
                    } else {
                        Kind::Text
                    }
                })
            })
            .collect();
    }
    for (r, spec) in specs.iter_mut().enumerate() {
        if let Some(label) = &spec.appendix {
            let has = |k: Kind| spec.kinds.contains(&k);
            let what = if has(Kind::ScanRgb) {
                "Site location plan"
            } else if has(Kind::ScanGrey) {
                rng.pick(SCANNED_APPENDICES)
            } else if has(Kind::Landscape) || has(Kind::Rotated) {
                rng.pick(WIDE_APPENDICES)
            } else {
                rng.pick(APPENDICES)
            };
            spec.title = format!("{label} – {what}");
        }
        spec.file = format!("reports/{:02}-{}.pdf", r + 1, slug(&spec.title));
    }
    (council, specs, groups)
}

// ---------------------------------------------------------------------------
// Drawing.
// ---------------------------------------------------------------------------

fn fill(grey: u8) -> Fill {
    Fill {
        paint: luma::Color::new(grey).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}

fn build_report(
    fonts: &Fonts,
    council: &Council,
    spec: &ReportSpec,
    logo: &[u8],
    seed: u64,
    index: usize,
) -> Vec<u8> {
    let mut w = Writer {
        fonts,
        council,
        spec,
        rng: Rng::new(seed, 1000 + index as u64),
        section: 0,
        para: 0,
        tables: 0,
        queue: VecDeque::new(),
        ops: Vec::new(),
    };
    let mut pages = Vec::with_capacity(spec.kinds.len());
    for &kind in &spec.kinds {
        let page = match kind {
            Kind::First => w.first_page(),
            Kind::Text => w.text_page(),
            Kind::Table => w.table_page(),
            Kind::Landscape => w.landscape_page(false),
            Kind::Rotated => w.landscape_page(true),
            Kind::ScanGrey | Kind::ScanRgb => {
                let rgb = kind == Kind::ScanRgb;
                let data = if rgb {
                    scan_rgb(&mut w.rng)
                } else {
                    scan_grey(&mut w.rng)
                };
                let image = Image::from_jpeg(jpeg(&data, rgb).into(), true).expect("scan image");
                PageOut {
                    width: A4_W,
                    height: A4_H,
                    rotated: false,
                    ops: vec![Op::Scan(image)],
                }
            }
        };
        pages.push(page);
    }

    let logo = Image::from_png(logo.to_vec().into(), true).expect("logo png");
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(spec.title.clone())
            .language("en-GB".into())
            .authors(vec![council.name.clone()])
            .creator("make_bench_reports".into()),
    );
    for out in &pages {
        let (pw, ph) = if out.rotated {
            (out.height, out.width)
        } else {
            (out.width, out.height)
        };
        let mut page = document.start_page_with(PageSettings::from_wh(pw, ph).expect("page size"));
        let mut surface = page.surface();
        if out.rotated {
            // Landscape content turned a quarter anticlockwise; /Rotate 90
            // turns it upright again.
            surface.push_transform(&Transform::from_row(0.0, -1.0, 1.0, 0.0, 0.0, ph));
        }
        for op in &out.ops {
            match op {
                Op::Text {
                    x,
                    y,
                    size,
                    bold,
                    grey,
                    text,
                } => {
                    surface.set_stroke(None);
                    surface.set_fill(Some(fill(*grey)));
                    let font = if *bold {
                        fonts.bold.clone()
                    } else {
                        fonts.regular.clone()
                    };
                    surface.draw_text(
                        Point::from_xy(*x, *y),
                        font,
                        *size,
                        text,
                        false,
                        TextDirection::Auto,
                    );
                }
                Op::Line {
                    x1,
                    y1,
                    x2,
                    y2,
                    width,
                    grey,
                } => {
                    let mut pb = PathBuilder::new();
                    pb.move_to(*x1, *y1);
                    pb.line_to(*x2, *y2);
                    surface.set_fill(None);
                    surface.set_stroke(Some(Stroke {
                        paint: luma::Color::new(*grey).into(),
                        width: *width,
                        ..Default::default()
                    }));
                    surface.draw_path(&pb.finish().expect("line"));
                }
                Op::Shade { x, y, w, h, grey } => {
                    let mut pb = PathBuilder::new();
                    pb.push_rect(Rect::from_xywh(*x, *y, *w, *h).expect("shade"));
                    surface.set_stroke(None);
                    surface.set_fill(Some(fill(*grey)));
                    surface.draw_path(&pb.finish().expect("shade path"));
                }
                Op::Logo { x, y, size } => {
                    surface.push_transform(&Transform::from_translate(*x, *y));
                    surface.draw_image(logo.clone(), Size::from_wh(*size, *size).expect("logo"));
                    surface.pop();
                }
                Op::Scan(image) => {
                    surface.draw_image(image.clone(), Size::from_wh(pw, ph).expect("scan size"));
                }
            }
        }
        if out.rotated {
            surface.pop();
        }
        surface.finish();
        page.finish();
    }
    let bytes = document
        .finish()
        .unwrap_or_else(|e| panic!("{}: {e:?}", spec.file));
    if !pages.iter().any(|p| p.rotated) {
        return bytes;
    }
    // krilla cannot set /Rotate: set it with lopdf.
    let mut pdf = lopdf::Document::load_mem(&bytes).expect("reload report");
    let ids = pdf.get_pages();
    for (i, out) in pages.iter().enumerate() {
        if out.rotated {
            let id = ids[&(i as u32 + 1)];
            pdf.get_dictionary_mut(id)
                .expect("page dictionary")
                .set("Rotate", 90);
        }
    }
    let mut out = Vec::new();
    pdf.save_to(&mut out).expect("save report");
    out
}

fn toml_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

fn pack_toml(
    rng: &mut Rng,
    council: &Council,
    specs: &[ReportSpec],
    groups: &[Vec<usize>],
) -> String {
    let (y, m, d) = council.date;
    let mut t = String::new();
    let _ = writeln!(
        t,
        "# Written by examples/make_bench_reports.rs: a synthetic benchmark pack.\n"
    );
    let _ = writeln!(t, "[meeting]");
    let _ = writeln!(t, "body = {}", toml_str(council.body));
    let _ = writeln!(t, "date = {y}-{m:02}-{d:02}");
    let _ = writeln!(t, "time = \"14:00\"");
    let _ = writeln!(
        t,
        "venue = {}",
        toml_str(&format!("Council Chamber, Town Hall, {}", council.town))
    );
    let _ = writeln!(t, "notices = [");
    for n in [
        "Members of the public may film, record or report on the meeting, except where the public are excluded.",
        "The agenda and reports are available on the Council's website and at the Town Hall.",
        "Please contact the Governance Officer named below if you need the papers in another format.",
    ] {
        let _ = writeln!(t, "  {},", toml_str(n));
    }
    let _ = writeln!(t, "]\n");
    let _ = writeln!(t, "[issuer]");
    let _ = writeln!(t, "organisation = {}", toml_str(&council.name));
    let _ = writeln!(t, "officer = {}", toml_str(&person(rng)));
    let _ = writeln!(
        t,
        "title = \"Service Director - Legal, Governance and Commissioning\""
    );
    let _ = writeln!(
        t,
        "address = [\"Town Hall\", \"Market Street\", {}, \"WX1 2TA\"]",
        toml_str(council.town)
    );
    let _ = writeln!(t, "telephone = \"01632 960000\"");
    let _ = writeln!(t, "issued = {y}-{m:02}-{:02}", d - 7);
    let _ = writeln!(
        t,
        "logo = {{ path = \"logo.png\", alt = {} }}\n",
        toml_str(&format!("{} crest", council.name))
    );
    let _ = writeln!(t, "[contact]");
    let contact = person(rng);
    let _ = writeln!(t, "name = {}", toml_str(&contact));
    let _ = writeln!(
        t,
        "email = {}\n",
        toml_str(&format!(
            "{}@{}.gov.uk",
            contact.to_lowercase().replace(' ', "."),
            slug(council.town)
        ))
    );
    for i in 0..11 {
        let _ = writeln!(t, "[[members]]");
        let _ = writeln!(
            t,
            "name = {}",
            toml_str(&format!("Councillor {}", person(rng)))
        );
        match i {
            0 => {
                let _ = writeln!(t, "role = \"Chair\"");
            }
            1 => {
                let _ = writeln!(t, "role = \"Deputy Chair\"");
            }
            _ => {}
        }
        t.push('\n');
    }
    for group in groups {
        let main = &specs[group[0]];
        let _ = writeln!(t, "[[items]]");
        let _ = writeln!(t, "title = {}", toml_str(&main.subject));
        let _ = writeln!(t, "description = {}", toml_str(&sentence(rng)));
        let _ = writeln!(
            t,
            "contacts = [{}]",
            toml_str(&format!("{}, {}", person(rng), rng.pick(SERVICES)))
        );
        let docs: Vec<String> = group
            .iter()
            .map(|&r| {
                let s = &specs[r];
                format!(
                    "{{ path = {}, title = {} }}",
                    toml_str(&s.file),
                    toml_str(&s.title)
                )
            })
            .collect();
        let _ = writeln!(t, "documents = [\n  {},\n]\n", docs.join(",\n  "));
    }
    t
}

fn main() {
    let args = parse_args();
    let fonts = Fonts::load();
    std::fs::create_dir_all(args.out.join("reports")).expect("create OUT_DIR/reports");

    let mut rng = Rng::new(args.seed, 0);
    let (council, specs, groups) = plan(&mut rng, &args);
    let logo = logo_png();
    std::fs::write(args.out.join("logo.png"), &logo).expect("write logo.png");

    let mut total = 0u64;
    let mut by_kind = [0usize; KINDS.len()];
    for (i, spec) in specs.iter().enumerate() {
        let bytes = build_report(&fonts, &council, spec, &logo, args.seed, i);
        let path = args.out.join(&spec.file);
        std::fs::write(&path, &bytes).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
        total += bytes.len() as u64;
        for k in &spec.kinds {
            by_kind[KINDS.iter().position(|x| x == k).expect("kind")] += 1;
        }
    }
    let toml = pack_toml(&mut rng, &council, &specs, &groups);
    std::fs::write(args.out.join("pack.toml"), toml).expect("write pack.toml");
    let files: String = specs.iter().map(|s| format!("{}\n", s.file)).collect();
    std::fs::write(args.out.join("files.txt"), files).expect("write files.txt");
    let manifest: String = specs
        .iter()
        .map(|s| {
            let letters: String = s.kinds.iter().map(|k| k.letter()).collect();
            format!("{}\t{}\t{}\n", s.file, s.kinds.len(), letters)
        })
        .collect();
    std::fs::write(args.out.join("manifest.tsv"), manifest).expect("write manifest.tsv");

    let pages: usize = specs.iter().map(|s| s.kinds.len()).sum();
    assert_eq!(pages, args.pages, "page counts must add up");
    let mix: Vec<String> = KINDS
        .iter()
        .zip(by_kind)
        .map(|(k, n)| format!("{k:?} {n}"))
        .collect();
    println!(
        "{} reports in {} items, {} pages ({}), {} bytes, in {}",
        specs.len(),
        groups.len(),
        pages,
        mix.join(", "),
        total,
        args.out.display()
    );
}
