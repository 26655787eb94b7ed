//! Arbitrary UTF-8 through the whole check: analysis, elements, every check, the score and
//! both report formats. Every span must lie on character boundaries inside the text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use once_cell::sync::Lazy;
use xinjian::report::{Format, Options};

static ENGINE: Lazy<xinjian::Engine> =
    Lazy::new(|| xinjian::Engine::new(Default::default()).expect("engine"));

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(doc) = xinjian::source::from_text("fuzz.txt", text) else {
        return;
    };
    let r = ENGINE.check(doc);
    let t = &r.doc.text;
    for d in &r.diagnostics {
        assert!(d.start <= d.end && d.end <= t.len());
        assert!(t.is_char_boundary(d.start) && t.is_char_boundary(d.end));
    }
    assert!(r.quality.quality <= 100);
    let outcomes = [Ok(r)];
    for f in [Format::Terminal, Format::Json] {
        let mut out = Vec::new();
        f.render(&outcomes, Options::default(), &mut out)
            .expect("in-memory write");
    }
});
