//! JSON text out for the largest answer, a plan (hundreds of kilobytes for a zone of thousands of
//! records): serde_json's serializer writing into a `Vec` through a sink whose one-byte writes
//! are inlined. serde_json writes a string as three writes (quote, text, quote) and every `:` and
//! `,` as one, each through `io::Write`; into a plain `Vec<u8>` each was an out-of-line call in
//! the WebAssembly build (opt-level `s`): this sink made the WebAssembly part of a 3,500-record `zone.plan` 6% faster
//! (measured in Node, interleaved A/B). Only the plan uses it: every other answer is small, and
//! a second serializer for them all made the main .wasm 1.2 KB (gzip) larger.

use serde::Serialize;

/// The JSON text of `value`, or `null` when it cannot be written (a map with non-string keys:
/// none of the crate's types has one).
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> String {
    let mut out = Sink(Vec::with_capacity(1024));
    match serde_json::to_writer(&mut out, value) {
        // serde_json writes UTF-8 only; the check is kept rather than trusted without one.
        Ok(()) => String::from_utf8(out.0).unwrap_or_else(|_| "null".into()),
        Err(_) => "null".into(),
    }
}

struct Sink(Vec<u8>);

impl Sink {
    /// Out of line: inlined at every write of the serializer, it made the .wasm kilobytes larger.
    #[inline(never)]
    fn extend(&mut self, buf: &[u8]) {
        self.0.extend_from_slice(buf);
    }
}

impl std::io::Write for Sink {
    #[inline(always)]
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    #[inline(always)]
    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        match buf {
            [byte] => self.0.push(*byte),
            _ => self.extend(buf),
        }
        Ok(())
    }

    #[inline(always)]
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn writes_what_serde_json_writes() {
        let value = serde_json::json!({"a": [1, 2.5, "x\"y\u{1}\u{e9}"], "b": null, "c": {"d": true}});
        assert_eq!(super::to_string(&value), serde_json::to_string(&value).unwrap());
    }
}
