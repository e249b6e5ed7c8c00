//! `places.csv`: any bytes give places or an error, never a panic; accepted
//! places have unique non-empty ids and finite coordinates in range.
#![no_main]

use std::collections::HashSet;
use std::path::Path;

use libfuzzer_sys::fuzz_target;
use routemap::load::{decode_utf8, parse_places};

fuzz_target!(|data: &[u8]| {
    let path = Path::new("places.csv");
    let Ok(text) = decode_utf8(path, data.to_vec()) else {
        return;
    };
    if let Ok(places) = parse_places(path, &text) {
        let mut ids = HashSet::new();
        for p in &places {
            assert!(!p.id.is_empty() && ids.insert(p.id.as_str()), "{p:?}");
            assert!(p.lat_deg.is_finite() && p.lat_deg.abs() <= 90.0, "{p:?}");
            assert!(p.lon_deg.is_finite() && p.lon_deg.abs() <= 180.0, "{p:?}");
            assert!(p.lat_deg.to_bits() != (-0.0f64).to_bits(), "{p:?}");
            assert!(p.lon_deg.to_bits() != (-0.0f64).to_bits(), "{p:?}");
            assert!(!p.name.chars().any(char::is_control), "{p:?}");
        }
    }
});
