//! Text measured with the bundled font's real metrics: widths, the box a
//! line covers, wrapping. Measuring with the same font that PNG and PDF draw
//! with keeps label boxes honest.

use std::sync::OnceLock;

use crate::map::clip::Rect;

/// The font-family list written into the SVG: the bundled font first, then
/// common fallbacks that cover Cyrillic and Hangul.
pub const FONT_FAMILY: &str =
    "'DejaVu Sans', 'Noto Sans', 'Noto Sans CJK KR', 'Malgun Gothic', Arial, Helvetica, sans-serif";

/// The bundled font, parsed once.
pub(crate) fn face() -> &'static ttf_parser::Face<'static> {
    &metrics().face
}

struct Metrics {
    face: ttf_parser::Face<'static>,
    units_per_em: f64,
}

fn metrics() -> &'static Metrics {
    static M: OnceLock<Metrics> = OnceLock::new();
    M.get_or_init(|| {
        let face =
            ttf_parser::Face::parse(crate::assets::DEJAVU_SANS, 0).expect("bundled font parses");
        let units_per_em = f64::from(face.units_per_em());
        Metrics { face, units_per_em }
    })
}

/// Font weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    /// Regular.
    Normal,
    /// Bold (measured as regular widened by 7%, DejaVu Sans Bold's average).
    Bold,
}

/// Width of `text` at `size` (both in the same units, e.g. px), from the
/// bundled font's advances. Characters the font lacks count 1 em (the width of
/// CJK glyphs in fallback fonts).
pub fn width(text: &str, size: f64, weight: Weight) -> f64 {
    let m = metrics();
    let units: f64 = text
        .chars()
        .map(|c| {
            m.face
                .glyph_index(c)
                .and_then(|g| m.face.glyph_hor_advance(g))
                .map_or(m.units_per_em, f64::from)
        })
        .sum();
    let w = units / m.units_per_em * size;
    match weight {
        Weight::Normal => w,
        Weight::Bold => w * 1.07,
    }
}

/// Height of capital letters above the baseline, as a fraction of the font size.
pub const CAP_HEIGHT: f64 = 0.73;
/// Depth of descenders below the baseline, as a fraction of the font size.
pub const DESCENT: f64 = 0.24;

/// Horizontal anchoring of a text element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// `x` is the left edge.
    Start,
    /// `x` is the centre.
    Middle,
    /// `x` is the right edge.
    End,
}

/// A line of text as layout places it: its baseline position, size and the
/// box it covers.
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    /// The text (unescaped).
    pub text: String,
    /// Anchor point x.
    pub x: f64,
    /// Baseline y.
    pub y: f64,
    /// Font size.
    pub size: f64,
    /// Weight.
    pub weight: Weight,
    /// Anchoring.
    pub anchor: Anchor,
}

impl TextLine {
    /// The box covered by the text, from cap height to descender.
    pub fn bbox(&self) -> Rect {
        let w = width(&self.text, self.size, self.weight);
        let x0 = match self.anchor {
            Anchor::Start => self.x,
            Anchor::Middle => self.x - w / 2.0,
            Anchor::End => self.x - w,
        };
        Rect::new(
            x0,
            self.y - CAP_HEIGHT * self.size,
            x0 + w,
            self.y + DESCENT * self.size,
        )
    }
}

/// Break `text` into lines no wider than `max_width` at `size`, at spaces.
/// A single word wider than the limit gets a line of its own.
pub fn wrap(text: &str, size: f64, weight: Weight, max_width: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if !current.is_empty() && width(&candidate, size, weight) > max_width {
            lines.push(std::mem::take(&mut current));
            current = word.to_string();
        } else {
            current = candidate;
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wider_text_measures_wider() {
        assert!(width("Vladivostok", 12.0, Weight::Normal) > width("Moscow", 12.0, Weight::Normal));
        // DejaVu Sans "M" advance is 1767/2048 em.
        let m = width("M", 2048.0, Weight::Normal);
        assert!((m - 1767.0).abs() < 1e-9, "{m}");
    }

    #[test]
    fn wrapping_respects_the_width() {
        let text = "Source: Daily NK, republished by The Diplomat, which says the information has not been independently verified.";
        let lines = wrap(text, 10.0, Weight::Normal, 200.0);
        assert!(lines.len() > 1);
        for l in &lines {
            assert!(width(l, 10.0, Weight::Normal) <= 200.0 || !l.contains(' '));
        }
        assert_eq!(lines.join(" "), text);
    }
}
