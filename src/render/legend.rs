//! The legend (strands with their km, leg styles in use, scale bar) and the
//! fit of the data into the frame that keeps it clear of the legend.

use super::canvas::{Canvas, fill, polyline, rect, stroke};
use super::legs::{DrawnLeg, dash_attrs, draw_mode_marks};
use super::style::{Colour, Theme, style_label};
use super::text::{self, Anchor, TextLine, Weight};
use super::{Fit, size, u};
use crate::error::Result;
use crate::map::clip::Rect;
use crate::model::{Evidence, Mode};

/// One line of the legend's first section: a strand's colour, width and label.
#[derive(Debug, Clone)]
pub(crate) struct LegendEntry {
    pub colour: Colour,
    pub width_px: f64,
    pub label: String,
    /// A badge number drawn on the swatch (print theme).
    pub badge: Option<usize>,
    /// What the swatch looks like.
    pub swatch: Swatch,
}

/// The kind of legend swatch.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Swatch {
    /// A line in the entry's colour and width.
    Line,
    /// A tinted (or hatched) box, for overlay areas.
    Area { fill: Colour, hatch: bool },
    /// A diamond, for overlay points.
    Point,
}

#[derive(Clone)]
/// The legend: one row per entry (routes or ranked paths, network legs), then
/// one row per leg style in use, then the scale bar.
pub(crate) struct Legend {
    entries: Vec<LegendEntry>,
    styles: Vec<(Mode, Evidence)>,
    /// Where the scale bar is true, or `None` for no scale bar.
    scale_note: Option<String>,
    /// Width of the second column's start from the left edge (design px), when
    /// the legend is laid out in two columns (entries | styles and scale).
    second_column: Option<f64>,
    pub width: f64,
    pub height: f64,
}

const SWATCH: f64 = 34.0;
const ROW: f64 = 19.0;
const INSET: f64 = 10.0;
const SCALE_ROWS: f64 = 3.2;

impl Legend {
    pub(crate) fn new(
        entries: Vec<LegendEntry>,
        styles: Vec<(Mode, Evidence)>,
        scale_note: Option<String>,
    ) -> Self {
        let text_w = entries
            .iter()
            .map(|e| e.label.clone())
            .chain(styles.iter().map(|&(m, e)| style_label(m, e)))
            .map(|t| text::width(&t, size::LEGEND, Weight::Normal))
            .fold(0.0, f64::max);
        let scale_w = scale_note.as_ref().map_or(0.0, |note| {
            text::width(note, size::LEGEND - 1.0, Weight::Normal)
        });
        let text_w = text_w.max(scale_w - SWATCH - 8.0);
        let rows = (entries.len() + styles.len()) as f64
            + entries
                .iter()
                .map(|e| (e.width_px + 6.0 - ROW).max(0.0) / ROW)
                .sum::<f64>();
        let width = (INSET * 2.0 + SWATCH + 8.0 + text_w).max(230.0);
        let scale_rows = if scale_note.is_some() {
            SCALE_ROWS
        } else {
            0.0
        };
        let height = INSET * 2.0 + rows * ROW + 8.0 + scale_rows * ROW
            - if scale_note.is_some() { 0.0 } else { 8.0 };
        Legend {
            entries,
            styles,
            scale_note,
            second_column: None,
            width: u(width),
            height: u(height),
        }
    }

    /// Lay the legend out in two columns (entries, then styles and scale bar),
    /// for a legend under a narrow map.
    pub(crate) fn two_columns(mut self) -> Self {
        let w = |t: &str| text::width(t, size::LEGEND, Weight::Normal);
        let col1 = self.entries.iter().map(|e| w(&e.label)).fold(0.0, f64::max);
        let col2 = self
            .styles
            .iter()
            .map(|&(m, e)| w(&style_label(m, e)))
            .fold(0.0, f64::max)
            .max(self.scale_note.as_ref().map_or(0.0, |n| {
                text::width(n, size::LEGEND - 1.0, Weight::Normal) - SWATCH - 8.0
            }));
        let rows1: f64 = self.entries.iter().map(|e| ROW.max(e.width_px + 6.0)).sum();
        let scale_rows = if self.scale_note.is_some() {
            SCALE_ROWS * ROW + 4.0
        } else {
            0.0
        };
        let rows2 = self.styles.len() as f64 * ROW + scale_rows;
        let start2 = INSET + SWATCH + 8.0 + col1 + 16.0;
        self.second_column = Some(start2);
        self.width = u(start2 + SWATCH + 8.0 + col2 + INSET);
        self.height = u(INSET * 2.0 + rows1.max(rows2));
        self
    }

    pub(crate) fn draw(
        &self,
        canvas: &mut Canvas,
        b: &Rect,
        fit: &Fit,
        theme: &Theme,
    ) -> Result<()> {
        canvas.group("", |area| {
            rect(area, (b.x0, b.y0), (b.x1, b.y1), fill(theme.page))?;
            rect(
                area,
                (b.x0, b.y0),
                (b.x1, b.y1),
                stroke(Colour(0xbb, 0xbb, 0xbb), u(1.0)),
            )
        })?;
        let x_sw = b.x0 + u(INSET);
        let x_text = x_sw + u(SWATCH + 8.0);
        let mut y = b.y0 + u(INSET) + u(ROW) / 2.0;
        let mut texts: Vec<(TextLine, Colour)> = Vec::new();
        let row_text = |text: &str, y: f64| TextLine {
            text: text.to_string(),
            x: x_text,
            y: y + (text::CAP_HEIGHT - text::DESCENT) / 2.0 * u(size::LEGEND),
            size: u(size::LEGEND),
            weight: Weight::Normal,
            anchor: Anchor::Start,
        };
        let width = u(size::LINE);
        for e in &self.entries {
            let yy = y;
            canvas.group("fill=\"none\" stroke-linecap=\"round\"", |area| {
                match e.swatch {
                    Swatch::Line => polyline(
                        area,
                        &[(x_sw, yy), (x_sw + u(SWATCH), yy)],
                        stroke(e.colour, u(e.width_px)),
                    ),
                    Swatch::Area { fill: c, hatch } => {
                        let (a, b) = ((x_sw, yy - u(6.0)), (x_sw + u(SWATCH), yy + u(6.0)));
                        rect(area, a, b, fill(c.over(theme.page, OVERLAY_TINT)))?;
                        if hatch {
                            for k in 0..6 {
                                let x = x_sw + u(SWATCH) * f64::from(k) / 6.0;
                                polyline(
                                    area,
                                    &[
                                        (x, b.1),
                                        (
                                            x + u(12.0).min(b.0 + u(SWATCH) - x),
                                            b.1 - u(12.0).min(b.0 + u(SWATCH) - x),
                                        ),
                                    ],
                                    stroke(c, u(1.6)),
                                )?;
                            }
                        }
                        rect(area, a, b, stroke(c, u(1.2)))
                    }
                    Swatch::Point => {
                        let (cx, r) = (x_sw + u(SWATCH) / 2.0, u(4.5));
                        super::canvas::polygon(
                            area,
                            &[(cx, yy - r), (cx + r, yy), (cx, yy + r), (cx - r, yy)],
                            fill(e.colour),
                        )
                    }
                }
            })?;
            texts.push((row_text(&e.label, y), theme.ink));
            if let Some(n) = e.badge {
                super::legs::draw_badges(
                    canvas,
                    &[(n, (x_sw + u(SWATCH) / 2.0, y), e.colour)],
                    theme.halo,
                )?;
            }
            y += u(ROW.max(e.width_px + 6.0) - ROW) + u(ROW);
        }
        let mut x_sw = x_sw;
        match self.second_column {
            Some(start) => {
                x_sw = b.x0 + u(start);
                y = b.y0 + u(INSET) + u(ROW) / 2.0;
            }
            None => y += u(4.0),
        }
        let x_text = x_sw + u(SWATCH + 8.0);
        let row_text = |text: &str, y: f64| TextLine {
            text: text.to_string(),
            x: x_text,
            y: y + (text::CAP_HEIGHT - text::DESCENT) / 2.0 * u(size::LEGEND),
            size: u(size::LEGEND),
            weight: Weight::Normal,
            anchor: Anchor::Start,
        };
        for &(mode, evidence) in &self.styles {
            let line = DrawnLeg {
                title: String::new(),
                halo: theme.halo,
                badge: None,
                arrow_at: None,
                colour: theme.ink,
                width,
                mode,
                evidence,
                pieces: vec![vec![(x_sw, y), (x_sw + u(SWATCH), y)]],
            };
            canvas.group(&dash_attrs(mode, evidence, width), |area| {
                polyline(area, &line.pieces[0], stroke(theme.ink, width))
            })?;
            draw_mode_marks(canvas, &line)?;
            texts.push((row_text(&style_label(mode, evidence), y), theme.ink));
            y += u(ROW);
        }
        // Scale bar, only where honest, saying where it is true.
        let Some(note) = &self.scale_note else {
            canvas.text_group("", &texts);
            return Ok(());
        };
        y += u(4.0);
        let max_px = b.x1 - x_sw - u(INSET);
        let metres_per_unit = 1.0 / fit.scale;
        let max_km = max_px * metres_per_unit / 1000.0;
        let bar_km = nice_below(max_km * 0.8);
        let bar = bar_km * 1000.0 * fit.scale;
        let yb = y + u(2.0);
        canvas.group("", |area| {
            rect(
                area,
                (x_sw, yb),
                (x_sw + bar / 2.0, yb + u(4.0)),
                fill(theme.ink),
            )?;
            rect(
                area,
                (x_sw + bar / 2.0, yb),
                (x_sw + bar, yb + u(4.0)),
                fill(theme.page),
            )?;
            rect(
                area,
                (x_sw, yb),
                (x_sw + bar, yb + u(4.0)),
                stroke(theme.ink, u(0.8)),
            )
        })?;
        // "1,000 km" under the bar, where it is true on the next line.
        let small = u(size::LEGEND - 1.0);
        let first = yb + u(4.0) + u(6.0) + small * text::CAP_HEIGHT;
        for (i, line) in [
            format!("{} km", crate::text::thousands(bar_km)),
            note.clone(),
        ]
        .into_iter()
        .enumerate()
        {
            texts.push((
                TextLine {
                    text: line,
                    x: x_sw,
                    y: first + i as f64 * small * 1.25,
                    size: small,
                    weight: Weight::Normal,
                    anchor: Anchor::Start,
                },
                theme.muted,
            ));
        }
        canvas.text_group("", &texts);
        Ok(())
    }
}

/// Opacity of an overlay area's tint over the page.
const OVERLAY_TINT: f64 = 0.35;

/// Fit the data into the frame when the legend is outside it.
pub(crate) fn fit_outside(data: &Rect, frame: &Rect) -> Fit {
    Fit::new(data, frame, u(28.0))
}

/// `v` rounded to one significant figure (e.g. 250 → 300, 47 → 50).
pub(crate) fn nice_round(v: f64) -> f64 {
    if v <= 0.0 {
        return 0.0;
    }
    let p = 10f64.powf(v.log10().floor());
    (v / p).round() * p
}

/// The largest 1, 2 or 5 × 10ⁿ not above `v`.
fn nice_below(v: f64) -> f64 {
    if v <= 0.0 {
        return 0.0;
    }
    let p = 10f64.powf(v.log10().floor());
    [5.0, 2.0, 1.0]
        .into_iter()
        .map(|m| m * p)
        .find(|&c| c <= v)
        .unwrap_or(p)
}

/// Fit the data into the frame with the legend in the corner that overlaps it
/// least; if every corner overlaps, shrink the data's region beside or above the
/// legend, keeping the largest scale that leaves the legend clear.
pub(crate) fn fit_with_legend(
    data: &Rect,
    frame: &Rect,
    legend: &Legend,
    arcs_m: &[Vec<(f64, f64)>],
    places_m: &[(f64, f64)],
    fixed: bool,
) -> (Fit, Rect) {
    let margin = u(28.0);
    let inset = u(10.0);
    let corners = [
        Rect::new(
            frame.x0 + inset,
            frame.y1 - inset - legend.height,
            frame.x0 + inset + legend.width,
            frame.y1 - inset,
        ),
        Rect::new(
            frame.x1 - inset - legend.width,
            frame.y1 - inset - legend.height,
            frame.x1 - inset,
            frame.y1 - inset,
        ),
        Rect::new(
            frame.x0 + inset,
            frame.y0 + inset,
            frame.x0 + inset + legend.width,
            frame.y0 + inset + legend.height,
        ),
        Rect::new(
            frame.x1 - inset - legend.width,
            frame.y0 + inset,
            frame.x1 - inset,
            frame.y0 + inset + legend.height,
        ),
    ];
    let overlap = |fit: &Fit, b: &Rect| -> usize {
        let grown = b.inflate(u(6.0));
        let on_lines = arcs_m
            .iter()
            .flatten()
            .filter(|&&m| grown.contains(fit.screen(m)))
            .count();
        // Places need room for their labels too.
        let label_room = grown.inflate(u(40.0));
        let on_places = places_m
            .iter()
            .filter(|&&m| label_room.contains(fit.screen(m)))
            .count();
        on_lines + 50 * on_places
    };
    let full = Fit::new(data, frame, margin);
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
    // A fixed view (--extent) is never shrunk: the legend takes the emptiest corner.
    let full_overlaps = !fixed && corners.iter().all(|b| overlap(&full, b) > 0);
    if full_overlaps {
        for (i, b) in corners.iter().enumerate() {
            let left = i % 2 == 0;
            let bottom = i < 2;
            let beside = if left {
                Rect::new(b.x1, frame.y0, frame.x1, frame.y1)
            } else {
                Rect::new(frame.x0, frame.y0, b.x0, frame.y1)
            };
            let above = if bottom {
                Rect::new(frame.x0, frame.y0, frame.x1, b.y0)
            } else {
                Rect::new(frame.x0, b.y1, frame.x1, frame.y1)
            };
            for region in [beside, above] {
                if region.width() > 4.0 * margin && region.height() > 4.0 * margin {
                    consider(Fit::new(data, &region, margin), *b);
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
    fn nice_numbers() {
        assert_eq!(nice_below(1234.0), 1000.0);
        assert_eq!(nice_below(2600.0), 2000.0);
        assert_eq!(nice_below(720.0), 500.0);
    }
}
