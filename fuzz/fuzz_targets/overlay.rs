//! GeoJSON overlays (`render --overlay`): any bytes give an overlay or an
//! error, never a panic; accepted coordinates are finite and in range.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use routemap::load::decode_utf8;
use routemap::load::geojson::{OverlayGeometry, parse_overlay};

fn check(p: &(f64, f64)) {
    assert!(p.0.is_finite() && p.0.abs() <= 180.0, "{p:?}");
    assert!(p.1.is_finite() && p.1.abs() <= 90.0, "{p:?}");
}

fuzz_target!(|data: &[u8]| {
    let path = Path::new("overlay.geojson");
    let Ok(text) = decode_utf8(path, data.to_vec()) else {
        return;
    };
    if let Ok(overlay) = parse_overlay(path, &text) {
        for f in &overlay.features {
            match &f.geometry {
                OverlayGeometry::Areas(polys) => polys.iter().flatten().flatten().for_each(check),
                OverlayGeometry::Lines(lines) => lines.iter().flatten().for_each(check),
                OverlayGeometry::Points(points) => points.iter().for_each(check),
            }
        }
    }
});
