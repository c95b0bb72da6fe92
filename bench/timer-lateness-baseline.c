/* Baseline for bench/timer-lateness.sh: the same single 10 ms timer in C (epoll + absolute
 * CLOCK_MONOTONIC timerfd, deadline += period), so the OS's share of the lateness is visible
 * next to the JVM's. usage: timer-lateness-baseline PERIOD_MS SECONDS
 * Written for this project; prints the same fields as keepalived.loop.LatenessBench. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

static int64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int cmp(const void *a, const void *b) {
    int64_t x = *(const int64_t *) a, y = *(const int64_t *) b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: %s PERIOD_MS SECONDS\n", argv[0]);
        return 2;
    }
    int64_t period = atoll(argv[1]) * 1000000;
    long n = (long) (atof(argv[2]) * 1e9 / period);
    int64_t *late = calloc(n, sizeof *late);
    int ep = epoll_create1(EPOLL_CLOEXEC);
    int tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    struct epoll_event ev = {.events = EPOLLIN, .data.u64 = 1};
    epoll_ctl(ep, EPOLL_CTL_ADD, tfd, &ev);
    int64_t deadline = now_ns() + period, missed = 0, sum = 0;
    for (long i = 0; i < n; i++) {
        struct itimerspec its = {.it_value = {deadline / 1000000000, deadline % 1000000000}};
        timerfd_settime(tfd, TFD_TIMER_ABSTIME, &its, NULL);
        struct epoll_event out;
        while (epoll_wait(ep, &out, 1, -1) != 1) {
        }
        int64_t now = now_ns();
        uint64_t ticks;
        if (read(tfd, &ticks, sizeof ticks) < 0) {
            perror("read");
        }
        late[i] = now - deadline;
        sum += late[i];
        deadline += period;
        while (deadline < now) { /* skip missed periods, keep the phase */
            deadline += period;
            missed++;
        }
    }
    qsort(late, n, sizeof *late, cmp);
#define P(q) (late[(long) ((q) * n + 0.999999) - 1] / 1e3)
    printf("C baseline: timers=1 period=%lldms firings=%ld missed=%lld p50=%.1fus p99=%.1fus p99.9=%.1fus"
           " max=%.1fus mean=%.1fus\n", (long long) (period / 1000000), n, (long long) missed,
           P(0.5), P(0.99), P(0.999), late[n - 1] / 1e3, sum / (double) n / 1e3);
    return 0;
}
