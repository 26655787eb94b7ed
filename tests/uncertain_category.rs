//! A guessed category never raises an error: the checks whose requirement depends on the
//! category report at most a 提示 on a draft whose inferred category is below the confidence
//! the checks trust, and say the category was inferred.

use std::path::Path;

use xinjian::checks::CATEGORY_DEPENDENT;
use xinjian::{source, Engine, Severity};

#[test]
fn category_dependent_findings_on_guessed_categories_are_hints_that_say_so() {
    let engine = Engine::new(Default::default()).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dirs = [
        "corpus",
        "tests/labelled",
        "tests/labelled_holdout",
        "tests/labelled_holdout2",
        "tests/labelled_holdout3",
        "tests/labelled_quality",
        "tests/labelled_category",
        "tests/labelled_category2",
    ];
    let (mut guessed, mut softened) = (0, 0);
    for f in source::collect_files(&dirs.map(|d| root.join(d))) {
        let Ok(r) = engine.check_path(&f.unwrap()) else {
            continue;
        };
        let c = &r.elements.category;
        for d in &r.diagnostics {
            if !CATEGORY_DEPENDENT.contains(&d.name) {
                continue;
            }
            if c.uncertain() {
                guessed += 1;
                assert_eq!(
                    d.severity,
                    Severity::Info,
                    "{}: {}",
                    r.doc.path.display(),
                    d.message
                );
                assert!(d.message.contains("是推断的，把握不大"), "{}", d.message);
                softened += 1;
            } else {
                assert!(!d.message.contains("是推断的"), "{}", d.message);
            }
        }
    }
    // The sets hold such drafts, so the test is not empty.
    assert!(
        guessed > 0 && softened == guessed,
        "{guessed} findings on guessed categories"
    );
    println!("{guessed} category-dependent findings on guessed categories, all 提示");
}
