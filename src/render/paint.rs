//! Painting a [`Scene`] through Plotters' [`DrawingBackend`] trait, so the
//! same scene that becomes the SVG can go to any Plotters backend: a bitmap
//! (a quick raster, frames of an animation), Plotters' own SVG, an HTML
//! canvas.
//!
//! Backends take whole-pixel coordinates, so the painter works at the
//! backend's resolution: the scene's view is scaled to fit the backend and
//! centred. What a backend cannot do itself is done here: fills follow the
//! fill rule by scanlines (holes stay open), dash patterns are cut into
//! dashes (zero-length dashes with round caps become dots), hatch patterns
//! are clipped to their area, halos are drawn around text, and glyphs are
//! rasterised from the bundled font's outlines for backends that draw text
//! pixel by pixel. Line caps and joins are the backend's. Where a backend
//! cannot match the SVG: a translucent group's opacity is applied to each of
//! its children (the SVG composites the group as one; routemap's maps use
//! stroke and fill opacities, not group opacity), and text turned by other
//! than a right angle is drawn level.

use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, DrawingBackend, DrawingErrorKind, FontTransform,
};

use super::glyphs::{BASELINE_EM, Glyphs};
use super::raster::{dash, dist, hatch, outline, spans};
use super::scene::{
    Def, FillRule, Geometry, Group, LineCap, Node, Paint, Pt, Scene, Shape, Style, Text,
};
use crate::model::Colour;

/// A right-angle turn of a vector, y down.
type Turn = fn((f64, f64)) -> (f64, f64);

type PaintResult<B> = Result<(), DrawingErrorKind<<B as DrawingBackend>::ErrorType>>;

impl Scene {
    /// Paint the scene on a Plotters backend, scaled to fit it.
    ///
    /// ```
    /// use plotters::prelude::*;
    /// let ds = routemap::load::dataset("routes/donbas-workers".as_ref()).unwrap();
    /// let graph = routemap::graph::RouteGraph::new(&ds);
    /// let cmp = routemap::analyze::compare_with_graph(&ds, &graph);
    /// let scene = routemap::render::scene(&ds, &graph, &cmp, &Default::default()).unwrap();
    /// let mut svg = String::new();
    /// scene.paint(&mut SVGBackend::with_string(&mut svg, (600, 400))).unwrap();
    /// assert!(svg.contains("Vladivostok"));
    /// ```
    pub fn paint<B: DrawingBackend>(&self, backend: &mut B) -> PaintResult<B> {
        backend.ensure_prepared()?;
        let (bw, bh) = backend.get_size();
        let k = (f64::from(bw) / self.view.0).min(f64::from(bh) / self.view.1);
        let offset = (
            (f64::from(bw) - self.view.0 * k) / 2.0,
            (f64::from(bh) - self.view.1 * k) / 2.0,
        );
        let painter = Painter {
            k,
            offset,
            defs: &self.defs,
        };
        for layer in &self.layers {
            painter.group(backend, layer, &Style::default(), 1.0)?;
        }
        backend.present()
    }
}

struct Painter<'s> {
    /// Backend pixels per design unit.
    k: f64,
    /// Backend position of the view's origin.
    offset: (f64, f64),
    defs: &'s [Def],
}

/// A flat colour and width for the backend.
struct Ink {
    color: BackendColor,
    width: u32,
}

impl BackendStyle for Ink {
    fn color(&self) -> BackendColor {
        self.color
    }

    fn stroke_width(&self) -> u32 {
        self.width
    }
}

fn colour(c: Colour, alpha: f64) -> BackendColor {
    BackendColor {
        alpha: alpha.clamp(0.0, 1.0),
        rgb: (c.0, c.1, c.2),
    }
}

impl Painter<'_> {
    fn px(&self, p: Pt) -> (f64, f64) {
        (self.offset.0 + p.0 * self.k, self.offset.1 + p.1 * self.k)
    }

    fn coord(&self, p: Pt) -> BackendCoord {
        let (x, y) = self.px(p);
        (x.round() as i32, y.round() as i32)
    }

    fn group<B: DrawingBackend>(
        &self,
        b: &mut B,
        g: &Group,
        inherited: &Style,
        opacity: f64,
    ) -> PaintResult<B> {
        let style = g.style.over(inherited);
        let opacity = opacity * g.style.opacity.unwrap_or(1.0);
        for c in &g.children {
            match c {
                Node::Group(child) => self.group(b, child, &style, opacity)?,
                Node::Shape(s) => self.shape(b, s, &style, opacity)?,
                Node::Text(t) => self.text(b, t, &style, opacity)?,
            }
        }
        Ok(())
    }

    fn shape<B: DrawingBackend>(
        &self,
        b: &mut B,
        s: &Shape,
        inherited: &Style,
        opacity: f64,
    ) -> PaintResult<B> {
        let style = s.style.over(inherited);
        let opacity = opacity * s.style.opacity.unwrap_or(1.0);
        // SVG's defaults: filled black, not stroked.
        let fill = style.fill.clone().unwrap_or(Paint::Colour(Colour(0, 0, 0)));
        let fill_alpha = opacity * style.fill_opacity.unwrap_or(1.0);
        let rings = outline(&s.geometry);
        match &fill {
            Paint::None => {}
            Paint::Colour(c) => {
                let rule = style.fill_rule.unwrap_or(FillRule::NonZero);
                self.fill(b, &rings, rule, colour(*c, fill_alpha))?;
            }
            Paint::Pattern(id) => self.pattern(b, &rings, id, fill_alpha)?,
        }
        let Some(stroke) = &style.stroke else {
            return Ok(());
        };
        let Some(Paint::Colour(c)) = &stroke.paint else {
            return Ok(());
        };
        // A line thinner than a pixel is drawn one pixel wide and as much
        // fainter, as an anti-aliasing rasteriser would show it.
        let width_px = stroke.width.unwrap_or(1.0) * self.k;
        let thin = width_px.clamp(0.0, 1.0);
        let ink = Ink {
            color: colour(*c, opacity * stroke.opacity.unwrap_or(1.0) * thin),
            width: width_px.round().max(1.0) as u32,
        };
        let round = stroke.cap == Some(LineCap::Round);
        let closed = !matches!(s.geometry, Geometry::Path { closed: false, .. });
        for ring in &rings {
            let mut run = ring.clone();
            if closed && let Some(&first) = ring.first() {
                run.push(first);
            }
            let dashes = match &stroke.dash {
                Some(d) if !d.is_empty() => dash(&run, d),
                _ => vec![run],
            };
            for piece in dashes {
                self.stroke_piece(b, &piece, &ink, round)?;
            }
        }
        Ok(())
    }

    fn stroke_piece<B: DrawingBackend>(
        &self,
        b: &mut B,
        piece: &[Pt],
        ink: &Ink,
        round: bool,
    ) -> PaintResult<B> {
        let len: f64 = piece.windows(2).map(|w| dist(w[0], w[1])).sum::<f64>() * self.k;
        if round && len < f64::from(ink.width) {
            // A dash shorter than the line is wide: with round caps, a dot,
            // as wide as the line (a square of pixels when that is tiny).
            let c = self.coord(piece[piece.len() / 2]);
            if ink.width <= 2 {
                let w = ink.width as i32;
                return b.draw_rect(c, (c.0 + w - 1, c.1 + w - 1), ink, true);
            }
            return b.draw_circle(c, ink.width / 2, ink, true);
        }
        let pts: Vec<BackendCoord> = piece.iter().map(|&p| self.coord(p)).collect();
        b.draw_path(pts, ink)
    }

    /// Fill rings by the fill rule, one backend row at a time.
    fn fill<B: DrawingBackend>(
        &self,
        b: &mut B,
        rings: &[Vec<Pt>],
        rule: FillRule,
        color: BackendColor,
    ) -> PaintResult<B> {
        let rings: Vec<Vec<(f64, f64)>> = rings
            .iter()
            .map(|r| r.iter().map(|&p| self.px(p)).collect())
            .collect();
        let ink = Ink { color, width: 1 };
        for (y, x0, x1) in spans(&rings, rule, b.get_size().1) {
            b.draw_line((x0, y), (x1, y), &ink)?;
        }
        Ok(())
    }

    /// A hatch pattern: its tint, then its lines clipped to the rings.
    fn pattern<B: DrawingBackend>(
        &self,
        b: &mut B,
        rings: &[Vec<Pt>],
        id: &str,
        alpha: f64,
    ) -> PaintResult<B> {
        let Some(Def::Hatch {
            colour: c,
            tint,
            spacing,
            width,
            angle_deg,
            ..
        }) = self.defs.iter().find(|d| d.id() == id)
        else {
            return Ok(());
        };
        self.fill(b, rings, FillRule::NonZero, colour(*c, alpha * tint))?;
        let ink = Ink {
            color: colour(*c, alpha),
            width: (width * self.k).round().max(1.0) as u32,
        };
        for segment in hatch(rings, *spacing, *angle_deg) {
            b.draw_path(segment.iter().map(|&p| self.coord(p)), &ink)?;
        }
        Ok(())
    }

    fn text<B: DrawingBackend>(
        &self,
        b: &mut B,
        t: &Text,
        inherited: &Style,
        opacity: f64,
    ) -> PaintResult<B> {
        let style = t.style.over(inherited);
        let opacity = opacity * t.style.opacity.unwrap_or(1.0);
        let fill = match style.fill {
            Some(Paint::Colour(c)) => c,
            Some(_) => return Ok(()),
            None => Colour(0, 0, 0),
        };
        // Plotters turns text by right angles only; other angles are drawn
        // level (the SVG has them exactly).
        let (transform, turn): (FontTransform, Turn) =
            match t.rotate_deg.rem_euclid(360.0).round() as i32 {
                90 => (FontTransform::Rotate90, |(x, y)| (-y, x)),
                180 => (FontTransform::Rotate180, |(x, y)| (-x, -y)),
                270 => (FontTransform::Rotate270, |(x, y)| (y, -x)),
                _ => (FontTransform::None, |v| v),
            };
        let Some(first) = t.lines.first() else {
            return Ok(());
        };
        for line in &t.lines {
            let glyphs = Glyphs {
                size: t.size * self.k,
                weight: t.weight,
                anchor: t.anchor,
                transform: transform.clone(),
                color: colour(fill, opacity),
            };
            // The scene gives baselines, turned about the first line's;
            // Plotters anchors text BASELINE_EM above its baseline, in the
            // turned frame.
            let r = turn((line.x - first.x, line.y - first.y));
            let up = turn((0.0, -BASELINE_EM * t.size));
            let (x, y) = self.px((first.x + r.0 + up.0, first.y + r.1 + up.1));
            let at = (x.round() as i32, y.round() as i32);
            if let Some(h) = style.halo {
                let r = (h.width / 2.0 * self.k).round().max(1.0) as i32;
                let halo = Glyphs {
                    color: colour(h.colour, opacity),
                    ..glyphs.clone()
                };
                for (dx, dy) in [
                    (-r, 0),
                    (r, 0),
                    (0, -r),
                    (0, r),
                    (-r, -r),
                    (r, r),
                    (-r, r),
                    (r, -r),
                ] {
                    b.draw_text(&line.text, &halo, (at.0 + dx, at.1 + dy))?;
                }
            }
            b.draw_text(&line.text, &glyphs, at)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    /// The seed map painted on Plotters' bitmap backend looks like the same
    /// scene's SVG drawn by resvg: most pixels agree, sea and land included.
    /// Dark pixels on row `y` of an RGB buffer `w` wide.
    fn dark(rgb: &[u8], w: usize, y: usize) -> usize {
        rgb[y * w * 3..(y + 1) * w * 3]
            .chunks(3)
            .filter(|p| p[0] < 128)
            .count()
    }

    #[test]
    fn hatch_lines_are_as_wide_in_the_svg_as_painted() {
        // Regression (review): the SVG pattern's line sat on the tile's edge
        // and the tile cut off half of it.
        use crate::model::Colour;
        use crate::render::scene::{Def, Geometry, Group, Paint, Scene, Style};
        let mut g = Group::named("area");
        g.shape(
            Geometry::Rect {
                min: (100.0, 20.0),
                max: (300.0, 180.0),
            },
            Style {
                fill: Some(Paint::Pattern("h".into())),
                ..Style::default()
            },
        );
        let mut page = Group::named("page");
        page.shape(
            Geometry::Rect {
                min: (0.0, 0.0),
                max: (400.0, 200.0),
            },
            Style::fill(Colour(255, 255, 255)),
        );
        let scene = Scene {
            size: crate::render::page::Size::new(400, 200).unwrap(),
            view: (400.0, 200.0),
            title: String::new(),
            description: String::new(),
            font_family: String::new(),
            defs: vec![Def::Hatch {
                id: "h".into(),
                colour: Colour(0, 0, 0),
                tint: 0.0,
                spacing: 20.0,
                width: 8.0,
                angle_deg: 0.0,
            }],
            layers: vec![page, g],
        };
        let png = crate::export::image::png(&scene.to_svg(), 96.0).unwrap();
        let drawn = resvg::tiny_skia::Pixmap::decode_png(&png).unwrap();
        let rgb: Vec<u8> = drawn
            .pixels()
            .iter()
            .flat_map(|p| [p.red(), p.green(), p.blue()])
            .collect();
        let mut painted = vec![255u8; 400 * 200 * 3];
        {
            let mut b = plotters::prelude::BitMapBackend::with_buffer(&mut painted, (400, 200));
            scene.paint(&mut b).unwrap();
        }
        // Ten lines 8 px wide across the 200 px of the area.
        let (svg_dark, painted_dark) = (dark(&rgb, 400, 100), dark(&painted, 400, 100));
        assert!((72..=88).contains(&svg_dark), "{svg_dark}");
        assert!((72..=98).contains(&painted_dark), "{painted_dark}");
    }

    #[test]
    fn text_on_plotters_svg_backend_keeps_its_size_and_baseline() {
        use crate::render::scene::{Group, Line, Scene, Style, Text};
        use crate::render::text::{Anchor, Weight};
        let mut g = Group::named("t");
        g.text(Text {
            lines: vec![Line {
                text: "Moscow".into(),
                x: 100.0,
                y: 100.0,
            }],
            size: 20.0,
            weight: Weight::Normal,
            anchor: Anchor::Start,
            rotate_deg: 0.0,
            italic: false,
            letter_spacing: 0.0,
            style: Style::default(),
        });
        let scene = Scene {
            size: crate::render::page::Size::default(),
            view: (200.0, 200.0),
            title: String::new(),
            description: String::new(),
            font_family: String::new(),
            defs: Vec::new(),
            layers: vec![g],
        };
        let mut svg = String::new();
        scene
            .paint(&mut plotters::prelude::SVGBackend::with_string(
                &mut svg,
                (200, 200),
            ))
            .unwrap();
        // Plotters writes size / 1.24 and puts the baseline 0.76 em below y.
        assert!(svg.contains("font-size=\"20\""), "{svg}");
        assert!(svg.contains("y=\"85\" dy=\"0.76em\""), "{svg}");
    }

    #[test]
    fn a_bitmap_painting_matches_the_svg_drawn_by_resvg() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/routes/donbas-workers");
        let ds = crate::load::dataset(dir.as_ref()).unwrap();
        let g = crate::graph::RouteGraph::new(&ds);
        let cmp = crate::analyze::compare_with_graph(&ds, &g);
        let scene = super::super::scene(&ds, &g, &cmp, &Default::default()).unwrap();
        let (w, h) = (600u32, 400u32);
        let mut painted = vec![0u8; (w * h * 3) as usize];
        {
            let mut bitmap = plotters::prelude::BitMapBackend::with_buffer(&mut painted, (w, h));
            scene.paint(&mut bitmap).unwrap();
        }
        // resvg at 48 dpi: 600 x 400 px.
        let png = crate::export::image::png(&scene.to_svg(), 48.0).unwrap();
        let reference = resvg::tiny_skia::Pixmap::decode_png(&png).unwrap();
        assert_eq!((reference.width(), reference.height()), (w, h));
        // Compare 4 x 4 blocks: edges are anti-aliased by resvg and not by
        // the bitmap backend, so single pixels differ along every line; the
        // picture, block by block, must not.
        let (bw, bh) = (w / 4, h / 4);
        let mut differ = 0u32;
        for by in 0..bh {
            for bx in 0..bw {
                let (mut a, mut b) = ([0u32; 3], [0u32; 3]);
                for y in by * 4..by * 4 + 4 {
                    for x in bx * 4..bx * 4 + 4 {
                        let i = (y * w + x) as usize;
                        let p = reference.pixels()[i];
                        for (k, v) in [p.red(), p.green(), p.blue()].into_iter().enumerate() {
                            a[k] += u32::from(v);
                            b[k] += u32::from(painted[i * 3 + k]);
                        }
                    }
                }
                if (0..3).any(|k| a[k].abs_diff(b[k]) / 16 > 40) {
                    differ += 1;
                }
            }
        }
        let share = f64::from(differ) / f64::from(bw * bh);
        assert!(share < 0.02, "{:.2}% of blocks differ", share * 100.0);
        // Inside areas of sea and of land (a pixel and its neighbours all of
        // that colour in the reference), the painting has exactly that colour.
        let theme = super::super::style::ThemeName::Light.theme();
        for c in [theme.sea, theme.land] {
            let is = |x: u32, y: u32| {
                let p = reference.pixels()[(y * w + x) as usize];
                (p.red(), p.green(), p.blue()) == (c.0, c.1, c.2)
            };
            let (mut inside, mut same) = (0, 0);
            for y in 1..h - 1 {
                for x in 1..w - 1 {
                    if (y - 1..=y + 1).all(|yy| (x - 1..=x + 1).all(|xx| is(xx, yy))) {
                        inside += 1;
                        let i = ((y * w + x) * 3) as usize;
                        same += usize::from(painted[i..i + 3] == [c.0, c.1, c.2]);
                    }
                }
            }
            assert!(inside > 5_000, "{inside} pixels of {c:?}");
            assert!(
                same * 1000 >= inside * 995,
                "{same} of {inside} pixels of {c:?}"
            );
        }
    }
}
