//! The Natural Earth base map embedded in the binary (world-atlas TopoJSON),
//! decoded into land polygons, coastlines and country borders, and cut for a view.
//!
//! world-atlas rings are made for spherical renderers: some cross ±180° and
//! Antarctica winds round the South Pole. [`unwrap_ring`] makes a ring
//! continuous in longitude around a view's central meridian and closes polar
//! rings through the pole, so that clipping in longitude/latitude and then
//! projecting never draws a line across the map.

use std::collections::HashMap;
use std::io::Read;
use std::sync::OnceLock;

use serde::Deserialize;

use super::LonLat;
use super::clip::{Rect, clip_polyline, clip_ring};
use super::geodesic::unwrap_longitudes;
use crate::error::{Error, Result};
use crate::model::Borders;

/// Which Natural Earth scale to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Resolution {
    /// 1:110 million, for world views.
    Low,
    /// 1:50 million, for continental views.
    Medium,
    /// 1:10 million, for regional views.
    High,
}

impl Resolution {
    /// The Natural Earth name of the scale ("110m", "50m" or "10m").
    pub fn name(self) -> &'static str {
        match self {
            Resolution::Low => "110m",
            Resolution::Medium => "50m",
            Resolution::High => "10m",
        }
    }

    /// Choose the scale for a map whose frame shows `ground_width_km` kilometres
    /// across `frame_width_px` CSS pixels (96 per inch): 1:10m up to a scale of
    /// 1:15 million, 1:50m up to 1:80 million, 1:110m beyond.
    pub fn for_scale(ground_width_km: f64, frame_width_px: f64) -> Self {
        let paper_m = frame_width_px / 96.0 * 0.0254;
        let denominator = ground_width_km * 1000.0 / paper_m;
        if denominator <= 15.0e6 {
            Resolution::High
        } else if denominator <= 80.0e6 {
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
    /// Borders between countries that every point of view draws, as open
    /// polylines.
    pub borders: Vec<Vec<LonLat>>,
    /// Borders drawn only from the de facto point of view: Natural Earth's
    /// default data (world-atlas) puts Crimea inside Russia, so the arcs it
    /// shares between Russia and Ukraine south of 46.5°N (across the
    /// Perekop isthmus and the Syvash) cut Crimea off from Ukraine.
    /// `scripts/build-basemap.py` checks them against Natural Earth's
    /// German point of view, which holds Crimea in Ukraine.
    pub de_facto_only: Vec<Vec<LonLat>>,
}

/// ISO 3166 numeric codes of the two countries whose shared border depends
/// on the point of view, and the latitude south of which it does.
const RUSSIA: u16 = 643;
const UKRAINE: u16 = 804;
const CRIMEA_NORTH_DEG: f64 = 46.5;

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
        #[serde(default)]
        id: Option<String>,
    },
    MultiPolygon {
        arcs: Vec<Vec<Vec<i64>>>,
        #[serde(default)]
        id: Option<String>,
    },
    #[serde(other)]
    Other,
}

/// Polygons as rings of arc indices (`!i` is arc `i` reversed).
type ArcPolygons = Vec<Vec<Vec<i64>>>;

/// A topology decoded from TopoJSON or RMT1: arcs in degrees, land as
/// polygons of arcs, and countries (ISO 3166 numeric code, 0 if none) as
/// polygons of arcs.
struct Topo {
    arcs: Vec<Vec<LonLat>>,
    land: Vec<ArcPolygons>,
    countries: Vec<(u16, ArcPolygons)>,
}

impl Geometry {
    fn polygons(&self) -> (Option<&str>, ArcPolygons) {
        match self {
            Geometry::Polygon { arcs, id } => (id.as_deref(), vec![arcs.clone()]),
            Geometry::MultiPolygon { arcs, id } => (id.as_deref(), arcs.clone()),
            Geometry::Other => (None, Vec::new()),
        }
    }
}

static CACHE: [OnceLock<std::result::Result<BaseMap, String>>; 3] =
    [OnceLock::new(), OnceLock::new(), OnceLock::new()];

impl BaseMap {
    /// The embedded base map at a resolution (world-atlas 2.0.2 as RMT1,
    /// see `scripts/build-basemap.py`), decoded once per process, and only
    /// when a map asks for it.
    pub fn embedded(res: Resolution) -> Result<&'static Self> {
        let slot = &CACHE[res as usize];
        let bytes = match res {
            Resolution::Low => crate::assets::COUNTRIES_110M,
            Resolution::Medium => crate::assets::COUNTRIES_50M,
            Resolution::High => crate::assets::COUNTRIES_10M,
        };
        slot.get_or_init(|| inflate(bytes).and_then(|b| Self::from_rmt(&b)))
            .as_ref()
            .map_err(|e| Error::Render(format!("embedded base map {}: {e}", res.name())))
    }

    /// The borders drawn from a point of view.
    pub fn borders_for(&self, pov: Borders) -> impl Iterator<Item = &Vec<LonLat>> {
        let extra: &[Vec<LonLat>] = match pov {
            Borders::Recognised => &[],
            Borders::DeFacto => &self.de_facto_only,
        };
        self.borders.iter().chain(extra)
    }

    /// Decode a world-atlas style TopoJSON holding `countries` and `land`
    /// objects (countries' `id`: ISO 3166 numeric, as world-atlas writes it).
    pub fn from_topojson(bytes: &[u8]) -> std::result::Result<Self, String> {
        let topo: Topology = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
        let arcs = decode_arcs(&topo);
        let land_obj = topo.objects.get("land").ok_or("no \"land\" object")?;
        let countries = topo
            .objects
            .get("countries")
            .ok_or("no \"countries\" object")?;
        Self::from_topo(Topo {
            arcs,
            land: land_obj.geometries.iter().map(|g| g.polygons().1).collect(),
            countries: countries
                .geometries
                .iter()
                .map(|g| {
                    let (id, p) = g.polygons();
                    (id.and_then(|s| s.parse().ok()).unwrap_or(0), p)
                })
                .collect(),
        })
    }

    /// Decode RMT1, the binary TopoJSON `scripts/build-basemap.py` writes.
    pub fn from_rmt(bytes: &[u8]) -> std::result::Result<Self, String> {
        let mut r = Reader::new(bytes);
        r.magic(b"RMT1")?;
        let (sx, sy, tx, ty) = (r.f64()?, r.f64()?, r.f64()?, r.f64()?);
        let n = r.count()?;
        let mut arcs = Vec::with_capacity(n);
        for _ in 0..n {
            let m = r.count()?;
            let (mut x, mut y) = (0i64, 0i64);
            let mut arc = Vec::with_capacity(m);
            for _ in 0..m {
                x = step(x, r.zigzag()?)?;
                y = step(y, r.zigzag()?)?;
                arc.push((x as f64 * sx + tx, y as f64 * sy + ty));
            }
            arcs.push(arc);
        }
        let polygons = |r: &mut Reader| -> std::result::Result<ArcPolygons, String> {
            let np = r.count()?;
            let mut polys = Vec::with_capacity(np);
            for _ in 0..np {
                let nr = r.count()?;
                let mut rings = Vec::with_capacity(nr);
                for _ in 0..nr {
                    let na = r.count()?;
                    rings.push(
                        (0..na)
                            .map(|_| r.zigzag())
                            .collect::<std::result::Result<_, _>>()?,
                    );
                }
                polys.push(rings);
            }
            Ok(polys)
        };
        let nl = r.count()?;
        let land = (0..nl)
            .map(|_| polygons(&mut r))
            .collect::<std::result::Result<_, _>>()?;
        let nc = r.count()?;
        let mut countries = Vec::with_capacity(nc);
        for _ in 0..nc {
            let id = r.u16()?;
            countries.push((id, polygons(&mut r)?));
        }
        r.end()?;
        Self::from_topo(Topo {
            arcs,
            land,
            countries,
        })
    }

    fn from_topo(topo: Topo) -> std::result::Result<Self, String> {
        let arcs = &topo.arcs;
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
        let mut land = Vec::new();
        for polys in &topo.land {
            for rings in polys {
                let mut it = rings.iter();
                let Some(first) = it.next() else { continue };
                land.push(Polygon {
                    outer: ring(first)?,
                    holes: it.map(|r| ring(r)).collect::<std::result::Result<_, _>>()?,
                });
            }
        }

        // Borders: arcs used by two different countries (d3's mesh with a !== b).
        let mut users: Vec<Vec<usize>> = vec![Vec::new(); arcs.len()];
        for (gi, (_, polys)) in topo.countries.iter().enumerate() {
            for &i in polys.iter().flatten().flatten() {
                let idx = if i < 0 { (!i) as usize } else { i as usize };
                if let Some(u) = users.get_mut(idx)
                    && !u.contains(&gi)
                {
                    u.push(gi);
                }
            }
        }
        let mut borders = Vec::new();
        let mut de_facto_only = Vec::new();
        for (arc, u) in arcs.iter().zip(&users) {
            if u.len() < 2 {
                continue;
            }
            let mut ids: Vec<u16> = u.iter().map(|&g| topo.countries[g].0).collect();
            ids.sort_unstable();
            let crimean = ids == [RUSSIA, UKRAINE] && arc.iter().all(|p| p.1 < CRIMEA_NORTH_DEG);
            if crimean {
                de_facto_only.push(arc.clone());
            } else {
                borders.push(arc.clone());
            }
        }
        Ok(BaseMap {
            land,
            borders,
            de_facto_only,
        })
    }
}

/// A named Natural Earth feature: a lake (polygons) or a river (lines).
#[derive(Debug, Clone, PartialEq)]
pub struct Feature {
    /// English name, empty where Natural Earth has none.
    pub name: String,
    /// Natural Earth `scalerank`: 0 for the largest features.
    pub scalerank: u8,
    /// Natural Earth `min_zoom`: the web-map zoom level from which the
    /// feature is meant to be shown.
    pub min_zoom: f64,
    /// Parts: for a lake each part is a polygon (outer ring, then holes);
    /// for a river each part is one line. Rings are not closed.
    pub parts: Vec<Vec<Vec<LonLat>>>,
}

/// Which layer of named features.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeatureKind {
    /// Natural Earth lakes (and reservoirs).
    Lakes,
    /// Natural Earth rivers and lake centrelines.
    Rivers,
}

static FEATURES: [OnceLock<std::result::Result<Vec<Feature>, String>>; 4] = [
    OnceLock::new(),
    OnceLock::new(),
    OnceLock::new(),
    OnceLock::new(),
];

/// The embedded lakes or rivers for a resolution: Natural Earth 1:10m at
/// [`Resolution::High`], 1:50m otherwise (callers choose which to show by
/// `min_zoom`). Decoded once per process.
pub fn features(kind: FeatureKind, res: Resolution) -> Result<&'static [Feature]> {
    let high = res == Resolution::High;
    let (slot, bytes, what) = match (kind, high) {
        (FeatureKind::Lakes, true) => (0, crate::assets::LAKES_10M, "lakes 10m"),
        (FeatureKind::Lakes, false) => (1, crate::assets::LAKES_50M, "lakes 50m"),
        (FeatureKind::Rivers, true) => (2, crate::assets::RIVERS_10M, "rivers 10m"),
        (FeatureKind::Rivers, false) => (3, crate::assets::RIVERS_50M, "rivers 50m"),
    };
    FEATURES[slot]
        .get_or_init(|| inflate(bytes).and_then(|b| features_from_rmf(&b)))
        .as_deref()
        .map_err(|e| Error::Render(format!("embedded {what}: {e}")))
}

/// Decode RMF1, the named features `scripts/build-basemap.py` writes.
pub fn features_from_rmf(bytes: &[u8]) -> std::result::Result<Vec<Feature>, String> {
    let mut r = Reader::new(bytes);
    r.magic(b"RMF1")?;
    let unit = r.f64()?;
    let n = r.count()?;
    let mut out = Vec::with_capacity(n);
    let (mut x, mut y) = (0i64, 0i64);
    for _ in 0..n {
        let scalerank = r.u8()?;
        let min_zoom = f64::from(r.u8()?) / 10.0;
        let len = r.count()?;
        let name = std::str::from_utf8(r.bytes(len)?)
            .map_err(|e| e.to_string())?
            .to_string();
        let np = r.count()?;
        let mut parts = Vec::with_capacity(np);
        for _ in 0..np {
            let nr = r.count()?;
            let mut rings = Vec::with_capacity(nr);
            for _ in 0..nr {
                let m = r.count()?;
                let mut ring = Vec::with_capacity(m);
                for _ in 0..m {
                    x = step(x, r.zigzag()?)?;
                    y = step(y, r.zigzag()?)?;
                    ring.push((x as f64 * unit, y as f64 * unit));
                }
                rings.push(ring);
            }
            parts.push(rings);
        }
        out.push(Feature {
            name,
            scalerank,
            min_zoom,
            parts,
        });
    }
    r.end()?;
    Ok(out)
}

fn inflate(bytes: &[u8]) -> std::result::Result<Vec<u8>, String> {
    let mut out = Vec::new();
    flate2::read::DeflateDecoder::new(bytes)
        .read_to_end(&mut out)
        .map_err(|e| e.to_string())?;
    Ok(out)
}

/// Reads the little-endian, LEB128 and zigzag values of RMT1 and RMF1.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, at: 0 }
    }

    fn bytes(&mut self, n: usize) -> std::result::Result<&'a [u8], String> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or_else(|| format!("truncated at byte {}", self.at))?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }

    fn magic(&mut self, m: &[u8]) -> std::result::Result<(), String> {
        if self.bytes(m.len())? == m {
            Ok(())
        } else {
            Err(format!("not {}", String::from_utf8_lossy(m)))
        }
    }

    fn u8(&mut self) -> std::result::Result<u8, String> {
        Ok(self.bytes(1)?[0])
    }

    fn u16(&mut self) -> std::result::Result<u16, String> {
        let b = self.bytes(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }

    fn f64(&mut self) -> std::result::Result<f64, String> {
        let b = self.bytes(8)?;
        Ok(f64::from_le_bytes(b.try_into().expect("8 bytes")))
    }

    fn varint(&mut self) -> std::result::Result<u64, String> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(format!("varint too long at byte {}", self.at))
    }

    /// A count, no larger than the bytes left could hold.
    fn count(&mut self) -> std::result::Result<usize, String> {
        let v = self.varint()?;
        if v > (self.bytes.len() - self.at) as u64 * 8 + 8 {
            return Err(format!("count {v} too large at byte {}", self.at));
        }
        Ok(v as usize)
    }

    fn zigzag(&mut self) -> std::result::Result<i64, String> {
        let v = self.varint()?;
        Ok((v >> 1) as i64 ^ -((v & 1) as i64))
    }

    fn end(&self) -> std::result::Result<(), String> {
        if self.at == self.bytes.len() {
            Ok(())
        } else {
            Err(format!("{} bytes left over", self.bytes.len() - self.at))
        }
    }
}

/// A delta-coded coordinate's next value; damaged data whose sum leaves
/// the 64-bit range is an error, not an overflow.
fn step(at: i64, delta: i64) -> std::result::Result<i64, String> {
    at.checked_add(delta)
        .ok_or_else(|| "a coordinate out of range (damaged data)".to_string())
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
            for res in [Resolution::Low, Resolution::Medium, Resolution::High] {
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

    mod formats {
        use super::*;

        /// A two-country topology: arc 0 is their shared border, south of
        /// 46.5°N, between Russia (643) and Ukraine (804).
        const TOPO: &str = r#"{"type":"Topology",
            "transform":{"scale":[0.5,0.25],"translate":[30,44]},
            "arcs":[[[6,4],[0,4]],[[6,8],[-6,0],[0,-8],[6,0],[0,4]],[[6,4],[6,0],[0,4],[-6,0]]],
            "objects":{
              "countries":{"type":"GeometryCollection","geometries":[
                {"type":"Polygon","id":"804","arcs":[[0,1]]},
                {"type":"Polygon","id":"643","arcs":[[2,-1]]}]},
              "land":{"type":"GeometryCollection","geometries":[
                {"type":"MultiPolygon","arcs":[[[1,2]]]}]}}}"#;

        #[test]
        fn the_shared_arc_south_of_crimea_s_north_is_de_facto_only() {
            let m = BaseMap::from_topojson(TOPO.as_bytes()).unwrap();
            assert_eq!(m.land.len(), 1);
            assert!(m.borders.is_empty());
            assert_eq!(m.de_facto_only, vec![vec![(33.0, 45.0), (33.0, 46.0)]]);
            assert_eq!(m.borders_for(Borders::Recognised).count(), 0);
            assert_eq!(m.borders_for(Borders::DeFacto).count(), 1);
        }

        #[test]
        fn rmt_decodes_as_its_topojson() {
            // The same topology, written as scripts/build-basemap.py does.
            let mut b: Vec<u8> = b"RMT1".to_vec();
            for v in [0.5f64, 0.25, 30.0, 44.0] {
                b.extend(v.to_le_bytes());
            }
            let z = |v: i64| ((v << 1) ^ (v >> 63)) as u8;
            b.push(3);
            for arc in [
                &[(6, 4), (0, 4)][..],
                &[(6, 8), (-6, 0), (0, -8), (6, 0), (0, 4)],
                &[(6, 4), (6, 0), (0, 4), (-6, 0)],
            ] {
                b.push(arc.len() as u8);
                for &(x, y) in arc {
                    b.extend([z(x), z(y)]);
                }
            }
            b.extend([1, 1, 1, 2, z(1), z(2)]);
            b.push(2);
            b.extend(804u16.to_le_bytes());
            b.extend([1, 1, 2, z(0), z(1)]);
            b.extend(643u16.to_le_bytes());
            b.extend([1, 1, 2, z(2), z(!0)]);
            let rmt = BaseMap::from_rmt(&b).unwrap();
            let json = BaseMap::from_topojson(TOPO.as_bytes()).unwrap();
            assert_eq!(rmt.land, json.land);
            assert_eq!(rmt.borders, json.borders);
            assert_eq!(rmt.de_facto_only, json.de_facto_only);
            for cut in 0..b.len() {
                assert!(BaseMap::from_rmt(&b[..cut]).is_err(), "cut at {cut}");
            }
        }
    }

    mod scales {
        use super::*;

        /// 1168 px across at 96 px per inch is 0.309 m of paper.
        #[test]
        fn detail_follows_the_scale_denominator() {
            let at = |denominator: f64| Resolution::for_scale(denominator * 0.309 / 1000.0, 1168.0);
            assert_eq!(at(3.0e6), Resolution::High);
            assert_eq!(at(14.9e6), Resolution::High);
            assert_eq!(at(15.1e6), Resolution::Medium);
            assert_eq!(at(79.0e6), Resolution::Medium);
            assert_eq!(at(81.0e6), Resolution::Low);
        }
    }

    mod points_of_view {
        use super::*;

        /// Border segments crossing 46.0°N between 33.0°E and 35.5°E: the
        /// Perekop isthmus and the Syvash, where a line would cut Crimea
        /// off from Ukraine.
        fn across_perekop<'a>(lines: impl Iterator<Item = &'a Vec<LonLat>>) -> usize {
            lines
                .flat_map(|l| l.windows(2))
                .filter(|w| {
                    let (a, b) = (w[0], w[1]);
                    (a.1 - 46.0) * (b.1 - 46.0) <= 0.0
                        && (33.0..=35.5).contains(&a.0)
                        && (33.0..=35.5).contains(&b.0)
                })
                .count()
        }

        #[test]
        fn crimea_is_cut_off_only_in_the_de_facto_view_at_every_scale() {
            for res in [Resolution::Low, Resolution::Medium, Resolution::High] {
                let m = BaseMap::embedded(res).unwrap();
                assert_eq!(
                    across_perekop(m.borders_for(Borders::Recognised)),
                    0,
                    "{}",
                    res.name()
                );
                assert!(
                    across_perekop(m.borders_for(Borders::DeFacto)) >= 1,
                    "{}",
                    res.name()
                );
                // The border in Donbas is drawn either way.
                let donbas = |pov| {
                    m.borders_for(pov)
                        .flatten()
                        .filter(|p| (38.0..40.5).contains(&p.0) && (47.0..50.0).contains(&p.1))
                        .count()
                };
                assert!(donbas(Borders::Recognised) > 0, "{}", res.name());
                assert_eq!(donbas(Borders::Recognised), donbas(Borders::DeFacto));
            }
        }
    }

    mod features {
        use super::*;

        fn names(kind: FeatureKind, res: Resolution) -> Vec<&'static str> {
            super::super::features(kind, res)
                .unwrap()
                .iter()
                .map(|f| f.name.as_str())
                .collect()
        }

        #[test]
        fn the_landmark_lakes_and_rivers_are_embedded_at_both_scales() {
            for res in [Resolution::Medium, Resolution::High] {
                let lakes = names(FeatureKind::Lakes, res);
                for lake in [
                    "Lake Baikal",
                    "Lake Ladoga",
                    "Lake Balkhash",
                    "Lake Superior",
                    "Lake Michigan",
                    "Lake Huron",
                    "Lake Erie",
                    "Lake Ontario",
                ] {
                    assert!(lakes.contains(&lake), "{lake} at {}", res.name());
                }
                assert!(
                    lakes.iter().any(|n| n.contains("Aral Sea")),
                    "{}",
                    res.name()
                );
                let rivers = names(FeatureKind::Rivers, res);
                for river in ["Volga", "Don", "Amur"] {
                    assert!(rivers.contains(&river), "{river} at {}", res.name());
                }
            }
        }

        #[test]
        fn baikal_lies_where_it_is() {
            let all = super::super::features(FeatureKind::Lakes, Resolution::Medium).unwrap();
            let baikal = all.iter().find(|f| f.name == "Lake Baikal").unwrap();
            let b = Rect::bounding(baikal.parts.iter().flatten().flatten().copied()).unwrap();
            assert!(
                b.x0 > 103.0 && b.x1 < 110.5 && b.y0 > 51.0 && b.y1 < 56.5,
                "{b:?}"
            );
        }

        #[test]
        fn damaged_assets_are_errors_not_panics() {
            let good = inflate(crate::assets::LAKES_50M).unwrap();
            for cut in [0, 3, 4, 11, 12, 13, 100, good.len() / 2, good.len() - 1] {
                assert!(features_from_rmf(&good[..cut]).is_err(), "cut at {cut}");
            }
            let mut extra = good.clone();
            extra.push(0);
            assert!(features_from_rmf(&extra).is_err());
            assert!(BaseMap::from_rmt(b"RMT1").is_err());
            assert!(BaseMap::from_rmt(&good).is_err());
        }

        /// Found by the `basemap` fuzz target: deltas whose sum leaves the
        /// 64-bit range overflowed (a panic in debug builds).
        #[test]
        fn coordinates_out_of_range_are_errors() {
            const CRASH: &[u8] = &[
                82, 77, 70, 49, 123, 34, 97, 114, 99, 115, 34, 58, 91, 91, 91, 48, 44, 48, 93, 44,
                91, 49, 48, 44, 48, 93, 44, 91, 49, 48, 44, 49, 48, 93, 44, 91, 48, 44, 48, 93, 93,
                44, 91, 91, 49, 48, 44, 48, 93, 44, 91, 49, 48, 44, 49, 48, 93, 93, 93, 44, 34,
                111, 98, 106, 101, 99, 116, 115, 34, 58, 123, 34, 107, 111, 117, 110, 116, 114,
                105, 101, 115, 34, 58, 123, 34, 103, 101, 111, 109, 101, 116, 114, 105, 101, 115,
                34, 58, 91, 123, 34, 116, 121, 112, 101, 34, 58, 34, 80, 111, 108, 121, 103, 111,
                110, 34, 34, 255, 111, 34, 58, 91, 48, 46, 48, 255, 255, 255, 255, 255, 255, 255,
                255, 255, 51, 54, 44, 48, 46, 48, 49, 56, 93, 44, 34, 116, 114, 97, 110, 115, 108,
                97, 116, 58, 101, 49, 34, 91, 45, 56, 48, 44, 45, 56, 53, 93, 125, 44, 34, 97, 114,
                99, 115, 34, 58, 91, 91, 91, 48, 44, 48, 93, 44, 91, 49, 48, 48, 44, 116, 115, 34,
                58, 123, 34, 107, 111, 117, 110, 116, 114, 105, 49, 48, 48, 44, 45, 49, 48, 48, 93,
                93, 44, 91, 91, 49, 48, 93, 93, 93, 44, 34, 111, 98, 106, 101, 99, 116, 115, 34,
                58, 123, 34, 107, 111, 117, 110, 116, 114, 105, 101, 115, 34, 58, 123, 34, 103,
                101, 111, 109, 101, 116, 114, 105, 101, 115, 34, 58, 91, 123, 34, 116, 121, 112,
                101, 34, 58, 34, 80, 111, 108, 121, 103, 111, 110, 34, 34, 255, 111, 34, 58, 91,
                48, 46, 48, 51, 54, 44, 48, 46, 49, 48, 44, 45, 49, 48, 93, 93, 36, 44, 34, 111,
                98, 106, 110, 34, 44, 34, 97, 114, 99, 115, 34, 58, 91, 91, 53, 93, 93, 125, 93,
                125, 125, 125, 10,
            ];
            assert!(features_from_rmf(CRASH).is_err());
            let _ = BaseMap::from_rmt(CRASH);
            let _ = BaseMap::from_topojson(CRASH);
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
