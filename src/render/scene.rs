//! The scene: a typed, fully laid-out drawing, the single value between
//! layout and every output. Layers are named groups; groups carry an id, a
//! tooltip title and a style their children inherit; items are paths,
//! circles, rectangles and text, in design units (see [`Scene::view`]).
//!
//! Writers read nothing else: [`Scene::to_svg`] writes the SVG document
//! (PNG and PDF are made from it), [`Scene::paint`] draws it on any Plotters
//! backend. Tests assert on the scene instead of parsing SVG text.
//!
//! Coordinates are **x to the right, y down**, in design units; the scene's
//! [`Scene::size`] is the output size in CSS px, which the view is scaled to.

use super::page::Size;
use super::text::{Anchor, Weight};
use crate::model::Colour;

/// A point in design units, y down.
pub type Pt = (f64, f64);

/// A whole drawing.
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    /// Output size in CSS px.
    pub size: Size,
    /// Width and height of the drawing in design units (the SVG `viewBox`).
    pub view: (f64, f64),
    /// The document's title (`<title>`).
    pub title: String,
    /// A text alternative for the whole drawing (`<desc>`).
    pub description: String,
    /// Font families text is drawn with, first choice first (CSS syntax).
    pub font_family: String,
    /// Paint definitions items refer to by id, e.g. hatch patterns.
    pub defs: Vec<Def>,
    /// Top-level groups, bottom first.
    pub layers: Vec<Group>,
}

/// A paint definition.
#[derive(Debug, Clone, PartialEq)]
pub enum Def {
    /// Parallel lines over a light tint of their colour.
    Hatch {
        /// The id a [`Paint::Pattern`] refers to.
        id: String,
        /// Colour of the lines and the tint.
        colour: Colour,
        /// Opacity of the tint under the lines (0–1).
        tint: f64,
        /// Distance between line centres, design units.
        spacing: f64,
        /// Width of each line, design units.
        width: f64,
        /// Angle of the lines, degrees clockwise from vertical.
        angle_deg: f64,
    },
}

impl Def {
    /// The definition's id.
    pub fn id(&self) -> &str {
        match self {
            Def::Hatch { id, .. } => id,
        }
    }
}

/// A group of nodes sharing a style (inherited by its children, as SVG
/// presentation attributes are), with an optional id and tooltip.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Group {
    /// A name for editors and tests (`<g id>`); unique within the scene.
    pub id: Option<String>,
    /// A tooltip (`<title>`).
    pub title: Option<String>,
    /// Style inherited by the children.
    pub style: Style,
    /// Children, bottom first.
    pub children: Vec<Node>,
}

/// A child of a group.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A nested group.
    Group(Group),
    /// A geometric shape.
    Shape(Shape),
    /// Text.
    Text(Text),
}

/// A shape and its own style (over the inherited one).
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    /// What to draw.
    pub geometry: Geometry,
    /// Its style; unset fields inherit.
    pub style: Style,
}

/// The geometry of a shape, in design units.
#[derive(Debug, Clone, PartialEq)]
pub enum Geometry {
    /// Polylines, or rings when `closed`, drawn as one path: rings filled
    /// together follow the fill rule.
    Path {
        /// Runs of points; runs of fewer than two points (three if closed)
        /// draw nothing.
        runs: Vec<Vec<Pt>>,
        /// Whether each run is a closed ring.
        closed: bool,
    },
    /// A circle.
    Circle {
        /// Centre.
        centre: Pt,
        /// Radius.
        r: f64,
    },
    /// An axis-aligned rectangle from `min` to `max`.
    Rect {
        /// Top-left corner.
        min: Pt,
        /// Bottom-right corner.
        max: Pt,
    },
}

/// Text: one line, or several drawn as one block (a wrapped name stays one
/// piece of text for screen readers and editors).
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    /// The lines, each with its own baseline position.
    pub lines: Vec<Line>,
    /// Font size in design units.
    pub size: f64,
    /// Weight.
    pub weight: Weight,
    /// How each line sits on its `x`.
    pub anchor: Anchor,
    /// Rotation in degrees clockwise about the first line's anchor point.
    pub rotate_deg: f64,
    /// Italic (base-map water names). The SVG asks for an italic face;
    /// PNG and PDF draw it with the oblique face bundled for it, and
    /// [`Scene::paint`] upright.
    pub italic: bool,
    /// Extra space after each character, design units (spaced capitals
    /// of country names); [`Scene::paint`] draws the text unspaced.
    pub letter_spacing: f64,
    /// Fill colour, halo and opacity; unset fields inherit.
    pub style: Style,
}

/// One line of a [`Text`]: its words and where its baseline starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The text, unescaped.
    pub text: String,
    /// Anchor x.
    pub x: f64,
    /// Baseline y.
    pub y: f64,
}

/// How a shape or text is painted. Every field is optional: an unset field
/// inherits from the enclosing groups (and in the end takes the SVG
/// default: black fill, no stroke).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Style {
    /// Fill paint.
    pub fill: Option<Paint>,
    /// Fill opacity, 0–1.
    pub fill_opacity: Option<f64>,
    /// How overlapping rings fill.
    pub fill_rule: Option<FillRule>,
    /// Stroke.
    pub stroke: Option<Stroke>,
    /// Opacity of the whole item or group, 0–1.
    pub opacity: Option<f64>,
    /// An outline drawn under text so it reads over lines and land. For
    /// text, and groups holding only text: the SVG writes it as the text's
    /// stroke (painted first), which shapes in the same group would inherit.
    pub halo: Option<Halo>,
}

/// A paint.
#[derive(Debug, Clone, PartialEq)]
pub enum Paint {
    /// Nothing (`none`).
    None,
    /// A flat colour.
    Colour(Colour),
    /// A [`Def`] by its id.
    Pattern(String),
}

/// How rings of one path fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FillRule {
    /// Non-zero winding (SVG's default).
    NonZero,
    /// Even-odd: holes and islands in holes alternate.
    EvenOdd,
}

/// A line's paint. Unset fields inherit.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Stroke {
    /// Paint; unset (`Option::None`) inherits, `Paint::None` paints nothing.
    pub paint: Option<Paint>,
    /// Width in design units.
    pub width: Option<f64>,
    /// Opacity, 0–1.
    pub opacity: Option<f64>,
    /// Dash pattern, design units: on, off, on, off... `Some(vec![])` is solid.
    pub dash: Option<Vec<f64>>,
    /// Line ends.
    pub cap: Option<LineCap>,
    /// Line corners.
    pub join: Option<LineJoin>,
}

/// Line ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineCap {
    /// Square ends at the end points.
    Butt,
    /// Half-disc ends.
    Round,
}

/// Line corners.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineJoin {
    /// Sharp corners.
    Miter,
    /// Round corners.
    Round,
}

/// A halo: the text's outline in `colour`, `width` wide, drawn under it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Halo {
    /// Colour (the page or map background).
    pub colour: Colour,
    /// Width in design units.
    pub width: f64,
}

impl Style {
    /// A flat fill.
    pub fn fill(c: Colour) -> Style {
        Style {
            fill: Some(Paint::Colour(c)),
            ..Style::default()
        }
    }

    /// A line of colour `c`, `width` wide, not filled.
    pub fn line(c: Colour, width: f64) -> Style {
        Style {
            fill: Some(Paint::None),
            stroke: Some(Stroke {
                paint: Some(Paint::Colour(c)),
                width: Some(width),
                ..Stroke::default()
            }),
            ..Style::default()
        }
    }

    /// This style with a round line cap and join.
    pub fn round(mut self) -> Style {
        let s = self.stroke.get_or_insert_with(Stroke::default);
        s.cap = Some(LineCap::Round);
        s.join = Some(LineJoin::Round);
        self
    }

    /// This style over `parent`: fields set here win, unset ones inherit
    /// (the stroke field by field).
    pub fn over(&self, parent: &Style) -> Style {
        let stroke = match (&self.stroke, &parent.stroke) {
            (Some(s), Some(p)) => Some(Stroke {
                paint: s.paint.clone().or_else(|| p.paint.clone()),
                width: s.width.or(p.width),
                opacity: s.opacity.or(p.opacity),
                dash: s.dash.clone().or_else(|| p.dash.clone()),
                cap: s.cap.or(p.cap),
                join: s.join.or(p.join),
            }),
            (s, p) => s.clone().or_else(|| p.clone()),
        };
        Style {
            fill: self.fill.clone().or_else(|| parent.fill.clone()),
            fill_opacity: self.fill_opacity.or(parent.fill_opacity),
            fill_rule: self.fill_rule.or(parent.fill_rule),
            stroke,
            // Opacity does not inherit: a group's opacity applies to the
            // group as a whole (painters multiply it down the tree).
            opacity: self.opacity,
            halo: self.halo.or(parent.halo),
        }
    }
}

impl Group {
    /// An empty group with an id.
    pub fn named(id: &str) -> Group {
        Group {
            id: Some(id.to_string()),
            ..Group::default()
        }
    }

    /// This group with a style.
    pub fn with_style(mut self, style: Style) -> Group {
        self.style = style;
        self
    }

    /// Add a shape with its own style.
    pub fn shape(&mut self, geometry: Geometry, style: Style) {
        self.children.push(Node::Shape(Shape { geometry, style }));
    }

    /// Add a shape that takes the group's style.
    pub fn plain(&mut self, geometry: Geometry) {
        self.shape(geometry, Style::default());
    }

    /// Add a child group; an empty one is left out.
    pub fn group(&mut self, g: Group) {
        if !g.children.is_empty() {
            self.children.push(Node::Group(g));
        }
    }

    /// Add text.
    pub fn text(&mut self, t: Text) {
        if !t.lines.is_empty() {
            self.children.push(Node::Text(t));
        }
    }

    /// The nodes under this group, depth first.
    pub fn walk(&self) -> Vec<&Node> {
        let mut out = Vec::new();
        for c in &self.children {
            out.push(c);
            if let Node::Group(g) = c {
                out.extend(g.walk());
            }
        }
        out
    }
}

impl Text {
    /// Text from laid-out lines (which share size, weight and anchor; the
    /// first line's are used) filled with `fill`.
    pub fn from_lines(lines: &[super::text::TextLine], fill: Colour) -> Text {
        let first = lines.first();
        Text {
            lines: lines
                .iter()
                .map(|l| Line {
                    text: l.text.clone(),
                    x: l.x,
                    y: l.y,
                })
                .collect(),
            size: first.map_or(12.0, |l| l.size),
            weight: first.map_or(Weight::Normal, |l| l.weight),
            anchor: first.map_or(Anchor::Start, |l| l.anchor),
            rotate_deg: 0.0,
            italic: false,
            letter_spacing: 0.0,
            style: Style::fill(fill),
        }
    }
}

impl Geometry {
    /// One polyline.
    pub fn line(points: Vec<Pt>) -> Geometry {
        Geometry::Path {
            runs: vec![points],
            closed: false,
        }
    }

    /// One closed ring.
    pub fn ring(points: Vec<Pt>) -> Geometry {
        Geometry::Path {
            runs: vec![points],
            closed: true,
        }
    }
}

impl Scene {
    /// The top-level group with this id.
    pub fn layer(&self, id: &str) -> Option<&Group> {
        self.layers.iter().find(|g| g.id.as_deref() == Some(id))
    }

    /// The group with this id anywhere in the scene.
    pub fn group(&self, id: &str) -> Option<&Group> {
        fn find<'a>(g: &'a Group, id: &str) -> Option<&'a Group> {
            if g.id.as_deref() == Some(id) {
                return Some(g);
            }
            g.children.iter().find_map(|c| match c {
                Node::Group(c) => find(c, id),
                _ => None,
            })
        }
        self.layers.iter().find_map(|g| find(g, id))
    }

    /// Every text line in the scene, in drawing order.
    pub fn texts(&self) -> Vec<&str> {
        self.layers
            .iter()
            .flat_map(|g| g.walk())
            .filter_map(|n| match n {
                Node::Text(t) => Some(t.lines.iter().map(|l| l.text.as_str())),
                _ => None,
            })
            .flatten()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_inherit_field_by_field() {
        let parent = Style {
            stroke: Some(Stroke {
                paint: Some(Paint::Colour(Colour(1, 2, 3))),
                width: Some(2.0),
                dash: Some(vec![1.0, 2.0]),
                ..Stroke::default()
            }),
            fill: Some(Paint::None),
            opacity: Some(0.5),
            ..Style::default()
        };
        let child = Style {
            stroke: Some(Stroke {
                width: Some(4.0),
                ..Stroke::default()
            }),
            ..Style::default()
        };
        let s = child.over(&parent);
        let stroke = s.stroke.unwrap();
        assert_eq!(stroke.width, Some(4.0));
        assert_eq!(stroke.paint, Some(Paint::Colour(Colour(1, 2, 3))));
        assert_eq!(stroke.dash, Some(vec![1.0, 2.0]));
        assert_eq!(s.fill, Some(Paint::None));
        assert_eq!(
            s.opacity, None,
            "opacity applies to the group, not inherited"
        );
    }

    #[test]
    fn empty_groups_are_not_kept_and_ids_are_found() {
        let mut root = Group::named("root");
        root.group(Group::named("empty"));
        let mut inner = Group::named("inner");
        inner.plain(Geometry::Circle {
            centre: (1.0, 1.0),
            r: 1.0,
        });
        root.group(inner);
        let scene = Scene {
            size: Size::default(),
            view: (10.0, 10.0),
            title: String::new(),
            description: String::new(),
            font_family: String::new(),
            defs: Vec::new(),
            layers: vec![root],
        };
        assert!(scene.group("empty").is_none());
        assert!(scene.group("inner").is_some());
        assert_eq!(scene.layer("root").unwrap().walk().len(), 2);
    }
}
