//! Text helpers every stage uses, with no dependency on any of them: numbers
//! with thousands separators, values quoted for messages, XML escaping, and
//! the one edit distance behind every "did you mean" suggestion.

/// Format a number with thousands separators and no decimals, e.g.
/// `7927.6` → `"7,928"`.
///
/// ```
/// assert_eq!(routemap::export::thousands(1234567.0), "1,234,567");
/// ```
pub fn thousands(v: f64) -> String {
    let r = v.round();
    let neg = r < 0.0;
    let digits = format!("{}", r.abs() as u64);
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if neg {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Quote a value from input for an error message: Rust debug quoting, so
/// control characters, quotes and invisible characters are shown, and long
/// values are cut to 60 characters.
pub fn quote(value: &str) -> String {
    const MAX: usize = 60;
    if value.chars().nth(MAX).is_some() {
        let cut: String = value.chars().take(MAX).collect();
        format!("{cut:?}... ({} characters)", value.chars().count())
    } else {
        format!("{value:?}")
    }
}

/// `value` cut to `max` characters, with "…" where it was cut.
///
/// ```
/// use routemap::error::clip;
/// assert_eq!(clip("Pyongyang", 4), "Pyon…");
/// assert_eq!(clip("Moscow", 10), "Moscow");
/// ```
pub fn clip(value: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match value.char_indices().nth(max) {
        Some((i, _)) => std::borrow::Cow::Owned(format!("{}…", &value[..i])),
        None => std::borrow::Cow::Borrowed(value),
    }
}

/// Whether a terminal would act on `c` or not show it: control characters
/// (escape sequences, line breaks, bells), bidirectional controls (which
/// reorder what follows) and zero-width characters.
pub fn hidden_or_active(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{61c}'
                | '\u{200b}'..='\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2060}'..='\u{2069}'
                | '\u{feff}'
        )
}

/// A name from the file system (a folder, a dataset named after one) for a
/// message: as it is, unless it holds a character a terminal would act on or
/// not show (see [`hidden_or_active`]); then quoted with escapes, in full.
///
/// ```
/// assert_eq!(routemap::error::shown_name("routes/x"), "routes/x");
/// assert_eq!(routemap::error::shown_name("a\u{1b}[2J"), "\"a\\u{1b}[2J\"");
/// ```
pub fn shown_name(name: &str) -> String {
    if name.chars().any(hidden_or_active) {
        format!("{name:?}")
    } else {
        name.to_string()
    }
}

/// A path for a message (see [`shown_name`]); invalid UTF-8 is shown
/// replaced, as `Path::display` does.
pub fn shown_path(path: &std::path::Path) -> String {
    shown_name(&path.display().to_string())
}

/// Whether XML 1.0 can hold `c` in a document: tab, line feed and carriage
/// return, and every other character from U+0020 except the noncharacters
/// U+FFFE and U+FFFF (surrogates cannot occur in a Rust string). Other
/// noncharacters (U+FDD0–U+FDEF, U+nFFFE/F) are allowed by XML but
/// discouraged; they are refused too, so no loader accepts text that a
/// strict XML tool would warn about.
pub fn xml_allows(c: char) -> bool {
    let u = u32::from(c);
    match c {
        '\t' | '\n' | '\r' => true,
        _ if u < 0x20 || (0x7f..=0x9f).contains(&u) => false,
        _ if (0xfdd0..=0xfdef).contains(&u) || (u & 0xfffe) == 0xfffe => false,
        _ => true,
    }
}

/// Escape text for XML content and quoted attribute values. Line breaks
/// and tabs become spaces; other characters XML cannot hold (see
/// [`xml_allows`]) are dropped, so the result is always well-formed.
///
/// ```
/// assert_eq!(routemap::render::escape_xml("<b> & \"q\"\u{fffe}"), "&lt;b&gt; &amp; &quot;q&quot;");
/// ```
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // A line break or tab in a one-line text reads as a space.
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() || !xml_allows(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// The first characters that make a spreadsheet read a CSV cell as a
/// formula (`=`, `+`, `-`, `@`), and the quote that escapes them.
const FORMULA_STARTS: [char; 5] = ['=', '+', '-', '@', '\''];

/// A text field for a CSV file that routemap reads back (a dataset's
/// `places.csv` and `legs.csv`), safe to open in a spreadsheet: a value
/// starting with `=`, `+`, `-`, `@` or `'` gets a `'` in front, which
/// spreadsheets show as text and [`csv_unprotect`] removes on loading, so
/// the value round-trips unchanged.
///
/// ```
/// use routemap::{export::csv_protect, load::csv_unprotect};
/// assert_eq!(csv_protect("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
/// assert_eq!(csv_protect("'quoted'"), "''quoted'");
/// assert_eq!(csv_protect("Moscow"), "Moscow");
/// for s in ["=1+1", "'quoted'", "''", "'", "-5", "Moscow"] {
///     assert_eq!(csv_unprotect(&csv_protect(s)), s);
/// }
/// ```
pub fn csv_protect(value: &str) -> std::borrow::Cow<'_, str> {
    if value.starts_with(FORMULA_STARTS) {
        std::borrow::Cow::Owned(format!("'{value}"))
    } else {
        std::borrow::Cow::Borrowed(value)
    }
}

/// A text field as [`csv_protect`] wrote it, unescaped: a `'` followed by
/// `=`, `+`, `-`, `@` or `'` is dropped. (So a hand-written field starting
/// with one of these pairs loses its first `'`; any other `'` is kept.)
pub fn csv_unprotect(field: &str) -> &str {
    match field.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => field,
    }
}

/// Names longer than this (in characters) get no suggestion: no id or
/// column is that long, and comparing a huge mistyped value with every
/// candidate would cost time for nothing.
pub const MAX_SUGGESTION_INPUT: usize = 64;

/// Suggest the closest candidate to `wanted` when it is plausibly a typo:
/// an edit distance, ignoring case, of at most a third of its length (and at
/// least 1). Ties go to the alphabetically first candidate.
///
/// ```
/// use routemap::error::did_you_mean;
/// assert_eq!(did_you_mean("mosow", ["moscow", "minsk"]), Some("moscow"));
/// assert_eq!(did_you_mean("paris", ["moscow", "minsk"]), None);
/// ```
pub fn did_you_mean<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let wanted: Vec<char> = wanted.to_lowercase().chars().collect();
    if wanted.len() > MAX_SUGGESTION_INPUT {
        return None;
    }
    let limit = (wanted.len() / 3).max(1);
    let mut scratch = EditScratch::default();
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        let lower = candidate.to_lowercase();
        let Some(d) = edit_distance_within(&wanted, &lower, limit, &mut scratch) else {
            continue;
        };
        if best.is_none_or(|(bd, bc)| d < bd || (d == bd && candidate < bc)) {
            best = Some((d, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// Reusable rows for [`edit_distance_within`].
#[derive(Debug, Default)]
pub struct EditScratch {
    prev: Vec<usize>,
    cur: Vec<usize>,
}

/// The Levenshtein distance between `a` and `b` if it is at most `limit`,
/// else `None`. Candidates whose length alone rules them out cost nothing,
/// and a comparison stops as soon as every alignment exceeds the limit, so
/// the work is at most `a.len()` × `b.len()` and usually far less.
pub fn edit_distance_within(
    a: &[char],
    b: &str,
    limit: usize,
    scratch: &mut EditScratch,
) -> Option<usize> {
    let b_len = b.chars().count();
    if a.len().abs_diff(b_len) > limit {
        return None;
    }
    let EditScratch { prev, cur } = scratch;
    prev.clear();
    prev.extend(0..=a.len());
    for (i, cb) in b.chars().enumerate() {
        cur.clear();
        cur.push(i + 1);
        let mut best = i + 1;
        for (j, ca) in a.iter().enumerate() {
            let v = (prev[j] + usize::from(*ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
            best = best.min(v);
            cur.push(v);
        }
        if best > limit {
            return None;
        }
        std::mem::swap(prev, cur);
    }
    let d = prev[a.len()];
    (d <= limit).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    mod numbers {
        use super::*;

        #[test]
        fn thousands_separators() {
            assert_eq!(thousands(0.4), "0");
            assert_eq!(thousands(999.0), "999");
            assert_eq!(thousands(7927.6), "7,928");
            assert_eq!(thousands(1234567.0), "1,234,567");
            assert_eq!(thousands(-1234.0), "-1,234");
        }
    }

    mod quoting {
        use super::*;

        #[test]
        fn long_values_are_cut_in_messages() {
            let q = quote(&"x".repeat(500));
            assert!(q.len() < 100, "{q}");
            assert!(q.ends_with("(500 characters)"));
        }

        #[test]
        fn control_characters_are_shown() {
            assert_eq!(quote("a\u{1b}[2J"), "\"a\\u{1b}[2J\"");
        }
    }

    mod xml {
        use super::*;

        #[test]
        fn markup_is_escaped() {
            assert_eq!(
                escape_xml("<script>&\"'"),
                "&lt;script&gt;&amp;&quot;&apos;"
            );
        }

        #[test]
        fn characters_xml_cannot_hold_are_dropped() {
            assert_eq!(
                escape_xml("a\u{fffe}b\u{ffff}c\u{0}d\u{1b}e\u{fdd0}"),
                "abcde"
            );
            assert!(!xml_allows('\u{10fffe}'));
            assert!(xml_allows('평'));
            assert!(xml_allows('\u{10ffd}'));
        }
    }

    mod formulas {
        use super::*;

        #[test]
        fn every_value_round_trips_and_no_written_cell_starts_a_formula() {
            let starts = ["", "=", "+", "-", "@", "'", "''", "'=", "x", "'x", " "];
            for a in starts {
                for b in starts {
                    let s = format!("{a}{b}");
                    let written = csv_protect(&s);
                    assert_eq!(csv_unprotect(&written), s, "{s:?}");
                    assert!(!written.starts_with(['=', '+', '-', '@']), "{written:?}");
                }
            }
        }
    }

    mod suggestions {
        use super::*;

        #[test]
        fn close_typo_is_suggested() {
            assert_eq!(did_you_mean("mosow", ["moscow", "minsk"]), Some("moscow"));
            assert_eq!(did_you_mean("MOSOW", ["moscow"]), Some("moscow"));
        }

        #[test]
        fn unrelated_word_is_not() {
            assert_eq!(did_you_mean("paris", ["moscow", "minsk"]), None);
        }

        #[test]
        fn huge_value_is_compared_quickly() {
            // Regression: a 100 MB header field took 100 s in a debug build,
            // and a 100,000-character id minutes against similar ids.
            let huge = "x".repeat(10_000_000);
            assert_eq!(did_you_mean(&huge, ["id", "name"]), None);
            let long = "y".repeat(100_000);
            let similar = format!("{long}z");
            assert_eq!(did_you_mean(&long, [similar.as_str()]), None);
        }

        #[test]
        fn distance_is_bounded() {
            let mut s = EditScratch::default();
            let a: Vec<char> = "kitten".chars().collect();
            assert_eq!(edit_distance_within(&a, "sitting", 3, &mut s), Some(3));
            assert_eq!(edit_distance_within(&a, "sitting", 2, &mut s), None);
            assert_eq!(edit_distance_within(&a, "kitten", 0, &mut s), Some(0));
        }
    }
}
