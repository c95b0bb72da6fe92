# Shared shell code for the side-by-side benchmarks (bench/jitter.sh, robustness.sh, scale.sh,
# footprint.sh): picking an implementation, measuring a daemon's whole process tree, capture
# statistics and the machine line. Source it after packaging/demo/lib-netns.sh.
#
#   impl_bin ours|keepalived         # the binary
#   tree_pids PID                    # PID and all its descendants, one a line
#   tree_ticks PID                   # utime+stime (clock ticks) summed over the tree
#   tree_rss_kib PID                 # VmRSS summed over the tree (KiB)
#   gap_stats FILE                   # FILE: one gap (ms) a line -> "n p50 p99 p99.9 max"
#   machine_line                     # date, CPUs, kernel, java, load average

BENCH_OURS=${BENCH_OURS:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/packaging/target/dist/bin/keepalived}
BENCH_THEIRS=${BENCH_THEIRS:-/usr/sbin/keepalived}
BENCH_HZ=$(getconf CLK_TCK)

impl_bin() {
    case $1 in
        ours) echo "$BENCH_OURS" ;;
        keepalived) echo "$BENCH_THEIRS" ;;
        *) echo "unknown implementation $1" >&2; return 1 ;;
    esac
}

bench_require() { # bench_require IMPL...: root, tools and the binaries
    [ "$(id -u)" -eq 0 ] || { echo "run as root (it creates network namespaces)" >&2; exit 1; }
    local c i
    for c in ip tcpdump awk setsid ps; do command -v $c >/dev/null || { echo "needs $c" >&2; exit 1; }; done
    for i in "$@"; do
        [ -x "$(impl_bin "$i")" ] || {
            echo "no $(impl_bin "$i"): build ours (mvn -B -q install -DskipTests) / apt-get install keepalived" >&2
            exit 1
        }
    done
}

# Every descendant counts: keepalived's parent and children, our launcher's JVM and any child JVM.
tree_pids() {
    ps -e -o pid=,ppid= | awk -v root="$1" '
        { kids[$2] = kids[$2] " " $1 }
        END {
            n = split(root, q, " "); head = 1
            while (head <= n) {
                p = q[head++]; print p
                m = split(kids[p], k, " ")
                for (i = 1; i <= m; i++) q[++n] = k[i]
            }
        }'
}

tree_ticks() {
    local p total=0 f
    for p in $(tree_pids "$1"); do
        # fields 14, 15 after the "(comm)" which may hold spaces
        f=$(sed 's/^.*) //' "/proc/$p/stat" 2>/dev/null | awk '{ print $12 + $13 }') || continue
        [ -n "$f" ] && total=$((total + f))
    done
    echo "$total"
}

tree_rss_kib() {
    local p total=0 r
    for p in $(tree_pids "$1"); do
        r=$(awk '/^VmRSS:/ { print $2 }' "/proc/$p/status" 2>/dev/null) || continue
        [ -n "$r" ] && total=$((total + r))
    done
    echo "$total"
}

tree_count() { tree_pids "$1" | wc -l; }

# cpu_percent TICKS_BEFORE TICKS_AFTER SECONDS: % of one CPU
cpu_percent() {
    awk -v a="$1" -v b="$2" -v s="$3" -v hz="$BENCH_HZ" 'BEGIN { printf "%.1f", (b - a) / hz / s * 100 }'
}

# gap_stats FILE: FILE holds one gap (ms) a line; prints "n p50 p99 p99.9 max" (ms, 2 decimals)
gap_stats() {
    sort -g "$1" | awk '
        { v[NR] = $1 }
        function pct(p,   i) { i = int(p * NR + 0.999999); if (i < 1) i = 1; if (i > NR) i = NR; return v[i] }
        END {
            if (NR == 0) { print "0 - - - -"; exit }
            printf "%d %.2f %.2f %.2f %.2f\n", NR, pct(0.5), pct(0.99), pct(0.999), v[NR]
        }'
}

# adverts_to_gaps SRC [VRID]: tcpdump -tt lines on stdin -> gaps (ms) between consecutive adverts
# of SRC (per VRID when none is given: the gaps of every VRID, each against its own previous)
adverts_to_gaps() {
    awk -v src="$1" -v want="${2:-}" '
        $3 != src { next }
        {
            vrid = ""
            for (i = 4; i < NF; i++) if ($i == "vrid") { vrid = $(i + 1); sub(/,$/, "", vrid) }
            if (want != "" && vrid != want) next
            if (vrid in last) printf "%.3f\n", ($1 - last[vrid]) * 1000
            last[vrid] = $1
        }'
}

machine_line() {
    local java
    java=$(java -version 2>&1 | head -1 | sed 's/"//g')
    echo "$(date -u +%FT%TZ), $(nproc) vCPU $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), Linux $(uname -r), $java, load $(cut -d' ' -f1-3 /proc/loadavg)"
}

load1() { cut -d' ' -f1 /proc/loadavg; }

# machine_stalls_start SECONDS FILE: runs bench/machine-stalls.py beside a benchmark (output in
# FILE); machine_stalls_wait waits for it (not from a $(...) subshell: it is this shell's child);
# machine_stalls_max FILE then prints the worst stall of the machine itself (ms), "-" if none ran
machine_stalls_start() {
    if command -v python3 >/dev/null 2>&1; then
        python3 "$(dirname "${BASH_SOURCE[0]}")/machine-stalls.py" "$1" >"$2" 2>/dev/null &
        STALL_PID=$!
    else
        STALL_PID=""
    fi
}
machine_stalls_wait() {
    if [ -n "${STALL_PID:-}" ]; then wait "$STALL_PID" 2>/dev/null || true; fi
}
machine_stalls_max() {
    awk '/^stalls/ { print $4; found = 1 } END { if (!found) print "-" }' "$1" 2>/dev/null || echo "-"
}

# owner_conf FILE: one instance on eth0 with priority 255 (the address owner: a VRRP process
# sends its first advert at once, no protocol wait), VIP 10.250.0.100/24
owner_conf() {
    cat >"$1" <<EOF
global_defs {
    router_id a
}
vrrp_instance VI_1 {
    state MASTER
    interface eth0
    virtual_router_id 51
    priority 255
    advert_int 1
    virtual_ipaddress {
        10.250.0.100/24
    }
}
EOF
}

# capture_adverts HOST FILE: tcpdump -tt of the VRRP packets on HOST's eth0 into FILE, in the
# background; prints tcpdump's pid once it is listening
capture_adverts() {
    local err="$2.err"
    ip netns exec "$(netns_name "$1")" tcpdump -i eth0 -n -tt -l 'ip proto 112' >"$2" 2>"$err" </dev/null &
    local pid=$!
    for _ in $(seq 100); do grep -q 'listening on' "$err" 2>/dev/null && break; sleep 0.05; done
    echo "$pid"
}

# owner_segment: the set-up footprint.sh and respawn.sh share (after lib-netns.sh): host a on a
# fresh segment with owner_conf in $work/a.conf and capture_adverts running into $work/cap.txt;
# sets work and cap_pid, and traps EXIT to stop the capture and remove the namespaces
owner_segment() {
    netns_init
    cap_pid=""
    trap '[ -n "$cap_pid" ] && kill "$cap_pid" 2>/dev/null; netns_cleanup' EXIT
    trap 'exit 130' INT TERM
    netns_segment a
    work=$NETNS_WORK
    owner_conf "$work/a.conf"
    cap_pid=$(capture_adverts a "$work/cap.txt")
}
