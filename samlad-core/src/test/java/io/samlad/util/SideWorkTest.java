package io.samlad.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SideWorkTest {
    @Test
    void joinGivesTheResultWhoeverRanIt() {
        SideWork<String> side = SideWork.start(() -> "masks");
        assertThat(side.join()).isEqualTo("masks");
        assertThat(side.join()).as("joined again").isEqualTo("masks");
    }

    @Test
    void everyPieceRunsExactlyOnceWhenMoreArePendingThanThereAreSpareCores() {
        AtomicInteger runs = new AtomicInteger();
        List<SideWork<Integer>> sides = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int k = i;
            sides.add(SideWork.start(() -> {
                runs.incrementAndGet();
                return k * k;
            }));
        }
        for (int i = 0; i < 50; i++) {
            assertThat(sides.get(i).join()).isEqualTo(i * i);
        }
        assertThat(runs).hasValue(50);
    }

    @Test
    void aFailureReachesTheCallerAsItself() {
        SideWork<Object> side = SideWork.start(() -> {
            throw new IllegalStateException("segmenter failed");
        });
        assertThatThrownBy(side::join).isInstanceOf(IllegalStateException.class).hasMessage("segmenter failed");
    }
}
