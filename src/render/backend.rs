//! A Plotters backend that records what Plotters draws as scene nodes, so
//! charts built with Plotters' `ChartBuilder` become scenes like the map:
//! one SVG writer, one painter, no other crate's output text to edit.
//!
//! Text is measured with the bundled font's metrics, so Plotters lays out
//! axes and labels with the widths the SVG and PNG will have.

use std::cell::RefCell;
use std::convert::Infallible;
use std::rc::Rc;

use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontStyle, FontTransform,
};

use super::scene::{Geometry, Line, Node, Paint, Shape, Stroke, Style, Text};
use super::text::{Anchor, CAP_HEIGHT, DESCENT, Weight, width};
use crate::model::Colour;

/// Where a [`SceneBackend`] puts what it records.
pub type Sink = Rc<RefCell<Vec<Node>>>;

/// A Plotters backend of `size` pixels (one pixel = one design unit) that
/// appends every shape and text it is asked to draw to a shared [`Sink`].
pub struct SceneBackend {
    size: (u32, u32),
    sink: Sink,
}

impl SceneBackend {
    /// A backend and the sink it records into.
    pub fn new(size: (u32, u32)) -> (SceneBackend, Sink) {
        let sink: Sink = Rc::default();
        (
            SceneBackend {
                size,
                sink: sink.clone(),
            },
            sink,
        )
    }

    fn push(&self, geometry: Geometry, style: Style) {
        self.sink
            .borrow_mut()
            .push(Node::Shape(Shape { geometry, style }));
    }
}

fn pt(c: BackendCoord) -> (f64, f64) {
    (f64::from(c.0), f64::from(c.1))
}

/// The colour and, if translucent, its opacity.
fn ink(c: BackendColor) -> (Colour, Option<f64>) {
    let (r, g, b) = c.rgb;
    (Colour(r, g, b), (c.alpha < 1.0).then_some(c.alpha))
}

fn fill_style(c: BackendColor) -> Style {
    let (colour, opacity) = ink(c);
    Style {
        fill: Some(Paint::Colour(colour)),
        fill_opacity: opacity,
        ..Style::default()
    }
}

fn stroke_style<S: BackendStyle>(s: &S) -> Style {
    let (colour, opacity) = ink(s.color());
    Style {
        fill: Some(Paint::None),
        stroke: Some(Stroke {
            paint: Some(Paint::Colour(colour)),
            width: Some(f64::from(s.stroke_width().max(1))),
            opacity,
            ..Stroke::default()
        }),
        ..Style::default()
    }
}

impl DrawingBackend for SceneBackend {
    type ErrorType = Infallible;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Infallible>> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Infallible>> {
        Ok(())
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        let (x, y) = pt(point);
        self.push(
            Geometry::Rect {
                min: (x, y),
                max: (x + 1.0, y + 1.0),
            },
            fill_style(color),
        );
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        self.push(Geometry::line(vec![pt(from), pt(to)]), stroke_style(style));
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        let (min, max) = (pt(upper_left), pt(bottom_right));
        let style = if fill {
            fill_style(style.color())
        } else {
            stroke_style(style)
        };
        self.push(Geometry::Rect { min, max }, style);
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        let points: Vec<(f64, f64)> = path.into_iter().map(pt).collect();
        self.push(Geometry::line(points), stroke_style(style).round());
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        let style = if fill {
            fill_style(style.color())
        } else {
            stroke_style(style)
        };
        let geometry = Geometry::Circle {
            centre: pt(center),
            r: f64::from(radius),
        };
        self.push(geometry, style);
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        let points: Vec<(f64, f64)> = vert.into_iter().map(pt).collect();
        self.push(Geometry::ring(points), fill_style(style.color()));
        Ok(())
    }

    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        let size = style.size();
        let anchor = match style.anchor().h_pos {
            HPos::Left => Anchor::Start,
            HPos::Center => Anchor::Middle,
            HPos::Right => Anchor::End,
        };
        // Plotters places text by the top, centre or bottom of its box; the
        // scene by its baseline (the box runs from cap height to descender),
        // down the text's own frame when it is turned.
        let (x, y) = pt(pos);
        let shift = match style.anchor().v_pos {
            VPos::Top => CAP_HEIGHT * size,
            VPos::Center => (CAP_HEIGHT - DESCENT) / 2.0 * size,
            VPos::Bottom => -DESCENT * size,
        };
        let (rotate_deg, down) = match style.transform() {
            FontTransform::Rotate90 => (90.0, (-shift, 0.0)),
            FontTransform::Rotate180 => (180.0, (0.0, -shift)),
            FontTransform::Rotate270 => (270.0, (shift, 0.0)),
            FontTransform::None => (0.0, (0.0, shift)),
        };
        let (colour, opacity) = ink(style.color());
        self.sink.borrow_mut().push(Node::Text(Text {
            lines: vec![Line {
                text: text.to_string(),
                x: x + down.0,
                y: y + down.1,
            }],
            size,
            weight: match style.style() {
                FontStyle::Bold => Weight::Bold,
                _ => Weight::Normal,
            },
            anchor,
            rotate_deg,
            italic: false,
            letter_spacing: 0.0,
            style: Style {
                fill: Some(Paint::Colour(colour)),
                opacity,
                ..Style::default()
            },
        }));
        Ok(())
    }

    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> Result<(u32, u32), DrawingErrorKind<Infallible>> {
        let weight = match style.style() {
            FontStyle::Bold => Weight::Bold,
            _ => Weight::Normal,
        };
        let size = style.size();
        Ok((
            width(text, size, weight).ceil() as u32,
            ((CAP_HEIGHT + DESCENT) * size).ceil() as u32,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters::element::Text as Words;
    use plotters::prelude::{
        BLACK, Color, IntoDrawingArea, IntoFont, PathElement, RGBColor, Rectangle, TextStyle,
    };

    #[test]
    fn plotters_elements_become_scene_nodes() {
        let (backend, sink) = SceneBackend::new((200, 100));
        let area = backend.into_drawing_area();
        area.draw(&Rectangle::new(
            [(10, 10), (50, 30)],
            RGBColor(0, 114, 178).filled(),
        ))
        .unwrap();
        area.draw(&PathElement::new(
            vec![(0, 0), (100, 50)],
            Color::stroke_width(&BLACK, 2),
        ))
        .unwrap();
        area.draw(&Words::new("Moscow", (5, 90), ("sans-serif", 12)))
            .unwrap();
        let nodes = sink.borrow();
        assert!(matches!(
            &nodes[0],
            Node::Shape(Shape { geometry: Geometry::Rect { min, max }, .. })
                if *min == (10.0, 10.0) && *max == (50.0, 30.0)
        ));
        let texts: Vec<&str> = nodes
            .iter()
            .filter_map(|n| match n {
                Node::Text(t) => Some(t.lines[0].text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(texts, ["Moscow"]);
    }

    #[test]
    fn text_anchored_at_its_top_gets_its_baseline_below_in_its_own_frame() {
        let (backend, sink) = SceneBackend::new((200, 200));
        let area = backend.into_drawing_area();
        let style = TextStyle::from(("sans-serif", 20).into_font());
        let turned = TextStyle::from(("sans-serif", 20).into_font())
            .transform(plotters::style::FontTransform::Rotate90);
        area.draw(&Words::new("level", (50, 50), style)).unwrap();
        area.draw(&Words::new("turned", (150, 50), turned)).unwrap();
        let texts: Vec<Text> = sink
            .borrow()
            .iter()
            .filter_map(|n| match n {
                Node::Text(t) => Some(t.clone()),
                _ => None,
            })
            .collect();
        let (a, b) = (&texts[0].lines[0], &texts[1].lines[0]);
        assert_eq!((a.x, a.y), (50.0, 50.0 + CAP_HEIGHT * 20.0));
        // Turned 90°, "down" is to the left.
        assert_eq!((b.x, b.y), (150.0 - CAP_HEIGHT * 20.0, 50.0));
        assert_eq!(texts[1].rotate_deg, 90.0);
    }

    #[test]
    fn text_is_measured_with_the_bundled_font() {
        let (backend, _) = SceneBackend::new((200, 100));
        let style = TextStyle::from(("sans-serif", 12).into_font());
        let (w, _) = backend.estimate_text_size("Vladivostok", &style).unwrap();
        assert_eq!(w, width("Vladivostok", 12.0, Weight::Normal).ceil() as u32);
    }
}
