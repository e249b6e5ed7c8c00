//! The `area` of a `region` place in `places.csv`: embedded admin-1 regions
//! joined by `+` (`UA.DT+UA.LH`, or by name: `Donets'k+Luhans'k`), or a
//! GeoJSON file of Polygon or MultiPolygon features, relative to the
//! dataset folder (`areas/donbas.geojson`).
//!
//! The embedded regions are Ukraine's 27 admin-1 regions from an old
//! Natural Earth release (see `assets/README.md`); they are decoded the
//! first time a dataset names one.

use std::io::Read;
use std::path::Path;
use std::sync::OnceLock;

use crate::model::{Area, LonLat, OverlayGeometry};
use crate::text::{did_you_mean, quote};

/// One embedded admin-1 region.
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    /// Its code as the data writes it, e.g. `UA.DT`.
    pub code: String,
    /// Its name as the data writes it, e.g. `Donets'k`.
    pub name: String,
    /// Its polygons as the asset writes them, decoded by
    /// [`Region::polygons`] only for the regions a dataset names.
    text: String,
}

impl Region {
    /// Polygons, each an outer ring then its holes, in degrees.
    pub fn polygons(&self) -> Vec<Vec<Vec<LonLat>>> {
        let ring = |r: &str| -> Vec<LonLat> {
            // The asset is checked by a test: every number parses.
            let nums: Vec<i64> = r.split(',').filter_map(|n| n.parse().ok()).collect();
            let (mut x, mut y) = (0i64, 0i64);
            nums.chunks_exact(2)
                .map(|d| {
                    x += d[0];
                    y += d[1];
                    (x as f64 / 1e4, y as f64 / 1e4)
                })
                .collect()
        };
        self.text
            .split('|')
            .map(|p| p.split(';').map(ring).collect())
            .collect()
    }
}

/// The embedded admin-1 regions, in the data's order.
pub fn embedded() -> &'static [Region] {
    static REGIONS: OnceLock<Vec<Region>> = OnceLock::new();
    REGIONS.get_or_init(|| decode(crate::assets::REGIONS).expect("embedded regions decode"))
}

/// Decode `assets/regions/regions.tsv.deflate` (format in
/// `scripts/build-regions.py`).
fn decode(deflated: &[u8]) -> Result<Vec<Region>, String> {
    let mut text = String::new();
    flate2::bufread::DeflateDecoder::new(deflated)
        .read_to_string(&mut text)
        .map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let mut cols = line.split('\t');
        let (Some(code), Some(name), Some(polys), None) =
            (cols.next(), cols.next(), cols.next(), cols.next())
        else {
            return Err(format!("line {}: expected three columns", i + 1));
        };
        out.push(Region {
            code: code.to_string(),
            name: name.to_string(),
            text: polys.to_string(),
        });
    }
    Ok(out)
}

/// A name folded for lookup: lower case, apostrophes dropped, hyphens as
/// spaces ("Donets'k", "donetsk" and "DONETS’K" are one name).
fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '\'' | '’' | 'ʼ' | '`'))
        .map(|c| if c == '-' { ' ' } else { c })
        .collect::<String>()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether an `area` value names a file rather than embedded regions.
fn is_file(spec: &str) -> bool {
    let lower = spec.to_ascii_lowercase();
    lower.ends_with(".geojson") || lower.ends_with(".json") || spec.contains(['/', '\\'])
}

/// The embedded region an `area` part names: by code (any case), else by
/// name ([`fold`]ed). The error is the reason alone.
fn region(part: &str) -> Result<&'static Region, String> {
    let all = embedded();
    let by_code: Vec<&Region> = all
        .iter()
        .filter(|r| r.code.eq_ignore_ascii_case(part))
        .collect();
    match by_code.as_slice() {
        [one] => return Ok(one),
        [] => {}
        many => {
            let names: Vec<&str> = many.iter().map(|r| r.name.as_str()).collect();
            return Err(format!(
                "region code {} stands for {} regions in the embedded data ({}); name the one meant instead",
                quote(part),
                many.len(),
                names.join(", ")
            ));
        }
    }
    let folded = fold(part);
    if let Some(r) = all.iter().find(|r| fold(&r.name) == folded) {
        return Ok(r);
    }
    let candidates = all.iter().flat_map(|r| [r.code.as_str(), r.name.as_str()]);
    let hint = did_you_mean(part, candidates)
        .map(|s| format!(" (did you mean {}?)", quote(s)))
        .unwrap_or_default();
    Err(format!(
        "unknown region {}{hint} in \"area\"; the embedded regions are Ukraine's admin-1 regions \
         (codes UA.CH to UA.ZT, or their names), or name a .geojson file",
        quote(part)
    ))
}

/// Parse an `area` value; `dir` is the folder file names are relative to.
/// The error is the reason alone (the caller adds file and line).
pub(crate) fn parse(spec: &str, dir: &Path) -> Result<Area, String> {
    if is_file(spec) {
        return from_file(spec, dir);
    }
    let mut parts: Vec<&'static Region> = Vec::new();
    for part in spec.split('+').map(str::trim) {
        if part.is_empty() {
            return Err(format!(
                "empty region in \"area\" value {} (join regions with +, e.g. UA.DT+UA.LH)",
                quote(spec)
            ));
        }
        let r = region(part)?;
        if parts.iter().any(|p| std::ptr::eq(*p, r)) {
            return Err(format!(
                "region {} appears twice in \"area\" value {}",
                quote(part),
                quote(spec)
            ));
        }
        parts.push(r);
    }
    Ok(Area {
        spec: spec.to_string(),
        parts: parts.iter().map(|r| r.name.clone()).collect(),
        polygons: parts.iter().flat_map(|r| r.polygons()).collect(),
    })
}

/// An area from a GeoJSON file of Polygon and MultiPolygon features.
fn from_file(spec: &str, dir: &Path) -> Result<Area, String> {
    let path = dir.join(spec);
    match std::fs::symlink_metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(format!(
                "\"area\" file {} not found (looked for {})",
                quote(spec),
                crate::text::shown_path(&path)
            ));
        }
        _ => {}
    }
    let overlay = super::geojson::read_overlay(&path)
        .map_err(|e| format!("\"area\" file {}: {e}", quote(spec)))?;
    let mut polygons = Vec::new();
    for (i, f) in overlay.features.iter().enumerate() {
        match &f.geometry {
            OverlayGeometry::Areas(p) => polygons.extend(p.iter().cloned()),
            other => {
                let kind = match other {
                    OverlayGeometry::Lines(_) => "a line",
                    _ => "a point",
                };
                return Err(format!(
                    "\"area\" file {}: feature {i} is {kind}; an area holds Polygon or MultiPolygon features",
                    quote(spec)
                ));
            }
        }
    }
    if polygons.is_empty() {
        return Err(format!(
            "\"area\" file {} holds no Polygon or MultiPolygon feature",
            quote(spec)
        ));
    }
    Ok(Area {
        spec: spec.to_string(),
        parts: Vec::new(),
        polygons,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_regions_hold_donetsk_and_luhansk_oblasts() {
        let all = embedded();
        assert_eq!(all.len(), 27);
        let dt = region("UA.DT").unwrap();
        assert_eq!(dt.name, "Donets'k");
        // Donetsk city centre (GeoNames 709717) lies inside the oblast's box.
        let (lon, lat) = (37.80224, 48.023);
        let polygons = dt.polygons();
        let pts: Vec<&LonLat> = polygons.iter().flatten().flatten().collect();
        let min_lon = pts.iter().map(|p| p.0).fold(f64::MAX, f64::min);
        let max_lon = pts.iter().map(|p| p.0).fold(f64::MIN, f64::max);
        let min_lat = pts.iter().map(|p| p.1).fold(f64::MAX, f64::min);
        let max_lat = pts.iter().map(|p| p.1).fold(f64::MIN, f64::max);
        assert!(min_lon < lon && lon < max_lon && min_lat < lat && lat < max_lat);
        assert_eq!(region("ua.lh").unwrap().name, "Luhans'k");
        assert_eq!(region("donetsk").unwrap().code, "UA.DT");
    }

    #[test]
    fn every_embedded_region_decodes_into_rings_of_numbers() {
        for r in embedded() {
            for ring in r.polygons().iter().flatten() {
                assert!(ring.len() >= 3, "{}", r.code);
            }
            for part in r.text.split(['|', ';']) {
                let nums: Vec<&str> = part.split(',').collect();
                assert!(nums.len().is_multiple_of(2), "{}", r.code);
                assert!(nums.iter().all(|n| n.parse::<i64>().is_ok()), "{}", r.code);
            }
        }
    }

    #[test]
    fn areas_join_regions_and_refuse_unknown_ambiguous_and_repeated_ones() {
        let a = parse("UA.DT+UA.LH", Path::new(".")).unwrap();
        assert_eq!(a.parts, ["Donets'k", "Luhans'k"]);
        assert_eq!(a.polygons.len(), 2);
        let e = parse("UA.DX", Path::new(".")).unwrap_err();
        assert!(
            e.contains("unknown region \"UA.DX\"") && e.contains("did you mean"),
            "{e}"
        );
        let e = parse("UA.MY", Path::new(".")).unwrap_err();
        assert!(e.contains("Mykolayiv, Odessa"), "{e}");
        assert!(
            parse("UA.DT+", Path::new("."))
                .unwrap_err()
                .contains("empty region")
        );
        assert!(
            parse("UA.DT+donets'k", Path::new("."))
                .unwrap_err()
                .contains("twice")
        );
    }
}
