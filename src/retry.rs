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
    if let Some(ms) = retry_after_ms.and_then(|v| v.trim().parse::<f64>().ok()).filter(|v| v.is_finite() && *v >= 0.0) {
        return Some(ms);
    }
    let value = retry_after?.trim();
    if let Ok(seconds) = value.parse::<f64>() {
        return (seconds.is_finite() && seconds >= 0.0).then_some(seconds * 1000.0);
    }
    let when = httpdate::parse_http_date(value).ok()?;
    let when_ms = when.duration_since(std::time::UNIX_EPOCH).ok()?.as_millis() as f64;
    Some((when_ms - now_ms).max(0.0))
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
