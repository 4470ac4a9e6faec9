//! The page map: given the front matter's length and each document's page
//! count, where every document, blank page and item lands, and the printed
//! page ranges the agenda shows. Pure arithmetic, no PDF.

use serde::Serialize;

use crate::model::{Pack, PageRange};

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
        printed: u32,
    },
    /// "This page is intentionally left blank", with its printed number.
    Blank { printed: u32 },
}

/// Where a document lands.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentPlacement {
    pub title: String,
    pub path: String,
    /// Printed pages of the document itself (without a trailing blank).
    pub pages: PageRange,
}

/// Where an item lands; `pages` is `None` for items without documents.
#[derive(Debug, Clone, Serialize)]
pub struct ItemPlacement {
    pub number: u32,
    pub title: String,
    pub pages: Option<PageRange>,
    pub documents: Vec<DocumentPlacement>,
}

/// The page map of a pack.
#[derive(Debug, Clone, Serialize)]
pub struct PagePlan {
    /// Pages of notice and agenda, before padding.
    pub front_pages: usize,
    /// Unnumbered pages before printed page 1 (front matter and padding).
    pub front_matter_pages: usize,
    /// Numbered pages: reports and blank pages.
    pub printed_pages: u32,
    /// Pages in the PDF.
    pub total_pages: usize,
    pub items: Vec<ItemPlacement>,
    #[serde(skip)]
    pub slots: Vec<Slot>,
}

impl PagePlan {
    /// Plans the pack: `front_pages` pages of front matter, and
    /// `page_counts[item][document]` pages in each document.
    pub fn new(pack: &Pack, front_pages: usize, page_counts: &[Vec<usize>]) -> PagePlan {
        let mut slots: Vec<Slot> = (0..front_pages).map(Slot::Front).collect();
        if front_pages % 2 == 1 {
            slots.push(Slot::FrontBlank);
        }
        let front_matter_pages = slots.len();
        let mut next: u32 = 1;
        let mut items = Vec::with_capacity(pack.items.len());
        for (i, item) in pack.items.iter().enumerate() {
            let mut documents = Vec::new();
            for (d, document) in item.documents.iter().enumerate() {
                if next.is_multiple_of(2) {
                    slots.push(Slot::Blank { printed: next });
                    next += 1;
                }
                let count = page_counts[i][d] as u32;
                let first = next;
                for page in 0..count as usize {
                    slots.push(Slot::Report {
                        item: i,
                        document: d,
                        page,
                        printed: next,
                    });
                    next += 1;
                }
                documents.push(DocumentPlacement {
                    title: document.title.clone(),
                    path: document.path.display().to_string(),
                    pages: PageRange {
                        first,
                        last: next - 1,
                    },
                });
            }
            items.push(ItemPlacement {
                number: item.number,
                title: item.title.clone(),
                pages: None,
                documents,
            });
        }
        if next.is_multiple_of(2) {
            slots.push(Slot::Blank { printed: next });
            next += 1;
        }
        let printed_pages = next - 1;
        // An item runs to the page before the next item with documents starts,
        // so the blank pages between them count as its own.
        let starts: Vec<Option<u32>> = items
            .iter()
            .map(|it| it.documents.first().map(|d| d.pages.first))
            .collect();
        for i in 0..items.len() {
            if let Some(first) = starts[i] {
                let last = starts[i + 1..]
                    .iter()
                    .flatten()
                    .next()
                    .map_or(printed_pages, |next_first| next_first - 1);
                items[i].pages = Some(PageRange { first, last });
            }
        }
        PagePlan {
            front_pages,
            front_matter_pages,
            printed_pages,
            total_pages: slots.len(),
            items,
            slots,
        }
    }

    /// Physical page index (0-based) of printed page `n`.
    pub fn physical(&self, printed: u32) -> usize {
        self.front_matter_pages + printed as usize - 1
    }

    /// The printed range of the item numbered `number`, if it has documents.
    pub fn range_of(&self, number: u32) -> Option<PageRange> {
        self.items
            .iter()
            .find(|i| i.number == number)
            .and_then(|i| i.pages)
    }
}
