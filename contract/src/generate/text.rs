//! The text a generated body carries: plain words, and the Unicode that breaks naive
//! receivers (CJK, emoji with joiners and flags, combining marks, right-to-left scripts,
//! control and invisible characters inside JSON strings, quotes and markup), cut to a byte
//! budget without splitting a character.

use super::Rng;

/// Plain ASCII words, as the doc samples use.
const WORDS: &[&str] = &[
    "red packet",
    "Team A",
    "hello",
    "weekend hike",
    "LV1",
    "ok",
    "group",
    "news",
    "x",
    "2024",
];

/// One class of hard text; a text in the Unicode style draws from every class.
const HARD: &[&[&str]] = &[
    // CJK and other wide scripts.
    &["周末登山群", "你好，世界", "テスト", "한국어", "用户资料"],
    // Emoji: a plain one, with a variation selector, a joined family, a flag, a skin tone.
    &["😀", "🏔️", "👨‍👩‍👧‍👦", "🇨🇳", "👍🏽", "🎉"],
    // Combining marks: e + acute, A + ring + dot below, Devanagari with a vowel sign.
    &["e\u{301}", "A\u{30a}\u{323}", "नमस्ते"],
    // Right to left: Arabic, Hebrew, an override mark.
    &["مرحبا", "שלום", "\u{202e}abc\u{202c}"],
    // Control and invisible characters, which JSON must escape or carries as they are.
    &[
        "\u{0}",
        "\t",
        "\n",
        "\r\n",
        "\u{1b}[0m",
        "\u{7f}",
        "\u{2028}",
        "\u{2029}",
        "\u{feff}",
        "\u{200b}",
    ],
    // Quotes, backslashes and markup.
    &[
        "\"quoted\"",
        "back\\slash",
        "</script>",
        "' OR '1'='1",
        "{\"json\":1}",
        "%s%n",
    ],
    // Case mappings that change length.
    &["Ünïcødé", "ß", "İ", "ﬁ"],
];

/// Free text: a few plain words, or hard Unicode with one piece of every class; `budget`
/// bytes at most (at least one character either way). `fill` goes on to the budget.
pub fn free(rng: &mut Rng, unicode: bool, budget: usize, fill: bool) -> String {
    let mut out = String::new();
    if unicode {
        for class in HARD {
            let piece = rng.pick(class).copied().unwrap_or("x");
            push_within(&mut out, piece, budget);
        }
    } else {
        for _ in 0..=rng.below(3) {
            if !out.is_empty() {
                push_within(&mut out, " ", budget);
            }
            let word = rng.pick(WORDS).copied().unwrap_or("x");
            push_within(&mut out, word, budget);
        }
    }
    if fill {
        fill_to(rng, &mut out, unicode, budget);
    }
    if out.is_empty() {
        out.push('x');
    }
    out
}

/// Appends more text of the same style until `budget` bytes are nearly used.
pub fn fill_to(rng: &mut Rng, out: &mut String, unicode: bool, budget: usize) {
    let mut stuck = 0;
    while out.len() < budget && stuck < 8 {
        let piece = if unicode {
            let class = rng.pick(HARD).copied().unwrap_or(&["x"]);
            rng.pick(class).copied().unwrap_or("x")
        } else {
            rng.pick(WORDS).copied().unwrap_or("x")
        };
        let before = out.len();
        push_within(out, piece, budget);
        push_within(out, " ", budget);
        if out.len() == before {
            stuck += 1;
        }
    }
    // The last bytes in ASCII, so the text ends exactly at the budget.
    while out.len() < budget {
        out.push('x');
    }
}

/// Appends `piece` if it fits in `budget` bytes, else as many of its characters as fit.
fn push_within(out: &mut String, piece: &str, budget: usize) {
    for character in piece.chars() {
        if out.len() + character.len_utf8() > budget {
            return;
        }
        out.push(character);
    }
}

/// Custom message data (`TIMCustomElem.Data`): JSON text most often, but IM never parses it,
/// so also plain text, markup, base64 and hard Unicode.
pub fn custom_data(rng: &mut Rng, unicode: bool) -> String {
    let number = rng.below(1000);
    match rng.below(6) {
        0 => format!("{{\"businessID\":\"order\",\"orderId\":{number},\"items\":[1,2,3]}}"),
        1 => format!("[\"level\",{number}]"),
        2 => "LV1".to_string(),
        3 => "<xml><gift id=\"7\"/></xml>".to_string(),
        4 => "eyJub3QiOiAianNvbiJ9AAEC/w==".to_string(),
        _ if unicode => free(rng, true, 64, false),
        _ => "not json {".to_string(),
    }
}

/// Random letters and digits, `len` of them.
pub fn alphanumeric(rng: &mut Rng, len: usize) -> String {
    const CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    (0..len)
        .map(|_| char::from(*rng.pick(CHARS).unwrap_or(&b'X')))
        .collect()
}

/// Random lower-case letters, `len` of them.
pub fn letters(rng: &mut Rng, len: usize) -> String {
    (0..len)
        .map(|_| char::from(b'a' + u8::try_from(rng.below(26)).unwrap_or(0)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_stays_within_its_budget_and_never_splits_a_character() {
        let mut rng = Rng::new(3);
        for budget in [1, 2, 5, 17, 100, 12 * 1024] {
            for unicode in [false, true] {
                let text = free(&mut rng, unicode, budget, true);
                assert!(text.len() <= budget, "{budget}: {}", text.len());
                assert_eq!(text.len(), budget, "filled to the budget");
                assert!(!free(&mut rng, unicode, budget, false).is_empty());
            }
        }
    }

    #[test]
    fn unicode_text_holds_every_class() {
        let mut rng = Rng::new(4);
        let text = free(&mut rng, true, 1000, false);
        for class in HARD {
            assert!(class.iter().any(|piece| text.contains(piece)), "{text:?}");
        }
    }
}
