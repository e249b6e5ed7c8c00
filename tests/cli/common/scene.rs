//! Reading a map's scene in tests: the legs with their tooltips and lines,
//! the labels with the boxes they cover, markers, the frame, texts. Tests
//! assert on the scene the renderer hands its writers, not on SVG text.

#![allow(dead_code)]

use std::path::Path;

use routemap::map::clip::Rect;
use routemap::render::scene::{Geometry, Group, Node, Pt, Scene, Text};
use routemap::render::text::TextLine;
use routemap::render::{self, RenderOptions};

/// The scene of `routes/<dataset>` drawn with `opts`.
pub fn scene(dataset: &str, opts: &RenderOptions) -> Scene {
    scene_of(&super::root().join("routes").join(dataset), opts)
}

/// The scene of the dataset in `dir` drawn with `opts`.
pub fn scene_of(dir: &Path, opts: &RenderOptions) -> Scene {
    let ds = routemap::load::dataset(dir).unwrap();
    let graph = routemap::graph::RouteGraph::new(&ds);
    let cmp = routemap::analyze::compare_with_graph(&ds, &graph);
    render::scene(&ds, &graph, &cmp, opts).unwrap()
}

/// A label: its text (lines joined by a space) and the box each line covers.
pub struct Label {
    pub text: String,
    pub lines: Vec<Rect>,
}

impl Label {
    /// The box the whole label covers.
    pub fn bbox(&self) -> Rect {
        self.lines
            .iter()
            .copied()
            .reduce(|a, b| a.union(&b))
            .unwrap()
    }
}

/// The boxes a text's lines cover, measured with the bundled font.
pub fn boxes(t: &Text) -> Vec<Rect> {
    t.lines
        .iter()
        .map(|l| {
            TextLine {
                text: l.text.clone(),
                x: l.x,
                y: l.y,
                size: t.size,
                weight: t.weight,
                anchor: t.anchor,
            }
            .bbox()
        })
        .collect()
}

/// Every text node under a group.
pub fn text_nodes(g: &Group) -> Vec<&Text> {
    g.walk()
        .into_iter()
        .filter_map(|n| match n {
            Node::Text(t) => Some(t),
            _ => None,
        })
        .collect()
}

/// The place names in the `labels` layer.
pub fn labels(scene: &Scene) -> Vec<Label> {
    scene
        .layer("labels")
        .map(text_nodes)
        .unwrap_or_default()
        .into_iter()
        .map(|t| Label {
            text: t
                .lines
                .iter()
                .map(|l| l.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            lines: boxes(t),
        })
        .collect()
}

/// Marker circles of radius at least `min_r` design px, as boxes.
pub fn markers(scene: &Scene, min_r: f64) -> Vec<Rect> {
    let Some(g) = scene.layer("markers") else {
        return Vec::new();
    };
    g.walk()
        .into_iter()
        .filter_map(|n| match n {
            Node::Shape(s) => match s.geometry {
                Geometry::Circle { centre, r } if r >= min_r => Some(Rect::new(
                    centre.0 - r,
                    centre.1 - r,
                    centre.0 + r,
                    centre.1 + r,
                )),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

/// The points of every path under a group.
pub fn runs(g: &Group) -> Vec<Vec<Pt>> {
    g.walk()
        .into_iter()
        .filter_map(|n| match n {
            Node::Shape(s) => match &s.geometry {
                Geometry::Path { runs, .. } => Some(runs.clone()),
                _ => None,
            },
            _ => None,
        })
        .flatten()
        .collect()
}

/// The map frame.
pub fn frame(scene: &Scene) -> Rect {
    let g = scene.layer("frame").expect("frame layer");
    Rect::bounding(runs(g).into_iter().flatten()).unwrap()
}

/// A drawn leg: its tooltip and its line, in pieces.
pub type DrawnLeg = (String, Vec<Vec<Pt>>);

/// The legs of the `routes` layer (groups with a tooltip): the tooltip and
/// the pieces of the leg's line (its first child group).
pub fn legs(scene: &Scene) -> Vec<DrawnLeg> {
    let Some(routes) = scene.layer("routes") else {
        return Vec::new();
    };
    routes
        .children
        .iter()
        .filter_map(|c| match c {
            Node::Group(g) if g.title.is_some() => {
                let line = g.children.iter().find_map(|c| match c {
                    Node::Group(l) => Some(runs(l)),
                    _ => None,
                });
                Some((g.title.clone().unwrap(), line.unwrap_or_default()))
            }
            _ => None,
        })
        .collect()
}

/// Every text in the scene joined by newlines, for `contains` checks.
pub fn all_text(scene: &Scene) -> String {
    scene.texts().join("\n")
}

/// Render options from command-line style arguments (`--projection lcc`,
/// `--center 0,100`, ...), parsed by the library's own value parsers: the
/// arguments these tests use.
pub fn options(args: &[&str]) -> RenderOptions {
    let mut o = RenderOptions::default();
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut value = || *it.next().expect("a value after the flag");
        match *flag {
            "--projection" => o.projection = value().parse().unwrap(),
            "--center" => {
                o.center = Some(routemap::map::projection::parse_center(value()).unwrap())
            }
            "--extent" => o.extent = Some(value().parse().unwrap()),
            "--size" => o.size = value().parse().unwrap(),
            "--theme" => o.theme = value().parse().unwrap(),
            "--network" => o.network = value().parse().unwrap(),
            "--label" => o.label = value().parse().unwrap(),
            "--inset" => o.inset = value().parse().unwrap(),
            "--labels" => o.labels = value().parse().unwrap(),
            "--overlay" => o
                .overlays
                .push(routemap::load::geojson::read_overlay(value().as_ref()).unwrap()),
            "--no-graticule" => o.graticule = false,
            "--north-arrow" => o.north_arrow = true,
            other => panic!("options: {other} is not handled here"),
        }
    }
    o
}
