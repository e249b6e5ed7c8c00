//! Labels in every script (issue 15): PNG and PDF drawn with the bundled
//! fonts alone, as on a machine with no fonts installed, and the warning
//! about missing glyphs kept for scripts none of them covers.

use std::path::Path;

use crate::common::{Run, routemap};
use routemap::export::image::{NO_SYSTEM_FONTS, missing_glyphs};

/// `routemap quick ARGS...` in `dir` with the system's fonts hidden: stderr.
fn quick_without_system_fonts(dir: &Path, args: &[&str]) -> String {
    let ran = routemap(dir)
        .env(NO_SYSTEM_FONTS, "1")
        .arg("quick")
        .args(args)
        .assert()
        .success();
    String::from_utf8(ran.0.stderr).unwrap()
}

/// GeoNames' native names of Cairo, Tel Aviv, Delhi, Bangkok, Beijing,
/// Tokyo, Seoul, Athens and Vladivostok: nine scripts in one quick route.
const EVERY_SCRIPT: &str = "القاهرة-תל אביב-दिल्ली-กรุงเทพมหานคร-北京-東京-서울-Αθήνα-Владивосток";

/// Issue 15: `quick "평양-Vladivostok" -o x.png` drew empty boxes on a
/// machine with no fonts, and only warned.
#[test]
fn korean_labels_need_no_system_fonts() {
    let tmp = tempfile::tempdir().unwrap();
    for out in ["x.png", "x.pdf", "x.svg"] {
        let err =
            quick_without_system_fonts(tmp.path(), &["평양-Vladivostok", "-o", out, "--dpi", "50"]);
        assert!(!err.contains("warning"), "{out}: {err}");
    }
    let svg = std::fs::read_to_string(tmp.path().join("x.svg")).unwrap();
    assert!(svg.contains(">평양<"), "the label is the name as typed");
    assert_eq!(missing_glyphs(&svg, false).unwrap(), Vec::<String>::new());
    assert!(
        std::fs::read(tmp.path().join("x.png"))
            .unwrap()
            .starts_with(b"\x89PNG")
    );
}

/// Every script the bundled fonts cover, in one map: no warning, and resvg
/// finds a glyph for every character of the SVG with the bundled fonts
/// alone; the SVG names DejaVu Sans first, then the bundled fonts.
#[test]
fn nine_scripts_are_drawn_with_the_bundled_fonts() {
    let tmp = tempfile::tempdir().unwrap();
    for out in ["x.svg", "x.png"] {
        let err = quick_without_system_fonts(tmp.path(), &[EVERY_SCRIPT, "-o", out, "--dpi", "50"]);
        assert!(!err.contains("warning"), "{out}: {err}");
    }
    let svg = std::fs::read_to_string(tmp.path().join("x.svg")).unwrap();
    for name in EVERY_SCRIPT.split('-') {
        assert!(svg.contains(&format!(">{name}<")), "{name} is labelled");
    }
    assert_eq!(missing_glyphs(&svg, false).unwrap(), Vec::<String>::new());
    let family = "'DejaVu Sans', 'Noto Sans Arabic', 'Noto Sans Hebrew', \
         'Noto Sans Devanagari', 'Noto Sans Thai', 'Noto Sans CJK SC', sans-serif";
    let attribute = format!("font-family=\"{}\"", routemap::render::escape_xml(family));
    assert!(svg.contains(&attribute), "{attribute}");
}

/// The warning is kept for text no bundled font covers (Ethiopic here: the
/// Amharic name of Addis Ababa as a title), and the map is still written.
#[test]
fn text_no_bundled_font_covers_is_warned_about() {
    let tmp = tempfile::tempdir().unwrap();
    let err = quick_without_system_fonts(
        tmp.path(),
        &[
            "Seoul-Busan",
            "--title",
            "አዲስ አበባ",
            "-o",
            "x.png",
            "--dpi",
            "50",
        ],
    );
    assert!(
        err.contains("warning: no bundled font can show all of \"አዲስ አበባ\""),
        "{err}"
    );
    assert_eq!(err.matches("warning").count(), 1, "{err}");
    assert!(tmp.path().join("x.png").exists());
}
