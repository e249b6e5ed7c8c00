//! The report bundle's two documents: `report.html`, one self-contained page
//! (the map inlined as SVG so its per-leg tooltips work, no external request
//! of any kind), and `report.md`, which embeds the map file beside it. Both
//! hold the title, the map, the route comparison, the movement facts, the
//! sources (each saying whether it was independently verified) and the credit.
//!
//! Building them is pure: these functions return text; `cmd::report` writes
//! the files. Every text that comes from a dataset is escaped: for HTML by
//! [`escape_html`], for Markdown by [`md_cell`].

use std::fmt::Write as _;

use crate::analyze::Comparison;
use crate::export::{Format, comparison, comparison_cells, md_cell, thousands};
use crate::model::{Dataset, Movement, Source};

/// The print-friendly style sheet of `report.html`: local fonts only.
const STYLE: &str = "\
:root{color-scheme:light}
body{margin:2rem auto;max-width:75rem;padding:0 1rem;color:#1a1a1a;background:#fff;\
font:15px/1.45 'DejaVu Sans','Noto Sans',Arial,Helvetica,sans-serif}
h1{font-size:1.6rem;margin:0 0 .25rem}
h2{font-size:1.2rem;margin:2rem 0 .5rem;padding-bottom:.15rem;border-bottom:1px solid #ccc}
.subtitle{margin:0 0 1rem;color:#444}
figure{margin:0}
figure svg{display:block;max-width:100%;height:auto}
table{border-collapse:collapse;font-size:.85rem}
th,td{border:1px solid #bbb;padding:.25rem .45rem;text-align:left;vertical-align:top}
th{background:#f0f0f0}
.num{text-align:right;white-space:nowrap}
.note,.credit,.id{color:#444;font-size:.85rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}
dt{font-weight:bold}
dd{margin:0}
.sources li{margin-bottom:.6rem}
.badge{display:inline-block;padding:0 .4em;border:1px solid;border-radius:3px;font-size:.8rem;font-weight:bold}
.badge.no{color:#a40000}
.badge.yes{color:#1d6b1d}
a{color:#0645ad;overflow-wrap:anywhere}
@media print{body{margin:0;max-width:none;font-size:10pt}h2{break-after:avoid}\
figure,tr,li{break-inside:avoid}a{color:inherit}}
";

/// Escape text for HTML element content and quoted attribute values: `&`,
/// `<`, `>`, `"` and `'` become character references.
///
/// ```
/// use routemap::export::report::escape_html;
///
/// assert_eq!(escape_html("<b>\"Tom\" & 'Jerry'</b>"),
///            "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;");
/// ```
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `url` if it is safe to link to: an `http` or `https` address without
/// spaces or control characters (so never `javascript:` or `data:`).
fn linkable(url: &str) -> Option<&str> {
    let lower = url.to_ascii_lowercase();
    let scheme_ok = lower.starts_with("https://") || lower.starts_with("http://");
    let clean = !url.chars().any(|c| c.is_whitespace() || c.is_control());
    (scheme_ok && clean).then_some(url)
}

/// The credit: the dataset's credit line (or its sources' publishers), "Not
/// independently verified" where a source that backs a claim is unverified
/// and the credit does not already say so, then the base map and method.
pub fn credit(ds: &Dataset) -> String {
    crate::caption::credit(ds, None)
}

/// The movement's facts as (label, text) pairs, unescaped.
fn movement_facts(ds: &Dataset, m: &Movement) -> Vec<(&'static str, String)> {
    let mut facts = Vec::new();
    if let Some(n) = m.count {
        let count = thousands(n as f64);
        facts.push((
            "Count",
            match m.count_qualifier.as_deref() {
                Some(q) if !q.is_empty() => format!("{q} {count}"),
                _ => count,
            },
        ));
    }
    if let Some(d) = m.date {
        facts.push((
            "Date",
            match m.date_evidence {
                Some(e) => format!("{d} ({e})"),
                None => d.to_string(),
            },
        ));
    }
    if let Some(s) = &m.source {
        facts.push((
            "Source",
            match ds.source(s).and_then(|src| src.publisher.as_deref()) {
                Some(publisher) => format!("{publisher} (source id {s})"),
                None => s.clone(),
            },
        ));
    }
    if let Some(n) = &m.note {
        facts.push(("Note", n.clone()));
    }
    facts
}

const VERIFIED_MEANING: &str = "“Verified” means the source itself says its information \
     was independently verified.";

/// A source's publisher, title and date, unescaped: `Daily NK, “Title”, 2024-04-25`.
fn source_heading(s: &Source) -> String {
    let mut parts = Vec::new();
    parts.push(s.publisher.clone().unwrap_or_else(|| s.id.clone()));
    if let Some(t) = &s.title {
        parts.push(format!("“{t}”"));
    }
    if let Some(d) = s.date {
        parts.push(d.to_string());
    }
    parts.join(", ")
}

/// `report.html`: one self-contained page. `svg` is the map as
/// [`crate::render::Scene::to_svg`] wrote it, and `chart` the comparison
/// chart ([`crate::render::chart::comparison`]) if there is one; both are
/// inlined as they are (they are well-formed, escaped XML, and their
/// `<title>` elements become tooltips in browsers).
///
/// The page makes no request: no scripts, style sheets, fonts or images from
/// anywhere, and a Content-Security-Policy that forbids loading any.
pub fn html(ds: &Dataset, cmp: &Comparison, svg: &str, chart: Option<&str>) -> String {
    let e = escape_html;
    let mut out = String::with_capacity(svg.len() + 16 * 1024);
    let title = e(ds.title());
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'\">\n\
         <meta name=\"generator\" content=\"routemap {}\">\n\
         <title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<header>\n\
         <h1>{title}</h1>\n",
        env!("CARGO_PKG_VERSION")
    );
    if let Some(sub) = &ds.meta.subtitle {
        let _ = writeln!(out, "<p class=\"subtitle\">{}</p>", e(sub));
    }
    let _ = writeln!(out, "</header>\n<main>\n<figure id=\"map\">");
    out.push_str(svg.trim_end());
    let _ = writeln!(
        out,
        "\n<figcaption class=\"note\">Point at a leg to see where it goes, how, and \
         on what evidence. The same map: map.svg, map.png, map.pdf.</figcaption>\n</figure>"
    );

    // The comparison table.
    let _ = writeln!(out, "<section id=\"comparison\">\n<h2>Routes compared</h2>");
    let cells = comparison_cells(ds, cmp);
    if cells.rows.is_empty() {
        let _ = writeln!(out, "<p>The dataset has no named routes to compare.</p>");
    } else {
        let class = |i: usize| {
            if cells.numeric[i] {
                " class=\"num\""
            } else {
                ""
            }
        };
        out.push_str("<table>\n<thead><tr>");
        for (i, h) in cells.headers.iter().enumerate() {
            let _ = write!(out, "<th scope=\"col\"{}>{}</th>", class(i), e(h));
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for row in &cells.rows {
            out.push_str("<tr>");
            for (i, c) in row.iter().enumerate() {
                if i == 0 {
                    let _ = write!(out, "<th scope=\"row\">{}</th>", e(c));
                } else {
                    let _ = write!(out, "<td{}>{}</td>", class(i), e(c));
                }
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n");
        let _ = writeln!(out, "<p class=\"note\">{}</p>", e(cells.note));
    }
    if let Some(chart) = chart {
        // Not "chart": the chart's own layer has that id.
        let _ = writeln!(out, "<figure id=\"comparison-chart\">");
        out.push_str(chart.trim_end());
        let _ = writeln!(
            out,
            "\n<figcaption class=\"note\">The same chart: chart.svg, chart.png.</figcaption>\n</figure>"
        );
    }
    out.push_str("</section>\n");

    // The movement as a whole.
    if let Some(m) = &ds.meta.movement {
        let facts = movement_facts(ds, m);
        if !facts.is_empty() {
            let _ = writeln!(
                out,
                "<section id=\"movement\">\n<h2>The movement as a whole</h2>\n<dl>"
            );
            for (label, text) in facts {
                let _ = writeln!(out, "<dt>{label}</dt><dd>{}</dd>", e(&text));
            }
            out.push_str("</dl>\n</section>\n");
        }
    }

    // Sources.
    let _ = writeln!(out, "<section id=\"sources\">\n<h2>Sources</h2>");
    if ds.meta.sources.is_empty() {
        let _ = writeln!(out, "<p>The dataset lists no sources.</p>");
    } else {
        let _ = writeln!(
            out,
            "<p class=\"note\">{}</p>\n<ol class=\"sources\">",
            e(VERIFIED_MEANING)
        );
        for s in &ds.meta.sources {
            let _ = write!(out, "<li><strong>{}</strong> ", e(&source_heading(s)));
            if s.verified {
                out.push_str("<span class=\"badge yes\">verified</span>");
            } else {
                out.push_str("<span class=\"badge no\">not verified</span>");
            }
            let _ = write!(out, " <span class=\"id\">(source id {})</span>", e(&s.id));
            if let Some(url) = &s.url {
                match linkable(url) {
                    Some(u) => {
                        let _ = write!(
                            out,
                            "<br><a href=\"{0}\" rel=\"noopener noreferrer\">{0}</a>",
                            e(u)
                        );
                    }
                    None => {
                        let _ = write!(out, "<br><span class=\"url\">{}</span>", e(url));
                    }
                }
            }
            if let Some(note) = &s.note {
                let _ = write!(out, "<br>{}", e(note));
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</section>\n</main>\n");
    let _ = writeln!(
        out,
        "<footer>\n<p class=\"credit\">{}</p>\n</footer>\n</body>\n</html>",
        e(&credit(ds))
    );
    out
}

/// `report.md`: the map embedded from `map_file` (a path relative to the
/// report, e.g. `map.svg`), the comparison table in the Markdown format and
/// the chart from `chart_file` if there is one, the movement facts, the
/// sources and the credit.
pub fn markdown(
    ds: &Dataset,
    cmp: &Comparison,
    map_file: &str,
    chart_file: Option<&str>,
) -> String {
    let m = md_cell;
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", m(ds.title()));
    if let Some(sub) = &ds.meta.subtitle {
        let _ = writeln!(out, "{}\n", m(sub));
    }
    let _ = writeln!(
        out,
        "![Map: {}]({})\n",
        m(ds.title()),
        map_file.replace(' ', "%20")
    );
    let _ = writeln!(out, "## Routes compared\n");
    if cmp.routes.is_empty() {
        let _ = writeln!(out, "The dataset has no named routes to compare.\n");
    } else {
        let _ = writeln!(out, "{}", comparison(ds, cmp, Format::Md));
        if let Some(chart) = chart_file {
            let _ = writeln!(
                out,
                "![Chart: route lengths by leg]({})\n",
                chart.replace(' ', "%20")
            );
        }
    }
    if let Some(mv) = &ds.meta.movement {
        let facts = movement_facts(ds, mv);
        if !facts.is_empty() {
            let _ = writeln!(out, "## The movement as a whole\n");
            for (label, text) in facts {
                let _ = writeln!(out, "- **{label}:** {}", m(&text));
            }
            out.push('\n');
        }
    }
    let _ = writeln!(out, "## Sources\n");
    if ds.meta.sources.is_empty() {
        let _ = writeln!(out, "The dataset lists no sources.\n");
    } else {
        let _ = writeln!(out, "{VERIFIED_MEANING}\n");
        for (i, s) in ds.meta.sources.iter().enumerate() {
            let _ = write!(
                out,
                "{}. **{}**: {} (source id {})",
                i + 1,
                m(&source_heading(s)),
                if s.verified {
                    "verified"
                } else {
                    "**not verified**"
                },
                m(&s.id)
            );
            if let Some(url) = &s.url {
                match linkable(url).filter(|u| !u.contains(['<', '>'])) {
                    Some(u) => {
                        let _ = write!(out, ". <{u}>");
                    }
                    None => {
                        let _ = write!(out, ". {}", m(url));
                    }
                }
            }
            if let Some(note) = &s.note {
                let _ = write!(out, ". {}", m(note));
            }
            out.push('\n');
        }
        out.push('\n');
    }
    let _ = writeln!(out, "---\n\n{}", m(&credit(ds)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed() -> (Dataset, Comparison) {
        let ds = crate::load::dataset("routes/donbas-workers".as_ref()).unwrap();
        let cmp = crate::analyze::compare(&ds);
        (ds, cmp)
    }

    mod escaping {
        use super::*;

        #[test]
        fn script_tags_ampersands_and_quotes_are_escaped() {
            assert_eq!(
                escape_html("<script>alert(1)</script> & \"q\" 'a'"),
                "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#39;a&#39;"
            );
        }

        #[test]
        fn existing_references_are_escaped_again() {
            assert_eq!(escape_html("&amp;"), "&amp;amp;");
        }

        #[test]
        fn other_text_is_untouched() {
            assert_eq!(escape_html("Пхеньян → 평양"), "Пхеньян → 평양");
        }

        #[test]
        fn only_web_addresses_become_links() {
            assert_eq!(
                linkable("https://example.org/a?b=1&c=2"),
                Some("https://example.org/a?b=1&c=2")
            );
            assert_eq!(linkable("HTTP://example.org"), Some("HTTP://example.org"));
            assert_eq!(linkable("javascript:alert(1)"), None);
            assert_eq!(linkable("data:text/html,<script>"), None);
            assert_eq!(linkable("https://a b"), None);
        }
    }

    mod html {
        use super::*;

        #[test]
        fn holds_title_map_table_movement_sources_and_credit() {
            let (ds, cmp) = seed();
            let page = html(
                &ds,
                &cmp,
                "<svg><title>map</title></svg>",
                Some("<svg><title>chart</title></svg>"),
            );
            assert!(page.starts_with("<!DOCTYPE html>"));
            assert!(page.contains("<h1>North Korean workers sent to Donbas</h1>"));
            assert!(page.contains("<svg><title>map</title></svg>"));
            let (table, chart) = (
                page.find("<table>").unwrap(),
                page.find("<title>chart").unwrap(),
            );
            assert!(table < chart, "the chart follows the table");
            assert!(page.contains("<th scope=\"row\">via Moscow</th>"));
            assert!(page.contains("<dt>Count</dt><dd>about 150</dd>"));
            assert!(page.contains("<dt>Date</dt><dd>2024-01 (inferred)</dd>"));
            assert_eq!(
                page.matches("<span class=\"badge no\">not verified</span>")
                    .count(),
                3
            );
            assert!(page.contains("<a href=\"https://dlatestscoop.org/"));
            assert!(page.contains("has not been independently verified"));
            assert!(page.trim_end().ends_with("</html>"));
        }

        #[test]
        fn loads_nothing_from_anywhere() {
            let (ds, cmp) = seed();
            let page = html(&ds, &cmp, "<svg></svg>", None);
            for bad in [
                "<script", "<link", "@import", "url(", "<img", "<iframe", "src=",
            ] {
                assert!(!page.contains(bad), "{bad}");
            }
            assert!(page.contains("default-src 'none'"));
        }

        #[test]
        fn is_deterministic() {
            let (ds, cmp) = seed();
            assert_eq!(
                html(&ds, &cmp, "<svg/>", None),
                html(&ds, &cmp, "<svg/>", None)
            );
        }
    }

    mod markdown {
        use super::*;

        #[test]
        fn embeds_the_map_and_holds_table_and_sources() {
            let (ds, cmp) = seed();
            let md = markdown(&ds, &cmp, "map.svg", Some("chart.svg"));
            assert!(md.starts_with("# North Korean workers sent to Donbas\n"));
            assert!(md.contains("![Map: North Korean workers sent to Donbas](map.svg)"));
            assert!(md.contains("| route | stops |"));
            assert!(md.contains("![Chart: route lengths by leg](chart.svg)"));
            assert!(md.contains("1. **Daily NK**: **not verified** (source id dailynk)"));
            assert!(md.contains("<https://dlatestscoop.org/"));
            assert!(md.contains("- **Count:** about 150"));
        }
    }
}
