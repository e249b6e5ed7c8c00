//! How a leg looks, as scene groups: a casing under every line, the line in
//! its colour and dash pattern (evidence and whether the mode is known),
//! surface-mode marks on top (rail ties, a road's centre line, sea dots), a
//! direction arrow, and in the print theme numbered badges. The routes
//! layer and the legend's swatches are drawn with the same functions.

use super::legs::DrawnLeg;
use super::raster::dist;
use super::scene::{Geometry, Group, Paint, Pt, Style, Text};
use super::style::{Colour, dash_pattern, size};
use super::text::{Anchor, CAP_HEIGHT, TextLine, Weight};
use crate::model::Mode;

/// A leg's line style: its colour and width, round ends, and the dash
/// pattern of its mode and evidence (in multiples of the width).
pub(crate) fn line_style(l: &DrawnLeg) -> Style {
    let mut style = Style::line(l.colour, l.width).round();
    if let Some(pattern) = dash_pattern(l.mode, l.evidence)
        && let Some(stroke) = style.stroke.as_mut()
    {
        stroke.dash = Some(pattern.iter().map(|v| v * l.width).collect());
    }
    style
}

/// The routes layer: casings under all legs, then each leg (line, marks,
/// arrow) as a group carrying its tooltip, then badges on top.
pub(crate) fn routes(legs: &[DrawnLeg]) -> Group {
    let mut layer = Group::named("routes");
    // A casing in the background colour under every leg, so lines read on
    // land and sea alike.
    let mut casing = Group::named("casing").with_style(Style {
        fill: Some(Paint::None),
        ..Style::default()
    });
    for l in legs {
        for piece in &l.pieces {
            casing.shape(
                Geometry::line(piece.clone()),
                Style::line(l.halo, l.width + size::CASING).round(),
            );
        }
    }
    layer.group(casing);
    let mut badges: Vec<(usize, Pt, Colour)> = Vec::new();
    for l in legs {
        let mut g = Group {
            title: (!l.title.is_empty()).then(|| l.title.clone()),
            ..Group::default()
        };
        let mut line = Group::default().with_style(line_style(l));
        for piece in &l.pieces {
            line.plain(Geometry::line(piece.clone()));
        }
        g.group(line);
        if let Some(marks) = mode_marks(l) {
            g.group(marks);
        }
        let longest = l
            .pieces
            .iter()
            .max_by(|a, b| length(a).total_cmp(&length(b)));
        if let Some((p, dir)) = l
            .arrow_at
            .zip(longest)
            .and_then(|(f, pts)| point_at(pts, f))
        {
            arrow(&mut g, p, dir, l);
        }
        if let Some((number, f)) = l.badge
            && let Some((p, _)) = longest.and_then(|pts| point_at(pts, f))
        {
            badges.push((number, p, l.colour));
        }
        layer.group(g);
    }
    let halo = legs.first().map_or(Colour(0xff, 0xff, 0xff), |l| l.halo);
    if let Some(b) = badge_group(&badges, halo) {
        layer.group(b);
    }
    layer
}

/// Numbered badges (print theme): a circle in the line's colour with the
/// route's number, so routes differ without colour.
pub(crate) fn badge_group(badges: &[(usize, Pt, Colour)], halo: Colour) -> Option<Group> {
    if badges.is_empty() {
        return None;
    }
    let r = 7.5;
    let mut g = Group::default();
    for &(_, p, colour) in badges {
        g.shape(Geometry::Circle { centre: p, r }, Style::fill(colour));
        g.shape(
            Geometry::Circle {
                centre: p,
                r: r - 1.2,
            },
            Style::fill(halo),
        );
    }
    for &(n, p, colour) in badges {
        let line = TextLine {
            text: n.to_string(),
            x: p.0,
            y: p.1 + 9.0 * (CAP_HEIGHT / 2.0),
            size: 9.0,
            weight: Weight::Bold,
            anchor: Anchor::Middle,
        };
        g.text(Text::from_lines(&[line], colour));
    }
    Some(g)
}

/// Surface-mode marks on top of a leg's line: rail ties, a road's white
/// centre line, sea dots. Air and unknown modes have none.
pub(crate) fn mode_marks(l: &DrawnLeg) -> Option<Group> {
    let width = l.width;
    let mut g = Group::default();
    match l.mode {
        Mode::Rail => {
            for (p, dir) in l.pieces.iter().flat_map(|pts| along(pts, 12.0)) {
                let n = (-dir.1 * width * 1.6, dir.0 * width * 1.6);
                g.shape(
                    Geometry::line(vec![(p.0 - n.0, p.1 - n.1), (p.0 + n.0, p.1 + n.1)]),
                    Style::line(l.colour, 1.2),
                );
            }
        }
        Mode::Road => {
            // The centre line keeps the leg's dash pattern, scaled to the leg.
            let mut style = Style::line(l.halo, width * 0.35).round();
            if let (Some(s), Some(pattern)) =
                (style.stroke.as_mut(), dash_pattern(l.mode, l.evidence))
            {
                s.dash = Some(pattern.iter().map(|v| v * width).collect());
            }
            g.style = style;
            for piece in &l.pieces {
                g.plain(Geometry::line(piece.clone()));
            }
        }
        Mode::Sea => {
            for (p, _) in l.pieces.iter().flat_map(|pts| along(pts, 9.0)) {
                let r = width * 0.22;
                g.shape(Geometry::Circle { centre: p, r }, Style::fill(l.halo));
            }
        }
        Mode::Air | Mode::Unknown => {}
    }
    (!g.children.is_empty()).then_some(g)
}

/// A direction arrow at `p` pointing along `dir`, with a rim in the halo
/// colour so it reads over the line's dashes.
fn arrow(g: &mut Group, p: Pt, dir: (f64, f64), l: &DrawnLeg) {
    let len = size::ARROW.max(l.width * 3.2);
    let half = len * 0.42;
    let tip = (p.0 + dir.0 * len / 2.0, p.1 + dir.1 * len / 2.0);
    let back = (p.0 - dir.0 * len / 2.0, p.1 - dir.1 * len / 2.0);
    let n = (-dir.1 * half, dir.0 * half);
    let grow = 1.0;
    let rim = vec![
        (tip.0 + dir.0 * grow * 1.6, tip.1 + dir.1 * grow * 1.6),
        (
            back.0 + n.0 * 1.3 - dir.0 * grow,
            back.1 + n.1 * 1.3 - dir.1 * grow,
        ),
        (
            back.0 - n.0 * 1.3 - dir.0 * grow,
            back.1 - n.1 * 1.3 - dir.1 * grow,
        ),
    ];
    let tri = vec![
        tip,
        (back.0 + n.0, back.1 + n.1),
        (back.0 - n.0, back.1 - n.1),
    ];
    g.shape(Geometry::ring(rim), Style::fill(l.halo));
    g.shape(Geometry::ring(tri), Style::fill(l.colour));
}

/// The point at fraction `f` of a polyline's length and the direction there.
pub(crate) fn point_at(points: &[Pt], f: f64) -> Option<(Pt, (f64, f64))> {
    let total = length(points);
    if total == 0.0 {
        return None;
    }
    let mut acc = 0.0;
    for w in points.windows(2) {
        let l = dist(w[0], w[1]);
        if acc + l >= total * f && l > 0.0 {
            let t = (total * f - acc) / l;
            let p = (
                w[0].0 + t * (w[1].0 - w[0].0),
                w[0].1 + t * (w[1].1 - w[0].1),
            );
            return Some((p, ((w[1].0 - w[0].0) / l, (w[1].1 - w[0].1) / l)));
        }
        acc += l;
    }
    None
}

fn length(points: &[Pt]) -> f64 {
    points.windows(2).map(|w| dist(w[0], w[1])).sum()
}

/// Points every `step` along a polyline, with the direction there.
fn along(points: &[Pt], step: f64) -> Vec<(Pt, (f64, f64))> {
    let mut out = Vec::new();
    let mut next = step / 2.0;
    let mut acc = 0.0;
    for w in points.windows(2) {
        let l = dist(w[0], w[1]);
        if l == 0.0 {
            continue;
        }
        let dir = ((w[1].0 - w[0].0) / l, (w[1].1 - w[0].1) / l);
        while next <= acc + l {
            let t = next - acc;
            out.push(((w[0].0 + dir.0 * t, w[0].1 + dir.1 * t), dir));
            next += step;
        }
        acc += l;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Evidence;

    fn leg(mode: Mode, evidence: Evidence) -> DrawnLeg {
        DrawnLeg {
            title: "A → B".into(),
            arrow_at: Some(0.5),
            colour: Colour(0, 114, 178),
            halo: Colour(255, 255, 255),
            badge: None,
            width: 2.6,
            mode,
            evidence,
            pieces: vec![vec![(0.0, 0.0), (100.0, 0.0)]],
        }
    }

    #[test]
    fn points_along_a_line_are_evenly_spaced() {
        let pts = along(&[(0.0, 0.0), (100.0, 0.0)], 20.0);
        let xs: Vec<f64> = pts.iter().map(|(p, _)| p.0).collect();
        assert_eq!(xs, vec![10.0, 30.0, 50.0, 70.0, 90.0]);
    }

    #[test]
    fn dashes_scale_with_the_width_and_solid_lines_have_none() {
        let dashed = line_style(&leg(Mode::Air, Evidence::Inferred));
        let dash = dashed.stroke.unwrap().dash.unwrap();
        assert_eq!(dash.len(), 2);
        assert!((dash[0] - 3.0 * 2.6).abs() < 1e-9);
        let solid = line_style(&leg(Mode::Air, Evidence::Reported));
        assert_eq!(solid.stroke.unwrap().dash, None);
    }

    #[test]
    fn each_leg_is_a_titled_group_with_its_arrow() {
        let layer = routes(&[leg(Mode::Rail, Evidence::Reported)]);
        assert_eq!(layer.id.as_deref(), Some("routes"));
        let legs: Vec<&Group> = layer
            .children
            .iter()
            .filter_map(|c| match c {
                super::super::scene::Node::Group(g) if g.title.is_some() => Some(g),
                _ => None,
            })
            .collect();
        assert_eq!(legs.len(), 1);
        // Line, rail ties, arrow rim and arrow.
        assert_eq!(legs[0].children.len(), 4);
    }
}
