//! The legend: a row per entry (routes or ranked paths with their km,
//! network classes, flow widths, overlays), a row per evidence level in use
//! (its line pattern), a row per mode in use (its symbol), and the scale bar
//! where the projection allows one. Sized here, placed by
//! [`super::layout`], drawn as the `legend` group.

use super::legs::DrawnLeg;
use super::marks::{badge_group, line_style};
use super::scene::{Geometry, Group, Style, Text};
use super::style::{Colour, Theme, evidence_label, mode_label, size};
use super::symbols::{disc_radius, mode_symbol};
use super::text::{self, Anchor, TextLine, Weight};
use crate::map::clip::Rect;
use crate::model::{Evidence, Mode};
use crate::text::thousands;

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
    /// What the row stands for, singular ("route", "path", "network class",
    /// "flow width", "overlay feature"): names what a summary row counts.
    pub noun: &'static str,
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
    /// No swatch: a row of text (the summary of rows left out).
    Blank,
}

/// The leg styles a map uses, each listed once in the legend: evidence
/// levels of all drawn legs (line patterns), and modes of the legs that
/// carry a mode symbol (those of routes and paths).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct LegStyles {
    /// Evidence levels in use, strongest first.
    pub evidence: Vec<Evidence>,
    /// Modes shown by a symbol, in [`Mode`]'s order.
    pub modes: Vec<Mode>,
}

impl LegStyles {
    /// The rows' labels, evidence first.
    fn labels(&self) -> impl Iterator<Item = &'static str> + '_ {
        let e = self.evidence.iter().map(|&e| evidence_label(e));
        e.chain(self.modes.iter().map(|&m| mode_label(m)))
    }

    fn rows(&self) -> usize {
        self.evidence.len() + self.modes.len()
    }

    /// Space between the evidence rows and the mode rows, design px.
    fn gap(&self) -> f64 {
        if self.evidence.is_empty() || self.modes.is_empty() {
            0.0
        } else {
            4.0
        }
    }
}

#[derive(Clone)]
/// The legend: one row per entry (routes or ranked paths, network legs), then
/// one row per evidence level and mode in use, then the scale bar.
pub(crate) struct Legend {
    entries: Vec<LegendEntry>,
    styles: LegStyles,
    /// Where the scale bar is true, or `None` for no scale bar.
    scale_note: Option<String>,
    /// Width of the second column's start from the left edge (design px), when
    /// the legend is laid out in two columns (entries | styles and scale).
    second_column: Option<f64>,
    /// The widest an entry's text may be before it wraps (design px).
    max_text: f64,
    /// Each entry's label, wrapped to `max_text`.
    lines: Vec<Vec<String>>,
    pub width: f64,
    pub height: f64,
}

const SWATCH: f64 = 34.0;
const ROW: f64 = 19.0;
const INSET: f64 = 10.0;
const SCALE_ROWS: f64 = 3.2;
/// Baseline to baseline within a wrapped entry.
const LINE: f64 = size::LEGEND * 1.2;

/// An entry's height: a row, or its line's width, and a line per wrapped line.
fn entry_height(e: &LegendEntry, lines: usize) -> f64 {
    ROW.max(e.width_px + 6.0) + lines.saturating_sub(1) as f64 * LINE
}

impl Legend {
    /// A legend whose entry texts wrap at `max_text` design px (long route
    /// names stay in a legend of sensible width).
    pub(crate) fn new(
        entries: Vec<LegendEntry>,
        styles: LegStyles,
        scale_note: Option<String>,
        max_text: f64,
    ) -> Self {
        let lines: Vec<Vec<String>> = entries
            .iter()
            .map(|e| text::wrap(&e.label, size::LEGEND, Weight::Normal, max_text))
            .collect();
        let w = |t: &str| text::width(t, size::LEGEND, Weight::Normal);
        let text_w = lines
            .iter()
            .flatten()
            .map(|l| w(l))
            .chain(styles.labels().map(w))
            .fold(0.0, f64::max);
        let scale_w = scale_note.as_ref().map_or(0.0, |note| {
            text::width(note, size::LEGEND - 1.0, Weight::Normal)
        });
        let text_w = text_w.max(scale_w - SWATCH - 8.0);
        let rows: f64 = entries
            .iter()
            .zip(&lines)
            .map(|(e, l)| entry_height(e, l.len()))
            .sum::<f64>()
            + styles.rows() as f64 * ROW;
        let width = (INSET * 2.0 + SWATCH + 8.0 + text_w).max(230.0);
        let scale_rows = if scale_note.is_some() {
            SCALE_ROWS
        } else {
            0.0
        };
        let height = INSET * 2.0 + rows + 8.0 + scale_rows * ROW + styles.gap()
            - if scale_note.is_some() { 0.0 } else { 8.0 };
        Legend {
            entries,
            styles,
            scale_note,
            second_column: None,
            max_text,
            lines,
            width,
            height,
        }
    }

    /// This legend, or if it is taller than `max_height`, the same with rows
    /// of its most numerous kind (routes, say) left out from the end and
    /// summarised in one row: "and 97 more routes". Leg styles and the scale
    /// bar always stay.
    pub(crate) fn at_most(self, max_height: f64) -> Legend {
        if self.height <= max_height {
            return self;
        }
        let two = self.second_column.is_some();
        let rebuild = |entries: Vec<LegendEntry>| {
            let l = Legend::new(
                entries,
                self.styles.clone(),
                self.scale_note.clone(),
                self.max_text,
            );
            if two { l.two_columns() } else { l }
        };
        let mut counts: Vec<(&'static str, usize)> = Vec::new();
        for e in &self.entries {
            match counts.iter_mut().find(|(n, _)| *n == e.noun) {
                Some(c) => c.1 += 1,
                None => counts.push((e.noun, 1)),
            }
        }
        let Some(&(noun, _)) = counts.iter().max_by_key(|(_, n)| *n) else {
            return self;
        };
        let of_kind: Vec<usize> = (0..self.entries.len())
            .filter(|&i| self.entries[i].noun == noun)
            .collect();
        // Keep the first `keep` rows of that kind, as many as fit: the
        // height grows with `keep`, so bisect (a legend of 100,000 routes
        // is measured some 17 times, not 100,000).
        let (mut lo, mut hi) = (0, of_kind.len());
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            if rebuild(summarised(&self.entries, &of_kind, mid, noun)).height <= max_height {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        rebuild(summarised(&self.entries, &of_kind, lo, noun))
    }

    /// Lay the legend out in two columns (entries, then styles and scale bar),
    /// for a legend under a narrow map.
    pub(crate) fn two_columns(mut self) -> Self {
        let w = |t: &str| text::width(t, size::LEGEND, Weight::Normal);
        let col1 = self
            .lines
            .iter()
            .flatten()
            .map(|l| w(l))
            .fold(0.0, f64::max);
        let col2 = self.styles.labels().map(w).fold(0.0, f64::max).max(
            self.scale_note.as_ref().map_or(0.0, |n| {
                text::width(n, size::LEGEND - 1.0, Weight::Normal) - SWATCH - 8.0
            }),
        );
        let rows1: f64 = self
            .entries
            .iter()
            .zip(&self.lines)
            .map(|(e, l)| entry_height(e, l.len()))
            .sum();
        let scale_rows = if self.scale_note.is_some() {
            SCALE_ROWS * ROW + 4.0
        } else {
            0.0
        };
        let rows2 = self.styles.rows() as f64 * ROW + self.styles.gap() + scale_rows;
        let start2 = INSET + SWATCH + 8.0 + col1 + 16.0;
        self.second_column = Some(start2);
        self.width = start2 + SWATCH + 8.0 + col2 + INSET;
        self.height = INSET * 2.0 + rows1.max(rows2);
        self
    }

    /// The legend as a group in the box `b`: a panel, one row per entry,
    /// one per leg style, then the scale bar for a map of `scale` design px
    /// per projected metre.
    pub(crate) fn group(&self, b: &Rect, scale: f64, theme: &Theme) -> Group {
        let mut g = Group::named("legend");
        let panel = Geometry::Rect {
            min: (b.x0, b.y0),
            max: (b.x1, b.y1),
        };
        g.shape(panel.clone(), Style::fill(theme.page));
        g.shape(panel, Style::line(Colour(0xbb, 0xbb, 0xbb), 1.0));
        let x_sw = b.x0 + INSET;
        let mut y = b.y0 + INSET + ROW / 2.0;
        let mut texts: Vec<(TextLine, Colour)> = Vec::new();
        // An entry's wrapped lines stay one text, for screen readers.
        let mut blocks: Vec<Vec<TextLine>> = Vec::new();
        for (e, lines) in self.entries.iter().zip(&self.lines) {
            g.group(swatch(e, x_sw, y, theme));
            let block: Vec<TextLine> = lines
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    let mut t = row_text(l, x_sw, y);
                    t.y += i as f64 * LINE;
                    t
                })
                .collect();
            blocks.push(block);
            if let Some(n) = e.badge
                && let Some(badge) =
                    badge_group(&[(n, (x_sw + SWATCH / 2.0, y), e.colour)], theme.halo)
            {
                g.group(badge);
            }
            y += entry_height(e, lines.len());
        }
        let x_sw = match self.second_column {
            Some(start) => {
                y = b.y0 + INSET + ROW / 2.0;
                b.x0 + start
            }
            None => {
                y += 4.0;
                x_sw
            }
        };
        for &evidence in &self.styles.evidence {
            let line = DrawnLeg {
                title: String::new(),
                halo: theme.page,
                badge: None,
                marks: None,
                colour: theme.ink,
                width: size::LINE,
                mode: Mode::Unknown,
                evidence,
                pieces: vec![vec![(x_sw, y), (x_sw + SWATCH, y)]],
            };
            let mut sample = Group::default().with_style(line_style(&line));
            sample.plain(Geometry::line(line.pieces[0].clone()));
            g.group(sample);
            texts.push((row_text(evidence_label(evidence), x_sw, y), theme.ink));
            y += ROW;
        }
        y += self.styles.gap();
        for &mode in &self.styles.modes {
            let (a, b) = ((x_sw, y), (x_sw + SWATCH, y));
            g.shape(
                Geometry::line(vec![a, b]),
                Style::line(theme.ink, size::LINE).round(),
            );
            let centre = (x_sw + SWATCH / 2.0, y);
            let r = disc_radius(size::LINE);
            g.group(mode_symbol(mode, centre, r, theme.ink, theme.page));
            texts.push((row_text(mode_label(mode), x_sw, y), theme.ink));
            y += ROW;
        }
        if let Some(note) = &self.scale_note {
            let max_px = b.x1 - x_sw - INSET;
            scale_bar(
                &mut g,
                &mut texts,
                (x_sw, y + 4.0),
                max_px,
                scale,
                note,
                theme,
            );
        }
        let mut words = Group::default();
        for block in blocks {
            words.text(Text::from_lines(&block, theme.ink));
        }
        for (line, colour) in texts {
            words.text(Text::from_lines(&[line], colour));
        }
        g.group(words);
        g
    }
}

fn row_text(text: &str, x_sw: f64, y: f64) -> TextLine {
    TextLine {
        text: text.to_string(),
        x: x_sw + SWATCH + 8.0,
        y: y + (text::CAP_HEIGHT - text::DESCENT) / 2.0 * size::LEGEND,
        size: size::LEGEND,
        weight: Weight::Normal,
        anchor: Anchor::Start,
    }
}

/// `entries` keeping only the first `keep` of the rows at `of_kind`, the
/// others replaced by one summary row where the first left out was.
fn summarised(
    entries: &[LegendEntry],
    of_kind: &[usize],
    keep: usize,
    noun: &'static str,
) -> Vec<LegendEntry> {
    let dropped = &of_kind[keep..];
    let is_dropped = {
        let mut v = vec![false; entries.len()];
        for &i in dropped {
            v[i] = true;
        }
        v
    };
    let mut out = Vec::with_capacity(entries.len());
    for (i, e) in entries.iter().enumerate() {
        if Some(&i) == dropped.first() {
            let n = dropped.len();
            out.push(LegendEntry {
                colour: Colour(0, 0, 0),
                width_px: 0.0,
                label: format!(
                    "and {} more {noun}{}",
                    thousands(n as f64),
                    if n == 1 { "" } else { "s" }
                ),
                badge: None,
                swatch: Swatch::Blank,
                noun: "summary",
            });
        }
        if !is_dropped[i] {
            out.push(e.clone());
        }
    }
    out
}

/// An entry's swatch: a line, a tinted (or hatched) box, or a diamond.
fn swatch(e: &LegendEntry, x: f64, y: f64, theme: &Theme) -> Group {
    let mut g = Group::default();
    match e.swatch {
        Swatch::Line => g.shape(
            Geometry::line(vec![(x, y), (x + SWATCH, y)]),
            Style::line(e.colour, e.width_px).round(),
        ),
        Swatch::Area { fill: c, hatch } => {
            let (a, b) = ((x, y - 6.0), (x + SWATCH, y + 6.0));
            let rect = Geometry::Rect { min: a, max: b };
            g.shape(rect.clone(), Style::fill(c.over(theme.page, OVERLAY_TINT)));
            if hatch {
                for k in 0..6 {
                    let x0 = x + SWATCH * f64::from(k) / 6.0;
                    let d = 12.0f64.min(a.0 + SWATCH - x0);
                    g.shape(
                        Geometry::line(vec![(x0, b.1), (x0 + d, b.1 - d)]),
                        Style::line(c, 1.6).round(),
                    );
                }
            }
            g.shape(rect, Style::line(c, 1.2));
        }
        Swatch::Point => {
            let (cx, r) = (x + SWATCH / 2.0, 4.5);
            let diamond = vec![(cx, y - r), (cx + r, y), (cx, y + r), (cx - r, y)];
            g.shape(Geometry::ring(diamond), Style::fill(e.colour));
        }
        Swatch::Blank => {}
    }
    g
}

/// Width and height of [`scale_in_frame`]'s box.
pub(crate) const SCALE_BOX: (f64, f64) = (100.0, 34.0);

/// A scale bar on its own, for a small format's frame corner `b` (of size
/// [`SCALE_BOX`]): a panel, the bar and its length, without the note on
/// where scale is true (the legend under the map has no room for it).
pub(crate) fn scale_in_frame(b: &Rect, scale: f64, theme: &Theme) -> Group {
    let mut g = Group::named("scale-bar");
    g.shape(
        Geometry::Rect {
            min: (b.x0, b.y0),
            max: (b.x1, b.y1),
        },
        Style {
            fill_opacity: Some(0.85),
            ..Style::fill(theme.page)
        },
    );
    let mut texts = Vec::new();
    let max_px = b.width() - 2.0 * 8.0;
    scale_bar(
        &mut g,
        &mut texts,
        (b.x0 + 8.0, b.y0 + 4.0),
        max_px,
        scale,
        "",
        theme,
    );
    let mut words = Group::default();
    for (line, colour) in texts.into_iter().filter(|(l, _)| !l.text.is_empty()) {
        words.text(Text::from_lines(&[line], colour));
    }
    g.group(words);
    g
}

/// The scale bar, only where honest: a bar of a round length, its length
/// and where the scale is true, under it.
fn scale_bar(
    g: &mut Group,
    texts: &mut Vec<(TextLine, Colour)>,
    (x, y): (f64, f64),
    max_px: f64,
    scale: f64,
    note: &str,
    theme: &Theme,
) {
    let max_km = max_px / scale / 1000.0;
    let bar_km = nice_below(max_km * 0.8);
    let bar = bar_km * 1000.0 * scale;
    let yb = y + 2.0;
    let rect = |x0: f64, x1: f64| Geometry::Rect {
        min: (x0, yb),
        max: (x1, yb + 4.0),
    };
    g.shape(rect(x, x + bar / 2.0), Style::fill(theme.ink));
    g.shape(rect(x + bar / 2.0, x + bar), Style::fill(theme.page));
    g.shape(rect(x, x + bar), Style::line(theme.ink, 0.8));
    // "1,000 km" under the bar, where it is true on the next line.
    let small = size::LEGEND - 1.0;
    let first = yb + 4.0 + 6.0 + small * text::CAP_HEIGHT;
    for (i, line) in [format!("{} km", thousands(bar_km)), note.to_string()]
        .into_iter()
        .enumerate()
    {
        let tl = TextLine {
            text: line,
            x,
            y: first + i as f64 * small * 1.25,
            size: small,
            weight: Weight::Normal,
            anchor: Anchor::Start,
        };
        texts.push((tl, theme.muted));
    }
}

/// Opacity of an overlay area's tint over the page.
pub(crate) const OVERLAY_TINT: f64 = 0.35;

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

#[cfg(test)]
mod tests {
    use super::*;

    fn route(i: usize) -> LegendEntry {
        LegendEntry {
            colour: Colour(0, 0, 0),
            width_px: size::LINE,
            label: format!("route {i}: 1,000 km"),
            badge: None,
            swatch: Swatch::Line,
            noun: "route",
        }
    }

    #[test]
    fn a_legend_too_tall_summarises_its_routes_and_keeps_styles() {
        // Regression: 120 routes ran the legend off the page over the title.
        let mut entries: Vec<LegendEntry> = (0..120).map(route).collect();
        entries.insert(
            0,
            LegendEntry {
                noun: "network class",
                ..route(999)
            },
        );
        let styles = LegStyles {
            evidence: vec![Evidence::Reported],
            modes: vec![Mode::Air],
        };
        let full = Legend::new(entries, styles.clone(), Some("true at 50°N".into()), 400.0);
        assert!(full.height > 2000.0);
        let cut = full.at_most(500.0);
        assert!(cut.height <= 500.0, "{}", cut.height);
        let labels: Vec<&str> = cut.entries.iter().map(|e| e.label.as_str()).collect();
        assert_eq!(labels[0], "route 999: 1,000 km", "other kinds stay");
        assert_eq!(labels[1], "route 0: 1,000 km");
        let last = labels.last().unwrap();
        let kept = labels.len() - 2;
        assert_eq!(*last, format!("and {} more routes", 120 - kept));
        assert_eq!(cut.styles, styles);
        assert!(cut.scale_note.is_some());
    }

    #[test]
    fn a_legend_that_fits_is_kept() {
        let l = Legend::new(
            (0..3).map(route).collect(),
            LegStyles::default(),
            None,
            400.0,
        );
        let h = l.height;
        assert_eq!(l.at_most(h).entries.len(), 3);
    }

    #[test]
    fn nice_numbers() {
        assert_eq!(nice_below(1234.0), 1000.0);
        assert_eq!(nice_below(2600.0), 2000.0);
        assert_eq!(nice_below(720.0), 500.0);
    }
}
