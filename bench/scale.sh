#!/usr/bin/env bash
# Scale: 2000 VRRP instances at advert_int 1 (VRRPv2), one daemon alone (no peer), ours vs
# Debian's keepalived in one run (root). VRIDs repeat per interface, so host S gets 8 interfaces
# (veth pairs to a silent host P) with 250 instances each, one /32 VIP per instance. Measures the
# time from the start command until the log shows every instance MASTER (includes the protocol's
# master-down wait of 3 x 1 s + skew), then the CPU % of the daemon's process tree over SECONDS
# and its RSS (all processes summed).
#
#   bench/scale.sh                  # 2000 instances, 30 s of CPU measurement
#   bench/scale.sh --long           # 300 s
#   bench/scale.sh -n 1000 -s 10 --only ours --rt 50
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
secs=30
total=2000
impls="keepalived ours"
rt=""
while [ $# -gt 0 ]; do
    case $1 in
        -s) secs=$2; shift ;;
        -n) total=$2; shift ;;
        --long) secs=300 ;;
        --only) impls=$2; shift ;;
        --rt) rt=$2; shift ;;
        -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option: $1 (try --help)" >&2; exit 2 ;;
    esac
    shift
done
. "$root/packaging/demo/lib-netns.sh"
. "$here/lib-bench.sh"
bench_require $impls

per=250
ifaces=$(( (total + per - 1) / per ))
netns_init
trap netns_cleanup EXIT
trap 'exit 130' INT TERM
s=$(netns_name s) p=$(netns_name p)
ip netns add "$s"; NETNS_HOSTS+=(s)
ip netns add "$p"; NETNS_HOSTS+=(p)
ip -n "$s" link set lo up
for k in $(seq 0 $((ifaces - 1))); do
    ip -n "$s" link add "eth$k" type veth peer name "eth$k" netns "$p"
    ip -n "$s" link set "eth$k" up
    ip -n "$p" link set "eth$k" up
    ip -n "$s" addr add "10.252.$k.1/24" dev "eth$k"
done
work=$NETNS_WORK

{
    echo "global_defs {"
    echo "    router_id s"
    [ -n "$rt" ] && echo "    vrrp_rt_priority $rt"
    echo "}"
    for i in $(seq 0 $((total - 1))); do
        k=$((i / per)) v=$((i % per + 1))
        cat <<EOF
vrrp_instance VI_$i {
    state BACKUP
    interface eth$k
    virtual_router_id $v
    priority 100
    advert_int 1
    virtual_ipaddress {
        10.251.$k.$v/32
    }
}
EOF
    done
} >"$work/s.conf"

masters() { grep -c 'Entering MASTER STATE' "$work/s.log" 2>/dev/null || true; }

echo "# scale: $total instances at 1 s (v2) on $ifaces interfaces, alone; CPU over ${secs} s${rt:+, vrrp_rt_priority $rt}; $(machine_line)" >&2
printf '%-11s %11s %7s %9s %6s %5s\n' implementation all-master "cpu%" "rss(MiB)" procs load
for impl in $impls; do
    : >"$work/s.log"
    l=$(load1)
    start=$(now_ms)
    kd_start s "$(impl_bin "$impl")" "$work/s.conf"
    while [ "$(masters)" -lt "$total" ]; do
        [ $(( $(now_ms) - start )) -lt 120000 ] || { echo "$impl: only $(masters) MASTER after 120 s" >&2; tail "$work/s.log" >&2; exit 1; }
        kill -0 "${KD_PID[s]}" 2>/dev/null || { echo "$impl exited" >&2; tail "$work/s.log" >&2; exit 1; }
        sleep 0.05
    done
    ready=$(awk -v a="$start" -v b="$(now_ms)" 'BEGIN { printf "%.2f", (b - a) / 1000 }')
    sleep 5 # GARP bursts (5 per VIP, then 5 more 5 s later in keepalived's defaults) settle
    t0=$(tree_ticks "${KD_PID[s]}")
    sleep "$secs"
    t1=$(tree_ticks "${KD_PID[s]}")
    rss=$(( $(tree_rss_kib "${KD_PID[s]}") / 1024 ))
    procs=$(tree_count "${KD_PID[s]}")
    kd_signal s KILL group; kd_wait_gone s
    for k in $(seq 0 $((ifaces - 1))); do ip -n "$s" addr flush dev "eth$k" to 10.251.0.0/16 2>/dev/null || true; done
    printf '%-11s %10ss %7s %9s %6s %5s\n' "$impl" "$ready" "$(cpu_percent "$t0" "$t1" "$secs")" "$rss" "$procs" "$l"
done
echo "# load at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
