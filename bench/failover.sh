#!/usr/bin/env bash
# VRRP failover latency at the wire, ours vs Debian's keepalived, side by side in one run (root).
#
# One segment: a bridge and three hosts (network namespaces): A (priority 150), B (priority 100)
# and an observer running tcpdump -tt on its eth0. For each implementation and each advert
# interval (1 s VRRPv2, 0.1 s and 0.01 s VRRPv3), both hosts run the same config with that
# implementation, and:
#   - SIGKILL: A is killed (whole process group) N times (restarted in between, it preempts B):
#     the gap is from A's last advert to B's first advert as MASTER; the protocol limit is the
#     master-down interval 3 x interval + skew (skew = (256 - 100) / 256 of the interval for
#     v3, of 1 s for v2).
#   - SIGTERM: A sends a priority-0 advert and exits; the gap is from that advert to B's first
#     advert, against B's skew time.
#
#   bench/failover.sh                # 5 repetitions of each
#   bench/failover.sh -n 20          # 20 repetitions
#   bench/failover.sh --only ours    # or --only keepalived
#   bench/failover.sh --intervals "1 0.1"
#
# Prints a table (implementation, interval, limit, median/min/max gap, median minus limit).
# Everything it makes (namespaces, bridge, daemons by pid, temp dir) goes on exit; KEEP_LOGS=1
# keeps the logs and captures.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
ours="$root/packaging/target/dist/bin/keepalived"
theirs=/usr/sbin/keepalived
reps=5
impls="keepalived ours"
intervals="1 0.1 0.01"
while [ $# -gt 0 ]; do
    case $1 in
        -n) reps=$2; shift ;;
        --only) impls=$2; shift ;;
        --intervals) intervals=$2; shift ;;
        -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option: $1 (try --help)" >&2; exit 2 ;;
    esac
    shift
done

[ "$(id -u)" -eq 0 ] || { echo "run as root (it creates network namespaces)" >&2; exit 1; }
for c in ip tcpdump awk setsid; do command -v $c >/dev/null || { echo "needs $c" >&2; exit 1; }; done
for impl in $impls; do
    if [ "$impl" = ours ] && [ ! -x "$ours" ]; then
        echo "build ours first: mvn -B -q install -DskipTests   (makes $ours)" >&2; exit 1
    fi
    if [ "$impl" = keepalived ] && [ ! -x "$theirs" ]; then
        echo "needs Debian's keepalived: apt-get install keepalived" >&2; exit 1
    fi
done

. "$root/packaging/demo/lib-netns.sh"
netns_init
tcpdump_pid=""
cleanup() {
    [ -n "$tcpdump_pid" ] && kill "$tcpdump_pid" 2>/dev/null
    netns_cleanup
}
trap cleanup EXIT
trap 'exit 130' INT TERM

vip=10.250.0.100
ip_a=10.250.0.1 ip_b=10.250.0.2
netns_segment a b obs
# The bridge floods everything (no learning, no snooping): the observer sees every advert.
ip link set "$NETNS_BRIDGE" type bridge ageing_time 0 mcast_snooping 0
work=$NETNS_WORK
cap=$work/capture.txt
ip netns exec "$(netns_name obs)" tcpdump -i eth0 -n -tt -l 'ip proto 112' >"$cap" 2>"$work/tcpdump.err" </dev/null &
tcpdump_pid=$!
for _ in $(seq 100); do grep -q 'listening on' "$work/tcpdump.err" 2>/dev/null && break; sleep 0.05; done

write_conf() { # write_conf FILE ROUTER_ID PRIORITY VERSION INTERVAL
    cat >"$1" <<EOF
global_defs {
    router_id $2
    vrrp_version $4
}

vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority $3
    advert_int $5
    virtual_ipaddress {
        $vip/24
    }
}
EOF
}

wait_until() { # wait_until SECONDS COMMAND...: polls every 10 ms
    local deadline=$(( $(now_ms) + $1 * 1000 )); shift
    until "$@"; do
        [ "$(now_ms)" -lt "$deadline" ] || return 1
        sleep 0.01
    done
}

sole_a() { netns_holds a $vip && ! netns_holds b $vip; }
b_holds() { netns_holds b $vip; }

fail() {
    echo "FAILED: $*" >&2
    tail -n 15 "$work"/a.log "$work"/b.log >&2 || true
    exit 1
}

# first_advert SRC PRIO AFTER_US: epoch µs of SRC's first advert with priority PRIO after AFTER_US
first_advert() {
    awk -v src="$1" -v prio="$2" -v after="$3" '
        { t = $1; sub(/\./, "", t) }
        $3 == src && $0 ~ ("prio " prio ",") && t + 0 > after + 0 { print t; exit }' "$cap"
}

# last_advert SRC BEFORE_US: epoch µs of SRC's last advert before BEFORE_US
last_advert() {
    awk -v src="$1" -v before="$2" '
        { t = $1; sub(/\./, "", t) }
        $3 == src && t + 0 < before + 0 { last = t }
        END { if (last != "") print last }' "$cap"
}

# await_advert SRC PRIO AFTER_US: waits (5 s) until the capture shows it, prints its time
await_advert() {
    local t=""
    for _ in $(seq 500); do
        t=$(first_advert "$@")
        [ -n "$t" ] && { echo "$t"; return 0; }
        sleep 0.01
    done
    return 1
}

# stats "v1 v2 ...": median min max of the values (ms, one decimal)
stats() {
    tr ' ' '\n' <<<"$1" | grep -v '^$' | sort -g | awk '
        { v[NR] = $1 }
        END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
              printf "%.1f %.1f %.1f\n", m, v[1], v[NR] }'
}

results=()
for impl in $impls; do
    if [ "$impl" = ours ]; then bin=$ours; else bin=$theirs; fi
    for int in $intervals; do
        if [ "$int" = 1 ]; then ver=2; else ver=3; fi
        write_conf "$work/a.conf" a 150 $ver "$int"
        write_conf "$work/b.conf" b 100 $ver "$int"
        # limit = 3 x interval + skew of B (priority 100)
        read -r limit skew < <(awk -v i="$int" -v v=$ver 'BEGIN {
            s = (256 - 100) / 256 * (v == 2 ? 1000 : i * 1000); printf "%.1f %.1f\n", 3 * i * 1000 + s, s }')
        settle=$(awk -v i="$int" 'BEGIN { x = 5 * i; if (x < 0.5) x = 0.5; print x }')
        echo "== $impl, advert_int $int s (VRRPv$ver): limit $limit ms, skew $skew ms" >&2
        kd_start a "$bin" "$work/a.conf"
        wait_until 30 sole_a || fail "$impl: A never became MASTER"
        kd_start b "$bin" "$work/b.conf"
        wait_until 30 grep -q 'Entering BACKUP STATE' "$work/b.log" || fail "$impl: B never entered BACKUP"
        sleep "$settle"
        gaps=""
        for r in $(seq "$reps"); do
            sole_a || fail "$impl: A is not the sole holder before repetition $r"
            t_kill=$(now_us)
            kd_signal a KILL group
            first=$(await_advert $ip_b 100 "$t_kill") || fail "$impl: no advert from B after the kill"
            last=$(last_advert $ip_a "$first")
            gap=$(awk -v f="$first" -v l="$last" 'BEGIN { printf "%.1f", (f - l) / 1000 }')
            echo "   SIGKILL #$r: gap $gap ms" >&2
            gaps="$gaps $gap"
            kd_wait_gone a
            # restart A: it removes its stale VIP and preempts B
            kd_start a "$bin" "$work/a.conf"
            wait_until 30 sole_a || fail "$impl: restarted A never became the sole holder"
            sleep "$settle"
        done
        read -r med min max < <(stats "$gaps")
        results+=("$impl $int v$ver SIGKILL $limit $med $min $max")
        # graceful: SIGTERM on A, priority-0 advert -> B's first advert (vs skew)
        tgaps=""
        for r in $(seq "$reps"); do
            sole_a || fail "$impl: A is not the sole holder before SIGTERM $r"
            t_term=$(now_us)
            kd_signal a TERM
            zero=$(await_advert $ip_a 0 "$t_term") || fail "$impl: no priority-0 advert from A"
            first=$(await_advert $ip_b 100 "$zero") || fail "$impl: no advert from B after the priority-0 advert"
            gap=$(awk -v f="$first" -v z="$zero" 'BEGIN { printf "%.1f", (f - z) / 1000 }')
            echo "   SIGTERM #$r: gap $gap ms" >&2
            tgaps="$tgaps $gap"
            kd_wait_gone a
            kd_start a "$bin" "$work/a.conf"
            wait_until 30 sole_a || fail "$impl: restarted A never became the sole holder"
            sleep "$settle"
        done
        read -r med min max < <(stats "$tgaps")
        results+=("$impl $int v$ver SIGTERM $skew $med $min $max")
        kd_signal a KILL group
        kd_signal b KILL group
        kd_wait_gone a
        kd_wait_gone b
        ip -n "$(netns_name a)" addr del $vip/24 dev eth0 2>/dev/null || true
        ip -n "$(netns_name b)" addr del $vip/24 dev eth0 2>/dev/null || true
    done
done

echo
printf '%-11s %-9s %-5s %-8s %-10s %-9s %-9s %-9s %-9s\n' implementation interval proto signal "limit(ms)" median min max "med-limit"
for line in "${results[@]}"; do
    read -r impl int ver sig limit med min max <<<"$line"
    delta=$(awk -v m="$med" -v l="$limit" 'BEGIN { printf "%+.1f", m - l }')
    printf '%-11s %-9s %-5s %-8s %-10s %-9s %-9s %-9s %-9s\n' "$impl" "${int}s" "$ver" "$sig" "$limit" "$med" "$min" "$max" "$delta"
done
echo "(n = $reps each; SIGKILL limit = 3 x interval + skew, SIGTERM limit = skew; gaps at the wire, tcpdump -tt on an observer)"
