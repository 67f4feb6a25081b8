package io.samlad.detector;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.bank.TemplateBank;
import io.samlad.config.SamladConfig;
import io.samlad.image.RgbImage;
import io.samlad.toy.ToyScenes;
import io.samlad.toy.ToyScenes.Defect;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a bank derives once and keeps ({@link io.samlad.bank.BankCache}: the place-consistency table, the reference
 * grids re-laid for the distance kernel) must not change a prediction: each query scored against the fitted bank,
 * whose caches are warm, gives bit for bit what it gives against a fresh copy of the bank that computes everything
 * anew for that one query, and what concurrent queries on a shared cold copy give.
 */
class BankCacheEquivalenceTest {
    @TempDir
    static Path dir;
    static SamladDetector fitted;

    @BeforeAll
    static void fit() throws Exception {
        SamladConfig config = SamladConfig.defaults();
        fitted = ToyBanks.fitted(dir, 16, config);
    }

    @AfterAll
    static void close() {
        fitted.close();
    }

    static List<RgbImage> queries() {
        List<RgbImage> out = new ArrayList<>();
        long seed = 500;
        for (Defect d : Defect.values()) {
            out.add(ToyScenes.scene(seed++, d));
        }
        out.add(ToyScenes.scene(seed, Defect.NONE));
        return out;
    }

    /** The same bank content with an empty cache: every derived value is computed anew. */
    static TemplateBank freshCopy(TemplateBank b) {
        return new TemplateBank(b.config(), b.pipelineId(), b.scenes(), b.names(), b.calibration(), b.provenance(),
                b.projection());
    }

    static void assertSame(Prediction actual, Prediction expected, String what) {
        assertThat(Double.doubleToRawLongBits(actual.score())).as(what + ": score")
                .isEqualTo(Double.doubleToRawLongBits(expected.score()));
        assertThat(actual.logicalScore()).as(what + ": logical").isEqualTo(expected.logicalScore());
        assertThat(actual.structuralScore()).as(what + ": structural").isEqualTo(expected.structuralScore());
        // float arrays compare by their bits (NaN included)
        assertThat(actual.anomalyMap().data()).as(what + ": map").isEqualTo(expected.anomalyMap().data());
        assertThat(actual.objects()).as(what + ": objects").isEqualTo(expected.objects());
        assertThat(actual.references()).as(what + ": references").isEqualTo(expected.references());
    }

    @Test
    void aWarmBankPredictsBitForBitWhatAFreshCopyPredicts() {
        List<RgbImage> queries = queries();
        for (int q = 0; q < queries.size(); q++) {
            Prediction warm = fitted.predict(queries.get(q));
            Prediction again = fitted.predict(queries.get(q));
            try (SamladDetector cold = new SamladDetector(fitted.pipeline(), freshCopy(fitted.bank()), false)) {
                Prediction fresh = cold.predict(queries.get(q));
                assertSame(fresh, warm, "query " + q + " against a fresh bank");
            }
            assertSame(again, warm, "query " + q + " repeated");
        }
        assertThat(fitted.bank().cache().size()).as("derived values kept by the fitted bank").isPositive();
    }

    @Test
    void concurrentQueriesFillingOneColdCacheGiveTheSamePredictions() throws Exception {
        List<RgbImage> queries = queries();
        List<Prediction> expected = new ArrayList<>();
        for (RgbImage q : queries) {
            expected.add(fitted.predict(q));
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try (SamladDetector shared = new SamladDetector(fitted.pipeline(), freshCopy(fitted.bank()), false)) {
            List<Future<Prediction>> got = new ArrayList<>();
            for (RgbImage q : queries) {
                got.add(pool.submit(() -> shared.predict(q)));
            }
            for (int q = 0; q < queries.size(); q++) {
                assertSame(got.get(q).get(), expected.get(q), "concurrent query " + q);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
