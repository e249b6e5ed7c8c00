//! Legs on screen: strands (a route, a network leg, a ranked alternative path)
//! turned into polylines, parallel legs offset side by side, and drawn with
//! their colour, pattern, mode marks and direction arrows.

use std::collections::BTreeMap;

use super::canvas::{Area, Canvas, Pt, circle, fill, polygon, polyline, stroke};
use super::style::{Colour, dash_pattern};
use super::text::num;
use super::{Fit, size, u};
use crate::error::Result;
use crate::model::{Dataset, Evidence, Mode};

/// A sequence of legs drawn in one colour: a route, a network leg or an
/// alternative path.
#[derive(Debug, Clone)]
pub(crate) struct Strand {
    /// Line colour.
    pub colour: Colour,
    /// Line width, output px.
    pub width_px: f64,
    /// Legs in travel order: (index into `Dataset::legs`, used backwards).
    pub legs: Vec<(usize, bool)>,
    /// Whether to draw direction arrows.
    pub arrows: bool,
    /// A number to show in badges along the strand (print theme).
    pub badge: Option<usize>,
}

/// Line widths proportional to `count` (a flow map): the largest count gets
/// [`FLOW_MAX_PX`]; legs without a count get [`FLOW_UNKNOWN_PX`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Flow {
    /// The largest count among drawn legs.
    pub max_count: u64,
}

/// Width of the largest flow, output px.
pub(crate) const FLOW_MAX_PX: f64 = 11.0;
/// Width of a flow of (almost) zero, output px.
pub(crate) const FLOW_MIN_PX: f64 = 1.2;
/// Width of a leg with no count in a flow map, output px.
pub(crate) const FLOW_UNKNOWN_PX: f64 = 1.0;

impl Flow {
    /// Line width in output px for a count.
    pub fn width_px(&self, count: Option<u64>) -> f64 {
        match count {
            Some(c) => {
                FLOW_MIN_PX + (FLOW_MAX_PX - FLOW_MIN_PX) * c as f64 / self.max_count.max(1) as f64
            }
            None => FLOW_UNKNOWN_PX,
        }
    }
}

/// A leg ready to draw: its screen polyline and style.
pub(crate) struct DrawnLeg {
    /// Tooltip: from, to, mode, evidence, km, source (empty for legend swatches).
    pub title: String,
    /// Where along the line the direction arrow sits (fraction of its length),
    /// or `None` for no arrow.
    pub arrow_at: Option<f64>,
    pub colour: Colour,
    /// Casing, arrow rim and surface-mark colour (the theme's halo).
    pub halo: Colour,
    /// Badge number and where along the line it sits.
    pub badge: Option<(usize, f64)>,
    pub width: f64,
    pub mode: Mode,
    pub evidence: Evidence,
    /// The line, in one piece or several (split at the map's seam or where
    /// the projection cannot show it).
    pub pieces: Vec<Vec<Pt>>,
}

/// Legs of all strands in screen units. Legs joining the same two places
/// (in any strand) are offset side by side so each stays visible. Strands are
/// drawn in order, so later strands are on top.
pub(crate) fn screen_legs(
    ds: &Dataset,
    strands: &[Strand],
    arcs_m: &[Vec<Vec<(f64, f64)>>],
    fit: &Fit,
    arcs_km: &[f64],
    flow: Option<Flow>,
    halo: Colour,
) -> Vec<DrawnLeg> {
    // Group (strand, leg) occurrences by unordered place pair.
    let mut pairs: BTreeMap<(usize, usize), Vec<(usize, usize)>> = BTreeMap::new();
    for (si, strand) in strands.iter().enumerate() {
        for (k, &(leg, _)) in strand.legs.iter().enumerate() {
            let l = &ds.legs[leg];
            let a = ds.place_index(&l.from).expect("validated");
            let b = ds.place_index(&l.to).expect("validated");
            pairs.entry((a.min(b), a.max(b))).or_default().push((si, k));
        }
    }
    let mut out: Vec<(usize, usize, DrawnLeg)> = Vec::new();
    for ((lo, _), members) in &pairs {
        let n = members.len();
        let width_of = |si: usize, li: usize| match flow {
            Some(f) if strands[si].arrows => f.width_px(ds.legs[strands[si].legs[li].0].count),
            _ => strands[si].width_px,
        };
        let gap: f64 = members
            .iter()
            .map(|&(si, li)| width_of(si, li))
            .fold(0.0, f64::max)
            + size::OFFSET
            - size::LINE;
        for (k, &(si, li)) in members.iter().enumerate() {
            let strand = &strands[si];
            let (leg_i, reversed) = strand.legs[li];
            let leg = &ds.legs[leg_i];
            let mut screen: Vec<Vec<Pt>> = arcs_m[leg_i]
                .iter()
                .map(|piece| piece.iter().map(|&m| fit.screen(m)).collect())
                .collect();
            if reversed {
                screen.reverse();
                screen.iter_mut().for_each(|p| p.reverse());
            }
            let mut offset = (k as f64 - (n as f64 - 1.0) / 2.0) * u(gap);
            // Offsets are measured to the left of the lo→hi direction.
            let starts_at_lo = (ds.place_index(&leg.from) == Some(*lo)) != reversed;
            if !starts_at_lo {
                offset = -offset;
            }
            let pieces = if offset == 0.0 {
                screen
            } else {
                screen.iter().map(|p| offset_polyline(p, offset)).collect()
            };
            out.push((
                si,
                li,
                DrawnLeg {
                    title: leg_title(ds, leg_i, arcs_km[leg_i]),
                    arrow_at: strand.arrows.then_some((k as f64 + 1.0) / (n as f64 + 1.0)),
                    colour: strand.colour,
                    halo,
                    badge: strand
                        .badge
                        .map(|b| (b, (k as f64 + 1.0) / (n as f64 + 1.0) * 0.6 + 0.05)),
                    width: u(width_of(si, li)),
                    mode: leg.mode,
                    evidence: leg.evidence,
                    pieces,
                },
            ));
        }
    }
    out.sort_by_key(|(si, li, _)| (*si, *li));
    out.into_iter().map(|(_, _, d)| d).collect()
}

/// The tooltip of a leg: "Moscow → Donetsk: mode not stated, reported, 860 km; source: Daily NK".
fn leg_title(ds: &Dataset, leg: usize, km: f64) -> String {
    let l = &ds.legs[leg];
    let name = |id: &str| ds.place(id).map_or(id.to_string(), |p| p.name.clone());
    let mode = if l.mode == Mode::Unknown {
        "mode not stated".to_string()
    } else {
        l.mode.to_string()
    };
    let mut t = format!(
        "{} → {}: {mode}, {}, {} km",
        name(&l.from),
        name(&l.to),
        l.evidence,
        crate::text::thousands(km)
    );
    if let Some(r) = &l.route {
        t.push_str(&format!("; route: {r}"));
    }
    if let Some(d) = &l.date {
        t.push_str(&format!("; date: {d}"));
    }
    if let Some(src) = &l.source {
        let shown = ds
            .source(src)
            .and_then(|s| s.publisher.clone())
            .unwrap_or_else(|| src.clone());
        t.push_str(&format!("; source: {shown}"));
    }
    t
}

/// Shift a polyline sideways by `d` (positive = to the left of travel, y down).
fn offset_polyline(points: &[Pt], d: f64) -> Vec<Pt> {
    let n = points.len();
    (0..n)
        .map(|i| {
            let a = points[i.saturating_sub(1)];
            let b = points[(i + 1).min(n - 1)];
            let (dx, dy) = (b.0 - a.0, b.1 - a.1);
            let len = (dx * dx + dy * dy).sqrt();
            if len == 0.0 {
                return points[i];
            }
            // Left normal in a y-down frame.
            (points[i].0 + dy / len * d, points[i].1 - dx / len * d)
        })
        .collect()
}

/// The point at fraction `f` of a polyline's length and the direction there.
fn point_at(points: &[Pt], f: f64) -> Option<(Pt, (f64, f64))> {
    let total: f64 = points.windows(2).map(|w| dist(w[0], w[1])).sum();
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

fn dist(a: Pt, b: Pt) -> f64 {
    ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt()
}

pub(crate) fn dash_attrs(mode: Mode, evidence: Evidence, width: f64) -> String {
    let mut s = String::from("fill=\"none\" stroke-linecap=\"round\" stroke-linejoin=\"round\"");
    if let Some(pattern) = dash_pattern(mode, evidence) {
        let values: Vec<String> = pattern.iter().map(|v| num(v * width)).collect();
        s.push_str(&format!(" stroke-dasharray=\"{}\"", values.join(" ")));
    }
    s
}

pub(crate) fn draw_legs(canvas: &mut Canvas, legs: &[DrawnLeg]) -> Result<()> {
    let mut badges: Vec<(usize, Pt, Colour)> = Vec::new();
    // White casing under every leg so lines read on land and sea alike.
    canvas.group(
        "fill=\"none\" stroke-linecap=\"round\" stroke-linejoin=\"round\"",
        |area| {
            for (l, points) in legs
                .iter()
                .flat_map(|l| l.pieces.iter().map(move |p| (l, p)))
            {
                polyline(area, points, stroke(l.halo, l.width + u(size::CASING)))?;
            }
            Ok(())
        },
    )?;
    for l in legs {
        canvas.group_titled(&dash_attrs(l.mode, l.evidence, l.width), &l.title, |area| {
            for points in &l.pieces {
                polyline(area, points, stroke(l.colour, l.width))?;
            }
            Ok(())
        })?;
        draw_mode_marks(canvas, l)?;
        let longest = l
            .pieces
            .iter()
            .max_by(|a, b| length(a).total_cmp(&length(b)));
        if let Some((p, dir)) = l
            .arrow_at
            .zip(longest)
            .and_then(|(f, pts)| point_at(pts, f))
        {
            canvas.group("", |area| arrow(area, p, dir, (l.colour, l.halo, l.width)))?;
        }
        if let Some((number, f)) = l.badge
            && let Some((p, _)) = longest.and_then(|pts| point_at(pts, f))
        {
            badges.push((number, p, l.colour));
        }
    }
    draw_badges(
        canvas,
        &badges,
        legs.first().map_or(Colour(0xff, 0xff, 0xff), |l| l.halo),
    )
}

/// Numbered badges (print theme): a circle in the line's colour with the
/// route's number, so routes differ without colour.
pub(crate) fn draw_badges(
    canvas: &mut Canvas,
    badges: &[(usize, Pt, Colour)],
    halo: Colour,
) -> Result<()> {
    if badges.is_empty() {
        return Ok(());
    }
    let r = u(7.5);
    canvas.group("", |area| {
        for &(_, p, colour) in badges {
            circle(area, p, r, fill(colour))?;
            circle(area, p, r - u(1.2), fill(halo))?;
        }
        Ok(())
    })?;
    let lines: Vec<(super::text::TextLine, Colour)> = badges
        .iter()
        .map(|&(n, p, colour)| {
            (
                super::text::TextLine {
                    text: n.to_string(),
                    x: p.0,
                    y: p.1 + u(9.0) * (super::text::CAP_HEIGHT / 2.0),
                    size: u(9.0),
                    weight: super::text::Weight::Bold,
                    anchor: super::text::Anchor::Middle,
                },
                colour,
            )
        })
        .collect();
    canvas.text_group("", &lines);
    Ok(())
}

/// Surface-mode marks on top of a leg's line: rail ties, a road's white centre
/// line, sea dots.
pub(crate) fn draw_mode_marks(canvas: &mut Canvas, l: &DrawnLeg) -> Result<()> {
    let width = l.width;
    match l.mode {
        Mode::Rail => canvas.group("", |area| {
            for (p, dir) in l.pieces.iter().flat_map(|pts| along(pts, u(12.0))) {
                let n = (-dir.1 * width * 1.6, dir.0 * width * 1.6);
                polyline(
                    area,
                    &[(p.0 - n.0, p.1 - n.1), (p.0 + n.0, p.1 + n.1)],
                    stroke(l.colour, u(1.2)),
                )?;
            }
            Ok(())
        }),
        Mode::Road => canvas.group(&dash_attrs(l.mode, l.evidence, width), |area| {
            for points in &l.pieces {
                polyline(area, points, stroke(l.halo, width * 0.35))?;
            }
            Ok(())
        }),
        Mode::Sea => canvas.group("", |area| {
            for (p, _) in l.pieces.iter().flat_map(|pts| along(pts, u(9.0))) {
                circle(area, p, width * 0.22, fill(l.halo))?;
            }
            Ok(())
        }),
        Mode::Air | Mode::Unknown => Ok(()),
    }
}

/// Points every `step` units along a polyline, with the direction there.
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

fn arrow(
    area: &Area<'_>,
    p: Pt,
    dir: (f64, f64),
    (colour, halo, width): (Colour, Colour, f64),
) -> Result<()> {
    let len = u(size::ARROW).max(width * 3.2);
    let half = len * 0.42;
    let tip = (p.0 + dir.0 * len / 2.0, p.1 + dir.1 * len / 2.0);
    let back = (p.0 - dir.0 * len / 2.0, p.1 - dir.1 * len / 2.0);
    let n = (-dir.1 * half, dir.0 * half);
    let tri = [
        tip,
        (back.0 + n.0, back.1 + n.1),
        (back.0 - n.0, back.1 - n.1),
    ];
    // A white rim keeps the arrow legible over the line's dashes.
    let grow = u(1.0);
    let rim = [
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
    polygon(area, &rim, fill(halo))?;
    polygon(area, &tri, fill(colour))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offset_moves_a_horizontal_line_up_for_positive_offsets() {
        let out = offset_polyline(&[(0.0, 0.0), (10.0, 0.0)], 2.0);
        assert_eq!(out, vec![(0.0, -2.0), (10.0, -2.0)]);
    }

    #[test]
    fn points_along_a_line_are_evenly_spaced() {
        let pts = along(&[(0.0, 0.0), (100.0, 0.0)], 20.0);
        let xs: Vec<f64> = pts.iter().map(|(p, _)| p.0).collect();
        assert_eq!(xs, vec![10.0, 30.0, 50.0, 70.0, 90.0]);
    }
}
