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
}

/// Lay out the page for a planned, projected map.
pub(crate) fn page(plan: &Plan<'_>, geo: &Geometry, opts: &RenderOptions) -> Page {
    let k = text_scale(opts.size.width_px);
    let (w, h) = (
        f64::from(opts.size.width_px) / k,
        f64::from(opts.size.height_px) / k,
    );
    let pad = size::PAD;
    let theme = plan.theme;
    let (header, header_bottom) = header(plan, w);
    let credit = crate::caption::credit(plan.ds, Some(&geo.projection.description));
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
    let mut frame = Rect::new(pad, header_bottom + 10.0, w - pad, footer_top);
    let legend = Legend::new(
        plan.entries.clone(),
        plan.styles.clone(),
        geo.projection.scale_note.clone(),
    );
    // On a narrow map the legend would hide too much: it goes under the
    // frame, in two columns if they fit, and takes at most two thirds of
    // the frame's height, so that a key to a few routes stays whole; inside
    // the frame it fits in the frame. Rows that do not fit are summarised
    // ("and 97 more routes").
    let (fit, legend, legend_box) = if frame.width() < 640.0 {
        let legend = Some(legend.clone().two_columns())
            .filter(|two| two.width <= frame.width())
            .unwrap_or(legend)
            .at_most(frame.height() * NARROW_LEGEND_SHARE);
        frame.y1 -= legend.height + 8.0;
        let b = Rect::new(
            frame.x0,
            frame.y1 + 8.0,
            frame.x0 + legend.width,
            frame.y1 + 8.0 + legend.height,
        );
        (Fit::new(&geo.data_box, &frame, 28.0), legend, b)
    } else {
        let legend = legend.at_most(frame.height() - 20.0);
        let (fit, b) = fit_with_legend(geo, &frame, &legend, opts.extent.is_some());
        (fit, legend, b)
    };
    Page {
        size: (w, h),
        header,
        footer,
        frame,
        legend,
        legend_box,
        fit,
    }
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

/// Fit the data into the frame with the legend in the corner that overlaps
/// it least; if every corner overlaps, shrink the data's region beside or
/// above the legend, keeping the largest scale that leaves the legend clear.
/// A fixed view (an extent) is never shrunk: the legend takes the emptiest
/// corner.
fn fit_with_legend(geo: &Geometry, frame: &Rect, legend: &Legend, fixed: bool) -> (Fit, Rect) {
    let margin = 28.0;
    let inset = 10.0;
    let (lw, lh) = (legend.width, legend.height);
    let corners = [
        Rect::new(
            frame.x0 + inset,
            frame.y1 - inset - lh,
            frame.x0 + inset + lw,
            frame.y1 - inset,
        ),
        Rect::new(
            frame.x1 - inset - lw,
            frame.y1 - inset - lh,
            frame.x1 - inset,
            frame.y1 - inset,
        ),
        Rect::new(
            frame.x0 + inset,
            frame.y0 + inset,
            frame.x0 + inset + lw,
            frame.y0 + inset + lh,
        ),
        Rect::new(
            frame.x1 - inset - lw,
            frame.y0 + inset,
            frame.x1 - inset,
            frame.y0 + inset + lh,
        ),
    ];
    // Lines count, sampled on network maps (they are many); places need
    // room for their labels too.
    let mut lines: Vec<(f64, f64)> = if fixed {
        Vec::new()
    } else {
        geo.arcs_m
            .iter()
            .flatten()
            .flatten()
            .copied()
            .chain(
                geo.net_arcs_m
                    .iter()
                    .flat_map(|p| p.iter().flatten().step_by(4).copied()),
            )
            .collect()
    };
    // Up to 12 fits are tried; a sample of 100,000 points tells corners apart.
    if lines.len() > 100_000 {
        let step = lines.len().div_ceil(100_000);
        lines = lines.into_iter().step_by(step).collect();
    }
    let places: Vec<(f64, f64)> = if fixed {
        Vec::new()
    } else {
        geo.places_m.iter().flatten().copied().collect()
    };
    let overlap = |fit: &Fit, b: &Rect| -> usize {
        let grown = b.inflate(6.0);
        let on_lines = lines
            .iter()
            .filter(|&&m| grown.contains(fit.screen(m)))
            .count();
        let room = grown.inflate(40.0);
        let on_places = places
            .iter()
            .filter(|&&m| room.contains(fit.screen(m)))
            .count();
        on_lines + 50 * on_places
    };
    let full = Fit::new(&geo.data_box, frame, margin);
    let mut best: Option<(usize, f64, Fit, Rect)> = None;
    let mut consider = |fit: Fit, b: Rect| {
        let o = overlap(&fit, &b);
        let better = match &best {
            None => true,
            Some((bo, bs, _, _)) => o < *bo || (o == *bo && fit.scale > *bs * 1.0001),
        };
        if better {
            best = Some((o, fit.scale, fit, b));
        }
    };
    for b in corners {
        consider(full, b);
    }
    if !fixed && corners.iter().all(|b| overlap(&full, b) > 0) {
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
                if region.width() > 4.0 * margin && region.height() > 4.0 * margin {
                    consider(Fit::new(&geo.data_box, &region, margin), *b);
                }
            }
        }
    }
    let (_, _, fit, b) = best.expect("four corners considered");
    (fit, b)
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
            let texts = scene.texts();
            assert!(texts.contains(&"Lisbon-Moscow: 4,110 km"), "{texts:?}");
            assert!(texts.contains(&"Dublin-Athens: 3,040 km"), "{texts:?}");
            assert!(!texts.iter().any(|t| t.contains("more route")), "{texts:?}");
        }
    }
}
