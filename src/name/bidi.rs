//! The Bidi rule for IDNA labels (RFC 5893 §2, required by RFC 5891 §4.2.3.4 and UTS #46 CheckBidi).
//!
//! Checked by the package itself, on the Unicode form of each label after mapping, so that every
//! build gives the same verdict whatever its UTS #46 mapper does about Bidi. The host cannot give
//! Bidi_Class (JS regular expressions have no `\p{Bidi_Class=…}`), so it comes from a compact table
//! (`bidi_table.rs`) checked against the `unicode-bidi` crate.

use super::bidi_table::{class as bidi_class, Class as BidiClass};

/// Whether a label makes its name a "Bidi domain name" (RFC 5893 §1.4): it has a right-to-left
/// character (R, AL) or an Arabic-Indic digit (AN).
pub(super) fn is_bidi_label(label: &str) -> bool {
    label.chars().any(|c| matches!(bidi_class(c), BidiClass::R | BidiClass::AL | BidiClass::AN))
}

/// Labels that are not IDNA host name labels, to which the rule does not apply: the `*` wildcard
/// and ASCII labels with `_` (service and attribute labels, RFC 8552). IDNA disallows both
/// characters, so it says nothing about them, and refusing them would refuse `_dmarc.` and `*.` in
/// every zone with a right-to-left name.
pub(super) fn outside_idna(label: &str) -> bool {
    label.is_ascii() && (label == "*" || label.contains('_'))
}

/// The six conditions of RFC 5893 §2 for one label of a Bidi domain name.
pub(super) fn label_ok(label: &str) -> bool {
    use BidiClass::{AL, AN, BN, CS, EN, ES, ET, L, NSM, ON, R};
    // `Other` (white space, separators, embedding controls) is allowed in no label.
    let mut classes = label.chars().map(bidi_class);
    let rtl = match classes.next() {
        // 1. The first character is L, R or AL.
        Some(L) => false,
        Some(R | AL) => true,
        _ => return false,
    };
    let mut last = if rtl { R } else { L };
    let (mut has_en, mut has_an) = (false, false);
    for class in classes {
        let allowed = match class {
            // 2. An RTL label holds only R, AL, AN, EN, ES, CS, ET, ON, BN and NSM;
            // 5. an LTR label only L, EN, ES, CS, ET, ON, BN and NSM.
            R | AL | AN => rtl,
            L => !rtl,
            EN | ES | CS | ET | ON | BN | NSM => true,
            _ => false,
        };
        if !allowed {
            return false;
        }
        has_en |= class == EN;
        has_an |= class == AN;
        if class != NSM {
            last = class;
        }
    }
    if rtl {
        // 3. It ends (before any NSM) in R, AL, EN or AN; 4. EN and AN do not both occur.
        matches!(last, R | AL | EN | AN) && !(has_en && has_an)
    } else {
        // 6. It ends (before any NSM) in L or EN.
        matches!(last, L | EN)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_six_conditions() {
        for ok in ["abc", "a1", "a-b", "\u{05D0}\u{05D1}", "\u{05D0}1", "\u{05D0}\u{0661}", "\u{0627}1\u{0628}", "\u{05D0}\u{0300}", "a\u{0300}"] {
            assert!(label_ok(ok), "{ok:?}");
        }
        // 1: starts with a digit or a mark; 2: L in an RTL label; 3: RTL ending in L;
        // 4: EN and AN together; 5: R in an LTR label; 6: LTR ending in `-`.
        for bad in ["1a", "1\u{05D0}", "\u{0300}a", "\u{05D0}a\u{05D1}", "\u{05D0}a", "\u{05D0}0\u{0661}", "a\u{05D0}", "a\u{05D0}b", "a-"] {
            assert!(!label_ok(bad), "{bad:?}");
        }
    }

    /// The compact table gives `unicode-bidi`'s class for every code point.
    #[test]
    fn table_matches_unicode_bidi() {
        use unicode_bidi::BidiClass as U;
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let want = match unicode_bidi::bidi_class(c) {
                U::L => BidiClass::L,
                U::R => BidiClass::R,
                U::AL => BidiClass::AL,
                U::AN => BidiClass::AN,
                U::EN => BidiClass::EN,
                U::ES => BidiClass::ES,
                U::CS => BidiClass::CS,
                U::ET => BidiClass::ET,
                U::ON => BidiClass::ON,
                U::BN => BidiClass::BN,
                U::NSM => BidiClass::NSM,
                _ => BidiClass::Other,
            };
            assert_eq!(bidi_class(c), want, "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn what_makes_a_bidi_name() {
        assert!(is_bidi_label("\u{05D0}"));
        assert!(is_bidi_label("a\u{0661}"));
        assert!(!is_bidi_label("bücher"));
        assert!(outside_idna("*") && outside_idna("_dmarc") && !outside_idna("1a") && !outside_idna("_\u{05D0}"));
    }
}
