//! Mode symbols: a plane, a train, a car, a ship, and a question mark for a
//! mode the source does not state, each in a disc in the background colour
//! with a rim in the line's colour. Maps put one at the middle of each leg
//! of a route or path; legends and the comparison chart use the same
//! drawing, so a symbol means the same everywhere.
//!
//! Shapes are drawn in a unit box (−1 to 1, y down) and scaled to the disc.

use super::scene::{Geometry, Group, Pt, Style};
use super::style::Colour;
use crate::model::Mode;

/// One part of a symbol, in unit coordinates.
enum Part {
    /// A filled polygon.
    Poly(&'static [Pt]),
    /// A filled circle: centre and radius.
    Dot(Pt, f64),
    /// A stroked polyline with round ends: points and width.
    Stroke(&'static [Pt], f64),
}

/// A symbol: parts in the line's colour, then parts cut out of them in the
/// background colour (windows, lights).
struct Symbol {
    ink: &'static [Part],
    knock: &'static [Part],
}

/// A plane seen from above, nose up.
const PLANE: Symbol = Symbol {
    ink: &[Part::Poly(&[
        (0.0, -1.0),
        (0.17, -0.8),
        (0.17, -0.3),
        (0.95, 0.12),
        (0.95, 0.34),
        (0.17, 0.12),
        (0.17, 0.56),
        (0.45, 0.78),
        (0.45, 0.95),
        (0.0, 0.84),
        (-0.45, 0.95),
        (-0.45, 0.78),
        (-0.17, 0.56),
        (-0.17, 0.12),
        (-0.95, 0.34),
        (-0.95, 0.12),
        (-0.17, -0.3),
        (-0.17, -0.8),
    ])],
    knock: &[],
};

/// A train from the front, on its rails.
const TRAIN: Symbol = Symbol {
    ink: &[
        Part::Poly(&[
            (-0.5, -1.0),
            (0.5, -1.0),
            (0.68, -0.82),
            (0.68, 0.46),
            (0.52, 0.62),
            (-0.52, 0.62),
            (-0.68, 0.46),
            (-0.68, -0.82),
        ]),
        Part::Poly(&[(-0.5, 0.6), (-0.26, 0.6), (-0.5, 1.0), (-0.78, 1.0)]),
        Part::Poly(&[(0.26, 0.6), (0.5, 0.6), (0.78, 1.0), (0.5, 1.0)]),
    ],
    knock: &[
        Part::Poly(&[(-0.47, -0.76), (0.47, -0.76), (0.47, -0.14), (-0.47, -0.14)]),
        Part::Dot((-0.36, 0.22), 0.13),
        Part::Dot((0.36, 0.22), 0.13),
    ],
};

/// A car from the front.
const CAR: Symbol = Symbol {
    ink: &[
        Part::Poly(&[
            (-0.62, -0.72),
            (0.62, -0.72),
            (0.84, -0.08),
            (0.98, 0.02),
            (0.98, 0.56),
            (-0.98, 0.56),
            (-0.98, 0.02),
            (-0.84, -0.08),
        ]),
        Part::Poly(&[(-0.9, 0.5), (-0.5, 0.5), (-0.5, 0.92), (-0.9, 0.92)]),
        Part::Poly(&[(0.5, 0.5), (0.9, 0.5), (0.9, 0.92), (0.5, 0.92)]),
    ],
    knock: &[
        Part::Poly(&[(-0.5, -0.56), (0.5, -0.56), (0.66, -0.12), (-0.66, -0.12)]),
        Part::Dot((-0.6, 0.22), 0.15),
        Part::Dot((0.6, 0.22), 0.15),
    ],
};

/// A ship from the side: hull, deck house and funnel.
const SHIP: Symbol = Symbol {
    ink: &[
        Part::Poly(&[(-1.0, 0.12), (1.0, 0.12), (0.68, 0.7), (-0.68, 0.7)]),
        Part::Poly(&[(-0.56, -0.3), (0.44, -0.3), (0.44, 0.16), (-0.56, 0.16)]),
        Part::Poly(&[(-0.22, -0.8), (0.14, -0.8), (0.14, -0.26), (-0.22, -0.26)]),
    ],
    knock: &[],
};

/// A question mark: the source does not say how this leg was travelled.
const UNKNOWN: Symbol = Symbol {
    ink: &[
        Part::Stroke(
            &[
                (-0.42, -0.42),
                (-0.36, -0.68),
                (-0.14, -0.84),
                (0.14, -0.84),
                (0.36, -0.68),
                (0.42, -0.44),
                (0.32, -0.22),
                (0.0, 0.0),
                (0.0, 0.3),
            ],
            0.3,
        ),
        Part::Dot((0.0, 0.72), 0.19),
    ],
    knock: &[],
};

fn symbol(mode: Mode) -> &'static Symbol {
    match mode {
        Mode::Air => &PLANE,
        Mode::Rail => &TRAIN,
        Mode::Road => &CAR,
        Mode::Sea => &SHIP,
        Mode::Unknown => &UNKNOWN,
    }
}

/// The radius of a mode symbol's disc on a line `width` wide, design px.
pub(crate) fn disc_radius(width: f64) -> f64 {
    7.5f64.max(width / 2.0 + 3.5)
}

/// The smallest disc a symbol shrinks to on a short line, design px.
const MIN_RADIUS: f64 = 5.0;

/// Room kept between a symbol and the ends of its line, where the place
/// markers are, design px.
pub(crate) const END_CLEARANCE: f64 = 6.0;

/// Gap between the discs of legs side by side, design px.
const SIDE_BY_SIDE_GAP: f64 = 2.0;

/// The radius of the symbols of `n` legs side by side, `length_px` long, of
/// which the widest is `width` wide, and the distance between their centres
/// along the line: full size where they fit one after another between the
/// line's ends, smaller (down to a radius of 5 px) where they do not.
pub(crate) fn fitted(n: usize, length_px: f64, width: f64) -> (f64, f64) {
    let full = disc_radius(width);
    let room = (length_px - 2.0 * END_CLEARANCE) / n.max(1) as f64;
    let r = ((room - SIDE_BY_SIDE_GAP) / 2.0).clamp(MIN_RADIUS.min(full), full);
    (r, 2.0 * r + SIDE_BY_SIDE_GAP)
}

/// How much of the disc's radius the shape inside fills.
const SHAPE_SHARE: f64 = 0.64;

/// The symbol of `mode` as a group: a disc of radius `r` at `centre` in
/// `background`, its rim and shape in `colour`.
pub(crate) fn mode_symbol(
    mode: Mode,
    centre: Pt,
    r: f64,
    colour: Colour,
    background: Colour,
) -> Group {
    let mut g = Group::default();
    g.shape(Geometry::Circle { centre, r }, Style::fill(background));
    g.shape(
        Geometry::Circle { centre, r: r - 0.6 },
        Style::line(colour, 1.2),
    );
    let s = r * SHAPE_SHARE;
    let at = |&(x, y): &Pt| (centre.0 + x * s, centre.1 + y * s);
    let sym = symbol(mode);
    for (parts, paint) in [(sym.ink, colour), (sym.knock, background)] {
        for part in parts {
            match part {
                Part::Poly(pts) => g.shape(
                    Geometry::ring(pts.iter().map(at).collect()),
                    Style::fill(paint),
                ),
                Part::Dot(c, rd) => g.shape(
                    Geometry::Circle {
                        centre: at(c),
                        r: rd * s,
                    },
                    Style::fill(paint),
                ),
                Part::Stroke(pts, w) => g.shape(
                    Geometry::line(pts.iter().map(at).collect()),
                    Style::line(paint, w * s).round(),
                ),
            }
        }
    }
    g
}

#[cfg(test)]
mod tests {
    use super::*;

    const MODES: [Mode; 5] = [Mode::Air, Mode::Rail, Mode::Road, Mode::Sea, Mode::Unknown];

    fn points(p: &Part) -> Vec<Pt> {
        match p {
            Part::Poly(pts) | Part::Stroke(pts, _) => pts.to_vec(),
            Part::Dot((x, y), r) => vec![(x - r, y - r), (x + r, y + r)],
        }
    }

    #[test]
    fn every_shape_stays_inside_its_disc() {
        for m in MODES {
            let sym = symbol(m);
            for part in sym.ink.iter().chain(sym.knock) {
                for (x, y) in points(part) {
                    // Scaled to the disc, the shape keeps clear of the rim.
                    let d = (x * x + y * y).sqrt() * SHAPE_SHARE;
                    assert!(d < 0.9, "{m:?}: ({x}, {y}) at {d}");
                }
            }
        }
    }

    #[test]
    fn symbols_shrink_on_short_lines_but_not_below_the_least_size() {
        assert_eq!(fitted(1, 200.0, 2.6), (7.5, 17.0));
        assert_eq!(fitted(2, 200.0, 2.6), (7.5, 17.0));
        let (r, spacing) = fitted(2, 40.0, 2.6);
        assert!(r < 7.5 && 2.0 * spacing <= 40.0 - 2.0 * END_CLEARANCE + 1e-9);
        assert_eq!(fitted(3, 10.0, 2.6).0, MIN_RADIUS);
        // A wide flow line keeps a disc wider than itself.
        assert!(fitted(1, 200.0, 11.0).0 > 5.5);
    }

    #[test]
    fn modes_have_different_symbols() {
        let drawn: Vec<Group> = MODES
            .iter()
            .map(|&m| mode_symbol(m, (0.0, 0.0), 8.0, Colour(0, 0, 0), Colour(255, 255, 255)))
            .collect();
        for (i, a) in drawn.iter().enumerate() {
            for b in &drawn[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }
}
