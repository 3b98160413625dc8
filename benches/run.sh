#!/usr/bin/env bash
# Benchmarks of whole commands at 1,000, 10,000 and 100,000 signers (or the sizes given).
# Prints a Markdown table; docs/performance.md's figures come from it.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --bin undersigned
cargo run --release --example bench -- "$@"
