//! Reading a pack file: TOML text → validated [`Pack`], with every mistake
//! reported at once and pointing at its line and column.

mod problem;
mod reader;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};

use crate::model::{
    Contact, Country, Document, Exemption, Issuer, Item, ItemNumber, Meeting, Member, Pack,
    Picture, Publish, Show, Time,
};
pub use problem::{PackFileError, Problem};
use reader::{Checker, TableReader, Value};

/// Reads and validates the pack file at `path`.
pub fn load(path: &Path) -> Result<Pack, PackFileError> {
    let text =
        crate::files::read_pack_file(path).map_err(|e| PackFileError::unreadable(path, &e))?;
    parse(path, &text)
}

/// Validates pack-file `text`; `path` names it in messages and anchors
/// relative document paths.
pub fn parse(path: &Path, text: &str) -> Result<Pack, PackFileError> {
    let mut checker = Checker::new(path, text);
    // Recover from syntax errors so that the rest of the file is checked
    // too; a key lost to a syntax error is then not also reported missing.
    let (root, syntax_errors) = DeTable::parse_recoverable(text);
    for err in &syntax_errors {
        let span = err.span().unwrap_or(0..0);
        // A Windows path in double quotes: its backslashes read as escapes.
        let on_line = text[..span.start.min(text.len())]
            .rsplit('\n')
            .next()
            .unwrap_or("");
        let help = (err.message().contains("escape") && on_line.contains('\\')).then_some(
            "write paths with forward slashes, e.g. \"reports/minutes.pdf\": in double quotes a \
             backslash starts an escape such as \\n (or put the path in single quotes: \
             'reports\\minutes.pdf')",
        );
        checker.problem(span.clone(), err.message().trim(), "here", help);
        checker.syntax_errors.push(span);
    }
    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let pack = read_pack(&mut checker, &base, path, text, root.get_ref(), root.span());
    match (checker.is_clean(), pack) {
        (true, Some(pack)) => Ok(pack),
        _ => Err(checker.into_error()),
    }
}

fn read_pack(
    c: &mut Checker,
    base: &Path,
    path: &Path,
    text: &str,
    root: &DeTable<'_>,
    span: std::ops::Range<usize>,
) -> Option<Pack> {
    let mut top = TableReader::new(
        "the pack file",
        root,
        span.clone(),
        &[
            "meeting", "issuer", "contact", "members", "items", "publish", "template",
        ],
    );
    let template = match top.value(c, "template", false) {
        None => Some(crate::template::Template::default()),
        Some(v) => match v.as_str() {
            Some(name) => match crate::template::Template::load(name, base) {
                Ok(t) => Some(t),
                Err(e) => {
                    c.problem(
                        v.span.clone(),
                        &format!("the template cannot be used: {e}"),
                        "this template",
                        Some(
                            "name a shipped template (template = \"default\" or \"parish\"), \
                             or a folder holding template.toml, relative to the pack file",
                        ),
                    );
                    None
                }
            },
            None => {
                c.wrong_type(
                    &v,
                    "a template's name in quotes, e.g. template = \"parish\"",
                );
                None
            }
        },
    };
    let publish = match top.table(c, "publish", false) {
        Some(mut t) => {
            t.expect_keys(&["comments", "hidden_layers"]);
            let publish = read_publish(c, &mut t, Publish::default());
            t.finish(c);
            publish
        }
        None => Publish::default(),
    };
    // A missing table is shown as it would be written.
    for (key, example) in TABLE_EXAMPLES {
        let swallowed = !c.syntax_errors.is_empty();
        if root.get(*key).is_none() && !swallowed {
            c.problem(
                0..0,
                &format!("the pack file has no [{key}] table"),
                &format!("[{key}] is missing"),
                Some(&format!("add it, for example:\n{example}")),
            );
        }
    }
    let meeting = top
        .table(c, "meeting", false)
        .and_then(|t| read_meeting(c, t));
    let issuer = top
        .table(c, "issuer", false)
        .and_then(|t| read_issuer(c, base, t));
    let contact = top
        .table(c, "contact", false)
        .and_then(|t| read_contact(c, t));
    let members = top
        .tables(c, "members")
        .into_iter()
        .map(|t| read_member(c, t))
        .collect::<Vec<_>>();
    let item_tables = top.tables(c, "items");
    top.finish(c);
    if item_tables.is_empty() && c.is_clean() {
        c.problem(
            0..0,
            "the pack has no agenda items",
            "add items here",
            Some("add at least one [[items]] table with a title"),
        );
    }
    let country = issuer.as_ref().map_or(Country::default(), |i| i.country);
    let items = read_items(c, base, item_tables, publish, country);
    Some(Pack {
        source: path.to_path_buf(),
        digest: *blake3::hash(text.as_bytes()).as_bytes(),
        meeting: meeting?,
        issuer: issuer?,
        contact: contact?,
        members: members.into_iter().collect::<Option<Vec<_>>>()?,
        items: items?,
        edition: None,
        part: crate::model::Part::Main,
        template: std::sync::Arc::new(template?),
    })
}

/// The tables every pack file has, each as a clerk would write it.
const TABLE_EXAMPLES: &[(&str, &str)] = &[
    (
        "meeting",
        "[meeting]\nbody = \"Planning Committee\"\ndate = 2025-01-15\ntime = \"18:30\"\nvenue = \"Council Chamber, Town Hall\"",
    ),
    (
        "issuer",
        "[issuer]\norganisation = \"Anytown Council\"\nofficer = \"Jo Bloggs\"\ntitle = \"Head of Democratic Services\"\nissued = 2025-01-07",
    ),
    (
        "contact",
        "[contact]\nname = \"Sam Smith\"\nemail = \"sam.smith@anytown.gov.uk\"   # optional\ntelephone = \"01234 567890\"         # optional",
    ),
];

fn read_meeting(c: &mut Checker, mut t: TableReader<'_, '_>) -> Option<Meeting> {
    t.expect_keys(&[
        "body", "date", "time", "venue", "notices", "closing", "language",
    ]);
    let body = t.string(c, "body", true);
    let date = t.date(c, "date", true);
    let time = t.value(c, "time", true).and_then(|v| match v.as_str() {
        Some(s) => Time::parse(s).or_else(|| {
            c.problem(
                v.span.clone(),
                &format!("`{s}` is not a time of day"),
                "not a time",
                Some("write the 24-hour time in quotes, e.g. time = \"10:30\" or \"14:00\""),
            );
            None
        }),
        None => {
            c.wrong_type(&v, "a time in quotes, e.g. \"10:30\"");
            None
        }
    });
    let venue = t.string(c, "venue", true);
    let notices = t.string_list(c, "notices").unwrap_or_default();
    let closing = t.string_list(c, "closing").unwrap_or_default();
    let language = t
        .string(c, "language", false)
        .unwrap_or_else(|| "en-GB".into());
    t.finish(c);
    Some(Meeting {
        body: body?,
        date: date?,
        time: time?,
        venue: venue?,
        notices,
        closing,
        language,
    })
}

fn read_issuer(c: &mut Checker, base: &Path, mut t: TableReader<'_, '_>) -> Option<Issuer> {
    t.expect_keys(&[
        "organisation",
        "officer",
        "title",
        "address",
        "telephone",
        "issued",
        "logo",
        "signature",
        "country",
    ]);
    let organisation = t.string(c, "organisation", true);
    let officer = t.string(c, "officer", true);
    let title = t.string(c, "title", true);
    let address = t.string_list(c, "address").unwrap_or_default();
    let telephone = t.string(c, "telephone", false);
    let issued = t.date(c, "issued", true);
    let logo = t
        .table(c, "logo", false)
        .and_then(|p| read_picture(c, base, p));
    let signature = t
        .table(c, "signature", false)
        .and_then(|p| read_picture(c, base, p));
    let country = match t.value(c, "country", false) {
        None => Some(Country::England),
        Some(v) => match v.as_str().map(str::to_ascii_lowercase).as_deref() {
            Some("england") => Some(Country::England),
            Some("wales") => Some(Country::Wales),
            _ => {
                c.problem(
                    v.span.clone(),
                    "`country` must be \"england\" or \"wales\"",
                    "not \"england\" or \"wales\"",
                    Some(
                        "it decides which Part of Schedule 12A exempt items cite: \
                         Part 1 in England, Part 4 in Wales",
                    ),
                );
                None
            }
        },
    };
    t.finish(c);
    Some(Issuer {
        organisation: organisation?,
        officer: officer?,
        title: title?,
        address,
        telephone,
        issued: issued?,
        logo,
        signature,
        country: country?,
    })
}

fn read_picture(c: &mut Checker, base: &Path, mut t: TableReader<'_, '_>) -> Option<Picture> {
    t.expect_keys(&["path", "alt"]);
    let path = t.value(c, "path", true).and_then(|v| {
        let p = c.existing_file(base, &v, "the image")?;
        let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !["png", "jpg", "jpeg"].contains(&ext.to_ascii_lowercase().as_str()) {
            c.problem(
                v.span.clone(),
                "front-sheet images must be PNG or JPEG",
                "not a .png, .jpg or .jpeg file",
                None,
            );
            return None;
        }
        Some(p)
    });
    let alt = t.string(c, "alt", true);
    t.finish(c);
    Some(Picture {
        path: path?,
        alt: alt?,
    })
}

fn read_contact(c: &mut Checker, mut t: TableReader<'_, '_>) -> Option<Contact> {
    t.expect_keys(&["name", "email", "telephone"]);
    let name = t.string(c, "name", true);
    let email = t.string(c, "email", false);
    let telephone = t.string(c, "telephone", false);
    t.finish(c);
    Some(Contact {
        name: name?,
        email,
        telephone,
    })
}

fn read_member(c: &mut Checker, mut t: TableReader<'_, '_>) -> Option<Member> {
    t.expect_keys(&["name", "role"]);
    let name = t.string(c, "name", true);
    let role = t.string(c, "role", false);
    t.finish(c);
    Some(Member { name: name?, role })
}

fn read_items(
    c: &mut Checker,
    base: &Path,
    tables: Vec<TableReader<'_, '_>>,
    publish: Publish,
    country: Country,
) -> Option<Vec<Item>> {
    let mut items = Vec::new();
    // Each file, by its identity on disk, with whether it was listed as
    // exempt and where.
    let mut listed = Listed::default();
    let mut seen: BTreeMap<ItemNumber, usize> = BTreeMap::new();
    let mut next_number = ItemNumber::whole(1);
    // The line of the item the next number was counted on from.
    let mut counted_from: Option<usize> = None;
    let mut ok = true;
    for mut t in tables {
        t.expect_keys(&[
            "number",
            "title",
            "description",
            "contacts",
            "documents",
            "exempt",
            "to_follow",
        ]);
        let line = c.line_of(t.span.start);
        let number_value = t.value(c, "number", false);
        let help = "write it as a whole number (number = 7), or in quotes as councils print \
                    it: number = \"5a\", number = \"6.1\"";
        let number = match &number_value {
            Some(v) => {
                let parsed = match (v.as_integer(), v.as_str()) {
                    (Some(n), _) if (1..=9999).contains(&n) => Some(ItemNumber::whole(n as u32)),
                    (Some(_), _) => {
                        c.problem(
                            v.span.clone(),
                            "an item number must be between 1 and 9999",
                            "out of range",
                            None,
                        );
                        None
                    }
                    (None, Some(text)) => {
                        let parsed = ItemNumber::parse(text);
                        if parsed.is_none() {
                            c.problem(
                                v.span.clone(),
                                &format!("`{text}` is not an item number"),
                                "not an item number",
                                Some(help),
                            );
                        }
                        parsed
                    }
                    (None, None) => {
                        c.wrong_type(v, "a whole number (number = 7) or text (number = \"5a\")");
                        None
                    }
                };
                counted_from = None;
                parsed.unwrap_or_else(|| next_number.clone())
            }
            None => next_number.clone(),
        };
        let counted = number_value.is_none();
        next_number = number.next();
        let title = t.string(c, "title", true);
        let description = t
            .string(c, "description", false)
            .map(|d| paragraphs(&d))
            .unwrap_or_default();
        let contacts = t.string_list(c, "contacts").unwrap_or_default();
        let label = match &title {
            Some(title) => format!("item {number} (\u{201c}{title}\u{201d})"),
            None => format!("item {number}"),
        };
        let exempt = read_exempt(c, &mut t, country);
        let inherited = Inherited {
            item: &label,
            publish,
            country,
            exempt: exempt.clone().flatten(),
        };
        let documents = read_documents(c, base, &mut t, &inherited, &mut listed);
        let to_follow = match t.value(c, "to_follow", false) {
            None => false,
            Some(v) => match v.value {
                DeValue::Boolean(b) => {
                    if *b && documents.as_ref().is_some_and(|d| !d.is_empty()) {
                        c.problem(
                            v.span.clone(),
                            "an item to follow has no documents yet",
                            "to follow, but it has documents",
                            Some(
                                "when its report arrives, list it under `documents` and take \
                                 `to_follow` out (after publishing, put it in a supplement: \
                                 agendapack supplement)",
                            ),
                        );
                    }
                    *b
                }
                _ => {
                    c.wrong_type(&v, "true or false");
                    false
                }
            },
        };
        if let Some(first_line) = seen.insert(number.clone(), line) {
            // Where the duplicate is: at its `number`, or, for an item that
            // was counted, at the item, saying what it was counted on from.
            let (span, message) = match (&number_value, counted, counted_from) {
                (Some(v), _, _) => (
                    v.span.clone(),
                    format!("item number {number} is used twice (first at line {first_line})"),
                ),
                (None, true, Some(from)) => (
                    t.span.clone(),
                    format!(
                        "this item has no `number`, so it is counted on from the item at line \
                         {from} as {number}, which the item at line {first_line} already is"
                    ),
                ),
                (None, _, _) => (
                    t.span.clone(),
                    format!("item number {number} is used twice (first at line {first_line})"),
                ),
            };
            c.problem(
                span,
                &message,
                "duplicate item number",
                Some("give each item its own number, or leave `number` out to count on from the item before"),
            );
        }
        counted_from = Some(line);
        t.finish(c);
        match (title, documents, exempt) {
            (Some(title), Some(documents), Some(exempt)) => items.push(Item {
                number,
                title,
                description,
                contacts,
                documents,
                exempt,
                withheld: Vec::new(),
                to_follow,
                in_supplement: None,
                line,
            }),
            _ => ok = false,
        }
    }
    ok.then_some(items)
}

/// What an item's documents take from the item and the pack.
struct Inherited<'a> {
    /// The item, as messages name it.
    item: &'a str,
    publish: Publish,
    country: Country,
    /// The item's exemption, which each of its documents shares.
    exempt: Option<Exemption>,
}

fn read_documents(
    c: &mut Checker,
    base: &Path,
    t: &mut TableReader<'_, '_>,
    inherited: &Inherited<'_>,
    listed: &mut Listed,
) -> Option<Vec<Document>> {
    let Inherited {
        item,
        publish,
        country,
        exempt: item_exempt,
    } = inherited;
    let (publish, country) = (*publish, *country);
    let Some(list) = t.value(c, "documents", false) else {
        return Some(Vec::new());
    };
    let Some(entries) = list.as_array() else {
        c.wrong_type(
            &list,
            "a list of documents, e.g. documents = [\"reports/cover.pdf\"]",
        );
        return None;
    };
    let mut documents = Vec::new();
    let mut ok = true;
    for (index, entry) in entries.iter().enumerate() {
        let what = format!("{item}, document {}", index + 1);
        let doc = match entry.get_ref() {
            DeValue::String(_) => {
                let v = Value::from_spanned(entry);
                c.existing_file(base, &v, &what)
                    .filter(|path| listed.check(c, path, item_exempt.is_some(), v.span.clone()))
                    .map(|path| Document {
                        title: default_title(&path),
                        path,
                        line: c.line_of(v.span.start),
                        password_env: None,
                        publish,
                        exempt: item_exempt.clone(),
                    })
            }
            DeValue::Table(table) => {
                let mut d = TableReader::new(
                    &what,
                    table,
                    entry.span(),
                    &[
                        "path",
                        "title",
                        "password_env",
                        "comments",
                        "hidden_layers",
                        "exempt",
                    ],
                );
                let exempt =
                    read_exempt(c, &mut d, country).map(|own| own.or_else(|| item_exempt.clone()));
                let path = d.value(c, "path", true).and_then(|v| {
                    let path = c.existing_file(base, &v, &what)?;
                    let is_exempt = matches!(exempt, Some(Some(_)));
                    listed
                        .check(c, &path, is_exempt, v.span.clone())
                        .then_some(path)
                });
                let title = d.string(c, "title", false);
                let password_env = d.string(c, "password_env", false);
                let publish = read_publish(c, &mut d, publish);
                d.finish(c);
                match (path, exempt) {
                    (Some(path), Some(exempt)) => Some(Document {
                        title: title.unwrap_or_else(|| default_title(&path)),
                        path,
                        line: c.line_of(entry.span().start),
                        password_env,
                        publish,
                        exempt,
                    }),
                    _ => None,
                }
            }
            _ => {
                c.wrong_type(
                    &Value::from_spanned(entry),
                    "a path in quotes, or { path = \"...\", title = \"...\" }",
                );
                None
            }
        };
        match doc {
            Some(doc) => documents.push(doc),
            None => ok = false,
        }
    }
    ok.then_some(documents)
}

/// The files listed so far, by identity on disk: a file listed both as
/// public and as exempt would be published through its public listing.
#[derive(Default)]
struct Listed {
    files: Vec<(crate::files::FileIdentity, bool, usize)>,
}

impl Listed {
    /// Records `path`, listed as exempt or not at `span`; false (with the
    /// problem reported) when it was listed the other way before.
    fn check(
        &mut self,
        c: &mut Checker,
        path: &Path,
        exempt: bool,
        span: std::ops::Range<usize>,
    ) -> bool {
        let Some(identity) = crate::files::FileIdentity::of(path) else {
            return true;
        };
        let line = c.line_of(span.start);
        let earlier = self
            .files
            .iter()
            .find(|(id, was_exempt, _)| *id == identity && *was_exempt != exempt)
            .map(|&(_, _, line)| line);
        self.files.push((identity, exempt, line));
        let Some(first_line) = earlier else {
            return true;
        };
        let (here, there) = if exempt {
            ("exempt", "public")
        } else {
            ("public", "exempt")
        };
        c.problem(
            span,
            &format!(
                "this file is listed here as {here} and at line {first_line} as {there}: \
                 the public pack would publish it"
            ),
            &format!("listed as {here}"),
            Some(
                "list an exempt report only with `exempt = { paragraph = ... }`, \
                 or give the public version its own file",
            ),
        );
        false
    }
}

/// An item's or document's `exempt = { paragraph = 3 }`: `Some(None)` when
/// there is none, `None` when it is wrong (reported).
fn read_exempt(
    c: &mut Checker,
    t: &mut TableReader<'_, '_>,
    country: Country,
) -> Option<Option<Exemption>> {
    let Some(v) = t.value(c, "exempt", false) else {
        return Some(None);
    };
    let help = match country {
        Country::England => {
            "write exempt = { paragraph = 3 }, with the paragraph of Part 1 of Schedule 12A \
             (1 to 7) the information falls under"
        }
        Country::Wales => {
            "write exempt = { paragraph = 14 }, with the paragraph of Part 4 of Schedule 12A \
             (12 to 18, \"18A\", \"18B\" or \"18C\") the information falls under"
        }
    };
    let DeValue::Table(table) = v.value else {
        c.problem(
            v.span.clone(),
            "`exempt` should name the paragraph of Schedule 12A",
            &format!("this is {}", reader::article(v.value.type_str())),
            Some(help),
        );
        return None;
    };
    let mut e = TableReader::new("`exempt`", table, v.span.clone(), &["paragraph"]);
    let paragraph = e.value(c, "paragraph", true);
    e.finish(c);
    let paragraph = paragraph?;
    // One entry, or a list of them, each a number or a string.
    let entries: Vec<(Option<String>, std::ops::Range<usize>)> = match paragraph.as_array() {
        Some(list) => list
            .iter()
            .map(|entry| (written_paragraph(entry.get_ref()), entry.span()))
            .collect(),
        None => vec![(written_paragraph(paragraph.value), paragraph.span.clone())],
    };
    if entries.is_empty() {
        c.problem(
            paragraph.span.clone(),
            "`paragraph` lists no paragraph",
            "empty list",
            Some(help),
        );
        return None;
    }
    let mut written = Vec::new();
    let mut ok = true;
    for (entry, span) in entries {
        let Some(text) = entry else {
            c.problem(
                span,
                "a paragraph is written as a number or in quotes, e.g. paragraph = 3 or \
                 paragraph = \"18A\"",
                "not a paragraph number",
                Some(help),
            );
            ok = false;
            continue;
        };
        match Exemption::new(country, std::slice::from_ref(&text)) {
            Ok(_) => written.push(text),
            Err(unknown) => {
                let part = country.part();
                let valid: Vec<&str> = country.paragraphs().iter().map(|(n, _)| *n).collect();
                let hint = match unknown.other_country {
                    Some(other) => format!(
                        "paragraph {} is in Part {} of Schedule 12A, which councils in {} cite; \
                         this pack cites Part {part} ({}). If the council is in {}, set \
                         country = \"{}\" under [issuer]",
                        text.trim(),
                        other.part(),
                        other.name(),
                        country.name(),
                        other.name(),
                        other.name().to_ascii_lowercase()
                    ),
                    None => format!("the paragraphs of Part {part} are {}", valid.join(", ")),
                };
                c.problem(
                    span,
                    &format!(
                        "`{}` is not a paragraph of Part {part} of Schedule 12A",
                        text.trim()
                    ),
                    "no such paragraph",
                    Some(&hint),
                );
                ok = false;
            }
        }
    }
    if !ok {
        return None;
    }
    Exemption::new(country, &written).ok().map(Some)
}

/// A paragraph as written: a whole number, or text.
fn written_paragraph(value: &DeValue<'_>) -> Option<String> {
    match value {
        DeValue::String(s) if !s.trim().is_empty() => Some(s.to_string()),
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
            .ok()
            .map(|n| n.to_string()),
        _ => None,
    }
}

/// `comments` and `hidden_layers` ("remove" or "keep") from a `[publish]`
/// table or a document, over `inherited`.
fn read_publish(c: &mut Checker, t: &mut TableReader<'_, '_>, inherited: Publish) -> Publish {
    let mut show = |key: &str, default: Show| -> Show {
        let Some(v) = t.value(c, key, false) else {
            return default;
        };
        match v.as_str() {
            Some("remove") => Show::Remove,
            Some("keep") => Show::Keep,
            _ => {
                c.problem(
                    v.span.clone(),
                    &format!("`{key}` must be \"remove\" or \"keep\""),
                    "not \"remove\" or \"keep\"",
                    Some(&format!(
                        "{key} = \"remove\" leaves them out of the public pack (the default); \
                         {key} = \"keep\" publishes them"
                    )),
                );
                default
            }
        }
    };
    Publish {
        comments: show("comments", inherited.comments),
        hidden_layers: show("hidden_layers", inherited.hidden_layers),
    }
}

/// A document's bookmark title when the pack gives none: its file name
/// without the extension.
fn default_title(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Splits a description into paragraphs at blank lines, joining the lines
/// of each paragraph with spaces.
fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    // `lines` also splits at "\r\n", so Windows line endings work too.
    for line in text.lines().chain(std::iter::once("")) {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(current.join(" "));
                current.clear();
            }
        } else {
            current.extend(line.split_whitespace());
        }
    }
    out
}

/// Where `build` writes an edition when no `-o` is given: beside the pack
/// file, with its name and a `.pdf` extension (`pack.toml` → `pack.pdf`);
/// the members' edition says what it is in its name
/// (`pack-members-not-for-publication.pdf`), so that it is never taken for
/// the public pack nor written over it.
pub fn default_output(pack_file: &Path, edition: crate::model::Edition) -> PathBuf {
    match edition {
        crate::model::Edition::Public => pack_file.with_extension("pdf"),
        crate::model::Edition::Members => {
            let mut name = pack_file.file_stem().unwrap_or_default().to_owned();
            name.push(MEMBERS_SUFFIX);
            pack_file.with_file_name(name)
        }
    }
}

/// Where `supplement` writes supplementary pack `number` of an edition
/// when no `-o` is given: `pack-supplement-1.pdf`,
/// `pack-supplement-1-members-not-for-publication.pdf`.
pub fn supplement_output(pack_file: &Path, number: u32, edition: crate::model::Edition) -> PathBuf {
    let mut name = pack_file.file_stem().unwrap_or_default().to_owned();
    name.push(format!("-supplement-{number}.toml"));
    default_output(&pack_file.with_file_name(name), edition)
}

/// What a members' edition's file name ends with.
pub const MEMBERS_SUFFIX: &str = "-members-not-for-publication.pdf";

#[cfg(test)]
mod tests;
