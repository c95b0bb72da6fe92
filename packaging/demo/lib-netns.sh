# Shared shell code for the VRRP demo (packaging/demo/failover.sh) and the failover benchmark
# (bench/failover.sh): one Ethernet segment (a bridge in the root namespace, one network namespace
# per host with eth0 on the bridge, 10.250.0.N/24) and VRRP daemons started in those hosts, each
# leading its own session so it is signalled as a group by its pid. Source it, then:
#
#   netns_init                 # names unique to this shell's pid, a temp dir in $NETNS_WORK
#   trap netns_cleanup EXIT    # stops the daemons (by pid) and removes what netns_segment made
#   netns_segment a b c        # hosts a (10.250.0.1), b (.2), c (.3)
#   kd_start a /usr/sbin/keepalived CONF   # sets KD_PID[a]; log in $NETNS_WORK/a.log
#   netns_holds a 10.250.0.100 && echo "a holds the VIP"
#   kd_signal a KILL; kd_wait_gone a
#
# Needs root and iproute2. Nothing is ever stopped by name.

NETNS_TAG=""
NETNS_WORK=""
NETNS_HOSTS=()
NETNS_BRIDGE=""
declare -A KD_PID=()

netns_init() {
    NETNS_TAG=kj$$ # unique per run: names never collide with a leftover
    NETNS_BRIDGE=${NETNS_TAG}br
    NETNS_WORK=$(mktemp -d /tmp/keepalived-netns.XXXXXX)
}

netns_name() { echo "${NETNS_TAG}$1"; } # netns_name HOST: the host's namespace

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
now_us() { echo $(( $(date +%s%N) / 1000 )); }

# netns_segment HOST...: the bridge and one namespace per host; host i gets 10.250.0.i/24 on eth0.
netns_segment() {
    local i=0 h ns veth
    ip link add "$NETNS_BRIDGE" type bridge
    ip link set "$NETNS_BRIDGE" up
    for h in "$@"; do
        i=$((i + 1))
        ns=$(netns_name "$h") veth=${NETNS_TAG}v$h
        ip netns add "$ns"
        NETNS_HOSTS+=("$h")
        ip -n "$ns" link set lo up
        ip link add "$veth" type veth peer name eth0 netns "$ns"
        ip link set "$veth" master "$NETNS_BRIDGE" up
        ip -n "$ns" link set eth0 up
        ip -n "$ns" addr add "10.250.0.$i/24" dev eth0
    done
}

# netns_holds HOST ADDRESS: whether HOST's eth0 carries ADDRESS
netns_holds() {
    [[ " $(ip -n "$(netns_name "$1")" -br addr show dev eth0) " == *" $2/"* ]]
}

# kd_start HOST BINARY CONF: starts a keepalived-compatible daemon in HOST (-n -l -D), sets KD_PID[HOST]
kd_start() {
    local h=$1 bin=$2 conf=$3 w=$NETNS_WORK
    # A killed run leaves its pid files, and keepalived refuses to start while a pid in them
    # still exists (a killed child not yet reaped counts): they are ours, remove them.
    rm -f "$w/$h.pid" "$w/$h-vrrp.pid" "$w/$h-checkers.pid" "$w/$h-bfd.pid"
    # setsid: the daemon leads its own session, so it (and keepalived's children) can be
    # signalled as a group by its pid; the pid files stay in our temp dir.
    ip netns exec "$(netns_name "$h")" setsid "$bin" -n -l -D -f "$conf" \
        -p "$w/$h.pid" -r "$w/$h-vrrp.pid" -c "$w/$h-checkers.pid" -b "$w/$h-bfd.pid" \
        >>"$w/$h.log" 2>&1 </dev/null &
    KD_PID[$h]=$!
    disown "$!" # no job notices; cleanup stops it by pid
}

# kd_signal HOST SIGNAL [group]: SIGNAL to the daemon's main process, or with "group" to its whole group
kd_signal() {
    local p=${KD_PID[$1]:-}
    [ -n "$p" ] || return 0
    if [ "${3:-}" = group ]; then kill -"$2" -- "-$p" 2>/dev/null; else kill -"$2" "$p" 2>/dev/null; fi
    return 0
}

# kd_wait_gone HOST: waits (at most 5 s) until no process of the daemon's session is left
kd_wait_gone() {
    local p=${KD_PID[$1]:-}
    [ -n "$p" ] || return 0
    for _ in $(seq 100); do
        ps -o stat= -s "$p" 2>/dev/null | grep -qv '^Z' || break
        sleep 0.05
    done
    KD_PID[$1]=""
}

netns_cleanup() {
    set +e
    local h
    for h in "${!KD_PID[@]}"; do kd_signal "$h" KILL group; done
    for h in "${!KD_PID[@]}"; do kd_wait_gone "$h"; done
    for h in "${NETNS_HOSTS[@]}"; do
        ip link del "${NETNS_TAG}v$h" 2>/dev/null
        ip netns del "$(netns_name "$h")" 2>/dev/null
    done
    [ -n "$NETNS_BRIDGE" ] && ip link del "$NETNS_BRIDGE" 2>/dev/null
    if [ -n "$NETNS_WORK" ]; then
        if [ -n "${KEEP_LOGS:-}" ]; then echo "logs kept in $NETNS_WORK" >&2; else rm -rf "$NETNS_WORK"; fi
    fi
    return 0
}
