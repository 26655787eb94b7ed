//! Arbitrary bytes read as a `.doc`/`.wps`: the compound-file and piece-table readers must
//! refuse, never panic or allocate what the file does not hold.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = xinjian::source::from_bytes("fuzz.doc".as_ref(), data);
});
