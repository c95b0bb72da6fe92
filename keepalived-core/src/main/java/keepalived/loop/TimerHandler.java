package keepalived.loop;

/** What a timer does when it fires; {@code nowNs} is the clock read once for this loop cycle. */
@FunctionalInterface
public interface TimerHandler {
    void onTimer(Timer timer, long nowNs);
}
