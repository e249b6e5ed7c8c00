//! GeoJSON overlays drawn over the base map: areas tinted or hatched, lines,
//! and points, each named feature with a legend entry.

use std::fmt::Write as _;

use super::basemap::View;
use super::canvas::{Canvas, Pt, fill, polygon, polyline, stroke};
use super::legend::{LegendEntry, Swatch};
use super::style::{Colour, Theme};
use super::text::{escape, num};
use super::u;
use crate::error::Result;
use crate::model::{Overlay, OverlayFeature, OverlayGeometry};

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
            });
        }
    }
    entries
}

/// Draw all overlays; return the named points to label.
pub(crate) fn draw_overlays(
    canvas: &mut Canvas,
    view: &View<'_>,
    overlays: &[Overlay],
    theme: &Theme,
) -> Result<Vec<PointLabel>> {
    let mut labels = Vec::new();
    let mut hatch_id = 0usize;
    for overlay in overlays {
        for f in &overlay.features {
            let fill_c = colour(f.fill, DEFAULT_FILL);
            let stroke_c = colour(f.stroke, colour(f.fill, theme.ink));
            match &f.geometry {
                OverlayGeometry::Areas(areas) => {
                    let mut d = String::new();
                    for rings in areas {
                        for ring in rings {
                            for piece in view.ring(ring) {
                                for (i, p) in piece.iter().enumerate() {
                                    let _ = write!(
                                        d,
                                        "{}{} {}",
                                        if i == 0 { "M" } else { "L" },
                                        num(p.0),
                                        num(p.1)
                                    );
                                }
                                d.push('Z');
                            }
                        }
                    }
                    let paint = if f.hatch {
                        hatch_id += 1;
                        let id = format!("hatch-{hatch_id}");
                        let _ = writeln!(
                            canvas_defs(canvas),
                            "<defs><pattern id=\"{id}\" patternUnits=\"userSpaceOnUse\" width=\"28\" height=\"28\" \
                             patternTransform=\"rotate(45)\"><rect width=\"28\" height=\"28\" fill=\"{}\" fill-opacity=\"0.12\"/>\
                             <line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"28\" stroke=\"{}\" stroke-width=\"7\"/></pattern></defs>",
                            fill_c.hex(),
                            fill_c.hex()
                        );
                        format!("url(#{id})")
                    } else {
                        fill_c.hex()
                    };
                    if !d.is_empty() {
                        let title = f
                            .name
                            .as_deref()
                            .map(|n| format!("<title>{}</title>", escape(n)))
                            .unwrap_or_default();
                        let opacity = if f.hatch {
                            ""
                        } else {
                            " fill-opacity=\"0.35\""
                        };
                        canvas.raw(&format!(
                            "<path d=\"{d}\" fill=\"{paint}\"{opacity} fill-rule=\"evenodd\">{title}</path>\n"
                        ));
                    }
                    // Outlines follow the feature's own edges (not the frame's cut).
                    canvas.group("fill=\"none\" stroke-linejoin=\"round\"", |area| {
                        for rings in areas {
                            for ring in rings {
                                let mut closed = ring.clone();
                                if let Some(&first) = ring.first() {
                                    closed.push(first);
                                }
                                for piece in view.line(&closed) {
                                    polyline(area, &piece, stroke(stroke_c, u(1.2)))?;
                                }
                            }
                        }
                        Ok(())
                    })?;
                }
                OverlayGeometry::Lines(lines) => {
                    canvas.group(
                        "fill=\"none\" stroke-linecap=\"round\" stroke-linejoin=\"round\"",
                        |area| {
                            for l in lines {
                                for piece in view.line(l) {
                                    polyline(area, &piece, stroke(stroke_c, u(1.8)))?;
                                }
                            }
                            Ok(())
                        },
                    )?;
                }
                OverlayGeometry::Points(points) => {
                    let r = u(4.5);
                    canvas.group("", |area| {
                        for &p in points {
                            let Some(m) = view.projection.forward(p) else {
                                continue;
                            };
                            let s = view.fit.screen(m);
                            if !view.frame.contains(s) {
                                continue;
                            }
                            let diamond = [
                                (s.0, s.1 - r),
                                (s.0 + r, s.1),
                                (s.0, s.1 + r),
                                (s.0 - r, s.1),
                            ];
                            polygon(area, &diamond, fill(theme.halo))?;
                            let inner = [
                                (s.0, s.1 - r * 0.7),
                                (s.0 + r * 0.7, s.1),
                                (s.0, s.1 + r * 0.7),
                                (s.0 - r * 0.7, s.1),
                            ];
                            polygon(area, &inner, fill(fill_c))?;
                            if let Some(n) = &f.name {
                                labels.push(PointLabel {
                                    text: n.clone(),
                                    at: s,
                                });
                            }
                        }
                        Ok(())
                    })?;
                }
            }
        }
    }
    Ok(labels)
}

/// Pattern definitions go straight into the document body, before their use.
fn canvas_defs(canvas: &mut Canvas) -> &mut String {
    canvas.body_mut()
}
