//! Label placement: each place's name goes at the best free candidate position
//! around its marker, in priority order, never overlapping another label, a
//! marker, the legend or the frame. If no position next to the marker is free,
//! the label moves further out and gets a leader line.
//!
//! Candidate positions, in order of preference (the usual cartographic order):
//! right, upper right, lower right, left, upper left, lower left, above, below.
//! Among free candidates the one covering the fewest route-line points wins,
//! ties going to the earlier candidate.

use super::text::{Anchor, CAP_HEIGHT, DESCENT, TextLine, Weight};
use crate::map::clip::Rect;

/// A label to place.
#[derive(Debug, Clone)]
pub struct Request {
    /// Label text.
    pub text: String,
    /// The marker centre.
    pub at: (f64, f64),
    /// The marker radius.
    pub radius: f64,
    /// Font size.
    pub size: f64,
    /// Weight.
    pub weight: Weight,
}

/// A placed label.
#[derive(Debug, Clone)]
pub struct Placed {
    /// Which request this is (index into the input).
    pub request: usize,
    /// The text line to write.
    pub line: TextLine,
    /// A leader line from the marker to the label, if the label had to move away.
    pub leader: Option<((f64, f64), (f64, f64))>,
    /// Whether the label overlaps something (no free position existed).
    pub forced: bool,
}

fn candidate(r: &Request, pos: usize, gap: f64) -> TextLine {
    let (px, py) = r.at;
    let s = r.size;
    let diag = gap * 0.75;
    let mid_baseline = py + (CAP_HEIGHT - DESCENT) / 2.0 * s;
    let (x, y, anchor) = match pos {
        0 => (px + gap, mid_baseline, Anchor::Start),
        1 => (px + diag, py - diag - DESCENT * s, Anchor::Start),
        2 => (px + diag, py + diag + CAP_HEIGHT * s, Anchor::Start),
        3 => (px - gap, mid_baseline, Anchor::End),
        4 => (px - diag, py - diag - DESCENT * s, Anchor::End),
        5 => (px - diag, py + diag + CAP_HEIGHT * s, Anchor::End),
        6 => (px, py - gap - DESCENT * s, Anchor::Middle),
        _ => (px, py + gap + CAP_HEIGHT * s, Anchor::Middle),
    };
    TextLine {
        text: r.text.clone(),
        x,
        y,
        size: s,
        weight: r.weight,
        anchor,
    }
}

/// The point of `b` nearest to `p`.
fn nearest_on(b: &Rect, p: (f64, f64)) -> (f64, f64) {
    (p.0.clamp(b.x0, b.x1), p.1.clamp(b.y0, b.y1))
}

/// Place labels in the order given (highest priority first).
///
/// `obstacles` are boxes no label may overlap (markers, legend...), `frame` the
/// box every label must stay inside, `lines` points on drawn lines that labels
/// should avoid covering, and `clearance` the minimum gap between boxes.
pub fn place(
    requests: &[Request],
    obstacles: &[Rect],
    frame: &Rect,
    lines: &[(f64, f64)],
    clearance: f64,
) -> Vec<Placed> {
    let mut taken: Vec<Rect> = obstacles.to_vec();
    let mut out = Vec::with_capacity(requests.len());
    let inner = frame.inflate(-clearance);
    for (ri, r) in requests.iter().enumerate() {
        let mut best: Option<(usize, TextLine, bool)> = None;
        'rings: for (ring, gap_factor) in
            [(0, 1.0), (1, 2.6), (2, 4.5), (3, 7.0), (4, 10.0), (5, 14.0)]
        {
            let gap = r.radius + r.size * 0.3 * gap_factor + clearance;
            for pos in 0..8 {
                let line = candidate(r, pos, gap);
                let b = line.bbox();
                if !inner.contains_rect(&b) {
                    continue;
                }
                let grown = b.inflate(clearance);
                if taken.iter().any(|t| t.intersects(&grown)) {
                    continue;
                }
                let covered = lines.iter().filter(|&&p| grown.contains(p)).count();
                if best.as_ref().is_none_or(|(c, _, _)| covered < *c) {
                    best = Some((covered, line, ring > 0));
                }
                if covered == 0 {
                    break 'rings;
                }
            }
            if best.is_some() {
                break;
            }
        }
        let (line, leader, forced) = match best {
            Some((_, line, moved)) => {
                let leader = moved.then(|| {
                    let b = line.bbox();
                    let end = nearest_on(&b.inflate(clearance / 2.0), r.at);
                    let (dx, dy) = (end.0 - r.at.0, end.1 - r.at.1);
                    let len = (dx * dx + dy * dy).sqrt().max(1e-9);
                    let start = (r.at.0 + dx / len * r.radius, r.at.1 + dy / len * r.radius);
                    (start, end)
                });
                (line, leader, false)
            }
            // Nowhere free: keep the preferred position, flagged, rather than drop a name.
            None => (candidate(r, 0, r.radius + clearance), None, true),
        };
        taken.push(line.bbox());
        out.push(Placed {
            request: ri,
            line,
            leader,
            forced,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(text: &str, at: (f64, f64)) -> Request {
        Request {
            text: text.into(),
            at,
            radius: 4.0,
            size: 12.0,
            weight: Weight::Normal,
        }
    }

    #[test]
    fn lone_label_goes_right_of_its_marker() {
        let frame = Rect::new(0.0, 0.0, 500.0, 500.0);
        let placed = place(&[req("Moscow", (100.0, 100.0))], &[], &frame, &[], 2.0);
        assert_eq!(placed[0].line.anchor, Anchor::Start);
        assert!(placed[0].line.x > 100.0);
        assert!(placed[0].leader.is_none());
    }

    #[test]
    fn label_at_the_right_edge_flips_left() {
        let frame = Rect::new(0.0, 0.0, 500.0, 500.0);
        let placed = place(&[req("Vladivostok", (490.0, 250.0))], &[], &frame, &[], 2.0);
        assert_eq!(placed[0].line.anchor, Anchor::End);
    }

    #[test]
    fn crowded_labels_never_overlap() {
        let frame = Rect::new(0.0, 0.0, 400.0, 400.0);
        let reqs: Vec<Request> = (0..12)
            .map(|i| {
                req(
                    &format!("Place {i}"),
                    (150.0 + (i % 4) as f64 * 20.0, 150.0 + (i / 4) as f64 * 20.0),
                )
            })
            .collect();
        let markers: Vec<Rect> = reqs
            .iter()
            .map(|r| Rect::new(r.at.0 - 4.0, r.at.1 - 4.0, r.at.0 + 4.0, r.at.1 + 4.0))
            .collect();
        let placed = place(&reqs, &markers, &frame, &[], 1.0);
        for (i, a) in placed.iter().enumerate() {
            assert!(!a.forced, "label {i} found no place");
            for m in &markers {
                assert!(!a.line.bbox().intersects(m));
            }
            for b in &placed[i + 1..] {
                assert!(!a.line.bbox().intersects(&b.line.bbox()));
            }
        }
    }
}
