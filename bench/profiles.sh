#!/usr/bin/env bash
# Measures the release profile choice: for each opt-level, build pkg/ into bench/out/pkg-<level>,
# run wasm-opt with the matching level, and print the shipped size and W1–W4 times in Node.
# Usage: bash bench/profiles.sh [levels...]   (default: z s 3)
set -euo pipefail
cd "$(dirname "$0")/.."
features="--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-reference-types --enable-multivalue --enable-mutable-globals"
for level in "${@:-z s 3}"; do
  for level in $level; do
    out=bench/out/pkg-$level
    CARGO_PROFILE_RELEASE_OPT_LEVEL=$level wasm-pack build --target web --release --out-dir "$out" >/dev/null 2>&1
    case $level in 3) wo=-O3 ;; 2) wo=-O2 ;; s) wo=-Os ;; *) wo=-Oz ;; esac
    node_modules/.bin/wasm-opt $wo $features "$out/waterline_bg.wasm" -o "$out/waterline_bg.wasm"
    node bench/profile-one.mjs "$out" "opt-level=$level, wasm-opt $wo"
  done
done
