//! Cartography: projections, the antimeridian, poles, labels on a dense map,
//! furniture, themes, flows and overlays. Structural checks on the scene the
//! renderer hands its writers; the command line is checked at the end.

use routemap::render::Scene;

use crate::common::scene::{DrawnLeg, all_text, frame, labels, legs, markers, options, scene};
use crate::common::{Run, root, routemap};

/// The scene of `routes/<dataset>` drawn with command-line style options.
fn render(dataset: &str, args: &[&str]) -> Scene {
    scene(dataset, &options(args))
}

/// Every leg point lies inside the frame, and no leg segment spans more than
/// `max_fraction` of the frame's width (a line across the map).
fn assert_legs_sane(svg: &Scene, max_fraction: f64) {
    let f = frame(svg);
    let all = legs(svg);
    assert!(!all.is_empty());
    for (title, pieces) in &all {
        for piece in pieces {
            for w in piece.windows(2) {
                let len = ((w[1].0 - w[0].0).powi(2) + (w[1].1 - w[0].1).powi(2)).sqrt();
                assert!(
                    len < f.width() * max_fraction,
                    "{title}: segment of {len} in a frame {} wide",
                    f.width()
                );
            }
            for p in piece {
                assert!(
                    f.inflate(0.5).contains(*p),
                    "{title}: point {p:?} outside frame {f:?}"
                );
            }
        }
    }
}

fn pieces_of<'a>(all: &'a [DrawnLeg], prefix: &str) -> &'a Vec<Vec<(f64, f64)>> {
    &all.iter()
        .find(|(t, _)| t.starts_with(prefix))
        .unwrap_or_else(|| panic!("no leg {prefix}"))
        .1
}

mod antimeridian {
    use super::*;

    #[test]
    fn auto_centres_a_trans_pacific_dataset_on_the_pacific_and_legs_stay_whole() {
        let svg = render("trans-pacific", &[]);
        assert!(
            all_text(&svg).contains("Equal Earth, central meridian 15"),
            "not Pacific-centred"
        );
        assert_legs_sane(&svg, 0.6);
        let all = legs(&svg);
        for prefix in [
            "Vladivostok → Anchorage",
            "Tokyo → Los Angeles",
            "Auckland → Santiago",
        ] {
            assert_eq!(
                pieces_of(&all, prefix).len(),
                1,
                "{prefix} should be one continuous line"
            );
        }
    }

    #[test]
    fn atlantic_centred_view_splits_legs_cleanly_at_the_edge() {
        let svg = render(
            "trans-pacific",
            &["--projection", "eqearth", "--center", "0,0"],
        );
        assert_legs_sane(&svg, 0.6);
        let all = legs(&svg);
        let pieces = pieces_of(&all, "Vladivostok → Anchorage");
        assert_eq!(pieces.len(), 2, "split in two at the antimeridian");
        // The two pieces lie on opposite sides of the map (at the globe's edges).
        let f = frame(&svg);
        let mid = (f.x0 + f.x1) / 2.0;
        let xs: Vec<f64> = pieces
            .iter()
            .map(|p| p.iter().map(|q| q.0).sum::<f64>() / p.len() as f64)
            .collect();
        assert!(xs.iter().any(|&x| x > mid + f.width() * 0.3), "{xs:?}");
        assert!(xs.iter().any(|&x| x < mid - f.width() * 0.3), "{xs:?}");
    }

    #[test]
    fn every_projection_draws_the_trans_pacific_legs_without_streaks() {
        for proj in ["lcc", "aeqd", "laea", "merc", "robin", "eqearth"] {
            let svg = render("trans-pacific", &["--projection", proj]);
            assert_legs_sane(&svg, 0.6);
        }
    }
}

mod poles {
    use super::*;

    #[test]
    fn polar_view_of_the_world_dataset() {
        let svg = render("world", &["--projection", "aeqd", "--center", "90,0"]);
        // The credit may wrap anywhere.
        assert!(
            all_text(&svg)
                .replace('\n', " ")
                .contains("Azimuthal equidistant centred on 89°N")
        );
        assert_legs_sane(&svg, 0.8);
        let all = legs(&svg);
        assert_eq!(
            pieces_of(&all, "Reykjavík → ").len(),
            1,
            "the polar leg stays whole"
        );
    }

    /// The share of the frame the map covers: the area of the `sea` layer
    /// (the frame, or the inside of the projection's edge) over the frame's.
    fn map_share(svg: &Scene) -> f64 {
        let f = frame(svg);
        let sea = svg.layer("sea").expect("sea layer");
        let mut area = 0.0;
        for n in sea.walk() {
            if let routemap::render::scene::Node::Shape(s) = n {
                match &s.geometry {
                    routemap::render::scene::Geometry::Rect { min, max } => {
                        area += (max.0 - min.0) * (max.1 - min.1)
                    }
                    routemap::render::scene::Geometry::Path { runs, .. } => {
                        for r in runs {
                            let mut a = 0.0;
                            for i in 0..r.len() {
                                let (p, q) = (r[i], r[(i + 1) % r.len()]);
                                a += p.0 * q.1 - q.0 * p.1;
                            }
                            area += a.abs() / 2.0;
                        }
                    }
                    _ => {}
                }
            }
        }
        area / (f.width() * f.height())
    }

    /// Issue 14: routes in high latitudes got Equal Earth with 30–45% of the
    /// frame blank; they now get an azimuthal view centred on the data.
    #[test]
    fn high_latitude_routes_get_a_polar_view_that_fills_the_frame() {
        for spec in [
            "Longyearbyen-Murmansk-Nome",
            "Reykjavik-Anchorage-Tokyo",
            "Ushuaia-NZWD",
        ] {
            let tmp = tempfile::tempdir().unwrap();
            let saved = tmp.path().join("ds");
            routemap(tmp.path())
                .args(["quick", spec, "-o", "q.svg", "--save"])
                .arg(&saved)
                .assert()
                .success();
            let svg = crate::common::scene::scene_of(&saved, &options(&[]));
            assert!(
                all_text(&svg).contains("Azimuthal equidistant centred on"),
                "{spec}: {}",
                all_text(&svg)
            );
            let share = map_share(&svg);
            assert!(
                share > 0.99,
                "{spec}: the map covers {share:.2} of the frame"
            );
            assert_legs_sane(&svg, 0.9);
        }
    }

    #[test]
    fn far_side_of_an_orthographic_globe_is_hidden_not_drawn_across() {
        // Centred on the antipode of the seed routes: nothing of them is visible.
        let svg = render(
            "donbas-workers",
            &["--projection", "ortho", "--center", "-45,-95"],
        );
        assert!(legs(&svg).iter().all(|(_, p)| p.is_empty()));
        assert!(markers(&svg, 4.0).is_empty());
    }
}

mod labels_and_furniture {
    use super::*;

    #[test]
    fn forty_european_capitals_labelled_without_overlap() {
        let svg = render("europe-capitals", &[]);
        let labels = labels(&svg);
        assert_eq!(labels.len(), 40, "every capital labelled");
        assert!(
            labels
                .iter()
                .any(|l| l.text == "Andorra la Vella" && l.lines.len() == 2),
            "long name wrapped"
        );
        let boxes: Vec<_> = labels.iter().map(|l| l.bbox()).collect();
        let f = frame(&svg);
        for (i, a) in boxes.iter().enumerate() {
            assert!(f.contains_rect(a), "{} outside the frame", labels[i].text);
            for (j, b) in boxes.iter().enumerate().skip(i + 1) {
                assert!(
                    !a.intersects(b),
                    "{} overlaps {}",
                    labels[i].text,
                    labels[j].text
                );
            }
        }
        for m in markers(&svg, 4.0) {
            for (i, b) in boxes.iter().enumerate() {
                assert!(!b.intersects(&m), "{} covers a marker", labels[i].text);
            }
        }
    }

    #[test]
    fn graticule_is_labelled_and_can_be_turned_off() {
        let svg = render("donbas-workers", &[]);
        let labels = svg.layer("graticule-labels").expect("graticule labels");
        let texts: Vec<&str> = crate::common::scene::text_nodes(labels)
            .iter()
            .map(|t| t.lines[0].text.as_str())
            .collect();
        assert!(
            texts.contains(&"50°N") && texts.contains(&"80°E"),
            "{texts:?}"
        );
        let svg = render("donbas-workers", &["--no-graticule"]);
        assert!(svg.layer("graticule-labels").is_none());
        assert!(svg.layer("graticule").is_none());
        assert!(!svg.texts().contains(&"50°N"));
    }

    #[test]
    fn scale_bar_only_where_it_is_honest() {
        assert!(
            render("donbas-workers", &[])
                .texts()
                .contains(&"true along 42.7°N and 57.4°N")
        );
        assert!(
            render("donbas-workers", &["--projection", "aeqd"])
                .texts()
                .contains(&"true from the centre, 50°N, 84.2°E")
        );
        let world = render("world", &[]);
        assert!(all_text(&world).contains("Equal Earth"));
        assert!(
            !world.texts().iter().any(|t| t.starts_with("true ")),
            "no scale bar on a world projection"
        );
    }

    #[test]
    fn north_arrow_on_request() {
        assert!(render("donbas-workers", &[]).layer("north-arrow").is_none());
        let with = render("donbas-workers", &["--north-arrow"]);
        let arrow = with.layer("north-arrow").expect("north arrow");
        assert_eq!(
            crate::common::scene::text_nodes(arrow)[0].lines[0].text,
            "N"
        );
    }

    #[test]
    fn cyrillic_and_hangul_names_are_kept_as_written() {
        let svg = render("world", &[]);
        let names: Vec<String> = labels(&svg).into_iter().map(|l| l.text).collect();
        assert!(names.iter().any(|n| n == "Владивосток"), "{names:?}");
        assert!(names.iter().any(|n| n == "서울"), "{names:?}");
        assert!(svg.font_family.contains("Noto Sans CJK SC"));
    }
}

mod styles {
    use super::*;

    #[test]
    fn flow_widths_and_their_legend_when_counts_are_given() {
        let svg = render("world", &[]);
        assert!(
            svg.texts()
                .iter()
                .any(|t| t.ends_with(" people or units (count)"))
        );
        assert!(svg.texts().contains(&"Count not given"));
        let seed = render("donbas-workers", &[]);
        assert!(!seed.texts().iter().any(|t| t.ends_with("(count)")));
    }

    #[test]
    fn print_theme_numbers_routes_and_dark_theme_darkens_the_page() {
        let print = render("donbas-workers", &["--theme", "print"]);
        assert!(
            print.texts().contains(&"1") && print.texts().contains(&"2"),
            "numbered badges"
        );
        let dark = render("donbas-workers", &["--theme", "dark"]).to_svg();
        assert!(
            dark.contains("<g id=\"page\" inkscape:groupmode=\"layer\" inkscape:label=\"page\">\n<rect x=\"0\" y=\"0\" width=\"1200\" height=\"800\" fill=\"#12171d\"/>"),
            "dark page"
        );
    }

    #[test]
    fn every_leg_has_a_tooltip_with_mode_evidence_km_and_source() {
        let svg = render("donbas-workers", &[]);
        let titles: Vec<String> = legs(&svg).into_iter().map(|(t, _)| t).collect();
        assert_eq!(titles.len(), 6);
        assert!(titles.contains(&"Pyongyang → Vladivostok: air, reported, 684 km; route: via Moscow; date: 2024-01; source: Daily NK".to_string()));
        assert!(titles.contains(&"Pyongyang → Vladivostok: mode not stated, inferred, 684 km; route: via Volgograd; date: 2024-01; source: Daily NK".to_string()));
    }
}

mod overlays {
    use super::*;

    const OVERLAY: &str = r##"{"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"name":"Hatched area","fill":"#cc79a7","hatch":true},
         "geometry":{"type":"Polygon","coordinates":[[[36,46],[41,46],[41,50],[36,50],[36,46]]]}},
        {"type":"Feature","properties":{"name":"A line","stroke":"#e69f00"},
         "geometry":{"type":"LineString","coordinates":[[50,45],[90,48]]}},
        {"type":"Feature","properties":{"name":"A point"},
         "geometry":{"type":"Point","coordinates":[100,60]}}]}"##;

    #[test]
    fn areas_lines_and_points_get_drawn_and_a_legend_entry() {
        let tmp = tempfile::tempdir().unwrap();
        let o = tmp.path().join("o.geojson");
        std::fs::write(&o, OVERLAY).unwrap();
        let scene = render("donbas-workers", &["--overlay", o.to_str().unwrap()]);
        let legend = scene.layer("legend").expect("legend");
        let rows: Vec<&str> = crate::common::scene::text_nodes(legend)
            .iter()
            .map(|t| t.lines[0].text.as_str())
            .collect();
        for name in ["Hatched area", "A line", "A point"] {
            assert!(rows.contains(&name), "legend entry {name} in {rows:?}");
        }
        assert_eq!(scene.defs.len(), 1);
        let svg = scene.to_svg();
        assert!(svg.contains("<defs>\n<pattern id=\"hatch-1\""));
        assert!(svg.contains("fill=\"url(#hatch-1)\""));
    }

    /// Issue 14: an overlay listed in the legend could lie outside the map.
    /// A point in Norway and an area over Sakhalin, beyond the seed's
    /// routes, are in view with the routes.
    #[test]
    fn the_view_holds_every_overlay() {
        let tmp = tempfile::tempdir().unwrap();
        let o = tmp.path().join("far.geojson");
        std::fs::write(
            &o,
            r##"{"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"name":"Oslo"},
             "geometry":{"type":"Point","coordinates":[10.75,59.91]}},
            {"type":"Feature","properties":{"name":"Sakhalin"},
             "geometry":{"type":"Polygon","coordinates":[[[142,46],[144,46],[144,54],[142,54],[142,46]]]}}]}"##,
        )
        .unwrap();
        let scene = render("donbas-workers", &["--overlay", o.to_str().unwrap()]);
        let f = frame(&scene);
        let g = scene.layer("overlays").expect("overlays layer");
        let runs = crate::common::scene::runs(g);
        // The point's diamond, the area's fill and its outline, none cut at
        // the frame: everything at least the margin inside it.
        assert!(runs.len() >= 3, "{runs:?}");
        let inner = f.inflate(-0.04 * f.height());
        for p in runs.iter().flatten() {
            assert!(
                inner.contains(*p),
                "overlay point {p:?} not well inside {f:?}"
            );
        }
    }

    #[test]
    fn bad_geojson_names_the_feature_and_writes_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let o = tmp.path().join("bad.geojson");
        std::fs::write(&o, OVERLAY.replace("[100,60]", "[100,600]")).unwrap();
        let out = tmp.path().join("map.svg");
        let res = routemap(&root())
            .args(["render", "routes/donbas-workers", "--overlay"])
            .arg(&o)
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap();
        assert_eq!(res.status.code(), Some(2));
        let stderr = String::from_utf8(res.stderr).unwrap();
        assert!(
            stderr.ends_with("bad.geojson: feature 2: latitude 600 is outside -90..90\n"),
            "{stderr}"
        );
        assert!(!out.exists());
    }
}

mod arguments {
    use super::*;

    #[test]
    fn bad_projection_extent_and_centre_are_exit_2() {
        for (args, expect) in [
            (
                vec!["--projection", "mercator"],
                "unknown projection \"mercator\"",
            ),
            (vec!["--extent", "10,20,30"], "invalid extent \"10,20,30\""),
            (
                vec!["--extent", "10,50,30,40"],
                "south (50) must be below north (40)",
            ),
            (vec!["--center", "95,0"], "centre \"95,0\" is out of range"),
        ] {
            let tmp = tempfile::tempdir().unwrap();
            let res = routemap(&root())
                .args(["render", "routes/donbas-workers", "-o"])
                .arg(tmp.path().join("map.svg"))
                .args(&args)
                .output()
                .unwrap();
            assert_eq!(res.status.code(), Some(2), "{args:?}");
            let stderr = String::from_utf8(res.stderr).unwrap();
            assert!(stderr.contains(expect), "{args:?}: {stderr}");
        }
    }

    #[test]
    fn a_conic_centred_on_the_equator_draws() {
        // Regression: exit 2 with proj's raw "ProjErrConicLatEqual".
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("map.svg");
        let res = routemap(&root())
            .args(["render", "routes/donbas-workers", "--projection", "lcc"])
            .args(["--center", "0,100", "-o"])
            .arg(&out)
            .output()
            .unwrap();
        assert_eq!(
            res.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&res.stderr)
        );
        let svg = std::fs::read_to_string(out).unwrap();
        let credit = crate::common::group_texts(&svg, "credit").join(" ");
        assert!(
            credit.contains("Lambert conformal conic, standard parallels 6.3°S and 8.3°N"),
            "{credit}"
        );
    }

    #[test]
    fn extent_overrides_the_fit() {
        let svg = render("donbas-workers", &["--extent", "30,40,60,60"]);
        // Vladivostok and Pyongyang are outside the box: no marker or label.
        let names: Vec<String> = labels(&svg).into_iter().map(|l| l.text).collect();
        assert!(names.contains(&"Moscow".to_string()));
        assert!(!names.contains(&"Vladivostok".to_string()));
    }
}

/// Issue 14, items 5–7: framing, the legend, labels by their markers.
mod layout_survives_real_inputs {
    use super::*;
    use routemap::map::clip::Rect;
    use routemap::render::scene::{Geometry, Node};

    /// The legend's panel.
    fn legend_box(svg: &Scene) -> Rect {
        let g = svg.layer("legend").expect("legend layer");
        g.walk()
            .into_iter()
            .find_map(|n| match n {
                Node::Shape(s) => match s.geometry {
                    Geometry::Rect { min, max } => Some(Rect::new(min.0, min.1, max.0, max.1)),
                    _ => None,
                },
                _ => None,
            })
            .expect("a panel")
    }

    const CASES: [(&str, &[&str]); 8] = [
        ("donbas-workers", &[]),
        ("donbas-workers", &["--projection", "robin"]),
        ("donbas-workers", &["--size", "a4-column"]),
        ("donbas-workers", &["--size", "square"]),
        ("trans-pacific", &[]),
        ("europe-capitals", &[]),
        ("europe-capitals", &["--size", "a4-column"]),
        ("world", &["--size", "slide-16x9"]),
    ];

    /// Item 5: markers sat on the frame (Donetsk, Pyongyang, Reykjavík).
    #[test]
    fn markers_keep_a_margin_of_five_percent_and_names_stay_in_the_frame() {
        for (ds, args) in CASES {
            let svg = render(ds, args);
            let f = frame(&svg);
            let (mx, my) = (f.width() * 0.05, f.height() * 0.05);
            for m in markers(&svg, 3.0) {
                let c = ((m.x0 + m.x1) / 2.0, (m.y0 + m.y1) / 2.0);
                assert!(
                    c.0 >= f.x0 + mx - 0.5
                        && c.0 <= f.x1 - mx + 0.5
                        && c.1 >= f.y0 + my - 0.5
                        && c.1 <= f.y1 - my + 0.5,
                    "{ds} {args:?}: marker at {c:?} in the margin of {f:?}"
                );
            }
            for l in labels(&svg) {
                assert!(
                    f.contains_rect(&l.bbox()),
                    "{ds} {args:?}: {} leaves the frame",
                    l.text
                );
            }
        }
    }

    /// Item 7: a name (and its halo, a 3 px stroke: 1.5 px beyond the
    /// glyphs) never hides
    /// the last 25 px of a leg into its ends, nor a short leg (on the
    /// a4-column seed map, Vladivostok's name lay over the route into it).
    #[test]
    fn names_keep_off_the_ends_of_legs() {
        let sample = |a: (f64, f64), b: (f64, f64)| {
            (0..=20).map(move |i| {
                let t = f64::from(i) / 20.0;
                (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t)
            })
        };
        // The first `len` px along a line.
        let start = |line: &[(f64, f64)], len: f64| -> Vec<(f64, f64)> {
            let mut out = Vec::new();
            let mut left = len;
            for w in line.windows(2) {
                let d = (w[1].0 - w[0].0).hypot(w[1].1 - w[0].1);
                let end = if d >= left {
                    let t = left / d;
                    (
                        w[0].0 + (w[1].0 - w[0].0) * t,
                        w[0].1 + (w[1].1 - w[0].1) * t,
                    )
                } else {
                    w[1]
                };
                out.extend(sample(w[0], end));
                if d >= left {
                    break;
                }
                left -= d;
            }
            out
        };
        for (ds, args) in CASES {
            let svg = render(ds, args);
            let boxes: Vec<(String, Rect)> = labels(&svg)
                .iter()
                .map(|l| (l.text.clone(), l.bbox().inflate(1.5)))
                .collect();
            for (title, pieces) in legs(&svg) {
                let (Some(first), Some(last)) = (pieces.first(), pieces.last()) else {
                    continue;
                };
                let mut ends = start(first, 25.0);
                let rev: Vec<(f64, f64)> = last.iter().rev().copied().collect();
                ends.extend(start(&rev, 25.0));
                // Leave out the marker itself (its name sits beside it).
                let (a, b) = (first[0], *last.last().unwrap());
                ends.retain(|p| {
                    (p.0 - a.0).hypot(p.1 - a.1) > 7.0 && (p.0 - b.0).hypot(p.1 - b.1) > 7.0
                });
                for p in &ends {
                    for (name, bx) in &boxes {
                        assert!(
                            !bx.contains(*p),
                            "{ds} {args:?}: {name} hides the end of {title} at {p:?}"
                        );
                    }
                }
            }
        }
    }

    /// Item 6: the legend covered data; at a4-column it was larger than
    /// the map.
    #[test]
    fn the_legend_hides_no_leg_marker_or_name_and_small_formats_put_it_under_the_map() {
        for (ds, args) in CASES {
            let svg = render(ds, args);
            let b = legend_box(&svg);
            for (title, pieces) in legs(&svg) {
                for p in pieces.iter().flatten() {
                    assert!(
                        !b.contains(*p),
                        "{ds} {args:?}: {title} runs under the legend"
                    );
                }
            }
            for m in markers(&svg, 3.0) {
                assert!(
                    !b.intersects(&m),
                    "{ds} {args:?}: a marker under the legend"
                );
            }
            for l in labels(&svg) {
                assert!(
                    !b.intersects(&l.bbox()),
                    "{ds} {args:?}: {} under the legend",
                    l.text
                );
            }
            if args.contains(&"a4-column") {
                let f = frame(&svg);
                assert!(b.y0 >= f.y1, "{ds}: the legend is not under the map");
                assert!(
                    b.height() < f.height() * 0.75,
                    "{ds}: legend {b:?}, frame {f:?}"
                );
                // Fewer furniture items: no graticule labels; the scale bar
                // sits in the frame.
                assert!(svg.layer("graticule-labels").is_none(), "{ds}");
                if ds == "donbas-workers" {
                    assert!(svg.layer("scale-bar").is_some());
                }
            }
        }
    }
}
