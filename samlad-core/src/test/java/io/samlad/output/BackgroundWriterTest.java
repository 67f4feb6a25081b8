package io.samlad.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.samlad.util.ThreadNice;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackgroundWriterTest {
    @Test
    void theWriterThreadRunsItsJobsAtTheNiceItWasGivenAndTheCallerKeepsItsOwn() throws Exception {
        io.samlad.util.ThreadNiceTest.assumeLinuxWithRenice();
        int caller = ThreadNice.currentNice();
        assumeTrue(caller < ThreadNice.LOWEST, "the tests already run at the lowest priority");
        AtomicInteger lowered = new AtomicInteger(Integer.MIN_VALUE);
        AtomicInteger kept = new AtomicInteger(Integer.MIN_VALUE);
        try (BackgroundWriter w = new BackgroundWriter(2, ThreadNice.LOWEST);
                BackgroundWriter same = new BackgroundWriter(2, 0)) {
            w.submit(() -> lowered.set(ThreadNice.currentNice()));
            same.submit(() -> kept.set(ThreadNice.currentNice()));
            w.drain();
            same.drain();
        }
        assertThat(lowered.get()).isEqualTo(ThreadNice.LOWEST);
        assertThat(kept.get()).isEqualTo(caller);
        assertThat(ThreadNice.currentNice()).isEqualTo(caller);
        assertThatThrownBy(() -> new BackgroundWriter(2, 20)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void drainReturnsOnlyWhenEveryJobFromEveryThreadHasRun() throws Exception {
        Set<Integer> done = ConcurrentHashMap.newKeySet();
        ExecutorService producers = Executors.newFixedThreadPool(3);
        try (BackgroundWriter w = new BackgroundWriter(2)) {
            for (int t = 0; t < 3; t++) {
                int base = t * 1000;
                producers.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        int id = base + i;
                        w.submit(() -> {
                            if (id % 17 == 0) {
                                Thread.onSpinWait();
                            }
                            done.add(id);
                        });
                    }
                    return null;
                });
            }
            producers.shutdown();
            assertThat(producers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            w.drain();
            assertThat(done).hasSize(600);
        }
    }

    @Test
    void aFailedJobIsReportedByDrainAndTheOthersStillRun() throws Exception {
        Set<Integer> done = ConcurrentHashMap.newKeySet();
        BackgroundWriter w = new BackgroundWriter(8);
        w.submit(() -> {
            throw new IOException("disk full: a.tiff");
        });
        for (int i = 0; i < 5; i++) {
            int id = i;
            try {
                w.submit(() -> done.add(id));
            } catch (IOException e) {
                // a later submit may already see the failure: then that job was not taken
                done.add(id);
            }
        }
        assertThatThrownBy(w::drain).isInstanceOf(IOException.class).hasMessageContaining("disk full: a.tiff");
        assertThat(done).hasSize(5);
        assertThatThrownBy(w::close).isInstanceOf(IOException.class);
    }

    @Test
    void capacityZeroRunsOnTheCallersThread() throws Exception {
        Thread[] ran = new Thread[1];
        try (BackgroundWriter w = new BackgroundWriter(0)) {
            w.submit(() -> ran[0] = Thread.currentThread());
        }
        assertThat(ran[0]).isSameAs(Thread.currentThread());
    }
}
