//! `routemap report`: the nine files of the bundle, a self-contained HTML
//! report that loads nothing, and text from data escaped in every document.

use std::path::Path;

use crate::common::{Run, routemap, seed_copy, snapshot_dir};

const FILES: [&str; 9] = [
    "chart.png",
    "chart.svg",
    "comparison.csv",
    "comparison.md",
    "map.pdf",
    "map.png",
    "map.svg",
    "report.html",
    "report.md",
];

/// The names of the files in `dir`, sorted.
fn file_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

/// Run `routemap report DIR -o OUT` and return OUT.
fn report(tmp: &Path, dataset: &Path) -> std::path::PathBuf {
    let out = tmp.join("bundle");
    routemap(tmp)
        .arg("report")
        .arg(dataset)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    out
}

#[test]
fn writes_exactly_the_nine_files() {
    let (tmp, dir) = seed_copy("donbas-workers");
    let out = report(tmp.path(), &dir);
    assert_eq!(file_names(&out), FILES);
    let ds = routemap::load::dataset(&dir).unwrap();
    let svg = crate::common::map_svg(&ds, &Default::default());
    assert_eq!(read(&out, "map.svg"), svg);
    let png = std::fs::read(out.join("map.png")).unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
    // 1200 x 800 CSS px at the default 200 dpi: 2500 x 1667 pixels.
    let (w, h) = (
        u32::from_be_bytes(png[16..20].try_into().unwrap()),
        u32::from_be_bytes(png[20..24].try_into().unwrap()),
    );
    assert_eq!((w, h), (2500, 1667));
    assert!(
        std::fs::read(out.join("map.pdf"))
            .unwrap()
            .starts_with(b"%PDF-")
    );
    let cmp = routemap::analyze::compare(&ds);
    let chart = routemap::render::chart::comparison(&ds, &cmp, Default::default())
        .unwrap()
        .unwrap();
    assert_eq!(read(&out, "chart.svg"), chart.to_svg());
    let chart_png = std::fs::read(out.join("chart.png")).unwrap();
    assert!(chart_png.starts_with(b"\x89PNG\r\n\x1a\n"));
    use routemap::export::{Format, comparison};
    assert_eq!(
        read(&out, "comparison.md"),
        comparison(&ds, &cmp, Format::Md)
    );
    assert_eq!(
        read(&out, "comparison.csv"),
        comparison(&ds, &cmp, Format::Csv)
    );
}

#[test]
fn default_folder_is_output_slash_dataset() {
    let (tmp, _dir) = seed_copy("donbas-workers");
    routemap(tmp.path())
        .args(["report", "donbas-workers"])
        .assert()
        .success();
    assert_eq!(file_names(&tmp.path().join("output/donbas-workers")), FILES);
}

/// Every file of the bundle, the PDF included (its text is drawn as outlines,
/// so svg2pdf's font ordering cannot vary it).
#[test]
fn same_input_gives_the_same_bytes() {
    let (tmp, dir) = seed_copy("donbas-workers");
    let a = snapshot_dir(&report(tmp.path(), &dir));
    let b = snapshot_dir(&report(tmp.path(), &dir));
    assert_eq!(a.len(), 9);
    assert!(a == b, "the bundle differs between two runs");
}

#[test]
fn html_is_self_contained_and_loads_nothing() {
    let (tmp, dir) = seed_copy("donbas-workers");
    let html = read(&report(tmp.path(), &dir), "report.html");
    let lower = html.to_lowercase();
    for request in [
        "<script",
        "<link",
        "@import",
        "url(",
        "<img",
        "<iframe",
        "<object",
        "<embed",
        "<video",
        "<audio",
        "src=",
        "srcset=",
        "xlink:href=\"http",
        "<use",
    ] {
        assert!(!lower.contains(request), "report.html contains {request:?}");
    }
    // The only web addresses are the SVG and Inkscape namespaces (names,
    // never fetched) and the source's link.
    for (i, _) in lower
        .match_indices("http://")
        .chain(lower.match_indices("https://"))
    {
        let rest = &html[i..];
        assert!(
            rest.starts_with("http://www.w3.org/2000/svg\"")
                || rest.starts_with("http://www.inkscape.org/namespaces/inkscape\"")
                || rest.starts_with("https://dlatestscoop.org/"),
            "unexpected address: {}",
            &rest[..rest.len().min(80)]
        );
    }
    assert!(html.contains("default-src 'none'"));
}

#[test]
fn html_holds_map_with_tooltips_table_movement_sources_and_credit() {
    let (tmp, dir) = seed_copy("donbas-workers");
    let out = report(tmp.path(), &dir);
    let html = read(&out, "report.html");
    let svg = read(&out, "map.svg");
    // The map and the chart inline, as they are, so each leg's <title> is
    // a tooltip.
    assert!(html.contains(svg.trim_end()));
    assert!(html.contains(read(&out, "chart.svg").trim_end()));
    assert_eq!(html.matches("<svg").count(), 2);
    assert!(
        svg.matches("<title>").count() >= 7,
        "one per leg and the map's"
    );
    assert!(html.contains("<h1>North Korean workers sent to Donbas</h1>"));
    assert!(html.contains("<table>"));
    assert!(html.contains("<th scope=\"row\">via Volgograd</th>"));
    assert!(html.contains("<td class=\"num\">7,611</td>"));
    assert!(html.contains("<dt>Count</dt><dd>about 150</dd>"));
    assert!(html.contains("<dt>Date</dt><dd>2024-01 (inferred)</dd>"));
    for publisher in ["Daily NK", "The Diplomat", "dlatestscoop.org"] {
        assert!(
            html.contains(&format!("<strong>{publisher}")),
            "{publisher}"
        );
    }
    assert_eq!(html.matches(">not verified<").count(), 3);
    assert!(html.contains(
        "<a href=\"https://dlatestscoop.org/2024/04/25/north-korea-sends-workers-to-eastern-ukraine-territory-occupied-by-russia-the-diplomat-reports\""
    ));
    assert!(html.contains(
        "<p class=\"credit\">Source: Daily NK, republished by The Diplomat, which says the information has not been independently verified."
    ));
}

#[test]
fn markdown_report_embeds_the_map_and_holds_table_and_sources() {
    let (tmp, dir) = seed_copy("donbas-workers");
    let out = report(tmp.path(), &dir);
    let md = read(&out, "report.md");
    assert!(md.contains("![Map: North Korean workers sent to Donbas](map.svg)"));
    assert!(md.contains(&read(&out, "comparison.md")));
    assert!(md.contains("**not verified**"));
    assert!(md.contains("<https://dlatestscoop.org/2024/04/25/"));
    assert!(md.contains("- **Date:** 2024-01 (inferred)"));
}

/// A copy of the seed whose Moscow is called `<script>alert(1)</script> & "q"`,
/// whose route via Moscow is called `=HYPERLINK("x")`, and whose title and a
/// source's note and address carry markup.
fn hostile_copy() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, dir) = seed_copy("hostile");
    let places = read(&dir, "places.csv").replace(
        "moscow,Moscow,",
        "moscow,\"<script>alert(1)</script> & \"\"q\"\"\",",
    );
    std::fs::write(dir.join("places.csv"), places).unwrap();
    let legs = read(&dir, "legs.csv").replace("via Moscow,", "\"=HYPERLINK(\"\"x\"\")\",");
    std::fs::write(dir.join("legs.csv"), legs).unwrap();
    let toml = read(&dir, "dataset.toml")
        .replace(
            "title = \"North Korean workers sent to Donbas\"",
            "title = \"<script>alert('t')</script> | *b* [l](javascript:x)\"",
        )
        .replace(
            "url = \"https://dlatestscoop.org/",
            "url = \"javascript:alert(1)//",
        )
        .replace(
            "note = \"Secondary summary",
            "note = \"</li><script>alert(2)</script> Secondary summary",
        );
    std::fs::write(dir.join("dataset.toml"), toml).unwrap();
    (tmp, dir)
}

/// Every `<` in Markdown is escaped (`\<`), so no raw HTML gets through.
fn assert_no_raw_html(name: &str, md: &str) {
    for (i, _) in md.match_indices('<') {
        let escaped = i > 0 && md.as_bytes()[i - 1] == b'\\';
        let autolink = md[i..].starts_with("<https://");
        assert!(escaped || autolink, "{name}: raw '<' at {}", &md[i..]);
    }
}

#[test]
fn text_from_data_is_escaped_everywhere() {
    let (tmp, dir) = hostile_copy();
    let out = report(tmp.path(), &dir);
    let html = read(&out, "report.html");
    assert!(!html.to_lowercase().contains("<script"), "live script tag");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;"));
    assert!(html.contains("&lt;/li&gt;&lt;script&gt;alert(2)"));
    assert!(!html.contains("href=\"javascript"), "unsafe link");
    assert!(
        html.contains("javascript:alert(1)//"),
        "address kept as text"
    );
    for md in ["report.md", "comparison.md"] {
        let text = read(&out, md);
        assert!(text.contains("\\<script\\>alert(1)\\</script\\>"), "{md}");
        assert_no_raw_html(md, &text);
    }
    let md = read(&out, "report.md");
    assert!(md.contains("# \\<script\\>alert('t')\\</script\\> \\| \\*b\\* \\[l\\](javascript:x)"));
    // A route name a spreadsheet would run as a formula is neutralised.
    let csv = read(&out, "comparison.csv");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let routes: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[0].to_string())
        .collect();
    assert_eq!(routes, ["'=HYPERLINK(\"x\")", "via Volgograd"]);
}

#[test]
fn broken_dataset_is_exit_2_and_writes_nothing() {
    let (tmp, dir) = seed_copy("donbas-workers");
    let legs = read(&dir, "legs.csv").replace("moscow,donetsk", "moscow,mosow");
    std::fs::write(dir.join("legs.csv"), legs).unwrap();
    let out = routemap(tmp.path())
        .arg("report")
        .arg(&dir)
        .args(["-o", "bundle"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("unknown place id \"mosow\""), "{stderr}");
    assert!(!tmp.path().join("bundle").exists());
}

#[test]
fn unsafe_dataset_name_needs_an_explicit_folder() {
    let (tmp, _dir) = seed_copy("con");
    let out = routemap(tmp.path())
        .args(["report", "con"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("dataset name \"con\" cannot name the output folder"),
        "{stderr}"
    );
    assert!(stderr.contains("-o DIR"), "{stderr}");
    assert!(!tmp.path().join("output").exists());
    routemap(tmp.path())
        .args(["report", "con", "-o", "bundle"])
        .assert()
        .success();
    assert_eq!(file_names(&tmp.path().join("bundle")), FILES);
}

/// The bundle is written as a whole: after a failure the previous bundle is
/// there, byte for byte.
mod all_or_nothing {
    use super::*;
    use crate::common::{Immutable, seed};

    fn rerun(tmp: &Path, out: &Path) -> std::process::Output {
        routemap(tmp)
            .arg("report")
            .arg(seed())
            .arg("-o")
            .arg(out)
            .output()
            .unwrap()
    }

    #[test]
    fn a_bundle_that_cannot_be_replaced_is_left_as_it_was() {
        let tmp = tempfile::tempdir().unwrap();
        let out = report(tmp.path(), &seed());
        std::fs::write(out.join("map.svg"), "previous").unwrap();
        let before = snapshot_dir(tmp.path());
        {
            let Some(_lock) = Immutable::set(&out) else {
                return;
            };
            let ran = rerun(tmp.path(), &out);
            assert_eq!(ran.status.code(), Some(2));
            assert_eq!(
                String::from_utf8_lossy(&ran.stderr),
                format!(
                    "routemap: error: {}: Operation not permitted (os error 1)\n",
                    out.display()
                )
            );
        }
        assert_eq!(snapshot_dir(tmp.path()), before);
    }

    /// Regression: with a folder where map.png goes, report wrote map.svg,
    /// then failed, leaving half a new bundle with half the old one.
    #[test]
    fn a_folder_in_the_bundle_is_refused_before_anything_is_written() {
        let tmp = tempfile::tempdir().unwrap();
        let out = report(tmp.path(), &seed());
        std::fs::write(out.join("map.svg"), "previous").unwrap();
        std::fs::remove_file(out.join("map.png")).unwrap();
        std::fs::create_dir(out.join("map.png")).unwrap();
        let before = snapshot_dir(tmp.path());
        let ran = rerun(tmp.path(), &out);
        assert_eq!(ran.status.code(), Some(2));
        assert_eq!(
            String::from_utf8_lossy(&ran.stderr),
            format!(
                "routemap: error: {}: holds \"map.png\" which is not a regular file; the report \
                 replaces the folder as a whole, so it must be new, empty or hold only an earlier \
                 report's files (map.svg, map.png, map.pdf, chart.svg, chart.png, comparison.md, \
                 comparison.csv, report.html, report.md)\n",
                out.display()
            )
        );
        assert_eq!(snapshot_dir(tmp.path()), before);
        assert!(out.join("map.png").is_dir());
    }

    #[test]
    fn a_folder_holding_other_files_is_refused_untouched() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("docs");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("thesis.tex"), "mine").unwrap();
        let before = snapshot_dir(tmp.path());
        let ran = rerun(tmp.path(), &out);
        assert_eq!(ran.status.code(), Some(2));
        assert!(
            String::from_utf8_lossy(&ran.stderr)
                .contains("holds \"thesis.tex\" which was not written by routemap"),
        );
        assert_eq!(snapshot_dir(tmp.path()), before);
    }

    #[test]
    fn an_empty_folder_and_an_earlier_bundle_are_replaced() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("empty");
        std::fs::create_dir(&out).unwrap();
        assert_eq!(rerun(tmp.path(), &out).status.code(), Some(0));
        std::fs::write(out.join("map.svg"), "previous").unwrap();
        assert_eq!(rerun(tmp.path(), &out).status.code(), Some(0));
        assert!(read(&out, "map.svg").starts_with("<svg"));
        assert_eq!(file_names(&out).len(), 9);
    }
}
