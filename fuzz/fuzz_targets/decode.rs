//! Arbitrary bytes through encoding detection (UTF-8, UTF-16 with or without BOM, GB18030).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = xinjian::source::decode_text(data) {
        assert!(!text.is_empty() || data.len() <= 3);
    }
});
