//! The elements a good 信息 item has (seed speech: 「要有点线面数据支撑，有县级、乡镇层面，有典型
//! 事例；对策建议要有针对性、可操作性」), extracted from one [`Analysis`]. Pure functions: no I/O,
//! no formatting.

pub mod cases;
pub mod category;
pub mod coverage;
pub mod stale;
pub mod suggestions;

use crate::category::Category;
use crate::text::Analysis;
use crate::text::Resources;

pub use cases::TypicalCase;
pub use category::CategoryGuess;
pub use coverage::Coverage;
pub use stale::{Stale, StaleClass};
pub use suggestions::{Missing, Suggestion};

/// Everything found in one document.
#[derive(Debug, Clone)]
pub struct Elements {
    pub typical_cases: Vec<TypicalCase>,
    pub suggestions: Vec<Suggestion>,
    pub stale: Vec<Stale>,
    pub coverage: Coverage,
    pub category: CategoryGuess,
}

impl Elements {
    /// Extracts all elements. `declared` is the category from the metadata, if any.
    pub fn extract(
        res: &Resources,
        text: &str,
        a: &Analysis,
        declared: Option<Category>,
    ) -> Elements {
        let suggestions = suggestions::find(text, a);
        // A suggestion (建议在桥头镇设立服务站) tells what should happen, not what did: it is no
        // typical case.
        let mut typical_cases = cases::find(text, a);
        typical_cases.retain(|c| {
            !suggestions
                .iter()
                .any(|s| s.start < c.end && c.start < s.end)
        });
        let hits = &a.words;
        let stale = stale::find(res, text, a, hits);
        let coverage = coverage::find(text, a);
        let category = category::classify(text, a, &suggestions, declared, hits);
        Elements {
            typical_cases,
            suggestions,
            stale,
            coverage,
            category,
        }
    }
}
