//! The validated pack: what a meeting's public document pack is made of.
//!
//! Values here have been checked by [`crate::config`]: every document path
//! exists, item numbers are unique and dates are real dates. Nothing is
//! optional that a pack always has.

use std::fmt;
use std::path::PathBuf;

pub use crate::exempt::{Country, Exemption};

/// A whole pack: the meeting, who issues the notice, and the agenda.
#[derive(Debug, Clone)]
pub struct Pack {
    /// The pack file this was read from.
    pub source: PathBuf,
    /// BLAKE3 hash of the pack file's text: part of what identifies a build.
    pub digest: [u8; 32],
    pub meeting: Meeting,
    pub issuer: Issuer,
    pub contact: Contact,
    pub members: Vec<Member>,
    pub items: Vec<Item>,
    /// `None` as read from the pack file, with every document; `Some` once
    /// cut down to one edition by [`Pack::for_edition`].
    pub edition: Option<Edition>,
    /// The main pack, or a supplementary pack of late reports.
    pub part: Part,
    /// The wording and layout of what we draw.
    pub template: std::sync::Arc<crate::template::Template>,
}

/// Which publication of a meeting a pack is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Part {
    /// The pack as first published, numbered from page 1.
    #[default]
    Main,
    /// Supplementary pack `number` (1, 2, ...): the reports that arrived
    /// after the packs before it, numbered on from their last pages.
    Supplement {
        number: u32,
        /// Its first public page number, and first exempt (E) number.
        first_page: u32,
        first_exempt: u32,
    },
}

/// Which documents a pack holds and how its pages are numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Edition {
    /// What anyone may read: exempt documents are not in it at all.
    Public,
    /// Every document, for the committee's members: exempt pages are
    /// numbered E1, E2, ... between the public pages, which keep the public
    /// edition's numbers.
    Members,
}

impl Edition {
    pub const ALL: [Edition; 2] = [Edition::Public, Edition::Members];

    /// Whether `document` is in this edition.
    pub fn includes(self, document: &Document) -> bool {
        match self {
            Edition::Public => document.exempt.is_none(),
            Edition::Members => true,
        }
    }

    /// "public", "members'".
    pub fn name(self) -> &'static str {
        match self {
            Edition::Public => "public",
            Edition::Members => "members'",
        }
    }
}

/// A file a pack is made from, with how a message names it ("item 2
/// document `reports/budget.pdf`").
#[derive(Debug, Clone)]
pub struct Input {
    pub path: PathBuf,
    pub what: String,
}

impl Input {
    /// A pack file, as a message names it.
    pub fn pack_file(path: &std::path::Path) -> Input {
        Input {
            what: format!("the pack file `{}`", crate::printable::printable_path(path)),
            path: path.to_path_buf(),
        }
    }
}

impl Pack {
    /// Where a document is, as warnings name it: "pack.toml:31: item 2
    /// (“Budget”), document `reports/notes.pdf`", by item and document
    /// index.
    pub fn document_place(&self, item: usize, document: usize) -> String {
        let it = &self.items[item];
        let doc = &it.documents[document];
        format!(
            "{}:{}: item {} (\u{201c}{}\u{201d}), document `{}`",
            self.source.display(),
            doc.line,
            it.number,
            it.title,
            doc.path.display()
        )
    }

    /// The pack as `edition` holds it. For the public edition every exempt
    /// document is gone, path and title with it: what is built from the
    /// result cannot open, print or copy one. An item keeps only the
    /// paragraphs its left-out documents were exempt under, for the agenda.
    pub fn for_edition(&self, edition: Edition) -> Pack {
        let items = self
            .items
            .iter()
            .map(|item| {
                let (documents, left_out): (Vec<Document>, Vec<Document>) = item
                    .documents
                    .iter()
                    .cloned()
                    .partition(|d| edition.includes(d));
                Item {
                    documents,
                    withheld: item
                        .withheld
                        .iter()
                        .cloned()
                        .chain(left_out.into_iter().filter_map(|d| d.exempt))
                        .collect(),
                    ..item.clone()
                }
            })
            .collect();
        Pack {
            items,
            edition: Some(edition),
            ..self.clone()
        }
    }

    /// The edition this pack was cut down to; public unless it is the
    /// members'.
    pub fn edition(&self) -> Edition {
        self.edition.unwrap_or(Edition::Public)
    }

    /// Every file the pack is read from: the pack file, each document, the
    /// logo and the signature, in that order.
    pub fn inputs(&self) -> Vec<Input> {
        let named = |what: &str, path: &PathBuf| Input {
            what: format!("{what} `{}`", crate::printable::printable_path(path)),
            path: path.clone(),
        };
        let mut inputs = vec![Input::pack_file(&self.source)];
        for item in &self.items {
            for document in &item.documents {
                inputs.push(named(
                    &format!("item {} document", item.number),
                    &document.path,
                ));
            }
        }
        let pictures = [
            ("the logo", &self.issuer.logo),
            ("the signature", &self.issuer.signature),
        ];
        for (what, picture) in pictures {
            if let Some(picture) = picture {
                inputs.push(named(what, &picture.path));
            }
        }
        inputs
    }
}

#[derive(Debug, Clone)]
pub struct Meeting {
    /// The committee, panel or board, e.g. "Children's Scrutiny Panel".
    pub body: String,
    pub date: Date,
    pub time: Time,
    pub venue: String,
    /// Paragraphs printed on the front sheet (webcast, formats), before
    /// the signature in the default template.
    pub notices: Vec<String>,
    /// Paragraphs that close the notice (openness, recording), after the
    /// signature in the default template.
    pub closing: Vec<String>,
    /// BCP 47 language of the pack, e.g. "en-GB".
    pub language: String,
}

#[derive(Debug, Clone)]
pub struct Issuer {
    pub organisation: String,
    pub officer: String,
    pub title: String,
    pub address: Vec<String>,
    pub telephone: Option<String>,
    /// Date of issue printed on the front sheet.
    pub issued: Date,
    pub logo: Option<Picture>,
    pub signature: Option<Picture>,
    /// Whose Schedule 12A exempt items cite.
    pub country: Country,
}

/// An image on the front sheet, with the text a screen reader speaks for it.
#[derive(Debug, Clone)]
pub struct Picture {
    pub path: PathBuf,
    pub alt: String,
}

/// The "Please ask for" officer.
#[derive(Debug, Clone)]
pub struct Contact {
    pub name: String,
    pub email: Option<String>,
    pub telephone: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Member {
    pub name: String,
    /// "Chair", "Vice-Chair", printed in brackets after the name.
    pub role: Option<String>,
}

/// An agenda item's number as the council prints it: "7", "5a", "6.1".
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct ItemNumber(String);

impl ItemNumber {
    /// A number as written in a pack file: a whole number 1–9999, then
    /// optionally one lower-case letter ("5a") or dot-separated whole
    /// numbers ("6.1", "6.1.2"); `None` for anything else.
    pub fn parse(text: &str) -> Option<ItemNumber> {
        let text = text.trim();
        let lead_len = text.bytes().take_while(u8::is_ascii_digit).count();
        let (lead, rest) = text.split_at(lead_len);
        let lead: u32 = lead.parse().ok()?;
        if !(1..=9999).contains(&lead) || lead_len > 4 {
            return None;
        }
        let ok = match rest.as_bytes() {
            [] => true,
            [c] => c.is_ascii_lowercase(),
            _ => {
                rest.starts_with('.')
                    && rest[1..].split('.').all(|part| {
                        !part.is_empty()
                            && part.len() <= 3
                            && part.bytes().all(|b| b.is_ascii_digit())
                    })
            }
        };
        ok.then(|| ItemNumber(format!("{lead}{rest}")))
    }

    pub fn whole(n: u32) -> ItemNumber {
        ItemNumber(n.to_string())
    }

    /// The leading whole number: 5 for "5a", 6 for "6.1".
    pub fn lead(&self) -> u32 {
        let digits: String = self.0.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().unwrap_or(0)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The number an item left unnumbered after this one gets: 8 after 7,
    /// "5b" after "5a", "6.2" after "6.1".
    pub fn next(&self) -> ItemNumber {
        let text = &self.0;
        if let Some(last) = text.chars().last().filter(char::is_ascii_lowercase) {
            if last != 'z' {
                let mut next = text[..text.len() - 1].to_string();
                next.push((last as u8 + 1) as char);
                return ItemNumber(next);
            }
            return ItemNumber::whole(self.lead() + 1);
        }
        if let Some((head, tail)) = text.rsplit_once('.') {
            let n: u32 = tail.parse().unwrap_or(0);
            return ItemNumber(format!("{head}.{}", n + 1));
        }
        ItemNumber::whole(self.lead() + 1)
    }
}

impl fmt::Display for ItemNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One agenda item, with the documents (reports, appendices) attached to it.
#[derive(Debug, Clone)]
pub struct Item {
    pub number: ItemNumber,
    pub title: String,
    /// Paragraphs of the agenda description.
    pub description: Vec<String>,
    pub contacts: Vec<String>,
    pub documents: Vec<Document>,
    /// Why the whole item is not for publication; its documents are exempt
    /// too.
    pub exempt: Option<Exemption>,
    /// Exempt documents of this item left out of this edition: what they
    /// were exempt under, and nothing else of them.
    pub withheld: Vec<Exemption>,
    /// Its report has not arrived: the agenda says "(To follow)".
    pub to_follow: bool,
    /// The supplementary pack its late documents went into, if any.
    pub in_supplement: Option<u32>,
    /// Where the item is in the pack file, for messages.
    pub line: usize,
}

/// A report or appendix attached to an item.
#[derive(Debug, Clone)]
pub struct Document {
    pub path: PathBuf,
    /// Bookmark title; defaults to the file name.
    pub title: String,
    /// Where the document is named in the pack file, for messages.
    pub line: usize,
    /// Name of the environment variable holding the password to open it.
    pub password_env: Option<String>,
    /// What of it may be published besides its pages.
    pub publish: Publish,
    /// Why it is not for publication, if it is not: it is then in the
    /// members' edition only.
    pub exempt: Option<Exemption>,
}

/// Whether something hidden in a report is published: the pack's
/// `[publish]` table sets it for every document, a document may say
/// otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Show {
    /// Left out of the public pack, with a warning naming the pages.
    Remove,
    /// Published as the report has it, with a warning naming the pages.
    Keep,
}

/// What of a report's hidden parts a public pack carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Publish {
    /// Comments: sticky notes, pop-ups and reviewers' markup.
    pub comments: Show,
    /// Content on layers (optional content) hidden by default.
    pub hidden_layers: Show,
}

impl Default for Publish {
    /// Nothing a reader of the report did not see is published.
    fn default() -> Publish {
        Publish {
            comments: Show::Remove,
            hidden_layers: Show::Remove,
        }
    }
}

/// A calendar date (proleptic Gregorian).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

impl Date {
    /// A date, if it exists in the calendar.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days_in_month)
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01 (Howard Hinnant's
    /// `civil_from_days`, the inverse of `days_since_epoch`).
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// The date `days` from today (UTC).
    pub fn today_plus(days: i64) -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::from_days_since_epoch((secs / 86_400) as i64 + days)
    }

    /// A date written YYYY-MM-DD, as [`Date`] displays it, if it exists.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.split('-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        if parts.next().is_some() {
            return None;
        }
        Date::new(year, month, day)
    }

    pub fn weekday(self) -> &'static str {
        // 1970-01-01 was a Thursday (index 3 from Monday).
        WEEKDAYS[(self.days_since_epoch() + 3).rem_euclid(7) as usize]
    }

    /// "Friday 11 October 2024", as council notices print dates.
    pub fn long(self) -> String {
        format!(
            "{} {} {} {}",
            self.weekday(),
            self.day,
            MONTHS[self.month as usize - 1],
            self.year
        )
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A time of day, 24-hour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Time {
    pub hour: u32,
    pub minute: u32,
}

impl Time {
    /// Parses "10:30" or "10.30" (24-hour clock).
    pub fn parse(text: &str) -> Option<Time> {
        let (h, m) = text.trim().split_once([':', '.'])?;
        if h.is_empty() || h.len() > 2 || m.len() != 2 {
            return None;
        }
        let hour: u32 = h.parse().ok()?;
        let minute: u32 = m.parse().ok()?;
        (hour < 24 && minute < 60).then_some(Time { hour, minute })
    }

    /// "10.30 am", "2.00 pm", as council notices print times.
    pub fn civil(self) -> String {
        let (hour, suffix) = match self.hour {
            0 => (12, "am"),
            1..=11 => (self.hour, "am"),
            12 => (12, "pm"),
            _ => (self.hour - 12, "pm"),
        };
        format!("{hour}.{:02} {suffix}", self.minute)
    }
}

/// The two series of printed page numbers: the public pages 1, 2, 3, and
/// in the members' edition the exempt pages E1, E2, E3, which can never be
/// mistaken for a public page number.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Series {
    #[default]
    Public,
    Exempt,
}

impl Series {
    /// What the series' numbers are printed with ("E").
    pub fn prefix(self) -> &'static str {
        match self {
            Series::Public => "",
            Series::Exempt => "E",
        }
    }
}

/// A printed page number: "7", or "E3" for an exempt page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Folio {
    pub series: Series,
    pub number: u32,
}

impl Folio {
    pub fn public(number: u32) -> Folio {
        Folio {
            series: Series::Public,
            number,
        }
    }

    pub fn exempt(number: u32) -> Folio {
        Folio {
            series: Series::Exempt,
            number,
        }
    }
}

impl From<u32> for Folio {
    fn from(number: u32) -> Folio {
        Folio::public(number)
    }
}

impl fmt::Display for Folio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.series.prefix(), self.number)
    }
}

/// Printed page numbers, first to last inclusive, as the agenda shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PageRange {
    pub first: u32,
    pub last: u32,
    /// Public pages, or the members' edition's exempt pages (E1, E2, ...).
    pub series: Series,
}

impl PageRange {
    pub fn public(first: u32, last: u32) -> PageRange {
        PageRange {
            first,
            last,
            series: Series::Public,
        }
    }

    /// The range's first page.
    pub fn start(self) -> Folio {
        Folio {
            series: self.series,
            number: self.first,
        }
    }
}

impl fmt::Display for PageRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = self.series.prefix();
        if self.first == self.last {
            write!(f, "{p}{}", self.first)
        } else {
            write!(f, "{p}{} - {p}{}", self.first, self.last)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_match_the_calendar() {
        assert_eq!(
            Date::new(2024, 10, 11).unwrap().long(),
            "Friday 11 October 2024"
        );
        assert_eq!(
            Date::new(2024, 10, 3).unwrap().long(),
            "Thursday 3 October 2024"
        );
        assert_eq!(Date::new(2000, 2, 29).unwrap().weekday(), "Tuesday");
        assert_eq!(Date::new(1970, 1, 1).unwrap().weekday(), "Thursday");
        assert!(Date::new(2023, 2, 29).is_none());
        for date in [
            Date::new(2024, 10, 11),
            Date::new(2000, 2, 29),
            Date::new(1969, 12, 31),
        ] {
            let date = date.unwrap();
            assert_eq!(Date::from_days_since_epoch(date.days_since_epoch()), date);
            assert_eq!(Date::parse(&date.to_string()), Some(date));
        }
        assert_eq!(Date::parse("2024-11-31"), None);
        assert!(Date::new(2024, 13, 1).is_none());
    }

    #[test]
    fn times_print_as_on_a_notice() {
        assert_eq!(Time::parse("10:30").unwrap().civil(), "10.30 am");
        assert_eq!(Time::parse("14:00").unwrap().civil(), "2.00 pm");
        assert_eq!(Time::parse("12.15").unwrap().civil(), "12.15 pm");
        assert_eq!(Time::parse("0:05").unwrap().civil(), "12.05 am");
        assert!(Time::parse("25:00").is_none());
        assert!(Time::parse("10:3").is_none());
        assert!(Time::parse("half ten").is_none());
    }

    #[test]
    fn item_numbers_are_read_and_counted_on_as_councils_write_them() {
        let n = |t: &str| ItemNumber::parse(t).map(|n| n.to_string());
        assert_eq!(n("7"), Some("7".into()));
        assert_eq!(n("5a"), Some("5a".into()));
        assert_eq!(n("6.1"), Some("6.1".into()));
        assert_eq!(n("007"), Some("7".into()));
        for bad in [
            "", "a", "0", "10000", "5A", "5ab", "6.", "6..1", "6.x", "-1", "5 a",
        ] {
            assert_eq!(n(bad), None, "{bad:?}");
        }
        let next = |t: &str| ItemNumber::parse(t).unwrap().next().to_string();
        assert_eq!(next("7"), "8");
        assert_eq!(next("5a"), "5b");
        assert_eq!(next("5z"), "6");
        assert_eq!(next("6.1"), "6.2");
        assert_eq!(next("6.9"), "6.10");
        assert_eq!(ItemNumber::parse("6.1").unwrap().lead(), 6);
    }

    #[test]
    fn ranges_print_like_the_agenda() {
        assert_eq!(PageRange::public(15, 38).to_string(), "15 - 38");
        assert_eq!(PageRange::public(7, 7).to_string(), "7");
        let exempt = PageRange {
            series: Series::Exempt,
            ..PageRange::public(1, 4)
        };
        assert_eq!(exempt.to_string(), "E1 - E4");
        assert_eq!(Folio::exempt(3).to_string(), "E3");
    }
}
