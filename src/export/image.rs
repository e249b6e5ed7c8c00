//! PNG and PDF, made from the SVG by resvg and svg2pdf so all three look the
//! same. Text uses the bundled DejaVu Sans first; glyphs it lacks (Hangul,
//! say) fall back to the system's fonts, and a name no font can show is
//! reported, never silently dropped.

use std::sync::{Arc, OnceLock};

use resvg::tiny_skia;
use resvg::usvg::{self, fontdb};

use crate::error::{Error, Result};

/// Default PNG resolution, dots per inch (the SVG's px are 1/96 inch).
pub const DEFAULT_DPI: f32 = 200.0;

/// The font database: the bundled DejaVu Sans, then the system's fonts.
fn fonts() -> Arc<fontdb::Database> {
    static DB: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = fontdb::Database::new();
        // The bundled faces first: where a system has DejaVu Sans too, the
        // bundled ones (loaded first) win, so text looks the same anywhere.
        db.load_font_data(crate::assets::DEJAVU_SANS.to_vec());
        db.load_font_data(crate::assets::DEJAVU_SANS_BOLD.to_vec());
        db.load_font_data(oblique());
        db.load_system_fonts();
        db.set_sans_serif_family("DejaVu Sans");
        Arc::new(db)
    })
    .clone()
}

/// The bundled DejaVu Sans Oblique, inflated (italic sea and lake names).
fn oblique() -> Vec<u8> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::bufread::DeflateDecoder::new(crate::assets::DEJAVU_SANS_OBLIQUE)
        .read_to_end(&mut out)
        .expect("bundled oblique face inflates");
    out
}

fn parse(svg: &str) -> Result<usvg::Tree> {
    let opt = usvg::Options {
        fontdb: fonts(),
        ..Default::default()
    };
    usvg::Tree::from_str(svg, &opt)
        .map_err(|e| Error::Render(format!("SVG could not be read back: {e}")))
}

/// The texts of a scene that contain characters no available font can
/// show, each once, in order.
///
/// ```
/// let missing = routemap::export::image::unrenderable_texts(["Moscow", "Москва"]);
/// assert!(missing.is_empty()); // DejaVu Sans has Latin and Cyrillic
/// ```
pub fn unrenderable_texts<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let db = fonts();
    let mut known: std::collections::BTreeMap<char, bool> = std::collections::BTreeMap::new();
    let mut has = |c: char| -> bool {
        *known.entry(c).or_insert_with(|| {
            db.faces().any(|f| {
                db.with_face_data(f.id, |data, index| {
                    ttf_parser::Face::parse(data, index)
                        .is_ok_and(|face| face.glyph_index(c).is_some())
                })
                .unwrap_or(false)
            })
        })
    };
    let mut out: Vec<String> = Vec::new();
    for t in texts {
        if t.chars().filter(|c| !c.is_whitespace()).any(|c| !has(c)) && !out.iter().any(|o| o == t)
        {
            out.push(t.to_string());
        }
    }
    out
}

/// Render the SVG to PNG at `dpi` dots per inch.
pub fn png(svg: &str, dpi: f32) -> Result<Vec<u8>> {
    if !(dpi.is_finite() && (10.0..=2400.0).contains(&dpi)) {
        return Err(Error::Usage(format!(
            "a resolution of {dpi} dpi is out of range (10 to 2400)"
        )));
    }
    let tree = parse(svg)?;
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

    #[test]
    fn same_svg_gives_the_same_png() {
        assert_eq!(png(SVG, 96.0).unwrap(), png(SVG, 96.0).unwrap());
    }
}
