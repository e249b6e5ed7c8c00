//! How a leg looks, as scene groups: a casing under every line, the line in
//! its route's colour with the dash pattern of its evidence (faded when
//! disputed), and at its middle its marks: the mode symbol, the direction
//! arrow just after it and, in the print theme, the route's numbered badge
//! just before it. The routes layer and the legend's swatches are drawn with
//! the same functions.

use super::legs::{DrawnLeg, MarksPlace, length};
use super::raster::dist;
use super::scene::{Geometry, Group, Paint, Pt, Style, Text};
use super::style::{Colour, dash_pattern, evidence_colour, size};
use super::symbols::{END_CLEARANCE, mode_symbol};
use super::text::{Anchor, CAP_HEIGHT, TextLine, Weight};
use crate::map::clip::Rect;

/// A leg's line style: its colour (faded if disputed) and width, round ends,
/// and the dash pattern of its evidence (in multiples of the width).
pub(crate) fn line_style(l: &DrawnLeg) -> Style {
    let colour = evidence_colour(l.colour, l.evidence, l.halo);
    let mut style = Style::line(colour, l.width).round();
    if let Some(pattern) = dash_pattern(l.evidence)
        && let Some(stroke) = style.stroke.as_mut()
    {
        stroke.dash = Some(pattern.iter().map(|v| v * l.width).collect());
    }
    style
}

/// Radius of a numbered badge, design px.
const BADGE_R: f64 = 7.5;
/// Gap between a leg's marks, design px.
const MARK_GAP: f64 = 2.5;

/// Where a leg's marks sit: the mode symbol's centre and radius, the
/// arrow's centre and direction (if it fits on the line), the badge's
/// centre (if the leg has one).
pub(crate) struct Marks {
    pub symbol: Pt,
    pub r: f64,
    pub arrow: Option<(Pt, (f64, f64))>,
    pub badge: Option<Pt>,
}

/// Where the marks of `l` sit, or `None` for a leg without marks (or with
/// no length on the page).
pub(crate) fn marks(l: &DrawnLeg) -> Option<Marks> {
    let place = l.marks?;
    let (offset, r) = (place.offset, place.r);
    let longest = l
        .pieces
        .iter()
        .max_by(|a, b| length(a).total_cmp(&length(b)))?;
    let total = length(longest);
    if total == 0.0 {
        return None;
    }
    // The symbol's place, kept clear of the line's ends where it can be.
    let margin = r + END_CLEARANCE;
    let centre = if total > 2.0 * margin {
        (total / 2.0 + offset).clamp(margin, total - margin)
    } else {
        total / 2.0
    };
    let at = |d: f64| {
        let t = centre + d;
        (0.0..=total)
            .contains(&t)
            .then(|| point_at(longest, t / total))
            .flatten()
    };
    let (symbol, _) = at(0.0)?;
    // The arrow on the offset's side of the symbol if it fits on the line;
    // a leg alone may have it on the other side, but one beside others
    // not, where it would run into their symbols.
    let side = if offset < 0.0 { -1.0 } else { 1.0 };
    let half = arrow_len(l.width) / 2.0;
    let d_arrow = r + MARK_GAP + half;
    let sides: &[f64] = if offset == 0.0 { &[1.0, -1.0] } else { &[side] };
    let arrow = sides.iter().find_map(|&s| {
        at(s * (d_arrow + half))?;
        at(s * d_arrow).map(|a| (a, s))
    });
    // The badge beyond the arrow (or the symbol); on a line too short for
    // it, beside the symbol.
    let badge = l.badge.map(|_| {
        let (s, d) = match arrow {
            Some((_, s)) => (s, d_arrow + half + MARK_GAP + BADGE_R),
            None => (side, r + MARK_GAP + BADGE_R),
        };
        at(s * d)
            .or_else(|| at(-s * (r + MARK_GAP + BADGE_R)))
            .map_or((symbol.0, symbol.1 - r - BADGE_R), |(p, _)| p)
    });
    Some(Marks {
        symbol,
        r,
        arrow: arrow.map(|(a, _)| a),
        badge,
    })
}

/// The legs with their marks slid along their lines where a mode symbol
/// would cover one placed before it (legs of different places that run
/// close together, like two routes along the same coast): each tries its
/// place, then a disc further on, a disc back, and so on, up to four discs
/// away; if none is clear it keeps its place.
pub(crate) fn spread(mut legs: Vec<DrawnLeg>) -> Vec<DrawnLeg> {
    let mut placed: Vec<(Pt, f64)> = Vec::new();
    for l in &mut legs {
        let Some(place) = l.marks else { continue };
        let step = 2.0 * place.r + 2.0;
        let mut chosen = (place, marks(l));
        for k in [0.0, 1.0, -1.0, 2.0, -2.0, 3.0, -3.0, 4.0, -4.0] {
            let trial = MarksPlace {
                offset: place.offset + k * step,
                ..place
            };
            l.marks = Some(trial);
            let m = marks(l);
            let clear = m.as_ref().is_some_and(|m| {
                placed
                    .iter()
                    .all(|&(p, r)| dist(p, m.symbol) >= r + m.r + 1.0)
            });
            if clear {
                chosen = (trial, m);
                break;
            }
        }
        l.marks = Some(chosen.0);
        if let Some(m) = chosen.1 {
            placed.push((m.symbol, m.r));
        }
    }
    legs
}

/// The boxes of the legs' mode symbols and badges, which labels keep clear of.
pub(crate) fn mark_boxes(legs: &[DrawnLeg]) -> Vec<Rect> {
    let square = |p: Pt, r: f64| Rect::new(p.0 - r, p.1 - r, p.0 + r, p.1 + r);
    legs.iter()
        .filter_map(marks)
        .flat_map(|m| {
            std::iter::once(square(m.symbol, m.r)).chain(m.badge.map(|b| square(b, BADGE_R)))
        })
        .collect()
}

/// The routes layer: casings under all legs, then each leg (line, mode
/// symbol, arrow) as a group carrying its tooltip, then badges on top.
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
        if let Some(m) = marks(l) {
            let colour = evidence_colour(l.colour, l.evidence, l.halo);
            g.group(mode_symbol(l.mode, m.symbol, m.r, colour, l.halo));
            if let Some((p, dir)) = m.arrow {
                arrow(&mut g, p, dir, l.width, colour, l.halo);
            }
            if let (Some(n), Some(p)) = (l.badge, m.badge) {
                badges.push((n, p, l.colour));
            }
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

/// The length of the direction arrow on a line `width` wide, design px.
fn arrow_len(width: f64) -> f64 {
    size::ARROW.max(width * 3.2)
}

/// A direction arrow at `p` pointing along `dir`, with a rim in the halo
/// colour so it reads over the line's dashes.
fn arrow(g: &mut Group, p: Pt, dir: (f64, f64), width: f64, colour: Colour, halo: Colour) {
    let len = arrow_len(width);
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
    g.shape(Geometry::ring(rim), Style::fill(halo));
    g.shape(Geometry::ring(tri), Style::fill(colour));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Evidence, Mode};

    fn leg(mode: Mode, evidence: Evidence) -> DrawnLeg {
        DrawnLeg {
            title: "A → B".into(),
            marks: Some(MarksPlace {
                offset: 0.0,
                r: 7.5,
            }),
            colour: Colour(0, 114, 178),
            halo: Colour(255, 255, 255),
            badge: None,
            width: 2.6,
            mode,
            evidence,
            pieces: vec![vec![(0.0, 0.0), (100.0, 0.0)]],
        }
    }

    fn stroke(style: &Style) -> (Option<Vec<f64>>, Colour) {
        let s = style.stroke.as_ref().unwrap();
        let Some(Paint::Colour(c)) = s.paint else {
            panic!("a line has a colour: {s:?}")
        };
        (s.dash.clone(), c)
    }

    #[test]
    fn evidence_sets_the_pattern_and_mode_does_not() {
        for mode in [Mode::Air, Mode::Rail, Mode::Unknown] {
            let (dash, c) = stroke(&line_style(&leg(mode, Evidence::Reported)));
            assert_eq!((dash, c), (None, Colour(0, 114, 178)), "{mode:?}");
            // Dashes scale with the width.
            let (dash, _) = stroke(&line_style(&leg(mode, Evidence::Inferred)));
            let dash = dash.unwrap();
            assert_eq!(dash.len(), 2);
            assert!((dash[0] - 3.0 * 2.6).abs() < 1e-9);
            // Disputed: dots, faded halfway to the background.
            let (dash, c) = stroke(&line_style(&leg(mode, Evidence::Disputed)));
            assert!(dash.unwrap()[0] < 0.1);
            assert_eq!(c, Colour(0x80, 0xb9, 0xd9));
        }
    }

    fn leg_groups(layer: &Group) -> Vec<&Group> {
        layer
            .children
            .iter()
            .filter_map(|c| match c {
                super::super::scene::Node::Group(g) if g.title.is_some() => Some(g),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn each_leg_is_a_titled_group_with_its_symbol_and_arrow() {
        let layer = routes(&[leg(Mode::Rail, Evidence::Reported)]);
        assert_eq!(layer.id.as_deref(), Some("routes"));
        let legs = leg_groups(&layer);
        assert_eq!(legs.len(), 1);
        // Line, mode symbol, arrow rim and arrow.
        assert_eq!(legs[0].children.len(), 4);
        // The symbol sits at mid-leg, the arrow after it.
        let m = marks(&leg(Mode::Rail, Evidence::Reported)).unwrap();
        assert_eq!(m.symbol, (50.0, 0.0));
        let (p, dir) = m.arrow.unwrap();
        assert!(p.0 > 50.0 + m.r && dir == (1.0, 0.0), "{p:?}");
    }

    #[test]
    fn a_short_leg_keeps_its_symbol_and_drops_the_arrow() {
        let mut short = leg(Mode::Unknown, Evidence::Reported);
        short.pieces = vec![vec![(0.0, 0.0), (20.0, 0.0)]];
        let m = marks(&short).unwrap();
        assert!(m.arrow.is_none());
        let layer = routes(&[short]);
        assert_eq!(leg_groups(&layer)[0].children.len(), 2);
    }

    #[test]
    fn legs_side_by_side_spread_their_marks_from_the_middle() {
        let mut behind = leg(Mode::Air, Evidence::Reported);
        behind.marks = Some(MarksPlace {
            offset: -10.0,
            r: 7.5,
        });
        let m = marks(&behind).unwrap();
        assert_eq!(m.symbol, (40.0, 0.0));
        let (a, dir) = m.arrow.unwrap();
        assert!(a.0 < 40.0 - m.r, "the arrow is on the outer side: {a:?}");
        assert_eq!(dir, (1.0, 0.0), "and still points the way of travel");
    }

    #[test]
    fn symbols_of_legs_that_run_close_are_slid_apart() {
        let mut a = leg(Mode::Air, Evidence::Reported);
        a.pieces = vec![vec![(0.0, 0.0), (200.0, 0.0)]];
        let mut b = leg(Mode::Sea, Evidence::Reported);
        b.pieces = vec![vec![(0.0, 6.0), (200.0, 6.0)]];
        let before = [marks(&a).unwrap().symbol, marks(&b).unwrap().symbol];
        assert!(
            dist(before[0], before[1]) < 15.0,
            "they overlap: {before:?}"
        );
        let legs = spread(vec![a, b]);
        let after: Vec<Marks> = legs.iter().filter_map(marks).collect();
        assert_eq!(after[0].symbol, before[0], "the first keeps its place");
        assert!(dist(after[0].symbol, after[1].symbol) >= 2.0 * 7.5 + 1.0);
        assert!(
            (after[1].symbol.0 - 117.0).abs() < 1e-9,
            "{:?}",
            after[1].symbol
        );
    }

    #[test]
    fn network_legs_have_no_marks() {
        let mut net = leg(Mode::Air, Evidence::Reported);
        net.marks = None;
        assert!(marks(&net).is_none());
        assert_eq!(leg_groups(&routes(&[net]))[0].children.len(), 1);
    }

    #[test]
    fn badges_sit_beside_the_symbol() {
        let mut l = leg(Mode::Air, Evidence::Reported);
        l.badge = Some(2);
        let m = marks(&l).unwrap();
        let b = m.badge.unwrap();
        let (a, _) = m.arrow.unwrap();
        assert!(b.0 > a.0 + BADGE_R, "{b:?} beyond the arrow at {a:?}");
        assert_eq!(mark_boxes(&[l]).len(), 2);
    }
}
