//! Folding: the form names are compared in, so that "Dusseldorf" finds
//! Düsseldorf and "Rostov on Don" finds Rostov-on-Don.
//!
//! The same rules are applied in Python when the gazetteer is built
//! (`scripts/build-gazetteer.py`, `fold()`); a test checks that both agree on
//! every stored name.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Letters that do not decompose under NFKD, spelt out in Latin.
fn spell_out(c: char) -> Option<&'static str> {
    Some(match c {
        'ł' => "l",
        'ø' => "o",
        'đ' => "d",
        'ð' => "d",
        'þ' => "th",
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ı' => "i",
        'ħ' => "h",
        'ŧ' => "t",
        _ => return None,
    })
}

/// Characters dropped: apostrophes and periods ("P'yongyang", "St. Louis").
fn dropped(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | 'ʻ' | '`' | '´' | '.')
}

/// Characters read as a space: hyphens and dashes.
fn spacing(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '‒' | '–' | '—') || c.is_whitespace()
}

/// Fold a name for comparison: lower case; compatibility decomposition (NFKD);
/// combining marks dropped; ł ø đ ð þ ß æ œ ı ħ ŧ spelt out; apostrophes and
/// periods dropped; hyphens and dashes read as spaces; runs of spaces made one
/// and trimmed; recomposed (NFC, so Hangul stays in syllables).
///
/// ```
/// use routemap::gazetteer::fold;
/// assert_eq!(fold("Düsseldorf"), "dusseldorf");
/// assert_eq!(fold("Rostov-on-Don"), "rostov on don");
/// assert_eq!(fold("P'yŏngyang"), "pyongyang");
/// assert_eq!(fold("Пхеньян"), "пхеньян");
/// ```
pub fn fold(name: &str) -> String {
    let lower = name.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    let mut space = false;
    for c in lower.nfkd() {
        if is_combining_mark(c) || dropped(c) {
            continue;
        }
        if spacing(c) {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        match spell_out(c) {
            Some(s) => out.push_str(s),
            None => out.push(c),
        }
    }
    if out.is_ascii() {
        out
    } else {
        out.nfc().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diacritics_are_dropped() {
        assert_eq!(fold("Düsseldorf"), "dusseldorf");
        assert_eq!(fold("São Paulo"), "sao paulo");
        assert_eq!(fold("Kraków"), "krakow");
        assert_eq!(fold("Łódź"), "lodz");
    }

    #[test]
    fn other_scripts_keep_their_letters() {
        assert_eq!(fold("Пхеньян"), "пхеньян");
        assert_eq!(fold("평양"), "평양");
        assert_eq!(fold("Донецк"), "донецк");
    }

    #[test]
    fn hyphens_and_spaces_are_one_space() {
        assert_eq!(fold("  Yuzhno-Sakhalinsk "), "yuzhno sakhalinsk");
        assert_eq!(fold("Rostov -  on-Don"), "rostov on don");
    }
}
