//! Regions as places: the area of a `region` place (its `area` in
//! `places.csv`) drawn as a light shade with a thin outline under the
//! routes, in the `regions` layer, named in spaced capitals inside the area
//! where the name fits, and listed in the legend with a note that distances
//! run to the place's point.

use super::basemap::View;
use super::legend::{LegendEntry, OVERLAY_TINT, Swatch};
use super::scene::{FillRule, Geometry, Group, LineJoin, Pt, Style, Text};
use super::style::{Colour, Theme, size};
use super::text::{Anchor, CAP_HEIGHT, DESCENT, TextLine, Weight};
use crate::map::clip::Rect;
use crate::model::{Area, Dataset, Place};

/// The places whose area the map shades: shown places (on a drawn leg)
/// with an area, in the dataset's order.
pub(crate) fn shown<'a>(ds: &'a Dataset, shown: &'a [bool]) -> Vec<(usize, &'a Place, &'a Area)> {
    ds.places
        .iter()
        .enumerate()
        .filter(|(i, _)| shown[*i])
        .filter_map(|(i, p)| Some((i, p, p.area.as_ref()?)))
        .collect()
}

/// The shade's colour: the theme's secondary ink mixed into the land,
/// then laid at [`OVERLAY_TINT`] over the land (and in the legend over the
/// page), so it reads as a light shade in every theme.
pub(crate) fn colour(theme: &Theme) -> Colour {
    theme.muted.over(theme.land, 0.45)
}

/// `["a", "b", "c"]` as "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A region's legend text: its name, what its area is made of, and where
/// its distances run to, e.g. "Donbas (Donets'k and Luhans'k regions);
/// distances to Donetsk".
pub(crate) fn legend_label(p: &Place, area: &Area) -> String {
    let made_of = match area.parts.len() {
        0 => String::new(),
        1 => format!(" ({} region)", area.parts[0]),
        _ => format!(" ({} regions)", and_list(&area.parts)),
    };
    let point = match &p.city {
        Some(c) => c.clone(),
        None => "its marker".to_string(),
    };
    format!("{}{made_of}; distances to {point}", p.name)
}

/// One legend row per shaded region.
pub(crate) fn legend_entries(
    regions: &[(usize, &Place, &Area)],
    theme: &Theme,
) -> Vec<LegendEntry> {
    regions
        .iter()
        .map(|(_, p, a)| LegendEntry {
            colour: colour(theme),
            width_px: 1.0,
            label: legend_label(p, a),
            badge: None,
            swatch: Swatch::Area {
                fill: colour(theme),
                hatch: false,
            },
            noun: "region",
        })
        .collect()
}

/// A region's rings on screen, cut to the frame (fill them by the even-odd
/// rule).
pub(crate) fn screen_rings(view: &View<'_>, area: &Area) -> Vec<Vec<Pt>> {
    view.fill(area.polygons.iter().flatten())
}

/// The `regions` layer: per region a group titled with its name, the shade
/// and its outline along the area's own edges.
pub(crate) fn layer(view: &View<'_>, regions: &[(usize, &Place, &Area)], theme: &Theme) -> Group {
    let mut layer = Group::named("regions");
    for (_, p, area) in regions {
        let mut g = Group {
            title: Some(p.name.clone()),
            ..Group::default()
        };
        g.shape(
            Geometry::Path {
                runs: screen_rings(view, area),
                closed: true,
            },
            Style {
                fill_opacity: Some(OVERLAY_TINT),
                fill_rule: Some(FillRule::EvenOdd),
                ..Style::fill(colour(theme))
            },
        );
        let mut outline = Group::default().with_style(Style::line(theme.muted, 0.8));
        if let Some(s) = outline.style.stroke.as_mut() {
            s.join = Some(LineJoin::Round);
        }
        for ring in area.polygons.iter().flatten() {
            let mut closed = ring.clone();
            closed.extend(ring.first().copied());
            for piece in view.line(&closed) {
                outline.plain(Geometry::line(piece));
            }
        }
        g.group(outline);
        layer.group(g);
    }
    layer
}

/// A name in spaced capitals, as areas are named: letters a thin space
/// apart, words two en spaces ("DONBAS" → "D O N B A S" with thin spaces).
pub(crate) fn spaced(name: &str) -> String {
    name.split_whitespace()
        .map(|w| {
            w.to_uppercase()
                .chars()
                .map(String::from)
                .collect::<Vec<_>>()
                .join("\u{2009}")
        })
        .collect::<Vec<_>>()
        .join("\u{2002}\u{2002}")
}

/// Size of a region's name, design px.
const NAME_SIZE: f64 = size::LABEL - 1.0;

/// Whether `p` lies inside `rings` by the even-odd rule.
fn inside(rings: &[Vec<Pt>], p: Pt) -> bool {
    let mut odd = false;
    for r in rings {
        let n = r.len();
        for i in 0..n {
            let (a, b) = (r[i], r[(i + 1) % n]);
            if (a.1 > p.1) != (b.1 > p.1) {
                let x = a.0 + (p.1 - a.1) / (b.1 - a.1) * (b.0 - a.0);
                if x > p.0 {
                    odd = !odd;
                }
            }
        }
    }
    odd
}

/// Place a region's name: inside its area where the name's box fits
/// wholly inside it, nearest the middle of the area; else just beside the
/// area (below, above, right, left); always inside the frame and clear of
/// `taken` boxes and of `lines` (sampled route points). `None` when no
/// position is free: the legend still names the region.
pub(crate) fn place_name(
    name: &str,
    rings: &[Vec<Pt>],
    frame: &Rect,
    taken: &[Rect],
    lines: &[Pt],
) -> Option<TextLine> {
    let text = spaced(name);
    let w = super::text::width(&text, NAME_SIZE, Weight::Normal);
    let (up, down) = (CAP_HEIGHT * NAME_SIZE, DESCENT * NAME_SIZE);
    let bounds = Rect::bounding(rings.iter().flatten().copied())?;
    let at = |c: Pt| Rect::new(c.0 - w / 2.0, c.1 - up, c.0 + w / 2.0, c.1 + down);
    let free = |b: &Rect| {
        let grown = b.inflate(3.0);
        frame.inflate(-2.0).contains_rect(b)
            && !taken.iter().any(|t| t.intersects(&grown))
            && !lines.iter().any(|&p| grown.contains(p))
    };
    // The middle of the area: the mean of a grid of points inside it.
    let step = (bounds.width().max(bounds.height()) / 24.0).max(3.0);
    let mut grid = Vec::new();
    let mut y = bounds.y0 + step / 2.0;
    while y < bounds.y1 {
        let mut x = bounds.x0 + step / 2.0;
        while x < bounds.x1 {
            if inside(rings, (x, y)) {
                grid.push((x, y));
            }
            x += step;
        }
        y += step;
    }
    let n = grid.len().max(1) as f64;
    let middle = (
        grid.iter().map(|p| p.0).sum::<f64>() / n,
        grid.iter().map(|p| p.1).sum::<f64>() / n,
    );
    let wholly_inside = |b: &Rect| {
        let (xm, ym) = ((b.x0 + b.x1) / 2.0, (b.y0 + b.y1) / 2.0);
        [
            (b.x0, b.y0),
            (xm, b.y0),
            (b.x1, b.y0),
            (b.x0, ym),
            (b.x1, ym),
            (b.x0, b.y1),
            (xm, b.y1),
            (b.x1, b.y1),
        ]
        .into_iter()
        .all(|p| inside(rings, p))
    };
    let mut candidates: Vec<Pt> = grid
        .iter()
        .map(|&(x, y)| (x, y + (up - down) / 2.0))
        .collect();
    let d = |p: &Pt| (p.0 - middle.0).hypot(p.1 - middle.1);
    candidates.sort_by(|a, b| d(a).total_cmp(&d(b)).then(a.0.total_cmp(&b.0)));
    let found = candidates
        .into_iter()
        .map(|c| (c, at(c)))
        .find(|(_, b)| wholly_inside(b) && free(b))
        .map(|(c, _)| c)
        .or_else(|| {
            let cx = (bounds.x0 + bounds.x1) / 2.0;
            let cy = (bounds.y0 + bounds.y1) / 2.0 + (up - down) / 2.0;
            [
                (cx, bounds.y1 + 4.0 + up),
                (cx, bounds.y0 - 4.0 - down),
                (bounds.x1 + 4.0 + w / 2.0, cy),
                (bounds.x0 - 4.0 - w / 2.0, cy),
            ]
            .into_iter()
            .find(|&c| free(&at(c)))
        })?;
    Some(TextLine {
        text,
        x: found.0,
        y: found.1,
        size: NAME_SIZE,
        weight: Weight::Normal,
        anchor: Anchor::Middle,
    })
}

/// A region's name as scene text, in the theme's secondary ink.
pub(crate) fn name_text(line: &TextLine, theme: &Theme) -> Text {
    Text::from_lines(std::slice::from_ref(line), theme.muted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_spaced_capitals() {
        assert_eq!(
            spaced("Donbas"),
            "D\u{2009}O\u{2009}N\u{2009}B\u{2009}A\u{2009}S"
        );
        assert_eq!(spaced("a b"), "A\u{2002}\u{2002}B");
    }

    #[test]
    fn a_name_goes_inside_an_area_that_holds_it_and_beside_one_that_does_not() {
        let frame = Rect::new(0.0, 0.0, 800.0, 600.0);
        let big = vec![vec![
            (100.0, 100.0),
            (500.0, 100.0),
            (500.0, 400.0),
            (100.0, 400.0),
        ]];
        let t = place_name("Donbas", &big, &frame, &[], &[]).unwrap();
        let b = t.bbox();
        assert!(b.x0 > 100.0 && b.x1 < 500.0 && b.y0 > 100.0 && b.y1 < 400.0);
        // Too small for the name: it goes below the area.
        let small = vec![vec![
            (300.0, 300.0),
            (310.0, 300.0),
            (310.0, 310.0),
            (300.0, 310.0),
        ]];
        let t = place_name("Donbas", &small, &frame, &[], &[]).unwrap();
        assert!(t.bbox().y0 > 310.0);
        // Nowhere free: no name.
        assert!(place_name("Donbas", &small, &frame, &[frame], &[]).is_none());
    }

    #[test]
    fn the_legend_says_what_the_area_is_and_where_distances_run() {
        let area = Area {
            spec: "UA.DT+UA.LH".into(),
            parts: vec!["Donets'k".into(), "Luhans'k".into()],
            polygons: Vec::new(),
        };
        let ds = crate::load::dataset(
            concat!(env!("CARGO_MANIFEST_DIR"), "/routes/donbas-workers").as_ref(),
        )
        .unwrap();
        let mut p = ds.places[0].clone();
        p.name = "Donbas".into();
        p.city = Some("Donetsk".into());
        assert_eq!(
            legend_label(&p, &area),
            "Donbas (Donets'k and Luhans'k regions); distances to Donetsk"
        );
    }
}
