/**
 * The event loop of a child process: one thread that sleeps in epoll until a file descriptor is
 * readable, a timer is due or another thread hands it work; timers on absolute monotonic
 * deadlines so periodic adverts never drift; lateness measured for every timer.
 */
package keepalived.loop;
