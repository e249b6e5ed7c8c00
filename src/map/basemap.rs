//! The Natural Earth base map embedded in the binary (world-atlas TopoJSON),
//! decoded into land polygons, coastlines and country borders, and cut for a view.
//!
//! world-atlas rings are made for spherical renderers: some cross ±180° and
//! Antarctica winds round the South Pole. [`unwrap_ring`] makes a ring
//! continuous in longitude around a view's central meridian and closes polar
//! rings through the pole, so that clipping in longitude/latitude and then
//! projecting never draws a line across the map.

use std::collections::HashMap;

use serde::Deserialize;

use super::LonLat;
use super::clip::{Rect, clip_polyline, clip_ring};
use super::geodesic::unwrap_longitudes;
use crate::error::{Error, Result};

/// Which Natural Earth scale to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    /// 1:110 million, for world and continental views.
    Low,
    /// 1:50 million, for regional views.
    Medium,
}

impl Resolution {
    /// The Natural Earth name of the scale ("110m" or "50m").
    pub fn name(self) -> &'static str {
        match self {
            Resolution::Low => "110m",
            Resolution::Medium => "50m",
        }
    }

    /// Choose the scale for a map whose frame shows `ground_width_km` kilometres
    /// across `frame_width_px` CSS pixels (96 per inch): 1:50m up to a scale of
    /// 1:80 million, 1:110m beyond.
    pub fn for_scale(ground_width_km: f64, frame_width_px: f64) -> Self {
        let paper_m = frame_width_px / 96.0 * 0.0254;
        let denominator = ground_width_km * 1000.0 / paper_m;
        if denominator <= 80.0e6 {
            Resolution::Medium
        } else {
            Resolution::Low
        }
    }
}

/// A polygon: an outer ring and its holes, in degrees, not closed (the first
/// point is not repeated).
#[derive(Debug, Clone, PartialEq)]
pub struct Polygon {
    /// The outer ring.
    pub outer: Vec<LonLat>,
    /// Holes (lakes, inland seas).
    pub holes: Vec<Vec<LonLat>>,
}

/// The decoded base map.
#[derive(Debug, Clone)]
pub struct BaseMap {
    /// Land polygons.
    pub land: Vec<Polygon>,
    /// Borders between countries, as open polylines.
    pub borders: Vec<Vec<LonLat>>,
}

#[derive(Deserialize)]
struct Topology {
    transform: Option<Transform>,
    arcs: Vec<Vec<[f64; 2]>>,
    objects: HashMap<String, Collection>,
}

#[derive(Deserialize)]
struct Transform {
    scale: [f64; 2],
    translate: [f64; 2],
}

#[derive(Deserialize)]
struct Collection {
    geometries: Vec<Geometry>,
}

#[derive(Deserialize)]
#[serde(tag = "type")]
enum Geometry {
    Polygon {
        arcs: Vec<Vec<i64>>,
    },
    MultiPolygon {
        arcs: Vec<Vec<Vec<i64>>>,
    },
    #[serde(other)]
    Other,
}

impl BaseMap {
    /// Decode the embedded base map at a resolution.
    pub fn embedded(res: Resolution) -> Result<Self> {
        let bytes = match res {
            Resolution::Low => crate::assets::COUNTRIES_110M,
            Resolution::Medium => crate::assets::COUNTRIES_50M,
        };
        Self::from_topojson(bytes)
            .map_err(|e| Error::Render(format!("embedded base map {}: {e}", res.name())))
    }

    /// Decode a world-atlas style TopoJSON holding `countries` and `land` objects.
    pub fn from_topojson(bytes: &[u8]) -> std::result::Result<Self, String> {
        let topo: Topology = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
        let arcs = decode_arcs(&topo);
        let ring = |indices: &[i64]| -> std::result::Result<Vec<LonLat>, String> {
            let mut out: Vec<LonLat> = Vec::new();
            for &i in indices {
                let (idx, reversed) = if i < 0 {
                    ((!i) as usize, true)
                } else {
                    (i as usize, false)
                };
                let arc = arcs
                    .get(idx)
                    .ok_or_else(|| format!("arc {i} out of range"))?;
                let pts: Box<dyn Iterator<Item = &LonLat>> = if reversed {
                    Box::new(arc.iter().rev())
                } else {
                    Box::new(arc.iter())
                };
                for (k, p) in pts.enumerate() {
                    if k == 0 && !out.is_empty() {
                        continue;
                    }
                    out.push(*p);
                }
            }
            if out.len() > 1 && out.first() == out.last() {
                out.pop();
            }
            Ok(out)
        };
        let polygon = |rings: &[Vec<i64>]| -> std::result::Result<Option<Polygon>, String> {
            let mut it = rings.iter();
            let Some(first) = it.next() else {
                return Ok(None);
            };
            Ok(Some(Polygon {
                outer: ring(first)?,
                holes: it.map(|r| ring(r)).collect::<std::result::Result<_, _>>()?,
            }))
        };

        let land_obj = topo.objects.get("land").ok_or("no \"land\" object")?;
        let mut land = Vec::new();
        for g in &land_obj.geometries {
            match g {
                Geometry::Polygon { arcs } => land.extend(polygon(arcs)?),
                Geometry::MultiPolygon { arcs } => {
                    for p in arcs {
                        land.extend(polygon(p)?);
                    }
                }
                Geometry::Other => {}
            }
        }

        // Borders: arcs used by two different countries (d3's mesh with a !== b).
        let countries = topo
            .objects
            .get("countries")
            .ok_or("no \"countries\" object")?;
        let mut users: Vec<Vec<usize>> = vec![Vec::new(); arcs.len()];
        for (gi, g) in countries.geometries.iter().enumerate() {
            let mut visit = |rings: &Vec<Vec<i64>>| {
                for r in rings {
                    for &i in r {
                        let idx = if i < 0 { (!i) as usize } else { i as usize };
                        if let Some(u) = users.get_mut(idx)
                            && !u.contains(&gi)
                        {
                            u.push(gi);
                        }
                    }
                }
            };
            match g {
                Geometry::Polygon { arcs } => visit(arcs),
                Geometry::MultiPolygon { arcs } => arcs.iter().for_each(&mut visit),
                Geometry::Other => {}
            }
        }
        let borders = arcs
            .iter()
            .zip(&users)
            .filter(|(_, u)| u.len() >= 2)
            .map(|(a, _)| a.clone())
            .collect();
        Ok(BaseMap { land, borders })
    }
}

fn decode_arcs(topo: &Topology) -> Vec<Vec<LonLat>> {
    topo.arcs
        .iter()
        .map(|arc| match &topo.transform {
            Some(t) => {
                let (mut x, mut y) = (0.0, 0.0);
                arc.iter()
                    .map(|d| {
                        x += d[0];
                        y += d[1];
                        (
                            x * t.scale[0] + t.translate[0],
                            y * t.scale[1] + t.translate[1],
                        )
                    })
                    .collect()
            }
            None => arc.iter().map(|p| (p[0], p[1])).collect(),
        })
        .collect()
}

/// Make a ring continuous in longitude, starting within ±180° of `lon0_deg`.
/// A ring that winds round a pole (its unwrapped end is 360° from its start) is
/// closed through that pole. Returns the ring and whether it was polar.
pub fn unwrap_ring(ring: &[LonLat], lon0_deg: f64) -> (Vec<LonLat>, bool) {
    let mut out = ring.to_vec();
    if out.is_empty() {
        return (out, false);
    }
    out[0].0 = lon0_deg + (out[0].0 - lon0_deg + 180.0).rem_euclid(360.0) - 180.0;
    unwrap_longitudes(&mut out);
    let first = out[0];
    let last = *out.last().expect("non-empty");
    // Close the ring back to its start, unwrapped.
    let mut closing = first.0;
    while closing - last.0 > 180.0 {
        closing -= 360.0;
    }
    while closing - last.0 < -180.0 {
        closing += 360.0;
    }
    if (closing - first.0).abs() > 1.0 {
        let mean_lat = out.iter().map(|p| p.1).sum::<f64>() / out.len() as f64;
        let pole = if mean_lat < 0.0 { -90.0 } else { 90.0 };
        out.push((last.0, pole));
        out.push((first.0, pole));
        return (out, true);
    }
    (out, false)
}

/// Cut a ring (already unwrapped) to a longitude/latitude window, trying the
/// ring and its copies shifted by ±360° so parts beyond the seam are kept.
pub fn clip_ring_to_window(ring: &[LonLat], window: &Rect) -> Vec<Vec<LonLat>> {
    let Some(bbox) = Rect::bounding(ring.iter().copied()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for shift in [-360.0, 0.0, 360.0] {
        let b = Rect::new(bbox.x0 + shift, bbox.y0, bbox.x1 + shift, bbox.y1);
        if !b.intersects(window) {
            continue;
        }
        let shifted: Vec<LonLat> = ring.iter().map(|p| (p.0 + shift, p.1)).collect();
        if window.contains_rect(&b) {
            out.push(shifted);
        } else {
            let c = clip_ring(&shifted, window);
            if !c.is_empty() {
                out.push(c);
            }
        }
    }
    out
}

/// Cut an open polyline (already unwrapped) to a window, with ±360° copies.
pub fn clip_line_to_window(line: &[LonLat], window: &Rect) -> Vec<Vec<LonLat>> {
    let Some(bbox) = Rect::bounding(line.iter().copied()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for shift in [-360.0, 0.0, 360.0] {
        let b = Rect::new(bbox.x0 + shift, bbox.y0, bbox.x1 + shift, bbox.y1);
        let touches =
            b.x0 <= window.x1 && window.x0 <= b.x1 && b.y0 <= window.y1 && window.y0 <= b.y1;
        if !touches {
            continue;
        }
        let shifted: Vec<LonLat> = line.iter().map(|p| (p.0 + shift, p.1)).collect();
        out.extend(clip_polyline(&shifted, window));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    mod decoding {
        use super::*;

        #[test]
        fn both_resolutions_decode() {
            for res in [Resolution::Low, Resolution::Medium] {
                let m = BaseMap::embedded(res).unwrap();
                assert!(m.land.len() > 100, "{} land polygons", m.land.len());
                assert!(m.borders.len() > 100, "{} borders", m.borders.len());
                for p in &m.land {
                    for &(lon, lat) in &p.outer {
                        assert!((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat));
                    }
                }
            }
        }
    }

    mod rings {
        use super::*;

        #[test]
        fn ring_across_the_antimeridian_becomes_continuous() {
            let ring = vec![(179.0, 60.0), (-179.0, 60.0), (-179.0, 65.0), (179.0, 65.0)];
            let (u, polar) = unwrap_ring(&ring, 90.0);
            assert!(!polar);
            assert_eq!(
                u,
                vec![(179.0, 60.0), (181.0, 60.0), (181.0, 65.0), (179.0, 65.0)]
            );
        }

        #[test]
        fn antarctica_like_ring_is_closed_through_the_south_pole() {
            let ring: Vec<LonLat> = (0..36).map(|i| (-180.0 + i as f64 * 10.0, -70.0)).collect();
            let (u, polar) = unwrap_ring(&ring, 0.0);
            assert!(polar);
            assert_eq!(u[u.len() - 1].1, -90.0);
            assert_eq!(u[u.len() - 2].1, -90.0);
        }

        #[test]
        fn window_keeps_the_part_beyond_the_seam() {
            // A ring around 185°E, seen in a window centred on 170°E.
            let ring = vec![(184.0, 0.0), (186.0, 0.0), (186.0, 2.0), (184.0, 2.0)];
            let window = Rect::new(100.0, -10.0, 190.0, 10.0);
            assert_eq!(clip_ring_to_window(&ring, &window).len(), 1);
            // The same ring written in -180..180 is found through its +360° copy.
            let ring: Vec<LonLat> = ring.iter().map(|p| (p.0 - 360.0, p.1)).collect();
            assert_eq!(clip_ring_to_window(&ring, &window).len(), 1);
        }
    }
}
