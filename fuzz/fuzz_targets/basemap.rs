//! TopoJSON base maps: any bytes give a base map or an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use routemap::map::basemap::BaseMap;

fuzz_target!(|data: &[u8]| {
    let _ = BaseMap::from_topojson(data);
});
