//! The SVG document and the Plotters drawing behind it.
//!
//! Plotters' backends take whole-pixel coordinates, so everything is drawn in a
//! coordinate space [`SCALE`] times the output size and the root `viewBox`
//! scales it back: long arcs stay smooth, with no one-pixel stair steps.
//!
//! Each group of shapes is drawn by Plotters' SVG backend into its own buffer
//! and wrapped in a `<g>` whose presentation attributes (dash pattern, line
//! caps, halo) the shapes inherit. Plotters has no notion of groups, titles or
//! dash patterns; the document structure around its output is ours.

use std::fmt::Write as _;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::style::Colour;
use super::text::{TextLine, escape, write_text};
use crate::error::{Error, Result};

/// Drawing units per output pixel.
pub const SCALE: f64 = 4.0;

/// A point in drawing units.
pub type Pt = (f64, f64);

/// The area Plotters draws on.
pub type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// An SVG document under construction.
pub struct Canvas {
    width_px: u32,
    height_px: u32,
    /// The drawing's size in design pixels (before [`SCALE`]); the output
    /// size scales it, so text and lines scale with the output.
    design: (f64, f64),
    body: String,
}

fn px(p: Pt) -> (i32, i32) {
    (p.0.round() as i32, p.1.round() as i32)
}

/// Convert Plotters' error into ours.
fn plot_err<E: std::fmt::Debug>(e: E) -> Error {
    Error::Render(format!("{e:?}"))
}

/// A stroke style in drawing units.
pub fn stroke(c: Colour, width: f64) -> ShapeStyle {
    ShapeStyle {
        color: RGBAColor(c.0, c.1, c.2, 1.0),
        filled: false,
        stroke_width: width.round().max(1.0) as u32,
    }
}

/// A fill style.
pub fn fill(c: Colour) -> ShapeStyle {
    ShapeStyle {
        color: RGBAColor(c.0, c.1, c.2, 1.0),
        filled: true,
        stroke_width: 0,
    }
}

/// Draw a polyline.
pub fn polyline(area: &Area<'_>, points: &[Pt], style: ShapeStyle) -> Result<()> {
    if points.len() < 2 {
        return Ok(());
    }
    let mut pts: Vec<(i32, i32)> = points.iter().map(|&p| px(p)).collect();
    pts.dedup();
    if pts.len() < 2 {
        return Ok(());
    }
    area.draw(&PathElement::new(pts, style)).map_err(plot_err)
}

/// Fill a polygon (one ring).
pub fn polygon(area: &Area<'_>, ring: &[Pt], style: ShapeStyle) -> Result<()> {
    let mut pts: Vec<(i32, i32)> = ring.iter().map(|&p| px(p)).collect();
    pts.dedup();
    if pts.len() < 3 {
        return Ok(());
    }
    area.draw(&Polygon::new(pts, style)).map_err(plot_err)
}

/// Draw a circle of `radius` drawing units.
pub fn circle(area: &Area<'_>, at: Pt, radius: f64, style: ShapeStyle) -> Result<()> {
    area.draw(&Circle::new(px(at), radius.round().max(1.0) as u32, style))
        .map_err(plot_err)
}

/// Draw a rectangle.
pub fn rect(area: &Area<'_>, a: Pt, b: Pt, style: ShapeStyle) -> Result<()> {
    area.draw(&Rectangle::new([px(a), px(b)], style))
        .map_err(plot_err)
}

impl Canvas {
    /// A new document of `width_px` × `height_px` output pixels, drawn on a
    /// `design` canvas (design px) scaled to fit.
    pub fn new(width_px: u32, height_px: u32, design: (f64, f64)) -> Self {
        Canvas {
            width_px,
            height_px,
            design,
            body: String::new(),
        }
    }

    /// The size in drawing units.
    pub fn size(&self) -> (u32, u32) {
        (
            (self.design.0 * SCALE).round() as u32,
            (self.design.1 * SCALE).round() as u32,
        )
    }

    /// Draw with Plotters inside a `<g>` carrying `attrs` (already escaped,
    /// e.g. `stroke-dasharray="4 2"`). Nothing is written if nothing was drawn.
    pub fn group(&mut self, attrs: &str, draw: impl FnOnce(&Area<'_>) -> Result<()>) -> Result<()> {
        let mut buf = String::new();
        {
            let backend = SVGBackend::with_string(&mut buf, self.size());
            let area = backend.into_drawing_area();
            draw(&area)?;
            area.present().map_err(plot_err)?;
        }
        // Strip Plotters' own <svg ...> opening line and closing tag.
        let inner = buf
            .split_once('\n')
            .map(|(_, rest)| rest)
            .unwrap_or("")
            .trim_end()
            .strip_suffix("</svg>")
            .unwrap_or("")
            .trim_end();
        if inner.is_empty() {
            return Ok(());
        }
        if attrs.is_empty() {
            let _ = writeln!(self.body, "<g>\n{inner}\n</g>");
        } else {
            let _ = writeln!(self.body, "<g {attrs}>\n{inner}\n</g>");
        }
        Ok(())
    }

    /// Like [`Canvas::group`], with a `<title>` (shown as a tooltip by browsers).
    pub fn group_titled(
        &mut self,
        attrs: &str,
        title: &str,
        draw: impl FnOnce(&Area<'_>) -> Result<()>,
    ) -> Result<()> {
        if title.is_empty() {
            return self.group(attrs, draw);
        }
        let before = self.body.len();
        self.group(attrs, draw)?;
        // Insert the title as the group's first child.
        if let Some(open_end) = self.body[before..].find(">\n") {
            let at = before + open_end + 2;
            self.body
                .insert_str(at, &format!("<title>{}</title>\n", escape(title)));
        }
        Ok(())
    }

    /// Write blocks of text (one `<text>` each) inside a `<g>` carrying `attrs`.
    pub fn text_blocks(&mut self, attrs: &str, blocks: &[(Vec<TextLine>, Colour)]) {
        if blocks.is_empty() {
            return;
        }
        let _ = writeln!(self.body, "<g {attrs}>");
        for (lines, colour) in blocks {
            super::text::write_block(&mut self.body, lines, &colour.hex());
        }
        self.body.push_str("</g>\n");
    }

    /// Write many polylines (or rings, if `closed`) sharing one style as a
    /// single `<path>`: integer coordinates, relative moves, so base-map
    /// layers stay compact. `attrs` carries the style (already escaped).
    pub fn merged_path(&mut self, lines: &[Vec<Pt>], closed: bool, attrs: &str) {
        let d = path_data(lines, closed);
        if !d.is_empty() {
            let _ = writeln!(self.body, "<path d=\"{d}\" {attrs}/>");
        }
    }

    /// Append raw SVG (already escaped) to the body.
    pub fn raw(&mut self, svg: &str) {
        self.body.push_str(svg);
    }

    /// The body, to append raw SVG to.
    pub fn body_mut(&mut self) -> &mut String {
        &mut self.body
    }

    /// Write text lines inside a `<g>` carrying `attrs`.
    pub fn text_group(&mut self, attrs: &str, lines: &[(TextLine, Colour)]) {
        if lines.is_empty() {
            return;
        }
        let _ = writeln!(self.body, "<g {attrs}>");
        for (line, colour) in lines {
            write_text(&mut self.body, line, &colour.hex());
        }
        self.body.push_str("</g>\n");
    }

    /// Finish the document: root element with size and viewBox, `<title>`,
    /// `<desc>`, font family list, then the body.
    pub fn finish(self, title: &str, desc: &str, font_family: &str) -> String {
        let (w, h) = self.size();
        let mut out = String::with_capacity(self.body.len() + 1024);
        let _ = writeln!(
            out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{}\" height=\"{}\" \
             viewBox=\"0 0 {w} {h}\" font-family=\"{}\" role=\"img\">",
            self.width_px,
            self.height_px,
            escape(font_family)
        );
        let _ = writeln!(out, "<title>{}</title>", escape(title));
        let _ = writeln!(out, "<desc>{}</desc>", escape(desc));
        out.push_str(&self.body);
        out.push_str("</svg>\n");
        out
    }
}

/// SVG path data for polylines (or rings, if `closed`): integer coordinates,
/// an absolute move per line, then relative lines; repeated points dropped.
pub(crate) fn path_data(lines: &[Vec<Pt>], closed: bool) -> String {
    let mut d = String::new();
    let mut pts: Vec<(i64, i64)> = Vec::new();
    for line in lines {
        pts.clear();
        pts.extend(
            line.iter()
                .map(|p| (p.0.round() as i64, p.1.round() as i64)),
        );
        pts.dedup();
        if pts.len() < if closed { 3 } else { 2 } {
            continue;
        }
        let _ = write!(d, "M{} {}", pts[0].0, pts[0].1);
        // One `l` per line: its coordinate pairs follow, separated by a
        // space or by the minus sign of a negative number.
        d.push('l');
        for (j, w) in pts.windows(2).enumerate() {
            let (dx, dy) = (w[1].0 - w[0].0, w[1].1 - w[0].1);
            if j > 0 && dx >= 0 {
                d.push(' ');
            }
            let _ = write!(d, "{dx}{}{dy}", if dy < 0 { "" } else { " " });
        }
        if closed {
            d.push('z');
        }
    }
    d
}
