//! Publication records: what was published of a pack, so that a page
//! number once published never moves.
//!
//! `agendapack publish` writes the record beside the pack file
//! (`pack.toml` → `pack.publication.json`): each publication (the main
//! pack, then each supplementary pack) with both editions' page maps (every
//! item's and document's printed range) and each document's content hash.
//! After that, a build whose page map differs from the published one is
//! refused, naming what would move; documents that arrived late go into a
//! supplementary pack numbered on from the last published page.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::BuildError;
use crate::model::{Edition, Pack, PageRange, Part};
use crate::plan::PagePlan;
use crate::printable::printable_path;

/// The version of the record's layout.
const FORMAT: u32 = 1;

/// Everything published of one pack.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    pub format: u32,
    /// The main pack first, then supplements 1, 2, ... in order.
    pub publications: Vec<Publication>,
    /// BLAKE3 of the publications as written: a record changed by hand or
    /// damaged is refused, not trusted.
    pub checksum: String,
}

/// One publication: the main pack (number 0) or a supplement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Publication {
    /// 0 for the main pack, N for supplement N.
    pub number: u32,
    /// When it was published, YYYY-MM-DD.
    pub date: String,
    /// The file the public edition was written to.
    pub output: String,
    /// The hash of everything that shaped the public edition (as a batch
    /// build records it): publishing again with the same is nothing to do.
    pub inputs: String,
    pub public: Map,
    pub members: Map,
}

/// An edition's page map as published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Map {
    /// First and last public page numbers (last = first - 1 when none).
    pub first_page: u32,
    pub last_page: u32,
    /// First and last exempt page numbers (E1 ...), likewise.
    pub first_exempt: u32,
    pub last_exempt: u32,
    pub items: Vec<MapItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MapItem {
    /// As printed: "7", "5a", "6.1".
    pub number: String,
    pub title: String,
    pub pages: Option<PageRange>,
    pub exempt_pages: Option<PageRange>,
    pub to_follow: bool,
    pub documents: Vec<MapDocument>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MapDocument {
    /// As the pack file names it (relative to the pack file's folder).
    pub path: String,
    pub title: String,
    pub pages: PageRange,
    /// BLAKE3 of the file.
    pub hash: String,
}

/// Where the record of `pack_file` is kept: beside it,
/// `pack.toml` → `pack.publication.json`.
pub fn record_path(pack_file: &Path) -> PathBuf {
    let mut name = pack_file.file_stem().unwrap_or_default().to_owned();
    name.push(".publication.json");
    pack_file.with_file_name(name)
}

/// A document's path as the pack file names it.
pub fn written_path(pack: &Pack, path: &Path) -> String {
    written(pack.source.parent().unwrap_or(Path::new("")), path)
}

impl Map {
    /// The map of `plan`, an edition of `pack`; `hashes[item][document]`
    /// are the documents' BLAKE3 hashes.
    pub fn of(pack: &Pack, plan: &PagePlan, hashes: &[Vec<[u8; 32]>]) -> Map {
        let items = pack
            .items
            .iter()
            .zip(&plan.items)
            .zip(hashes)
            .map(|((item, placed), hashes)| MapItem {
                number: item.number.to_string(),
                title: item.title.clone(),
                pages: placed.pages,
                exempt_pages: placed.exempt_pages,
                to_follow: item.to_follow,
                documents: item
                    .documents
                    .iter()
                    .zip(&placed.documents)
                    .zip(hashes)
                    .map(|((document, placed), hash)| MapDocument {
                        path: written_path(pack, &document.path),
                        title: document.title.clone(),
                        pages: placed.pages,
                        hash: blake3::Hash::from_bytes(*hash).to_hex().to_string(),
                    })
                    .collect(),
            })
            .collect();
        Map {
            first_page: plan.first_page,
            last_page: plan.first_page + plan.printed_pages - 1,
            first_exempt: plan.first_exempt,
            last_exempt: plan.first_exempt + plan.exempt_pages - 1,
            items,
        }
    }

    /// What differs between this published map and `new`, one line per
    /// item or document whose pages would move: "item 7 (“Budget”):
    /// 15 - 38 → 19 - 42".
    pub fn moves(&self, new: &Map) -> Vec<String> {
        let mut moves = Vec::new();
        let shown = |item: Option<&MapItem>| -> String {
            match item {
                None => "not in the pack".into(),
                Some(i) => match (i.pages, i.exempt_pages) {
                    (Some(p), Some(e)) => format!("{p}, {e}"),
                    (Some(p), None) => p.to_string(),
                    (None, Some(e)) => e.to_string(),
                    (None, None) if i.to_follow => "(To follow)".into(),
                    (None, None) => "no pages".into(),
                },
            }
        };
        let mut numbers: Vec<&str> = self.items.iter().map(|i| i.number.as_str()).collect();
        for item in &new.items {
            if !numbers.contains(&item.number.as_str()) {
                numbers.push(&item.number);
            }
        }
        for number in numbers {
            let old = self.items.iter().find(|i| i.number == number);
            let now = new.items.iter().find(|i| i.number == number);
            let title = now.or(old).map(|i| i.title.as_str()).unwrap_or("");
            let ranges =
                |i: Option<&MapItem>| i.map_or((None, None), |i| (i.pages, i.exempt_pages));
            if ranges(old) != ranges(now) {
                moves.push(format!(
                    "item {number} (\u{201c}{title}\u{201d}): {} \u{2192} {}",
                    shown(old),
                    shown(now)
                ));
                continue;
            }
            // The item's pages are where they were; its documents may not be.
            let documents = |i: Option<&MapItem>| -> Vec<(String, PageRange)> {
                i.map(|i| {
                    i.documents
                        .iter()
                        .map(|d| (d.path.clone(), d.pages))
                        .collect()
                })
                .unwrap_or_default()
            };
            let (before, after) = (documents(old), documents(now));
            if before != after {
                let list = |docs: &[(String, PageRange)]| {
                    docs.iter()
                        .map(|(path, pages)| format!("`{path}` {pages}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                moves.push(format!(
                    "item {number} (\u{201c}{title}\u{201d}): documents {} \u{2192} {}",
                    list(&before),
                    list(&after)
                ));
            }
        }
        if moves.is_empty()
            && (self.last_page, self.last_exempt) != (new.last_page, new.last_exempt)
        {
            moves.push(format!(
                "the last page: {} \u{2192} {}",
                self.last_page, new.last_page
            ));
        }
        moves
    }

    /// The documents of the map, by item number and path.
    fn documents(&self) -> impl Iterator<Item = (&str, &str)> {
        self.items.iter().flat_map(|item| {
            item.documents
                .iter()
                .map(move |d| (item.number.as_str(), d.path.as_str()))
        })
    }
}

impl Record {
    /// A record of one publication, the main pack.
    pub fn new(main: Publication) -> Record {
        let mut record = Record {
            format: FORMAT,
            publications: vec![main],
            checksum: String::new(),
        };
        record.checksum = record.sum();
        record
    }

    fn sum(&self) -> String {
        let text = serde_json::to_string(&self.publications).expect("plain values serialise");
        blake3::hash(text.as_bytes()).to_hex().to_string()
    }

    /// Adds a publication (a supplement, or the main pack republished).
    pub fn push(&mut self, publication: Publication) {
        self.publications.push(publication);
        self.checksum = self.sum();
    }

    /// Replaces the main pack's publication; with `renumbered`, the
    /// supplements are dropped, their documents now being in the main pack.
    pub fn replace_main(&mut self, main: Publication, renumbered: bool) {
        if renumbered {
            self.publications = vec![main];
        } else {
            self.publications[0] = main;
        }
        self.checksum = self.sum();
    }

    pub fn main(&self) -> &Publication {
        &self.publications[0]
    }

    pub fn last(&self) -> &Publication {
        self.publications
            .last()
            .expect("a record has its main pack")
    }

    /// The record of `pack`, if it has been published. A record that
    /// cannot be read, does not parse, or does not match its checksum is
    /// refused with what is wrong.
    pub fn load(pack: &Pack) -> Result<Option<Record>, BuildError> {
        let path = record_path(&pack.source);
        let refuse = |reason: String| BuildError::Publication {
            path: path.clone(),
            reason,
        };
        let data = match crate::files::read_regular(&path, Some(64 << 20)) {
            Ok(data) => data,
            Err(crate::files::InputError::NotFound) => return Ok(None),
            Err(e) => return Err(refuse(format!("the file {e}"))),
        };
        let record: Record = serde_json::from_slice(&data).map_err(|e| {
            refuse(format!(
                "it is damaged or was edited by hand: {e}; restore it from a backup, or \
                 publish again with --renumber to start a new record"
            ))
        })?;
        if record.format != FORMAT {
            return Err(refuse(format!(
                "it is of format {}, which this version of agendapack does not read",
                record.format
            )));
        }
        if record.publications.is_empty()
            || record
                .publications
                .iter()
                .enumerate()
                .any(|(i, p)| p.number as usize != i)
        {
            return Err(refuse(
                "it was edited by hand: its publications are not numbered 0, 1, 2, ...".into(),
            ));
        }
        if record.checksum != record.sum() {
            return Err(refuse(
                "it was edited by hand or damaged: its checksum does not match what it \
                 holds; restore it from a backup, or publish again with --renumber to start \
                 a new record"
                    .into(),
            ));
        }
        Ok(Some(record))
    }

    /// Writes the record beside `pack`'s pack file, atomically.
    pub fn save(&self, pack: &Pack) -> Result<(), BuildError> {
        let path = record_path(&pack.source);
        let mut text = serde_json::to_string_pretty(self).expect("plain values serialise");
        text.push('\n');
        crate::write::write_atomically(&path, text.as_bytes(), crate::write::Durability::Synced)
            .map_err(|e| match e {
                BuildError::Output { path, reason } => BuildError::Publication { path, reason },
                other => other,
            })
    }

    /// Every document published so far, by item number and path.
    fn published(&self) -> HashSet<(String, String)> {
        self.publications
            .iter()
            .flat_map(|p| p.members.documents())
            .map(|(n, path)| (n.to_string(), path.to_string()))
            .collect()
    }

    /// The documents in supplements, by item number and path, each with
    /// its supplement's number.
    fn in_supplements(&self) -> Vec<((String, String), u32)> {
        self.publications[1..]
            .iter()
            .flat_map(|p| {
                p.members
                    .documents()
                    .map(move |(n, path)| ((n.to_string(), path.to_string()), p.number))
            })
            .collect()
    }

    /// The main pack as `pack` now holds it: documents published in a
    /// supplement left out, the item marked with the supplement.
    pub fn main_pack(&self, pack: &Pack) -> Pack {
        let moved = self.in_supplements();
        let mut main = pack.clone();
        let base = pack.source.parent().unwrap_or(Path::new("")).to_path_buf();
        for item in &mut main.items {
            let number = item.number.to_string();
            let mut supplement = None;
            item.documents.retain(|d| {
                let key = (number.clone(), written(&base, &d.path));
                match moved.iter().find(|(k, _)| *k == key) {
                    Some(&(_, n)) => {
                        supplement = Some(n);
                        false
                    }
                    None => true,
                }
            });
            if supplement.is_some() {
                item.in_supplement = supplement;
            }
        }
        main
    }

    /// The next supplementary pack: the items with documents that no
    /// publication holds, with those documents only; `None` when nothing
    /// is late.
    pub fn supplement(&self, pack: &Pack) -> Option<Pack> {
        let published = self.published();
        let base = pack.source.parent().unwrap_or(Path::new("")).to_path_buf();
        let items: Vec<_> = pack
            .items
            .iter()
            .filter_map(|item| {
                let late: Vec<_> = item
                    .documents
                    .iter()
                    .filter(|d| {
                        !published.contains(&(item.number.to_string(), written(&base, &d.path)))
                    })
                    .cloned()
                    .collect();
                (!late.is_empty()).then(|| crate::model::Item {
                    documents: late,
                    to_follow: false,
                    ..item.clone()
                })
            })
            .collect();
        if items.is_empty() {
            return None;
        }
        let last = self.last();
        Some(Pack {
            items,
            part: Part::Supplement {
                number: self.publications.len() as u32,
                first_page: last.public.last_page + 1,
                first_exempt: last.members.last_exempt + 1,
            },
            ..pack.clone()
        })
    }

    /// The published map of `edition` of the main pack.
    pub fn main_map(&self, edition: Edition) -> &Map {
        match edition {
            Edition::Public => &self.main().public,
            Edition::Members => &self.main().members,
        }
    }
}

/// `path` relative to `base`, the pack file's folder, where it is inside.
fn written(base: &Path, path: &Path) -> String {
    path.strip_prefix(base)
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned()
}

/// Today's date, YYYY-MM-DD (UTC).
pub fn today() -> String {
    today_plus(0)
}

/// The date `days` from today, YYYY-MM-DD (UTC).
pub fn today_plus(days: i64) -> String {
    crate::model::Date::today_plus(days).to_string()
}

/// A message for a build that would move published pages.
pub fn moved_message(pack: &Pack, record: &Record, moves: &[String]) -> BuildError {
    BuildError::WouldMove {
        path: pack.source.clone(),
        published: record.main().date.clone(),
        record: printable_path(&record_path(&pack.source)),
        moves: moves.to_vec(),
    }
}
