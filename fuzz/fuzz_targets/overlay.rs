//! GeoJSON overlays (`render --overlay`): any bytes give an overlay or an
//! error, never a panic; accepted coordinates are finite and in range,
//! names hold no character XML cannot hold and at most 200 characters, and
//! the overlay is within its limits of features, positions and points.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use routemap::load::decode_utf8;
use routemap::load::geojson::{MAX_FEATURES, MAX_POINTS, MAX_POSITIONS, parse_overlay};
use routemap::load::MAX_NAME_CHARS;
use routemap::model::OverlayGeometry;

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
        assert!(overlay.features.len() <= MAX_FEATURES);
        let (mut positions, mut points) = (0, 0);
        for f in &overlay.features {
            match &f.geometry {
                OverlayGeometry::Areas(polys) => {
                    polys.iter().flatten().flatten().for_each(check);
                    positions += polys.iter().flatten().map(Vec::len).sum::<usize>();
                }
                OverlayGeometry::Lines(lines) => {
                    lines.iter().flatten().for_each(check);
                    positions += lines.iter().map(Vec::len).sum::<usize>();
                }
                OverlayGeometry::Points(p) => {
                    p.iter().for_each(check);
                    positions += p.len();
                    points += p.len();
                }
            }
            if let Some(name) = &f.name {
                assert!(name.chars().count() <= MAX_NAME_CHARS, "{name:?}");
                for c in name.chars() {
                    let u = u32::from(c);
                    let bad = c.is_control() || (0xfdd0..=0xfdef).contains(&u) || u & 0xfffe == 0xfffe;
                    assert!(!bad, "{name:?}");
                }
            }
        }
        assert!(positions <= MAX_POSITIONS && points <= MAX_POINTS);
    }
});
