//! The SVG writer: one pass over a [`Scene`], the only code that writes SVG.
//!
//! Definitions come first, then the layers as named groups. Path data is
//! compact (an absolute move per run, then relative lines, repeated points
//! dropped) on a fixed grid of 0.1 design units, so the same scene always
//! gives the same bytes. Every text goes through [`escape_xml`], which also
//! drops characters XML cannot hold: the document is well-formed whatever
//! the input held.

use std::fmt::Write as _;

use super::scene::{
    Def, FillRule, Geometry, Group, LineCap, LineJoin, Node, Paint, Pt, Scene, Shape, Style, Text,
};
use super::text::{Anchor, Weight};
use crate::text::escape_xml;

impl Scene {
    /// The scene as an SVG document: `width`/`height` in CSS px, a `viewBox`
    /// in design units, `<title>`, `<desc>`, `<defs>`, then the layers.
    ///
    /// ```
    /// use routemap::render::scene::{Geometry, Group, Scene, Style};
    /// use routemap::model::Colour;
    ///
    /// let mut layer = Group::named("dots");
    /// layer.shape(Geometry::Circle { centre: (10.0, 10.0), r: 2.5 }, Style::fill(Colour(0, 0, 0)));
    /// let scene = Scene {
    ///     size: Default::default(),
    ///     view: (1200.0, 800.0),
    ///     title: "A dot & more".into(),
    ///     description: String::new(),
    ///     font_family: "sans-serif".into(),
    ///     defs: vec![],
    ///     layers: vec![layer],
    /// };
    /// let svg = scene.to_svg();
    /// assert!(svg.contains("<title>A dot &amp; more</title>"));
    /// assert!(svg.contains("<g id=\"dots\" inkscape:groupmode=\"layer\" inkscape:label=\"dots\">\n<circle cx=\"10\" cy=\"10\" r=\"2.5\" fill=\"#000000\"/>"));
    /// ```
    pub fn to_svg(&self) -> String {
        let mut out = String::with_capacity(64 * 1024);
        let _ = writeln!(
            out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" \
             xmlns:inkscape=\"http://www.inkscape.org/namespaces/inkscape\" version=\"1.1\" \
             width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" font-family=\"{}\" role=\"img\">",
            self.size.width_px,
            self.size.height_px,
            num(self.view.0),
            num(self.view.1),
            escape_xml(&self.font_family)
        );
        let _ = writeln!(out, "<title>{}</title>", escape_xml(&self.title));
        let _ = writeln!(out, "<desc>{}</desc>", escape_xml(&self.description));
        if !self.defs.is_empty() {
            out.push_str("<defs>\n");
            for d in &self.defs {
                write_def(&mut out, d);
            }
            out.push_str("</defs>\n");
        }
        for layer in &self.layers {
            write_group(&mut out, layer, true);
        }
        out.push_str("</svg>\n");
        out
    }
}

fn write_def(out: &mut String, d: &Def) {
    match d {
        Def::Hatch {
            id,
            colour,
            tint,
            spacing,
            width,
            angle_deg,
        } => {
            let s = num(*spacing);
            // The line in the middle of its tile: at the tile's edge, the
            // tile would cut off half of it.
            let h = num(*spacing / 2.0);
            let _ = writeln!(
                out,
                "<pattern id=\"{}\" patternUnits=\"userSpaceOnUse\" width=\"{s}\" height=\"{s}\" \
                 patternTransform=\"rotate({})\"><rect width=\"{s}\" height=\"{s}\" fill=\"{}\" \
                 fill-opacity=\"{}\"/><line x1=\"{h}\" y1=\"0\" x2=\"{h}\" y2=\"{s}\" stroke=\"{}\" \
                 stroke-width=\"{}\"/></pattern>",
                escape_xml(id),
                num(*angle_deg),
                colour.hex(),
                num2(*tint),
                colour.hex(),
                num2(*width)
            );
        }
    }
}

/// A group; a layer (a top-level group) is also marked as an Inkscape layer
/// named by its id, so that a designer sees the same layers in Inkscape as
/// in Illustrator (which makes layers of the top-level `<g id>`).
fn write_group(out: &mut String, g: &Group, layer: bool) {
    out.push_str("<g");
    if let Some(id) = &g.id {
        let id = escape_xml(id);
        let _ = write!(out, " id=\"{id}\"");
        if layer {
            let _ = write!(out, " inkscape:groupmode=\"layer\" inkscape:label=\"{id}\"");
        }
    }
    write_style(out, &g.style);
    out.push_str(">\n");
    if let Some(t) = &g.title {
        let _ = writeln!(out, "<title>{}</title>", escape_xml(t));
    }
    for c in &g.children {
        match c {
            Node::Group(g) => write_group(out, g, false),
            Node::Shape(s) => write_shape(out, s),
            Node::Text(t) => write_text(out, t),
        }
    }
    out.push_str("</g>\n");
}

fn write_shape(out: &mut String, s: &Shape) {
    match &s.geometry {
        Geometry::Path { runs, closed } => {
            let d = path_data(runs, *closed);
            if d.is_empty() {
                return;
            }
            let _ = write!(out, "<path d=\"{d}\"");
        }
        Geometry::Circle { centre, r } => {
            let _ = write!(
                out,
                "<circle cx=\"{}\" cy=\"{}\" r=\"{}\"",
                num(centre.0),
                num(centre.1),
                num2(r.abs())
            );
        }
        Geometry::Rect { min, max } => {
            // Corners in any order: SVG refuses a negative width.
            let (x0, x1) = (min.0.min(max.0), min.0.max(max.0));
            let (y0, y1) = (min.1.min(max.1), min.1.max(max.1));
            let _ = write!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"",
                num(x0),
                num(y0),
                num(x1 - x0),
                num(y1 - y0)
            );
        }
    }
    write_style(out, &s.style);
    out.push_str("/>\n");
}

fn write_text(out: &mut String, t: &Text) {
    let Some(first) = t.lines.first() else {
        return;
    };
    out.push_str("<text");
    if t.lines.len() == 1 {
        let _ = write!(out, " x=\"{}\" y=\"{}\"", num(first.x), num(first.y));
    }
    let _ = write!(out, " font-size=\"{}\"", num(t.size));
    match t.anchor {
        Anchor::Start => {}
        Anchor::Middle => out.push_str(" text-anchor=\"middle\""),
        Anchor::End => out.push_str(" text-anchor=\"end\""),
    }
    if t.weight == Weight::Bold {
        out.push_str(" font-weight=\"bold\"");
    }
    if t.italic {
        out.push_str(" font-style=\"italic\"");
    }
    if t.letter_spacing != 0.0 {
        let _ = write!(out, " letter-spacing=\"{}\"", num2(t.letter_spacing));
    }
    if t.rotate_deg != 0.0 {
        let _ = write!(
            out,
            " transform=\"rotate({} {} {})\"",
            num(t.rotate_deg),
            num(first.x),
            num(first.y)
        );
    }
    write_style(out, &t.style);
    out.push('>');
    if t.lines.len() == 1 {
        out.push_str(&escape_xml(&first.text));
    } else {
        for l in &t.lines {
            let _ = write!(
                out,
                "<tspan x=\"{}\" y=\"{}\">{}</tspan>",
                num(l.x),
                num(l.y),
                escape_xml(&l.text)
            );
        }
    }
    out.push_str("</text>\n");
}

fn paint(p: &Paint) -> String {
    match p {
        Paint::None => "none".into(),
        Paint::Colour(c) => c.hex(),
        Paint::Pattern(id) => format!("url(#{})", escape_xml(id)),
    }
}

/// Presentation attributes, in a fixed order.
fn write_style(out: &mut String, s: &Style) {
    if let Some(f) = &s.fill {
        let _ = write!(out, " fill=\"{}\"", paint(f));
    }
    if let Some(o) = s.fill_opacity {
        let _ = write!(out, " fill-opacity=\"{}\"", num2(o));
    }
    match s.fill_rule {
        Some(FillRule::EvenOdd) => out.push_str(" fill-rule=\"evenodd\""),
        Some(FillRule::NonZero) => out.push_str(" fill-rule=\"nonzero\""),
        None => {}
    }
    if let Some(h) = &s.halo {
        // A halo is the text's own stroke, painted before its fill.
        let _ = write!(
            out,
            " stroke=\"{}\" stroke-width=\"{}\" stroke-linejoin=\"round\" paint-order=\"stroke\"",
            h.colour.hex(),
            num2(h.width)
        );
    } else if let Some(st) = &s.stroke {
        if let Some(p) = &st.paint {
            let _ = write!(out, " stroke=\"{}\"", paint(p));
        }
        if let Some(w) = st.width {
            let _ = write!(out, " stroke-width=\"{}\"", num2(w));
        }
        if let Some(o) = st.opacity {
            let _ = write!(out, " stroke-opacity=\"{}\"", num2(o));
        }
        match &st.dash {
            Some(d) if d.is_empty() => out.push_str(" stroke-dasharray=\"none\""),
            Some(d) => {
                let v: Vec<String> = d.iter().map(|x| num2(*x)).collect();
                let _ = write!(out, " stroke-dasharray=\"{}\"", v.join(" "));
            }
            None => {}
        }
        match st.cap {
            Some(LineCap::Round) => out.push_str(" stroke-linecap=\"round\""),
            Some(LineCap::Butt) => out.push_str(" stroke-linecap=\"butt\""),
            None => {}
        }
        match st.join {
            Some(LineJoin::Round) => out.push_str(" stroke-linejoin=\"round\""),
            Some(LineJoin::Miter) => out.push_str(" stroke-linejoin=\"miter\""),
            None => {}
        }
    }
    if let Some(o) = s.opacity {
        let _ = write!(out, " opacity=\"{}\"", num2(o));
    }
}

/// A number with at most one decimal, without a trailing ".0" or "-0".
pub(crate) fn num(v: f64) -> String {
    fixed(v, 10.0)
}

/// A number with at most two decimals (widths, opacities, dashes).
pub(crate) fn num2(v: f64) -> String {
    fixed(v, 100.0)
}

fn fixed(v: f64, per_unit: f64) -> String {
    // Nothing a drawing holds is beyond ±1e9 units; NaN is written as 0.
    let r = (v.clamp(-1e9, 1e9) * per_unit).round() as i64;
    let mut s = String::new();
    write_fixed(&mut s, r, per_unit as i64);
    s
}

/// Write `q / per_unit` with as few characters as it needs.
fn write_fixed(out: &mut String, q: i64, per_unit: i64) {
    if q < 0 {
        out.push('-');
    }
    let a = q.unsigned_abs();
    let unit = per_unit as u64;
    let (int, frac) = (a / unit, a % unit);
    // Digits by hand: path data holds millions of numbers, and `write!`
    // costs several times more.
    push_digits(out, int);
    if frac != 0 {
        out.push('.');
        let (tens, ones) = if unit == 100 {
            (frac / 10, frac % 10)
        } else {
            (frac, 0)
        };
        out.push(char::from(b'0' + tens as u8));
        if ones != 0 {
            out.push(char::from(b'0' + ones as u8));
        }
    }
}

/// `n` in decimal.
fn push_digits(out: &mut String, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(buf[i..].iter().map(|&b| char::from(b)));
}

/// Path data for runs (rings if `closed`): each run an absolute move, then
/// relative lines, on a grid of 0.1 design units; repeated points dropped,
/// runs left too short by that dropped.
pub(crate) fn path_data(runs: &[Vec<Pt>], closed: bool) -> String {
    let mut d = String::new();
    let mut pts: Vec<(i64, i64)> = Vec::new();
    // A point that is not finite, or beyond ±1e9 units, splits its run.
    let pieces = runs
        .iter()
        .flat_map(|r| r.split(|p| !(p.0.abs() <= 1e9 && p.1.abs() <= 1e9)));
    for run in pieces {
        pts.clear();
        pts.extend(
            run.iter()
                .map(|p| ((p.0 * 10.0).round() as i64, (p.1 * 10.0).round() as i64)),
        );
        pts.dedup();
        if pts.len() < if closed { 3 } else { 2 } {
            continue;
        }
        d.push('M');
        write_fixed(&mut d, pts[0].0, 10);
        d.push(' ');
        write_fixed(&mut d, pts[0].1, 10);
        // One `l` per run: its pairs follow, separated by a space or by the
        // minus sign of a negative number.
        d.push('l');
        for (j, w) in pts.windows(2).enumerate() {
            let (dx, dy) = (w[1].0 - w[0].0, w[1].1 - w[0].1);
            if j > 0 && dx >= 0 {
                d.push(' ');
            }
            write_fixed(&mut d, dx, 10);
            if dy >= 0 {
                d.push(' ');
            }
            write_fixed(&mut d, dy, 10);
        }
        if closed {
            d.push('z');
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Colour;
    use crate::render::scene::{Halo, Line, Stroke};

    fn scene(layers: Vec<Group>) -> Scene {
        Scene {
            size: Default::default(),
            view: (1200.0, 800.0),
            title: "t".into(),
            description: "d".into(),
            font_family: "'DejaVu Sans', sans-serif".into(),
            defs: Vec::new(),
            layers,
        }
    }

    mod numbers {
        use super::*;

        #[test]
        fn fixed_precision_without_trailing_zeros() {
            assert_eq!(num(12.0), "12");
            assert_eq!(num(12.345), "12.3");
            assert_eq!(num(-0.01), "0");
            assert_eq!(num(-1.25), "-1.3");
            assert_eq!(num2(0.3), "0.3");
            assert_eq!(num2(1.234), "1.23");
            assert_eq!(num2(2.0), "2");
        }

        /// The hand-written digits agree with Rust's formatting of the
        /// same number, trailing zeros of the fraction trimmed.
        #[test]
        fn fixed_point_digits_match_rusts_formatting() {
            for unit in [10i64, 100] {
                let places = if unit == 10 { 1 } else { 2 };
                let qs = (-25_000..25_000).chain([i64::from(i32::MAX), -1_000_000_000_000]);
                for q in qs {
                    let mut ours = String::new();
                    write_fixed(&mut ours, q, unit);
                    let mut want = format!("{:.places$}", q as f64 / unit as f64);
                    if want.contains('.') {
                        want = want.trim_end_matches('0').trim_end_matches('.').to_string();
                    }
                    if want == "-0" {
                        want = "0".into();
                    }
                    assert_eq!(ours, want, "{q} / {unit}");
                }
            }
        }

        #[test]
        fn path_data_is_relative_and_compact() {
            let d = path_data(
                &[vec![(1.0, 2.0), (3.5, 2.0), (3.5, 2.0), (2.0, -1.25)]],
                false,
            );
            assert_eq!(d, "M1 2l2.5 0-1.5-3.3");
            let ring = path_data(&[vec![(0.0, 0.0), (1.0, 0.0), (1.0, 1.0)]], true);
            assert_eq!(ring, "M0 0l1 0 0 1z");
            // Runs that collapse to a point draw nothing.
            assert_eq!(path_data(&[vec![(0.0, 0.0), (0.01, 0.0)]], false), "");
        }

        #[test]
        fn coordinates_no_backend_can_show_split_runs_and_never_panic() {
            // Regression (review): infinite coordinates overflowed the deltas.
            let inf = f64::INFINITY;
            let d = path_data(
                &[vec![(inf, 0.0), (-inf, 0.0), (1.0, 1.0), (2.0, 1.0)]],
                false,
            );
            assert_eq!(d, "M1 1l1 0");
            assert_eq!(num(f64::NAN), "0");
            assert_eq!(num(1e300), "1000000000");
        }
    }

    mod documents {
        use super::*;

        #[test]
        fn defs_come_first_and_groups_carry_id_title_and_style() {
            let mut g =
                Group::named("legs").with_style(Style::line(Colour(0, 114, 178), 2.6).round());
            g.title = Some("Moscow → Donetsk".into());
            g.plain(Geometry::line(vec![(0.0, 0.0), (10.0, 0.0)]));
            let mut s = scene(vec![g]);
            s.defs.push(Def::Hatch {
                id: "hatch-1".into(),
                colour: Colour(255, 0, 0),
                tint: 0.12,
                spacing: 7.0,
                width: 1.75,
                angle_deg: 45.0,
            });
            let svg = s.to_svg();
            let defs = svg.find("<defs>").unwrap();
            let layer = svg.find("<g id=\"legs\"").unwrap();
            assert!(defs < layer);
            assert!(svg.contains(
                "<g id=\"legs\" inkscape:groupmode=\"layer\" inkscape:label=\"legs\" fill=\"none\" stroke=\"#0072b2\" stroke-width=\"2.6\" \
                 stroke-linecap=\"round\" stroke-linejoin=\"round\">\n<title>Moscow → Donetsk</title>\n<path d=\"M0 0l10 0\"/>"
            ), "{svg}");
        }

        #[test]
        fn text_with_halo_and_several_lines() {
            let mut g = Group::named("labels");
            g.style.halo = Some(Halo {
                colour: Colour(255, 255, 255),
                width: 3.0,
            });
            g.text(Text {
                lines: vec![
                    Line {
                        text: "Andorra".into(),
                        x: 10.0,
                        y: 20.0,
                    },
                    Line {
                        text: "la Vella".into(),
                        x: 10.0,
                        y: 35.0,
                    },
                ],
                size: 13.0,
                weight: Weight::Bold,
                anchor: Anchor::Middle,
                rotate_deg: 0.0,
                italic: false,
                letter_spacing: 0.0,
                style: Style::fill(Colour(0x22, 0x22, 0x22)),
            });
            let svg = scene(vec![g]).to_svg();
            assert!(svg.contains("stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\""));
            assert!(svg.contains("<text font-size=\"13\" text-anchor=\"middle\" font-weight=\"bold\" fill=\"#222222\"><tspan x=\"10\" y=\"20\">Andorra</tspan><tspan x=\"10\" y=\"35\">la Vella</tspan></text>"), "{svg}");
        }

        #[test]
        fn text_xml_cannot_hold_never_reaches_the_document() {
            // Regression: U+FFFE in a place name made an SVG that was not
            // well-formed (and PNG, PDF and report failed without FILE:LINE).
            let mut g = Group::named("labels");
            g.text(Text {
                lines: vec![Line {
                    text: "Mos\u{fffe}cow <&> \u{1b}".into(),
                    x: 0.0,
                    y: 0.0,
                }],
                size: 12.0,
                weight: Weight::Normal,
                anchor: Anchor::Start,
                rotate_deg: 0.0,
                italic: false,
                letter_spacing: 0.0,
                style: Style::default(),
            });
            let mut s = scene(vec![g]);
            s.title = "\u{ffff}title".into();
            let svg = s.to_svg();
            assert!(svg.contains(">Moscow &lt;&amp;&gt; </text>"), "{svg}");
            assert!(
                !svg.contains('\u{fffe}') && !svg.contains('\u{ffff}') && !svg.contains('\u{1b}')
            );
        }

        #[test]
        fn dashes_and_opacity() {
            let mut g = Group::named("x");
            g.shape(
                Geometry::Rect {
                    min: (0.0, 0.0),
                    max: (4.0, 2.0),
                },
                Style {
                    stroke: Some(Stroke {
                        dash: Some(vec![0.03, 5.2]),
                        ..Stroke::default()
                    }),
                    opacity: Some(0.5),
                    ..Style::default()
                },
            );
            let svg = scene(vec![g]).to_svg();
            assert!(svg.contains("<rect x=\"0\" y=\"0\" width=\"4\" height=\"2\" stroke-dasharray=\"0.03 5.2\" opacity=\"0.5\"/>"), "{svg}");
        }
    }
}
