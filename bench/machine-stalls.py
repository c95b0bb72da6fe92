#!/usr/bin/env python3
"""Machine stall probe: sleeps 1 ms in a loop for SECONDS and reports every wake-up that came
more than 10 ms late. Run beside a benchmark, it tells a stall of the whole machine (a VM whose
vCPUs the host holds up) from a stall of the daemon under test: both see the former.

    bench/machine-stalls.py SECONDS    ->  "stalls N max_ms M at HH:MM:SS.mmm,..."
"""
import sys
import time

seconds = float(sys.argv[1])
end = time.monotonic() + seconds
last = time.monotonic()
stalls = []
while True:
    time.sleep(0.001)
    now = time.monotonic()
    if now - last > 0.010:
        stalls.append((time.time(), (now - last) * 1000.0))
    last = now
    if now > end:
        break
worst = max((ms for _, ms in stalls), default=0.0)
when = ",".join(time.strftime("%H:%M:%S", time.gmtime(t)) + ".%03d" % int((t % 1) * 1000) for t, _ in stalls)
print("stalls %d max_ms %.1f at %s" % (len(stalls), worst, when or "-"))
