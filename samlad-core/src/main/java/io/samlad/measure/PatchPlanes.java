package io.samlad.measure;

import io.samlad.bank.BankCache;
import io.samlad.bank.TemplateBank;
import io.samlad.features.FeatureMap;
import io.samlad.objects.Scene;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Where the distance kernel ({@link NearestPatches}) gets a patch grid's channel planes (the grid re-laid channel by
 * channel, {@code planes[c][y * width + x]}), so that each grid is re-laid once, not once per comparison: a query is
 * compared with k references in both directions and with the bank-wide references, and a bank image is a reference
 * of many queries.
 *
 * <p>Grids are known by identity: a patch grid is not modified once made (no stage writes into another's output).
 */
public interface PatchPlanes {

    /** The channel planes of {@code map} (not to be modified). */
    float[][] of(FeatureMap map);

    /** Each grid re-laid on first use and kept by this object (one per call or per query: it holds them all). */
    static PatchPlanes memo() {
        Map<FeatureMap, float[][]> known = new IdentityHashMap<>();
        return m -> known.computeIfAbsent(m, NearestPatches::channelPlanes);
    }

    /**
     * For one query against {@code bank}: the bank's grids from its {@link BankCache}-held store (re-laid once per
     * bank image while the bank is in use), the query's re-laid here, once; any other grid re-laid on each use.
     * Thread-safe (the query's planes are made before this returns), so work on the query can run on several threads.
     */
    static PatchPlanes forQuery(TemplateBank bank, FeatureMap query) {
        BankPlanes stored = BankPlanes.of(bank);
        float[][] own = stored.ofBankGrid(query);
        float[][] queryPlanes = own != null ? own : NearestPatches.channelPlanes(query);
        return m -> {
            if (m == query) {
                return queryPlanes;
            }
            float[][] p = stored.ofBankGrid(m);
            return p != null ? p : NearestPatches.channelPlanes(m);
        };
    }

    /**
     * The channel planes of a bank's patch grids, made on first use of each and kept while the bank is in use, up to
     * {@link #BUDGET_MB} MB (the system property {@code samlad.referencePlanesMb}; default 1024): beyond it a bank
     * grid is re-laid per query as it would be without this store. Each kept grid costs as much memory as the grid
     * itself (31 channels x 32 x 64 cells: 254 KB, 76 MB for a 300-image bank).
     */
    final class BankPlanes {
        /** Megabytes of re-laid bank grids kept at most. */
        static final long BUDGET_MB = Long.getLong("samlad.referencePlanesMb", 1024);

        private record Key() {
        }

        private final Map<FeatureMap, Integer> index;
        private final AtomicReferenceArray<float[][]> planes;
        private final AtomicLong floatsLeft = new AtomicLong(BUDGET_MB * 1024 * 1024 / Float.BYTES);

        private BankPlanes(List<Scene> scenes) {
            index = new IdentityHashMap<>();
            for (int i = 0; i < scenes.size(); i++) {
                index.put(scenes.get(i).patches(), i);
            }
            planes = new AtomicReferenceArray<>(scenes.size());
        }

        /** The store of {@code bank} (its cache's, made on first use). */
        static BankPlanes of(TemplateBank bank) {
            return bank.cache().get(new Key(), () -> new BankPlanes(bank.scenes()));
        }

        /** The planes of {@code m} if it is one of the bank's patch grids, else null. */
        float[][] ofBankGrid(FeatureMap m) {
            Integer i = index.get(m);
            if (i == null) {
                return null;
            }
            float[][] p = planes.get(i);
            if (p != null) {
                return p;
            }
            p = NearestPatches.channelPlanes(m);
            long size = (long) m.channels() * m.width() * m.height();
            if (floatsLeft.addAndGet(-size) >= 0) {
                if (planes.compareAndSet(i, null, p)) {
                    return p;
                }
                // another thread re-laid the same grid at the same time: equal planes, the first ones stay
                floatsLeft.addAndGet(size);
                return planes.get(i);
            }
            floatsLeft.addAndGet(size);
            return p;
        }
    }
}
