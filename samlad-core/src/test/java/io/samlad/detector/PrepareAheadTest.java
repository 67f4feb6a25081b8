package io.samlad.detector;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.config.SamladConfig;
import io.samlad.image.RgbImage;
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
 * {@link AnomalyDetector#prepare}, which a batch runs beside its first images, computes the bank's tables (place
 * consistency, composition relation) that the first query would otherwise compute: it must compute them (the cache
 * fills), only what a query would use (no key a query would not make), and change no prediction, also when it runs
 * at the same time as the queries. The bank asks for IDENTITY and COMPOSITION over 8 images, so that both measures
 * run against a 16-image toy bank (the defaults ask for 64 and stay off there).
 */
class PrepareAheadTest {
    @TempDir
    static Path dir;
    static SamladDetector fitted;

    @BeforeAll
    static void fit() throws Exception {
        SamladConfig d = SamladConfig.defaults();
        SamladConfig config = d.toBuilder().identity(d.identity().withImages(8))
                .composition(d.composition().withImages(8)).build();
        assertThat(config.identity().minConsistency()).as("IDENTITY asks for the place consistency").isPositive();
        assertThat(config.composition().minRelation()).as("COMPOSITION asks for the relation").isPositive();
        fitted = ToyBanks.fitted(dir, 16, config);
    }

    @AfterAll
    static void close() {
        fitted.close();
    }

    private static SamladDetector cold() {
        return new SamladDetector(fitted.pipeline(), BankCacheEquivalenceTest.freshCopy(fitted.bank()), false);
    }

    @Test
    void prepareComputesOnlyWhatTheFirstQueryWouldAndChangesNoPrediction() {
        List<RgbImage> queries = BankCacheEquivalenceTest.queries();
        try (SamladDetector prepared = cold(); SamladDetector plain = cold()) {
            prepared.prepare();
            int tables = prepared.bank().cache().size();
            // place consistency, composition relation (and what the relation itself keeps)
            assertThat(tables).as("tables computed ahead").isGreaterThanOrEqualTo(2);
            for (int q = 0; q < queries.size(); q++) {
                BankCacheEquivalenceTest.assertSame(prepared.predict(queries.get(q)), plain.predict(queries.get(q)),
                        "query " + q + " after prepare");
            }
            assertThat(prepared.bank().cache().size()).as("keys after the queries, prepared or not")
                    .isEqualTo(plain.bank().cache().size());
        }
    }

    @Test
    void prepareBesideConcurrentQueriesGivesTheSamePredictions() throws Exception {
        List<RgbImage> queries = BankCacheEquivalenceTest.queries();
        List<Prediction> expected = new ArrayList<>();
        for (RgbImage q : queries) {
            expected.add(fitted.predict(q));
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try (SamladDetector shared = cold()) {
            Future<?> preparing = pool.submit(shared::prepare);
            List<Future<Prediction>> got = new ArrayList<>();
            for (RgbImage q : queries) {
                got.add(pool.submit(() -> shared.predict(q)));
            }
            preparing.get();
            for (int q = 0; q < queries.size(); q++) {
                BankCacheEquivalenceTest.assertSame(got.get(q).get(), expected.get(q), "query " + q);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
