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

/// How many terminal columns `text` takes: two for each wide or fullwidth
/// character (Hangul, CJK ideographs, kana, fullwidth forms, most emoji),
/// none for combining marks and zero-width characters, one for the rest.
/// Text tables pad by this, so that `평양` lines up with `Pyongyang`.
///
/// A small table of the East Asian Width "W" and "F" ranges (Unicode 15)
/// rather than a dependency; characters of ambiguous width count as one,
/// as terminals outside East Asian locales show them.
///
/// ```
/// use routemap::export::display_width;
/// assert_eq!(display_width("Pyongyang"), 9);
/// assert_eq!(display_width("평양"), 4);
/// assert_eq!(display_width("東京 (NRT)"), 10);
/// ```
pub fn display_width(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

/// [`display_width`] of one character.
fn char_width(c: char) -> usize {
    let u = u32::from(c);
    if u < 0x300 {
        return usize::from(!c.is_control());
    }
    let within = |table: &[(u32, u32)]| {
        table
            .binary_search_by(|&(lo, hi)| {
                if hi < u {
                    std::cmp::Ordering::Less
                } else if lo > u {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_ok()
    };
    if c.is_control() || within(ZERO_WIDTH) {
        0
    } else if within(WIDE) {
        2
    } else {
        1
    }
}

/// Characters that take no column (sorted, disjoint ranges).
const ZERO_WIDTH: &[(u32, u32)] = &[
    (0x0300, 0x036F), // combining diacritical marks
    (0x0483, 0x0489),
    (0x0591, 0x05BD),
    (0x0610, 0x061A),
    (0x064B, 0x065F),
    (0x1AB0, 0x1AFF),
    (0x1DC0, 0x1DFF),
    (0x200B, 0x200F), // zero-width space, joiners, direction marks
    (0x202A, 0x202E),
    (0x2060, 0x2064),
    (0x20D0, 0x20FF),
    (0x302A, 0x302D),
    (0x3099, 0x309A),
    (0xFE00, 0xFE0F), // variation selectors
    (0xFE20, 0xFE2F),
    (0xFEFF, 0xFEFF),
    (0xE0100, 0xE01EF),
];

/// Characters that take two columns (sorted, disjoint ranges).
const WIDE: &[(u32, u32)] = &[
    (0x1100, 0x115F), // Hangul Jamo leading consonants
    (0x231A, 0x231B),
    (0x2329, 0x232A),
    (0x23E9, 0x23EC),
    (0x23F0, 0x23F0),
    (0x23F3, 0x23F3),
    (0x25FD, 0x25FE),
    (0x2614, 0x2615),
    (0x2648, 0x2653),
    (0x267F, 0x267F),
    (0x2693, 0x2693),
    (0x26A1, 0x26A1),
    (0x26AA, 0x26AB),
    (0x26BD, 0x26BE),
    (0x26C4, 0x26C5),
    (0x26CE, 0x26CE),
    (0x26D4, 0x26D4),
    (0x26EA, 0x26EA),
    (0x26F2, 0x26F3),
    (0x26F5, 0x26F5),
    (0x26FA, 0x26FA),
    (0x26FD, 0x26FD),
    (0x2705, 0x2705),
    (0x270A, 0x270B),
    (0x2728, 0x2728),
    (0x274C, 0x274C),
    (0x274E, 0x274E),
    (0x2753, 0x2755),
    (0x2757, 0x2757),
    (0x2795, 0x2797),
    (0x27B0, 0x27B0),
    (0x27BF, 0x27BF),
    (0x2B1B, 0x2B1C),
    (0x2B50, 0x2B50),
    (0x2B55, 0x2B55),
    (0x2E80, 0x303E), // CJK radicals, Kangxi, CJK symbols and punctuation
    (0x3041, 0x3247), // kana, Bopomofo, Hangul compatibility Jamo, CJK strokes...
    (0x3250, 0x4DBF), // enclosed CJK, CJK extension A
    (0x4E00, 0xA4CF), // CJK unified ideographs, Yi
    (0xA960, 0xA97F), // Hangul Jamo extended A
    (0xAC00, 0xD7A3), // Hangul syllables
    (0xF900, 0xFAFF), // CJK compatibility ideographs
    (0xFE10, 0xFE19), // vertical forms
    (0xFE30, 0xFE6F), // CJK compatibility forms, small form variants
    (0xFF00, 0xFF60), // fullwidth forms
    (0xFFE0, 0xFFE6),
    (0x16FE0, 0x16FE4),
    (0x17000, 0x18CFF), // Tangut
    (0x1AFF0, 0x1B2FF), // kana supplement and extensions, Nushu
    (0x1F004, 0x1F004),
    (0x1F0CF, 0x1F0CF),
    (0x1F18E, 0x1F18E),
    (0x1F191, 0x1F19A),
    (0x1F200, 0x1F251),
    (0x1F300, 0x1F320),
    (0x1F32D, 0x1F335),
    (0x1F337, 0x1F37C),
    (0x1F37E, 0x1F393),
    (0x1F3A0, 0x1F3CA),
    (0x1F3CF, 0x1F3D3),
    (0x1F3E0, 0x1F3F0),
    (0x1F3F4, 0x1F3F4),
    (0x1F3F8, 0x1F43E),
    (0x1F440, 0x1F440),
    (0x1F442, 0x1F4FC),
    (0x1F4FF, 0x1F53D),
    (0x1F54B, 0x1F54E),
    (0x1F550, 0x1F567),
    (0x1F57A, 0x1F57A),
    (0x1F595, 0x1F596),
    (0x1F5A4, 0x1F5A4),
    (0x1F5FB, 0x1F64F),
    (0x1F680, 0x1F6C5),
    (0x1F6CC, 0x1F6CC),
    (0x1F6D0, 0x1F6D2),
    (0x1F6D5, 0x1F6D7),
    (0x1F6DC, 0x1F6DF),
    (0x1F6EB, 0x1F6EC),
    (0x1F6F4, 0x1F6FC),
    (0x1F7E0, 0x1F7EB),
    (0x1F7F0, 0x1F7F0),
    (0x1F90C, 0x1F93A),
    (0x1F93C, 0x1F945),
    (0x1F947, 0x1F9FF),
    (0x1FA70, 0x1FAFF),
    (0x20000, 0x2FFFD), // CJK extensions B to F, compatibility supplement
    (0x30000, 0x3FFFD), // CJK extensions G, H
];

#[cfg(test)]
mod tests {
    use super::*;

    mod widths {
        use super::*;

        #[test]
        fn wide_scripts_take_two_columns() {
            assert_eq!(display_width("평양"), 4);
            assert_eq!(display_width("東京"), 4);
            assert_eq!(display_width("とうきょう"), 10);
            assert_eq!(display_width("ＡＢ"), 4);
            assert_eq!(display_width("𠀀"), 2);
        }

        #[test]
        fn latin_cyrillic_and_marks() {
            assert_eq!(display_width("Пхеньян"), 7);
            assert_eq!(display_width("Düsseldorf"), 10);
            // A decomposed ü: the mark takes no column.
            assert_eq!(display_width("Du\u{308}sseldorf"), 10);
            assert_eq!(display_width("a\u{200b}b"), 2);
            assert_eq!(display_width("684 + 6,434 → 860"), 17);
        }

        #[test]
        fn tables_are_sorted_for_the_binary_search() {
            for table in [ZERO_WIDTH, WIDE] {
                for (lo, hi) in table {
                    assert!(lo <= hi, "{lo:X}-{hi:X}");
                }
                for w in table.windows(2) {
                    assert!(w[0].1 < w[1].0, "{:X} overlaps {:X}", w[0].1, w[1].0);
                }
            }
            // Every character of the ranges' ends measures as its range says.
            for (c, w) in [
                ('\u{1100}', 2),
                ('\u{115F}', 2),
                ('\u{1160}', 1),
                ('\u{D7A3}', 2),
                ('\u{D7A4}', 1),
                ('\u{FF60}', 2),
                ('\u{FF61}', 1),
            ] {
                assert_eq!(char_width(c), w, "{c:?}");
            }
        }
    }

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
