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

/// Natural Earth country, sea and lake names with label points and
/// translations, raw deflate (see `assets/basenames/README.md`).
pub(crate) static BASENAMES: &[u8] = include_bytes!("../assets/basenames/basenames.tsv.deflate");

/// DejaVu Sans Oblique, the same version and licence, raw deflate: the face
/// PNG and PDF draw italic base-map names (seas, lakes) with.
pub(crate) static DEJAVU_SANS_OBLIQUE: &[u8] =
    include_bytes!("../assets/DejaVuSans-Oblique.ttf.deflate");
