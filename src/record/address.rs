//! A and AAAA: an IPv4 or IPv6 address in `content`.
//!
//! Parsing uses `std::net`, whose IPv4 parser already refuses the short and octal forms
//! (`1.1`, `010.0.0.1`) that Cloudflare refuses too (API error 9005).

use super::fields::Fields;
use super::RecordType;
use crate::issue::Report;
use std::net::{Ipv4Addr, Ipv6Addr};

pub(crate) fn check(kind: RecordType, rec: &Fields, r: &mut Report) {
    let what = if kind == RecordType::A { "an IPv4 address such as \"192.0.2.1\"" } else { "an IPv6 address such as \"2001:db8::1\"" };
    let Some(content) = rec.string(r, "content", what) else { return };
    let at = rec.at.key("content");
    if kind == RecordType::A {
        check_ipv4(r, &at, content);
    } else {
        check_ipv6(r, &at, content);
    }
}

fn check_ipv4(r: &mut Report, at: &crate::issue::Path, content: &str) {
    match content.parse::<Ipv4Addr>() {
        Ok(ip) => {
            if ip.is_unspecified() || ip.is_broadcast() || ip.is_multicast() {
                r.rfc(at, "a.content.special", format!("{ip} is not a usable host address"));
            }
        }
        Err(_) => {
            let hint = if content.parse::<Ipv6Addr>().is_ok() { "; IPv6 addresses go in AAAA records" } else { "" };
            r.error(
                at,
                "a.content.ipv4",
                format!("{:?} is not an IPv4 address in dotted-quad form (four numbers 0–255, no leading zeros){hint}", crate::issue::shorten(content)),
            );
        }
    }
}

fn check_ipv6(r: &mut Report, at: &crate::issue::Path, content: &str) {
    if content.as_bytes().contains(&b'%') {
        r.error(at, "aaaa.content.zone-index", format!("{:?}: a zone index (`%eth0`) has no meaning in DNS", crate::issue::shorten(content)));
        return;
    }
    match content.parse::<Ipv6Addr>() {
        Ok(ip) => {
            if let Some(v4) = ip.to_ipv4_mapped() {
                r.rfc(at, "aaaa.content.mapped", format!("{ip} is an IPv4-mapped address; publish {v4} as an A record instead"));
            } else if ip.is_unspecified() || ip.is_multicast() {
                r.rfc(at, "aaaa.content.special", format!("{ip} is not a usable host address"));
            }
        }
        Err(_) => {
            let hint = if content.parse::<Ipv4Addr>().is_ok() { "; IPv4 addresses go in A records" } else { "" };
            r.error(at, "aaaa.content.ipv6", format!("{:?} is not an IPv6 address{hint}", crate::issue::shorten(content)));
        }
    }
}

/// The RFC 5952 form Cloudflare stores an AAAA address in (`2001:DB8:0::1` → `2001:db8::1`).
pub fn canonical_ipv6(text: &str) -> Option<String> {
    text.parse::<Ipv6Addr>().ok().map(|ip| ip.to_string())
}
