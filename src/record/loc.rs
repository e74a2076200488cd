//! LOC (RFC 1876): a position as degrees, minutes and seconds, an altitude, and the size and
//! precision of the located thing, all in twelve `data` fields.
//!
//! On the wire, seconds are kept in thousandths of an arc-second, the altitude in centimetres, and
//! size and precisions as one digit times a power of ten centimetres; finer values are rounded.

use compact_str::CompactString;
use super::fields::Fields;
use super::typed::{integer, number, string};
use crate::float::display;
use crate::issue::Report;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct LocData {
    /// Latitude degrees, 0–90 (whole number).
    pub lat_degrees: u8,
    /// Latitude minutes, 0–59 (whole number); 0 when `lat_degrees` is 90.
    pub lat_minutes: u8,
    /// Latitude seconds, 0–59.999 (at most three decimals); 0 when `lat_degrees` is 90.
    pub lat_seconds: f64,
    /// `"N"` (north) or `"S"` (south).
    #[cfg_attr(feature = "ts", tsify(type = "'N' | 'S'"))]
    pub lat_direction: CompactString,
    /// Longitude degrees, 0–180 (whole number).
    pub long_degrees: u8,
    /// Longitude minutes, 0–59 (whole number); 0 when `long_degrees` is 180.
    pub long_minutes: u8,
    /// Longitude seconds, 0–59.999 (at most three decimals); 0 when `long_degrees` is 180.
    pub long_seconds: f64,
    /// `"E"` (east) or `"W"` (west).
    #[cfg_attr(feature = "ts", tsify(type = "'E' | 'W'"))]
    pub long_direction: CompactString,
    /// Altitude in metres, −100000 to 42849672.95 (at most two decimals).
    pub altitude: f64,
    /// Diameter of the located thing in metres, 0–90000000 (RFC 1876 default 1).
    pub size: f64,
    /// Horizontal precision in metres, 0–90000000 (RFC 1876 default 10000).
    pub precision_horz: f64,
    /// Vertical precision in metres, 0–90000000 (RFC 1876 default 10).
    pub precision_vert: f64,
}

const FIELDS: [&str; 12] = [
    "lat_degrees",
    "lat_minutes",
    "lat_seconds",
    "lat_direction",
    "long_degrees",
    "long_minutes",
    "long_seconds",
    "long_direction",
    "altitude",
    "size",
    "precision_horz",
    "precision_vert",
];

pub const ALTITUDE_MIN: f64 = -100_000.0;
pub const ALTITUDE_MAX: f64 = 42_849_672.95;
pub const SIZE_MAX: f64 = 90_000_000.0;
pub const DEFAULT_SIZE: f64 = 1.0;
pub const DEFAULT_HORZ: f64 = 10_000.0;
pub const DEFAULT_VERT: f64 = 10.0;

pub(crate) fn check(rec: &Fields, r: &mut Report) {
    rec.object(r, "data", "loc.data", "the twelve LOC fields (`lat_degrees` … `precision_vert`)", |d, r| {
        d.unknown_fields(r, &FIELDS, "LOC data");
        let byte = |v: Option<i64>| v.and_then(|i| u8::try_from(i).ok());
        let lat_degrees = byte(d.integer(r, "lat_degrees", 0, 90, "latitude degrees, 0–90"));
        let lat_minutes = byte(d.integer(r, "lat_minutes", 0, 59, "latitude minutes, 0–59"));
        let lat_seconds = d.number(r, "lat_seconds", 0.0, 59.999, "latitude seconds, 0–59.999");
        direction(r, d, "lat_direction", ["N", "S"]);
        let long_degrees = byte(d.integer(r, "long_degrees", 0, 180, "longitude degrees, 0–180"));
        let long_minutes = byte(d.integer(r, "long_minutes", 0, 59, "longitude minutes, 0–59"));
        let long_seconds = d.number(r, "long_seconds", 0.0, 59.999, "longitude seconds, 0–59.999");
        direction(r, d, "long_direction", ["E", "W"]);
        let altitude = d.number(r, "altitude", ALTITUDE_MIN, ALTITUDE_MAX, "altitude in metres, −100000 to 42849672.95");
        let size = d.number(r, "size", 0.0, SIZE_MAX, "size in metres, 0–90000000 (RFC 1876 default 1)");
        let precision_horz = d.number(r, "precision_horz", 0.0, SIZE_MAX, "horizontal precision in metres (RFC 1876 default 10000)");
        let precision_vert = d.number(r, "precision_vert", 0.0, SIZE_MAX, "vertical precision in metres (RFC 1876 default 10)");

        check_pole(r, d, "latitude", 90, lat_degrees, ("lat_minutes", lat_minutes), ("lat_seconds", lat_seconds));
        check_pole(r, d, "longitude", 180, long_degrees, ("long_minutes", long_minutes), ("long_seconds", long_seconds));
        for (key, value) in [("lat_seconds", lat_seconds), ("long_seconds", long_seconds)] {
            if value.is_some_and(|v| finer_than(v, 3)) {
                r.rfc(
                    &d.at.key(key),
                    format!("loc.data.{key}.precision"),
                    format!("`{key}` {} has more than three decimals; LOC keeps thousandths of a second, so it is rounded", display(value.unwrap_or(0.0))),
                );
            }
        }
        if let Some(a) = altitude.filter(|a| finer_than(*a, 2)) {
            r.rfc(
                &d.at.key("altitude"),
                "loc.data.altitude.precision",
                format!("`altitude` {} has more than two decimals; LOC keeps centimetres, so it is rounded", display(a)),
            );
        }
        for (key, value) in [("size", size), ("precision_horz", precision_horz), ("precision_vert", precision_vert)] {
            if let Some(stored) = value.and_then(encoded_size) {
                r.warn(
                    &d.at.key(key),
                    format!("loc.data.{key}.rounded"),
                    format!(
                        "`{key}` {} m cannot be stored exactly (RFC 1876 keeps one digit times a power of ten centimetres); it becomes {} m",
                        display(value.unwrap_or(0.0)),
                        display(stored)
                    ),
                );
            }
        }
        Some(())
    });
}

/// A direction letter. Upper case is what the API's enum lists; lower case is a warning and is
/// sent in upper case. UNCONFIRMED whether the API refuses lower case (Terraform compares
/// case-insensitively), so it is not refused here: the meaning is unambiguous and nothing is lost.
fn direction(r: &mut Report, d: &Fields, key: &'static str, allowed: [&str; 2]) {
    let Some(value) = d.string(r, key, if key == "lat_direction" { "\"N\" or \"S\"" } else { "\"E\" or \"W\"" }) else { return };
    let at = d.at.key(key);
    let [a, b] = allowed;
    if value == a || value == b {
        return;
    }
    let upper = value.to_ascii_uppercase();
    if upper == a || upper == b {
        r.warn(&at, format!("loc.data.{key}.case"), format!("`{key}` is written in upper case: use {upper:?}, not {:?}", crate::issue::shorten(value)));
        return;
    }
    r.error(&at, format!("loc.data.{key}.value"), format!("`{key}` must be {a:?} or {b:?}, got {:?}", crate::issue::shorten(value)));
}

/// RFC 1876: at 90° latitude (or 180° longitude) there is nothing beyond, so minutes and seconds
/// must be 0.
fn check_pole(
    r: &mut Report,
    d: &Fields,
    what: &str,
    max: u8,
    degrees: Option<u8>,
    minutes: (&'static str, Option<u8>),
    seconds: (&'static str, Option<f64>),
) -> bool {
    if degrees != Some(max) {
        return true;
    }
    let mut ok = true;
    let over = [(minutes.0, minutes.1.is_some_and(|m| m != 0)), (seconds.0, seconds.1.is_some_and(|s| s != 0.0))];
    for (key, beyond) in over {
        if beyond {
            r.error(
                &d.at.key(key),
                format!("loc.data.{what}.range"),
                format!("the {what} cannot exceed {max}°: at {max} degrees `{key}` must be 0"),
            );
            ok = false;
        }
    }
    ok
}

/// Whether `v` has digits beyond `places` decimals (beyond floating-point noise).
fn finer_than(v: f64, places: i32) -> bool {
    let scaled = v * 10f64.powi(places);
    (scaled - scaled.round()).abs() > 1e-3
}

/// The metres a size or precision is stored as, when that differs from `metres`: RFC 1876 §3's
/// reference encoder keeps the first digit of the centimetre value and its power of ten.
fn encoded_size(metres: f64) -> Option<f64> {
    let cm = (metres * 100.0).round();
    if !(0.0..=9.0e9).contains(&cm) {
        return None;
    }
    let mut exponent = 0;
    while exponent < 9 && cm >= 10f64.powi(exponent + 1) {
        exponent += 1;
    }
    let power = 10f64.powi(exponent);
    let stored = (cm / power).floor() * power;
    let exact = stored == cm && !finer_than(metres, 2);
    (!exact).then_some(stored / 100.0)
}

/// `52 22 23.000 N 4 53 32.000 E -2.00m 1m 10000m 10m` (RFC 1876 §3).
pub fn to_content(d: &LocData) -> String {
    format!(
        "{} {} {} {} {} {} {} {} {}m {}m {}m {}m",
        d.lat_degrees,
        d.lat_minutes,
        fixed(d.lat_seconds, 3),
        d.lat_direction,
        d.long_degrees,
        d.long_minutes,
        fixed(d.long_seconds, 3),
        d.long_direction,
        fixed(d.altitude, 2),
        display(d.size),
        display(d.precision_horz),
        display(d.precision_vert)
    )
}

/// `v` with exactly `places` decimals when that reads back as the same number, else in full.
fn fixed(v: f64, places: u32) -> String {
    crate::float::with_places(v, places).unwrap_or_else(|| display(v))
}

/// Reads `d1 [m1 [s1]] {N|S} d2 [m2 [s2]] {E|W} alt[m] [siz[m] [hp[m] [vp[m]]]]` (RFC 1876 §3);
/// missing minutes and seconds are 0 and missing sizes take the RFC defaults.
pub fn from_content(text: &str) -> Result<LocData, String> {
    let mut tokens = text.split_whitespace().peekable();
    let (lat_degrees, lat_minutes, lat_seconds, lat_direction) = angle(&mut tokens, "latitude", ["N", "S"])?;
    let (long_degrees, long_minutes, long_seconds, long_direction) = angle(&mut tokens, "longitude", ["E", "W"])?;
    let altitude = match tokens.next() {
        Some(t) => metres(t, "altitude", true)?,
        None => return Err("the altitude is missing (e.g. `10m`)".into()),
    };
    let mut optional = |what: &str, default: f64| tokens.next().map_or(Ok(default), |t| metres(t, what, false));
    let size = optional("size", DEFAULT_SIZE)?;
    let precision_horz = optional("horizontal precision", DEFAULT_HORZ)?;
    let precision_vert = optional("vertical precision", DEFAULT_VERT)?;
    if let Some(extra) = tokens.next() {
        return Err(format!("unexpected {:?} after the vertical precision", crate::issue::shorten(extra)));
    }
    Ok(LocData {
        lat_degrees,
        lat_minutes,
        lat_seconds,
        lat_direction: lat_direction.into(),
        long_degrees,
        long_minutes,
        long_seconds,
        long_direction: long_direction.into(),
        altitude,
        size,
        precision_horz,
        precision_vert,
    })
}

type Angle = (u8, u8, f64, String);

fn angle<'t>(tokens: &mut std::iter::Peekable<impl Iterator<Item = &'t str>>, what: &str, dirs: [&str; 2]) -> Result<Angle, String> {
    let is_dir = |t: &str| dirs.iter().any(|d| d.eq_ignore_ascii_case(t));
    let expected = format!("{} or {}", dirs[0], dirs[1]);
    let whole = |t: &str, part: &str| {
        if t.bytes().all(|b| b.is_ascii_digit()) {
            t.parse::<u8>().map_err(|_| format!("{what} {part} {:?} is too large", crate::issue::shorten(t)))
        } else {
            Err(format!("{what} {part} {:?} is not a whole number", crate::issue::shorten(t)))
        }
    };
    let degrees = whole(tokens.next().ok_or_else(|| format!("the {what} is missing"))?, "degrees")?;
    let mut minutes = 0;
    let mut seconds = 0.0;
    let mut next = tokens.next().ok_or_else(|| format!("the {what} direction ({expected}) is missing"))?;
    if !is_dir(next) {
        minutes = whole(next, "minutes")?;
        next = tokens.next().ok_or_else(|| format!("the {what} direction ({expected}) is missing"))?;
        if !is_dir(next) {
            seconds = decimal(next, false).ok_or_else(|| format!("{what} seconds {:?} is not a number", crate::issue::shorten(next)))?;
            next = tokens.next().ok_or_else(|| format!("the {what} direction ({expected}) is missing"))?;
        }
    }
    if !is_dir(next) {
        return Err(format!("expected the {what} direction ({expected}), got {:?}", crate::issue::shorten(next)));
    }
    Ok((degrees, minutes, seconds, next.to_string()))
}

/// A length in metres with an optional `m` suffix.
fn metres(token: &str, what: &str, signed: bool) -> Result<f64, String> {
    let number = token.strip_suffix(['m', 'M']).unwrap_or(token);
    decimal(number, signed).ok_or_else(|| format!("the {what} {:?} is not a number of metres", crate::issue::shorten(token)))
}

/// A plain decimal number (`12`, `12.5`, `-3.25` when `signed`): no exponents, `inf` or `NaN`,
/// and nothing so long that it only fits as infinity (its formatted form would not read back).
fn decimal(text: &str, signed: bool) -> Option<f64> {
    let digits = if signed { text.strip_prefix('-').unwrap_or(text) } else { text };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let plain = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || !plain(int) || !plain(frac) || (digits.contains('.') && frac.is_empty()) {
        return None;
    }
    crate::float::parse(text).filter(|v| v.is_finite())
}

/// The typed value of checked LOC `data` (see [`super::typed`]). Directions are sent in upper
/// case (the check warned about lower case).
pub(crate) fn typed(d: &Fields) -> Option<LocData> {
    let direction = |key: &str| string(d, key).map(|s| CompactString::from(s.to_ascii_uppercase()));
    Some(LocData {
        lat_degrees: integer(d, "lat_degrees")?,
        lat_minutes: integer(d, "lat_minutes")?,
        lat_seconds: number(d, "lat_seconds")?,
        lat_direction: direction("lat_direction")?,
        long_degrees: integer(d, "long_degrees")?,
        long_minutes: integer(d, "long_minutes")?,
        long_seconds: number(d, "long_seconds")?,
        long_direction: direction("long_direction")?,
        altitude: number(d, "altitude")?,
        size: number(d, "size")?,
        precision_horz: number(d, "precision_horz")?,
        precision_vert: number(d, "precision_vert")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_encoding() {
        assert_eq!(encoded_size(1.0), None);
        assert_eq!(encoded_size(10_000.0), None);
        assert_eq!(encoded_size(90_000_000.0), None);
        assert_eq!(encoded_size(0.0), None);
        assert_eq!(encoded_size(0.01), None);
        assert_eq!(encoded_size(1.5), Some(1.0));
        assert_eq!(encoded_size(25.0), Some(20.0));
        assert_eq!(encoded_size(0.001), Some(0.0));
    }

    #[test]
    fn decimals() {
        assert!(!finer_than(23.123, 3));
        assert!(finer_than(23.1234, 3));
        assert!(!finer_than(42_849_672.95, 2));
        assert!(!finer_than(-2.0, 2));
        assert_eq!(decimal("12.5", false), Some(12.5));
        assert_eq!(decimal("-3", true), Some(-3.0));
        assert_eq!(decimal("-3", false), None);
        assert_eq!(decimal("1e5", false), None);
        assert_eq!(decimal("inf", false), None);
        assert_eq!(decimal("1.", false), None);
        assert_eq!(decimal(".5", false), None);
    }

    #[test]
    fn fixed_keeps_exact_values() {
        assert_eq!(fixed(23.0, 3), "23.000");
        assert_eq!(fixed(-2.0, 2), "-2.00");
        assert_eq!(fixed(0.1 + 0.2, 3), "0.30000000000000004");
        assert_eq!(fixed(1e23, 3), "100000000000000000000000");
    }
}
