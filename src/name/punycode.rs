//! Punycode decoding (RFC 3492 §6.2), to read `xn--` labels back to Unicode for the Bidi rule.
//!
//! Written here rather than taken from the `idna` crate: that crate is left out of the WebAssembly
//! build (its Unicode tables would outweigh every record rule), and this is one short function.
//! The native tests check it against `idna::punycode`.

const BASE: u32 = 36;
const T_MIN: u32 = 1;
const T_MAX: u32 = 26;
const SKEW: u32 = 38;
const DAMP: u32 = 700;
const INITIAL_BIAS: u32 = 72;
const INITIAL_N: u32 = 0x80;

/// The Unicode text of the Punycode `input` (an A-label without its `xn--`); `None` when it is
/// malformed or overflows.
pub(super) fn decode(input: &str) -> Option<String> {
    // Basic code points come before the last `-`; a `-` at the very start is not a delimiter.
    let (basic, extended) = match input.rfind('-') {
        Some(at) if at > 0 => (input.get(..at)?, input.get(at + 1..)?),
        _ => ("", input),
    };
    let mut output: Vec<char> = basic.chars().collect();
    if !basic.is_ascii() || !extended.is_ascii() {
        return None;
    }
    let (mut n, mut i, mut bias) = (INITIAL_N, 0u32, INITIAL_BIAS);
    let mut digits = extended.bytes();
    let mut next = digits.next();
    while next.is_some() {
        let old_i = i;
        let mut weight = 1u32;
        let mut k = BASE;
        loop {
            let digit = match next? {
                b @ b'a'..=b'z' => b - b'a',
                b @ b'A'..=b'Z' => b - b'A',
                b @ b'0'..=b'9' => b - b'0' + 26,
                _ => return None,
            } as u32;
            next = digits.next();
            i = i.checked_add(digit.checked_mul(weight)?)?;
            let t = if k <= bias { T_MIN } else if k >= bias + T_MAX { T_MAX } else { k - bias };
            if digit < t {
                break;
            }
            weight = weight.checked_mul(BASE - t)?;
            k += BASE;
        }
        let len = u32::try_from(output.len()).ok()? + 1;
        bias = adapt(i - old_i, len, old_i == 0);
        n = n.checked_add(i / len)?;
        i %= len;
        output.insert(usize::try_from(i).ok()?, char::from_u32(n)?);
        i += 1;
    }
    Some(output.into_iter().collect())
}

fn adapt(delta: u32, num_points: u32, first_time: bool) -> u32 {
    let mut delta = if first_time { delta / DAMP } else { delta / 2 };
    delta += delta / num_points;
    let mut k = 0;
    while delta > ((BASE - T_MIN) * T_MAX) / 2 {
        delta /= BASE - T_MIN;
        k += BASE;
    }
    k + (BASE - T_MIN + 1) * delta / (delta + SKEW)
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn rfc_3492_samples() {
        assert_eq!(decode("bcher-kva").as_deref(), Some("bücher"));
        assert_eq!(decode("4dbc").as_deref(), Some("\u{05D0}\u{05D1}"));
        // RFC 3492 §7.1 (A), Arabic (Egyptian).
        assert_eq!(decode("egbpdaj6bu4bxfgehfvwxn").as_deref(), Some("\u{0644}\u{064A}\u{0647}\u{0645}\u{0627}\u{0628}\u{062A}\u{0643}\u{0644}\u{0645}\u{0648}\u{0634}\u{0639}\u{0631}\u{0628}\u{064A}\u{061F}"));
        for bad in ["zz!", "-", "99999999999", "a\u{00FC}-x"] {
            assert_eq!(decode(bad), None, "{bad:?}");
        }
    }

    #[cfg(feature = "idna")]
    proptest::proptest! {
        #[test]
        fn agrees_with_the_idna_crate(text in "[a-z0-9\u{00E0}-\u{00FF}\u{05D0}-\u{05EA}\u{0660}-\u{0669}\u{4E00}-\u{4E20}\u{1F600}-\u{1F610}]{1,20}") {
            let encoded = idna::punycode::encode_str(&text).unwrap_or_default();
            proptest::prop_assert_eq!(decode(&encoded), Some(text));
        }

        #[test]
        fn refuses_what_the_idna_crate_refuses(text in "[a-z0-9-]{1,24}") {
            proptest::prop_assert_eq!(decode(&text), idna::punycode::decode_to_string(&text));
        }
    }
}
