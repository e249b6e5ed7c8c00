//! Determinism: the same input gives byte-identical SVG, PNG, PDF and
//! GeoJSON, whatever the locale or time zone, run after run.
//!
//! For PDF this needs text drawn as outlines: svg2pdf 0.13 writes embedded
//! font objects in `HashMap` order (`util/context.rs`, `write_global_objects`),
//! so with two fonts (DejaVu Sans and its bold) the bytes changed from run to
//! run (typst/typst#6783).

use std::path::Path;

use crate::common::{routemap, seed};

/// Render the seed dataset to `name` in `dir` under the given environment and
/// return the bytes written.
fn render(dir: &Path, name: &str, env: &[(&str, &str)]) -> Vec<u8> {
    let out = dir.join(name);
    let mut cmd = routemap(dir);
    cmd.arg("render").arg(seed()).arg("-o").arg(&out);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let o = cmd.output().unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    std::fs::read(&out).unwrap()
}

const PLAIN: &[(&str, &str)] = &[("LANG", "C"), ("LC_ALL", "C"), ("TZ", "UTC")];
const GERMAN_PYONGYANG: &[(&str, &str)] = &[
    ("LANG", "de_DE.UTF-8"),
    ("LC_ALL", "de_DE.UTF-8"),
    ("LC_NUMERIC", "de_DE.UTF-8"),
    ("TZ", "Asia/Pyongyang"),
];

#[test]
fn locale_and_time_zone_do_not_change_any_format() {
    let tmp = tempfile::tempdir().unwrap();
    for ext in ["svg", "png", "pdf", "geojson"] {
        let a = render(tmp.path(), &format!("plain.{ext}"), PLAIN);
        let b = render(tmp.path(), &format!("de.{ext}"), GERMAN_PYONGYANG);
        assert!(!a.is_empty());
        assert!(a == b, "{ext} differs between locales/time zones");
    }
}

#[test]
fn two_runs_give_identical_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    for ext in ["svg", "png", "geojson"] {
        let a = render(tmp.path(), &format!("one.{ext}"), &[]);
        let b = render(tmp.path(), &format!("two.{ext}"), &[]);
        assert!(a == b, "two runs give different {ext} bytes");
    }
}

/// Regression: with embedded fonts two runs agreed only by chance.
#[test]
fn two_pdf_runs_give_identical_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    for _ in 0..4 {
        let a = render(tmp.path(), "one.pdf", &[]);
        let b = render(tmp.path(), "two.pdf", &[]);
        assert!(a == b, "two runs give different PDF bytes");
    }
}
