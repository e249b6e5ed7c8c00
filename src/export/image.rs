//! PNG and PDF, made from the SVG by resvg and svg2pdf so all three look the
//! same. Text is drawn with the bundled fonts, in the order the SVG's
//! font-family names them and labels are measured with: DejaVu Sans, then
//! Noto Sans Arabic, Hebrew, Devanagari, Thai and CJK SC (see
//! [`crate::render::text`]). Only characters none of them has fall back to
//! the system's fonts (none when `ROUTEMAP_NO_SYSTEM_FONTS` is set), and a
//! name with such characters is reported, never silently dropped.

use std::sync::{Arc, OnceLock};

use resvg::tiny_skia;
use resvg::usvg::{self, fontdb};

use crate::error::{Error, Result};
use crate::render::text::{self, Weight};

/// Default PNG resolution, dots per inch (the SVG's px are 1/96 inch).
pub const DEFAULT_DPI: f32 = 200.0;

/// The environment variable that keeps the system's fonts out of PNG and
/// PDF: set (to anything but `0` or nothing), only the bundled fonts draw,
/// as on a machine with no fonts installed.
pub const NO_SYSTEM_FONTS: &str = "ROUTEMAP_NO_SYSTEM_FONTS";

/// The font database and where the bundled faces are in it.
struct Fonts {
    db: Arc<fontdb::Database>,
    /// The bundled fallbacks, in the order of `assets::FALLBACK_FONTS`.
    fallback: Vec<fontdb::ID>,
}

/// Whether the system's fonts may be used (see [`NO_SYSTEM_FONTS`]).
fn system_fonts_allowed() -> bool {
    std::env::var_os(NO_SYSTEM_FONTS).is_none_or(|v| v.is_empty() || v == "0")
}

/// The font database: the bundled faces first, then (if `system`) the
/// system's fonts.
fn fonts(system: bool) -> &'static Fonts {
    static WITH_SYSTEM: OnceLock<Fonts> = OnceLock::new();
    static BUNDLED: OnceLock<Fonts> = OnceLock::new();
    let cell = if system { &WITH_SYSTEM } else { &BUNDLED };
    cell.get_or_init(|| {
        let mut db = fontdb::Database::new();
        let mut load = |data: &'static [u8]| -> fontdb::ID {
            db.load_font_source(fontdb::Source::Binary(Arc::new(data)))[0]
        };
        // The bundled faces first: where a system has DejaVu Sans too, the
        // bundled ones (loaded first) win, so text looks the same anywhere.
        load(crate::assets::DEJAVU_SANS);
        load(crate::assets::DEJAVU_SANS_BOLD);
        load(oblique());
        let fallback = crate::assets::FALLBACK_FONTS
            .iter()
            .map(|f| load(f.data()))
            .collect();
        if system {
            db.load_system_fonts();
        }
        db.set_sans_serif_family("DejaVu Sans");
        Fonts {
            db: Arc::new(db),
            fallback,
        }
    })
}

/// Font fallback for a character the first font lacks: the bundled
/// fallbacks of the text's weight in their order (as measurement assumes,
/// [`text::fallback_for`]), then the system's fonts in the database's order.
fn fallback(
    f: &Fonts,
    c: char,
    used: &[fontdb::ID],
    db: &Arc<fontdb::Database>,
) -> Option<fontdb::ID> {
    let bold = used
        .first()
        .and_then(|id| db.face(*id))
        .is_some_and(|face| face.weight.0 >= 600);
    let weight = if bold { Weight::Bold } else { Weight::Normal };
    let used_bundled: Vec<usize> = used
        .iter()
        .filter_map(|id| f.fallback.iter().position(|b| b == id))
        .collect();
    if let Some(i) = text::fallback_for(weight, c, &used_bundled) {
        return Some(f.fallback[i]);
    }
    db.faces()
        .filter(|face| !used.contains(&face.id) && !f.fallback.contains(&face.id))
        .find(|face| {
            db.with_face_data(face.id, |data, index| {
                ttf_parser::Face::parse(data, index).is_ok_and(|t| t.glyph_index(c).is_some())
            })
            .unwrap_or(false)
        })
        .map(|face| face.id)
}

/// The bundled DejaVu Sans Oblique, inflated (italic sea and lake names).
fn oblique() -> &'static [u8] {
    static FACE: OnceLock<Vec<u8>> = OnceLock::new();
    FACE.get_or_init(|| {
        use std::io::Read;
        let mut out = Vec::new();
        flate2::bufread::DeflateDecoder::new(crate::assets::DEJAVU_SANS_OBLIQUE)
            .read_to_end(&mut out)
            .expect("bundled oblique face inflates");
        out
    })
}

fn parse(svg: &str) -> Result<usvg::Tree> {
    parse_with(svg, system_fonts_allowed())
}

/// Read the SVG back as resvg draws it, with the bundled fonts and (if
/// `system`) the system's.
fn parse_with(svg: &str, system: bool) -> Result<usvg::Tree> {
    let f = fonts(system);
    let opt = usvg::Options {
        fontdb: f.db.clone(),
        font_resolver: usvg::FontResolver {
            select_font: usvg::FontResolver::default_font_selector(),
            select_fallback: Box::new(|c, used, db| fallback(f, c, used, db)),
        },
        ..Default::default()
    };
    usvg::Tree::from_str(svg, &opt)
        .map_err(|e| Error::Render(format!("SVG could not be read back: {e}")))
}

/// The texts of a scene that contain characters no bundled font can show,
/// each once, in order: PNG and PDF draw those characters with the
/// system's fonts if one has them, else as empty boxes.
///
/// ```
/// let missing = routemap::export::image::unrenderable_texts(["Moscow", "Москва", "평양", "دمشق"]);
/// assert!(missing.is_empty()); // DejaVu Sans and the bundled Noto fonts
/// let missing = routemap::export::image::unrenderable_texts(["ལྷ་ས"]); // Tibetan: none
/// assert_eq!(missing, ["ལྷ་ས"]);
/// ```
pub fn unrenderable_texts<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut known: std::collections::BTreeMap<char, bool> = std::collections::BTreeMap::new();
    let mut has = |c: char| -> bool {
        *known.entry(c).or_insert_with(|| {
            text::bundled_covers(c, Weight::Normal) || text::bundled_covers(c, Weight::Bold)
        })
    };
    let mut out: Vec<String> = Vec::new();
    for t in texts {
        if t.chars()
            .filter(|c| !c.is_whitespace() && !crate::text::hidden_or_active(*c))
            .any(|c| !has(c))
            && !out.iter().any(|o| o == t)
        {
            out.push(t.to_string());
        }
    }
    out
}

/// The characters of the SVG's text that PNG and PDF would draw as empty
/// boxes, with the bundled fonts and (if `system_fonts`) the system's: the
/// text resvg lays out, glyph by glyph, not a guess from coverage tables.
/// Texts (`<text>` elements) are taken in order, each result once.
///
/// ```
/// let svg = format!(
///     r#"<svg xmlns="http://www.w3.org/2000/svg" width="300" height="40" font-family="{}"><text x="5" y="30">평양 दिल्ली ལྷ་ས</text></svg>"#,
///     routemap::render::text::FONT_FAMILY
/// );
/// let missing = routemap::export::image::missing_glyphs(&svg, false).unwrap();
/// assert_eq!(missing, ["ལྷ་ས"]); // Tibetan: no bundled font has it
/// ```
///
/// What is returned for each such text is its characters drawn as boxes.
pub fn missing_glyphs(svg: &str, system_fonts: bool) -> Result<Vec<String>> {
    let tree = parse_with(svg, system_fonts)?;
    let mut out: Vec<String> = Vec::new();
    fn walk(g: &usvg::Group, out: &mut Vec<String>) {
        for node in g.children() {
            match node {
                usvg::Node::Group(g) => walk(g, out),
                usvg::Node::Text(t) => {
                    let mut missing = String::new();
                    for span in t.layouted() {
                        for glyph in &span.positioned_glyphs {
                            if glyph.id.0 == 0 {
                                missing.push_str(&glyph.text);
                            }
                        }
                    }
                    if !missing.is_empty() && !out.contains(&missing) {
                        out.push(missing);
                    }
                }
                _ => {}
            }
        }
    }
    walk(tree.root(), &mut out);
    Ok(out)
}

/// Render the SVG to PNG at `dpi` dots per inch.
pub fn png(svg: &str, dpi: f32) -> Result<Vec<u8>> {
    png_with(svg, dpi, system_fonts_allowed())
}

/// [`png`] with the bundled fonts and (if `system`) the system's.
fn png_with(svg: &str, dpi: f32, system: bool) -> Result<Vec<u8>> {
    if !(dpi.is_finite() && (10.0..=2400.0).contains(&dpi)) {
        return Err(Error::Usage(format!(
            "a resolution of {dpi} dpi is out of range (10 to 2400)"
        )));
    }
    let tree = parse_with(svg, system)?;
    let scale = dpi / 96.0;
    let size = tree.size();
    let (w, h) = (
        (size.width() * scale).ceil() as u32,
        (size.height() * scale).ceil() as u32,
    );
    if u64::from(w) * u64::from(h) > 400_000_000 {
        return Err(Error::Usage(format!(
            "a {w}x{h} px PNG is too large (at most 400 million pixels); choose a lower resolution or a smaller size"
        )));
    }
    let mut pixmap = tiny_skia::Pixmap::new(w, h)
        .ok_or_else(|| Error::Render(format!("cannot allocate a {w}x{h} image")))?;
    render_bands(&tree, scale, &mut pixmap)?;
    pixmap
        .encode_png()
        .map_err(|e| Error::Render(format!("PNG encoding failed: {e}")))
}

/// The image is drawn in this many horizontal bands, on as many threads as
/// there are cores (up to this number). The bands are the same on every
/// machine, so the pixels are too.
const BANDS: u32 = 2;

/// Draw `tree` into `pixmap` at `scale`, band by band in parallel. Each band
/// is the whole drawing shifted up by a whole number of pixels, so edges
/// between bands do not show.
fn render_bands(tree: &usvg::Tree, scale: f32, pixmap: &mut tiny_skia::Pixmap) -> Result<()> {
    let (w, h) = (pixmap.width(), pixmap.height());
    let band_h = h.div_ceil(BANDS);
    let bands: Vec<(u32, u32)> = (0..BANDS)
        .map(|i| (i * band_h, ((i + 1) * band_h).min(h)))
        .filter(|(y0, y1)| y1 > y0)
        .collect();
    let draw = |&(y0, y1): &(u32, u32)| -> Option<tiny_skia::Pixmap> {
        let mut band = tiny_skia::Pixmap::new(w, y1 - y0)?;
        resvg::render(
            tree,
            tiny_skia::Transform::from_row(scale, 0.0, 0.0, scale, 0.0, -(y0 as f32)),
            &mut band.as_mut(),
        );
        Some(band)
    };
    let drawn = crate::par::map_each(&bands, draw);
    let row = w as usize * 4;
    let data = pixmap.data_mut();
    for ((y0, _), band) in bands.iter().zip(drawn) {
        let band =
            band.ok_or_else(|| Error::Render(format!("cannot allocate a {w}-px wide band")))?;
        let at = *y0 as usize * row;
        data[at..at + band.data().len()].copy_from_slice(band.data());
    }
    Ok(())
}

/// Convert the SVG to a one-page PDF of the same size (1 px = 1/96 inch),
/// text drawn as outlines.
///
/// usvg lays the text out with the same fonts as the PNG and writes the
/// drawing back with every glyph as a path; svg2pdf converts that. So the
/// PDF looks exactly like the PNG, and svg2pdf needs no font support of its
/// own (its font subsetting crates were half the compile time of a fresh
/// `cargo test`). The text is not selectable.
pub fn pdf(svg: &str) -> Result<Vec<u8>> {
    let tree = parse(svg)?;
    let outlined = tree.to_string(&usvg::WriteOptions {
        indent: usvg::Indent::None,
        ..Default::default()
    });
    let tree = usvg::Tree::from_str(&outlined, &usvg::Options::default()).map_err(|e| {
        Error::Render(format!(
            "SVG with outlined text could not be read back: {e}"
        ))
    })?;
    svg2pdf::to_pdf(
        &tree,
        svg2pdf::ConversionOptions::default(),
        svg2pdf::PageOptions { dpi: 96.0 },
    )
    .map_err(|e| Error::Render(format!("PDF conversion failed: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 800 400" font-family="'DejaVu Sans', sans-serif"><rect width="800" height="400" fill="#ffffff"/><text x="40" y="200" font-size="80" fill="#000000">Moscow &amp; Co</text></svg>"##;

    #[test]
    fn png_has_the_size_asked_for_and_shows_the_text() {
        let bytes = png(SVG, 192.0).unwrap();
        let img = tiny_skia::Pixmap::decode_png(&bytes).unwrap();
        assert_eq!((img.width(), img.height()), (400, 200));
        // Some pixels are dark: the text was drawn with the bundled font.
        let dark = img.pixels().iter().filter(|p| p.red() < 100).count();
        assert!(dark > 500, "{dark} dark pixels");
    }

    #[test]
    fn pdf_is_a_pdf_and_reproducible() {
        let bytes = pdf(SVG).unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
        // Regression: with embedded fonts svg2pdf ordered them by hash-map
        // iteration, so two runs gave different bytes.
        for _ in 0..3 {
            assert_eq!(pdf(SVG).unwrap(), bytes);
        }
    }

    /// Place names in every script the bundled fonts cover (GeoNames'
    /// native names of Pyongyang, Beijing, Tokyo, Cairo, Tel Aviv,
    /// Vladivostok, Athens, Delhi and Bangkok), and a mixed one.
    const NAMES: [&str; 10] = [
        "평양",
        "北京",
        "東京 とうきょう",
        "القاهرة",
        "תל אביב",
        "Владивосток",
        "Αθήνα",
        "दिल्ली",
        "กรุงเทพมหานคร",
        "Delhi / दिल्ली",
    ];

    fn svg_of_lines(weight: Weight) -> String {
        let bold = if weight == Weight::Bold {
            " font-weight=\"bold\""
        } else {
            ""
        };
        let lines: String = NAMES
            .iter()
            .enumerate()
            .map(|(i, n)| {
                format!(
                    r#"<text x="20" y="{}" font-size="40"{bold}>{}</text>"#,
                    60 * (i + 1),
                    crate::render::escape_xml(n)
                )
            })
            .collect();
        format!(
            r##"<svg xmlns="http://www.w3.org/2000/svg" width="800" height="{}" font-family="{}"><rect width="800" height="700" fill="#ffffff"/>{lines}</svg>"##,
            60 * NAMES.len() + 20,
            text::FONT_FAMILY
        )
    }

    /// Issue 15: Hangul, Arabic, Devanagari... drew as empty boxes on a
    /// machine with no fonts. With the system's fonts hidden, every glyph
    /// is found, and each line's ink spans about the width it is measured.
    #[test]
    fn every_script_is_drawn_with_the_bundled_fonts_alone() {
        for weight in [Weight::Normal, Weight::Bold] {
            let svg = svg_of_lines(weight);
            assert_eq!(missing_glyphs(&svg, false).unwrap(), Vec::<String>::new());
            let img = tiny_skia::Pixmap::decode_png(&png_with(&svg, 96.0, false).unwrap()).unwrap();
            let w = img.width() as usize;
            for (i, name) in NAMES.iter().enumerate() {
                let baseline = 60 * (i + 1);
                let (mut lo, mut hi) = (usize::MAX, 0);
                for y in baseline - 45..baseline + 14 {
                    for x in 0..w {
                        if img.pixels()[y * w + x].red() < 128 {
                            lo = lo.min(x);
                            hi = hi.max(x);
                        }
                    }
                }
                assert!(hi > lo, "{name}: no ink");
                let ink = (hi - lo + 1) as f64;
                let measured = text::width(name, 40.0, weight);
                assert!(
                    (ink - measured).abs() < 0.1 * measured + 4.0,
                    "{name} ({weight:?}): ink {ink} px, measured {measured:.1} px"
                );
            }
        }
    }

    /// Issue 15: label boxes are as wide as the text resvg lays out, in
    /// every script (the start of a text anchored at its end is the
    /// laid-out width to the left of one anchored at its start).
    #[test]
    fn label_widths_are_the_widths_drawn() {
        for weight in [Weight::Normal, Weight::Bold] {
            // Latin-only names are measured by their advances, without
            // kerning (a fraction of a percent): not these.
            for name in NAMES {
                let bold = if weight == Weight::Bold {
                    " font-weight=\"bold\""
                } else {
                    ""
                };
                let t = crate::render::escape_xml(name);
                let svg = format!(
                    r#"<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="200" font-family="{}"><text id="s" x="500" y="80" font-size="40"{bold}>{t}</text><text id="e" x="500" y="160" font-size="40" text-anchor="end"{bold}>{t}</text></svg>"#,
                    text::FONT_FAMILY
                );
                let tree = parse_with(&svg, false).unwrap();
                let left = |id: &str| tree.node_by_id(id).unwrap().abs_bounding_box().left();
                let drawn = f64::from(left("s") - left("e"));
                let measured = text::width(name, 40.0, weight);
                assert!(
                    (drawn - measured).abs() < 0.05,
                    "{name} ({weight:?}): drawn {drawn:.2} px, measured {measured:.2} px"
                );
            }
        }
    }

    #[test]
    fn same_svg_gives_the_same_png() {
        assert_eq!(png(SVG, 96.0).unwrap(), png(SVG, 96.0).unwrap());
    }
}
