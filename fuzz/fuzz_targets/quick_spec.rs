//! Quick-route texts (`routemap quick SPEC`) against the embedded gazetteer:
//! any text gives routes or an error, never a panic; accepted routes have at
//! least two stops with coordinates in range, no stop repeated in a row,
//! stay within the limits on stops, have short distinct names and title, and make a
//! dataset whose legs chain.
#![no_main]

use libfuzzer_sys::fuzz_target;
use routemap::gazetteer::Gazetteer;
use routemap::load::quick;

fuzz_target!(|data: &[u8]| {
    let Ok(spec) = std::str::from_utf8(data) else {
        return;
    };
    let gaz = Gazetteer::embedded().unwrap();
    let Ok(q) = quick::parse(spec, gaz) else {
        return;
    };
    let stops: usize = q.routes.iter().map(Vec::len).sum();
    assert!(stops <= quick::MAX_STOPS, "{spec:?}");
    let names = q.route_names();
    // A name holds at most three labels (its ends and a stop of its own),
    // however many stops the route has.
    let longest = q.routes.iter().flatten().map(|s| s.label.chars().count()).max().unwrap_or(0);
    for (i, name) in names.iter().enumerate() {
        assert!(!names[..i].contains(name), "{spec:?}: {name:?} twice");
        assert!(name.chars().count() <= 3 * longest + 40, "{spec:?}: {name:?}");
    }
    assert!(q.title().chars().count() <= 3 * longest + 80, "{spec:?}");
    for route in &q.routes {
        assert!(route.len() >= 2 && route.len() <= quick::MAX_ROUTE_STOPS, "{spec:?}");
        for s in route {
            assert!(s.lat_deg.abs() <= 90.0 && s.lon_deg.abs() <= 180.0, "{spec:?}: {s:?}");
        }
        for w in route.windows(2) {
            assert!((w[0].lat_deg, w[0].lon_deg) != (w[1].lat_deg, w[1].lon_deg), "{spec:?}");
        }
    }
    let ds = q.dataset("quick", &q.title(), None);
    assert_eq!(ds.routes.len(), q.routes.len(), "{spec:?}");
    for r in &ds.routes {
        for w in r.legs.windows(2) {
            assert_eq!(ds.legs[w[0]].to, ds.legs[w[1]].from, "{spec:?}");
        }
    }
});
