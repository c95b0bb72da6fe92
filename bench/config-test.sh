#!/usr/bin/env bash
# Benchmark 7 (issue 6): `keepalived -t` on a generated 283k-line config, whole process
# (JVM start included), ours vs Debian's keepalived 2.2.7, same run, same file.
#   usage: bench/config-test.sh [RUNS]        (default 5; build first: mvn -B -q package -DskipTests)
# The config names eth0 (keepalived's -t needs the interface to exist).
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${1:-5}
out=bench/out
conf=$out/config-test.conf
ours=${OURS:-packaging/target/dist/bin/keepalived}
theirs=${THEIRS:-/usr/sbin/keepalived}
mkdir -p "$out"

# 10,000 virtual servers x 4 real servers (TCP_CHECK each) + 255 vrrp_instances on eth0.
awk 'BEGIN {
    print "global_defs {\n    router_id BENCH\n}\n"
    for (v = 0; v < 10000; v++) {
        printf "virtual_server 10.%d.%d.%d 80 {\n", int(v / 65536) + 10, int(v / 256) % 256, v % 256
        print "    delay_loop 6\n    lb_algo rr\n    lb_kind NAT\n    persistence_timeout 50\n    protocol TCP"
        for (r = 1; r <= 4; r++) {
            printf "    real_server 192.168.%d.%d 80 {\n", int(v / 250) % 256, (v % 250) + r
            print "        TCP_CHECK {\n            connect_timeout 3\n        }\n    }"
        }
        print "}\n"
    }
    for (i = 1; i <= 255; i++) {
        printf "vrrp_instance VI_%d {\n    state BACKUP\n    interface eth0\n    virtual_router_id %d\n", i, i
        print "    priority 100\n    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass 1111\n    }"
        printf "    virtual_ipaddress {\n        10.200.%d.1/32\n    }\n}\n", i
    }
}' > "$conf"
lines=$(wc -l < "$conf")

# time_runs NAME CMD... -> prints "median min exit" (seconds, wall clock of the whole process)
time_runs() {
    local name=$1; shift
    local times=() rc=0
    for ((i = 0; i < runs; i++)); do
        local t0 t1
        t0=$(date +%s%N)
        rc=0
        "$@" >/dev/null 2>"$out/$name.err" || rc=$?
        t1=$(date +%s%N)
        times+=("$(( (t1 - t0) / 1000000 ))")
    done
    printf '%s\n' "${times[@]}" | sort -n | awk -v rc="$rc" '
        { t[NR] = $1 } END { printf "%.3f %.3f %d\n", t[int((NR + 1) / 2)] / 1000, t[1] / 1000, rc }'
}

read -r om omin orc < <(time_runs ours "$ours" -t -f "$conf")
read -r km kmin krc < <(time_runs keepalived "$theirs" -t -f "$conf")

echo "config: $conf ($lines lines, $(du -h "$conf" | cut -f1)), $runs runs each, $(date -u +%FT%TZ), $(nproc) CPU"
printf '| %-22s | %8s | %8s | %4s |\n' implementation "median s" "min s" exit
printf '|%s|%s|%s|%s|\n' "------------------------" "----------" "----------" "------"
printf '| %-22s | %8s | %8s | %4s |\n' "keepalived-java" "$om" "$omin" "$orc"
printf '| %-22s | %8s | %8s | %4s |\n' "keepalived 2.2.7" "$km" "$kmin" "$krc"
awk -v a="$om" -v b="$km" 'BEGIN { printf "ratio ours/keepalived (median): %.2f\n", a / b }'
[ "$orc" = "$krc" ] || echo "NOTE: exit codes differ (ours $orc, keepalived $krc): see $out/ours.err and $out/keepalived.err"
