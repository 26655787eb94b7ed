#!/usr/bin/env bash
# Runs the cargo-fuzz targets in fuzz/ for SECONDS each (default 60), one after another:
#   scripts/fuzz.sh [SECONDS] [TARGET...]
# Targets: docx doc decode front_matter check (all when none is named). Needs the nightly
# toolchain and cargo-fuzz; says so and exits 0 when the nightly toolchain is missing.
# Each run starts from the committed seeds (fuzz/seeds/TARGET) and grows fuzz/corpus/TARGET;
# a crash stops the script with the crashing input in fuzz/artifacts/TARGET/.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds="${1:-60}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(docx doc decode front_matter check)
fi
if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  echo "fuzz: no nightly toolchain on this machine; fuzzing skipped"
  exit 0
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi
# No sanitizer: the targets look for panics, overflows (debug assertions are on) and
# unbounded allocations (-rss_limit_mb, -malloc_limit_mb), and run several times faster.
cargo +nightly fuzz build -s none
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  echo "fuzz: $t for ${seconds}s"
  cargo +nightly fuzz run -s none "$t" "corpus/$t" "seeds/$t" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -malloc_limit_mb=1024 -timeout=20 \
    -print_final_stats=1 2>&1 | grep -E "^(stat::|#[0-9]+ *DONE|==|SUMMARY|Done)|panicked|crash-|ERROR" || true
  if ls "artifacts/$t"/crash-* "artifacts/$t"/oom-* "artifacts/$t"/timeout-* >/dev/null 2>&1; then
    echo "fuzz: $t found a failing input in fuzz/artifacts/$t/" >&2
    exit 1
  fi
done
