package io.samlad.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class SharedWorkTest {
    @Test
    void everyPartRunsExactlyOnceWhateverTheCount() {
        for (int parts : new int[] {0, 1, 2, 3, 7, 64}) {
            for (int repeat = 0; repeat < 20; repeat++) {
                AtomicIntegerArray runs = new AtomicIntegerArray(Math.max(1, parts));
                long[] squares = new long[parts];
                SharedWork.start(parts, i -> {
                    runs.incrementAndGet(i);
                    squares[i] = (long) i * i;
                }).finish();
                for (int i = 0; i < parts; i++) {
                    assertThat(runs.get(i)).as("part %d of %d", i, parts).isEqualTo(1);
                    // written on whichever thread ran the part, and seen here after finish()
                    assertThat(squares[i]).isEqualTo((long) i * i);
                }
            }
        }
    }

    @Test
    void theCallerTakesPartsWhileAHelperIsBusyWithOne() {
        // A helper that took the first part stays on it until the other five are done: the caller must do them
        // meanwhile (without a spare core, or if the caller came first, it simply does them all).
        ConcurrentHashMap<Integer, Thread> ranOn = new ConcurrentHashMap<>();
        CountDownLatch othersDone = new CountDownLatch(5);
        SharedWork work = SharedWork.start(6, i -> {
            ranOn.put(i, Thread.currentThread());
            if (i > 0) {
                othersDone.countDown();
            } else if (Thread.currentThread().getName().startsWith("samlad-side")) {
                try {
                    assertThat(othersDone.await(30, TimeUnit.SECONDS)).as("the caller did the other parts").isTrue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        work.finish();
        assertThat(ranOn).hasSize(6);
        if (ranOn.get(0) != Thread.currentThread()) {
            for (int i = 1; i < 6; i++) {
                assertThat(ranOn.get(i)).as("part %d", i).isSameAs(Thread.currentThread());
            }
        }
    }

    @Test
    void aFailureReachesTheCallerAsItself() {
        assertThatThrownBy(() -> SharedWork.start(3, i -> {
            if (i == 2) {
                throw new IllegalStateException("part 2 failed");
            }
        }).finish()).isInstanceOf(IllegalStateException.class).hasMessage("part 2 failed");
        assertThatThrownBy(() -> SharedWork.start(-1, i -> { })).isInstanceOf(IllegalArgumentException.class);
    }
}
