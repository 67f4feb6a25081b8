package io.samlad.cli;

import io.samlad.util.ProgressListener;
import java.io.PrintStream;

/**
 * A one-line progress bar on the terminal ({@code [#####.....] 120/300 analysing normal images}), redrawn in place.
 * Silent when standard error is not a terminal, so logs and CI output stay clean.
 */
final class TerminalProgress implements ProgressListener {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean enabled;
    private String lastTask = "";
    private long lastDraw;

    TerminalProgress(PrintStream out, boolean enabled) {
        this.out = out;
        this.enabled = enabled;
    }

    /** Enabled only when the JVM is attached to a terminal. */
    static ProgressListener forTerminal() {
        return System.console() != null ? new TerminalProgress(System.err, true) : ProgressListener.NONE;
    }

    @Override
    public synchronized void update(String task, int done, int total) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        boolean finished = done >= total;
        if (!finished && task.equals(lastTask) && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        lastTask = task;
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        out.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total + " " + task
                + "   ");
        if (finished) {
            out.println();
        }
        out.flush();
    }
}
