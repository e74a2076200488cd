mod common;
use cf_dns_batch::record::loc::{from_content, to_content, LocData};
use cf_dns_batch::{validate_batch_json, RecordData, RecordType, ValidateOptions};
use common::*;
use proptest::prelude::*;
use serde_json::{json, Value};

fn amsterdam() -> Value {
    json!({
        "lat_degrees":52,"lat_minutes":22,"lat_seconds":23,"lat_direction":"N",
        "long_degrees":4,"long_minutes":53,"long_seconds":32,"long_direction":"E",
        "altitude":-2,"size":1,"precision_horz":10000,"precision_vert":10
    })
}

/// The Amsterdam record with some fields replaced.
fn loc(changes: Value) -> Value {
    let mut data = amsterdam();
    if let (Some(d), Some(c)) = (data.as_object_mut(), changes.as_object()) {
        for (k, v) in c {
            if v.is_null() {
                d.remove(k);
            } else {
                d.insert(k.clone(), v.clone());
            }
        }
    }
    json!({"type":"LOC","name":"example.com","ttl":1,"data":data})
}

fn amsterdam_data() -> LocData {
    LocData {
        lat_degrees: 52,
        lat_minutes: 22,
        lat_seconds: 23.0,
        lat_direction: "N".into(),
        long_degrees: 4,
        long_minutes: 53,
        long_seconds: 32.0,
        long_direction: "E".into(),
        altitude: -2.0,
        size: 1.0,
        precision_horz: 10000.0,
        precision_vert: 10.0,
    }
}

#[test]
fn valid_loc_records() {
    assert_clean(loc(json!({})));
    assert_clean(loc(json!({"lat_degrees":33,"lat_minutes":51,"lat_seconds":35.9,"lat_direction":"S",
                            "long_degrees":151,"long_minutes":12,"long_seconds":40.123,"long_direction":"E"})));
    assert_clean(loc(json!({"long_direction":"W","altitude":0,"size":0,"precision_horz":0,"precision_vert":0})));
    assert_clean(loc(json!({"lat_degrees":90,"lat_minutes":0,"lat_seconds":0,"lat_direction":"S"})));
    assert_clean(loc(json!({"long_degrees":180,"long_minutes":0,"long_seconds":0.0,"long_direction":"W"})));
    assert_clean(loc(json!({"lat_degrees":0,"long_degrees":0,"lat_seconds":59.999,"long_seconds":59.999})));
    assert_clean(loc(json!({"altitude":42849672.95,"size":90000000,"precision_horz":90000000,"precision_vert":0.01})));
    assert_clean(loc(json!({"altitude":-100000,"size":0.5,"precision_horz":300,"precision_vert":2000})));
    assert_clean(loc(json!({"lat_degrees":52.0,"lat_minutes":22.0})));
}

#[test]
fn invalid_ranges() {
    assert_error(loc(json!({"lat_degrees":91})), "loc.data.lat_degrees.range", "/data/lat_degrees");
    assert_error(loc(json!({"lat_degrees":-1})), "loc.data.lat_degrees.range", "/data/lat_degrees");
    assert_error(loc(json!({"long_degrees":181})), "loc.data.long_degrees.range", "/data/long_degrees");
    assert_error(loc(json!({"lat_minutes":60})), "loc.data.lat_minutes.range", "/data/lat_minutes");
    assert_error(loc(json!({"long_minutes":-1})), "loc.data.long_minutes.range", "/data/long_minutes");
    assert_error(loc(json!({"lat_seconds":60})), "loc.data.lat_seconds.range", "/data/lat_seconds");
    assert_error(loc(json!({"long_seconds":59.9995})), "loc.data.long_seconds.range", "/data/long_seconds");
    assert_error(loc(json!({"altitude":-100000.01})), "loc.data.altitude.range", "/data/altitude");
    assert_error(loc(json!({"altitude":42849673})), "loc.data.altitude.range", "/data/altitude");
    assert_error(loc(json!({"size":90000001})), "loc.data.size.range", "/data/size");
    assert_error(loc(json!({"precision_horz":-1})), "loc.data.precision_horz.range", "/data/precision_horz");
    assert_error(loc(json!({"precision_vert":1e9})), "loc.data.precision_vert.range", "/data/precision_vert");
}

#[test]
fn invalid_types_and_missing_fields() {
    assert_error(loc(json!({"lat_degrees":52.5})), "loc.data.lat_degrees.integer", "/data/lat_degrees");
    assert_error(loc(json!({"lat_minutes":"22"})), "loc.data.lat_minutes.type", "/data/lat_minutes");
    assert_error(loc(json!({"altitude":"-2m"})), "loc.data.altitude.type", "/data/altitude");
    assert_error(loc(json!({"lat_direction":1})), "loc.data.lat_direction.type", "/data/lat_direction");
    assert_error(loc(json!({"precision_vert":null})), "loc.data.precision_vert.required", "/data");
    assert_error(loc(json!({"lat_direction":null})), "loc.data.lat_direction.required", "/data");
    assert_warning(loc(json!({"lat_dir":"N"})), "loc.data.unknown-field", "/data/lat_dir");
}

#[test]
fn invalid_directions() {
    assert_error(loc(json!({"lat_direction":"E"})), "loc.data.lat_direction.value", "/data/lat_direction");
    assert_error(loc(json!({"lat_direction":"North"})), "loc.data.lat_direction.value", "/data/lat_direction");
    assert_error(loc(json!({"long_direction":"N"})), "loc.data.long_direction.value", "/data/long_direction");
    assert_error(loc(json!({"long_direction":""})), "loc.data.long_direction.value", "/data/long_direction");
    // Lower case: UNCONFIRMED whether the API refuses it; a warning, and upper case is sent.
    let lower = loc(json!({"lat_direction":"s","long_direction":"w"}));
    assert_valid(lower.clone());
    assert_warning(lower.clone(), "loc.data.lat_direction.case", "/data/lat_direction");
    assert_warning(lower.clone(), "loc.data.long_direction.case", "/data/long_direction");
    let batch = json!({"zone_id": ZONE, "posts": [lower]});
    let posts = validate_batch_json(&batch.to_string(), &ValidateOptions::default()).params.expect("valid").posts;
    let RecordData::LOC { data } = &posts[0].data else { panic!("not LOC: {:?}", posts[0].data) };
    assert_eq!((data.lat_direction.as_str(), data.long_direction.as_str()), ("S", "W"));
}

#[test]
fn invalid_beyond_the_poles_and_the_antimeridian() {
    assert_error(loc(json!({"lat_degrees":90,"lat_minutes":1,"lat_seconds":0})), "loc.data.latitude.range", "/data/lat_minutes");
    assert_error(loc(json!({"lat_degrees":90,"lat_minutes":0,"lat_seconds":0.001})), "loc.data.latitude.range", "/data/lat_seconds");
    assert_error(loc(json!({"long_degrees":180,"long_minutes":30,"long_seconds":0})), "loc.data.longitude.range", "/data/long_minutes");
    assert_error(loc(json!({"long_degrees":180,"long_minutes":0,"long_seconds":1})), "loc.data.longitude.range", "/data/long_seconds");
}

#[test]
fn precision_advice() {
    let seconds = loc(json!({"lat_seconds":23.1234}));
    assert_valid(seconds.clone());
    assert_warning(seconds.clone(), "loc.data.lat_seconds.precision", "/data/lat_seconds");
    assert_strict_error(seconds, "loc.data.lat_seconds.precision", "/data/lat_seconds");
    assert_warning(loc(json!({"long_seconds":0.0001})), "loc.data.long_seconds.precision", "/data/long_seconds");
    let altitude = loc(json!({"altitude":12.345}));
    assert_warning(altitude.clone(), "loc.data.altitude.precision", "/data/altitude");
    assert_strict_error(altitude, "loc.data.altitude.precision", "/data/altitude");
    // Sizes are one digit times a power of ten centimetres: other values are rounded (advice).
    assert_warning(loc(json!({"size":1.5})), "loc.data.size.rounded", "/data/size");
    assert_warning(loc(json!({"precision_horz":25})), "loc.data.precision_horz.rounded", "/data/precision_horz");
    assert_warning(loc(json!({"precision_vert":12345})), "loc.data.precision_vert.rounded", "/data/precision_vert");
    let strict = ValidateOptions { strict: true, ..Default::default() };
    assert!(issues_of(loc(json!({"size":1.5})), &strict).iter().all(|i| i.severity == cf_dns_batch::Severity::Warning));
}

#[test]
fn presentation_examples() {
    let d = amsterdam_data();
    assert_eq!(to_content(&d), "52 22 23.000 N 4 53 32.000 E -2.00m 1m 10000m 10m");
    assert_eq!(from_content("52 22 23.000 N 4 53 32.000 E -2.00m 1m 10000m 10m").unwrap(), d);
    assert_eq!(from_content("52 22 23 N 4 53 32 E -2").unwrap(), d);
    assert_eq!(from_content("52 22 23 n 4 53 32 e -2.00m 1 10000 10m").unwrap().lat_direction, "n");
    let short = from_content("42 N 71 W 0m").unwrap();
    assert_eq!((short.lat_degrees, short.lat_minutes, short.lat_seconds, short.long_minutes), (42, 0, 0.0, 0));
    let partial = from_content("42 21 S 71 6 18.5 W 24m 30m").unwrap();
    assert_eq!((partial.lat_minutes, partial.long_seconds, partial.size, partial.precision_horz, partial.precision_vert), (21, 18.5, 30.0, 10000.0, 10.0));
    assert_eq!(
        RecordData::from_content(RecordType::LOC, "52 22 23.000 N 4 53 32.000 E -2.00m 1m 10000m 10m").unwrap(),
        RecordData::LOC { data: d }
    );
}

#[test]
fn presentation_errors() {
    for bad in [
        "",
        "52 22 23",
        "52 22 23 X 4 53 32 E -2m",
        "52 22 23 N 4 53 32 -2m",
        "52 22 23 N 4 53 32 E",
        "52 22 23 N 4 53 32 E 1e3m",
        "52 22 23 N 4 53 32 E -2m 1m 10000m 10m 5m",
        "52 22 NaN N 4 53 32 E -2m",
        "300 22 23 N 4 53 32 E -2m",
        "52.5 22 23 N 4 53 32 E -2m",
        "52 22 23 N 4 53 32 E -2m -1m",
        "52 22 23.5.5 N 4 53 32 E -2m",
    ] {
        assert!(from_content(bad).is_err(), "{bad:?} should not parse");
    }
}

fn size() -> impl Strategy<Value = f64> {
    // One digit times a power of ten centimetres, as RFC 1876 stores it.
    (0u32..=9, 0i32..=9).prop_filter("at most 90000000 m", |(m, e)| f64::from(*m) * 10f64.powi(*e) <= 9.0e9).prop_map(|(m, e)| f64::from(m) * 10f64.powi(e) / 100.0)
}

fn angle(max: u8, dirs: [&'static str; 2]) -> impl Strategy<Value = (u8, u8, f64, String)> {
    (0..=max, 0u8..=59, 0u32..=59_999, proptest::sample::select(dirs.to_vec())).prop_map(move |(deg, min, thousandths, dir)| {
        if deg == max {
            (deg, 0, 0.0, dir.to_string())
        } else {
            (deg, min, f64::from(thousandths) / 1000.0, dir.to_string())
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn content_round_trips(lat in angle(90, ["N", "S"]), long in angle(180, ["E", "W"]),
                           centimetres in -10_000_000i64..=4_284_967_295, size in size(), horz in size(), vert in size()) {
        let d = LocData {
            lat_degrees: lat.0, lat_minutes: lat.1, lat_seconds: lat.2, lat_direction: lat.3.into(),
            long_degrees: long.0, long_minutes: long.1, long_seconds: long.2, long_direction: long.3.into(),
            altitude: centimetres as f64 / 100.0, size, precision_horz: horz, precision_vert: vert,
        };
        prop_assert_eq!(from_content(&to_content(&d)).unwrap(), d.clone());
        // And the same values validate cleanly as JSON.
        let record = json!({"type":"LOC","name":"example.com","ttl":1,"data":serde_json::to_value(&d).unwrap()});
        let issues = issues_of(record, &ValidateOptions::default());
        prop_assert!(issues.is_empty(), "{:?}: {:?}", d, issues);
    }

    #[test]
    fn any_finite_values_round_trip(seconds in 0.0f64..60.0, altitude in -100_000.0f64..42_849_672.95, size in 0.0f64..9.0e7) {
        let d = LocData { lat_seconds: seconds, long_seconds: seconds, altitude, size, ..amsterdam_data() };
        prop_assert_eq!(from_content(&to_content(&d)).unwrap(), d);
    }
}

#[test]
fn patches_check_only_what_they_send() {
    let batch = json!({"zone_id": ZONE, "patches": [{"id":"023e105f4ecef8ad9ca31a8372d0c353","type":"LOC","data":{"lat_degrees":91,"long_direction":"X"}}]});
    let issues = validate_batch_json(&batch.to_string(), &ValidateOptions::default()).issues;
    let codes: Vec<&str> = issues.iter().map(|i| i.code.as_ref()).collect();
    assert!(codes.contains(&"loc.data.lat_degrees.range") && codes.contains(&"loc.data.long_direction.value"), "{codes:?}");
    assert!(!codes.iter().any(|c| c.ends_with(".required")), "{codes:?}");
}

#[test]
fn presentation_text_gives_the_value_a_batch_sends() {
    // Lower-case directions are read (with a warning in a batch) and sent in upper case; text read
    // with `fromContent` or from a zone file gives that same value.
    let data = RecordData::from_content(RecordType::LOC, "52 22 23.000 n 4 53 32.000 e -2.00m 1m 10000m 10m").unwrap();
    let RecordData::LOC { data } = data else { panic!("{data:?}") };
    assert_eq!((data.lat_direction.as_str(), data.long_direction.as_str()), ("N", "E"));
    let zone = cf_dns_batch::zone::parse_zone("a 60 IN LOC 52 22 23 s 4 53 32 w 0m\n", &cf_dns_batch::zone::ParseOptions { origin: Some("example.com".into()), default_ttl: None });
    let RecordData::LOC { data } = &zone.records[0].data else { panic!("{:?}", zone.records) };
    assert_eq!((data.lat_direction.as_str(), data.long_direction.as_str()), ("S", "W"));
}
