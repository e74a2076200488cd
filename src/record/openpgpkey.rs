//! OPENPGPKEY (PLACEHOLDER: being written)
use super::fields::Fields;
use super::RecordData;
use crate::issue::Report;
pub(crate) fn read(rec: &Fields, r: &mut Report) -> Option<RecordData> { let _ = (rec, r); None }
