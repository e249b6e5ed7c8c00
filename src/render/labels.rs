//! Label placement: each place's name goes at the best free candidate position
//! around its marker, in priority order, never overlapping another label, a
//! marker, the legend or the frame. If no position next to the marker is free,
//! the label moves further out and gets a leader line.
//!
//! Candidate positions, in order of preference (the usual cartographic order):
//! right, upper right, lower right, left, upper left, lower left, above, below.
//! Among free candidates the one covering the fewest route-line points wins,
//! ties going to the earlier candidate; a name that would cover a line
//! moves out up to two rings (with a leader) if that finds a clearer spot.
//!
//! Long names wrap: a name of more than 14 characters that contains a space is
//! split into two lines at the space nearest its middle. Names are never
//! abbreviated.
//!
//! With `--labels en+local` a place's name in its country's language (from
//! the gazetteer) goes on a line of its own under the name, a little smaller
//! ([`LOCAL_SCALE`]) and never bold; every candidate box is measured with
//! all the lines, so the collision rules hold for the taller block.

use std::collections::HashMap;

use super::furniture::marker_radius;
use super::style::size;
use super::text::{Anchor, CAP_HEIGHT, DESCENT, TextLine, Weight};
use crate::graph::RouteGraph;
use crate::map::clip::Rect;
use crate::model::{Dataset, Place};

/// What a place's label says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LabelBy {
    /// `city` on a network map (legs drawn in classes, see
    /// [`super::network`]), where the places are mostly airports and a
    /// newsroom names the city; `name` on any other map.
    #[default]
    Auto,
    /// The place's `name`, as written.
    Name,
    /// The city the place serves (an airport's city), else its name.
    City,
    /// Its code (an airport's IATA or ICAO code), else its id.
    Code,
}

impl std::str::FromStr for LabelBy {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Ok(LabelBy::Auto),
            "name" => Ok(LabelBy::Name),
            "city" => Ok(LabelBy::City),
            "code" => Ok(LabelBy::Code),
            _ => Err(format!(
                "unknown label {} (expected auto, name, city or code)",
                crate::text::quote(s)
            )),
        }
    }
}

impl LabelBy {
    /// `Auto` made definite: `City` on a network map, else `Name`.
    pub(crate) fn resolve(self, network_map: bool) -> LabelBy {
        match self {
            LabelBy::Auto if network_map => LabelBy::City,
            LabelBy::Auto => LabelBy::Name,
            other => other,
        }
    }

    /// The label of one place, on its own.
    fn text(self, p: &Place) -> &str {
        match self {
            // A shaded region is named on its area: its marker takes the
            // city it stands at, where the dataset gives one.
            LabelBy::Auto | LabelBy::Name if p.area.is_some() => {
                p.city.as_deref().unwrap_or(&p.name)
            }
            LabelBy::Auto | LabelBy::Name => &p.name,
            LabelBy::City => p.city.as_deref().unwrap_or(&p.name),
            LabelBy::Code => p.code.as_deref().unwrap_or(&p.id),
        }
    }
}

/// The labels of `places` (the places labelled on one map) by `by`. By
/// city, places that would read the same (two airports of London) add
/// their code, "London (LHR)" and "London (LGW)", so that no two markers
/// carry the same name for different places.
pub(crate) fn texts(places: &[&Place], by: LabelBy) -> Vec<String> {
    let plain: Vec<&str> = places.iter().map(|p| by.text(p)).collect();
    let mut count: HashMap<&str, usize> = HashMap::new();
    for t in &plain {
        *count.entry(t).or_default() += 1;
    }
    places
        .iter()
        .zip(&plain)
        .map(|(p, &t)| match (by, &p.code) {
            (LabelBy::City, Some(code)) if count[t] > 1 && p.city.is_some() => {
                format!("{t} ({code})")
            }
            _ => t.to_string(),
        })
        .collect()
}

/// The local-name line's size as a share of the name's ([`Request::local`]).
pub const LOCAL_SCALE: f64 = 0.85;

/// At most this many place names are written; the rest keep their markers.
pub const MAX_LABELS: usize = 60;

/// The place names to write, highest priority first (ends of routes and
/// paths, then busier places, then file order), at most `max`: for places
/// with a marker on the page (`marker_at`).
pub(crate) fn place_requests(
    ds: &Dataset,
    graph: &RouteGraph,
    ends: &[bool],
    label_by: LabelBy,
    local: &[Option<String>],
    marker_at: &[Option<(f64, f64)>],
    max: usize,
) -> Vec<Request> {
    let mut order: Vec<usize> = (0..ds.places.len())
        .filter(|&i| marker_at[i].is_some())
        .collect();
    order.sort_by_key(|&i| (!ends[i], std::cmp::Reverse(graph.degree(i)), i));
    order.truncate(max);
    let texts = texts(
        &order.iter().map(|&i| &ds.places[i]).collect::<Vec<_>>(),
        label_by,
    );
    order
        .iter()
        .zip(texts)
        .filter_map(|(&i, text)| {
            Some(Request {
                // A second line only under the place's own name (not a
                // code), and only when it says something else.
                local: local
                    .get(i)
                    .cloned()
                    .flatten()
                    .filter(|l| text == ds.places[i].name && *l != text),
                text,
                at: marker_at[i]?,
                radius: marker_radius(ends[i]),
                size: size::LABEL,
                weight: if ends[i] {
                    Weight::Bold
                } else {
                    Weight::Normal
                },
                required: ends[i],
            })
        })
        .collect()
}

/// How far a label of `r` would reach out of `inner` at its best position
/// next to the marker (ignoring other labels): left, top, right, bottom, in
/// px, all zero when some position fits. Layout uses it to leave room for
/// names at the edge of the data.
pub(crate) fn overflow(r: &Request, inner: &Rect, clearance: f64) -> [f64; 4] {
    let gap = r.radius + r.size * 0.3 + clearance;
    (0..8)
        .map(|pos| {
            let b = block_bbox(&candidate(r, pos, gap));
            [
                (inner.x0 - b.x0).max(0.0),
                (inner.y0 - b.y0).max(0.0),
                (b.x1 - inner.x1).max(0.0),
                (b.y1 - inner.y1).max(0.0),
            ]
        })
        .min_by(|a, b| a.iter().sum::<f64>().total_cmp(&b.iter().sum::<f64>()))
        .expect("eight candidates")
}

/// A label to place.
#[derive(Debug, Clone)]
pub struct Request {
    /// Label text.
    pub text: String,
    /// A second line: the place's name in its country's language
    /// (`--labels en+local`), drawn at [`LOCAL_SCALE`] of `size`, never bold.
    pub local: Option<String>,
    /// The marker centre.
    pub at: (f64, f64),
    /// The marker radius.
    pub radius: f64,
    /// Font size.
    pub size: f64,
    /// Weight.
    pub weight: Weight,
    /// Whether the name must be written even where there is no free room
    /// (the ends of routes and paths); other labels are left out instead of
    /// overlapping.
    pub required: bool,
}

/// A placed label.
#[derive(Debug, Clone)]
pub struct Placed {
    /// Which request this is (index into the input).
    #[cfg_attr(not(test), allow(dead_code))]
    pub request: usize,
    /// The text to write: one line, or two for a wrapped long name.
    pub lines: Vec<TextLine>,
    /// A leader line from the marker to the label, if the label had to move away.
    pub leader: Option<((f64, f64), (f64, f64))>,
    /// Whether the label overlaps something (no free position existed).
    #[cfg_attr(not(test), allow(dead_code))]
    pub forced: bool,
}

/// Split a long name into two lines (see the module doc).
pub fn split_name(name: &str) -> Vec<String> {
    let n = name.chars().count();
    if n <= 14 {
        return vec![name.to_string()];
    }
    let mid = n as f64 / 2.0;
    let best = name
        .char_indices()
        .enumerate()
        .filter(|(_, (_, c))| *c == ' ')
        .min_by(|a, b| {
            (a.0 as f64 - mid)
                .abs()
                .total_cmp(&(b.0 as f64 - mid).abs())
        });
    match best {
        Some((_, (byte, _))) => vec![
            name[..byte].trim().to_string(),
            name[byte + 1..].trim().to_string(),
        ],
        None => vec![name.to_string()],
    }
}

/// The box covered by a block of lines.
pub fn block_bbox(lines: &[TextLine]) -> Rect {
    lines
        .iter()
        .map(TextLine::bbox)
        .reduce(|a, b| a.union(&b))
        .unwrap_or(Rect::new(0.0, 0.0, 0.0, 0.0))
}

impl Placed {
    /// The box the label covers.
    #[cfg(test)]
    pub fn bbox(&self) -> Rect {
        block_bbox(&self.lines)
    }
}

fn candidate(r: &Request, pos: usize, gap: f64) -> Vec<TextLine> {
    let s = r.size;
    // (text, size, weight) of each line, top to bottom.
    let mut texts: Vec<(String, f64, Weight)> = split_name(&r.text)
        .into_iter()
        .map(|t| (t, s, r.weight))
        .collect();
    if let Some(local) = &r.local {
        texts.push((local.clone(), s * LOCAL_SCALE, Weight::Normal));
    }
    // Each line's baseline below the first's: a line's height is 1.15 times
    // its own size.
    let mut offsets = Vec::with_capacity(texts.len());
    let mut down = 0.0;
    for (i, (_, size, _)) in texts.iter().enumerate() {
        if i > 0 {
            down += size * 1.15;
        }
        offsets.push(down);
    }
    let span = down;
    let last = texts.last().map_or(s, |t| t.1);
    let (px, py) = r.at;
    let diag = gap * 0.75;
    // Baseline of the first line so the block is centred on the marker.
    let centre = if last == s {
        (CAP_HEIGHT - DESCENT) / 2.0 * s
    } else {
        (CAP_HEIGHT * s - DESCENT * last) / 2.0
    };
    let mid_baseline = py + centre - span / 2.0;
    // Baseline of the first line when the block sits above a point at `y`.
    let above = |y: f64| y - DESCENT * last - span;
    let (x, y, anchor) = match pos {
        0 => (px + gap, mid_baseline, Anchor::Start),
        1 => (px + diag, above(py - diag), Anchor::Start),
        2 => (px + diag, py + diag + CAP_HEIGHT * s, Anchor::Start),
        3 => (px - gap, mid_baseline, Anchor::End),
        4 => (px - diag, above(py - diag), Anchor::End),
        5 => (px - diag, py + diag + CAP_HEIGHT * s, Anchor::End),
        6 => (px, above(py - gap), Anchor::Middle),
        _ => (px, py + gap + CAP_HEIGHT * s, Anchor::Middle),
    };
    texts
        .into_iter()
        .zip(offsets)
        .map(|((text, size, weight), dy)| TextLine {
            text,
            x,
            y: y + dy,
            size,
            weight,
            anchor,
        })
        .collect()
}

/// Points on drawn lines, bucketed in square cells so that counting the
/// points in a label's box costs the cells it covers, not every point.
pub(super) struct PointGrid {
    cell: f64,
    origin: (f64, f64),
    cols: usize,
    rows: usize,
    cells: Vec<Vec<(f64, f64)>>,
}

impl PointGrid {
    pub(super) fn new(points: &[(f64, f64)], frame: &Rect, cell: f64) -> PointGrid {
        let cols = ((frame.width() / cell).ceil() as usize).clamp(1, 4096);
        let rows = ((frame.height() / cell).ceil() as usize).clamp(1, 4096);
        let mut grid = PointGrid {
            cell,
            origin: (frame.x0, frame.y0),
            cols,
            rows,
            cells: vec![Vec::new(); cols * rows],
        };
        for &p in points {
            if let Some(i) = grid.index(p) {
                grid.cells[i].push(p);
            }
        }
        grid
    }

    fn col_row(&self, p: (f64, f64)) -> (i64, i64) {
        (
            ((p.0 - self.origin.0) / self.cell).floor() as i64,
            ((p.1 - self.origin.1) / self.cell).floor() as i64,
        )
    }

    fn index(&self, p: (f64, f64)) -> Option<usize> {
        let (c, r) = self.col_row(p);
        (c >= 0 && r >= 0 && (c as usize) < self.cols && (r as usize) < self.rows)
            .then(|| r as usize * self.cols + c as usize)
    }

    /// How many points lie in `b`.
    pub(super) fn count(&self, b: &Rect) -> usize {
        let (c0, r0) = self.col_row((b.x0, b.y0));
        let (c1, r1) = self.col_row((b.x1, b.y1));
        let clamp_c = |c: i64| c.clamp(0, self.cols as i64 - 1) as usize;
        let clamp_r = |r: i64| r.clamp(0, self.rows as i64 - 1) as usize;
        let mut n = 0;
        for r in clamp_r(r0)..=clamp_r(r1) {
            for c in clamp_c(c0)..=clamp_c(c1) {
                n += self.cells[r * self.cols + c]
                    .iter()
                    .filter(|&&p| b.contains(p))
                    .count();
            }
        }
        n
    }
}

/// Points along drawn lines (polylines in page px) close enough together
/// that a label box over any part of a line holds at least one: every
/// [`SAMPLE_STEP`] px, or coarser when the lines are so long in all that
/// this would make more than [`MAX_SAMPLES`] points. A line's vertices alone
/// are not enough: a long leg is drawn through vertices tens of px apart.
pub fn sample_lines<'a>(
    lines: impl Iterator<Item = &'a Vec<(f64, f64)>> + Clone,
) -> Vec<(f64, f64)> {
    let length: f64 = lines
        .clone()
        .flat_map(|l| l.windows(2))
        .map(|w| (w[1].0 - w[0].0).hypot(w[1].1 - w[0].1))
        .filter(|d| d.is_finite())
        .sum();
    let step = SAMPLE_STEP.max(length / MAX_SAMPLES as f64);
    let mut out = Vec::new();
    for line in lines {
        out.extend(line.first().copied());
        for w in line.windows(2) {
            let (a, b) = (w[0], w[1]);
            let d = (b.0 - a.0).hypot(b.1 - a.1);
            if d.is_finite() {
                // At most MAX_SAMPLES in all, as step ≥ length / MAX_SAMPLES.
                let n = (d / step).ceil() as usize;
                out.extend((1..n).map(|i| {
                    let t = i as f64 / n as f64;
                    (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t)
                }));
            }
            out.push(b);
        }
    }
    out
}

/// The spacing of [`sample_lines`] in page px, below the height of a label.
pub const SAMPLE_STEP: f64 = 2.0;
/// The most points [`sample_lines`] makes besides the lines' vertices.
pub const MAX_SAMPLES: usize = 1_000_000;

/// The point of `b` nearest to `p`.
fn nearest_on(b: &Rect, p: (f64, f64)) -> (f64, f64) {
    (p.0.clamp(b.x0, b.x1), p.1.clamp(b.y0, b.y1))
}

/// Place labels in the order given (highest priority first).
///
/// `obstacles` are boxes no label may overlap (markers, legend...), `frame` the
/// box every label must stay inside, `lines` points on drawn lines that labels
/// should avoid covering, and `clearance` the minimum gap between boxes.
#[cfg(test)]
pub fn place(
    requests: &[Request],
    obstacles: &[Rect],
    frame: &Rect,
    lines: &[(f64, f64)],
    clearance: f64,
) -> Vec<Placed> {
    place_with(requests, obstacles, frame, lines, &[], clearance)
}

/// A leader line from the edge of `r`'s marker to the label box `b`.
fn leader(r: &Request, b: &Rect, clearance: f64) -> ((f64, f64), (f64, f64)) {
    let end = nearest_on(&b.inflate(clearance / 2.0), r.at);
    let (dx, dy) = (end.0 - r.at.0, end.1 - r.at.1);
    let len = (dx * dx + dy * dy).sqrt().max(1e-9);
    let start = (r.at.0 + dx / len * r.radius, r.at.1 + dy / len * r.radius);
    (start, end)
}

/// Whether a label box `b` for request `ri` lies nearer another request's
/// marker than its own (markers at the same spot do not count).
fn nearer_another(requests: &[Request], ri: usize, b: &Rect) -> bool {
    let own = distance_to(b, requests[ri].at);
    requests
        .iter()
        .enumerate()
        .any(|(j, o)| j != ri && o.at != requests[ri].at && distance_to(b, o.at) + 0.5 < own)
}

/// The distance from `p` to the nearest point of `b` (0 inside).
fn distance_to(b: &Rect, p: (f64, f64)) -> f64 {
    let q = nearest_on(b, p);
    (q.0 - p.0).hypot(q.1 - p.1)
}

/// [`place`], and also: `critical` points (on the short visible stretch of
/// a line near its end) are never covered by a label next to its marker,
/// halo included; and a label next to its marker is nearer that marker
/// than any other request's (a label placed further out gets a leader
/// line instead), so that no name reads as another place's.
pub fn place_with(
    requests: &[Request],
    obstacles: &[Rect],
    frame: &Rect,
    lines: &[(f64, f64)],
    critical: &[(f64, f64)],
    clearance: f64,
) -> Vec<Placed> {
    let mut taken: Vec<Rect> = obstacles.to_vec();
    let mut out = Vec::with_capacity(requests.len());
    let inner = frame.inflate(-clearance);
    let grid = PointGrid::new(lines, frame, 16.0);
    let critical = PointGrid::new(critical, frame, 16.0);
    let halo = super::style::size::HALO;
    for (ri, r) in requests.iter().enumerate() {
        let mut best: Option<(usize, Vec<TextLine>, bool)> = None;
        'rings: for (ring, gap_factor) in
            [(0, 1.0), (1, 2.6), (2, 4.5), (3, 7.0), (4, 10.0), (5, 14.0)]
        {
            let gap = r.radius + r.size * 0.3 * gap_factor + clearance;
            for pos in 0..8 {
                let line = candidate(r, pos, gap);
                let b = block_bbox(&line);
                if !inner.contains_rect(&b) {
                    continue;
                }
                let grown = b.inflate(clearance);
                if taken.iter().any(|t| t.intersects(&grown)) {
                    continue;
                }
                if critical.count(&b.inflate(halo)) > 0 {
                    continue;
                }
                if ring == 0 && nearer_another(requests, ri, &b) {
                    continue;
                }
                let covered = grid.count(&grown);
                if best.as_ref().is_none_or(|(c, _, _)| covered < *c) {
                    best = Some((covered, line, ring > 0));
                }
                if covered == 0 {
                    break 'rings;
                }
            }
            // A name that would cover a line may move out (with a leader)
            // up to two rings to find a clear spot; a found spot covering
            // nothing ends the search above.
            if best.is_some() && ring >= 2 {
                break;
            }
        }
        let (line, leader, forced) = match best {
            Some((_, line, moved)) => {
                let leader = moved.then(|| leader(r, &block_bbox(&line), clearance));
                (line, leader, false)
            }
            // Nowhere free: a required name is written over others, flagged,
            // at its first position next to its marker that is nearer it than
            // any other marker, else further out with a leader line; any
            // other name is left out rather than written over others.
            None if r.required => {
                let near = (0..8)
                    .map(|pos| candidate(r, pos, r.radius + r.size * 0.3 + clearance))
                    .find(|line| {
                        let b = block_bbox(line);
                        inner.contains_rect(&b) && !nearer_another(requests, ri, &b)
                    });
                match near {
                    Some(line) => (line, None, true),
                    None => {
                        let gap = r.radius + r.size * 0.3 * 4.5 + clearance;
                        let line = (0..8)
                            .map(|pos| candidate(r, pos, gap))
                            .find(|l| inner.contains_rect(&block_bbox(l)))
                            .unwrap_or_else(|| candidate(r, 0, gap));
                        let leader = leader(r, &block_bbox(&line), clearance);
                        (line, Some(leader), true)
                    }
                }
            }
            None => continue,
        };
        taken.push(block_bbox(&line));
        out.push(Placed {
            request: ri,
            lines: line,
            leader,
            forced,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    mod label_text {
        use super::super::*;

        fn airport(id: &str, name: &str, city: Option<&str>, code: Option<&str>) -> Place {
            Place {
                id: id.into(),
                name: name.into(),
                lat_deg: 0.0,
                lon_deg: 0.0,
                country: None,
                kind: None,
                note: None,
                city: city.map(Into::into),
                code: code.map(Into::into),
                located: None,
                area: None,
            }
        }

        #[test]
        fn a_label_is_the_name_city_or_code_with_fallbacks() {
            let atl = airport(
                "ATL",
                "Hartsfield Jackson Atlanta International Airport",
                Some("Atlanta"),
                Some("ATL"),
            );
            let town = airport("kyiv", "Kyiv", None, None);
            let both = [&atl, &town];
            assert_eq!(
                texts(&both, LabelBy::Name),
                ["Hartsfield Jackson Atlanta International Airport", "Kyiv"]
            );
            // No city: the name; no code: the id.
            assert_eq!(texts(&both, LabelBy::City), ["Atlanta", "Kyiv"]);
            assert_eq!(texts(&both, LabelBy::Code), ["ATL", "kyiv"]);
        }

        #[test]
        fn airports_of_one_city_add_their_codes() {
            let lhr = airport(
                "LHR",
                "London Heathrow Airport",
                Some("London"),
                Some("LHR"),
            );
            let lgw = airport("LGW", "London Gatwick Airport", Some("London"), Some("LGW"));
            let cdg = airport("CDG", "Charles de Gaulle", Some("Paris"), Some("CDG"));
            assert_eq!(
                texts(&[&lhr, &cdg, &lgw], LabelBy::City),
                ["London (LHR)", "Paris", "London (LGW)"]
            );
            // A city named like an airport's city keeps its name.
            let london = airport("london", "London", None, None);
            assert_eq!(
                texts(&[&lhr, &london], LabelBy::City),
                ["London (LHR)", "London"]
            );
        }

        #[test]
        fn auto_is_city_on_network_maps_only_and_values_parse() {
            assert_eq!(LabelBy::Auto.resolve(true), LabelBy::City);
            assert_eq!(LabelBy::Auto.resolve(false), LabelBy::Name);
            assert_eq!(LabelBy::Code.resolve(true), LabelBy::Code);
            assert_eq!(LabelBy::Name.resolve(true), LabelBy::Name);
            assert_eq!(" City ".parse(), Ok(LabelBy::City));
            assert_eq!(
                "iata".parse::<LabelBy>(),
                Err("unknown label \"iata\" (expected auto, name, city or code)".into())
            );
        }
    }

    #[test]
    fn the_grid_counts_the_points_in_a_box() {
        let frame = Rect::new(0.0, 0.0, 100.0, 100.0);
        let pts: Vec<(f64, f64)> = (0..100)
            .flat_map(|i| (0..100).map(move |j| (f64::from(i) + 0.5, f64::from(j) + 0.5)))
            .collect();
        let grid = PointGrid::new(&pts, &frame, 16.0);
        let b = Rect::new(10.0, 20.0, 30.0, 25.0);
        let brute = pts.iter().filter(|&&p| b.contains(p)).count();
        assert_eq!(grid.count(&b), brute);
        // Boxes reaching out of the frame count what lies inside.
        assert_eq!(grid.count(&Rect::new(-50.0, -50.0, 1.0, 1.0)), 1);
    }

    #[test]
    fn long_names_wrap_at_the_middle_space_and_short_ones_do_not() {
        assert_eq!(split_name("Andorra la Vella"), ["Andorra", "la Vella"]);
        assert_eq!(split_name("Vladivostok"), ["Vladivostok"]);
        assert_eq!(
            split_name("Petropavlovsk-Kamchatsky"),
            ["Petropavlovsk-Kamchatsky"]
        );
    }

    fn req(text: &str, at: (f64, f64)) -> Request {
        Request {
            text: text.into(),
            local: None,
            at,
            radius: 4.0,
            size: 12.0,
            weight: Weight::Normal,
            required: true,
        }
    }

    #[test]
    fn lone_label_goes_right_of_its_marker() {
        let frame = Rect::new(0.0, 0.0, 500.0, 500.0);
        let placed = place(&[req("Moscow", (100.0, 100.0))], &[], &frame, &[], 2.0);
        assert_eq!(placed[0].lines[0].anchor, Anchor::Start);
        assert!(placed[0].lines[0].x > 100.0);
        assert!(placed[0].leader.is_none());
    }

    /// Regression: a long leg is drawn through vertices tens of px apart; the
    /// labels of the seed map sat on the routes they name (Volgograd,
    /// Vladivostok) because the gaps between vertices looked free.
    #[test]
    fn a_label_avoids_a_line_between_distant_vertices() {
        let frame = Rect::new(0.0, 0.0, 500.0, 500.0);
        // A line passing right of the marker with vertices 200 px apart.
        let line = vec![(90.0, 100.0), (290.0, 100.0)];
        let vertices_only = place(&[req("Moscow", (100.0, 100.0))], &[], &frame, &line, 2.0);
        assert_eq!(
            vertices_only[0].lines[0].anchor,
            Anchor::Start,
            "the gap looks free"
        );
        let sampled = sample_lines([line].iter());
        let placed = place(&[req("Moscow", (100.0, 100.0))], &[], &frame, &sampled, 2.0);
        let b = placed[0].bbox();
        assert!(!sampled.iter().any(|&p| b.contains(p)), "{b:?}");
    }

    #[test]
    fn samples_keep_vertices_fill_gaps_and_stay_bounded() {
        let lines = [vec![(0.0, 0.0), (10.0, 0.0)], vec![(5.0, 5.0)]];
        let s = sample_lines(lines.iter());
        assert_eq!(s.first(), Some(&(0.0, 0.0)));
        assert!(s.contains(&(10.0, 0.0)) && s.contains(&(5.0, 5.0)));
        assert!(
            s.windows(2)
                .take(5)
                .all(|w| (w[1].0 - w[0].0) <= SAMPLE_STEP + 1e-9)
        );
        // A line of 1e9 px makes about MAX_SAMPLES points, not 5e8.
        let long = [vec![(0.0, 0.0), (1e9, 0.0)]];
        let n = sample_lines(long.iter()).len();
        assert!(n <= MAX_SAMPLES + 2, "{n}");
        // Non-finite pieces add no samples and no panic.
        let bad = [vec![(0.0, 0.0), (f64::INFINITY, 0.0)]];
        assert_eq!(sample_lines(bad.iter()).len(), 2);
    }

    /// Issue 14: when markers crowd, a name sat nearer a neighbour's marker
    /// than its own (Manchester by Liverpool, Dallas by Los Angeles). Every
    /// name placed next to its marker is nearer it than any other marker;
    /// one placed further out has a leader line.
    #[test]
    fn a_name_is_nearer_its_own_marker_than_any_other_or_has_a_leader() {
        let frame = Rect::new(0.0, 0.0, 600.0, 600.0);
        // Clusters of markers at pseudo-random spots (a fixed LCG).
        let mut seed: u64 = 14;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as f64 / (1u64 << 31) as f64
        };
        for round in 0..20 {
            let reqs: Vec<Request> = (0..14)
                .map(|i| {
                    req(
                        &format!("Place {round}-{i}"),
                        (250.0 + next() * 100.0, 250.0 + next() * 100.0),
                    )
                })
                .collect();
            let markers: Vec<Rect> = reqs
                .iter()
                .map(|r| Rect::new(r.at.0 - 4.0, r.at.1 - 4.0, r.at.0 + 4.0, r.at.1 + 4.0))
                .collect();
            for p in place_with(&reqs, &markers, &frame, &[], &[], 2.0) {
                if p.leader.is_some() {
                    continue;
                }
                let b = block_bbox(&p.lines);
                let own = distance_to(&b, reqs[p.request].at);
                for (j, o) in reqs.iter().enumerate() {
                    if j != p.request {
                        assert!(
                            distance_to(&b, o.at) + 0.5 >= own,
                            "round {round}: {} is nearer marker {j}",
                            reqs[p.request].text
                        );
                    }
                }
            }
        }
    }

    /// Issue 14: a label's halo hid the only visible stretch of a short leg
    /// near its end (Pyongyang–Vladivostok on the seed map).
    #[test]
    fn a_name_and_its_halo_keep_off_a_short_leg() {
        let frame = Rect::new(0.0, 0.0, 500.0, 500.0);
        // A short leg leaving the marker to the right, where the name would go.
        let leg = vec![(104.0, 100.0), (150.0, 104.0)];
        let critical = sample_lines([leg].iter());
        let placed = place_with(
            &[req("Pyongyang", (100.0, 100.0))],
            &[],
            &frame,
            &critical,
            &critical,
            2.0,
        );
        let b = placed[0].bbox().inflate(crate::render::style::size::HALO);
        assert!(!critical.iter().any(|&p| b.contains(p)), "{b:?}");
    }

    #[test]
    fn label_at_the_right_edge_flips_left() {
        let frame = Rect::new(0.0, 0.0, 500.0, 500.0);
        let placed = place(&[req("Vladivostok", (490.0, 250.0))], &[], &frame, &[], 2.0);
        assert_eq!(placed[0].lines[0].anchor, Anchor::End);
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
                assert!(!a.bbox().intersects(m));
            }
            for b in &placed[i + 1..] {
                assert!(!a.bbox().intersects(&b.bbox()));
            }
        }
    }

    /// Issue 15: with a local-name line the box covers both lines, and the
    /// crowded and nearest-marker properties still hold.
    mod two_languages {
        use super::*;

        fn with_local(text: &str, at: (f64, f64)) -> Request {
            Request {
                local: Some("Владивосток".into()),
                ..req(text, at)
            }
        }

        #[test]
        fn the_box_grows_by_the_local_line() {
            let one = block_bbox(&candidate(&req("Vladivostok", (100.0, 100.0)), 0, 6.0));
            let lines = candidate(&with_local("Vladivostok", (100.0, 100.0)), 0, 6.0);
            let two = block_bbox(&lines);
            assert_eq!(lines.len(), 2);
            assert_eq!(lines[1].size, 12.0 * LOCAL_SCALE);
            assert_eq!(lines[1].weight, Weight::Normal);
            assert!(two.height() > one.height() + 12.0 * LOCAL_SCALE);
            // Wider too: the local name is the longer here.
            assert!(two.width() >= one.width());
            // Still centred on the marker beside it.
            assert!((two.y0 + two.y1 - 200.0).abs() < 2.0, "{two:?}");
            // A wrapped name keeps its two lines and adds the third.
            let three = candidate(&with_local("Andorra la Vella", (0.0, 0.0)), 6, 6.0);
            let texts: Vec<&str> = three.iter().map(|l| l.text.as_str()).collect();
            assert_eq!(texts, ["Andorra", "la Vella", "Владивосток"]);
            assert!(block_bbox(&three).y1 <= -6.0 + 1e-9, "above the marker");
        }

        #[test]
        fn crowded_two_line_labels_never_overlap() {
            // Not required: a label with no room is left out, never forced.
            let frame = Rect::new(0.0, 0.0, 400.0, 400.0);
            let reqs: Vec<Request> = (0..12)
                .map(|i| Request {
                    required: false,
                    ..with_local(
                        &format!("Place {i}"),
                        (150.0 + (i % 4) as f64 * 20.0, 150.0 + (i / 4) as f64 * 20.0),
                    )
                })
                .collect();
            let markers: Vec<Rect> = reqs
                .iter()
                .map(|r| Rect::new(r.at.0 - 4.0, r.at.1 - 4.0, r.at.0 + 4.0, r.at.1 + 4.0))
                .collect();
            let placed = place_with(&reqs, &markers, &frame, &[], &[], 1.0);
            assert!(placed.len() >= 8, "{} of 12 placed", placed.len());
            for (i, a) in placed.iter().enumerate() {
                assert_eq!(a.lines.len(), 2);
                assert!(!a.forced);
                assert!(frame.contains_rect(&a.bbox()));
                for m in &markers {
                    assert!(!a.bbox().intersects(m), "label {i} covers a marker");
                }
                for b in &placed[i + 1..] {
                    assert!(
                        !a.bbox().intersects(&b.bbox()),
                        "{} and {}",
                        a.request,
                        b.request
                    );
                }
            }
        }
    }

    #[test]
    fn labels_with_no_room_are_left_out_unless_required() {
        // Regression: on a dense network map names were written over each other.
        let frame = Rect::new(0.0, 0.0, 300.0, 300.0);
        let reqs: Vec<Request> = (0..40)
            .map(|i| Request {
                required: i == 0,
                ..req(
                    &format!("Some long place name {i}"),
                    (150.0, 150.0 + (i % 3) as f64),
                )
            })
            .collect();
        let placed = place(&reqs, &[], &frame, &[], 1.0);
        assert!(placed.len() < reqs.len());
        assert_eq!(placed[0].request, 0);
        for (i, a) in placed.iter().enumerate() {
            for b in &placed[i + 1..] {
                assert!(
                    !a.bbox().intersects(&b.bbox()),
                    "{} and {}",
                    a.request,
                    b.request
                );
            }
        }
    }
}
