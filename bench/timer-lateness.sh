#!/usr/bin/env bash
# Benchmark (issue 3): how late timers fire on the real event loop (epoll + timerfd), with the
# launcher's JVM flags, over the built distribution's classpath.
#   usage: bench/timer-lateness.sh [SECONDS_LOAD] [SECONDS_SINGLE]   (defaults 10 and 100)
#   build first: mvn -B -q package -DskipTests
# Three runs, one JVM each, 2 s warm-up not counted:
#   single: 1 timer every 10 ms for 100 s = 10,000 firings (one instance's advert timer: the
#           loop sleeps between firings, so this is wake-up latency)
#   100:    100 timers every 10 ms, phases spread over the period (10,000 firings/s)
#   10000:  10,000 timers every 10 ms, phases spread (1,000,000 firings/s: the loop never sleeps)
# Lateness = clock read when the loop woke - the timer's absolute deadline.
# With a C compiler, bench/timer-lateness-baseline.c (the single timer in C: epoll + timerfd)
# runs beside the single Java run, so the OS's share of the lateness shows under the same load.
set -euo pipefail
cd "$(dirname "$0")/.."

load_s=${1:-10}
single_s=${2:-100}
dist=${DIST:-packaging/target/dist}
ls "$dist"/lib/keepalived-core-*.jar >/dev/null 2>&1 || {
    echo "no $dist/lib/keepalived-core-*.jar: build first (mvn -B -q package -DskipTests)" >&2
    exit 1
}
JAVA=${JAVA:-java}
[ -n "${JAVA_HOME:-}" ] && JAVA="$JAVA_HOME/bin/java"

# The daemon's flags from packaging/src/bin/keepalived (serial GC, C1 only, small heap); keep in step.
flags="-XX:+UseSerialGC -Xms16m -Xmx512m -Xss512k -XX:TieredStopAtLevel=1 \
 -XX:ReservedCodeCacheSize=32m -XX:MaxMetaspaceSize=96m -XX:-UsePerfData -Xshare:auto"

run() { # TIMERS PERIOD_MS SECONDS
    # shellcheck disable=SC2086
    "$JAVA" $flags -cp "$dist/lib/*" keepalived.loop.LatenessBench "$1" "$2" "$3" 2
}

baseline=
if command -v cc >/dev/null; then
    mkdir -p bench/out
    cc -O2 -o bench/out/timer-lateness-baseline bench/timer-lateness-baseline.c && baseline=bench/out/timer-lateness-baseline
fi

echo "# $(date -u +%FT%TZ), $(nproc) CPU, $(uname -r), $("$JAVA" -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -n "$baseline" ]; then
    # starts when the JVM's warm-up ends (about 2.5 s), measures as long
    (sleep 2.5; "$baseline" 10 "$single_s") > bench/out/timer-lateness-baseline.txt &
fi
run 1 10 "$single_s"
if [ -n "$baseline" ]; then
    wait
    cat bench/out/timer-lateness-baseline.txt
fi
run 100 10 "$load_s"
run 10000 10 "$load_s"
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
