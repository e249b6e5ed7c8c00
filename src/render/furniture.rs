//! Map furniture: place markers, graticule labels at the frame, the north
//! arrow, the frame itself, and the page's title and credit lines.

use super::basemap::GraticuleEnd;
use super::fit::Fit;
use super::scene::{Geometry, Group, Halo, Pt, Style, Text};
use super::style::{Colour, Theme, size};
use super::text::{self, Anchor, TextLine, Weight};
use crate::map::clip::Rect;
use crate::map::projection::Projection;

/// A halo in the theme's background colour, for text over the map.
pub(crate) fn halo(theme: &Theme) -> Style {
    Style {
        halo: Some(Halo {
            colour: theme.halo,
            width: size::HALO,
        }),
        ..Style::default()
    }
}

/// The radius of a place's marker, its outline included.
pub(crate) fn marker_radius(end: bool) -> f64 {
    (if end { size::END_MARKER } else { size::MARKER }) + 1.4
}

/// The `markers` layer: a ring for each place, a larger one with a dot for
/// the ends of routes and paths.
pub(crate) fn markers(at: &[Option<Pt>], ends: &[bool], theme: &Theme) -> Group {
    let mut g = Group::named("markers");
    for (i, p) in at.iter().enumerate() {
        let Some(p) = *p else { continue };
        let r = marker_radius(ends[i]) - 1.4;
        let inner = if ends[i] { theme.ink } else { theme.halo };
        g.shape(
            Geometry::Circle {
                centre: p,
                r: r + 1.4,
            },
            Style::fill(theme.ink),
        );
        g.shape(Geometry::Circle { centre: p, r }, Style::fill(inner));
        if ends[i] {
            let dot = Geometry::Circle {
                centre: p,
                r: r * 0.45,
            };
            g.shape(dot, Style::fill(theme.halo));
        }
    }
    g
}

/// Labels for graticule lines where they meet the frame: parallels at the
/// left and right edges, meridians at the top and bottom, inside the frame,
/// skipping any that would overlap another or an obstacle.
pub(crate) fn graticule_labels(
    ends: &[GraticuleEnd],
    frame: &Rect,
    obstacles: &[Rect],
) -> Vec<TextLine> {
    let size_px = size::GRATICULE;
    let inset = 3.0;
    let mut out: Vec<TextLine> = Vec::new();
    for e in ends {
        let (x, y, anchor) = if e.parallel {
            let y = e.at.1 + (text::CAP_HEIGHT - text::DESCENT) / 2.0 * size_px;
            if (e.at.0 - frame.x0).abs() < (e.at.0 - frame.x1).abs() {
                (frame.x0 + inset, y, Anchor::Start)
            } else {
                (frame.x1 - inset, y, Anchor::End)
            }
        } else if (e.at.1 - frame.y1).abs() < (e.at.1 - frame.y0).abs() {
            let y = frame.y1 - inset - text::DESCENT * size_px;
            (e.at.0, y, Anchor::Middle)
        } else {
            let y = frame.y0 + inset + text::CAP_HEIGHT * size_px;
            (e.at.0, y, Anchor::Middle)
        };
        let line = TextLine {
            text: e.text.clone(),
            x,
            y,
            size: size_px,
            weight: Weight::Normal,
            anchor,
        };
        let b = line.bbox();
        if !frame.contains_rect(&b)
            || obstacles.iter().any(|o| o.intersects(&b))
            || out.iter().any(|o| o.bbox().inflate(4.0).intersects(&b))
        {
            continue;
        }
        out.push(line);
    }
    out
}

/// A north arrow in the top-right corner of the frame (top-left if the
/// legend is there), pointing to true north at its spot; and the box it
/// covers.
pub(crate) fn north_arrow(
    projection: &Projection,
    fit: &Fit,
    frame: &Rect,
    legend_box: &Rect,
    theme: &Theme,
) -> (Group, Rect) {
    let r = 14.0;
    let mut c = (frame.x1 - 12.0 - r, frame.y0 + 12.0 + r * 1.4);
    if legend_box.intersects(&Rect::new(c.0 - r, c.1 - 2.0 * r, c.0 + r, c.1 + r)) {
        c = (frame.x0 + 12.0 + r, c.1);
    }
    // Direction of north: from the point to one slightly north of it.
    let dir = projection
        .inverse(fit.metres(c))
        .and_then(|(lon, lat)| {
            let a = projection.forward((lon, lat))?;
            let b = projection.forward((lon, (lat + 0.05).min(89.999)))?;
            let (sa, sb) = (fit.screen(a), fit.screen(b));
            let (dx, dy) = (sb.0 - sa.0, sb.1 - sa.1);
            let len = dx.hypot(dy);
            (len > 0.0).then(|| (dx / len, dy / len))
        })
        .unwrap_or((0.0, -1.0));
    let tip = (c.0 + dir.0 * r, c.1 + dir.1 * r);
    let tail = (c.0 - dir.0 * r * 0.6, c.1 - dir.1 * r * 0.6);
    let n = (-dir.1 * r * 0.45, dir.0 * r * 0.45);
    let mut g = Group::named("north-arrow");
    let left = vec![tip, (tail.0 + n.0, tail.1 + n.1), c];
    let right = vec![tip, c, (tail.0 - n.0, tail.1 - n.1)];
    g.shape(Geometry::ring(left), Style::fill(theme.ink));
    g.shape(Geometry::ring(right), Style::fill(theme.muted));
    let label = TextLine {
        text: "N".into(),
        x: tip.0 + dir.0 * 4.0,
        y: tip.1 + dir.1 * 4.0 - 2.0,
        size: size::LEGEND,
        weight: Weight::Bold,
        anchor: Anchor::Middle,
    };
    let b = label.bbox();
    let mut words = Group::default().with_style(halo(theme));
    words.text(Text::from_lines(&[label], theme.ink));
    g.group(words);
    (g, Rect::new(c.0 - r, c.1 - r, c.0 + r, c.1 + r).union(&b))
}

/// The `frame` layer: the map's edge, on top of everything inside it.
pub(crate) fn frame(frame: &Rect, theme: &Theme) -> Group {
    let mut g = Group::named("frame");
    let edge = vec![
        (frame.x0, frame.y0),
        (frame.x1, frame.y0),
        (frame.x1, frame.y1),
        (frame.x0, frame.y1),
        (frame.x0, frame.y0),
    ];
    g.shape(Geometry::line(edge), Style::line(theme.muted, 1.0));
    g
}

/// A layer of single lines of text, each in its colour.
pub(crate) fn text_layer(id: &str, lines: &[(TextLine, Colour)], style: Style) -> Group {
    let mut g = Group::named(id).with_style(style);
    for (line, colour) in lines {
        g.text(Text::from_lines(std::slice::from_ref(line), *colour));
    }
    g
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graticule_labels_never_overlap_each_other_or_obstacles() {
        let frame = Rect::new(0.0, 0.0, 400.0, 300.0);
        let ends: Vec<GraticuleEnd> = (0..10)
            .map(|i| GraticuleEnd {
                text: format!("{}°N", 40 + i),
                at: (0.0, 30.0 + f64::from(i) * 5.0),
                parallel: true,
            })
            .collect();
        let obstacle = Rect::new(0.0, 60.0, 100.0, 70.0);
        let labels = graticule_labels(&ends, &frame, &[obstacle]);
        assert!(!labels.is_empty() && labels.len() < ends.len());
        for (i, a) in labels.iter().enumerate() {
            assert!(!a.bbox().intersects(&obstacle));
            for b in &labels[i + 1..] {
                assert!(!a.bbox().intersects(&b.bbox()));
            }
        }
    }

    #[test]
    fn ends_have_a_dot_and_other_places_a_ring() {
        let theme = super::super::style::ThemeName::Light.theme();
        let g = markers(
            &[Some((1.0, 1.0)), Some((9.0, 9.0)), None],
            &[true, false, false],
            theme,
        );
        assert_eq!(g.children.len(), 3 + 2);
    }
}
