//! OpenFlights `airports.dat`: any bytes give airports or an error, never a
//! panic; accepted positions are finite and in range.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use routemap::load::decode_utf8;
use routemap::load::openflights::parse_airports;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("airports.dat");
    let Ok(text) = decode_utf8(path, data.to_vec()) else {
        return;
    };
    if let Ok(airports) = parse_airports(path, &text) {
        assert_eq!(airports.stats.read, airports.airports.len());
        for a in &airports.airports {
            if let Some((lon, lat)) = a.lon_lat_deg {
                assert!(lon.is_finite() && lon.abs() <= 180.0, "{a:?}");
                assert!(lat.is_finite() && lat.abs() <= 90.0, "{a:?}");
            }
        }
    }
});
