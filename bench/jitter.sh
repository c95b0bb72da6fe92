#!/usr/bin/env bash
# Advert timing jitter of ONE instance at advert_int 0.01 (VRRPv3), ours vs Debian's keepalived
# in one run (root). One host (network namespace) on a bridge runs the daemon as MASTER; tcpdump
# -tt on the host's eth0 records every advert it sends for SECONDS; the inter-advert gaps give
# p50 (drift: should be 10.00 ms), p99, p99.9 and max. Each implementation runs plain and with
# realtime scheduling (global_defs vrrp_rt_priority 50, keepalived's own knob: both honour it).
#
#   bench/jitter.sh                    # 30 s per run
#   bench/jitter.sh --long             # 300 s per run
#   bench/jitter.sh -s 10 --variants "ours ours+rt"
#
# Prints one line per variant: variant, n, p50, p99, p99.9, max (ms), CPU % of the daemon's
# process tree, load average at the start, and "machine": the worst stall (ms) that
# bench/machine-stalls.py saw meanwhile, i.e. the whole VM held up (a max gap close to it is the
# machine's, not the daemon's; on the 2-vCPU VM such stalls of 20-80 ms hit keepalived alike).
# Everything it makes is removed on exit.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
secs=30
variants="keepalived ours keepalived+rt ours+rt"
while [ $# -gt 0 ]; do
    case $1 in
        -s) secs=$2; shift ;;
        --long) secs=300 ;;
        --variants) variants=$2; shift ;;
        -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option: $1 (try --help)" >&2; exit 2 ;;
    esac
    shift
done
. "$root/packaging/demo/lib-netns.sh"
. "$here/lib-bench.sh"
bench_require $(for v in $variants; do echo "${v%+rt}"; done | sort -u)

netns_init
cap_pid=""
cleanup() { [ -n "$cap_pid" ] && kill "$cap_pid" 2>/dev/null; netns_cleanup; }
trap cleanup EXIT
trap 'exit 130' INT TERM
netns_segment a
work=$NETNS_WORK

echo "# jitter: 1 instance, advert_int 0.01 (v3), ${secs} s per variant; $(machine_line)" >&2
printf '%-14s %7s %7s %7s %7s %7s %6s %5s %8s\n' variant n p50 p99 p99.9 max cpu% load machine
for v in $variants; do
    impl=${v%+rt}
    rt=""
    [ "$v" != "$impl" ] && rt="    vrrp_rt_priority 50"
    cat >"$work/a.conf" <<EOF
global_defs {
    router_id a
    vrrp_version 3
$rt
}
vrrp_instance VI_1 {
    state MASTER
    interface eth0
    virtual_router_id 51
    priority 150
    advert_int 0.01
    virtual_ipaddress {
        10.250.0.100/24
    }
}
EOF
    l=$(load1)
    : >"$work/a.log"
    kd_start a "$(impl_bin "$impl")" "$work/a.conf"
    for _ in $(seq 300); do grep -q 'Entering MASTER STATE' "$work/a.log" && break; sleep 0.1; done
    grep -q 'Entering MASTER STATE' "$work/a.log" || { echo "$v never became MASTER" >&2; tail "$work/a.log" >&2; exit 1; }
    sleep 2 # past the GARP burst and the JIT's first compilations
    ip netns exec "$(netns_name a)" tcpdump -i eth0 -n -tt -l -B 4096 'ip proto 112' \
        >"$work/cap.txt" 2>"$work/tcpdump.err" </dev/null &
    cap_pid=$!
    for _ in $(seq 100); do grep -q 'listening on' "$work/tcpdump.err" 2>/dev/null && break; sleep 0.05; done
    t0=$(tree_ticks "${KD_PID[a]}")
    machine_stalls_start "$secs" "$work/stalls.txt"
    sleep "$secs"
    t1=$(tree_ticks "${KD_PID[a]}")
    machine_stalls_wait
    mstall=$(machine_stalls_max "$work/stalls.txt")
    kill "$cap_pid"; wait "$cap_pid" 2>/dev/null || true; cap_pid=""
    kd_signal a KILL group; kd_wait_gone a
    ip -n "$(netns_name a)" addr del 10.250.0.100/24 dev eth0 2>/dev/null || true
    drops=$(awk '/dropped by kernel/ { print $1 }' "$work/tcpdump.err")
    [ "${drops:-0}" -eq 0 ] || echo "   $v: the capture lost $drops packets: gaps are upper bounds" >&2
    adverts_to_gaps 10.250.0.1 51 <"$work/cap.txt" >"$work/gaps.txt"
    read -r n p50 p99 p999 max < <(gap_stats "$work/gaps.txt")
    printf '%-14s %7s %7s %7s %7s %7s %6s %5s %8s\n' "$v" "$n" "$p50" "$p99" "$p999" "$max" \
        "$(cpu_percent "$t0" "$t1" "$secs")" "$l" "$mstall"
done
echo "# load at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
