//! Text measured with the bundled fonts' real metrics: widths, the box a
//! line covers, wrapping. Each character is measured with the face that
//! PNG and PDF draw it with: DejaVu Sans, then the bundled fallbacks in the
//! order the SVG's font-family names them; text in scripts that need
//! shaping (Arabic, Hebrew, Devanagari, Thai) or that DejaVu Sans lacks is
//! shaped as resvg shapes it, so label boxes stay honest in every script.

use std::sync::OnceLock;

use crate::assets::{FALLBACK_FONTS, PackedFont};
use crate::map::clip::Rect;

/// The font-family list written into the SVG: DejaVu Sans, then the bundled
/// fallbacks in the order PNG, PDF and measurement use them, then the
/// generic family.
pub const FONT_FAMILY: &str = "'DejaVu Sans', 'Noto Sans Arabic', 'Noto Sans Hebrew', \
     'Noto Sans Devanagari', 'Noto Sans Thai', 'Noto Sans CJK SC', sans-serif";

/// The bundled face of a weight, parsed once.
pub(crate) fn face(weight: Weight) -> &'static ttf_parser::Face<'static> {
    &shaper(weight).ttf
}

/// DejaVu Sans of a weight, for shaping, parsed once.
fn shaper(weight: Weight) -> &'static Shaper {
    static REGULAR: OnceLock<Shaper> = OnceLock::new();
    static BOLD: OnceLock<Shaper> = OnceLock::new();
    let (cell, bytes) = match weight {
        Weight::Normal => (&REGULAR, crate::assets::DEJAVU_SANS),
        Weight::Bold => (&BOLD, crate::assets::DEJAVU_SANS_BOLD),
    };
    cell.get_or_init(|| Shaper::new(bytes))
}

/// A face parsed for shaping and for glyph look-ups.
pub(crate) struct Shaper {
    pub(crate) ttf: ttf_parser::Face<'static>,
    rb: rustybuzz::Face<'static>,
}

impl Shaper {
    fn new(bytes: &'static [u8]) -> Shaper {
        Shaper {
            ttf: ttf_parser::Face::parse(bytes, 0).expect("bundled font parses"),
            rb: rustybuzz::Face::from_slice(bytes, 0).expect("bundled font parses"),
        }
    }
}

/// The bundled fallbacks, each parsed the first time it is needed.
static FALLBACK_SHAPERS: [OnceLock<Shaper>; 9] = [const { OnceLock::new() }; 9];

/// The fallback fonts that draw text of `weight`, in order: the bold face
/// of a family where one is bundled, else its regular face. Indices into
/// [`FALLBACK_FONTS`].
pub(crate) fn fallback_chain(weight: Weight) -> Vec<usize> {
    let bold = weight == Weight::Bold;
    let mut out: Vec<usize> = Vec::new();
    for (i, f) in FALLBACK_FONTS.iter().enumerate() {
        match out
            .iter()
            .position(|&j| FALLBACK_FONTS[j].family == f.family)
        {
            Some(k) if f.bold == bold => out[k] = i,
            Some(_) => {}
            None => out.push(i),
        }
    }
    out
}

/// The fallback font `i`, parsed (inflating it the first time).
fn fallback_shaper(i: usize) -> &'static Shaper {
    FALLBACK_SHAPERS[i].get_or_init(|| Shaper::new(FALLBACK_FONTS[i].data()))
}

/// Whether bundled fallback `i` has a glyph for `c` (inflating it only when
/// `c` is within the characters it was cut to).
pub(crate) fn fallback_has(i: usize, c: char) -> bool {
    let font: &PackedFont = &FALLBACK_FONTS[i];
    font.may_cover(c) && fallback_shaper(i).ttf.glyph_index(c).is_some()
}

/// The first of the fallbacks for `weight` that has `c` and is not in
/// `used`: the choice resvg's font fallback makes (see
/// `export::image`).
pub(crate) fn fallback_for(weight: Weight, c: char, used: &[usize]) -> Option<usize> {
    fallback_chain(weight)
        .into_iter()
        .find(|i| !used.contains(i) && fallback_has(*i, c))
}

/// The bundled fallback face of `weight` that draws `c`, and its glyph.
pub(crate) fn fallback_glyph(
    weight: Weight,
    c: char,
) -> Option<(&'static ttf_parser::Face<'static>, ttf_parser::GlyphId)> {
    let face = &fallback_shaper(fallback_for(weight, c, &[])?).ttf;
    Some((face, face.glyph_index(c)?))
}

/// Whether some bundled face (DejaVu Sans or a fallback) can draw `c`.
pub fn bundled_covers(c: char, weight: Weight) -> bool {
    face(weight).glyph_index(c).is_some()
        || fallback_chain(weight)
            .into_iter()
            .any(|i| fallback_has(i, c))
}

/// Font weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    /// Regular (DejaVu Sans).
    Normal,
    /// Bold (DejaVu Sans Bold).
    Bold,
}

/// Width of `text` at `size` (both in the same units, e.g. px), as PNG and
/// PDF draw it. Text that DejaVu Sans covers and that needs no shaping is
/// measured by its glyphs' advances; other text is shaped as resvg shapes
/// it ([`shaped_width`]).
pub fn width(text: &str, size: f64, weight: Weight) -> f64 {
    let face = face(weight);
    let units_per_em = f64::from(face.units_per_em());
    let mut units = 0.0;
    for c in text.chars() {
        let advance = (!needs_shaping(c))
            .then(|| face.glyph_index(c))
            .flatten()
            .and_then(|g| face.glyph_hor_advance(g));
        match advance {
            Some(a) => units += f64::from(a),
            None => return shaped_width(text, weight) * size,
        }
    }
    units / units_per_em * size
}

/// Characters of scripts whose glyphs depend on their neighbours (joining,
/// reordering, conjuncts, marks placed by the font) or that run right to
/// left: text with any of them is shaped to be measured.
fn needs_shaping(c: char) -> bool {
    matches!(u32::from(c),
        0x0590..=0x08FF // Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan...
        | 0x0900..=0x0DFF // Indic scripts
        | 0x0E00..=0x109F // Thai, Lao, Tibetan, Myanmar
        | 0x1780..=0x17FF // Khmer
        | 0xA8E0..=0xA8FF
        | 0xFB1D..=0xFDFF // Hebrew and Arabic presentation forms
        | 0xFE70..=0xFEFF)
}

/// A glyph as shaping gave it: where its cluster starts in the text and
/// how many bytes it spans (as usvg counts them), its advance in em, and
/// whether the face lacked the character.
#[derive(Debug, Clone, Copy)]
struct Shaped {
    cluster: usize,
    cluster_len: usize,
    advance: f64,
    missing: bool,
}

/// `text` shaped with one face as resvg (usvg 0.45) does: split into bidi
/// runs of a left-to-right paragraph, each shaped in its direction with the
/// font's default features.
fn shape(face: &Shaper, text: &str) -> Vec<Shaped> {
    let mut out = Vec::new();
    let bidi = unicode_bidi::BidiInfo::new(text, Some(unicode_bidi::Level::ltr()));
    let Some(paragraph) = bidi.paragraphs.first() else {
        return out;
    };
    let (levels, runs) = bidi.visual_runs(paragraph, paragraph.range.clone());
    let upem = f64::from(face.ttf.units_per_em());
    for run in runs {
        let sub = &text[run.clone()];
        if sub.is_empty() {
            continue;
        }
        let ltr = levels[run.start].is_ltr();
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(sub);
        buffer.set_direction(if ltr {
            rustybuzz::Direction::LeftToRight
        } else {
            rustybuzz::Direction::RightToLeft
        });
        let shaped = rustybuzz::shape(&face.rb, &[], buffer);
        let infos = shaped.glyph_infos();
        for (i, (info, pos)) in infos.iter().zip(shaped.glyph_positions()).enumerate() {
            let start = info.cluster as usize;
            let next = if ltr {
                i.checked_add(1)
            } else {
                i.checked_sub(1)
            };
            let end = next
                .and_then(|j| infos.get(j))
                .map_or(sub.len(), |g| g.cluster as usize);
            out.push(Shaped {
                cluster: run.start + start,
                cluster_len: end.saturating_sub(start),
                advance: f64::from(pos.x_advance) / upem,
                missing: info.glyph_id == 0,
            });
        }
    }
    out
}

/// `glyphs` with each run of missing glyphs replaced by the glyphs of
/// `fallback` for the same characters, where it has them all: what the
/// patched usvg does (`vendor/usvg/PATCHED.md`).
fn merge_fallback(text: &str, glyphs: Vec<Shaped>, fallback: &[Shaped]) -> Vec<Shaped> {
    let mut out = Vec::with_capacity(glyphs.len());
    let mut i = 0;
    while i < glyphs.len() {
        if !glyphs[i].missing {
            out.push(glyphs[i]);
            i += 1;
            continue;
        }
        let start = i;
        while i < glyphs.len() && glyphs[i].missing {
            i += 1;
        }
        let run = &glyphs[start..i];
        let ranges: Vec<(usize, usize)> = run
            .iter()
            .map(|g| {
                let char_len = text[g.cluster..].chars().next().map_or(1, char::len_utf8);
                (g.cluster, g.cluster + g.cluster_len.max(char_len))
            })
            .collect();
        let inside = |b: usize| ranges.iter().any(|&(lo, hi)| b >= lo && b < hi);
        let replacement: Vec<Shaped> = fallback
            .iter()
            .filter(|g| inside(g.cluster))
            .copied()
            .collect();
        let covered = ranges
            .iter()
            .all(|&(lo, hi)| replacement.iter().any(|g| (lo..hi).contains(&g.cluster)));
        if covered && replacement.iter().all(|g| !g.missing) {
            out.extend(replacement);
        } else {
            out.extend_from_slice(run);
        }
    }
    out
}

/// Width of `text` in em at `weight` as resvg lays it out: shaped with
/// DejaVu Sans; while a glyph is missing, shaped again with the first
/// fallback that has its character, whose glyphs replace all of them if it
/// has every character, else each run of missing glyphs it can draw whole.
/// Characters no bundled face has count with the width of the box drawn
/// for them.
pub fn shaped_width(text: &str, weight: Weight) -> f64 {
    let mut glyphs = shape(shaper(weight), text);
    let mut used: Vec<usize> = Vec::new();
    while let Some(c) = glyphs
        .iter()
        .find(|g| g.missing)
        .and_then(|g| text[g.cluster..].chars().next())
    {
        let Some(i) = fallback_for(weight, c, &used) else {
            break;
        };
        let again = shape(fallback_shaper(i), text);
        if again.iter().all(|g| !g.missing) {
            glyphs = again;
            break;
        }
        glyphs = merge_fallback(text, glyphs, &again);
        used.push(i);
    }
    glyphs.iter().map(|g| g.advance).sum()
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
