//! Per-document isolation: a bug in one draft's reading or analysis must never end a run.
//!
//! Whatever runs per document (reading, analysis, checks) runs inside [`isolate`]. A panic
//! there becomes that document's [`SourceError::Internal`] — shown like an unreadable file,
//! with the path and the panic's message and location — and the rest of the batch goes on
//! (ripgrep's rule that one bad file never stops a search, extended to our own bugs).
//!
//! While a document is isolated, the process's panic hook records the message instead of
//! printing Rust's English `thread … panicked at` text; outside isolation the previous hook
//! runs unchanged.

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use super::SourceError;

thread_local! {
    /// How many [`isolate`] calls are active on this thread.
    static DEPTH: Cell<u32> = const { Cell::new(0) };
    /// The message and location of the last panic caught on this thread.
    static LAST: RefCell<Option<String>> = const { RefCell::new(None) };
}

static HOOK: Once = Once::new();

fn install_hook() {
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if DEPTH.with(Cell::get) == 0 {
                previous(info);
                return;
            }
            let payload = info.payload();
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "未知错误".to_string());
            let at = info
                .location()
                .map(|l| format!("（{}:{}）", l.file(), l.line()))
                .unwrap_or_default();
            LAST.with(|l| *l.borrow_mut() = Some(format!("{message}{at}")));
        }));
    });
}

/// Runs `f` for the document at `path`; a panic inside it becomes
/// `SourceError::Internal` for that path.
///
/// ```
/// use xinjian::{isolate::isolate, SourceError};
/// let r: Result<u32, SourceError> = isolate("草稿.txt", || panic!("出错了"));
/// let e = r.unwrap_err().to_string();
/// assert!(e.starts_with("草稿.txt：内部错误：出错了"), "{e}");
/// assert!(e.ends_with("（请把这个文件发给维护者）"));
/// assert_eq!(isolate("草稿.txt", || Ok::<_, SourceError>(7)).unwrap(), 7);
/// ```
pub fn isolate<T>(
    path: &str,
    f: impl FnOnce() -> Result<T, SourceError>,
) -> Result<T, SourceError> {
    install_hook();
    DEPTH.with(|d| d.set(d.get() + 1));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    DEPTH.with(|d| d.set(d.get() - 1));
    match result {
        Ok(r) => r,
        Err(payload) => {
            let message = LAST.with(|l| l.borrow_mut().take()).unwrap_or_else(|| {
                payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "未知错误".to_string())
            });
            Err(SourceError::Internal {
                path: path.to_string(),
                message,
            })
        }
    }
}

/// A draft containing this text makes the checks panic: the planted fault with which the tests
/// show that one document's panic never ends a batch. Only in builds with the
/// `fault-injection` feature, which the test suite turns on and release builds do not.
#[cfg(feature = "fault-injection")]
pub const FAULT_MARKER: &str = "XINJIAN-FAULT-INJECTION";
