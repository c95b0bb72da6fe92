package keepalived.vrrp.it;

import java.util.function.BooleanSupplier;

/** Bounded polling for the integration tests (never an unbounded wait). */
final class Wait {
    private Wait() {
    }

    /** Polls {@code condition} every 20 ms for at most {@code millis}; true as soon as it holds. */
    static boolean until(long millis, BooleanSupplier condition) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            sleep(20);
        }
    }

    /** Whether {@code condition} holds at every poll for {@code millis}. */
    static boolean holdsFor(long millis, BooleanSupplier condition) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        do {
            if (!condition.getAsBoolean()) {
                return false;
            }
            sleep(20);
        } while (System.nanoTime() < deadline);
        return true;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
