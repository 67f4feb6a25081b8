package io.samlad.measure;

import io.samlad.objects.Scene;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Values derived once from a bank's scenes, found again by the identity of the scenes' list (a bank recalibrated at
 * fit shares its list). Identity, not equality: a {@code List}'s hash and equality visit every scene and object,
 * which cost a few milliseconds per query on a bank of 300 images. The lists are held weakly, so a bank that is no
 * longer used takes its values with it; at most {@link #CAPACITY} lists are kept.
 *
 * @param <V> the value kept per list
 */
final class SceneListCache<V> {
    static final int CAPACITY = 8;

    private record Entry<V>(WeakReference<List<Scene>> scenes, V value) {
    }

    private final List<Entry<V>> entries = new ArrayList<>();

    /** The value for {@code scenes}, computed by {@code compute} on first use (outside the lock). */
    V get(List<Scene> scenes, Supplier<V> compute) {
        V known = find(scenes);
        if (known != null) {
            return known;
        }
        V made = compute.get();
        synchronized (entries) {
            V again = find(scenes);
            if (again != null) {
                return again;
            }
            if (entries.size() >= CAPACITY) {
                entries.remove(0);
            }
            entries.add(new Entry<>(new WeakReference<>(scenes), made));
            return made;
        }
    }

    private V find(List<Scene> scenes) {
        synchronized (entries) {
            for (Iterator<Entry<V>> it = entries.iterator(); it.hasNext(); ) {
                Entry<V> e = it.next();
                List<Scene> held = e.scenes().get();
                if (held == null) {
                    it.remove();
                } else if (held == scenes) {
                    return e.value();
                }
            }
            return null;
        }
    }
}
