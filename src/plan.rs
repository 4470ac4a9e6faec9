//! The page map: given the front matter's length and each document's page
//! count, where every document, blank page and item lands, and the printed
//! page ranges the agenda shows. Pure arithmetic, no PDF.
//!
//! The plan is worked out for one edition of the pack. The public pages are
//! numbered 1, 2, 3 in both editions, so that every public page number is
//! the same page in each; the members' edition puts each exempt document
//! where the pack file lists it, numbered in its own series E1, E2, E3 and
//! padded to an even number of pages, so the public page after it still
//! starts on a right-hand page.

use serde::Serialize;

use crate::model::{Edition, Folio, Pack, PageRange, Part, Series};

/// One physical page of the finished pack, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// A page of the notice or agenda (index into the front matter).
    Front(usize),
    /// The unnumbered blank that makes printed page 1 a right-hand page.
    FrontBlank,
    /// A page of a document: item index, document index, page index.
    Report {
        item: usize,
        document: usize,
        page: usize,
        printed: Folio,
    },
    /// "This page is intentionally left blank", with its printed number.
    Blank { printed: Folio },
}

impl Slot {
    /// The printed page number, if the page has one.
    pub fn printed(&self) -> Option<Folio> {
        match *self {
            Slot::Report { printed, .. } | Slot::Blank { printed } => Some(printed),
            Slot::Front(_) | Slot::FrontBlank => None,
        }
    }
}

/// Where a document lands.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentPlacement {
    pub title: String,
    pub path: String,
    /// Printed pages of the document itself (without a trailing blank).
    pub pages: PageRange,
    /// For an exempt document, what it is exempt under ("paragraph 3 of
    /// Part 1 of Schedule 12A").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exempt: Option<String>,
}

/// Where an item lands; `pages` is `None` for items without public
/// documents in this edition.
#[derive(Debug, Clone, Serialize)]
pub struct ItemPlacement {
    /// The leading whole number of the item's number (5 for "5a").
    pub number: u32,
    /// The item's number as printed: "7", "5a", "6.1".
    pub label: String,
    pub title: String,
    pub pages: Option<PageRange>,
    pub documents: Vec<DocumentPlacement>,
    /// The item's exempt pages (members' edition), E1 - E4.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exempt_pages: Option<PageRange>,
    /// For an exempt item, what it is exempt under.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exempt: Option<String>,
    /// Exempt documents of the item not in this edition.
    #[serde(skip_serializing_if = "is_zero")]
    pub withheld_documents: usize,
    /// Its report has not arrived yet.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub to_follow: bool,
    /// The supplementary pack its late documents are in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub supplement: Option<u32>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// The page map of one edition of a pack.
#[derive(Debug, Clone, Serialize)]
pub struct PagePlan {
    pub edition: Edition,
    /// 0 for the main pack, N for supplementary pack N.
    pub supplement: u32,
    /// The first public page number: 1, or in a supplement the page after
    /// the packs before it.
    pub first_page: u32,
    /// The first exempt page number (E1, or on from the packs before).
    pub first_exempt: u32,
    /// Pages of notice and agenda, before padding.
    pub front_pages: usize,
    /// Unnumbered pages before printed page 1 (front matter and padding).
    pub front_matter_pages: usize,
    /// Public numbered pages: reports and blank pages.
    pub printed_pages: u32,
    /// Exempt numbered pages (E1, E2, ...), in the members' edition.
    pub exempt_pages: u32,
    /// Pages in the PDF.
    pub total_pages: usize,
    pub items: Vec<ItemPlacement>,
    #[serde(skip)]
    pub slots: Vec<Slot>,
    /// Physical page index of each public and exempt printed page.
    #[serde(skip)]
    public_at: Vec<usize>,
    #[serde(skip)]
    exempt_at: Vec<usize>,
}

/// Numbers pages in one series.
struct Counter {
    series: Series,
    next: u32,
}

impl Counter {
    fn take(&mut self) -> Folio {
        let folio = Folio {
            series: self.series,
            number: self.next,
        };
        self.next += 1;
        folio
    }
}

impl PagePlan {
    /// Plans the pack's edition: `front_pages` pages of front matter, and
    /// `page_counts[item][document]` pages in each document. An exempt
    /// document (only ever in the members' edition) is numbered in the
    /// exempt series.
    pub fn new(pack: &Pack, front_pages: usize, page_counts: &[Vec<usize>]) -> PagePlan {
        let mut slots: Vec<Slot> = (0..front_pages).map(Slot::Front).collect();
        if front_pages % 2 == 1 {
            slots.push(Slot::FrontBlank);
        }
        let front_matter_pages = slots.len();
        let (supplement, first_page, first_exempt) = match pack.part {
            Part::Main => (0, 1, 1),
            Part::Supplement {
                number,
                first_page,
                first_exempt,
            } => (number, first_page, first_exempt),
        };
        let mut public = Counter {
            series: Series::Public,
            next: first_page,
        };
        let mut exempt = Counter {
            series: Series::Exempt,
            next: first_exempt,
        };
        let mut items = Vec::with_capacity(pack.items.len());
        for (i, item) in pack.items.iter().enumerate() {
            let mut documents = Vec::new();
            for (d, document) in item.documents.iter().enumerate() {
                // Every document starts on a right-hand page: the page after
                // an even number of public pages (exempt runs are even).
                if public.next.is_multiple_of(2) {
                    slots.push(Slot::Blank {
                        printed: public.take(),
                    });
                }
                let counter = if document.exempt.is_some() {
                    &mut exempt
                } else {
                    &mut public
                };
                let count = page_counts[i][d] as u32;
                let first = counter.next;
                for page in 0..count as usize {
                    slots.push(Slot::Report {
                        item: i,
                        document: d,
                        page,
                        printed: counter.take(),
                    });
                }
                let last = counter.next - 1;
                if counter.series == Series::Exempt && count % 2 == 1 {
                    slots.push(Slot::Blank {
                        printed: counter.take(),
                    });
                }
                documents.push(DocumentPlacement {
                    title: document.title.clone(),
                    path: document.path.display().to_string(),
                    pages: PageRange {
                        first,
                        last,
                        series: counter.series,
                    },
                    exempt: document.exempt.as_ref().map(|e| e.short()),
                });
            }
            items.push(ItemPlacement {
                number: item.number.lead(),
                label: item.number.to_string(),
                title: item.title.clone(),
                pages: None,
                documents,
                exempt_pages: None,
                exempt: item.exempt.as_ref().map(|e| e.short()),
                withheld_documents: item.withheld.len(),
                to_follow: item.to_follow,
                supplement: item.in_supplement,
            });
        }
        if public.next.is_multiple_of(2) {
            slots.push(Slot::Blank {
                printed: public.take(),
            });
        }
        let printed_pages = public.next - first_page;
        let exempt_pages = exempt.next - first_exempt;
        // An item runs to the page before the next item's first page in the
        // same series, so the blank pages between them count as its own.
        for (series, end) in [
            (Series::Public, public.next - 1),
            (Series::Exempt, exempt.next - 1),
        ] {
            let starts: Vec<Option<u32>> = items
                .iter()
                .map(|it| {
                    it.documents
                        .iter()
                        .find(|d| d.pages.series == series)
                        .map(|d| d.pages.first)
                })
                .collect();
            for i in 0..items.len() {
                let Some(first) = starts[i] else { continue };
                let last = starts[i + 1..]
                    .iter()
                    .flatten()
                    .next()
                    .map_or(end, |next_first| next_first - 1);
                let range = Some(PageRange {
                    first,
                    last,
                    series,
                });
                match series {
                    Series::Public => items[i].pages = range,
                    Series::Exempt => items[i].exempt_pages = range,
                }
            }
        }
        let mut public_at = vec![0; printed_pages as usize];
        let mut exempt_at = vec![0; exempt_pages as usize];
        for (index, slot) in slots.iter().enumerate() {
            if let Some(folio) = slot.printed() {
                let (at, first) = match folio.series {
                    Series::Public => (&mut public_at, first_page),
                    Series::Exempt => (&mut exempt_at, first_exempt),
                };
                at[(folio.number - first) as usize] = index;
            }
        }
        PagePlan {
            edition: pack.edition(),
            supplement,
            first_page,
            first_exempt,
            front_pages,
            front_matter_pages,
            printed_pages,
            exempt_pages,
            total_pages: slots.len(),
            items,
            slots,
            public_at,
            exempt_at,
        }
    }

    /// Physical page index (0-based) of printed page `folio`.
    pub fn physical(&self, folio: Folio) -> usize {
        let (at, first) = match folio.series {
            Series::Public => (&self.public_at, self.first_page),
            Series::Exempt => (&self.exempt_at, self.first_exempt),
        };
        at[(folio.number - first) as usize]
    }

    /// The item whose first page in its series each printed page is, by
    /// item index.
    pub fn item_starts(&self) -> std::collections::HashMap<Folio, usize> {
        self.items
            .iter()
            .enumerate()
            .flat_map(|(i, item)| {
                [item.pages, item.exempt_pages]
                    .into_iter()
                    .flatten()
                    .map(move |range| (range.start(), i))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Country, Document, Exemption, Item};

    fn exemption() -> Exemption {
        Exemption::new(Country::England, &["3".to_string()]).unwrap()
    }

    fn document(name: &str, exempt: bool) -> Document {
        Document {
            path: name.into(),
            title: name.into(),
            line: 1,
            password_env: None,
            publish: Default::default(),
            exempt: exempt.then(exemption),
        }
    }

    fn item(number: u32, documents: Vec<Document>) -> Item {
        Item {
            number: crate::model::ItemNumber::whole(number),
            title: format!("Item {number}"),
            description: Vec::new(),
            contacts: Vec::new(),
            documents,
            exempt: None,
            withheld: Vec::new(),
            to_follow: false,
            in_supplement: None,
            line: 1,
        }
    }

    /// A pack shaped by `items`, with the other parts from the example.
    fn pack(items: Vec<Item>) -> Pack {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("packs/kirklees-childrens-scrutiny-2024-10-11/pack.toml");
        let mut pack = crate::config::load(&path).expect("the example pack loads");
        pack.items = items;
        pack
    }

    fn printed(plan: &PagePlan) -> Vec<String> {
        plan.slots
            .iter()
            .filter_map(|s| s.printed().map(|f| f.to_string()))
            .collect()
    }

    #[test]
    fn public_numbers_are_the_same_pages_in_both_editions() {
        // Item 1: a 3-page cover and a 3-page exempt appendix; item 2: an
        // exempt 2-page report; item 3: a 5-page public report.
        let full = pack(vec![
            item(
                1,
                vec![document("cover", false), document("appendix", true)],
            ),
            item(2, vec![document("land", true)]),
            item(3, vec![document("budget", false)]),
        ]);
        let counts_members = vec![vec![3, 3], vec![2], vec![5]];
        let members = PagePlan::new(&full.for_edition(Edition::Members), 2, &counts_members);
        let public = PagePlan::new(
            &full.for_edition(Edition::Public),
            2,
            &[vec![3], vec![], vec![5]],
        );
        assert_eq!(
            printed(&public),
            ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]
        );
        assert_eq!(
            printed(&members),
            [
                "1", "2", "3", "4", "E1", "E2", "E3", "E4", "E5", "E6", "5", "6", "7", "8", "9",
                "10"
            ]
        );
        // Every exempt document, and every public page after one, starts
        // on a right-hand page (an even physical index).
        for n in 1..=public.printed_pages {
            assert_eq!(
                members.physical(Folio::public(n)) % 2,
                public.physical(Folio::public(n)) % 2,
                "page {n}"
            );
        }
        assert_eq!(members.physical(Folio::exempt(1)) % 2, 0);
        assert_eq!(members.physical(Folio::exempt(5)) % 2, 0);
        assert_eq!(public.items[0].pages, Some(PageRange::public(1, 4)));
        assert_eq!(members.items[0].pages, Some(PageRange::public(1, 4)));
        assert_eq!(
            members.items[0].exempt_pages.unwrap().to_string(),
            "E1 - E4"
        );
        assert_eq!(
            members.items[1].exempt_pages.unwrap().to_string(),
            "E5 - E6"
        );
        assert_eq!(members.items[1].pages, None);
        assert_eq!(public.items[1].pages, None);
        assert_eq!(public.items[0].withheld_documents, 1);
        assert_eq!(public.items[2].pages, members.items[2].pages);
        assert_eq!(members.exempt_pages, 6);
        assert_eq!(members.item_starts()[&Folio::exempt(5)], 1);
    }
}
