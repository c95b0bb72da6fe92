#!/usr/bin/env bash
# Footprint and start-up, ours vs Debian's keepalived in one run (root): a one-instance config
# (priority 255, the address owner, so the first advert leaves at once without a protocol
# wait). Measures the time from the start command to the first advert on the wire (tcpdump -tt
# on the host's eth0, against the clock read just before the command), and after SETTLE seconds
# the RSS summed over every process of the daemon (keepalived's parent and VRRP child; our
# launcher's JVM and any JVM it starts), min of N starts.
#
#   bench/footprint.sh            # 5 starts each
#   bench/footprint.sh -n 10 --only ours
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
reps=5
impls="keepalived ours"
settle=5
while [ $# -gt 0 ]; do
    case $1 in
        -n) reps=$2; shift ;;
        --only) impls=$2; shift ;;
        --settle) settle=$2; shift ;;
        -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option: $1 (try --help)" >&2; exit 2 ;;
    esac
    shift
done
. "$root/packaging/demo/lib-netns.sh"
. "$here/lib-bench.sh"
bench_require $impls

owner_segment

echo "# footprint: 1 instance, min of $reps starts; $(machine_line)" >&2
printf '%-11s %16s %9s %6s %5s\n' implementation "first-advert(ms)" "rss(MiB)" procs load
for impl in $impls; do
    best_t="" best_rss="" procs=0
    l=$(load1)
    for r in $(seq "$reps"); do
        : >"$work/a.log"
        t_start=$(now_us)
        kd_start a "$(impl_bin "$impl")" "$work/a.conf"
        first=""
        for _ in $(seq 1000); do
            first=$(awk -v after="$t_start" '{ t = $1; sub(/\./, "", t) } $3 == "10.250.0.1" && t + 0 > after + 0 { print t; exit }' "$work/cap.txt")
            [ -n "$first" ] && break
            sleep 0.01
        done
        [ -n "$first" ] || { echo "$impl: no advert within 10 s" >&2; tail "$work/a.log" >&2; exit 1; }
        ms=$(( (first - t_start) / 1000 ))
        sleep "$settle"
        rss=$(tree_rss_kib "${KD_PID[a]}")
        procs=$(tree_count "${KD_PID[a]}")
        kd_signal a KILL group; kd_wait_gone a
        ip -n "$(netns_name a)" addr del 10.250.0.100/24 dev eth0 2>/dev/null || true
        echo "   $impl #$r: first advert after $ms ms, RSS $((rss / 1024)) MiB in $procs processes" >&2
        [ -z "$best_t" ] || [ "$ms" -lt "$best_t" ] && best_t=$ms
        [ -z "$best_rss" ] || [ "$rss" -lt "$best_rss" ] && best_rss=$rss
    done
    printf '%-11s %16s %9s %6s %5s\n' "$impl" "$best_t" "$(awk -v k="$best_rss" 'BEGIN { printf "%.1f", k / 1024 }')" "$procs" "$l"
done
echo "# load at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
