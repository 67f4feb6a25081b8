package io.samlad.util;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Lowers the CPU priority (the Linux nice value) of the calling thread, best effort.
 *
 * <p>Why: the background writer renders and encodes the previous image's files while the next image is predicted.
 * At the same priority the kernel shares the two cores fairly between it, the predicting thread and the side work
 * (masks), so the verdict of every image waits for part of the previous image's files. At nice 19 the writer runs
 * on what the predictor leaves idle (its weight is 15 against 1024 for a thread at nice 0), and when it falls behind
 * its bounded queue hands jobs back to the predicting threads, so no file is ever late by more than the queue.
 *
 * <p>Java's own thread priorities do not reach Linux without launcher flags (and those print a warning for users
 * who are not root), so this runs util-linux's {@code renice} on the thread's own id, read from
 * {@code /proc/thread-self}. Any user may lower the priority of their own threads. Nothing here can fail a command:
 * another system, no {@code /proc}, no {@code renice} or a refused change only mean the priority stays as it is.
 */
public final class ThreadNice {
    /** The lowest priority Linux gives a normal thread. */
    public static final int LOWEST = 19;
    private static final long WAIT_MS = 2000;

    private ThreadNice() {
    }

    /**
     * Sets the calling thread's nice value to {@code nice} (1 to 19; 0 leaves it as it is).
     *
     * @return true when the thread's nice value is {@code nice} afterwards
     */
    public static boolean lowerCurrentThread(int nice) {
        if (nice < 0 || nice > LOWEST) {
            throw new IllegalArgumentException("nice must be in 0.." + LOWEST + ", got " + nice);
        }
        if (nice == 0) {
            return false;
        }
        String tid = currentThreadId();
        if (tid == null) {
            return false;
        }
        try {
            Process p = new ProcessBuilder("renice", "-n", Integer.toString(nice), "-p", tid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(WAIT_MS, TimeUnit.MILLISECONDS)) {
                p.destroy();
                return false;
            }
            return p.exitValue() == 0 && currentNice() == nice;
        } catch (IOException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The calling thread's nice value from {@code /proc/thread-self/stat}, or {@link Integer#MIN_VALUE}. */
    public static int currentNice() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"), StandardCharsets.US_ASCII);
            // pid (comm) state ... : the name may hold spaces and parentheses, the fields after its last ')' do not
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return Integer.parseInt(f[16]); // field 19 of proc(5), the 17th after the name
        } catch (IOException | RuntimeException e) {
            return Integer.MIN_VALUE;
        }
    }

    /** The kernel's id of the calling thread (the last element of {@code /proc/thread-self}), or null. */
    static String currentThreadId() {
        try {
            Path real = Path.of("/proc/thread-self").toRealPath();
            String tid = real.getFileName().toString();
            return tid.chars().allMatch(Character::isDigit) && !tid.isEmpty() ? tid : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
