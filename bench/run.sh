#!/usr/bin/env bash
# twerr's benchmarks, measured in one run on one machine so that ratios compare like with
# like. Prints figures; asserts nothing (machines here are shared and noisy).
#   bench/run.sh [LOG_MIB [HOSTILE_MB]]   defaults 1024 (the big log) and 2 (the smaller size
#   of each hostile row; the larger is 4x); needs python3, GNU time, grep, sort, jq
set -euo pipefail
cd "$(dirname "$0")/.."
big_mib=${1:-1024}
hostile_mb=${2:-2}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -x /usr/bin/time ] || { echo "bench needs GNU time: apt-get install time" >&2; exit 2; }

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

echo
echo "== hostile inputs (bench/hostile.py), at ${hostile_mb} MB and 4x that =="
echo "growth = time at 4x / time at 1x: 4 is linear, 16 quadratic; under 5 counts as linear."
echo "stdin reads at most 8 MiB plus the last 64 KiB, so stdin rows above that size measure the bound."
printf '%-26s %-6s %9s %9s %7s %10s %10s\n' row mode "t(1x) s" "t(4x) s" growth "rss(1x)" "rss(4x)"
timed() { # seconds and peak RSS (KiB) of one run, stdin from $1, the rest is the command
  local input=$1; shift
  /usr/bin/time -o "$work/t" -f '%e %M' "$@" <"$input" >/dev/null 2>&1 || true
  tail -1 "$work/t"
}
for row in $(python3 bench/hostile.py LIST); do
  small=$((hostile_mb * 1000000)); large=$((small * 4))
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
      printf "%-26s %-6s %9.2f %9.2f %7s %7d MiB %7d MiB\n", row, mode, t1, t4, g, r1 / 1024, r4 / 1024 }'
  done
done
rm -f "$work/h1" "$work/h4"

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

echo
echo "== 2 GiB on stdin (single-response diagnosis) =="
rss_stdin=$( { set +o pipefail; { printf 'HTTP/2 429\r\n\r\n'; yes 'noise line {"a":1} x-rate-limit-reset: 1'; } | head -c 2G | /usr/bin/time -f %M "$twerr" --json >/dev/null || true; } 2>&1 | tail -1)
echo "peak RSS reading 2 GiB from stdin: $((rss_stdin / 1024)) MiB (target: under 64 MiB)"

echo
echo "== twerr 187 start to exit, against a trivial Rust binary =="
printf 'fn main() { println!("API error code 187"); }\n' > "$work/hello.rs"
rustc -O -o "$work/hello" "$work/hello.rs"
runs=500
loop() { local start end; start=$(date +%s%N); for _ in $(seq $runs); do "$@" >/dev/null; done; end=$(date +%s%N); echo $(( (end - start) / runs / 1000 )); }
for _ in 1 2; do t_hello=$(loop "$work/hello"); t_twerr=$(loop "$twerr" 187); done
awk -v a="$t_twerr" -v b="$t_hello" 'BEGIN { printf "twerr 187: %d us per run; trivial binary: %d us per run; ratio %.2fx (target <= 1.3x)\n", a, b, a / b }'

echo
echo "== diagnosis of a 1 MiB piped response =="
python3 - "$work/1m.txt" <<'PY'
import json, sys
head = "HTTP/2 200\r\ndate: Wed, 25 Nov 2026 10:00:03 GMT\r\nx-rate-limit-remaining: 10\r\nx-rate-limit-reset: 1795605300\r\n\r\n"
error = {"value": "1", "detail": "Could not find tweet with ids: [1].", "title": "Not Found Error", "resource_type": "tweet",
         "parameter": "ids", "resource_id": "1", "type": "https://api.twitter.com/2/problems/resource-not-found"}
n = 1000
while True:
    tweets = [{"id": str(1460323737035677698 + i), "text": "tweet number %d with some text" % i} for i in range(n)]
    text = head + json.dumps({"data": tweets, "errors": [error]})
    if len(text) >= 1 << 20:
        break
    n += 1000
open(sys.argv[1], "w").write(text)
PY
size=$(stat -c %s "$work/1m.txt")
runs=50
start=$(date +%s%N)
for _ in $(seq $runs); do "$twerr" --json < "$work/1m.txt" >/dev/null; done
end=$(date +%s%N)
echo "$(( size / 1024 )) KiB response piped to twerr --json: $(( (end - start) / runs / 1000 )) us per run (average of $runs; target <= 5000 us)"
start=$(date +%s%N)
for _ in $(seq $runs); do jq -e .errors < "$work/1m.txt" >/dev/null 2>&1 || true; done
end=$(date +%s%N)
echo "jq -e .errors on the same response (body after the headers is what jq can read; it fails on the header lines, early): $(( (end - start) / runs / 1000 )) us per run"
body_only=$work/1m-body.json
sed '1,/^\r\?$/d' "$work/1m.txt" > "$body_only"
start=$(date +%s%N)
for _ in $(seq $runs); do jq -e .errors < "$body_only" >/dev/null; done
end=$(date +%s%N)
echo "jq -e .errors on the body alone: $(( (end - start) / runs / 1000 )) us per run"
