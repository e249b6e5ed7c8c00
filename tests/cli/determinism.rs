//! Determinism: the same input gives byte-identical SVG, PNG, PDF and
//! GeoJSON, whatever the locale or time zone, run after run.
//!
//! For PDF this needs text drawn as outlines: svg2pdf 0.13 writes embedded
//! font objects in `HashMap` order (`util/context.rs`, `write_global_objects`),
//! so with two fonts (DejaVu Sans and its bold) the bytes changed from run to
//! run (typst/typst#6783). It wrote each page's resources (`/ExtGState`...) in
//! `HashMap` order too, so a map with two or more opacity groups changed
//! from run to run: `vendor/svg2pdf` sorts them (see its `PATCHED.md`).

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

/// A network of 40 places whose pairs have 1 to 6 legs each, so that
/// `--network classes` draws them in classes of several opacities.
fn network_dataset(dir: &Path) -> std::path::PathBuf {
    use std::fmt::Write as _;
    let ds = dir.join("hub");
    std::fs::create_dir(&ds).unwrap();
    let mut places = String::from("id,name,lat,lon\n");
    for i in 0..40 {
        let _ = writeln!(
            places,
            "p{i},Place {i},{},{}",
            -40 + i * 13 % 80,
            -170 + i * 37 % 340
        );
    }
    std::fs::write(ds.join("places.csv"), places).unwrap();
    let mut legs = String::from("route,from,to,mode\n");
    for i in 0..40 {
        for j in (i + 1..40).step_by(3) {
            for _ in 0..=(i * j) % 6 {
                let _ = writeln!(legs, ",p{i},p{j},air");
            }
        }
    }
    std::fs::write(ds.join("legs.csv"), legs).unwrap();
    ds
}

/// Render `dataset` with `args` in `runs` separate processes; the bytes of
/// each run.
fn runs(dir: &Path, dataset: &Path, ext: &str, args: &[&str], runs: usize) -> Vec<Vec<u8>> {
    (0..runs)
        .map(|i| {
            let out = dir.join(format!("run{i}.{ext}"));
            let o = routemap(dir)
                .arg("render")
                .arg(dataset)
                .args(args)
                .arg("-o")
                .arg(&out)
                .output()
                .unwrap();
            assert_eq!(
                o.status.code(),
                Some(0),
                "{}",
                String::from_utf8_lossy(&o.stderr)
            );
            std::fs::read(&out).unwrap()
        })
        .collect()
}

/// Whether a PDF has a resource dictionary of two or more graphics states
/// (the case whose order svg2pdf left to a hash map).
fn has_several_graphics_states(pdf: &[u8]) -> bool {
    let text = String::from_utf8_lossy(pdf);
    text.split("/ExtGState <<").skip(1).any(|rest| {
        let dict = rest.split(">>").next().unwrap_or("");
        dict.matches("/gs").count() >= 2
    })
}

/// Regression: once a map had two or more opacity groups, the PDF's
/// `/ExtGState` entries came out in hash order (the OpenFlights world PDF
/// gave 5 different files in 5 runs).
#[test]
fn pdf_with_several_opacity_groups_is_the_same_in_five_processes() {
    let tmp = tempfile::tempdir().unwrap();
    let ds = network_dataset(tmp.path());
    let pdfs = runs(tmp.path(), &ds, "pdf", &["--network", "classes"], 5);
    assert!(has_several_graphics_states(&pdfs[0]));
    for (i, pdf) in pdfs.iter().enumerate().skip(1) {
        assert!(*pdf == pdfs[0], "run {i} gave other PDF bytes than run 0");
    }
    let pngs = runs(tmp.path(), &ds, "png", &["--network", "classes"], 5);
    for (i, png) in pngs.iter().enumerate().skip(1) {
        assert!(*png == pngs[0], "run {i} gave other PNG bytes than run 0");
    }
}

/// The OpenFlights world network map (skipped where ../shared/data lacks
/// it): the same PDF in five processes, the same PNG in two.
#[test]
fn openflights_world_map_is_the_same_in_every_format_run_after_run() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(ds) = crate::common::imported_openflights(tmp.path()) else {
        return;
    };
    let pdfs = runs(tmp.path(), &ds, "pdf", &[], 5);
    assert!(has_several_graphics_states(&pdfs[0]));
    assert!(pdfs.iter().all(|p| *p == pdfs[0]), "PDFs differ");
    let pngs = runs(tmp.path(), &ds, "png", &[], 2);
    assert!(pngs[0] == pngs[1], "PNGs differ");
}
