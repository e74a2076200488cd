//! LOC (PLACEHOLDER: being written)
use super::fields::Fields;
use super::{RecordData, RecordType};
use crate::issue::Report;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct LocData {
    pub lat_degrees: u8, pub lat_minutes: u8, pub lat_seconds: f64, pub lat_direction: String,
    pub long_degrees: u8, pub long_minutes: u8, pub long_seconds: f64, pub long_direction: String,
    pub altitude: f64, pub size: f64, pub precision_horz: f64, pub precision_vert: f64,
}
pub(crate) fn read(rec: &Fields, r: &mut Report) -> Option<RecordData> { let _ = (rec, r); None }
pub fn to_content(d: &LocData) -> String { let _ = (d, RecordType::LOC); String::new() }
pub fn from_content(text: &str) -> Result<LocData, String> { let _ = text; Err("not yet".into()) }
