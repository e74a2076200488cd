//! When to try a batch again. Pure: the caller says what happened and supplies the clock and the
//! random jitter; this says "wait N ms and retry" or "stop".
//!
//! A batch POST is not idempotent: if it reached the server, it may have been applied, and sending it
//! again could apply it twice (or fail confusingly on ids it already deleted). So by default only
//! two outcomes are retried: HTTP 429 (the API refused the request before doing anything) and a
//! failure that proves the request never left (connection refused, DNS lookup failed). A 5xx, a
//! timeout or a connection lost after sending is reported, unless the caller opts in with
//! `retry_unsafe`.

/// What the attempt ended with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Outcome<'h> {
    /// An HTTP answer, with its retry headers when present.
    Status { status: u16, retry_after: Option<&'h str>, retry_after_ms: Option<&'h str> },
    /// The request provably never reached the server.
    NotSent,
    /// The connection failed after the request may have been sent.
    ConnectionLost,
    /// No answer within the timeout.
    Timeout,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryPolicy {
    pub max_retries: u32,
    /// The longest single wait; a `Retry-After` beyond it stops retrying (the error is reported).
    pub max_wait_ms: f64,
    /// Also retry 5xx, timeouts and lost connections (may apply a batch twice).
    pub retry_unsafe: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy { max_retries: 2, max_wait_ms: 60_000.0, retry_unsafe: false }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Decision {
    RetryAfter { ms: f64 },
    Stop,
}

/// Decides after attempt number `retries_done` (0 for the first attempt).
/// `now_ms` is the Unix time in ms (for HTTP-date `Retry-After`); `jitter` is in [0, 1).
pub fn decide(policy: &RetryPolicy, retries_done: u32, outcome: Outcome, now_ms: f64, jitter: f64) -> Decision {
    if retries_done >= policy.max_retries {
        return Decision::Stop;
    }
    let backoff = default_backoff_ms(retries_done, jitter);
    let wait = match outcome {
        Outcome::Status { status: 429, retry_after, retry_after_ms } => {
            server_wait_ms(retry_after, retry_after_ms, now_ms).unwrap_or(backoff)
        }
        Outcome::Status { status, retry_after, retry_after_ms } if policy.retry_unsafe && (status >= 500 || status == 408) => {
            server_wait_ms(retry_after, retry_after_ms, now_ms).unwrap_or(backoff)
        }
        Outcome::Status { .. } => return Decision::Stop,
        Outcome::NotSent => backoff,
        Outcome::ConnectionLost | Outcome::Timeout if policy.retry_unsafe => backoff,
        Outcome::ConnectionLost | Outcome::Timeout => return Decision::Stop,
    };
    if !(wait.is_finite()) || wait > policy.max_wait_ms {
        return Decision::Stop;
    }
    Decision::RetryAfter { ms: wait.max(0.0) }
}

/// 0.5 s, 1 s, 2 s ... capped at 8 s, times a random factor in (0.75, 1] so that many clients
/// refused at once do not come back at once.
pub fn default_backoff_ms(retries_done: u32, jitter: f64) -> f64 {
    let base = (500.0 * 2f64.powi(retries_done.min(8) as i32)).min(8_000.0);
    let jitter = if jitter.is_finite() { jitter.clamp(0.0, 1.0) } else { 0.0 };
    base * (1.0 - 0.25 * jitter)
}

/// The wait the server asked for: `retry-after-ms` (float ms) first, then `Retry-After` as
/// seconds or as an HTTP date.
pub fn server_wait_ms(retry_after: Option<&str>, retry_after_ms: Option<&str>, now_ms: f64) -> Option<f64> {
    // (`inf` and `NaN` are not numbers to `float::parse`; as numbers they were refused here too,
    // and no HTTP date reads them.)
    if let Some(ms) = retry_after_ms.and_then(|v| crate::float::parse(v.trim())).filter(|v| v.is_finite() && *v >= 0.0) {
        return Some(ms);
    }
    let value = retry_after?.trim();
    if let Some(seconds) = crate::float::parse(value) {
        return (seconds.is_finite() && seconds >= 0.0).then_some(seconds * 1000.0);
    }
    let when_ms = http_date_secs(value)? as f64 * 1000.0;
    Some((when_ms - now_ms).max(0.0))
}

const WEEKDAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTHS: [&[u8]; 12] = [b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov", b"Dec"];

/// Seconds since the Unix epoch of an HTTP date (RFC 9110 §5.6.7): the IMF-fixdate
/// `Sun, 06 Nov 1994 08:49:37 GMT` senders must use, and the two obsolete forms recipients still
/// read, RFC 850 `Sunday, 06-Nov-94 08:49:37 GMT` (years 70–99 are 19xx, 00–69 are 20xx) and
/// asctime `Sun Nov  6 08:49:37 1994`. The date must exist, its weekday must be right, and the year
/// must be 1970–9999. (The rules of the `httpdate` crate this replaces, byte for byte: it is about
/// 5 KB of WebAssembly for one header.)
pub fn http_date_secs(text: &str) -> Option<u64> {
    if !text.is_ascii() {
        return None;
    }
    let s = text.trim().as_bytes();
    let num = |b: &[u8]| b.iter().try_fold(0u32, |acc, c| (c.wrapping_sub(b'0') < 10).then(|| acc * 10 + u32::from(c - b'0')));
    let month = |b: &[u8]| MONTHS.iter().position(|m| *m == b).map(|i| i as u32 + 1);
    let weekday = |b: &[u8]| WEEKDAYS.iter().position(|d| d.as_bytes().get(..3) == Some(b)).map(|i| i as u32 + 1);
    // (weekday, day, month, year, "hh:mm:ss")
    let (wday, day, mon, year, time) = match s.len() {
        29 if s.get(3..5) == Some(b", ") && s[7] == b' ' && s[11] == b' ' && s[16] == b' ' && &s[25..] == b" GMT" => {
            (weekday(&s[..3])?, num(&s[5..7])?, month(&s[8..11])?, num(&s[12..16])?, &s[17..25])
        }
        24 if s[3] == b' ' && s[7] == b' ' && s[10] == b' ' && s[19] == b' ' => {
            let day = if s[8] == b' ' { num(&s[9..10])? } else { num(&s[8..10])? };
            (weekday(&s[..3])?, day, month(&s[4..7])?, num(&s[20..24])?, &s[11..19])
        }
        _ => {
            let (i, name) = WEEKDAYS.iter().enumerate().find(|(_, d)| s.starts_with(d.as_bytes()))?;
            let r = s.get(name.len()..)?.strip_prefix(b", ")?;
            if r.len() != 22 || r[2] != b'-' || r[6] != b'-' || &r[18..] != b" GMT" {
                return None;
            }
            let yy = num(&r[7..9])?;
            (i as u32 + 1, num(&r[..2])?, month(&r[3..6])?, yy + if yy < 70 { 2000 } else { 1900 }, &r[10..18])
        }
    };
    if time[2] != b':' || time[5] != b':' {
        return None;
    }
    let (hour, min, sec) = (num(&time[..2])?, num(&time[3..5])?, num(&time[6..8])?);
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let month_days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if !(1970..=9999).contains(&year) || day == 0 || day > month_days[mon as usize - 1] || hour > 23 || min > 59 || sec > 59 {
        return None;
    }
    let y = year - 1;
    let leap_days = (y - 1968) / 4 - (y - 1900) / 100 + (y - 1600) / 400;
    let days = (year - 1970) * 365 + leap_days + month_days[..mon as usize - 1].iter().sum::<u32>() + day - 1;
    if (days + 3) % 7 + 1 != wday {
        return None;
    }
    Some(u64::from(days) * 86_400 + u64::from(hour * 3600 + min * 60 + sec))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(status: u16, ra: Option<&str>) -> Outcome<'_> {
        Outcome::Status { status, retry_after: ra, retry_after_ms: None }
    }

    #[test]
    fn retries_429_honouring_retry_after() {
        let p = RetryPolicy::default();
        assert_eq!(decide(&p, 0, status(429, Some("3")), 0.0, 0.0), Decision::RetryAfter { ms: 3000.0 });
        let both = Outcome::Status { status: 429, retry_after: Some("3"), retry_after_ms: Some("150.5") };
        assert_eq!(decide(&p, 0, both, 0.0, 0.0), Decision::RetryAfter { ms: 150.5 });
    }

    #[test]
    fn reads_retry_after_as_an_http_date() {
        // Sun, 06 Nov 1994 08:49:37 GMT = 784111777 s.
        let now = 784_111_777_000.0 - 5_000.0;
        assert_eq!(server_wait_ms(Some("Sun, 06 Nov 1994 08:49:37 GMT"), None, now), Some(5_000.0));
        assert_eq!(server_wait_ms(Some("garbage"), None, now), None);
    }

    #[test]
    fn reads_the_three_http_date_forms() {
        for form in ["Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994", " Sun Nov 06 08:49:37 1994\t"] {
            assert_eq!(http_date_secs(form), Some(784_111_777), "{form}");
        }
        assert_eq!(http_date_secs("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(http_date_secs("Fri, 31 Dec 9999 23:59:59 GMT"), Some(253_402_300_799));
        assert_eq!(http_date_secs("Thu, 29 Feb 2024 00:00:00 GMT"), Some(1_709_164_800));
        assert_eq!(http_date_secs("Wednesday, 01-Jan-celebrate 00:00:00 GMT"), None);
        assert_eq!(http_date_secs("Thursday, 01-Jan-70 00:00:00 GMT"), Some(0));
        assert_eq!(http_date_secs("Tuesday, 01-Jan-69 00:00:00 GMT"), Some(3_124_224_000)); // 2069
    }

    #[test]
    fn refuses_dates_that_do_not_exist_or_lie_about_the_weekday() {
        for bad in [
            "Mon, 06 Nov 1994 08:49:37 GMT",  // a Sunday
            "Fri, 29 Feb 2023 00:00:00 GMT",  // not a leap year
            "Mon, 29 Feb 2100 00:00:00 GMT",  // not a leap year either
            "Sun, 31 Apr 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 24:00:00 GMT",
            "Sun, 06 Nov 1994 08:60:00 GMT",
            "Sun, 06 Nov 1994 08:49:60 GMT",
            "Wed, 31 Dec 1969 23:59:59 GMT",
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "sun, 06 nov 1994 08:49:37 gmt",
            "Sun, 6 Nov 1994 08:49:37 GMT",
            "Sun,  06 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 08-49-37 GMT",
            "Sunday, 06-Nov-1994 08:49:37 GMT",
            "Sun Nov  6 08:49:37 94",
            "Sun, 06 Nov 1994 08:49:37 GMT\u{e9}",
            "",
            "garbage",
        ] {
            assert_eq!(http_date_secs(bad), None, "{bad}");
        }
    }

    /// The rules are those of the `httpdate` crate this replaced: every date it reads, this reads
    /// to the same second, and the other way round (on generated dates, right and wrong).
    #[test]
    fn agrees_with_the_httpdate_crate() {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        for _ in 0..60_000 {
            let (wd, d, m) = (next(7) as usize, 1 + next(32), next(12) as usize);
            let year = if next(4) == 0 { 1960 + next(200) } else { 1970 + next(8100) };
            let (h, mi, s) = (next(25), next(61), next(61));
            let text = match next(3) {
                0 => format!("{}, {d:02} {} {year:04} {h:02}:{mi:02}:{s:02} GMT", days[wd], months[m]),
                1 => format!("{}, {d:02}-{}-{:02} {h:02}:{mi:02}:{s:02} GMT", WEEKDAYS[wd], months[m], year % 100),
                _ => format!("{} {} {d:>2} {h:02}:{mi:02}:{s:02} {year:04}", days[wd], months[m]),
            };
            let mut bytes = text.into_bytes();
            if next(5) == 0 {
                let i = next(bytes.len() as u64) as usize;
                bytes[i] = b" 0:,-9aZ\t"[next(9) as usize];
            }
            let text = String::from_utf8(bytes).unwrap();
            let want = httpdate::parse_http_date(&text).ok().map(|t| t.duration_since(std::time::UNIX_EPOCH).unwrap().as_secs());
            assert_eq!(http_date_secs(&text), want, "{text:?}");
        }
    }

    #[test]
    fn never_replays_a_batch_that_may_have_been_applied() {
        let p = RetryPolicy::default();
        for outcome in [status(500, None), status(502, Some("1")), Outcome::Timeout, Outcome::ConnectionLost, status(400, None), status(409, None)] {
            assert_eq!(decide(&p, 0, outcome, 0.0, 0.5), Decision::Stop, "{outcome:?}");
        }
        assert!(matches!(decide(&p, 0, Outcome::NotSent, 0.0, 0.5), Decision::RetryAfter { .. }));
    }

    #[test]
    fn opt_in_retries_5xx_and_timeouts() {
        let p = RetryPolicy { retry_unsafe: true, ..Default::default() };
        assert!(matches!(decide(&p, 0, status(503, None), 0.0, 0.0), Decision::RetryAfter { .. }));
        assert!(matches!(decide(&p, 1, Outcome::Timeout, 0.0, 0.0), Decision::RetryAfter { .. }));
    }

    #[test]
    fn bounded_in_count_and_in_wait() {
        let p = RetryPolicy::default();
        assert_eq!(decide(&p, 2, status(429, None), 0.0, 0.0), Decision::Stop);
        assert_eq!(decide(&p, 0, status(429, Some("999999999")), 0.0, 0.0), Decision::Stop);
        assert_eq!(decide(&p, 0, status(429, Some("inf")), 0.0, 0.0), Decision::RetryAfter { ms: 500.0 });
    }

    #[test]
    fn backoff_grows_with_jitter_and_a_cap() {
        assert_eq!(default_backoff_ms(0, 0.0), 500.0);
        assert_eq!(default_backoff_ms(1, 1.0), 750.0);
        assert_eq!(default_backoff_ms(10, 0.0), 8000.0);
    }
}
