package io.samlad.bank;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What is derived from a bank's scenes alone, computed once on first use and kept while the bank is in use: per-query
 * work that depends only on the normal images (a place-consistency table, reference patch grids re-laid for the
 * distance kernel) moves here instead of being redone for every query.
 *
 * <p>Shared by the banks that share their scenes ({@link TemplateBank#withCalibration}, {@link
 * TemplateBank#withProvenance}): whatever is stored must therefore depend on the scenes (and on the key) only, never
 * on a bank's calibration or provenance. Keys are compared with {@code equals}: a private record per use (holding the
 * parameters the value depends on) keeps uses apart.
 *
 * <p>Thread-safe: concurrent queries asking for the same key wait for one computation; different keys compute
 * independently, and a computation may itself ask for other keys.
 */
public final class BankCache {
    private final ConcurrentHashMap<Object, Slot<?>> slots = new ConcurrentHashMap<>();

    /** The value stored under {@code key}, computed by {@code compute} on first use (never null). */
    @SuppressWarnings("unchecked")
    public <T> T get(Object key, Supplier<T> compute) {
        Slot<T> slot = (Slot<T>) slots.computeIfAbsent(key, k -> new Slot<T>());
        return slot.get(compute);
    }

    /** How many keys hold a value or a computation under way (for tests). */
    public int size() {
        return slots.size();
    }

    /** One lazily computed value: the map only creates the slot, so a computation can ask for other keys. */
    private static final class Slot<T> {
        private volatile T value;

        T get(Supplier<T> compute) {
            T v = value;
            if (v != null) {
                return v;
            }
            synchronized (this) {
                if (value == null) {
                    T made = compute.get();
                    if (made == null) {
                        throw new IllegalStateException("a bank cache value must not be null");
                    }
                    value = made;
                }
                return value;
            }
        }
    }
}
