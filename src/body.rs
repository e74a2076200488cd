//! The request body: a validated batch written as JSON, exactly as `serde_json::to_string` writes
//! [`BatchParams`] through its derived `Serialize` (the reference: tests compare the two on every
//! valid record of the per-kind tables, on properties and on the 3,500-record workload).
//!
//! Why by hand: the derived form goes through serde's generic map machinery for every field and
//! escapes every key as if it could hold a quote. For a 3,500-record batch that was about seven
//! million instructions, more than validating the common fields. Here the shape is known: keys are
//! written as literal bytes, strings with nothing to escape (nearly all) are copied in one piece,
//! and only the `data` objects of the less common kinds (small, and shaped per kind) go through
//! serde.

use crate::batch::{BatchParams, DeleteParam, PatchParam, PutParam};
use crate::record::{CommonFields, Record, RecordData};
use serde::Serialize;

/// The body of `params` (what [`BatchParams::body`] returns).
pub(crate) fn write(params: &BatchParams) -> String {
    // Room for a typical record per operation (about 140 bytes in the shared workload): growing
    // from empty copies a large body a dozen times over.
    let mut out = Body { out: String::with_capacity(64 + 160 * params.operation_count()), serde: Vec::new() };
    out.out.push('{');
    let mut first = true;
    out.list(&mut first, "\"deletes\":", &params.deletes, Body::delete);
    out.list(&mut first, "\"patches\":", &params.patches, Body::patch);
    out.list(&mut first, "\"puts\":", &params.puts, Body::put);
    out.list(&mut first, "\"posts\":", &params.posts, Body::record);
    out.out.push('}');
    out.out
}

/// The body being written (a `String` throughout, so the finished body needs no UTF-8 check), and
/// a scratch buffer for the few pieces serde_json writes.
struct Body {
    out: String,
    serde: Vec<u8>,
}

impl Body {
    /// `"key":[item,item]`, left out when empty (the derive's `skip_serializing_if = "Vec::is_empty"`).
    fn list<T>(&mut self, first: &mut bool, key: &str, items: &[T], write: fn(&mut Body, &T)) {
        if items.is_empty() {
            return;
        }
        self.key(first, key);
        self.out.push('[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            write(self, item);
        }
        self.out.push(']');
    }

    fn delete(&mut self, delete: &DeleteParam) {
        self.out.push_str("{\"id\":");
        self.string(&delete.id);
        self.out.push('}');
    }

    /// Field order is the declaration order of [`PatchParam`]: id, type, the common fields,
    /// content, priority, data.
    fn patch(&mut self, patch: &PatchParam) {
        self.out.push_str("{\"id\":");
        self.string(&patch.id);
        let mut first = false;
        if let Some(kind) = patch.record_type {
            self.key(&mut first, "\"type\":");
            self.string(kind.as_str());
        }
        self.common(&mut first, &patch.common);
        if let Some(content) = &patch.content {
            self.key(&mut first, "\"content\":");
            self.string(content);
        }
        if let Some(priority) = patch.priority {
            self.key(&mut first, "\"priority\":");
            self.integer(priority);
        }
        if let Some(data) = &patch.data {
            self.key(&mut first, "\"data\":");
            self.out.push_str(data.json());
        }
        self.out.push('}');
    }

    fn put(&mut self, put: &PutParam) {
        self.out.push_str("{\"id\":");
        self.string(&put.id);
        let mut first = false;
        self.record_fields(&mut first, &put.record);
        self.out.push('}');
    }

    fn record(&mut self, record: &Record) {
        self.out.push('{');
        let mut first = true;
        self.record_fields(&mut first, record);
        self.out.push('}');
    }

    /// The common fields, then `type` and the kind's own fields in their declaration order (the
    /// derive's flattened, internally tagged `RecordData`).
    fn record_fields(&mut self, first: &mut bool, record: &Record) {
        self.common(first, &record.common);
        self.key(first, "\"type\":");
        self.string(record.data.record_type().as_str());
        match &record.data {
            RecordData::A { content }
            | RecordData::AAAA { content }
            | RecordData::CNAME { content }
            | RecordData::NS { content }
            | RecordData::OPENPGPKEY { content }
            | RecordData::PTR { content }
            | RecordData::TXT { content } => {
                self.key(first, "\"content\":");
                self.string(content);
            }
            RecordData::MX { content, priority } => {
                self.key(first, "\"content\":");
                self.string(content);
                self.key(first, "\"priority\":");
                self.integer(*priority);
            }
            RecordData::URI { priority, data } => {
                self.key(first, "\"priority\":");
                self.integer(*priority);
                self.data(first, data);
            }
            // The two data kinds most batches carry, written by hand (serde's struct writing
            // cost more than all of the record's other fields); the rest through serde.
            RecordData::CAA { data } => {
                self.key(first, "\"data\":{\"flags\":");
                self.integer(data.flags);
                self.out.push_str(",\"tag\":");
                self.string(&data.tag);
                self.out.push_str(",\"value\":");
                self.string(&data.value);
                self.out.push('}');
            }
            RecordData::CERT { data } => self.data(first, data),
            RecordData::DNSKEY { data } => self.data(first, data),
            RecordData::DS { data } => self.data(first, data),
            RecordData::HTTPS { data } | RecordData::SVCB { data } => self.data(first, data),
            RecordData::LOC { data } => self.data(first, data),
            RecordData::NAPTR { data } => self.data(first, data),
            RecordData::SMIMEA { data } | RecordData::TLSA { data } => self.data(first, data),
            RecordData::SRV { data } => {
                self.key(first, "\"data\":{\"priority\":");
                self.integer(data.priority);
                self.out.push_str(",\"weight\":");
                self.integer(data.weight);
                self.out.push_str(",\"port\":");
                self.integer(data.port);
                self.out.push_str(",\"target\":");
                self.string(&data.target);
                self.out.push('}');
            }
            RecordData::SSHFP { data } => self.data(first, data),
        }
    }

    /// A kind's `data` object, through its derived `Serialize`.
    fn data(&mut self, first: &mut bool, data: &impl Serialize) {
        self.key(first, "\"data\":");
        self.serde_json(data);
    }

    /// A value as serde_json writes it. (Writing plain structs of strings and numbers into a
    /// `Vec` cannot fail, and what serde_json writes is UTF-8.)
    fn serde_json(&mut self, value: &(impl Serialize + ?Sized)) {
        self.serde.clear();
        let _ = serde_json::to_writer(&mut self.serde, value);
        self.out.push_str(std::str::from_utf8(&self.serde).unwrap_or_default());
    }

    /// [`CommonFields`] in declaration order, each left out when `None`.
    fn common(&mut self, first: &mut bool, common: &CommonFields) {
        if let Some(name) = &common.name {
            self.key(first, "\"name\":");
            self.string(name);
        }
        if let Some(ttl) = common.ttl {
            self.key(first, "\"ttl\":");
            self.integer(ttl);
        }
        if let Some(proxied) = common.proxied {
            self.key(first, "\"proxied\":");
            self.boolean(proxied);
        }
        if let Some(comment) = &common.comment {
            self.key(first, "\"comment\":");
            match comment {
                Some(text) => self.string(text),
                None => self.out.push_str("null"),
            }
        }
        if let Some(tags) = &common.tags {
            self.key(first, "\"tags\":");
            self.out.push('[');
            for (i, tag) in tags.iter().enumerate() {
                if i > 0 {
                    self.out.push(',');
                }
                self.string(tag);
            }
            self.out.push(']');
        }
        if let Some(settings) = &common.settings {
            self.key(first, "\"settings\":");
            self.out.push('{');
            let mut inner = true;
            for (key, value) in [
                ("\"ipv4_only\":", settings.ipv4_only),
                ("\"ipv6_only\":", settings.ipv6_only),
                ("\"flatten_cname\":", settings.flatten_cname),
            ] {
                if let Some(value) = value {
                    self.key(&mut inner, key);
                    self.boolean(value);
                }
            }
            self.out.push('}');
        }
        if let Some(private_routing) = common.private_routing {
            self.key(first, "\"private_routing\":");
            self.boolean(private_routing);
        }
    }

    /// `,"key":` (no comma before the first member); `quoted` is the key already written as
    /// `"key":` (this crate's own field names, which need no escaping).
    fn key(&mut self, first: &mut bool, quoted: &str) {
        if !std::mem::take(first) {
            self.out.push(',');
        }
        self.out.push_str(quoted);
    }

    /// A JSON string. Text with nothing to escape is copied whole; anything else goes through
    /// serde_json, so escapes are written exactly as it writes them.
    fn string(&mut self, text: &str) {
        if crate::json::find_special(text.as_bytes(), 0) == text.len() {
            self.out.reserve(text.len() + 2);
            self.out.push('"');
            self.out.push_str(text);
            self.out.push('"');
        } else {
            self.serde_json(text);
        }
    }

    fn integer(&mut self, n: impl itoa::Integer) {
        self.out.push_str(itoa::Buffer::new().format(n));
    }

    fn boolean(&mut self, b: bool) {
        self.out.push_str(if b { "true" } else { "false" });
    }
}
