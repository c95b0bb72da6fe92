#!/usr/bin/env bash
# VRRP failover demo (run as root): two hosts (network namespaces) on a bridge, each running a
# VRRP daemon from etc/failover-a.conf (priority 150) and etc/failover-b.conf (priority 100).
# Shows who holds the VIP, kills the master with SIGKILL, shows the VIP move to the backup and how
# long it took, then removes everything it made (also on Ctrl-C or an error).
#
#   packaging/demo/failover.sh               # two of ours (packaging/target/dist/bin/keepalived)
#   packaging/demo/failover.sh --keepalived  # two of Debian's /usr/sbin/keepalived, for comparison
#   packaging/demo/failover.sh --mixed       # ours on A, Debian's keepalived on B
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
ours="$root/packaging/target/dist/bin/keepalived"
theirs=/usr/sbin/keepalived
impl_a=ours
impl_b=ours
for arg in "$@"; do
    case $arg in
        --keepalived) impl_a=keepalived; impl_b=keepalived ;;
        --mixed) impl_a=ours; impl_b=keepalived ;;
        -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option: $arg (try --help)" >&2; exit 2 ;;
    esac
done

[ "$(id -u)" -eq 0 ] || { echo "run as root (it creates network namespaces)" >&2; exit 1; }
command -v ip >/dev/null || { echo "needs iproute2 (ip)" >&2; exit 1; }
for impl in $impl_a $impl_b; do
    if [ "$impl" = ours ] && [ ! -x "$ours" ]; then
        echo "build ours first: mvn -B -q install -DskipTests   (makes $ours)" >&2; exit 1
    fi
    if [ "$impl" = keepalived ] && [ ! -x "$theirs" ]; then
        echo "needs Debian's keepalived: apt-get install keepalived" >&2; exit 1
    fi
done

vip=10.250.0.100
tag=kjd$$                     # unique per run: names never collide with a leftover
ns_a=${tag}a ns_b=${tag}b bridge=${tag}br veth_a=${tag}va veth_b=${tag}vb
work=$(mktemp -d /tmp/keepalived-demo.XXXXXX)
pid_a="" pid_b=""

cleanup() {
    set +e
    for p in $pid_a $pid_b; do
        # each daemon leads its own session (setsid): stop its whole group by pid
        kill -KILL -- "-$p" 2>/dev/null
    done
    for p in $pid_a $pid_b; do
        for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    done
    ip link del "$veth_a" 2>/dev/null
    ip link del "$veth_b" 2>/dev/null
    ip netns del "$ns_a" 2>/dev/null
    ip netns del "$ns_b" 2>/dev/null
    ip link del "$bridge" 2>/dev/null
    if [ -n "${KEEP_LOGS:-}" ]; then echo "logs kept in $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

holds() { # holds NS: whether NS's eth0 carries the VIP
    [[ " $(ip -n "$1" -br addr show dev eth0) " == *" $vip/"* ]]
}

holder() {
    local who=""
    holds "$ns_a" && who="A"
    holds "$ns_b" && who="${who:+$who and }B"
    echo "${who:-nobody}"
}

wait_holder() { # wait_holder WHO SECONDS
    local deadline=$(( $(now_ms) + $2 * 1000 ))
    while [ "$(holder)" != "$1" ]; do
        [ "$(now_ms)" -lt "$deadline" ] || { echo "timed out waiting for $1 to hold $vip (holder: $(holder))" >&2; return 1; }
        sleep 0.01
    done
}

# --- the segment: a bridge and two hosts with eth0 on it
ip link add "$bridge" type bridge
ip link set "$bridge" up
for h in a b; do
    ns=${tag}$h veth=${tag}v$h
    ip netns add "$ns"
    ip -n "$ns" link set lo up
    ip link add "$veth" type veth peer name eth0 netns "$ns"
    ip link set "$veth" master "$bridge" up
    ip -n "$ns" link set eth0 up
done
ip -n "$ns_a" addr add 10.250.0.1/24 dev eth0
ip -n "$ns_b" addr add 10.250.0.2/24 dev eth0
echo "segment: bridge $bridge; host A = netns $ns_a (10.250.0.1), host B = netns $ns_b (10.250.0.2); VIP $vip"

start() { # start HOST IMPL CONF -> sets pid_HOST
    local h=$1 impl=$2 conf=$3 ns=${tag}$1 bin
    if [ "$impl" = ours ]; then bin=$ours; else bin=$theirs; fi
    # A killed run leaves its pid files, and keepalived refuses to start while a pid in them
    # still exists (a killed child not yet reaped counts): they are ours, remove them.
    rm -f "$work/$h.pid" "$work/$h-vrrp.pid" "$work/$h-checkers.pid" "$work/$h-bfd.pid"
    # setsid: the daemon leads its own session, so it (and keepalived's children) can be
    # signalled as a group by its pid; the pid files stay in our temp dir.
    ip netns exec "$ns" setsid "$bin" -n -l -D -f "$conf" \
        -p "$work/$h.pid" -r "$work/$h-vrrp.pid" -c "$work/$h-checkers.pid" -b "$work/$h-bfd.pid" \
        >>"$work/$h.log" 2>&1 &
    eval "pid_$h=$!"
    disown "$!" # no job notices; cleanup stops it by pid
    echo "started $impl on host $(echo "$h" | tr ab AB) (pid $!) with ${conf#"$root"/}"
}

start a "$impl_a" "$root/etc/failover-a.conf"
start b "$impl_b" "$root/etc/failover-b.conf"

wait_holder A 30 || { tail -n 20 "$work"/*.log >&2; exit 1; }
sleep 1
echo "VIP $vip is held by: $(holder)   (A has priority 150, B 100)"

echo "killing the master (host A, pid $pid_a) with SIGKILL ..."
t0=$(now_ms)
kill -KILL -- "-$pid_a"
wait_holder "A and B" 10 || { tail -n 20 "$work"/*.log >&2; exit 1; }
t1=$(now_ms)
echo "VIP $vip moved to B after $((t1 - t0)) ms (a crashed daemon leaves its copy on A; B answers ARP for it now)"
pid_a=""
echo "  host A eth0: $(ip -n "$ns_a" -br addr show dev eth0 | cut -c33-)"
echo "  host B eth0: $(ip -n "$ns_b" -br addr show dev eth0 | cut -c33-)"

echo "restarting A: with the higher priority it preempts B ..."
t0=$(now_ms)
start a "$impl_a" "$root/etc/failover-a.conf"
sleep 0.2 # the stale copy on A goes first (the restarted daemon removes it at start)
wait_holder A 30 || { tail -n 20 "$work"/*.log >&2; exit 1; }
t1=$(now_ms)
echo "VIP $vip is back on A after $((t1 - t0)) ms (including the daemon's start-up); held by: $(holder)"
echo "done; cleaning up"
