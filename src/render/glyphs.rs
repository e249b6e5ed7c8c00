//! Glyphs for Plotters backends: text in the bundled font, measured with
//! its metrics and, for backends that draw pixel by pixel, rasterised from
//! its outlines (4 × 4 samples a pixel, non-zero rule).

use plotters_backend::text_anchor::{HPos, Pos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendTextStyle, FontFamily, FontStyle, FontTransform,
};

use super::text::{Anchor, Weight, face};

/// Text in the bundled font at a backend size, drawn glyph by glyph for
/// backends that draw pixels, named by family for those that write text.
#[derive(Clone)]
pub(crate) struct Glyphs {
    pub size: f64,
    pub weight: Weight,
    pub anchor: Anchor,
    pub transform: FontTransform,
    pub color: BackendColor,
}

/// Never returned: the bundled font always parses.
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
        self.size
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
        // The layout box starts at the ascender; the scene gives baselines.
        Pos::new(h, VPos::Top)
    }

    fn family(&self) -> FontFamily<'_> {
        FontFamily::Name("DejaVu Sans")
    }

    fn layout_box(&self, text: &str) -> Result<((i32, i32), (i32, i32)), NoFontError> {
        let w = super::text::width(text, self.size, self.weight);
        let (asc, desc) = ascent_descent(self.size);
        // The box is anchored at its top: put the baseline where asked by
        // reporting the box from the baseline's height.
        Ok(((0, 0), (w.round() as i32, (asc + desc).round() as i32)))
    }

    fn draw<E, F: FnMut(i32, i32, BackendColor) -> Result<(), E>>(
        &self,
        text: &str,
        pos: BackendCoord,
        mut draw: F,
    ) -> Result<Result<(), E>, NoFontError> {
        let (asc, _) = ascent_descent(self.size);
        let mut pen = 0.0;
        let scale = self.size / f64::from(face().units_per_em());
        let embolden = if self.weight == Weight::Bold {
            0.6
        } else {
            0.0
        };
        for ch in text.chars() {
            let Some(gid) = face().glyph_index(ch) else {
                pen += self.size;
                continue;
            };
            let mut outline = Outline::default();
            face().outline_glyph(gid, &mut outline);
            let origin = (f64::from(pos.0) + pen, f64::from(pos.1) + asc);
            for (x, y, cover) in outline.coverage(origin, scale, embolden) {
                let mut c = self.color;
                c.alpha *= cover;
                if let Err(e) = draw(x, y, c) {
                    return Ok(Err(e));
                }
            }
            pen += face()
                .glyph_hor_advance(gid)
                .map_or(self.size, |a| f64::from(a) * scale)
                * if self.weight == Weight::Bold {
                    1.07
                } else {
                    1.0
                };
        }
        Ok(Ok(()))
    }
}

/// Ascent and descent of the bundled font at `size`.
pub(crate) fn ascent_descent(size: f64) -> (f64, f64) {
    let upm = f64::from(face().units_per_em());
    (
        f64::from(face().ascender()) / upm * size,
        -f64::from(face().descender()) / upm * size,
    )
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
    /// 0–1), from 4 × 4 samples per pixel by the non-zero rule. `embolden`
    /// widens each sample's reach (pixels) for bold text.
    fn coverage(&self, origin: (f64, f64), scale: f64, embolden: f64) -> Vec<(i32, i32, f64)> {
        let edges: Vec<((f64, f64), (f64, f64))> = self
            .edges
            .iter()
            .map(|&(a, b)| {
                (
                    (origin.0 + a.0 * scale, origin.1 - a.1 * scale),
                    (origin.0 + b.0 * scale, origin.1 - b.1 * scale),
                )
            })
            .collect();
        let Some((x0, y0, x1, y1)) =
            edges
                .iter()
                .fold(None, |acc: Option<(f64, f64, f64, f64)>, e| {
                    let (a, b) = *e;
                    let (lx, ly, hx, hy) = acc.unwrap_or((a.0, a.1, a.0, a.1));
                    Some((
                        lx.min(a.0).min(b.0),
                        ly.min(a.1).min(b.1),
                        hx.max(a.0).max(b.0),
                        hy.max(a.1).max(b.1),
                    ))
                })
        else {
            return Vec::new();
        };
        let inside = |sx: f64, sy: f64| -> bool {
            let mut winding = 0;
            for &(a, b) in &edges {
                let (lo, hi, up) = if a.1 < b.1 { (a, b, 1) } else { (b, a, -1) };
                if sy >= lo.1 && sy < hi.1 {
                    let x = lo.0 + (sy - lo.1) / (hi.1 - lo.1) * (hi.0 - lo.0);
                    if x > sx {
                        winding += up;
                    }
                }
            }
            winding != 0
        };
        let mut out = Vec::new();
        let reach = [-embolden / 2.0, embolden / 2.0];
        for py in (y0.floor() as i32)..(y1.ceil() as i32) {
            for px in (x0.floor() as i32 - 1)..(x1.ceil() as i32 + 1) {
                let mut hits = 0;
                for sy in 0..4 {
                    for sx in 0..4 {
                        let x = f64::from(px) + (f64::from(sx) + 0.5) / 4.0;
                        let y = f64::from(py) + (f64::from(sy) + 0.5) / 4.0;
                        let hit = if embolden > 0.0 {
                            reach.iter().any(|d| inside(x + d, y))
                        } else {
                            inside(x, y)
                        };
                        hits += i32::from(hit);
                    }
                }
                if hits > 0 {
                    out.push((px, py, f64::from(hits) / 16.0));
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
        let gid = face().glyph_index('M').unwrap();
        face().outline_glyph(gid, &mut o);
        let scale = 20.0 / f64::from(face().units_per_em());
        let px = o.coverage((0.0, 20.0), scale, 0.0);
        assert!(px.len() > 50, "{}", px.len());
        assert!(
            px.iter()
                .all(|&(_, y, c)| (0..=20).contains(&y) && c > 0.0 && c <= 1.0)
        );
    }
}
