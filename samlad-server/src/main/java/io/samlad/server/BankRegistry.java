package io.samlad.server;

import io.samlad.util.InvalidInputException;
import io.samlad.Samlad;
import io.samlad.bank.TemplateBank;
import io.samlad.detector.FittedDetector;
import io.samlad.detector.Pipeline;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The banks served, by name. A bank is loaded and checked completely before it is published, and published with
 * one atomic replacement, so a request sees the old bank or the new one, never a half-loaded one; requests
 * already running on the old bank finish on it (see {@link LoadedModel}).
 */
public final class BankRegistry implements AutoCloseable {
    /** Bank names are URL path segments and file names: letters, digits, '-', '_' and '.', not starting with '.'. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");

    private final PipelineFactory pipelines;
    private final Map<String, ServedBank> banks = new ConcurrentHashMap<>();

    public BankRegistry(PipelineFactory pipelines) {
        this.pipelines = pipelines;
    }

    /** A lease on a bank for one request; closing it releases the model. */
    public static final class Lease implements AutoCloseable {
        private final ServedBank bank;
        private boolean closed;

        Lease(ServedBank bank) {
            this.bank = bank;
        }

        public ServedBank bank() {
            return bank;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                bank.model().release();
            }
        }
    }

    public static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ApiError.badRequest("bad_bank_name", "bank name must be 1-64 letters, digits, '_', '-' or '.' "
                    + "(not starting with '.'): " + name);
        }
    }

    /**
     * Reads, checks and loads a bank file without publishing it.
     *
     * @throws InvalidInputException naming the file when it is damaged, of another version, or fitted with other
     *                               stages than the server's
     */
    public LoadedModel load(Path file) throws IOException {
        String sha = sha256(file);
        long size = Files.size(file);
        TemplateBank bank = Samlad.readBank(file);
        Pipeline pipeline = pipelines.create(bank.config());
        try {
            FittedDetector detector = Samlad.load(bank, file, pipeline);
            return new LoadedModel(detector, pipeline, bank, file, sha, size);
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
    }

    /**
     * Publishes {@code model} under {@code name}, replacing what was there; the previous model is closed once its
     * in-flight requests finish.
     *
     * @param threshold the threshold to serve, or null for the bank's calibrated one
     */
    public ServedBank publish(String name, LoadedModel model, Double threshold, String source) {
        checkName(name);
        ServedBank[] previous = new ServedBank[1];
        ServedBank next = banks.compute(name, (k, old) -> {
            previous[0] = old;
            long generation = old == null ? 1 : old.generation() + 1;
            return threshold == null
                    ? new ServedBank(name, model, model.detector().threshold(), "bank", generation)
                    : new ServedBank(name, model, threshold, source, generation);
        });
        if (previous[0] != null && previous[0].model() != model) {
            previous[0].model().release();
        }
        return next;
    }

    /** Sets the threshold of a served bank; returns the bank as it was before. */
    public ServedBank setThreshold(String name, double threshold, String source) {
        ServedBank[] previous = new ServedBank[1];
        ServedBank next = banks.computeIfPresent(name, (k, old) -> {
            previous[0] = old;
            return old.withThreshold(threshold, source);
        });
        if (next == null) {
            throw ApiError.notFound("no bank named " + name);
        }
        return previous[0];
    }

    /** Takes the bank for one request. */
    public Lease acquire(String name) {
        while (true) {
            ServedBank b = banks.get(name);
            if (b == null) {
                throw ApiError.notFound("no bank named " + name + " (served: " + String.join(", ", names()) + ")");
            }
            if (b.model().acquire()) {
                return new Lease(b);
            }
            // The model was closed between get and acquire: a swap published a new one; look again.
        }
    }

    public ServedBank get(String name) {
        return banks.get(name);
    }

    public List<String> names() {
        return List.copyOf(new TreeMap<>(banks).keySet());
    }

    public List<ServedBank> all() {
        return List.copyOf(new TreeMap<>(banks).values());
    }

    public boolean isEmpty() {
        return banks.isEmpty();
    }

    @Override
    public void close() {
        for (String name : names()) {
            ServedBank b = banks.remove(name);
            if (b != null) {
                b.model().release();
            }
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest())) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        }
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
