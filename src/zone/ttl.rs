//! TTLs as zone files write them: seconds (`3600`), or BIND's units (`1h`, `1h30m`, `1w2d`; `w d h m s`,
//! either case). A plain number is seconds; so is a number at the end of a sequence (`1h30`).

/// RFC 2181 §8: a TTL is at most 2^31 − 1 seconds.
pub const MAX_TTL: u64 = 0x7fff_ffff;

/// The TTL in seconds, or why `text` is not one.
pub fn parse(text: &str) -> Result<u32, String> {
    if text.is_empty() || !text.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(format!("{text:?} is not a TTL: write seconds (`3600`) or BIND units (`1h30m`)"));
    }
    let mut total: u64 = 0;
    let mut number: Option<u64> = None;
    for c in text.chars() {
        if let Some(d) = c.to_digit(10) {
            let n = number.unwrap_or(0).saturating_mul(10).saturating_add(u64::from(d));
            number = Some(n);
            continue;
        }
        let unit: u64 = match c.to_ascii_lowercase() {
            'w' => 604_800,
            'd' => 86_400,
            'h' => 3_600,
            'm' => 60,
            's' => 1,
            _ => return Err(format!("{text:?} is not a TTL: {c:?} is not a unit (w, d, h, m, s)")),
        };
        let Some(n) = number.take() else {
            return Err(format!("{text:?} is not a TTL: the unit {c:?} has no number before it"));
        };
        total = total.saturating_add(n.saturating_mul(unit));
    }
    total = total.saturating_add(number.unwrap_or(0));
    if total > MAX_TTL {
        return Err(format!("{text:?} is {total} seconds; a TTL is at most {MAX_TTL} (RFC 2181 §8)"));
    }
    u32::try_from(total).map_err(|_| format!("{text:?} is too large for a TTL"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_and_plain_seconds() {
        assert_eq!(parse("3600"), Ok(3600));
        assert_eq!(parse("1h30m"), Ok(5400));
        assert_eq!(parse("1W2D"), Ok(777_600));
        assert_eq!(parse("1h30"), Ok(3630));
        assert_eq!(parse("0"), Ok(0));
        assert_eq!(parse("2147483647"), Ok(2_147_483_647));
        for bad in ["", "h", "1x", "1hh", "2147483648", "99999999999999999999999", "-1", "1.5"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
