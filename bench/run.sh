#!/usr/bin/env bash
# twerr's benchmarks, measured in one run on one machine so that ratios compare like with
# like. Prints figures; asserts nothing (machines here are shared and noisy).
#   bench/run.sh [LOG_MIB [HOSTILE_MIB]]  defaults 1024 (the big log) and 1 (the smaller size
#   of each hostile row; the larger is 4x); needs python3, rustc, GNU time, grep, sort, jq
set -euo pipefail
cd "$(dirname "$0")/.."
big_mib=${1:-1024}
hostile_mb=${2:-1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -x /usr/bin/time ] || { echo "bench needs GNU time: apt-get install time" >&2; exit 2; }

# SECTIONS="hostile startup" runs only those: hostile scan bot stdin startup v2 (default all)
# BOT_MIB sets the bot log's size (default 200; the growth row reads 4x that)
# BEFORE=PATH names an earlier twerr binary: the startup section pairs it with this one
want() { [ -z "${SECTIONS:-}" ] || [[ " $SECTIONS " == *" $1 "* ]]; }

cargo build --release --quiet
twerr=$PWD/target/release/twerr
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "twerr: $("$twerr" --version)"

best() { # best wall-clock seconds of 3 runs of "$@"; stdout goes to a file, not /dev/null,
  # because GNU grep stops at the first match when it sees /dev/null
  local best=999999 t
  for _ in 1 2 3; do
    t=$( { /usr/bin/time -f %e "$@" >"$work/out"; } 2>&1 | tail -1)
    best=$(awk -v a="$t" -v b="$best" 'BEGIN { print (a < b) ? a : b }')
  done
  echo "$best"
}
peak_rss_kib() { { /usr/bin/time -f %M "$@" >"$work/out"; } 2>&1 | tail -1; }

# pair NAME RUNS A... -- B...: median microseconds of A, of B, and the median of A/B per pair
# ("<" FILE before a command gives it FILE on stdin); bench/pair.rs, which says why not Python.
rustc -O --edition 2024 -o "$work/pair" bench/pair.rs
pair() { "$work/pair" "$@"; }

if want hostile; then
echo
echo "== hostile inputs (bench/hostile.py), at ${hostile_mb} MiB and 4x that =="
echo "growth = time at 4x / time at 1x: 4 is linear, 16 quadratic; under 5 counts as linear."
echo "stdin reads at most 8 MiB plus the last 64 KiB, so stdin rows above that size measure the bound."
printf '%-26s %-6s %9s %9s %7s %10s %10s %7s\n' row mode "t(1x) s" "t(4x) s" growth "rss(1x)" "rss(4x)" "rss 4/1"
timed() { # seconds and peak RSS (KiB) of one run, stdin from $1, the rest is the command
  local input=$1; shift
  /usr/bin/time -o "$work/t" -f '%e %M' "$@" <"$input" >/dev/null 2>&1 || true
  tail -1 "$work/t"
}
for row in $(python3 bench/hostile.py LIST); do
  small=$((hostile_mb << 20)); large=$((small * 4))
  python3 bench/hostile.py "$row" "$work/h1" "$small"
  python3 bench/hostile.py "$row" "$work/h4" "$large"
  for mode in stdin scan; do
    if [ "$mode" = stdin ]; then
      read -r t1 r1 <<<"$(timed "$work/h1" "$twerr" --json)"
      read -r t4 r4 <<<"$(timed "$work/h4" "$twerr" --json)"
    else
      read -r t1 r1 <<<"$(timed /dev/null "$twerr" scan "$work/h1")"
      read -r t4 r4 <<<"$(timed /dev/null "$twerr" scan "$work/h4")"
    fi
    awk -v row="$row" -v mode="$mode" -v t1="$t1" -v t4="$t4" -v r1="$r1" -v r4="$r4" 'BEGIN {
      g = (t1 >= 0.02) ? sprintf("%.1f", t4 / t1) : "-";
      printf "%-26s %-6s %9.2f %9.2f %7s %7d MiB %7d MiB %7.1f\n", row, mode, t1, t4, g, r1 / 1024, r4 / 1024, r4 / r1 }'
  done
done
rm -f "$work/h1" "$work/h4"

fi
if want scan; then
echo
echo "== scan throughput against grep -c '\"code\"' (${big_mib} MiB synthetic log) =="
python3 bench/gen_log.py "$work/big.log" "$big_mib"
python3 bench/gen_log.py "$work/100m.log" 100
t_scan=$(best "$twerr" scan "$work/big.log")
t_grep=$(best grep -c '"code"' "$work/big.log")
awk -v s="$t_scan" -v g="$t_grep" -v m="$big_mib" 'BEGIN {
  printf "twerr scan: %.2f s (%.0f MiB/s)\ngrep -c:    %.2f s (%.0f MiB/s)\nratio: twerr scan runs at %.3fx the throughput of grep -c (target >= 0.5x)\n",
    s, m / s, g, m / (g > 0 ? g : 0.001), (g > 0 ? g : 0.001) / s }'

t_uniq=$(best sh -c "grep -oE '\"code\": ?[0-9]+' '$work/big.log' | sort | uniq -c")
awk -v s="$t_scan" -v u="$t_uniq" 'BEGIN {
  printf "grep -oE code | sort | uniq -c: %.2f s; twerr scan / that pipeline: %.2fx its speed (target >= 4x)\n", u, u / s }'

echo
echo "== peak RSS of twerr scan =="
rss100=$(peak_rss_kib "$twerr" scan "$work/100m.log")
rssbig=$(peak_rss_kib "$twerr" scan "$work/big.log")
echo "100 MiB log: $((rss100 / 1024)) MiB; ${big_mib} MiB log: $((rssbig / 1024)) MiB (target: flat, under 32 MiB)"

fi
if want bot; then
echo
bot_mib=${BOT_MIB:-200}
echo "== a bot's log (examples/bot_log: JSON-lines records of calls that worked, about one line in six an error), ${bot_mib} MiB =="
echo "against what a user types instead: grep -oE '\"code\": ?[0-9]+' | sort | uniq -c, and grep -c (one pass: the floor)"
cargo build --release --quiet --example bot_log
gen=$PWD/target/release/examples/bot_log
"$gen" "$bot_mib" >"$work/bot.log" 2>/dev/null
"$gen" "$bot_mib" --emoji >"$work/bot_emoji.log" 2>/dev/null
for log in bot bot_emoji; do
  f=$work/$log.log
  pair "$log: twerr scan / grep -oE | sort | uniq -c (target <= 1.0, emoji <= 1.5)" 5 "$twerr" scan "$f" -- sh -c "grep -oE '\"code\": ?[0-9]+' '$f' | sort | uniq -c"
  pair "$log: twerr scan -j 1 / twerr scan" 5 "$twerr" scan -j 1 "$f" -- "$twerr" scan "$f"
  # Not to /dev/null, where GNU grep stops at the first match.
  pair "$log: grep -c '\"errors\"' / twerr scan" 5 sh -c "grep -c '\"errors\"' '$f' > '$work/out'" -- "$twerr" scan "$f"
done
echo "peak RSS of twerr scan: $(( $(peak_rss_kib "$twerr" scan "$work/bot_emoji.log") / 1024 )) MiB (target: under 64 MiB)"
for _ in 1 2 3 4; do cat "$work/bot.log"; done >"$work/bot4.log"
rm -f "$work/bot_emoji.log"
pair "growth: twerr scan of 4x the log / of the log (linear: 4)" 3 "$twerr" scan "$work/bot4.log" -- "$twerr" scan "$work/bot.log"
rm -f "$work/bot.log" "$work/bot4.log"

fi
if want stdin; then
echo
echo "== 2 GiB on stdin (single-response diagnosis) =="
rss_stdin=$( { set +o pipefail; { printf 'HTTP/2 429\r\n\r\n'; yes 'noise line {"a":1} x-rate-limit-reset: 1'; } | head -c 2G | /usr/bin/time -f %M "$twerr" --json >/dev/null || true; } 2>&1 | tail -1)
echo "peak RSS reading 2 GiB from stdin: $((rss_stdin / 1024)) MiB (target: under 64 MiB)"

fi
if want startup; then
echo
echo "== start to exit: twerr 187 against a trivial Rust binary; a 58-byte body against twerr 187 =="
echo "runs alternate A B A B ..., so a drift of the machine's speed falls on both; medians of per-run times"
printf 'fn main() { println!("API error code 187"); }\n' > "$work/hello.rs"
rustc -O -o "$work/hello" "$work/hello.rs"
printf '{"errors":[{"message":"Status is a duplicate.","code":187}]}' > "$work/small.json"
python3 bench/v2_response.py "$work/v2.txt"
# Timed as installed: each binary copied, as cargo install and pip copy it. On 2026-12-05
# a binary as the linker wrote it started slower than a byte-identical copy of it, in the
# same folder too, and still after the page cache was dropped (twerr 187 1.1x, with 127
# page faults against 120; the trivial binary 1.02x); why was not found. Both figures are
# printed.
cp "$twerr" "$work/twerr-installed"
cp "$work/hello" "$work/hello-installed"
installed=$work/twerr-installed
pair "twerr 187 / trivial binary, both as installed (target <= 1.3)" 300 "$installed" 187 -- "$work/hello-installed"
pair "twerr 187 / trivial binary, both as the linker wrote them" 300 "$twerr" 187 -- "$work/hello"
pair "58-byte body on stdin / twerr 187, as installed (target <= 2)" 300 "<" "$work/small.json" "$installed" -- "$installed" 187
if [ -n "${BEFORE:-}" ]; then
  pair "twerr 187 / the same with the binary before" 300 "$twerr" 187 -- "$BEFORE" 187
  pair "the binary before: twerr 187 / trivial binary" 300 "$BEFORE" 187 -- "$work/hello"
fi
fi
if want v2; then
echo
echo "== a v2 response of $(( $(stat -c %s "$work/v2.txt") / 1024 )) KiB (posts with emoji, 200 partial errors) in curl -i framing, against jq -e .errors on its body =="
pair "twerr / jq -e .errors (target <= 0.25; goal 5 ms)" 40 "<" "$work/v2.txt" "$twerr" -- "<" "$work/v2.txt.body" jq -e .errors
fi
