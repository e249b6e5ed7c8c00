//! `legs.csv`: any bytes give legs or an error, never a panic; accepted legs
//! join two different, non-empty place ids.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use routemap::load::{decode_utf8, parse_legs};

fuzz_target!(|data: &[u8]| {
    let path = Path::new("legs.csv");
    let Ok(text) = decode_utf8(path, data.to_vec()) else {
        return;
    };
    if let Ok(legs) = parse_legs(path, &text) {
        for l in &legs {
            assert!(!l.from.is_empty() && !l.to.is_empty(), "{l:?}");
            assert_ne!(l.from, l.to);
            assert!(l.line >= 2, "{l:?}");
        }
    }
});
