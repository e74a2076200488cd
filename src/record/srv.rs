//! SRV (RFC 2782): `data { priority, weight, port, target }`; the owner name carries
//! `_service._proto`.

use compact_str::CompactString;
use super::fields::Fields;
use super::presentation::number;
use super::typed::{integer, string};
use crate::issue::Report;
use crate::name::{self, NameUse};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct SrvData {
    /// 0–65535; lower is tried first.
    pub priority: u16,
    /// 0–65535; relative weight among targets of equal priority.
    pub weight: u16,
    /// 0–65535; the service's port.
    pub port: u16,
    /// The host providing the service, or `.` for "not available here".
    #[cfg_attr(feature = "ts", tsify(type = "string"))]
    pub target: CompactString,
}

/// Fields Cloudflare removed from SRV `data`: sending them is an error after their end of life.
const DEPRECATED: [&str; 3] = ["service", "proto", "name"];

pub(crate) fn check(rec: &Fields, r: &mut Report) {
    rec.object(r, "data", "srv.data", "`{priority, weight, port, target}`", |d, r| {
        for key in DEPRECATED {
            if d.has(key) {
                r.error(
                    &d.at.key(key),
                    "srv.data.deprecated",
                    format!("`data.{key}` was removed from the API; put the full `_service._proto.name` in the record's `name`"),
                );
            }
        }
        d.unknown_fields(r, &["priority", "weight", "port", "target", "service", "proto", "name"], "SRV data");
        d.u16(r, "priority", "0–65535");
        d.u16(r, "weight", "0–65535");
        let port = d.u16(r, "port", "0–65535");
        let target = d.string(r, "target", "the target host name");
        if let Some(t) = target {
            let at = d.at.key("target");
            if t == "." {
                // RFC 2782: "." means the service is decidedly not available at this domain.
                if port.is_some_and(|p| p != 0) {
                    r.rfc(&at, "srv.data.target.null", "with target `.` (service not available) the port should be 0");
                }
            } else {
                if name::looks_like_ip(t) {
                    r.rfc(&at, "srv.data.target.ip", format!("{t:?} is an IP address; SRV targets are host names"));
                }
                name::check(r, &at, "srv.data.target", t, NameUse::Target);
                if port == Some(0) {
                    r.rfc(&d.at.key("port"), "srv.data.port.zero", "port 0 with a real target is almost certainly a mistake");
                }
            }
        }
        Some(())
    });
    // RFC 2782 owner names start `_service._proto.`; Cloudflare needs them in `name` now that
    // `data.service` and `data.proto` are gone.
    if let Some(owner) = rec.get("name").and_then(crate::json::Json::as_str) {
        name::check_service_owner(r, &rec.at.key("name"), owner, "srv.name.service", "SRV", "_sip._tcp.example.com");
    }
}


/// `10 5 5060 sip.example.com` (priority weight port target).
pub fn to_content(d: &SrvData) -> String {
    format!("{} {} {} {}", d.priority, d.weight, d.port, d.target)
}

pub fn from_content(text: &str) -> Result<SrvData, String> {
    let parts: Vec<&str> = text.split_whitespace().collect();
    let [priority, weight, port, target] = parts.as_slice() else {
        return Err("expected `<priority> <weight> <port> <target>`".into());
    };
    let num = number::<u16>;
    Ok(SrvData {
        priority: num("priority", priority)?,
        weight: num("weight", weight)?,
        port: num("port", port)?,
        target: (*target).into(),
    })
}

/// The typed value of checked SRV `data` (see [`super::typed`]).
pub(crate) fn typed(d: &Fields) -> Option<SrvData> {
    Some(SrvData {
        priority: integer(d, "priority")?,
        weight: integer(d, "weight")?,
        port: integer(d, "port")?,
        target: string(d, "target")?.into(),
    })
}
