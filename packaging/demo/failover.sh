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
. "$here/lib-netns.sh"
netns_init
trap netns_cleanup EXIT
trap 'exit 130' INT TERM
ns_a=$(netns_name a) ns_b=$(netns_name b)

holds() { # holds HOST: whether the host's eth0 carries the VIP
    netns_holds "$1" "$vip"
}

holder() {
    local who=""
    holds a && who="A"
    holds b && who="${who:+$who and }B"
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
netns_segment a b
echo "segment: bridge $NETNS_BRIDGE; host A = netns $ns_a (10.250.0.1), host B = netns $ns_b (10.250.0.2); VIP $vip"

start() { # start HOST IMPL CONF
    local h=$1 impl=$2 conf=$3 bin
    if [ "$impl" = ours ]; then bin=$ours; else bin=$theirs; fi
    kd_start "$h" "$bin" "$conf"
    echo "started $impl on host $(echo "$h" | tr ab AB) (pid ${KD_PID[$h]}) with ${conf#"$root"/}"
}

start a "$impl_a" "$root/etc/failover-a.conf"
start b "$impl_b" "$root/etc/failover-b.conf"

wait_holder A 30 || { tail -n 20 "$NETNS_WORK"/*.log >&2; exit 1; }
sleep 1
echo "VIP $vip is held by: $(holder)   (A has priority 150, B 100)"

echo "killing the master (host A, pid ${KD_PID[a]}) with SIGKILL ..."
t0=$(now_ms)
kd_signal a KILL group
wait_holder "A and B" 10 || { tail -n 20 "$NETNS_WORK"/*.log >&2; exit 1; }
t1=$(now_ms)
echo "VIP $vip moved to B after $((t1 - t0)) ms (a crashed daemon leaves its copy on A; B answers ARP for it now)"
kd_wait_gone a
echo "  host A eth0: $(ip -n "$ns_a" -br addr show dev eth0 | cut -c33-)"
echo "  host B eth0: $(ip -n "$ns_b" -br addr show dev eth0 | cut -c33-)"

echo "restarting A: with the higher priority it preempts B ..."
t0=$(now_ms)
start a "$impl_a" "$root/etc/failover-a.conf"
sleep 0.2 # the stale copy on A goes first (the restarted daemon removes it at start)
wait_holder A 30 || { tail -n 20 "$NETNS_WORK"/*.log >&2; exit 1; }
t1=$(now_ms)
echo "VIP $vip is back on A after $((t1 - t0)) ms (including the daemon's start-up); held by: $(holder)"
echo "done; cleaning up"
