//! Arbitrary text through the front matter, suppression comments and file-name metadata.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = xinjian::source::split_front_matter(text);
        let _ = xinjian::source::meta_from_file_name(text);
        let _ = xinjian::source::from_bytes("fuzz.md".as_ref(), data);
    }
});
