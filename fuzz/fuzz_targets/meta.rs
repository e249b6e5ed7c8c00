//! `dataset.toml`: any bytes give metadata or an error, never a panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use routemap::load::{decode_utf8, parse_meta};

fuzz_target!(|data: &[u8]| {
    let path = Path::new("dataset.toml");
    let Ok(text) = decode_utf8(path, data.to_vec()) else {
        return;
    };
    let _ = parse_meta(path, &text);
});
