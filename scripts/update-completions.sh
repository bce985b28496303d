#!/usr/bin/env bash
# Regenerates completions/ and man/ from the CLI; the test suite fails when they drift.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --locked
bin=target/debug/grpcb
"$bin" completions bash > completions/grpcb.bash
"$bin" completions zsh > completions/_grpcb
"$bin" completions fish > completions/grpcb.fish
"$bin" completions powershell > completions/_grpcb.ps1
"$bin" completions elvish > completions/grpcb.elv
echo "completions/ updated"
# A page of a subcommand that is gone must go too.
rm -f man/*.1
"$bin" man --dir man > /dev/null
echo "man/ updated ($(ls man | wc -l) pages)"
