//! Base maps (TopoJSON, RMT1) and named features (RMF1): any bytes give a
//! value or an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use routemap::map::basemap::{BaseMap, features_from_rmf};

fuzz_target!(|data: &[u8]| {
    let _ = BaseMap::from_topojson(data);
    let _ = BaseMap::from_rmt(data);
    let _ = features_from_rmf(data);
});
