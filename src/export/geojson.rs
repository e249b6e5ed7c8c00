//! The map's places and legs as GeoJSON (RFC 7946) for QGIS, Datawrapper,
//! kepler.gl or geojson.io: places as Points; each leg as a geodesic densified
//! every 20 km, split at the antimeridian into a MultiLineString as RFC 7946
//! §3.1.9 asks. Coordinates have 6 decimals (about 0.1 m).

use serde_json::{Map, Value, json};

use crate::graph::RouteGraph;
use crate::map::LonLat;
use crate::map::geodesic::{DENSIFY_STEP_M, densify};
use crate::model::Dataset;

fn round6(v: f64) -> f64 {
    let r = (v * 1e6).round() / 1e6;
    if r == 0.0 { 0.0 } else { r }
}

/// Wrap a longitude into [-180, 180].
fn wrap(lon: f64) -> f64 {
    let w = (lon + 180.0).rem_euclid(360.0) - 180.0;
    if w == -180.0 && lon > 0.0 { 180.0 } else { w }
}

/// Split an unwrapped line (longitudes continuous, possibly beyond ±180) into
/// pieces within [-180, 180], cutting exactly at the antimeridian.
pub fn split_at_antimeridian(line: &[LonLat]) -> Vec<Vec<LonLat>> {
    let mut pieces: Vec<Vec<LonLat>> = Vec::new();
    let mut current: Vec<LonLat> = Vec::new();
    for (i, &p) in line.iter().enumerate() {
        if i > 0 {
            let q = line[i - 1];
            // Crossings of odd multiples of 180° between q and p.
            let (lo, hi) = (q.0.min(p.0), q.0.max(p.0));
            let mut k = ((lo - 180.0) / 360.0).ceil();
            while 180.0 + 360.0 * k <= hi {
                let edge = 180.0 + 360.0 * k;
                if edge > lo && edge < hi {
                    let t = (edge - q.0) / (p.0 - q.0);
                    let lat = q.1 + t * (p.1 - q.1);
                    let east = p.0 > q.0;
                    current.push((if east { 180.0 } else { -180.0 }, lat));
                    pieces.push(std::mem::take(&mut current));
                    current.push((if east { -180.0 } else { 180.0 }, lat));
                }
                k += 1.0;
            }
        }
        current.push((wrap(p.0), p.1));
    }
    if current.len() >= 2 {
        pieces.push(current);
    }
    pieces.retain(|p| p.len() >= 2);
    pieces
}

fn coords(line: &[LonLat]) -> Value {
    Value::Array(
        line.iter()
            .map(|&(x, y)| json!([round6(x), round6(y)]))
            .collect(),
    )
}

/// A leg to export, with extra properties (e.g. a path's rank).
pub struct ExportLeg {
    /// Index into [`Dataset::legs`].
    pub leg: usize,
    /// Extra properties.
    pub extra: Vec<(String, Value)>,
}

/// The GeoJSON FeatureCollection of `places` (indices) and `legs`.
pub fn feature_collection(
    ds: &Dataset,
    graph: &RouteGraph,
    places: &[usize],
    legs: &[ExportLeg],
) -> String {
    let mut features = Vec::new();
    for &i in places {
        let p = &ds.places[i];
        let mut props = Map::new();
        props.insert("kind".into(), json!("place"));
        props.insert("id".into(), json!(p.id));
        props.insert("name".into(), json!(p.name));
        if let Some(c) = &p.country {
            props.insert("country".into(), json!(c));
        }
        if let Some(k) = p.kind {
            props.insert("place_kind".into(), json!(k));
        }
        if let Some(n) = &p.note {
            props.insert("note".into(), json!(n));
        }
        features.push(json!({
            "type": "Feature",
            "properties": props,
            "geometry": {"type": "Point", "coordinates": [round6(p.lon_deg), round6(p.lat_deg)]},
        }));
    }
    for e in legs {
        let leg = &ds.legs[e.leg];
        let a = ds.place(&leg.from).expect("validated dataset");
        let b = ds.place(&leg.to).expect("validated dataset");
        let line = densify(
            (a.lon_deg, a.lat_deg),
            (b.lon_deg, b.lat_deg),
            DENSIFY_STEP_M,
        );
        let pieces = split_at_antimeridian(&line);
        let geometry = if pieces.len() == 1 {
            json!({"type": "LineString", "coordinates": coords(&pieces[0])})
        } else {
            json!({"type": "MultiLineString", "coordinates": pieces.iter().map(|p| coords(p)).collect::<Vec<_>>()})
        };
        let mut props = Map::new();
        props.insert("kind".into(), json!("leg"));
        props.insert("from".into(), json!(leg.from));
        props.insert("to".into(), json!(leg.to));
        props.insert("route".into(), json!(leg.route));
        props.insert("mode".into(), json!(leg.mode));
        props.insert("evidence".into(), json!(leg.evidence));
        props.insert(
            "km".into(),
            json!((graph.leg_distance_m(e.leg)).round() / 1000.0),
        );
        props.insert("date".into(), json!(leg.date.map(|d| d.to_string())));
        props.insert("count".into(), json!(leg.count));
        let source = leg.source.as_ref().map(|s| {
            ds.source(s)
                .and_then(|src| src.publisher.clone())
                .unwrap_or_else(|| s.clone())
        });
        props.insert("source".into(), json!(source));
        for (k, v) in &e.extra {
            props.insert(k.clone(), v.clone());
        }
        features.push(json!({"type": "Feature", "properties": props, "geometry": geometry}));
    }
    let mut s =
        serde_json::to_string_pretty(&json!({"type": "FeatureCollection", "features": features}))
            .expect("GeoJSON serialises");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_across_the_antimeridian_is_cut_there() {
        let pieces =
            split_at_antimeridian(&[(170.0, 50.0), (175.0, 52.0), (185.0, 54.0), (190.0, 55.0)]);
        assert_eq!(pieces.len(), 2);
        assert_eq!(pieces[0].last().unwrap(), &(180.0, 53.0));
        assert_eq!(pieces[1][0], (-180.0, 53.0));
        assert_eq!(pieces[1].last().unwrap(), &(-170.0, 55.0));
        for p in pieces.iter().flatten() {
            assert!((-180.0..=180.0).contains(&p.0));
        }
    }

    #[test]
    fn westward_crossing_too() {
        let pieces = split_at_antimeridian(&[(-170.0, 0.0), (-190.0, 10.0)]);
        assert_eq!(
            pieces,
            vec![
                vec![(-170.0, 0.0), (-180.0, 5.0)],
                vec![(180.0, 5.0), (170.0, 10.0)]
            ]
        );
    }

    #[test]
    fn a_line_that_does_not_cross_is_one_piece() {
        assert_eq!(split_at_antimeridian(&[(10.0, 0.0), (20.0, 5.0)]).len(), 1);
    }
}
