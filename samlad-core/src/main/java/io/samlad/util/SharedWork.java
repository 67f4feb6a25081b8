package io.samlad.util;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Independent parts of one piece of work that a spare core and the caller work through together. A helper (see
 * {@link SideWork}) starts taking parts in order as soon as the work starts; the caller, once its own other work is
 * done, takes in {@link #finish()} the parts nobody has taken yet, and then waits only for the part a helper is still
 * on. So the caller never waits for work a helper has not begun (as it would for one {@link SideWork} that a helper
 * picked up late or runs slowly beside other threads), and without a spare core it runs every part itself.
 *
 * <p>Each part runs exactly once, on one thread; parts must not depend on each other and must write only their own
 * results, so the values are the same whichever thread runs which part.
 */
public final class SharedWork {
    private final int parts;
    private final IntConsumer part;
    private final AtomicInteger next = new AtomicInteger();
    private final SideWork<Boolean> helper;

    private SharedWork(int parts, IntConsumer part) {
        this.parts = parts;
        this.part = part;
        // one part alone is not worth a hand-over: the caller runs it in finish()
        this.helper = parts > 1 ? SideWork.start(() -> {
            take();
            return true;
        }) : null;
    }

    /**
     * Starts {@code parts} parts, {@code part.accept(i)} for i = 0 .. parts - 1 (taken in that order: put the largest
     * first, so that a helper starts on it early). {@link #finish()} must follow.
     */
    public static SharedWork start(int parts, IntConsumer part) {
        if (parts < 0) {
            throw new IllegalArgumentException("parts must be >= 0, got " + parts);
        }
        return new SharedWork(parts, part);
    }

    /** Runs parts until none is left untaken. */
    private void take() {
        for (int i = next.getAndIncrement(); i < parts; i = next.getAndIncrement()) {
            part.accept(i);
        }
    }

    /**
     * Takes every part not taken yet, then waits for the parts a helper is on; rethrows the first failure (the
     * caller's own before a helper's).
     */
    public void finish() {
        try {
            take();
        } catch (RuntimeException | Error e) {
            if (helper != null) {
                try {
                    helper.join();
                } catch (RuntimeException | Error ignored) {
                    // the caller's failure is the one reported
                }
            }
            throw e;
        }
        if (helper != null) {
            helper.join();
        }
    }
}
