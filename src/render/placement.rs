//! Where the stamps go on a report page. Each stamp takes the first of its
//! places, its usual one first, that keeps a few points clear of everything
//! the page draws (see [`crate::read::clearance`]); when one finds none,
//! the page's content is shrunk into a band that leaves every stamp its
//! usual place.

use super::text::{Fonts, Weight};
use super::{EXEMPT_STAMP_SIZE, FOOT, HEAD, ITEM_STAMP_SIZE, PAGE_NUMBER_SIZE, SIDE, VisibleSize};
use crate::model::{Folio, Pack};
use crate::plan::{PagePlan, Slot};
use crate::read::clearance::{Matrix, Occupied};
use crate::read::geometry::Rect;

/// Room kept between a stamp and the page's content, in points.
pub const MARGIN: f32 = 3.0;
/// The stamp's text box around its baseline, in ems: generous for the
/// shipped font (Liberation Sans rises 0.905 em and falls 0.212 em).
const ASCENT: f32 = 0.93;
const DESCENT: f32 = 0.22;
/// Content is not shrunk below this: on a page so small, the stamps
/// overlap what they must.
const MIN_SHRINK: f32 = 0.5;

/// A stamp's left edge and baseline on the stamp canvas, from its top-left
/// corner (as krilla draws).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spot {
    pub x: f32,
    pub baseline: f32,
}

/// The page's content scaled to leave the stamps' bands clear.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shrink {
    /// The scale, rounded down to a thousandth.
    pub factor: f32,
    /// The transform, in upright display coordinates (points from the
    /// visible page's bottom-left corner).
    pub matrix: Matrix,
}

/// Where a report page's stamps go.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    pub page_number: Spot,
    /// "Agenda Item N", on an item's first page.
    pub item: Option<Spot>,
    /// "NOT FOR PUBLICATION ...", on an exempt page.
    pub exempt: Option<Spot>,
    pub shrink: Option<Shrink>,
}

/// What a report page is stamped with.
#[derive(Debug, Clone, Copy)]
pub struct Stamps<'a> {
    /// "Page 7", "Page E3".
    pub page: &'a str,
    /// "Agenda Item 6.1", on an item's first page.
    pub item: Option<&'a str>,
    /// The exempt notice, on an exempt document's pages.
    pub exempt: Option<&'a str>,
}

/// One stamp: its text's width and size on the canvas.
#[derive(Clone, Copy)]
struct Stamp {
    width: f32,
    size: f32,
}

/// A page's canvas and what is drawn on it.
struct Page<'a> {
    canvas: VisibleSize,
    /// Canvas units per point of the page.
    scale: f32,
    height: f32,
    occupied: &'a Occupied,
}

impl Page<'_> {
    /// The stamp's box at `spot`, with the margin, in display coordinates.
    fn area(&self, stamp: Stamp, spot: Spot) -> Rect {
        let k = self.scale;
        Rect {
            x0: (spot.x - MARGIN) / k,
            x1: (spot.x + stamp.width + MARGIN) / k,
            y0: self.height - (spot.baseline + DESCENT * stamp.size + MARGIN) / k,
            y1: self.height - (spot.baseline - ASCENT * stamp.size - MARGIN) / k,
        }
    }

    /// The first of `spots` whose box meets nothing drawn nor `taken`.
    fn first_clear(&self, stamp: Stamp, spots: &[Spot], taken: &[Rect]) -> Option<Spot> {
        spots.iter().copied().find(|&spot| {
            let area = self.area(stamp, spot);
            self.occupied.is_clear(area) && taken.iter().all(|t| t.intersect(area).is_none())
        })
    }

    /// A stamp's x: left, centred or right, kept on the canvas.
    fn xs(&self, stamp: Stamp) -> [f32; 3] {
        let w = self.canvas.width;
        [
            (w - stamp.width) / 2.0,
            (w - SIDE - stamp.width).max(2.0),
            SIDE.min((w - stamp.width).max(2.0)),
        ]
    }
}

/// The usual places: "Page N" centred at the foot, "Agenda Item N" at the
/// top right, "NOT FOR PUBLICATION" at the top left.
pub fn usual(fonts: &Fonts, canvas: VisibleSize, stamps: &Stamps<'_>) -> Placement {
    let number = page_number_stamp(fonts, stamps.page);
    Placement {
        page_number: Spot {
            x: (canvas.width - number.width) / 2.0,
            baseline: canvas.height - FOOT,
        },
        item: stamps.item.map(|n| Spot {
            x: (canvas.width - SIDE - item_stamp(fonts, n).width).max(2.0),
            baseline: HEAD,
        }),
        exempt: stamps.exempt.map(|_| Spot {
            x: SIDE.min(canvas.width / 20.0).max(2.0),
            baseline: HEAD,
        }),
        shrink: None,
    }
}

fn exempt_stamp(fonts: &Fonts, text: &str) -> Stamp {
    Stamp {
        width: fonts.width(text, Weight::Bold, EXEMPT_STAMP_SIZE),
        size: EXEMPT_STAMP_SIZE,
    }
}

fn page_number_stamp(fonts: &Fonts, text: &str) -> Stamp {
    Stamp {
        width: fonts.width(text, Weight::Regular, PAGE_NUMBER_SIZE),
        size: PAGE_NUMBER_SIZE,
    }
}

fn item_stamp(fonts: &Fonts, text: &str) -> Stamp {
    Stamp {
        width: fonts.width(text, Weight::Bold, ITEM_STAMP_SIZE),
        size: ITEM_STAMP_SIZE,
    }
}

/// Places the stamps of a report page of visible size `size`.
pub fn place(
    fonts: &Fonts,
    size: VisibleSize,
    occupied: &Occupied,
    stamps: &Stamps<'_>,
) -> Placement {
    let canvas = size.stamp_canvas();
    let usual = usual(fonts, canvas, stamps);
    let (printed, item) = (stamps.page, stamps.item);
    if !occupied.known {
        return usual;
    }
    let page = Page {
        canvas,
        scale: size.stamp_scale(),
        height: size.height,
        occupied,
    };
    let h = canvas.height;
    let number = page_number_stamp(fonts, printed);
    let [centre, right, left] = page.xs(number);
    // Along the foot, then lower, then the head (left of the item stamp).
    let mut spots = Vec::with_capacity(8);
    for baseline in [h - FOOT, h - FOOT / 2.0] {
        for x in [centre, right, left] {
            spots.push(Spot { x, baseline });
        }
    }
    let top = FOOT + 2.0;
    spots.push(Spot {
        x: centre,
        baseline: top,
    });
    spots.push(Spot {
        x: left,
        baseline: top,
    });
    if item.is_none() {
        spots.push(Spot {
            x: right,
            baseline: top,
        });
    }
    let page_number = page.first_clear(number, &spots, &[]);

    let item_spot = match (item, page_number) {
        (Some(n), Some(number_spot)) => {
            let stamp = item_stamp(fonts, n);
            let [centre, right, left] = page.xs(stamp);
            let high = HEAD - 10.0;
            let spots = [
                Spot {
                    x: right,
                    baseline: HEAD,
                },
                Spot {
                    x: right,
                    baseline: high,
                },
                Spot {
                    x: left,
                    baseline: HEAD,
                },
                Spot {
                    x: centre,
                    baseline: HEAD,
                },
                Spot {
                    x: right,
                    baseline: h - FOOT,
                },
                Spot {
                    x: left,
                    baseline: h - FOOT,
                },
            ];
            let taken = page.area(number, number_spot);
            page.first_clear(stamp, &spots, &[taken]).map(Some)
        }
        (Some(_), None) => None,
        (None, _) => Some(None),
    };
    // The exempt notice: along the head, left first, clear of the others.
    let exempt_spot = match (stamps.exempt, page_number, item_spot) {
        (Some(text), Some(number_spot), Some(item_at)) => {
            let stamp = exempt_stamp(fonts, text);
            let [centre, right, left] = page.xs(stamp);
            let high = HEAD - 10.0;
            let low = HEAD + 18.0;
            let spots = [
                Spot {
                    x: left,
                    baseline: HEAD,
                },
                Spot {
                    x: left,
                    baseline: high,
                },
                Spot {
                    x: centre,
                    baseline: HEAD,
                },
                Spot {
                    x: centre,
                    baseline: high,
                },
                // Under the item stamp, then under the top left corner.
                Spot {
                    x: right,
                    baseline: low,
                },
                Spot {
                    x: left,
                    baseline: low,
                },
                Spot {
                    x: left,
                    baseline: h - FOOT / 2.0,
                },
                Spot {
                    x: right,
                    baseline: h - FOOT / 2.0,
                },
            ];
            let mut taken = vec![page.area(number, number_spot)];
            if let (Some(n), Some(at)) = (item, item_at) {
                taken.push(page.area(item_stamp(fonts, n), at));
            }
            page.first_clear(stamp, &spots, &taken).map(Some)
        }
        (None, _, _) => Some(None),
        _ => None,
    };
    match (page_number, item_spot, exempt_spot) {
        (Some(page_number), Some(item), Some(exempt)) => Placement {
            page_number,
            item,
            exempt,
            shrink: None,
        },
        _ => Placement {
            shrink: shrink(occupied, size, item.is_some() || stamps.exempt.is_some()),
            ..usual
        },
    }
}

/// The scale that fits the page's content between the page number's band
/// at the foot and (on an item's first page) the item stamp's at the head,
/// about the page's vertical centre line.
fn shrink(occupied: &Occupied, size: VisibleSize, item: bool) -> Option<Shrink> {
    let k = size.stamp_scale();
    let extent = occupied.extent?;
    let foot = (FOOT + ASCENT * PAGE_NUMBER_SIZE + MARGIN) / k;
    let head = if item {
        (HEAD + DESCENT * ITEM_STAMP_SIZE + MARGIN) / k
    } else {
        0.0
    };
    let low = extent.y0.max(foot);
    let high = extent.y1.min(size.height - head);
    let tall = extent.height();
    if tall <= 0.0 {
        return None;
    }
    let factor = ((high - low) / tall).min(1.0);
    // Rounded down, so the content surely fits; and printed as is.
    let factor = ((factor * 1000.0).floor() / 1000.0).max(MIN_SHRINK);
    if factor >= 1.0 {
        return None;
    }
    let centre = size.width / 2.0;
    Some(Shrink {
        factor,
        matrix: Matrix([
            factor,
            0.0,
            0.0,
            factor,
            centre * (1.0 - factor),
            low - factor * extent.y0,
        ]),
    })
}

/// Pages of a document shrunk alike: first and last page (0-based), the
/// first's printed number, the percentage.
type Run = (usize, usize, Folio, u32);

/// One warning per document whose pages were shrunk, naming the item and
/// document and listing the pages (runs of pages shrunk alike together).
pub fn shrink_warnings(pack: &Pack, plan: &PagePlan, shrinks: &[Option<Shrink>]) -> Vec<String> {
    let mut runs: Vec<((usize, usize), Vec<Run>)> = Vec::new();
    let number = |folio: Folio, span: usize| Folio {
        number: folio.number + span as u32,
        ..folio
    };
    for (slot, shrink) in plan.slots.iter().zip(shrinks) {
        let (
            Slot::Report {
                item,
                document,
                page,
                printed,
            },
            Some(shrink),
        ) = (*slot, shrink)
        else {
            continue;
        };
        let percent = (shrink.factor * 100.0).floor() as u32;
        if runs.last().is_none_or(|(key, _)| *key != (item, document)) {
            runs.push(((item, document), Vec::new()));
        }
        let list = &mut runs.last_mut().expect("just pushed").1;
        match list.last_mut() {
            Some(run) if run.1 + 1 == page && run.3 == percent => run.1 = page,
            _ => list.push((page, page, printed, percent)),
        }
    }
    runs.into_iter()
        .map(|((i, d), list)| {
            let pages: Vec<String> = list
                .iter()
                .map(|&(first, last, printed, percent)| {
                    let span = last - first;
                    if span == 0 {
                        format!("page {} (printed page {printed}) to {percent}%", first + 1)
                    } else {
                        format!(
                            "pages {}-{} (printed pages {printed}-{}) to {percent}%",
                            first + 1,
                            last + 1,
                            number(printed, span)
                        )
                    }
                })
                .collect();
            format!(
                "{}: content shrunk to keep the stamps clear of it: {}",
                pack.document_place(i, d),
                pages.join(", ")
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const A4: VisibleSize = VisibleSize {
        width: 595.0,
        height: 842.0,
    };

    fn occupied(rects: &[Rect]) -> Occupied {
        let mut extent: Option<Rect> = None;
        for r in rects {
            extent = Some(match extent {
                None => *r,
                Some(e) => Rect {
                    x0: e.x0.min(r.x0),
                    y0: e.y0.min(r.y0),
                    x1: e.x1.max(r.x1),
                    y1: e.y1.max(r.y1),
                },
            });
        }
        Occupied {
            known: true,
            extent,
            near_edges: rects.to_vec(),
        }
    }

    fn stamps(page: &'static str, item: Option<&'static str>) -> Stamps<'static> {
        Stamps {
            page,
            item,
            exempt: None,
        }
    }

    #[test]
    fn an_exempt_notice_finds_a_clear_place_beside_the_others() {
        let fonts = Fonts::new();
        // A letterhead across the top left.
        let head = occupied(&[
            rect(20.0, 800.0, 200.0, 842.0),
            rect(72.0, 72.0, 523.0, 700.0),
        ]);
        let text = "NOT FOR PUBLICATION \u{2013} paragraph 3 of Part 1 of Schedule 12A";
        let with_notice = Stamps {
            page: "Page E1",
            item: Some("Agenda Item 4"),
            exempt: Some(text),
        };
        let placed = place(&fonts, A4, &head, &with_notice);
        assert!(placed.shrink.is_none(), "{placed:?}");
        let spot = placed.exempt.expect("placed");
        // Not at the top left, which the letterhead fills.
        assert!(spot.x > 200.0, "{spot:?}");
        // A full-page scan is shrunk below the head band.
        let scan = occupied(&[rect(0.0, 0.0, 595.0, 842.0)]);
        let shrunk = place(&fonts, A4, &scan, &with_notice)
            .shrink
            .expect("shrunk");
        let (_, top) = shrunk.matrix.apply(0.0, 842.0);
        assert!(top <= 842.0 - HEAD - DESCENT * ITEM_STAMP_SIZE - MARGIN + 0.01);
    }

    fn rect(x0: f32, y0: f32, x1: f32, y1: f32) -> Rect {
        Rect { x0, y0, x1, y1 }
    }

    #[test]
    fn a_clear_page_keeps_the_usual_places() {
        let fonts = Fonts::new();
        let body = occupied(&[rect(72.0, 72.0, 523.0, 770.0)]);
        let placed = place(&fonts, A4, &body, &stamps("Page 3", Some("Agenda Item 2")));
        assert_eq!(
            placed,
            usual(&fonts, A4, &stamps("Page 3", Some("Agenda Item 2")))
        );
    }

    #[test]
    fn a_footer_at_the_centre_moves_the_number_aside() {
        let fonts = Fonts::new();
        let footer = occupied(&[rect(250.0, 14.0, 345.0, 28.0)]);
        let placed = place(&fonts, A4, &footer, &stamps("Page 3", None));
        assert!(placed.shrink.is_none());
        assert!(placed.page_number.x > 345.0, "{placed:?}");
    }

    #[test]
    fn a_full_page_image_shrinks_the_content() {
        let fonts = Fonts::new();
        let scan = occupied(&[rect(0.0, 0.0, 595.0, 842.0)]);
        let placed = place(&fonts, A4, &scan, &stamps("Page 3", Some("Agenda Item 1")));
        let shrink = placed.shrink.expect("shrunk");
        assert!(shrink.factor > 0.9 && shrink.factor < 0.95, "{shrink:?}");
        assert_eq!(
            placed,
            Placement {
                shrink: Some(shrink),
                ..usual(&fonts, A4, &stamps("Page 3", Some("Agenda Item 1")))
            }
        );
        // The scaled page lies between the stamps' bands.
        let (_, bottom) = shrink.matrix.apply(0.0, 0.0);
        let (_, top) = shrink.matrix.apply(0.0, 842.0);
        assert!(bottom >= FOOT + ASCENT * PAGE_NUMBER_SIZE + MARGIN - 0.01);
        assert!(top <= 842.0 - HEAD - DESCENT * ITEM_STAMP_SIZE - MARGIN + 0.01);
    }

    #[test]
    fn unread_content_keeps_the_usual_places() {
        let fonts = Fonts::new();
        let unknown = Occupied::default();
        assert_eq!(
            place(
                &fonts,
                A4,
                &unknown,
                &stamps("Page 1", Some("Agenda Item 1"))
            ),
            usual(&fonts, A4, &stamps("Page 1", Some("Agenda Item 1")))
        );
    }
}
