//! Legs on the page: strands (a route, a network leg, a ranked alternative
//! path) turned into polylines in design px, parallel legs offset side by
//! side, each with its tooltip. How they are drawn is [`super::marks`].

use std::collections::BTreeMap;

use super::fit::Fit;
use super::scene::Pt;
use super::style::{Colour, size};
use super::symbols::fitted;
use crate::map::clip::simplify;
use crate::model::{Dataset, Evidence, Mode};
use crate::text::{clip, thousands};

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
    /// Whether its legs carry marks: a mode symbol and a direction arrow
    /// (routes and paths; network legs have none).
    pub marks: bool,
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
    /// Where its marks sit (mode symbol, direction arrow, badge), or `None`
    /// for a leg without marks.
    pub marks: Option<MarksPlace>,
    pub colour: Colour,
    /// Casing, arrow rim and symbol background (the theme's halo).
    pub halo: Colour,
    /// Badge number (print theme).
    pub badge: Option<usize>,
    pub width: f64,
    pub mode: Mode,
    pub evidence: Evidence,
    /// The line, in one piece or several (split at the map's seam or where
    /// the projection cannot show it).
    pub pieces: Vec<Vec<Pt>>,
}

/// Where a leg's marks sit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct MarksPlace {
    /// Design px from the middle of the leg's longest piece, along the
    /// direction of travel, to the mode symbol; the direction arrow and
    /// the badge are on the same side of it (ahead when this is 0 or more,
    /// behind when less), so that the marks of legs side by side spread out
    /// from the middle.
    pub offset: f64,
    /// The radius of the symbol's disc, design px.
    pub r: f64,
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
            Some(f) if strands[si].marks => f.width_px(ds.legs[strands[si].legs[li].0].count),
            _ => strands[si].width_px,
        };
        let gap: f64 = members
            .iter()
            .map(|&(si, li)| width_of(si, li))
            .fold(0.0, f64::max)
            + size::OFFSET
            - size::LINE;
        // The mode symbols of legs side by side sit one after another along
        // the line, the middle one at the middle.
        let marked: Vec<(usize, usize)> = members
            .iter()
            .copied()
            .filter(|&(si, _)| strands[si].marks)
            .collect();
        let widest_marked = marked
            .iter()
            .map(|&(si, li)| width_of(si, li))
            .fold(0.0, f64::max);
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
            let mut offset = (k as f64 - (n as f64 - 1.0) / 2.0) * gap;
            // Offsets are measured to the left of the lo→hi direction.
            let starts_at_lo = (ds.place_index(&leg.from) == Some(*lo)) != reversed;
            if !starts_at_lo {
                offset = -offset;
            }
            // Offset, then simplified to a tenth of a pixel: a geodesic
            // sampled finely keeps only the points that show.
            let pieces: Vec<Vec<Pt>> = screen
                .iter()
                .map(|p| {
                    let p = if offset == 0.0 {
                        p.clone()
                    } else {
                        offset_polyline(p, offset)
                    };
                    simplify(&p, TOLERANCE_PX)
                })
                .collect();
            let marks = marked.iter().position(|&m| m == (si, li)).map(|j| {
                let longest = pieces.iter().map(|p| length(p)).fold(0.0, f64::max);
                let (r, spacing) = fitted(marked.len(), longest, widest_marked);
                let lo_to_hi = (j as f64 - (marked.len() as f64 - 1.0) / 2.0) * spacing;
                MarksPlace {
                    offset: if starts_at_lo { lo_to_hi } else { -lo_to_hi },
                    r,
                }
            });
            out.push((
                si,
                li,
                DrawnLeg {
                    title: leg_title(ds, leg_i, arcs_km[leg_i]),
                    marks,
                    colour: strand.colour,
                    halo,
                    badge: strand.badge,
                    width: width_of(si, li),
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

/// The length of a polyline, design px.
pub(crate) fn length(points: &[Pt]) -> f64 {
    points
        .windows(2)
        .map(|w| (w[1].0 - w[0].0).hypot(w[1].1 - w[0].1))
        .sum()
}

/// Legs are simplified (Douglas–Peucker) to this fraction of a design px.
const TOLERANCE_PX: f64 = 0.1;

/// Route names in tooltips are cut to this many characters (each leg's
/// tooltip repeats its route's name).
const TOOLTIP_ROUTE_CHARS: usize = 80;

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
        thousands(km)
    );
    if let Some(r) = &l.route {
        t.push_str(&format!("; route: {}", clip(r, TOOLTIP_ROUTE_CHARS)));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offset_moves_a_horizontal_line_up_for_positive_offsets() {
        let out = offset_polyline(&[(0.0, 0.0), (10.0, 0.0)], 2.0);
        assert_eq!(out, vec![(0.0, -2.0), (10.0, -2.0)]);
    }
}
