//! Glyphs for Plotters backends: text in the bundled faces, measured with
//! their metrics and, for backends that draw pixel by pixel, rasterised from
//! their outlines (4 × 4 samples a pixel, non-zero rule, row by row). Each
//! character is drawn with the face resvg would use (DejaVu Sans, then the
//! bundled fallbacks), glyph by glyph: scripts that need shaping (Arabic,
//! Devanagari) are drawn unjoined there; the SVG, PNG and PDF shape them.
//!
//! Plotters' conventions hold for every backend: a text style's size is
//! 1.24 times the font size (Plotters' SVG backend writes `size / 1.24`), and
//! text anchored at its top has its baseline [`BASELINE_EM`] of the font
//! size below the anchor (that backend writes `dy="0.76em"`). Backends that
//! write text and those that draw our glyphs then put it in the same place.

use plotters_backend::text_anchor::{HPos, Pos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendTextStyle, FontFamily, FontStyle, FontTransform,
};

use super::text::{Anchor, Weight, face};

/// Where Plotters puts the baseline of text anchored at its top, as a
/// fraction of the font size below the anchor.
pub(crate) const BASELINE_EM: f64 = 0.76;

/// Plotters' text size per unit of font size.
const PLOTTERS_SIZE: f64 = 1.24;

/// Text in a bundled face at a backend font size, drawn glyph by glyph for
/// backends that draw pixels, named by family for those that write text.
#[derive(Clone)]
pub(crate) struct Glyphs {
    /// Font size in backend pixels.
    pub size: f64,
    pub weight: Weight,
    pub anchor: Anchor,
    pub transform: FontTransform,
    pub color: BackendColor,
}

/// Never returned: the bundled fonts always parse.
#[derive(Debug)]
pub(crate) struct NoFontError;

impl std::fmt::Display for NoFontError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the bundled font cannot be read")
    }
}

impl std::error::Error for NoFontError {}

impl BackendTextStyle for Glyphs {
    type FontError = NoFontError;

    fn color(&self) -> BackendColor {
        self.color
    }

    fn size(&self) -> f64 {
        self.size * PLOTTERS_SIZE
    }

    fn transform(&self) -> FontTransform {
        self.transform.clone()
    }

    fn style(&self) -> FontStyle {
        match self.weight {
            Weight::Normal => FontStyle::Normal,
            Weight::Bold => FontStyle::Bold,
        }
    }

    fn anchor(&self) -> Pos {
        let h = match self.anchor {
            Anchor::Start => HPos::Left,
            Anchor::Middle => HPos::Center,
            Anchor::End => HPos::Right,
        };
        Pos::new(h, VPos::Top)
    }

    fn family(&self) -> FontFamily<'_> {
        FontFamily::Name("DejaVu Sans")
    }

    /// From the anchor (the box's top, [`BASELINE_EM`] above the baseline)
    /// to the descender; glyphs may rise above the box.
    fn layout_box(&self, text: &str) -> Result<((i32, i32), (i32, i32)), NoFontError> {
        let w = super::text::width(text, self.size, self.weight);
        let h = (BASELINE_EM + super::text::DESCENT) * self.size;
        Ok(((0, 0), (w.round() as i32, h.round() as i32)))
    }

    fn draw<E, F: FnMut(i32, i32, BackendColor) -> Result<(), E>>(
        &self,
        text: &str,
        pos: BackendCoord,
        mut draw: F,
    ) -> Result<Result<(), E>, NoFontError> {
        let base = face(self.weight);
        let mut pen = 0.0;
        for ch in text.chars() {
            // The face resvg would draw the character with (unshaped here).
            let found = base
                .glyph_index(ch)
                .map(|g| (base, g))
                .or_else(|| super::text::fallback_glyph(self.weight, ch));
            let Some((face, gid)) = found else {
                pen += self.size;
                continue;
            };
            let scale = self.size / f64::from(face.units_per_em());
            let mut outline = Outline::default();
            face.outline_glyph(gid, &mut outline);
            let origin = (
                f64::from(pos.0) + pen,
                f64::from(pos.1) + BASELINE_EM * self.size,
            );
            for (x, y, cover) in outline.coverage(origin, scale) {
                let mut c = self.color;
                c.alpha *= cover;
                if let Err(e) = draw(x, y, c) {
                    return Ok(Err(e));
                }
            }
            pen += face
                .glyph_hor_advance(gid)
                .map_or(self.size, |a| f64::from(a) * scale);
        }
        Ok(Ok(()))
    }
}

/// A glyph outline flattened to line segments, in font units (y up).
#[derive(Default)]
struct Outline {
    edges: Vec<((f64, f64), (f64, f64))>,
    start: (f64, f64),
    at: (f64, f64),
}

impl ttf_parser::OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        self.start = (f64::from(x), f64::from(y));
        self.at = self.start;
    }

    fn line_to(&mut self, x: f32, y: f32) {
        let p = (f64::from(x), f64::from(y));
        self.edges.push((self.at, p));
        self.at = p;
    }

    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let (p0, c, p) = (
            self.at,
            (f64::from(x1), f64::from(y1)),
            (f64::from(x), f64::from(y)),
        );
        let mut prev = p0;
        for i in 1..=8 {
            let t = f64::from(i) / 8.0;
            let u = 1.0 - t;
            let q = (
                u * u * p0.0 + 2.0 * u * t * c.0 + t * t * p.0,
                u * u * p0.1 + 2.0 * u * t * c.1 + t * t * p.1,
            );
            self.edges.push((prev, q));
            prev = q;
        }
        self.at = p;
    }

    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let p0 = self.at;
        let (c1, c2) = (
            (f64::from(x1), f64::from(y1)),
            (f64::from(x2), f64::from(y2)),
        );
        let p = (f64::from(x), f64::from(y));
        let mut prev = p0;
        for i in 1..=10 {
            let t = f64::from(i) / 10.0;
            let u = 1.0 - t;
            let q = (
                u * u * u * p0.0
                    + 3.0 * u * u * t * c1.0
                    + 3.0 * u * t * t * c2.0
                    + t * t * t * p.0,
                u * u * u * p0.1
                    + 3.0 * u * u * t * c1.1
                    + 3.0 * u * t * t * c2.1
                    + t * t * t * p.1,
            );
            self.edges.push((prev, q));
            prev = q;
        }
        self.at = p;
    }

    fn close(&mut self) {
        if self.at != self.start {
            self.edges.push((self.at, self.start));
        }
        self.at = self.start;
    }
}

impl Outline {
    /// Pixels the glyph covers when its baseline origin is at `origin`
    /// (pixels, y down) and one font unit is `scale` pixels: (x, y, coverage
    /// 0–1) from 4 × 4 samples a pixel by the non-zero rule, found row by
    /// row from the edges' crossings.
    fn coverage(&self, origin: (f64, f64), scale: f64) -> Vec<(i32, i32, f64)> {
        let edges: Vec<((f64, f64), (f64, f64))> = self
            .edges
            .iter()
            .map(|&(a, b)| {
                (
                    (origin.0 + a.0 * scale, origin.1 - a.1 * scale),
                    (origin.0 + b.0 * scale, origin.1 - b.1 * scale),
                )
            })
            .filter(|(a, b)| a.1 != b.1)
            .collect();
        let (mut y0, mut y1, mut x0) = (f64::INFINITY, f64::NEG_INFINITY, f64::INFINITY);
        for &(a, b) in &edges {
            y0 = y0.min(a.1).min(b.1);
            y1 = y1.max(a.1).max(b.1);
            x0 = x0.min(a.0).min(b.0);
        }
        if !(y0.is_finite() && y1.is_finite() && x0.is_finite()) {
            return Vec::new();
        }
        let (px0, py0) = (x0.floor() as i32, y0.floor() as i32);
        let mut out = Vec::new();
        let mut crossings: Vec<(f64, i32)> = Vec::new();
        for py in py0..(y1.ceil() as i32) {
            // Samples hit per pixel of this row, by column from px0.
            let mut hits: Vec<u8> = Vec::new();
            for sy in 0..4 {
                let y = f64::from(py) + (f64::from(sy) + 0.5) / 4.0;
                crossings.clear();
                for &(a, b) in &edges {
                    let (lo, hi, up) = if a.1 < b.1 { (a, b, 1) } else { (b, a, -1) };
                    if y >= lo.1 && y < hi.1 {
                        let x = lo.0 + (y - lo.1) / (hi.1 - lo.1) * (hi.0 - lo.0);
                        crossings.push((x, up));
                    }
                }
                crossings.sort_by(|p, q| p.0.total_cmp(&q.0));
                let mut winding = 0;
                for w in crossings.windows(2) {
                    winding += w[0].1;
                    if winding == 0 {
                        continue;
                    }
                    // Samples at x = px + (sx + 0.5) / 4 within [w0, w1).
                    let first = ((w[0].0 - 0.125) * 4.0).ceil() as i64;
                    let last = ((w[1].0 - 0.125) * 4.0).ceil() as i64 - 1;
                    for k in first..=last {
                        let col = (k.div_euclid(4) - i64::from(px0)) as usize;
                        if hits.len() <= col {
                            hits.resize(col + 1, 0);
                        }
                        hits[col] += 1;
                    }
                }
            }
            for (col, &h) in hits.iter().enumerate() {
                if h > 0 {
                    out.push((px0 + col as i32, py, f64::from(h) / 16.0));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyphs_cover_pixels() {
        let mut o = Outline::default();
        let face = face(Weight::Normal);
        let gid = face.glyph_index('M').unwrap();
        face.outline_glyph(gid, &mut o);
        let scale = 20.0 / f64::from(face.units_per_em());
        let px = o.coverage((0.0, 20.0), scale);
        assert!(px.len() > 50, "{}", px.len());
        assert!(
            px.iter()
                .all(|&(_, y, c)| (0..=20).contains(&y) && c > 0.0 && c <= 1.0)
        );
    }

    /// Issue 15: characters DejaVu Sans lacks were skipped as blank space
    /// on pixel backends; they are drawn with the bundled fallback, and the
    /// pen ends where the text was measured to end.
    #[test]
    fn hangul_is_drawn_with_the_fallback_face() {
        let glyphs = Glyphs {
            size: 20.0,
            weight: Weight::Normal,
            anchor: Anchor::Start,
            transform: FontTransform::None,
            color: BackendColor {
                alpha: 1.0,
                rgb: (0, 0, 0),
            },
        };
        let mut xs = Vec::new();
        let ok: Result<(), ()> = glyphs
            .draw("평양", (0, 0), |x, _, _| {
                xs.push(x);
                Ok(())
            })
            .unwrap();
        ok.unwrap();
        assert!(xs.len() > 100, "{} pixels", xs.len());
        let right = *xs.iter().max().unwrap();
        let measured = super::super::text::width("평양", 20.0, Weight::Normal);
        assert!(f64::from(right) > measured * 0.8 && f64::from(right) <= measured + 1.0);
    }
}
