package io.samlad.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

public class ThreadNiceTest {
    /** Linux with /proc/thread-self and util-linux's renice on the path: where the priority can be lowered. */
    public static void assumeLinuxWithRenice() {
        assumeTrue(Files.isReadable(Path.of("/proc/thread-self/stat")),
                "no /proc/thread-self (not Linux): thread priorities stay as they are there");
        boolean renice = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            renice |= !dir.isEmpty() && Files.isExecutable(Path.of(dir, "renice"));
        }
        assumeTrue(renice, "no renice on the PATH: thread priorities stay as they are there");
    }

    @Test
    void aThreadLowersItsOwnPriorityAndNoOtherThreads() throws Exception {
        assumeLinuxWithRenice();
        int callerBefore = ThreadNice.currentNice();
        assumeTrue(callerBefore < ThreadNice.LOWEST, "the tests already run at the lowest priority");
        AtomicBoolean lowered = new AtomicBoolean();
        AtomicInteger niceInside = new AtomicInteger(Integer.MIN_VALUE);
        Thread t = new Thread(() -> {
            lowered.set(ThreadNice.lowerCurrentThread(ThreadNice.LOWEST));
            niceInside.set(ThreadNice.currentNice());
        });
        t.start();
        t.join();
        assertThat(lowered).isTrue();
        assertThat(niceInside.get()).isEqualTo(ThreadNice.LOWEST);
        // the nice value is the thread's own on Linux: the caller (another thread of the same process) keeps its own
        assertThat(ThreadNice.currentNice()).isEqualTo(callerBefore);
    }

    @Test
    void zeroLeavesThePriorityAndValuesOutsideTheRangeAreRefused() throws Exception {
        AtomicBoolean lowered = new AtomicBoolean(true);
        AtomicInteger before = new AtomicInteger();
        AtomicInteger after = new AtomicInteger();
        Thread t = new Thread(() -> {
            before.set(ThreadNice.currentNice());
            lowered.set(ThreadNice.lowerCurrentThread(0));
            after.set(ThreadNice.currentNice());
        });
        t.start();
        t.join();
        assertThat(lowered).isFalse();
        assertThat(after.get()).isEqualTo(before.get());
        assertThatThrownBy(() -> ThreadNice.lowerCurrentThread(20)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ThreadNice.lowerCurrentThread(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
