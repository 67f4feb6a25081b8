package io.samlad.cli;

/**
 * SIGTERM and SIGINT handlers, so that a stopped service can finish its work and exit 0 (a JVM killed by a signal
 * otherwise exits 143 after its shutdown hooks). Uses {@code sun.misc.Signal} from the {@code jdk.unsupported}
 * module, present in every OpenJDK build; where it is missing the caller falls back to a shutdown hook.
 */
final class Signals {
    private Signals() {
    }

    /** Runs {@code action} on SIGTERM or SIGINT; false when signals cannot be handled here. */
    static boolean onTermination(Runnable action) {
        try {
            for (String name : new String[] {"TERM", "INT"}) {
                sun.misc.Signal.handle(new sun.misc.Signal(name), s -> action.run());
            }
            return true;
        } catch (IllegalArgumentException | LinkageError e) {
            return false;
        }
    }
}
