#!/usr/bin/env bash
# Robustness under load: 100 VRRP instances at advert_int 0.01 (VRRPv3) between a master (A,
# priority 150) and a backup (B, priority 100) running the SAME implementation, two hosts on one
# bridge, for SECONDS; ours vs Debian's keepalived in one run (root). Counts the backup's false
# takeovers (its "Entering MASTER STATE" lines during the window: A never stops, so every one is
# false), the CPU % of each daemon's whole process tree (utime+stime deltas over the window), and
# the master's inter-advert gaps (all VRIDs, each against its own previous advert) from a capture
# on A's eth0.
#
#   bench/robustness.sh                 # 60 s per implementation
#   bench/robustness.sh --long          # 600 s
#   bench/robustness.sh -s 20 --only ours -i 100 --rt 50
#
# Options: -s SECONDS, -i INSTANCES (100), --only IMPLS, --rt PRIO (vrrp_rt_priority in both).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
secs=60
count=100
impls="keepalived ours"
rt=""
while [ $# -gt 0 ]; do
    case $1 in
        -s) secs=$2; shift ;;
        -i) count=$2; shift ;;
        --long) secs=600 ;;
        --only) impls=$2; shift ;;
        --rt) rt=$2; shift ;;
        -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option: $1 (try --help)" >&2; exit 2 ;;
    esac
    shift
done
[ "$count" -le 255 ] || { echo "at most 255 instances (VRIDs on one interface)" >&2; exit 2; }
. "$root/packaging/demo/lib-netns.sh"
. "$here/lib-bench.sh"
bench_require $impls

netns_init
cap_pid=""
cleanup() { [ -n "$cap_pid" ] && kill "$cap_pid" 2>/dev/null; netns_cleanup; }
trap cleanup EXIT
trap 'exit 130' INT TERM
netns_segment a b
work=$NETNS_WORK

write_conf() { # FILE ROUTER_ID PRIORITY
    {
        echo "global_defs {"
        echo "    router_id $2"
        echo "    vrrp_version 3"
        [ -n "$rt" ] && echo "    vrrp_rt_priority $rt"
        echo "}"
        for i in $(seq "$count"); do
            cat <<EOF
vrrp_instance VI_$i {
    state BACKUP
    interface eth0
    virtual_router_id $i
    priority $3
    advert_int 0.01
    virtual_ipaddress {
        10.250.1.$i/32
    }
}
EOF
        done
    } >"$1"
}
write_conf "$work/a.conf" a 150
write_conf "$work/b.conf" b 100
masters() { grep -c 'Entering MASTER STATE' "$1" 2>/dev/null || true; }

echo "# robustness: $count instances at 0.01 s (v3), master + backup, ${secs} s${rt:+, vrrp_rt_priority $rt}; $(machine_line)" >&2
printf '%-11s %9s %8s %8s %7s %7s %7s %7s %5s %8s\n' implementation takeovers "cpu%A" "cpu%B" p50 p99 p99.9 max load machine
for impl in $impls; do
    bin=$(impl_bin "$impl")
    : >"$work/a.log"; : >"$work/b.log"
    l=$(load1)
    echo "   $impl: starting A ($(date +%T))" >&2
    kd_start a "$bin" "$work/a.conf"
    for _ in $(seq 300); do [ "$(masters "$work/a.log")" -ge "$count" ] && break; sleep 0.1; done
    if [ "$(masters "$work/a.log")" -lt "$count" ]; then
        # keepalived's VRRP child has been seen dying here (vrrp_rt_priority): a row, not an abort
        echo "$impl: A has not all instances MASTER after 30 s" >&2; tail -n 5 "$work/a.log" >&2
        printf '%-11s %9s\n' "$impl" "failed"
        kd_signal a KILL group; kd_wait_gone a
        continue
    fi
    echo "   $impl: A is MASTER of all, starting B ($(date +%T))" >&2
    kd_start b "$bin" "$work/b.conf"
    for _ in $(seq 300); do [ "$(grep -c 'Entering BACKUP STATE' "$work/b.log")" -ge "$count" ] && break; sleep 0.1; done
    sleep 3 # start-up transients (B's first master-down timers, JIT) do not count
    ip netns exec "$(netns_name a)" tcpdump -i eth0 -n -s 64 -B 16384 -w "$work/a.pcap" 'ip proto 112' \
        2>"$work/tcpdump.err" </dev/null &
    cap_pid=$!
    for _ in $(seq 100); do grep -q 'listening on' "$work/tcpdump.err" 2>/dev/null && break; sleep 0.05; done
    echo "   $impl: measuring ($(date +%T))" >&2
    m0=$(masters "$work/b.log")
    ta0=$(tree_ticks "${KD_PID[a]}"); tb0=$(tree_ticks "${KD_PID[b]}")
    machine_stalls_start "$secs" "$work/stalls.txt"
    sleep "$secs"
    ta1=$(tree_ticks "${KD_PID[a]}"); tb1=$(tree_ticks "${KD_PID[b]}")
    machine_stalls_wait
    m1=$(masters "$work/b.log")
    kill "$cap_pid"; wait "$cap_pid" 2>/dev/null || true; cap_pid=""
    kd_signal a KILL group; kd_signal b KILL group; kd_wait_gone a; kd_wait_gone b
    for h in a b; do ip -n "$(netns_name $h)" addr flush dev eth0 scope global to 10.250.1.0/24 2>/dev/null || true; done
    drops=$(awk '/dropped by kernel/ { print $1 }' "$work/tcpdump.err")
    [ "${drops:-0}" -eq 0 ] || echo "   $impl: the capture lost $drops packets: gaps are upper bounds" >&2
    tcpdump -r "$work/a.pcap" -n -tt 2>/dev/null | adverts_to_gaps 10.250.0.1 >"$work/gaps.txt"
    read -r n p50 p99 p999 max < <(gap_stats "$work/gaps.txt")
    printf '%-11s %9s %8s %8s %7s %7s %7s %7s %5s %8s\n' "$impl" $((m1 - m0)) \
        "$(cpu_percent "$ta0" "$ta1" "$secs")" "$(cpu_percent "$tb0" "$tb1" "$secs")" "$p50" "$p99" "$p999" "$max" "$l" \
        "$(machine_stalls_max "$work/stalls.txt")"
    if [ -n "${KEEP_LOGS:-}" ]; then cp "$work/b.log" "$work/$impl-b.log"; fi
done
echo "# load at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
