//! Span scoring shared by the labelled evaluations (`labelled_eval.rs`, `real_text_eval.rs`):
//! every occurrence of a labelled string is an expected span, and spans match by overlap.

#[derive(Default, Debug)]
pub struct Counts {
    pub tp_pred: usize,
    pub pred: usize,
    pub tp_exp: usize,
    pub exp: usize,
    pub misses: Vec<String>,
    pub false_alarms: Vec<String>,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        if self.pred == 0 {
            1.0
        } else {
            self.tp_pred as f64 / self.pred as f64
        }
    }

    pub fn recall(&self) -> f64 {
        if self.exp == 0 {
            1.0
        } else {
            self.tp_exp as f64 / self.exp as f64
        }
    }

    /// Counts one document: a predicted span is right when it overlaps an expected one, an
    /// expected span is found when a predicted one overlaps it. `describe` words a mistake.
    pub fn score(
        &mut self,
        expected: &[(usize, usize)],
        predicted: &[(usize, usize)],
        describe: impl Fn(usize, usize) -> String,
    ) {
        let overlaps = |spans: &[(usize, usize)], s: usize, e: usize| {
            spans.iter().any(|&(a, b)| a < e && s < b)
        };
        self.exp += expected.len();
        self.pred += predicted.len();
        for &(s, e) in predicted {
            if overlaps(expected, s, e) {
                self.tp_pred += 1;
            } else {
                self.false_alarms.push(describe(s, e));
            }
        }
        for &(s, e) in expected {
            if overlaps(predicted, s, e) {
                self.tp_exp += 1;
            } else {
                self.misses.push(describe(s, e));
            }
        }
    }
}

/// All non-overlapping occurrences of the labelled strings, longest labels first, in text
/// order; and the labels that do not occur at all.
pub fn expected_spans<'l>(text: &str, labels: &'l [String]) -> (Vec<(usize, usize)>, Vec<&'l str>) {
    let mut sorted: Vec<&String> = labels.iter().collect();
    sorted.sort_by_key(|l| std::cmp::Reverse(l.len()));
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut absent = Vec::new();
    for l in sorted {
        let mut any = false;
        for (s, _) in text.match_indices(l.as_str()) {
            any = true;
            let e = s + l.len();
            if !spans.iter().any(|&(a, b)| a < e && s < b) {
                spans.push((s, e));
            }
        }
        if !any {
            absent.push(l.as_str());
        }
    }
    spans.sort();
    (spans, absent)
}

/// The `.txt` drafts of a labelled folder, sorted by name.
pub fn txt_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

/// The spans of the places of one level.
pub fn place_spans(
    a: &xinjian::text::Analysis,
    level: xinjian::text::PlaceLevel,
) -> Vec<(usize, usize)> {
    a.places
        .iter()
        .filter(|p| p.level == level)
        .map(|p| (p.start, p.end))
        .collect()
}

/// The spans of the data points.
pub fn data_spans(a: &xinjian::text::Analysis) -> Vec<(usize, usize)> {
    a.data_points.iter().map(|d| (d.start, d.end)).collect()
}

/// A whole-draft yes/no finding against its label.
#[derive(Default, Debug)]
pub struct Binary {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub labelled: usize,
    pub wrong: Vec<String>,
}

impl Binary {
    pub fn add(&mut self, predicted: bool, expected: bool, file: &str) {
        self.labelled += usize::from(expected);
        match (predicted, expected) {
            (true, true) => self.tp += 1,
            (true, false) => {
                self.fp += 1;
                self.wrong.push(format!("{file}: 误报"));
            }
            (false, true) => {
                self.fn_ += 1;
                self.wrong.push(format!("{file}: 漏报"));
            }
            _ => {}
        }
    }
    pub fn precision(&self) -> Option<f64> {
        (self.tp + self.fp > 0).then(|| self.tp as f64 / (self.tp + self.fp) as f64)
    }
    pub fn recall(&self) -> Option<f64> {
        (self.tp + self.fn_ > 0).then(|| self.tp as f64 / (self.tp + self.fn_) as f64)
    }
}

/// A figure to three decimals, or a dash when there is none.
pub fn cell(v: Option<f64>) -> String {
    v.map(|x| format!("{x:.3}")).unwrap_or_else(|| "—".into())
}
