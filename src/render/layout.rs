//! Stage 3, layout: the page's regions (header with title and subtitle,
//! the map frame, the legend, the footer with the credit) in design px, and
//! the fit of the projected data into the frame, clear of the legend.
//!
//! Text and lines are designed for a 1200 px wide map; other sizes lay out a
//! design page of the same proportions, scaled by [`text_scale`] to the
//! output, so type stays legible from an 84 mm column to a slide.

use super::RenderOptions;
use super::fit::Fit;
use super::geometry::Geometry;
use super::inset::{self, Inset, InsetChoice};
use super::labels;
use super::legend::Legend;
use super::plan::Plan;
use super::style::{Colour, size};
use super::text::{self, Anchor, TextLine, Weight};
use crate::map::clip::Rect;

/// How much text and lines are scaled for an output `width_px` wide: 1 at
/// 1200 px, at least 0.75 (an 84 mm column keeps 7 pt labels), at most 1.6.
///
/// ```
/// use routemap::render::text_scale;
/// assert_eq!(text_scale(1200), 1.0);
/// assert_eq!(text_scale(317), 0.75);
/// ```
pub fn text_scale(width_px: u32) -> f64 {
    (f64::from(width_px) / 1200.0).clamp(0.75, 1.6)
}

/// The page laid out.
pub(crate) struct Page {
    /// Width and height in design px.
    pub size: (f64, f64),
    /// Title and subtitle lines, with their colours.
    pub header: Vec<(TextLine, Colour)>,
    /// Credit lines.
    pub footer: Vec<(TextLine, Colour)>,
    /// The map's frame.
    pub frame: Rect,
    /// The legend, sized.
    pub legend: Legend,
    /// Where the legend goes.
    pub legend_box: Rect,
    /// Projected metres → page.
    pub fit: Fit,
    /// A small format's scale bar, in a corner of the frame (the legend
    /// under the map leaves it out).
    pub scale_box: Option<Rect>,
    /// Whether this is a small format (see [`SMALL_FORMAT`]).
    pub small: bool,
    /// The locator inset, if the map has one (see [`super::inset`]).
    pub inset: Option<Inset>,
}

impl Page {
    /// The boxes of the furniture inside or beside the frame that names
    /// and other placed items must not cover: the legend, the scale bar
    /// and the locator inset.
    pub(crate) fn furniture(&self) -> Vec<Rect> {
        let mut out = vec![self.legend_box];
        out.extend(self.scale_box);
        out.extend(self.inset.as_ref().map(|i| i.rect));
        out
    }
}

/// Below this frame width (design px) a map is a small format: its legend
/// goes under the map in columns, without the projection's description in
/// the credit line (the scale bar's note still says where scale is true).
const SMALL_FORMAT: f64 = 640.0;

/// The margin round the data, as a share of the frame's width and height.
pub(crate) const MARGIN_SHARE: f64 = 0.05;

/// Lay out the page for a planned, projected map.
pub(crate) fn page(plan: &Plan<'_>, geo: &Geometry, opts: &RenderOptions) -> Page {
    let k = text_scale(opts.size.width_px);
    let (w, h) = (
        f64::from(opts.size.width_px) / k,
        f64::from(opts.size.height_px) / k,
    );
    let pad = size::PAD;
    let theme = plan.theme;
    let small = w - 2.0 * pad < SMALL_FORMAT;
    let (header, header_bottom) = header(plan, w);
    let credit = crate::caption::credit_with(
        plan.ds,
        (!small).then_some(geo.projection.description.as_str()),
        plan.local_names.iter().any(Option::is_some),
    );
    let credit_lines = text::wrap(&credit, size::CREDIT, Weight::Normal, w - 2.0 * pad);
    let line_h = size::CREDIT * 1.3;
    let footer_top = h - pad - (credit_lines.len() as f64 * line_h + 8.0);
    let footer = credit_lines
        .into_iter()
        .enumerate()
        .map(|(i, text)| {
            let y = footer_top + 8.0 + size::CREDIT * text::CAP_HEIGHT + i as f64 * line_h;
            (
                line(text, pad, y, size::CREDIT, Weight::Normal),
                theme.muted,
            )
        })
        .collect();
    let frame = Rect::new(pad, header_bottom + 10.0, w - pad, footer_top);
    let fixed = opts.extent.is_some();
    let legend_for = |max_text: f64| {
        Legend::new(
            plan.entries.clone(),
            plan.styles.clone(),
            if small {
                None
            } else {
                geo.projection.scale_note.clone()
            },
            max_text,
        )
    };
    // Inside the frame a legend takes at most about a third of its width.
    let inside = legend_for((frame.width() * 0.32).max(160.0)).at_most(frame.height() - 20.0);
    let placed = (!small)
        .then(|| fit_with_legend(geo, &frame, &inside, fixed))
        .flatten();
    let (frame, fit, legend, legend_box) = match placed {
        Some((fit, b)) => (frame, fit, inside, b),
        None => below(geo, frame, &legend_for, small),
    };
    let fit = if fixed {
        fit
    } else {
        room_for_labels(plan, geo, &frame, &legend_box, fit)
    };
    let scale_box =
        (small && geo.projection.scale_note.is_some()).then(|| scale_corner(geo, &frame, &fit));
    let mut taken = vec![legend_box];
    taken.extend(scale_box);
    let inset = place_inset(geo, &frame, &fit, &taken, small, opts.inset);
    Page {
        size: (w, h),
        header,
        footer,
        frame,
        legend,
        legend_box,
        fit,
        scale_box,
        small,
        inset,
    }
}

/// The lower corner of the frame where a small format's scale bar hides
/// the fewest drawn points (left on a tie).
fn scale_corner(geo: &Geometry, frame: &Rect, fit: &Fit) -> Rect {
    let (bw, bh) = super::legend::SCALE_BOX;
    let inset = 6.0;
    let left = Rect::new(
        frame.x0 + inset,
        frame.y1 - inset - bh,
        frame.x0 + inset + bw,
        frame.y1 - inset,
    );
    let right = Rect::new(
        frame.x1 - inset - bw,
        frame.y1 - inset - bh,
        frame.x1 - inset,
        frame.y1 - inset,
    );
    if points_in(geo, fit, &right.inflate(8.0)) < points_in(geo, fit, &left.inflate(8.0)) {
        right
    } else {
        left
    }
}

/// The legend under the map: in two columns if they fit the frame's width,
/// entries wrapped to fit, taking at most two thirds of the frame's height
/// (rows that do not fit are summarised: "and 97 more routes"). For small
/// formats, and for maps where every corner of the frame would hide data.
fn below(
    geo: &Geometry,
    mut frame: Rect,
    legend_for: &dyn Fn(f64) -> Legend,
    small: bool,
) -> (Rect, Fit, Legend, Rect) {
    let column = (frame.width() - 16.0) / 2.0 - 2.0 * 10.0 - 34.0 - 8.0;
    let two = legend_for(column.max(120.0)).two_columns();
    let legend = if two.width <= frame.width() {
        two
    } else {
        legend_for(frame.width() - 70.0)
    };
    let share = if small { NARROW_LEGEND_SHARE } else { 0.4 };
    let legend = legend.at_most(frame.height() * share);
    frame.y1 -= legend.height + 8.0;
    let b = Rect::new(
        frame.x0,
        frame.y1 + 8.0,
        frame.x0 + legend.width,
        frame.y1 + 8.0 + legend.height,
    );
    let fit = Fit::with_margins(&geo.data_box, &frame, margins(&frame));
    (frame, fit, legend, b)
}

/// The margins round the data in a frame: [`MARGIN_SHARE`] of its width
/// and of its height.
fn margins(frame: &Rect) -> (f64, f64) {
    (frame.width() * MARGIN_SHARE, frame.height() * MARGIN_SHARE)
}

/// Refit so that every place's name has room next to its marker inside the
/// margins (issue 14: Donetsk, Pyongyang and Reykjavík sat on the frame):
/// where the best position of a name still reaches into the margin, the
/// data's region shrinks on that side by as much, up to three times. The
/// legend keeps its box: the region never grows into it.
fn room_for_labels(
    plan: &Plan<'_>,
    geo: &Geometry,
    frame: &Rect,
    legend_box: &Rect,
    mut fit: Fit,
) -> Fit {
    let (mx, my) = margins(frame);
    let inner = Rect::new(frame.x0 + mx, frame.y0 + my, frame.x1 - mx, frame.y1 - my);
    let data = |fit: &Fit| {
        let b = &geo.data_box;
        Rect::bounding([fit.screen((b.x0, b.y0)), fit.screen((b.x1, b.y1))]).expect("two points")
    };
    let mut region = data(&fit);
    for _ in 0..3 {
        let marker_at: Vec<Option<(f64, f64)>> = geo
            .places_m
            .iter()
            .map(|m| m.map(|m| fit.screen(m)))
            .collect();
        let requests = labels::place_requests(
            plan.ds,
            plan.graph,
            &plan.ends,
            plan.label_by,
            &plan.local_names,
            &marker_at,
            labels::MAX_LABELS,
        );
        let mut worst = [0.0f64; 4];
        for r in requests.iter().filter(|r| r.required) {
            let o = labels::overflow(r, &inner, 2.0);
            for (w, v) in worst.iter_mut().zip(o) {
                *w = w.max(v);
            }
        }
        if worst.iter().all(|&v| v < 0.5) {
            break;
        }
        let shrunk = Rect::new(
            region.x0 + worst[0],
            region.y0 + worst[1],
            region.x1 - worst[2],
            region.y1 - worst[3],
        );
        if shrunk.width() < frame.width() * 0.4 || shrunk.height() < frame.height() * 0.4 {
            break;
        }
        region = shrunk;
        let refit = Fit::with_margins(&geo.data_box, &region, (0.0, 0.0));
        // Never move data under the legend.
        if points_in(geo, &refit, &legend_box.inflate(6.0)) > 0 {
            break;
        }
        fit = refit;
    }
    fit
}

/// How many points of the routes' legs and of the places fall in `b`
/// under `fit`.
fn points_in(geo: &Geometry, fit: &Fit, b: &Rect) -> usize {
    geo.arcs_m
        .iter()
        .flatten()
        .flatten()
        .chain(geo.places_m.iter().flatten())
        .filter(|&&m| b.contains(fit.screen(m)))
        .count()
}

fn line(text: String, x: f64, y: f64, size: f64, weight: Weight) -> TextLine {
    TextLine {
        text,
        x,
        y,
        size,
        weight,
        anchor: Anchor::Start,
    }
}

/// Title and subtitle, wrapped to the page width; and where they end.
fn header(plan: &Plan<'_>, w: f64) -> (Vec<(TextLine, Colour)>, f64) {
    let theme = plan.theme;
    let mut out = Vec::new();
    let mut bottom = size::PAD;
    for (text_s, size_px, weight, colour, gap) in [
        (
            Some(plan.title.clone()),
            size::TITLE,
            Weight::Bold,
            theme.ink,
            0.0,
        ),
        (
            plan.subtitle.clone(),
            size::SUBTITLE,
            Weight::Normal,
            theme.muted,
            6.0,
        ),
    ] {
        let Some(text_s) = text_s else { continue };
        let lines = text::wrap(&text_s, size_px, weight, w - 2.0 * size::PAD);
        for (i, l) in lines.into_iter().enumerate() {
            let y = bottom + if i == 0 { gap } else { size_px * 0.2 } + size_px * text::CAP_HEIGHT;
            out.push((line(l, size::PAD, y, size_px, weight), colour));
            bottom = y + size_px * text::DESCENT;
        }
    }
    (out, bottom)
}

/// The most of the frame's height a legend under a narrow map may take.
const NARROW_LEGEND_SHARE: f64 = 2.0 / 3.0;

/// Fit the data into the frame with the legend in the corner that hides
/// nothing (no line, marker or the room round a marker for its name); if
/// every corner hides something, shrink the data's region beside or above
/// the legend, as long as the map keeps three quarters of its scale.
/// `None` when neither works (or, for a fixed view such as an extent, when
/// every corner hides something): the legend then goes under the map.
fn fit_with_legend(
    geo: &Geometry,
    frame: &Rect,
    legend: &Legend,
    fixed: bool,
) -> Option<(Fit, Rect)> {
    let margin = margins(frame);
    let inset = 10.0;
    let (lw, lh) = (legend.width, legend.height);
    if lw > frame.width() * 0.5 || lh > frame.height() - 2.0 * inset {
        return None;
    }
    let corners = corners(frame, inset, lw, lh);
    let hidden = Hidden::new(geo);
    let overlap = |fit: &Fit, b: &Rect| hidden.count(fit, b);
    let full = Fit::with_margins(&geo.data_box, frame, margin);
    if let Some(b) = corners.iter().find(|b| overlap(&full, b) == 0) {
        return Some((full, *b));
    }
    if fixed {
        return None;
    }
    let mut best: Option<(Fit, Rect)> = None;
    for (i, b) in corners.iter().enumerate() {
        let beside = if i % 2 == 0 {
            Rect::new(b.x1, frame.y0, frame.x1, frame.y1)
        } else {
            Rect::new(frame.x0, frame.y0, b.x0, frame.y1)
        };
        let above = if i < 2 {
            Rect::new(frame.x0, frame.y0, frame.x1, b.y0)
        } else {
            Rect::new(frame.x0, b.y1, frame.x1, frame.y1)
        };
        for region in [beside, above] {
            if region.width() > 4.0 * margin.0 && region.height() > 4.0 * margin.1 {
                let fit = Fit::with_margins(&geo.data_box, &region, margin);
                if overlap(&fit, b) == 0
                    && best
                        .as_ref()
                        .is_none_or(|(f, _)| fit.scale > f.scale * 1.0001)
                {
                    best = Some((fit, *b));
                }
            }
        }
    }
    best.filter(|(f, _)| f.scale >= full.scale * 0.75)
}

/// Boxes `w` × `h` in the four corners of `frame`, `inset` px in: bottom
/// left, bottom right, top left, top right.
fn corners(frame: &Rect, inset: f64, w: f64, h: f64) -> [Rect; 4] {
    [
        Rect::new(
            frame.x0 + inset,
            frame.y1 - inset - h,
            frame.x0 + inset + w,
            frame.y1 - inset,
        ),
        Rect::new(
            frame.x1 - inset - w,
            frame.y1 - inset - h,
            frame.x1 - inset,
            frame.y1 - inset,
        ),
        Rect::new(
            frame.x0 + inset,
            frame.y0 + inset,
            frame.x0 + inset + w,
            frame.y0 + inset + h,
        ),
        Rect::new(
            frame.x1 - inset - w,
            frame.y0 + inset,
            frame.x1 - inset,
            frame.y0 + inset + h,
        ),
    ]
}

/// What a box in the frame may hide: the drawn lines (routes, network
/// legs sampled, the outlines of shaded regions) and the places with the
/// room round each for its name, in projected metres.
struct Hidden {
    lines: Vec<(f64, f64)>,
    places: Vec<(f64, f64)>,
}

impl Hidden {
    fn new(geo: &Geometry) -> Self {
        // Lines count, sampled on network maps (they are many); places need
        // room for their labels too.
        let mut lines: Vec<(f64, f64)> = geo
            .arcs_m
            .iter()
            .flatten()
            .flatten()
            .copied()
            .chain(geo.regions_m.iter().copied())
            .chain(
                geo.net_arcs_m
                    .iter()
                    .flat_map(|p| p.iter().flatten().step_by(4).copied()),
            )
            .collect();
        // Up to 12 fits are tried; a sample of 100,000 points tells corners apart.
        if lines.len() > 100_000 {
            let step = lines.len().div_ceil(100_000);
            lines = lines.into_iter().step_by(step).collect();
        }
        let places = geo.places_m.iter().flatten().copied().collect();
        Hidden { lines, places }
    }

    /// How much `b` hides under `fit`: the line points within 6 px of it,
    /// and 50 for each place within 46 px (its name's room).
    fn count(&self, fit: &Fit, b: &Rect) -> usize {
        let grown = b.inflate(6.0);
        let on_lines = self
            .lines
            .iter()
            .filter(|&&m| grown.contains(fit.screen(m)))
            .count();
        let room = grown.inflate(40.0);
        let on_places = self
            .places
            .iter()
            .filter(|&&m| room.contains(fit.screen(m)))
            .count();
        on_lines + 50 * on_places
    }
}

/// The locator inset ([`super::inset`]) in a corner of the frame that
/// hides nothing (as for the legend) and keeps 8 px off the legend and
/// the scale bar (`taken`): the top corners first, then the bottom ones;
/// at three quarters of its size if no corner holds it whole; `None` when
/// none is free, or when the map gets no inset.
fn place_inset(
    geo: &Geometry,
    frame: &Rect,
    fit: &Fit,
    taken: &[Rect],
    small: bool,
    choice: InsetChoice,
) -> Option<Inset> {
    let (kind, frame_ring, frame_whole, centre) =
        inset::decide(choice, &geo.projection, fit, frame)?;
    let hidden = Hidden::new(geo);
    let d = inset::globe_size(frame.width(), small);
    for share in [1.0, 0.75] {
        let (w, h) = inset::panel_size(kind, d * share);
        if w > frame.width() * 0.45 || h > frame.height() * 0.45 {
            continue;
        }
        let [bl, br, tl, tr] = corners(frame, 10.0, w, h);
        let free = [tr, tl, br, bl].into_iter().find(|b| {
            !taken.iter().any(|t| t.intersects(&b.inflate(8.0))) && hidden.count(fit, b) == 0
        });
        if let Some(rect) = free {
            return Some(Inset {
                kind,
                rect,
                frame_ring,
                frame_whole,
                centre,
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_scales_with_width_within_limits() {
        assert_eq!(text_scale(600), 0.75);
        assert_eq!(text_scale(1800), 1.5);
        assert_eq!(text_scale(4000), 1.6);
    }

    /// The inset's box is part of the page's furniture, which later label
    /// placers avoid; `--inset none` leaves it out.
    #[test]
    fn the_seed_page_holds_its_inset_among_the_furniture() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/routes/donbas-workers");
        let ds = crate::load::dataset(dir.as_ref()).unwrap();
        let g = crate::graph::RouteGraph::new(&ds);
        let cmp = crate::analyze::compare_with_graph(&ds, &g);
        for (choice, has) in [(InsetChoice::Auto, true), (InsetChoice::None, false)] {
            let opts = crate::render::RenderOptions {
                inset: choice,
                ..Default::default()
            };
            let plan = super::super::plan::plan(&ds, &g, &cmp, &opts).unwrap();
            let geo = super::super::geometry::project(&plan, &opts).unwrap();
            let p = page(&plan, &geo, &opts);
            assert_eq!(p.inset.is_some(), has);
            if let Some(i) = &p.inset {
                assert!(p.furniture().contains(&i.rect));
                assert!(p.frame.contains_rect(&i.rect));
                assert!(!i.rect.intersects(&p.legend_box));
            }
        }
    }

    /// Regression: under an A4-column map the two routes of europe-capitals
    /// were summarised as "and 2 more routes", leaving their colours without
    /// a key, to give the map one row more.
    #[test]
    fn a_legend_under_a_narrow_map_keys_every_route_of_a_few() {
        use crate::render::page::{Preset, Size};
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/routes/europe-capitals");
        let ds = crate::load::dataset(dir.as_ref()).unwrap();
        let g = crate::graph::RouteGraph::new(&ds);
        let cmp = crate::analyze::compare_with_graph(&ds, &g);
        for size in [Preset::A4Column.size(), Size::new(300, 400).unwrap()] {
            let opts = crate::render::RenderOptions {
                size,
                ..Default::default()
            };
            let scene = crate::render::scene(&ds, &g, &cmp, &opts).unwrap();
            // Entries may wrap: their lines follow each other.
            let texts = scene.texts().join(" ");
            assert!(texts.contains("Lisbon-Moscow: 4,110 km"), "{texts}");
            assert!(texts.contains("Dublin-Athens: 3,040 km"), "{texts}");
            assert!(!texts.contains("more route"), "{texts}");
        }
    }
}
