//! GeoJSON overlays drawn over the base map: areas tinted or hatched, lines,
//! and points, each named feature with a legend entry.

use super::basemap::View;
use super::legend::{LegendEntry, OVERLAY_TINT, Swatch};
use super::scene::{Def, FillRule, Geometry, Group, Paint, Pt, Style};
use super::style::{Colour, Theme};
use crate::model::{LonLat, Overlay, OverlayFeature, OverlayGeometry};

/// Default area colour when a feature gives none.
const DEFAULT_FILL: Colour = Colour(0x99, 0x99, 0x99);

fn colour(c: Option<Colour>, default: Colour) -> Colour {
    c.unwrap_or(default)
}

/// A point feature to label.
pub(crate) struct PointLabel {
    pub text: String,
    pub at: Pt,
}

/// The swatch of a feature's geometry.
fn swatch_of(f: &OverlayFeature) -> Swatch {
    match f.geometry {
        OverlayGeometry::Areas(_) => Swatch::Area {
            fill: colour(f.fill, DEFAULT_FILL),
            hatch: f.hatch,
        },
        OverlayGeometry::Lines(_) => Swatch::Line,
        OverlayGeometry::Points(_) => Swatch::Point,
    }
}

/// Legend entries of the overlays: one per distinct feature name, in order.
pub(crate) fn legend_entries(overlays: &[Overlay], theme: &Theme) -> Vec<LegendEntry> {
    let mut entries: Vec<LegendEntry> = Vec::new();
    for f in overlays.iter().flat_map(|o| &o.features) {
        if let Some(name) = &f.name
            && !entries.iter().any(|e| &e.label == name)
        {
            let swatch = swatch_of(f);
            let fill_c = colour(f.fill, DEFAULT_FILL);
            let stroke_c = colour(f.stroke, colour(f.fill, theme.ink));
            entries.push(LegendEntry {
                colour: if matches!(swatch, Swatch::Line) {
                    stroke_c
                } else {
                    fill_c
                },
                width_px: 1.8,
                label: name.clone(),
                badge: None,
                swatch,
                noun: "overlay feature",
            });
        }
    }
    entries
}

/// The `overlays` layer and its paint definitions: each feature a group
/// (titled with its name), areas tinted or hatched with their outline,
/// lines, point diamonds; and the named points to label.
pub(crate) fn layer(
    view: &View<'_>,
    overlays: &[Overlay],
    theme: &Theme,
) -> (Group, Vec<Def>, Vec<PointLabel>) {
    let mut layer = Group::named("overlays");
    let mut defs = Vec::new();
    let mut labels = Vec::new();
    for f in overlays.iter().flat_map(|o| &o.features) {
        let mut g = Group {
            title: f.name.clone(),
            ..Group::default()
        };
        match &f.geometry {
            OverlayGeometry::Areas(areas) => {
                let paint = if f.hatch {
                    let id = format!("hatch-{}", defs.len() + 1);
                    defs.push(Def::Hatch {
                        id: id.clone(),
                        colour: colour(f.fill, DEFAULT_FILL),
                        tint: 0.12,
                        spacing: 7.0,
                        width: 1.75,
                        angle_deg: 45.0,
                    });
                    Some(id)
                } else {
                    None
                };
                area(&mut g, view, areas, f, paint, theme);
            }
            OverlayGeometry::Lines(lines) => {
                let stroke_c = colour(f.stroke, colour(f.fill, theme.ink));
                g.style = Style::line(stroke_c, 1.8).round();
                for l in lines {
                    for piece in view.line(l) {
                        g.plain(Geometry::line(piece));
                    }
                }
            }
            OverlayGeometry::Points(points) => {
                let fill_c = colour(f.fill, DEFAULT_FILL);
                for at in points_on_page(view, points) {
                    g.shape(Geometry::ring(diamond(at, 4.5)), Style::fill(theme.halo));
                    g.shape(Geometry::ring(diamond(at, 4.5 * 0.7)), Style::fill(fill_c));
                    if let Some(n) = &f.name {
                        labels.push(PointLabel {
                            text: n.clone(),
                            at,
                        });
                    }
                }
            }
        }
        layer.group(g);
    }
    (layer, defs, labels)
}

/// An area feature: its rings cut to the frame and filled (tint or
/// `pattern`), then its outline along its own edges (not the frame's cut).
fn area(
    g: &mut Group,
    view: &View<'_>,
    areas: &[Vec<Vec<LonLat>>],
    f: &OverlayFeature,
    pattern: Option<String>,
    theme: &Theme,
) {
    let fill_c = colour(f.fill, DEFAULT_FILL);
    let stroke_c = colour(f.stroke, colour(f.fill, theme.ink));
    let runs: Vec<Vec<Pt>> = view.fill(areas.iter().flatten());
    let fill = match pattern {
        Some(id) => Style {
            fill: Some(Paint::Pattern(id)),
            fill_rule: Some(FillRule::EvenOdd),
            ..Style::default()
        },
        None => Style {
            fill_opacity: Some(OVERLAY_TINT),
            fill_rule: Some(FillRule::EvenOdd),
            ..Style::fill(fill_c)
        },
    };
    g.shape(Geometry::Path { runs, closed: true }, fill);
    let mut outline = Group::default().with_style(Style::line(stroke_c, 1.2));
    if let Some(s) = outline.style.stroke.as_mut() {
        s.join = Some(super::scene::LineJoin::Round);
    }
    for ring in areas.iter().flatten() {
        let mut closed = ring.clone();
        if let Some(&first) = ring.first() {
            closed.push(first);
        }
        for piece in view.line(&closed) {
            outline.plain(Geometry::line(piece));
        }
    }
    g.group(outline);
}

/// Points that project inside the frame, on the page.
fn points_on_page<'a>(view: &'a View<'_>, points: &'a [LonLat]) -> impl Iterator<Item = Pt> + 'a {
    points
        .iter()
        .filter_map(|&p| view.projection.forward(p))
        .map(|m| view.fit.screen(m))
        .filter(|s| view.frame.contains(*s))
}

fn diamond(c: Pt, r: f64) -> Vec<Pt> {
    vec![
        (c.0, c.1 - r),
        (c.0 + r, c.1),
        (c.0, c.1 + r),
        (c.0 - r, c.1),
    ]
}
