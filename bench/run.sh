#!/usr/bin/env bash
# twerr's benchmarks, measured in one run on one machine so that ratios compare like with
# like. Prints figures; asserts nothing (machines here are shared and noisy).
#   bench/run.sh [LOG_MIB]      default 1024 (the big log); needs python3, GNU time, grep
set -euo pipefail
cd "$(dirname "$0")/.."
big_mib=${1:-1024}
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
echo "== scan throughput against grep -c '\"code\"' (${big_mib} MiB synthetic log) =="
python3 bench/gen_log.py "$work/big.log" "$big_mib"
python3 bench/gen_log.py "$work/100m.log" 100
t_scan=$(best "$twerr" scan "$work/big.log")
t_grep=$(best grep -c '"code"' "$work/big.log")
awk -v s="$t_scan" -v g="$t_grep" -v m="$big_mib" 'BEGIN {
  printf "twerr scan: %.2f s (%.0f MiB/s)\ngrep -c:    %.2f s (%.0f MiB/s)\nratio: twerr scan runs at %.3fx the throughput of grep -c (target >= 0.5x)\n",
    s, m / s, g, m / (g > 0 ? g : 0.001), (g > 0 ? g : 0.001) / s }'

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
echo "$(( size / 1024 )) KiB response piped to twerr --json: $(( (end - start) / runs / 1000 )) us per run (average of $runs)"
