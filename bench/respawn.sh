#!/usr/bin/env bash
# Child respawn, ours vs Debian's keepalived in one run (root): a one-instance config (priority
# 255, the address owner, so a VRRP process adverts at once when it starts). The daemon runs for
# WARM seconds, then its VRRP child gets SIGKILL; the parent respawns it (keepalived's back-off:
# 1 s when the child ran less than 60 s, for both). Measures the time from the kill to the
# respawned child's first advert on the wire (tcpdump -tt, against the clock read just before the
# kill), median of N kills, each on a fresh daemon.
#
#   bench/respawn.sh              # 5 kills each
#   bench/respawn.sh -n 3 --only ours
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
reps=5
impls="keepalived ours"
warm=4
while [ $# -gt 0 ]; do
    case $1 in
        -n) reps=$2; shift ;;
        --only) impls=$2; shift ;;
        --warm) warm=$2; shift ;;
        -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option: $1 (try --help)" >&2; exit 2 ;;
    esac
    shift
done
. "$root/packaging/demo/lib-netns.sh"
. "$here/lib-bench.sh"
bench_require $impls

owner_segment

echo "# respawn: 1 instance, VRRP child SIGKILL after ${warm} s, median of $reps; $(machine_line)" >&2
printf '%-11s %18s %9s %9s %5s\n' implementation "kill-to-advert(ms)" "min(ms)" "max(ms)" load
for impl in $impls; do
    l=$(load1)
    : >"$work/times.txt"
    for r in $(seq "$reps"); do
        : >"$work/a.log"
        kd_start a "$(impl_bin "$impl")" "$work/a.conf"
        for _ in $(seq 300); do grep -q 'Entering MASTER STATE' "$work/a.log" && break; sleep 0.1; done
        sleep "$warm"
        child=$(cat "$work/a-vrrp.pid")
        t_kill=$(now_us)
        kill -KILL "$child"
        first=""
        for _ in $(seq 3000); do
            first=$(awk -v after="$t_kill" '{ t = $1; sub(/\./, "", t) } $3 == "10.250.0.1" && t + 0 > after + 0 { print t; exit }' "$work/cap.txt")
            [ -n "$first" ] && break
            sleep 0.01
        done
        [ -n "$first" ] || { echo "$impl: no advert within 30 s of the kill" >&2; tail "$work/a.log" >&2; exit 1; }
        ms=$(( (first - t_kill) / 1000 ))
        echo "$ms" >>"$work/times.txt"
        echo "   $impl #$r: respawned child adverts $ms ms after the kill" >&2
        kd_signal a KILL group; kd_wait_gone a
        ip -n "$(netns_name a)" addr del 10.250.0.100/24 dev eth0 2>/dev/null || true
    done
    read -r med lo hi < <(sort -n "$work/times.txt" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)], v[1], v[NR] }')
    printf '%-11s %18s %9s %9s %5s\n' "$impl" "$med" "$lo" "$hi" "$l"
done
echo "# load at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
