//! Decimal text to `f64`, correctly rounded (round half to even), without `core`'s `f64::from_str`.
//!
//! Why: `str::parse::<f64>` links the Eisel–Lemire power-of-five table (about 11 KB) and its
//! code into the WebAssembly build, for the few numbers read from zone-file text (LOC) and retry
//! headers. This reads the same decimal grammar (`[+-]digits[.digits][e[+-]digits]`, either side of
//! the point may be empty but not both) to the same value: exact arithmetic for the common short
//! numbers (Clinger's fast path), big-integer arithmetic for the rest. `inf` and `NaN` are not
//! numbers here; callers treat them as they treated them before (as not a usable number).

/// `v` written as `format!("{v}")` writes it: the fewest digits that read back as `v`, in plain
/// positional notation (`0.1`, `-2`, `100000000000000000000000`), `NaN`, `inf`, `-inf`.
///
/// Why not `{v}`: core's f64 formatting (Grisu with a Dragon fallback, and its exact-precision
/// twin for `{v:.3}`) is about 18 KB of the WebAssembly build, for a few messages and LOC's
/// presentation form. serde_json already links zmij, a shortest-digits writer; its output
/// (`1e23`, `1.5e-7`, `0.1`) only needs the point moved. Checked against `{v}` by a property test.
pub fn display(v: f64) -> String {
    if !v.is_finite() {
        return if v.is_nan() { "NaN" } else if v > 0.0 { "inf" } else { "-inf" }.into();
    }
    let mut buffer = zmij::Buffer::new();
    let written = buffer.format_finite(v);
    let (negative, unsigned) = match written.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, written),
    };
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
        None => (unsigned, 0),
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits: String = [int_part, frac_part].concat();
    // The decimal point sits after `point` digits of `digits` (may be negative or past the end).
    let point = int_part.len() as i64 + i64::from(exponent);
    let mut out = String::with_capacity(digits.len() + 8);
    if negative {
        out.push('-');
    }
    let (whole, fraction) = if point <= 0 {
        (String::from("0"), "0".repeat(point.unsigned_abs() as usize) + &digits)
    } else if point as usize >= digits.len() {
        (digits.clone() + &"0".repeat(point as usize - digits.len()), String::new())
    } else {
        let (w, f) = digits.split_at(point as usize);
        (w.to_string(), f.to_string())
    };
    let whole = whole.trim_start_matches('0');
    out.push_str(if whole.is_empty() { "0" } else { whole });
    let fraction = fraction.trim_end_matches('0');
    if !fraction.is_empty() {
        out.push('.');
        out.push_str(fraction);
    }
    out
}

/// `v` with exactly `places` decimals (`23.000`, `-2.00`) when that text reads back as `v`, else
/// `None`: what `format!("{v:.places$}")` gives for such values, without core's float formatting.
pub fn with_places(v: f64, places: u32) -> Option<String> {
    let scale = 10u64.checked_pow(places)?;
    let scaled = (v * scale as f64).round();
    if !scaled.is_finite() || scaled.abs() >= 1e18 {
        return None;
    }
    let units = scaled.abs() as u64;
    let mut out = String::new();
    if scaled < 0.0 {
        out.push('-');
    }
    out.push_str(itoa::Buffer::new().format(units / scale));
    if places > 0 {
        out.push('.');
        let fraction = itoa::Buffer::new().format(units % scale).to_string();
        out.push_str(&"0".repeat(places as usize - fraction.len()));
        out.push_str(&fraction);
    }
    (parse(&out) == Some(v)).then_some(out)
}

/// Significant digits kept: beyond 767, digits only decide between "exactly half" and "more than
/// half", which one extra non-zero digit records.
const MAX_DIGITS: usize = 800;

/// Parses a decimal number. `None` when `text` does not follow the grammar. Out-of-range values
/// become infinity or zero, as `str::parse::<f64>` makes them.
pub fn parse(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let (negative, mut i) = match bytes.first() {
        Some(b'-') => (true, 1),
        Some(b'+') => (false, 1),
        _ => (false, 0),
    };
    let mut digits: Vec<u8> = Vec::new();
    let mut dropped_nonzero = false;
    // value = digits × 10^exp
    let mut exp: i64 = 0;
    let mut any = false;
    let mut after_point = false;
    while let Some(&b) = bytes.get(i) {
        if b == b'.' && !after_point {
            after_point = true;
        } else if b.is_ascii_digit() {
            any = true;
            if !(digits.is_empty() && b == b'0') {
                if digits.len() < MAX_DIGITS {
                    digits.push(b - b'0');
                    exp -= i64::from(after_point);
                } else {
                    dropped_nonzero |= b != b'0';
                    exp += i64::from(!after_point);
                }
            } else {
                exp -= i64::from(after_point);
            }
        } else {
            break;
        }
        i += 1;
    }
    if !any {
        return None;
    }
    if let Some(b'e' | b'E') = bytes.get(i) {
        i += 1;
        let exp_negative = match bytes.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        let start = i;
        let mut e: i64 = 0;
        while let Some(d) = bytes.get(i).filter(|b| b.is_ascii_digit()) {
            e = (e * 10 + i64::from(d - b'0')).min(1 << 40);
            i += 1;
        }
        if i == start {
            return None;
        }
        exp += if exp_negative { -e } else { e };
    }
    if i != bytes.len() {
        return None;
    }
    if dropped_nonzero {
        digits.push(1);
        exp -= 1;
    }
    while digits.last() == Some(&0) {
        digits.pop();
        exp += 1;
    }
    let magnitude = value(&digits, exp);
    Some(if negative { -magnitude } else { magnitude })
}

/// The nearest `f64` to `digits × 10^exp` (`digits` without leading or trailing zeros).
fn value(digits: &[u8], exp: i64) -> f64 {
    if digits.is_empty() {
        return 0.0;
    }
    let n = digits.len() as i64;
    // value < 10^(n + exp) and value >= 10^(n + exp - 1).
    if n + exp <= -324 {
        return 0.0;
    }
    if n + exp >= 310 {
        return f64::INFINITY;
    }
    // Clinger: an exact integer below 2^53 times or over an exact power of ten rounds once.
    if n <= 15 && (-22..=22).contains(&exp) {
        let m = digits.iter().fold(0u64, |acc, d| acc * 10 + u64::from(*d)) as f64;
        let p = POW10[exp.unsigned_abs() as usize];
        return if exp < 0 { m / p } else { m * p };
    }
    let mut d = Big::from_digits(digits);
    if exp >= 0 {
        d.mul_pow10(exp as u32);
        let bits = d.bit_len();
        let shift = bits.saturating_sub(66);
        let (q, sticky) = d.top_bits(shift);
        return round(q, sticky, shift as i64);
    }
    let mut p = Big::from_digits(&[1]);
    p.mul_pow10((-exp) as u32);
    // q = d × 2^s / p with 66 or 67 significant bits.
    let s = p.bit_len() as i64 - d.bit_len() as i64 + 66;
    if s > 0 {
        d.shl(s as usize);
    } else {
        p.shl((-s) as usize);
    }
    let (q, sticky) = d.div_small_quotient(&p);
    round(q, sticky, -s)
}

const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21,
    1e22,
];

/// `(q + a fraction that is non-zero when sticky) × 2^k`, rounded to the nearest `f64`, ties to
/// even. `q` has at least 55 significant bits whenever `sticky` is set.
fn round(q: u128, sticky: bool, k: i64) -> f64 {
    if q == 0 {
        return 0.0;
    }
    let bits = 128 - i64::from(q.leading_zeros());
    let top = bits - 1 + k; // value in [2^top, 2^(top+1))
    if top > 1023 {
        return f64::INFINITY;
    }
    let lsb = (top - 52).max(-1074);
    let shift = lsb - k;
    let mut m = if shift <= 0 {
        q << (-shift)
    } else if shift >= 128 {
        // Far below the smallest subnormal: at most half of it, which rounds to zero.
        0
    } else {
        let kept = q >> shift;
        let rest = q & ((1u128 << shift) - 1);
        let half = 1u128 << (shift - 1);
        let up = rest > half || (rest == half && (sticky || kept & 1 == 1));
        kept + u128::from(up)
    };
    let mut lsb = lsb;
    if m == 1 << 53 {
        m >>= 1;
        lsb += 1;
    }
    if m >= 1 << 52 {
        let biased = lsb + 52 + 1023;
        if biased > 2046 {
            return f64::INFINITY;
        }
        f64::from_bits(((biased as u64) << 52) | (m as u64 & ((1 << 52) - 1)))
    } else {
        // Subnormal (lsb is -1074); m may have rounded up into the smallest normal, which the
        // bit pattern expresses by itself.
        f64::from_bits(m as u64)
    }
}

/// A small unsigned big integer, little-endian 32-bit limbs.
struct Big(Vec<u32>);

impl Big {
    fn from_digits(digits: &[u8]) -> Big {
        let mut b = Big(Vec::with_capacity(digits.len() / 9 + 2));
        for chunk in digits.chunks(9) {
            let mut scale = 1u32;
            let mut add = 0u32;
            for d in chunk {
                scale *= 10;
                add = add * 10 + u32::from(*d);
            }
            b.mul_add(scale, add);
        }
        b
    }

    fn mul_add(&mut self, m: u32, add: u32) {
        let mut carry = u64::from(add);
        for limb in &mut self.0 {
            let v = u64::from(*limb) * u64::from(m) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry != 0 {
            self.0.push(carry as u32);
        }
    }

    fn mul_pow10(&mut self, mut e: u32) {
        while e >= 9 {
            self.mul_add(1_000_000_000, 0);
            e -= 9;
        }
        if e > 0 {
            self.mul_add(10u32.pow(e), 0);
        }
    }

    fn bit_len(&self) -> usize {
        match self.0.iter().rposition(|l| *l != 0) {
            Some(i) => i * 32 + 32 - self.0[i].leading_zeros() as usize,
            None => 0,
        }
    }

    fn bit(&self, i: usize) -> bool {
        self.0.get(i / 32).is_some_and(|l| l >> (i % 32) & 1 == 1)
    }

    /// The bits from `shift` up (at most 128 of them), and whether any bit below `shift` is set.
    fn top_bits(&self, shift: usize) -> (u128, bool) {
        let mut q = 0u128;
        for i in (shift..self.bit_len()).rev() {
            q = q << 1 | u128::from(self.bit(i));
        }
        let sticky = (0..shift).any(|i| self.bit(i));
        (q, sticky)
    }

    fn shl(&mut self, n: usize) {
        let (limbs, bits) = (n / 32, n % 32);
        if bits > 0 {
            let mut carry = 0u32;
            for limb in &mut self.0 {
                let v = *limb;
                *limb = v << bits | carry;
                carry = v >> (32 - bits);
            }
            if carry != 0 {
                self.0.push(carry);
            }
        }
        self.0.splice(0..0, std::iter::repeat_n(0, limbs));
    }

    /// `self >= other << shift`
    fn ge_shifted(&self, other: &Big, shift: usize) -> bool {
        let len = self.bit_len().max(other.bit_len() + shift);
        for i in (0..len).rev() {
            let a = self.bit(i);
            let b = i >= shift && other.bit(i - shift);
            if a != b {
                return a;
            }
        }
        true
    }

    /// `self -= other << shift` (which must not exceed `self`).
    fn sub_shifted(&mut self, other: &Big, shift: usize) {
        let mut shifted = Big(other.0.clone());
        shifted.shl(shift);
        let mut borrow = 0i64;
        for (i, limb) in self.0.iter_mut().enumerate() {
            let v = i64::from(*limb) - i64::from(shifted.0.get(i).copied().unwrap_or(0)) - borrow;
            *limb = v as u32;
            borrow = i64::from(v < 0);
        }
    }

    /// `self / divisor` when the quotient fits in 128 bits, and whether there is a remainder.
    fn div_small_quotient(mut self, divisor: &Big) -> (u128, bool) {
        let mut q = 0u128;
        let top = self.bit_len().saturating_sub(divisor.bit_len());
        for shift in (0..=top).rev() {
            q <<= 1;
            if self.ge_shifted(divisor, shift) {
                self.sub_shifted(divisor, shift);
                q |= 1;
            }
        }
        (q, self.bit_len() != 0)
    }
}

#[cfg(test)]
mod tests {

    use proptest::prelude::*;

    proptest! {
        #[test]
        fn display_writes_what_core_writes(bits in any::<u64>()) {
            let v = f64::from_bits(bits);
            prop_assert_eq!(display(v), format!("{v}"));
        }

        #[test]
        fn display_of_short_decimals(units in -10_000_000i64..10_000_000, places in 0u32..6) {
            let v = units as f64 / 10f64.powi(places as i32);
            prop_assert_eq!(display(v), format!("{v}"));
            if let Some(text) = with_places(v, 3) {
                prop_assert_eq!(text, format!("{v:.3}"));
            }
        }
    }

    #[test]
    fn display_and_places_examples() {
        for (v, text) in [(0.1, "0.1"), (-2.0, "-2"), (1e23, "100000000000000000000000"), (1.5e-7, "0.00000015"), (-0.0, "-0"), (42_849_672.95, "42849672.95")] {
            assert_eq!(display(v), text);
        }
        assert_eq!(display(f64::NAN), "NaN");
        assert_eq!(display(f64::NEG_INFINITY), "-inf");
        assert_eq!(with_places(23.0, 3).as_deref(), Some("23.000"));
        assert_eq!(with_places(-2.0, 2).as_deref(), Some("-2.00"));
        assert_eq!(with_places(-0.5, 2).as_deref(), Some("-0.50"));
        assert_eq!(with_places(0.1 + 0.2, 3), None, "0.300 reads back as 0.3, not 0.30000000000000004");
        assert_eq!(with_places(1e23, 3), None);
    }
    use super::*;

    /// xorshift64*: enough randomness for comparing against `str::parse`.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }
    }

    fn same(text: &str) {
        let want = text.parse::<f64>().ok();
        let got = parse(text);
        assert_eq!(got.map(f64::to_bits), want.map(f64::to_bits), "{text}: got {got:?}, std {want:?}");
    }

    #[test]
    fn grammar_matches_std_except_words() {
        for t in [
            "0", "-0", "+0", "1", "1.", ".5", "+.5", "-5.", "00001.5000", "1e5", "1E+5", "1e-5", "1.5e-3", "0.1e1", "7.", "123456789012345678901234567890",
            "1e400", "-1e400", "1e-400", "0e999999999999999", "1e-99999999999999999999", "1e99999999999999999999",
        ] {
            same(t);
        }
        for t in ["", ".", "-", "+", "e5", "1e", "1.e", ".e5", "1..2", "1e+", "--1", "1 ", " 1", "0x10", "1_000", "١", "1e5.0", "inf", "NaN", "infinity"] {
            assert_eq!(parse(t), None, "{t:?}");
        }
    }

    #[test]
    fn random_decimals_round_like_std() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..20_000 {
            let r = rng.next();
            let len = 1 + (r % 40) as usize;
            let mut s = String::new();
            for k in 0..len {
                let d = (rng.next() % 10) as u8;
                s.push((b'0' + d) as char);
                if k == (r >> 8) as usize % (len + 1) {
                    s.push('.');
                }
            }
            let e = (rng.next() % 700) as i64 - 350;
            if r & 1 == 1 {
                s.push_str(&format!("e{e}"));
            }
            same(&s);
        }
    }

    #[test]
    fn printed_floats_read_back_like_std() {
        let mut rng = Rng(0x1234_5678_9abc_def1);
        for i in 0..10_000 {
            let x = f64::from_bits(rng.next());
            if !x.is_finite() {
                continue;
            }
            same(&format!("{x}"));
            same(&format!("{x:e}"));
            same(&format!("{x:.*e}", i % 25));
        }
        for x in [f64::MAX, f64::MIN_POSITIVE, 5e-324, f64::from_bits(0x000f_ffff_ffff_ffff), 9007199254740992.0, 0.1, 0.3] {
            same(&format!("{x:e}"));
            same(&format!("{x:.800e}"));
        }
    }

    /// Exact halfway points between neighbouring floats (and a hair either side) are where
    /// rounding goes wrong first.
    #[test]
    fn halfway_points_round_to_even_like_std() {
        fn add_fixed(a: &str, b: &str) -> String {
            // Two non-negative decimals printed with the same number of decimals.
            let (ai, af) = a.split_once('.').unwrap();
            let (bi, bf) = b.split_once('.').unwrap();
            let width = ai.len().max(bi.len()) + 1;
            let a: Vec<u8> = format!("{ai:0>width$}{af}").bytes().collect();
            let b: Vec<u8> = format!("{bi:0>width$}{bf}").bytes().collect();
            let mut out = vec![0u8; a.len()];
            let mut carry = 0;
            for k in (0..a.len()).rev() {
                let s = a[k] - b'0' + b[k] - b'0' + carry;
                out[k] = b'0' + s % 10;
                carry = s / 10;
            }
            let mut s = String::from_utf8(out).unwrap();
            s.insert(width, '.');
            s
        }
        let mut rng = Rng(0xdead_beef_cafe_f00d);
        for i in 0..500 {
            let bits = match i % 3 {
                0 => rng.next() % (1 << 63),
                1 => rng.next() % (1 << 53), // subnormals and small normals
                _ => (1023 + (rng.next() % 120) - 60) << 52 | (rng.next() % (1 << 52)),
            };
            let x = f64::from_bits(bits);
            let next = f64::from_bits(bits + 1);
            if !next.is_finite() {
                continue;
            }
            let half_ulp = (next - x) / 2.0;
            if half_ulp == 0.0 || half_ulp * 2.0 != next - x {
                continue;
            }
            let mid = add_fixed(&format!("{x:.1100}"), &format!("{half_ulp:.1100}"));
            same(&mid);
            let trimmed = mid.trim_end_matches('0');
            same(trimmed);
            same(&format!("{trimmed}1"));
            // Just below: the last non-zero digit one smaller.
            let mut below: Vec<u8> = trimmed.bytes().collect();
            if let Some(last) = below.last_mut() {
                if *last > b'1' {
                    *last -= 1;
                    same(std::str::from_utf8(&below).unwrap());
                }
            }
        }
    }
}
