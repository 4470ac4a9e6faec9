//! `agendapack new`: a pack folder a clerk can start from, a commented
//! pack file for a typical meeting and sample reports, which builds as it
//! is.

use std::path::{Path, PathBuf};

use crate::error::BuildError;
use crate::write::{Durability, write_atomically};

/// Sample reports: file name, title, paragraphs.
const REPORTS: &[(&str, &str, &[&str])] = &[
    (
        "minutes.pdf",
        "Minutes of the previous meeting",
        &[
            "Present: Councillors A. Example (Chair), B. Example and C. Example.",
            "1. Apologies for absence. None were received.",
            "2. Declarations of interest. None were declared.",
            "3. Budget monitoring. The Committee noted the report.",
            "This is a sample report made by agendapack new: replace it with the real minutes.",
        ],
    ),
    (
        "budget-report.pdf",
        "Budget monitoring: quarter 2",
        &[
            "Purpose of the report. To inform the Committee of spending against the budget at the end of the second quarter.",
            "Recommendation. That the Committee notes the report.",
            "This is a sample report made by agendapack new: replace it with the real report.",
        ],
    ),
];

/// Creates the pack folder `dir` with `template`; returns the files made.
/// A folder that exists and is not empty is refused: nothing of a clerk's
/// is ever written over.
pub fn new_pack(dir: &Path, template: &str) -> Result<Vec<PathBuf>, BuildError> {
    let refuse = |reason: String| BuildError::Output {
        path: dir.to_path_buf(),
        reason,
    };
    if crate::template::SHIPPED.iter().all(|(n, _)| *n != template) {
        let names: Vec<&str> = crate::template::SHIPPED.iter().map(|(n, _)| *n).collect();
        return Err(refuse(format!(
            "`{template}` is not a shipped template ({}); start from one and name your own \
             folder in the pack file afterwards",
            names.join(", ")
        )));
    }
    if let Ok(mut entries) = std::fs::read_dir(dir)
        && entries.next().is_some()
    {
        return Err(refuse(
            "the folder exists and is not empty; give a new folder, so that nothing in it is \
             written over"
                .into(),
        ));
    }
    let reports = dir.join("reports");
    std::fs::create_dir_all(&reports).map_err(|e| refuse(e.to_string()))?;
    let mut made = Vec::new();
    for (name, title, paragraphs) in REPORTS {
        let path = reports.join(name);
        write_atomically(
            &path,
            &crate::render::sample_report(title, paragraphs)?,
            Durability::Written,
        )?;
        made.push(path);
    }
    let pack = dir.join("pack.toml");
    let text = pack_file(
        template,
        &crate::publication::today_plus(7),
        &crate::publication::today(),
    );
    write_atomically(&pack, text.as_bytes(), Durability::Written)?;
    made.insert(0, pack);
    Ok(made)
}

fn pack_file(template: &str, meeting: &str, issued: &str) -> String {
    format!(
        r#"# A pack file for agendapack: one meeting's public document pack.
# Build it with:     agendapack build pack.toml
# Check it with:     agendapack check pack.toml
# Every key is described in agendapack's docs/pack-format.md. Lines that
# start with # are comments. Text goes in "quotes"; dates do not.

# The front sheet's layout and wording: "default" (modern.gov style),
# "parish" (a town or parish council's summons), or a folder of your own.
template = "{template}"

[meeting]
body = "Planning Committee"             # the committee, panel or board
date = {meeting}                       # year-month-day, no quotes
time = "18:30"                          # 24-hour clock
venue = "Council Chamber, Town Hall"    # "in the Council Chamber"; a named place reads "at ..."
# Paragraphs printed before the signature.
notices = [
    "This meeting will be webcast live and will be available to view on the Council's website.",
]
# Paragraphs printed after the signature.
closing = [
    "Anytown Council advocates openness and transparency. Anyone wishing to record the public parts of the meeting should tell the Clerk beforehand.",
]

[issuer]                                # who issues the notice and signs it
organisation = "Anytown Council"
officer = "Jo Bloggs"
title = "Head of Democratic Services"
address = ["Town Hall", "High Street", "Anytown", "AN1 1AA"]
telephone = "01234 567890"
issued = {issued}                      # the date of issue
# logo = {{ path = "logo.png", alt = "Anytown Council" }}
# signature = {{ path = "signature.png", alt = "Signature of Jo Bloggs" }}
# country = "wales"                     # Welsh councils cite Part 4 of Schedule 12A

[contact]                               # "Please ask for"
name = "Sam Smith"
email = "sam.smith@anytown.gov.uk"

[[members]]
name = "Councillor Alex Example"
role = "Chair"

[[members]]
name = "Councillor Bea Example"

[[members]]
name = "Councillor Cal Example"

# The agenda, in order. Items are numbered 1, 2, 3 ... unless given a
# number: number = 5, or as printed, number = "5a" or "6.1".

[[items]]
title = "Apologies for absence"
description = "To receive apologies for absence."

[[items]]
title = "Declarations of interest"
description = "Members are asked to declare any interests in the items on this agenda."

[[items]]
title = "Minutes of the previous meeting"
description = "To approve the minutes of the last meeting."
documents = [
    {{ path = "reports/minutes.pdf", title = "Minutes of the previous meeting" }},
]

[[items]]
title = "Budget monitoring: quarter 2"
documents = ["reports/budget-report.pdf"]
# A confidential (exempt) appendix goes in the members' edition only:
# documents = [
#     "reports/budget-report.pdf",
#     {{ path = "reports/bids.pdf", title = "Appendix 2 – bids", exempt = {{ paragraph = 3 }} }},
# ]

[[items]]
title = "Planning applications"
description = "To consider the planning applications listed in the report."
# Its report has not arrived: the agenda says "(To follow)". When it does,
# list it under documents and take to_follow out.
to_follow = true
"#
    )
}
