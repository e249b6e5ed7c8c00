//! GeoJSON overlays (`render --overlay FILE.geojson`): polygons, lines and
//! points drawn over the base map, styled from each feature's properties:
//!
//! | property | meaning |
//! | --- | --- |
//! | `name` | legend entry (and label, for points) |
//! | `fill` | colour `#rrggbb` or `#rgb` of areas and points |
//! | `stroke` | colour of lines and area outlines (default: `fill`) |
//! | `hatch` | `true` to hatch an area instead of tinting it |
//!
//! Errors name the file and the feature's index (0-based, as in the file).

use std::path::Path;

use serde_json::Value;

use crate::error::{Error, Location, Result};
use crate::model::{Colour, LonLat, Overlay, OverlayFeature, OverlayGeometry};
use crate::text::quote;

/// The largest overlay file read, in bytes: parsed JSON takes about ten
/// times its text in memory, and an overlay this size already holds far
/// more positions than [`MAX_POSITIONS`] (a position is some 20 bytes).
pub const MAX_OVERLAY_BYTES: u64 = 64 * 1024 * 1024;
/// The most features an overlay may hold.
pub const MAX_FEATURES: usize = 10_000;
/// The most positions (of points, lines and rings together) an overlay may
/// hold: Natural Earth's most detailed country outlines have about 550,000.
pub const MAX_POSITIONS: usize = 1_000_000;
/// The most points (positions of Point and MultiPoint geometries) an
/// overlay may hold: each is a marker on the map, and may carry a label.
pub const MAX_POINTS: usize = 10_000;

/// Read and parse an overlay file of at most [`MAX_OVERLAY_BYTES`].
pub fn read_overlay(path: &Path) -> Result<Overlay> {
    let text = super::decode_utf8(path, super::read_capped(path, MAX_OVERLAY_BYTES)?)?;
    parse_overlay(path, &text)
}

/// Parse `#rrggbb` or `#rgb`.
pub fn parse_colour(s: &str) -> Option<Colour> {
    let h = s.trim().strip_prefix('#')?;
    let digits: Vec<u8> = h
        .chars()
        .map(|c| c.to_digit(16).map(|d| d as u8))
        .collect::<Option<_>>()?;
    match digits.len() {
        3 => Some(Colour(digits[0] * 17, digits[1] * 17, digits[2] * 17)),
        6 => Some(Colour(
            digits[0] * 16 + digits[1],
            digits[2] * 16 + digits[3],
            digits[4] * 16 + digits[5],
        )),
        _ => None,
    }
}

/// Parse the text of an overlay file named `path` (used in messages).
pub fn parse_overlay(path: &Path, text: &str) -> Result<Overlay> {
    let at = || Location::file(path);
    let v: Value = serde_json::from_str(text).map_err(|e| {
        Error::invalid(
            Location::line(path, e.line() as u64),
            format!("not valid JSON: {e}"),
        )
    })?;
    let features: Vec<&Value> = match v.get("type").and_then(Value::as_str) {
        Some("FeatureCollection") => v
            .get("features")
            .and_then(Value::as_array)
            .ok_or_else(|| Error::invalid(at(), "FeatureCollection without a \"features\" array"))?
            .iter()
            .collect(),
        Some("Feature") => vec![&v],
        Some(other) => {
            return Err(Error::invalid(
                at(),
                format!(
                    "top-level type {} is not supported (expected FeatureCollection or Feature)",
                    quote(other)
                ),
            ));
        }
        None => {
            return Err(Error::invalid(
                at(),
                "not GeoJSON: no \"type\" member at the top level",
            ));
        }
    };
    if features.len() > MAX_FEATURES {
        return Err(Error::invalid(
            at(),
            format!(
                "has {} features; an overlay may hold at most {MAX_FEATURES}",
                features.len()
            ),
        ));
    }
    let mut out = Vec::with_capacity(features.len());
    let (mut positions, mut points) = (0usize, 0usize);
    for (i, f) in features.iter().enumerate() {
        let err = |m: String| Error::invalid(at(), format!("feature {i}: {m}"));
        if f.get("type").and_then(Value::as_str) != Some("Feature") {
            return Err(err("is not a Feature (\"type\" must be \"Feature\")".into()));
        }
        let props = f.get("properties").and_then(Value::as_object);
        let prop = |k: &str| props.and_then(|p| p.get(k));
        // The name is a label and a legend entry: checked like any name
        // (JSON escapes such as "\ufffe" are decoded by now).
        let name = match prop("name") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(v @ (Value::Number(_) | Value::Bool(_))) => Some(v.to_string()),
            Some(_) => return Err(err("name is not text or a number".into())),
        };
        if let Some(n) = &name {
            super::fields::text("name", n, super::fields::MAX_NAME_CHARS).map_err(err)?;
        }
        let colour = |k: &str| -> Result<Option<Colour>> {
            match prop(k) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => parse_colour(s).map(Some).ok_or_else(|| {
                    err(format!("{k} {} is not a colour like \"#d55e00\"", quote(s)))
                }),
                Some(other) => Err(err(format!(
                    "{k} {} is not a colour like \"#d55e00\"",
                    other
                ))),
            }
        };
        let fill = colour("fill")?;
        let stroke = colour("stroke")?;
        let hatch = match prop("hatch") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(other) => return Err(err(format!("hatch {other} is not true or false"))),
        };
        let g = f
            .get("geometry")
            .filter(|g| !g.is_null())
            .ok_or_else(|| err("has no geometry".into()))?;
        let geometry = geometry(g).map_err(err)?;
        let (n, in_points) = match &geometry {
            OverlayGeometry::Points(p) => (p.len(), p.len()),
            OverlayGeometry::Lines(l) => (l.iter().map(Vec::len).sum(), 0),
            OverlayGeometry::Areas(a) => (a.iter().flatten().map(Vec::len).sum(), 0),
        };
        positions += n;
        points += in_points;
        if points > MAX_POINTS {
            return Err(err(format!(
                "the overlay has more than {MAX_POINTS} points (positions of Point and \
                 MultiPoint geometries) by here; each is a marker on the map"
            )));
        }
        if positions > MAX_POSITIONS {
            return Err(err(format!(
                "the overlay has more than {MAX_POSITIONS} positions by here"
            )));
        }
        out.push(OverlayFeature {
            name,
            fill,
            stroke,
            hatch,
            geometry,
        });
    }
    Ok(Overlay { features: out })
}

fn position(v: &Value) -> std::result::Result<LonLat, String> {
    let a = v
        .as_array()
        .filter(|a| a.len() >= 2)
        .ok_or_else(|| format!("position {v} is not [longitude, latitude]"))?;
    let lon = a[0]
        .as_f64()
        .ok_or_else(|| format!("longitude {} is not a number", a[0]))?;
    let lat = a[1]
        .as_f64()
        .ok_or_else(|| format!("latitude {} is not a number", a[1]))?;
    if !lon.is_finite() || lon.abs() > 180.0 {
        return Err(format!("longitude {lon} is outside -180..180"));
    }
    if !lat.is_finite() || lat.abs() > 90.0 {
        return Err(format!("latitude {lat} is outside -90..90"));
    }
    Ok((lon, lat))
}

fn positions(v: &Value, min: usize, what: &str) -> std::result::Result<Vec<LonLat>, String> {
    let a = v
        .as_array()
        .ok_or_else(|| format!("{what} is not an array of positions"))?;
    if a.len() < min {
        return Err(format!(
            "{what} has {} positions; at least {min} are needed",
            a.len()
        ));
    }
    a.iter().map(position).collect()
}

fn rings(v: &Value) -> std::result::Result<Vec<Vec<LonLat>>, String> {
    let a = v.as_array().ok_or("polygon is not an array of rings")?;
    if a.is_empty() {
        return Err("polygon has no rings".into());
    }
    a.iter()
        .map(|r| {
            let mut ring = positions(r, 4, "polygon ring")?;
            if ring.first() != ring.last() {
                return Err(
                    "polygon ring is not closed (its first and last positions differ)".into(),
                );
            }
            ring.pop();
            Ok(ring)
        })
        .collect()
}

fn geometry<'g>(g: &'g Value) -> std::result::Result<OverlayGeometry, String> {
    let kind = g
        .get("type")
        .and_then(Value::as_str)
        .ok_or("geometry has no \"type\"")?;
    let coords = || {
        g.get("coordinates")
            .ok_or("geometry has no \"coordinates\"")
    };
    let list = |v: &'g Value| -> std::result::Result<&'g Vec<Value>, String> {
        v.as_array()
            .ok_or_else(|| format!("{kind} coordinates are not an array"))
    };
    Ok(match kind {
        "Point" => OverlayGeometry::Points(vec![position(coords()?)?]),
        "MultiPoint" => OverlayGeometry::Points(positions(coords()?, 1, "MultiPoint")?),
        "LineString" => OverlayGeometry::Lines(vec![positions(coords()?, 2, "LineString")?]),
        "MultiLineString" => OverlayGeometry::Lines(
            list(coords()?)?
                .iter()
                .map(|l| positions(l, 2, "line"))
                .collect::<std::result::Result<_, _>>()?,
        ),
        "Polygon" => OverlayGeometry::Areas(vec![rings(coords()?)?]),
        "MultiPolygon" => OverlayGeometry::Areas(
            list(coords()?)?
                .iter()
                .map(rings)
                .collect::<std::result::Result<_, _>>()?,
        ),
        other => {
            return Err(format!(
                "geometry type {} is not supported (Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon)",
                quote(other)
            ));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Overlay> {
        parse_overlay(Path::new("o.geojson"), text)
    }

    #[test]
    fn polygon_with_properties() {
        let o = parse(
            r##"{"type":"FeatureCollection","features":[{"type":"Feature",
            "properties":{"name":"Area","fill":"#d55e00","hatch":true},
            "geometry":{"type":"Polygon","coordinates":[[[37,47],[39,47],[39,49],[37,47]]]}}]}"##,
        )
        .unwrap();
        let f = &o.features[0];
        assert_eq!(f.name.as_deref(), Some("Area"));
        assert_eq!(f.fill, Some(Colour(0xd5, 0x5e, 0x00)));
        assert!(f.hatch);
        assert_eq!(
            f.geometry,
            OverlayGeometry::Areas(vec![vec![vec![(37.0, 47.0), (39.0, 47.0), (39.0, 49.0)]]])
        );
    }

    #[test]
    fn errors_name_the_feature_index() {
        let e = parse(
            r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,2]}},
            {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,95]}}]}"#,
        )
        .unwrap_err()
        .to_string();
        assert_eq!(e, "o.geojson: feature 1: latitude 95 is outside -90..90");
    }

    #[test]
    fn unclosed_ring_and_bad_colour_are_errors() {
        let e = parse(
            r#"{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}}"#,
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("feature 0: polygon ring is not closed"), "{e}");
        let e = parse(
            r#"{"type":"Feature","properties":{"fill":"red"},"geometry":{"type":"Point","coordinates":[0,0]}}"#,
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("fill \"red\" is not a colour"), "{e}");
    }

    #[test]
    fn invalid_json_names_the_line() {
        let e = parse("{\n\"type\": \"FeatureCollection\",\n\"features\": [,]}")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("o.geojson:3: not valid JSON"), "{e}");
    }

    fn point_named(name: &str) -> String {
        format!(
            r#"{{"type":"Feature","properties":{{"name":{name}}},"geometry":{{"type":"Point","coordinates":[1,2]}}}}"#
        )
    }

    #[test]
    fn names_are_checked_like_every_name() {
        // A JSON escape is decoded before the check: U+FFFE cannot reach
        // an SVG map.
        let e = parse(&point_named(r#""Mos\ufffecow""#))
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "o.geojson: feature 0: name value \"Mos\\u{fffe}cow\" contains the character U+FFFE, \
             which text in XML (and so in an SVG map) cannot hold"
        );
        let e = parse(&point_named(r#""a\u001b[2Jb""#))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("contains the control character '\\u{1b}'"),
            "{e}"
        );
        let long = format!("\"{}\"", "x".repeat(201));
        let e = parse(&point_named(&long)).unwrap_err().to_string();
        assert!(e.ends_with("is longer than 200 characters"), "{e}");
        let e = parse(&point_named(r#"{"a":1}"#)).unwrap_err().to_string();
        assert_eq!(e, "o.geojson: feature 0: name is not text or a number");
        let o = parse(&point_named("42")).unwrap();
        assert_eq!(o.features[0].name.as_deref(), Some("42"));
    }

    #[test]
    fn a_lone_surrogate_escape_is_invalid_json() {
        // serde_json refuses "\ud800" (no low surrogate follows): no
        // unpaired surrogate can reach a name.
        let e = parse(&point_named(r#""\ud800""#)).unwrap_err().to_string();
        assert!(e.starts_with("o.geojson:1: not valid JSON: "), "{e}");
        let e = parse(&point_named(r#""\udc00x""#)).unwrap_err().to_string();
        assert!(e.starts_with("o.geojson:1: not valid JSON:"), "{e}");
    }

    fn collection(features: &[String]) -> String {
        format!(
            r#"{{"type":"FeatureCollection","features":[{}]}}"#,
            features.join(",")
        )
    }

    #[test]
    fn size_limits() {
        let point = point_named("null");
        let e = parse(&collection(&vec![point.clone(); MAX_FEATURES + 1]))
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "o.geojson: has 10001 features; an overlay may hold at most 10000"
        );
        assert!(parse(&collection(&vec![point; MAX_FEATURES])).is_ok());
        // One MultiPoint of too many points.
        let many: Vec<&str> = vec!["[1,2]"; MAX_POINTS + 1];
        let multi = format!(
            r#"{{"type":"Feature","properties":{{}},"geometry":{{"type":"MultiPoint","coordinates":[{}]}}}}"#,
            many.join(",")
        );
        let e = parse(&multi).unwrap_err().to_string();
        assert!(
            e.starts_with("o.geojson: feature 0: the overlay has more than 10000 points"),
            "{e}"
        );
        // Lines may hold many more positions than points.
        let line = |n: usize| {
            format!(
                r#"{{"type":"Feature","properties":{{}},"geometry":{{"type":"LineString","coordinates":[{}]}}}}"#,
                vec!["[1,2]"; n].join(",")
            )
        };
        assert!(parse(&line(MAX_POINTS + 1)).is_ok());
        let e = parse(&collection(&[
            line(MAX_POSITIONS / 2),
            line(MAX_POSITIONS / 2 + 1),
        ]))
        .unwrap_err()
        .to_string();
        assert_eq!(
            e,
            "o.geojson: feature 1: the overlay has more than 1000000 positions by here"
        );
    }
}
