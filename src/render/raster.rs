//! Raster helpers for painting on backends that cannot do it themselves:
//! the outline of a shape as rings, dash patterns cut into dashes, fills
//! by scanline under a fill rule, and hatch lines clipped to an area.

use super::scene::{FillRule, Geometry, Pt};

/// The outline of a geometry as rings (or runs), in design units.
/// Points that are not finite split a run (and are dropped); so do points
/// beyond ±1e9 units, which no backend can show.
pub(crate) fn outline(g: &Geometry) -> Vec<Vec<Pt>> {
    let finite = |p: &Pt| p.0.abs() <= 1e9 && p.1.abs() <= 1e9;
    let runs = match g {
        Geometry::Path { runs, .. } => runs
            .iter()
            .flat_map(|r| r.split(|p| !finite(p)))
            .filter(|r| r.len() >= 2)
            .map(<[Pt]>::to_vec)
            .collect(),
        Geometry::Circle { centre, r } => {
            let r = r.abs();
            let n = 48;
            vec![
                (0..n)
                    .map(|i| {
                        let a = std::f64::consts::TAU * f64::from(i) / f64::from(n);
                        (centre.0 + r * a.cos(), centre.1 + r * a.sin())
                    })
                    .collect(),
            ]
        }
        Geometry::Rect { min, max } => vec![vec![
            (min.0, min.1),
            (max.0, min.1),
            (max.0, max.1),
            (min.0, max.1),
        ]],
    };
    runs.into_iter()
        .filter(|r: &Vec<Pt>| r.iter().all(finite))
        .collect()
}

/// The distance between two points.
pub(crate) fn dist(a: Pt, b: Pt) -> f64 {
    (b.0 - a.0).hypot(b.1 - a.1)
}

/// At most this many dashes are cut from one line; the rest of it is drawn
/// solid (a dash pattern finer than a pixel looks solid anyway).
const MAX_DASHES: usize = 200_000;

/// Cut a polyline into the "on" pieces of a dash pattern (design units). A
/// pattern of no length is solid, as in SVG.
pub(crate) fn dash(line: &[Pt], pattern: &[f64]) -> Vec<Vec<Pt>> {
    let sum: f64 = pattern
        .iter()
        .filter(|v| v.is_finite())
        .map(|v| v.max(0.0))
        .sum();
    if pattern.is_empty() || sum <= 0.0 || !sum.is_finite() || line.len() < 2 {
        return vec![line.to_vec()];
    }
    // A dash or gap of no length (or a negative one, or NaN) would never
    // advance along the line: each is at least a thousandth of a unit.
    let pattern: Vec<f64> = pattern
        .iter()
        .map(|v| if v.is_finite() { v.max(1e-3) } else { 1e-3 })
        .collect();
    let pattern = &pattern[..];
    let mut out = Vec::new();
    let mut current: Vec<Pt> = Vec::new();
    let (mut i, mut left, mut on) = (0usize, pattern[0], true);
    if on {
        current.push(line[0]);
    }
    for (wi, w) in line.windows(2).enumerate() {
        let (a, bpt) = (w[0], w[1]);
        let seg = dist(a, bpt);
        // A segment of no finite length, or too long for the pattern to
        // advance along it, ends the dashing: the rest is drawn solid.
        if !seg.is_finite() || seg + left == seg || out.len() > MAX_DASHES {
            if !on {
                current = vec![a];
            }
            current.extend_from_slice(&line[wi + 1..]);
            out.push(current);
            return out.into_iter().filter(|p| p.len() >= 2).collect();
        }
        let mut t = 0.0;
        while seg - t > left {
            t += left;
            let p = (a.0 + (bpt.0 - a.0) * t / seg, a.1 + (bpt.1 - a.1) * t / seg);
            if on {
                current.push(p);
                out.push(std::mem::take(&mut current));
            } else {
                current.push(p);
            }
            on = !on;
            i = (i + 1) % pattern.len();
            left = pattern[i];
        }
        left -= seg - t;
        if on {
            current.push(bpt);
        }
    }
    if on && current.len() >= 2 {
        out.push(current);
    }
    out
}

/// Horizontal spans `(y, x0, x1)` of backend pixels inside the rings, by
/// the fill rule, sampled at each pixel row's centre.
pub(crate) fn spans(
    rings: &[Vec<(f64, f64)>],
    rule: FillRule,
    height: u32,
) -> Vec<(i32, i32, i32)> {
    let mut edges: Vec<((f64, f64), (f64, f64))> = Vec::new();
    let (mut top, mut bottom) = (f64::INFINITY, f64::NEG_INFINITY);
    for r in rings.iter().filter(|r| r.len() >= 3) {
        for i in 0..r.len() {
            let (a, b) = (r[i], r[(i + 1) % r.len()]);
            if a.1 != b.1 {
                edges.push((a, b));
            }
            top = top.min(a.1);
            bottom = bottom.max(a.1);
        }
    }
    let mut out = Vec::new();
    let y0 = top.floor().max(0.0) as i32;
    let y1 = bottom.ceil().min(f64::from(height)) as i32;
    let mut crossings: Vec<(f64, i32)> = Vec::new();
    for y in y0..y1 {
        let sy = f64::from(y) + 0.5;
        crossings.clear();
        for &(a, b) in &edges {
            let (lo, hi) = if a.1 < b.1 { (a, b) } else { (b, a) };
            if sy >= lo.1 && sy < hi.1 {
                let x = lo.0 + (sy - lo.1) / (hi.1 - lo.1) * (hi.0 - lo.0);
                crossings.push((x, if a.1 < b.1 { 1 } else { -1 }));
            }
        }
        crossings.sort_by(|p, q| p.0.total_cmp(&q.0));
        let mut winding = 0;
        for w in crossings.windows(2) {
            winding += w[0].1;
            let inside = match rule {
                FillRule::NonZero => winding != 0,
                FillRule::EvenOdd => winding % 2 != 0,
            };
            let (x0, x1) = (w[0].0.round() as i32, w[1].0.round() as i32 - 1);
            if inside && x1 >= x0 {
                out.push((y, x0, x1));
            }
        }
    }
    out
}

/// Hatch lines at `angle_deg` from vertical, `spacing` apart, clipped to the
/// rings (even-odd), in design units.
pub(crate) fn hatch(rings: &[Vec<Pt>], spacing: f64, angle_deg: f64) -> Vec<Vec<Pt>> {
    let a = angle_deg.to_radians();
    // Line direction (rotated vertical) and its normal.
    let (dir, normal) = ((-a.sin(), a.cos()), (a.cos(), a.sin()));
    let along = |p: Pt| p.0 * dir.0 + p.1 * dir.1;
    let across = |p: Pt| p.0 * normal.0 + p.1 * normal.1;
    let pts = rings.iter().flatten();
    let (lo, hi) = pts.fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &p| {
        (l.min(across(p)), h.max(across(p)))
    });
    let mut out = Vec::new();
    // No lines for an area of no finite size, or more than 100,000 of them.
    let usable = spacing.is_finite() && spacing > 0.0;
    if !usable || !lo.is_finite() || !hi.is_finite() || (hi - lo) / spacing > 1e5 {
        return out;
    }
    // Lines mid-tile, as the SVG pattern draws them: at (k + ½) spacings.
    let mut c = ((lo / spacing - 0.5).ceil() + 0.5) * spacing;
    while c <= hi {
        let mut ts: Vec<f64> = Vec::new();
        for r in rings.iter().filter(|r| r.len() >= 3) {
            for i in 0..r.len() {
                let (p, q) = (r[i], r[(i + 1) % r.len()]);
                let (cp, cq) = (across(p) - c, across(q) - c);
                if (cp < 0.0) != (cq < 0.0) {
                    let t = cp / (cp - cq);
                    ts.push(along(p) + t * (along(q) - along(p)));
                }
            }
        }
        ts.sort_by(f64::total_cmp);
        for pair in ts.chunks_exact(2) {
            let at = |s: f64| (normal.0 * c + dir.0 * s, normal.1 * c + dir.1 * s);
            out.push(vec![at(pair[0]), at(pair[1])]);
        }
        c += spacing;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dash_patterns_cut_lines_into_pieces() {
        let pieces = dash(&[(0.0, 0.0), (10.0, 0.0)], &[2.0, 3.0]);
        let starts: Vec<f64> = pieces.iter().map(|p| p[0].0).collect();
        assert_eq!(starts, vec![0.0, 5.0]);
        assert!((pieces[0][1].0 - 2.0).abs() < 1e-9);
    }

    #[test]
    fn zero_length_dashes_still_advance() {
        let pieces = dash(&[(0.0, 0.0), (1.0, 0.0)], &[0.0, 0.5]);
        assert!(!pieces.is_empty() && pieces.len() <= 3, "{pieces:?}");
        // A pattern of no length is solid, as in SVG.
        assert_eq!(dash(&[(0.0, 0.0), (1200.0, 0.0)], &[0.0, 0.0]).len(), 1);
    }

    #[test]
    fn lines_of_no_finite_length_end_in_time() {
        // Regression (review): these never returned.
        let inf = f64::INFINITY;
        assert!(!dash(&[(0.0, 0.0), (inf, 0.0)], &[2.0, 3.0]).is_empty());
        assert_eq!(dash(&[(0.0, 0.0), (1e18, 0.0)], &[2.0, 3.0]).len(), 1);
        let huge = vec![(0.0, 0.0), (inf, 0.0), (inf, 10.0), (0.0, 10.0)];
        assert!(hatch(&[huge], 2.0, 45.0).is_empty());
        let square = vec![(0.0, 0.0), (1000.0, 0.0), (1000.0, 1000.0), (0.0, 1000.0)];
        assert!(hatch(&[square], 1e-14, 0.0).is_empty());
        let path = Geometry::line(vec![(0.0, 0.0), (f64::NAN, 1.0), (2.0, 2.0), (3.0, 3.0)]);
        assert_eq!(outline(&path), vec![vec![(2.0, 2.0), (3.0, 3.0)]]);
    }

    #[test]
    fn even_odd_leaves_holes_open() {
        let outer = vec![(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)];
        let hole = vec![(3.0, 3.0), (7.0, 3.0), (7.0, 7.0), (3.0, 7.0)];
        let rows = spans(&[outer.clone(), hole.clone()], FillRule::EvenOdd, 100);
        let row5: Vec<_> = rows.iter().filter(|s| s.0 == 5).collect();
        assert_eq!(row5.len(), 2, "{row5:?}");
        let filled: i32 = rows.iter().map(|s| s.2 - s.1 + 1).sum();
        assert_eq!(filled, 100 - 16);
    }

    #[test]
    fn hatch_lines_stay_inside() {
        let square = vec![(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)];
        let lines = hatch(&[square], 2.0, 45.0);
        assert!(lines.len() >= 6);
        for l in lines {
            for p in l {
                assert!(p.0 > -1e-9 && p.0 < 10.0 + 1e-9 && p.1 > -1e-9 && p.1 < 10.0 + 1e-9);
            }
        }
    }
}
