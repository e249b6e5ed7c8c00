//! Planar clipping and simplification, used both on longitude/latitude rings
//! (before projecting) and on screen coordinates (after).

/// An axis-aligned rectangle; `x0 <= x1`, `y0 <= y1`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Minimum x.
    pub x0: f64,
    /// Minimum y.
    pub y0: f64,
    /// Maximum x.
    pub x1: f64,
    /// Maximum y.
    pub y1: f64,
}

impl Rect {
    /// A rectangle from two corners in any order.
    pub fn new(x0: f64, y0: f64, x1: f64, y1: f64) -> Self {
        Rect {
            x0: x0.min(x1),
            y0: y0.min(y1),
            x1: x0.max(x1),
            y1: y0.max(y1),
        }
    }

    /// The bounding box of some points, or `None` if there are none.
    pub fn bounding(points: impl IntoIterator<Item = (f64, f64)>) -> Option<Self> {
        let mut it = points.into_iter();
        let first = it.next()?;
        let mut r = Rect::new(first.0, first.1, first.0, first.1);
        for p in it {
            r.x0 = r.x0.min(p.0);
            r.y0 = r.y0.min(p.1);
            r.x1 = r.x1.max(p.0);
            r.y1 = r.y1.max(p.1);
        }
        Some(r)
    }

    /// Width.
    pub fn width(&self) -> f64 {
        self.x1 - self.x0
    }

    /// Height.
    pub fn height(&self) -> f64 {
        self.y1 - self.y0
    }

    /// Whether a point lies inside or on the edge.
    pub fn contains(&self, p: (f64, f64)) -> bool {
        p.0 >= self.x0 && p.0 <= self.x1 && p.1 >= self.y0 && p.1 <= self.y1
    }

    /// Whether two rectangles overlap (touching edges do not count).
    pub fn intersects(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    /// Whether `o` lies entirely inside this rectangle.
    pub fn contains_rect(&self, o: &Rect) -> bool {
        o.x0 >= self.x0 && o.x1 <= self.x1 && o.y0 >= self.y0 && o.y1 <= self.y1
    }

    /// The smallest rectangle holding both.
    pub fn union(&self, o: &Rect) -> Rect {
        Rect::new(
            self.x0.min(o.x0),
            self.y0.min(o.y0),
            self.x1.max(o.x1),
            self.y1.max(o.y1),
        )
    }

    /// The rectangle grown by `d` on every side.
    pub fn inflate(&self, d: f64) -> Rect {
        Rect::new(self.x0 - d, self.y0 - d, self.x1 + d, self.y1 + d)
    }
}

/// Clip a closed ring (first point not repeated, or repeated: both work) to a
/// rectangle (Sutherland–Hodgman). The result may have edges along the
/// rectangle's border; fill it, do not stroke it.
pub fn clip_ring(ring: &[(f64, f64)], r: &Rect) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = ring.to_vec();
    // Each edge: inside test and intersection with the boundary line.
    type Inside = fn(&Rect, (f64, f64)) -> bool;
    type Cross = fn(&Rect, (f64, f64), (f64, f64)) -> (f64, f64);
    let edges: [(Inside, Cross); 4] = [
        (|r, p| p.0 >= r.x0, |r, a, b| at_x(a, b, r.x0)),
        (|r, p| p.0 <= r.x1, |r, a, b| at_x(a, b, r.x1)),
        (|r, p| p.1 >= r.y0, |r, a, b| at_y(a, b, r.y0)),
        (|r, p| p.1 <= r.y1, |r, a, b| at_y(a, b, r.y1)),
    ];
    for (inside, cross) in edges {
        if out.is_empty() {
            break;
        }
        let input = std::mem::take(&mut out);
        let mut prev = *input.last().expect("non-empty");
        for &cur in &input {
            match (inside(r, prev), inside(r, cur)) {
                (true, true) => out.push(cur),
                (true, false) => out.push(cross(r, prev, cur)),
                (false, true) => {
                    out.push(cross(r, prev, cur));
                    out.push(cur);
                }
                (false, false) => {}
            }
            prev = cur;
        }
    }
    if out.len() < 3 { Vec::new() } else { out }
}

fn at_x(a: (f64, f64), b: (f64, f64), x: f64) -> (f64, f64) {
    let t = (x - a.0) / (b.0 - a.0);
    (x, a.1 + t * (b.1 - a.1))
}

fn at_y(a: (f64, f64), b: (f64, f64), y: f64) -> (f64, f64) {
    let t = (y - a.1) / (b.1 - a.1);
    (a.0 + t * (b.0 - a.0), y)
}

/// Clip an open polyline to a rectangle (Liang–Barsky per segment), returning
/// the pieces that lie inside, each with at least two points.
pub fn clip_polyline(line: &[(f64, f64)], r: &Rect) -> Vec<Vec<(f64, f64)>> {
    let mut pieces: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut current: Vec<(f64, f64)> = Vec::new();
    for w in line.windows(2) {
        match clip_segment(w[0], w[1], r) {
            Some((a, b)) => {
                if current.last() != Some(&a) {
                    if current.len() >= 2 {
                        pieces.push(std::mem::take(&mut current));
                    }
                    current.clear();
                    current.push(a);
                }
                current.push(b);
                if b != w[1] {
                    // Left the rectangle.
                    if current.len() >= 2 {
                        pieces.push(std::mem::take(&mut current));
                    }
                    current.clear();
                }
            }
            None => {
                if current.len() >= 2 {
                    pieces.push(std::mem::take(&mut current));
                }
                current.clear();
            }
        }
    }
    if current.len() >= 2 {
        pieces.push(current);
    }
    pieces
}

fn clip_segment(a: (f64, f64), b: (f64, f64), r: &Rect) -> Option<((f64, f64), (f64, f64))> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let mut t0: f64 = 0.0;
    let mut t1: f64 = 1.0;
    for (p, q) in [
        (-dx, a.0 - r.x0),
        (dx, r.x1 - a.0),
        (-dy, a.1 - r.y0),
        (dy, r.y1 - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    if t0 > t1 {
        return None;
    }
    let pa = if t0 == 0.0 {
        a
    } else {
        (a.0 + t0 * dx, a.1 + t0 * dy)
    };
    let pb = if t1 == 1.0 {
        b
    } else {
        (a.0 + t1 * dx, a.1 + t1 * dy)
    };
    Some((pa, pb))
}

/// Douglas–Peucker simplification: drop points closer than `tolerance` to the
/// line through their kept neighbours. Ends are always kept.
pub fn simplify(points: &[(f64, f64)], tolerance: f64) -> Vec<(f64, f64)> {
    if points.len() <= 2 {
        return points.to_vec();
    }
    let mut keep = vec![false; points.len()];
    keep[0] = true;
    keep[points.len() - 1] = true;
    let mut stack = vec![(0usize, points.len() - 1)];
    let tol2 = tolerance * tolerance;
    while let Some((i, j)) = stack.pop() {
        if j <= i + 1 {
            continue;
        }
        let (a, b) = (points[i], points[j]);
        let mut best = (0.0, i);
        for (k, &p) in points.iter().enumerate().take(j).skip(i + 1) {
            let d = dist2_to_segment(p, a, b);
            if d > best.0 {
                best = (d, k);
            }
        }
        if best.0 > tol2 {
            keep[best.1] = true;
            stack.push((i, best.1));
            stack.push((best.1, j));
        }
    }
    points
        .iter()
        .zip(keep)
        .filter_map(|(p, k)| k.then_some(*p))
        .collect()
}

fn dist2_to_segment(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 {
        0.0
    } else {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len2).clamp(0.0, 1.0)
    };
    let (cx, cy) = (a.0 + t * dx, a.1 + t * dy);
    (p.0 - cx).powi(2) + (p.1 - cy).powi(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    const R: Rect = Rect {
        x0: 0.0,
        y0: 0.0,
        x1: 10.0,
        y1: 10.0,
    };

    mod rings {
        use super::*;

        #[test]
        fn ring_inside_is_unchanged() {
            let ring = vec![(1.0, 1.0), (9.0, 1.0), (9.0, 9.0)];
            assert_eq!(clip_ring(&ring, &R), ring);
        }

        #[test]
        fn ring_outside_vanishes() {
            assert!(clip_ring(&[(20.0, 20.0), (30.0, 20.0), (30.0, 30.0)], &R).is_empty());
        }

        #[test]
        fn every_clipped_point_is_inside() {
            let ring = vec![(-5.0, 5.0), (5.0, -5.0), (15.0, 5.0), (5.0, 15.0)];
            let out = clip_ring(&ring, &R);
            assert!(out.len() >= 4);
            assert!(out.iter().all(|&p| R.contains(p)), "{out:?}");
        }
    }

    mod polylines {
        use super::*;

        #[test]
        fn line_leaving_and_reentering_splits_in_two() {
            let line = vec![(1.0, 5.0), (5.0, 5.0), (15.0, 5.0), (15.0, 8.0), (5.0, 8.0)];
            let pieces = clip_polyline(&line, &R);
            assert_eq!(pieces.len(), 2);
            assert_eq!(pieces[0], vec![(1.0, 5.0), (5.0, 5.0), (10.0, 5.0)]);
            assert_eq!(pieces[1], vec![(10.0, 8.0), (5.0, 8.0)]);
        }

        #[test]
        fn line_crossing_without_vertices_inside_is_kept() {
            let pieces = clip_polyline(&[(-5.0, 5.0), (15.0, 5.0)], &R);
            assert_eq!(pieces, vec![vec![(0.0, 5.0), (10.0, 5.0)]]);
        }
    }

    mod simplification {
        use super::*;

        #[test]
        fn collinear_points_are_dropped_and_ends_kept() {
            let pts: Vec<(f64, f64)> = (0..10).map(|i| (i as f64, 0.0)).collect();
            assert_eq!(simplify(&pts, 0.1), vec![(0.0, 0.0), (9.0, 0.0)]);
        }

        #[test]
        fn a_corner_is_kept() {
            let pts = vec![(0.0, 0.0), (5.0, 5.0), (10.0, 0.0)];
            assert_eq!(simplify(&pts, 0.5), pts);
        }
    }
}
