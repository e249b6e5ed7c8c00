//! OpenFlights `routes.dat` against a fixed `airports.dat`: any bytes give a
//! network or an error, never a panic. Accepted networks keep the documented
//! invariants: every row is counted once, legs join two different known places.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use routemap::load::decode_utf8;
use routemap::load::openflights::{Airports, parse_airports, parse_routes};

const AIRPORTS: &str = "\
2985,\"Sheremetyevo International Airport\",\"Moscow\",\"Russia\",\"SVO\",\"UUEE\",55.972599,37.4146,622,3,\"N\",\"Europe/Moscow\",\"airport\",\"OurAirports\"
2934,\"Vladivostok International Airport\",\"Vladivostok\",\"Russia\",\"VVO\",\"UHWW\",43.39899826049805,132.1479949951172,46,10,\"N\",\"Asia/Vladivostok\",\"airport\",\"OurAirports\"
2279,\"Sunan International Airport\",\"Pyongyang\",\"North Korea\",\"FNJ\",\"ZKPY\",39.224098,125.67,117,9,\"U\",\"Asia/Pyongyang\",\"airport\",\"OurAirports\"
1,\"Nowhere\",\"Null Island\",\"\",\"NUL\",\"XXXX\",0,0,0,0,\"U\",\"\\N\",\"airport\",\"OurAirports\"
2,\"No code\",\"Somewhere\",\"Russia\",\\N,\"UUDD\",55.4,37.9,588,3,\"N\",\"Europe/Moscow\",\"airport\",\"OurAirports\"
3,\"Duplicate\",\"Moscow\",\"Russia\",\"SVO\",\"UUWW\",55.6,37.3,685,3,\"N\",\"Europe/Moscow\",\"airport\",\"OurAirports\"
";

fn airports() -> &'static Airports {
    static A: std::sync::OnceLock<Airports> = std::sync::OnceLock::new();
    A.get_or_init(|| parse_airports(Path::new("airports.dat"), AIRPORTS).unwrap())
}

fuzz_target!(|data: &[u8]| {
    let path = Path::new("routes.dat");
    let Ok(text) = decode_utf8(path, data.to_vec()) else {
        return;
    };
    if let Ok(net) = parse_routes(path, &text, airports()) {
        let s = &net.routes;
        assert_eq!(
            s.read,
            s.used + s.unresolved + s.without_iata + s.bad_coordinates + s.self_loops,
            "{s:?}"
        );
        for l in &net.legs {
            assert_ne!(l.from, l.to);
            assert!(net.places.iter().any(|p| p.id == l.from), "{l:?}");
            assert!(net.places.iter().any(|p| p.id == l.to), "{l:?}");
        }
        for p in &net.places {
            assert!(p.lat_deg.is_finite() && p.lat_deg.abs() <= 90.0, "{p:?}");
            assert!(p.lon_deg.is_finite() && p.lon_deg.abs() <= 180.0, "{p:?}");
        }
    }
});
