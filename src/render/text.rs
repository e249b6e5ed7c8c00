//! Text measured with the bundled font's real metrics: widths, the box a
//! line covers, wrapping. Measuring with the same font that PNG and PDF draw
//! with keeps label boxes honest.

use std::sync::OnceLock;

use crate::map::clip::Rect;

/// The font-family list written into the SVG: the bundled font first, then
/// common fallbacks that cover Cyrillic and Hangul.
pub const FONT_FAMILY: &str =
    "'DejaVu Sans', 'Noto Sans', 'Noto Sans CJK KR', 'Malgun Gothic', Arial, Helvetica, sans-serif";

/// The bundled face of a weight, parsed once.
pub(crate) fn face(weight: Weight) -> &'static ttf_parser::Face<'static> {
    static REGULAR: OnceLock<ttf_parser::Face<'static>> = OnceLock::new();
    static BOLD: OnceLock<ttf_parser::Face<'static>> = OnceLock::new();
    let (cell, bytes) = match weight {
        Weight::Normal => (&REGULAR, crate::assets::DEJAVU_SANS),
        Weight::Bold => (&BOLD, crate::assets::DEJAVU_SANS_BOLD),
    };
    cell.get_or_init(|| ttf_parser::Face::parse(bytes, 0).expect("bundled font parses"))
}

/// Font weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    /// Regular (DejaVu Sans).
    Normal,
    /// Bold (DejaVu Sans Bold).
    Bold,
}

/// Width of `text` at `size` (both in the same units, e.g. px), from the
/// advances of the bundled face of that weight, the faces PNG and PDF draw
/// with. Characters the font lacks count 1 em (the width of CJK glyphs in
/// fallback fonts).
pub fn width(text: &str, size: f64, weight: Weight) -> f64 {
    let face = face(weight);
    let units_per_em = f64::from(face.units_per_em());
    let units: f64 = text
        .chars()
        .map(|c| {
            face.glyph_index(c)
                .and_then(|g| face.glyph_hor_advance(g))
                .map_or(units_per_em, f64::from)
        })
        .sum();
    units / units_per_em * size
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

/// Break `text` into lines no wider than `max_width` at `size`: at spaces,
/// then, for a word wider than the limit, after a hyphen, dash, slash or
/// comma inside it, and failing that between characters (a 29-city quick
/// spec is one "word"). Widths add up glyph by glyph, so each piece is
/// measured once: linear in the text.
pub fn wrap(text: &str, size: f64, weight: Weight, max_width: f64) -> Vec<String> {
    let space = width(" ", size, weight);
    let mut lines = Vec::new();
    let mut current = String::new();
    let mut current_w = 0.0;
    for word in unit_words(text) {
        for (k, piece) in break_word(&word, size, weight, max_width)
            .into_iter()
            .enumerate()
        {
            let w = width(&piece, size, weight);
            // Pieces of one broken word join without a space.
            let glue = if k > 0 { 0.0 } else { space };
            if current.is_empty() {
                current.push_str(&piece);
                current_w = w;
            } else if current_w + glue + w > max_width {
                lines.push(std::mem::take(&mut current));
                current.push_str(&piece);
                current_w = w;
            } else {
                if glue > 0.0 {
                    current.push(' ');
                }
                current.push_str(&piece);
                current_w += glue + w;
            }
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// The words of `text`, a number kept with the short unit after it
/// ("7,979 km", "5 h") so that no line starts with a bare unit.
fn unit_words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in text.split_whitespace() {
        let unit = w.chars().count() <= 3 && w.chars().all(char::is_alphabetic);
        match out.last_mut() {
            Some(prev) if unit && prev.ends_with(|c: char| c.is_ascii_digit()) => {
                prev.push(' ');
                prev.push_str(w);
            }
            _ => out.push(w.to_string()),
        }
    }
    out
}

/// A word as it may be broken: itself if it fits; else pieces ending after
/// a hyphen, dash, slash or comma; pieces still too wide are cut between
/// characters.
fn break_word(word: &str, size: f64, weight: Weight, max_width: f64) -> Vec<String> {
    if width(word, size, weight) <= max_width {
        return vec![word.to_string()];
    }
    let mut soft = Vec::new();
    let mut cur = String::new();
    for c in word.chars() {
        cur.push(c);
        if matches!(c, '-' | '\u{2013}' | '\u{2014}' | '/' | ',') {
            soft.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        soft.push(cur);
    }
    let mut out: Vec<String> = Vec::new();
    for piece in soft {
        if width(&piece, size, weight) <= max_width {
            out.push(piece);
            continue;
        }
        let mut cut = String::new();
        for c in piece.chars() {
            let mut wider = cut.clone();
            wider.push(c);
            if !cut.is_empty() && width(&wider, size, weight) > max_width {
                out.push(std::mem::take(&mut cut));
            }
            cut.push(c);
        }
        if !cut.is_empty() {
            out.push(cut);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 14: a 29-city quick spec made a title that ran off the page.
    #[test]
    fn long_words_break_after_hyphens_then_anywhere() {
        let spec = "Lisbon-Madrid-Barcelona-Marseille-Milan-Venice-Vienna";
        let lines = wrap(spec, 20.0, Weight::Bold, 200.0);
        assert!(lines.len() > 2, "{lines:?}");
        assert_eq!(lines.concat(), spec);
        for l in &lines {
            assert!(width(l, 20.0, Weight::Bold) <= 200.0, "{l}");
        }
        assert!(lines[0].ends_with('-'), "{lines:?}");
        let word = "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch";
        let lines = wrap(word, 20.0, Weight::Normal, 120.0);
        assert_eq!(lines.concat(), word);
        assert!(
            lines
                .iter()
                .all(|l| width(l, 20.0, Weight::Normal) <= 120.0)
        );
        // A number keeps its unit.
        assert_eq!(
            wrap("via Moscow: 7,979 km", 12.0, Weight::Normal, 125.0),
            ["via Moscow:", "7,979 km"]
        );
        // Words that fit are never broken; a space still separates them.
        assert_eq!(
            wrap("Via Moscow", 12.0, Weight::Normal, 1000.0),
            ["Via Moscow"]
        );
    }

    #[test]
    fn bold_is_measured_with_the_bold_face() {
        // Regression (issue 14): bold was regular × 1.07; DejaVu Sans Bold
        // is 12–15% wider on names like these.
        for name in ["Pyongyang", "Vladivostok", "Donetsk"] {
            let (r, b) = (
                width(name, 100.0, Weight::Normal),
                width(name, 100.0, Weight::Bold),
            );
            assert!(b / r > 1.1 && b / r < 1.2, "{name}: {}", b / r);
        }
    }

    #[test]
    fn wider_text_measures_wider() {
        assert!(width("Vladivostok", 12.0, Weight::Normal) > width("Moscow", 12.0, Weight::Normal));
        // DejaVu Sans "M" advance is 1767/2048 em.
        let m = width("M", 2048.0, Weight::Normal);
        assert!((m - 1767.0).abs() < 1e-9, "{m}");
    }

    #[test]
    fn wrapping_is_linear_in_the_text() {
        // Regression: each word re-measured the whole line (quadratic); a
        // 300,000-character title stalled the map.
        let long = "word ".repeat(60_000);
        let lines = wrap(&long, 12.0, Weight::Normal, 1000.0);
        assert!(lines.len() > 1000);
        assert_eq!(lines.join(" "), long.trim_end());
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
