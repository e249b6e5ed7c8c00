//! The command-line value parsers, each fed the same input: `--size`
//! (`parse_size`), `--extent` (`Extent`), `--center` (`parse_center`) and
//! `--projection` (`Choice`). Each returns an error, never panics, and what it
//! accepts is within its documented range.
#![no_main]

use libfuzzer_sys::fuzz_target;
use routemap::map::projection::{Choice, Extent, parse_center};
use routemap::render::page::parse_size;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(size) = parse_size(s) {
        let (w, h) = (size.width_px, size.height_px);
        assert!(
            (200..=20000).contains(&w) && (150..=20000).contains(&h),
            "{s:?} -> {w}x{h}"
        );
    }
    if let Ok(e) = s.parse::<Extent>() {
        for lon in [e.west, e.east] {
            assert!(lon.is_finite() && lon.abs() <= 180.0, "{s:?} -> {e:?}");
        }
        for lat in [e.south, e.north] {
            assert!(lat.is_finite() && lat.abs() <= 90.0, "{s:?} -> {e:?}");
        }
        assert!(e.south < e.north && e.west != e.east, "{s:?} -> {e:?}");
        assert!(!e.outline().is_empty());
    }
    if let Ok((lat, lon)) = parse_center(s) {
        assert!(lat.is_finite() && lat.abs() <= 90.0, "{s:?}");
        assert!(lon.is_finite() && lon.abs() <= 180.0, "{s:?}");
    }
    let _ = s.parse::<Choice>();
});
