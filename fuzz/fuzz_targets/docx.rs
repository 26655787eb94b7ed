//! Arbitrary bytes read as a `.docx`: the zip and XML readers must refuse, never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = xinjian::source::from_bytes("fuzz.docx".as_ref(), data);
});
