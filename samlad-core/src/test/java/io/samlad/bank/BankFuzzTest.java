package io.samlad.bank;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.util.InvalidInputException;
import io.samlad.Samlad;
import io.samlad.detector.FittedDetector;
import io.samlad.detector.Pipeline;
import io.samlad.config.SamladConfig;
import io.samlad.image.ImageWriters;
import io.samlad.image.RgbImage;
import io.samlad.toy.ToyScenes;
import io.samlad.toy.ToyScenes.Defect;
import io.samlad.util.ProgressListener;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutated bank files (bit flips and byte overwrites with the checksum repaired, so that they reach the decoder;
 * truncations; JSON header edits: fields set to null, to other types, to huge or negative numbers; swapped blocks)
 * go through the real loader. Each must load or fail with {@link InvalidInputException} in one line, never with
 * another exception and never allocating more than a few times the file's size; a bank that loads must also
 * predict without an exception. Times are measured and printed, not asserted.
 */
class BankFuzzTest {
    static final int MUTANTS = 1200;
    /** One loaded mutant in this many is also used to predict. */
    static final int PREDICT_EVERY = 8;
    /** Decoding makes floats of the quantised bytes (4x), plus the copies the codec and JSON parser take. */
    static final int ALLOCATION_FACTOR = 16;

    @TempDir
    Path dir;

    enum Kind { BIT_FLIPS, BYTE_OVERWRITE, TRUNCATION, JSON_FIELD, BLOCK_SWAP, NO_CHECKSUM_FIX }

    @Test
    void damagedBanksLoadOrFailCleanly() throws IOException {
        List<Path> normals = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path p = dir.resolve("n" + i + ".png");
            ImageWriters.writePng(ToyScenes.scene(500 + i, Defect.NONE).toBufferedImage(), p);
            normals.add(p);
        }
        SamladConfig config = SamladConfig.defaults();
        RgbImage query = ToyScenes.scene(900, Defect.MISSING);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (Pipeline pipeline = Samlad.embeddedPipeline(config)) {
            byte[] bank;
            try (FittedDetector d = Samlad.fit(pipeline, config, normals, List.of(), ProgressListener.NONE)) {
                d.save(dir.resolve("base.samlad"));
                bank = Files.readAllBytes(dir.resolve("base.samlad"));
            }
            Path name = dir.resolve("mutant.samlad");
            SplittableRandom rnd = new SplittableRandom(20261130L);
            Map<Kind, int[]> counts = new EnumMap<>(Kind.class); // loaded, refused
            List<String> broken = new ArrayList<>();
            long[] micros = new long[MUTANTS];
            long maxAllocated = 0;
            int predicted = 0;
            for (int k = 0; k < MUTANTS; k++) {
                Kind kind = Kind.values()[rnd.nextInt(Kind.values().length)];
                byte[] m = mutate(bank, kind, rnd);
                long before = mx.getCurrentThreadAllocatedBytes();
                long t0 = System.nanoTime();
                int[] c = counts.computeIfAbsent(kind, x -> new int[2]);
                TemplateBank loaded = null;
                try {
                    loaded = BankCodec.read(m, name);
                    c[0]++;
                } catch (InvalidInputException e) {
                    if (!e.getMessage().startsWith(name + ": ") || e.getMessage().contains("\n")) {
                        broken.add(k + " " + kind + ": message " + e.getMessage());
                    }
                    c[1]++;
                } catch (Throwable e) {
                    broken.add(k + " " + kind + ": " + e);
                }
                micros[k] = (System.nanoTime() - t0) / 1000;
                long allocated = mx.getCurrentThreadAllocatedBytes() - before;
                maxAllocated = Math.max(maxAllocated, allocated);
                if (allocated > (long) ALLOCATION_FACTOR * bank.length + (8L << 20)) {
                    broken.add(k + " " + kind + ": allocated " + (allocated >> 20) + " MB");
                }
                if (loaded != null && !Arrays.equals(m, bank) && c[0] % PREDICT_EVERY == 1) {
                    // a bank that loads is one a user can predict with (checked on a sample: a prediction costs
                    // a hundred loads)
                    try {
                        FittedDetector d = Samlad.load(loaded, name, pipeline);
                        d.predict(query);
                        predicted++;
                    } catch (InvalidInputException e) {
                        // refused at load against the pipeline (a mutated pipeline id): fine
                    } catch (Throwable e) {
                        broken.add(k + " " + kind + ": loaded, then predict threw " + e);
                    }
                }
            }
            long[] sorted = micros.clone();
            Arrays.sort(sorted);
            StringBuilder perKind = new StringBuilder();
            counts.forEach((kind, c) -> perKind.append(String.format(Locale.ROOT, " %s %d/%d", kind, c[0], c[1])));
            int loadedTotal = counts.values().stream().mapToInt(c -> c[0]).sum();
            int refusedTotal = counts.values().stream().mapToInt(c -> c[1]).sum();
            System.out.printf(Locale.ROOT, "bank fuzz: %d mutants of a %d-byte bank, %d loaded (%d then predicted),"
                    + " %d refused with InvalidInputException, %d broken; loaded/refused per kind:%s; time per file"
                    + " median %d us, p99 %d us, max %d us; max allocated %.1f MB%n", MUTANTS, bank.length,
                    loadedTotal, predicted, refusedTotal, broken.size(), perKind, sorted[MUTANTS / 2],
                    sorted[(int) (MUTANTS * 0.99)], sorted[MUTANTS - 1], maxAllocated / 1048576.0);
            assertThat(broken).as("mutants that broke the contract").isEmpty();
            assertThat(refusedTotal).isGreaterThan(MUTANTS / 4);
        }
    }

    static byte[] mutate(byte[] bank, Kind kind, SplittableRandom rnd) throws IOException {
        switch (kind) {
            case BIT_FLIPS -> {
                byte[] b = bank.clone();
                for (int i = 0, n = 1 + rnd.nextInt(6); i < n; i++) {
                    int at = rnd.nextInt(b.length - 8);
                    b[at] ^= (byte) (1 << rnd.nextInt(8));
                }
                return BankFiles.withChecksum(b, false);
            }
            case BYTE_OVERWRITE -> {
                byte[] b = bank.clone();
                byte[] values = {0, (byte) 0xff, 0x7f, (byte) 0x80};
                int len = ByteBuffer.wrap(bank, BankFiles.HEADER_AT, 4).getInt();
                int body = BankFiles.HEADER_AT + 4 + len; // aim at the binary part, where counts live
                for (int i = 0, n = 1 + rnd.nextInt(4); i < n; i++) {
                    int at = body + rnd.nextInt(Math.min(4096, b.length - 8 - body));
                    b[at] = values[rnd.nextInt(values.length)];
                }
                return BankFiles.withChecksum(b, false);
            }
            case TRUNCATION -> {
                byte[] b = Arrays.copyOf(bank, rnd.nextInt(bank.length));
                return rnd.nextBoolean() || b.length < 8 ? b : BankFiles.withChecksum(b, false);
            }
            case JSON_FIELD -> {
                String json = BankFiles.headerJson(bank);
                // a value (number, string, true/false/null, or the opening of an object or array) after a key
                Matcher m = Pattern.compile("\"([A-Za-z]+)\":(-?[0-9.eE+-]+|\"[^\"]*\"|true|false|null|\\{|\\[)")
                        .matcher(json);
                List<int[]> spots = new ArrayList<>();
                while (m.find()) {
                    spots.add(new int[] {m.start(2), m.end(2)});
                }
                int[] s = spots.get(rnd.nextInt(spots.size()));
                String[] replacements = {"null", "-1", "0", "1e308", "-1e308", "2147483647", "\"x\"", "[]", "{}",
                    "\"NaN\"", "true", "99999999999"};
                String v = replacements[rnd.nextInt(replacements.length)];
                String value = json.substring(s[0], s[1]);
                String edited;
                if (value.equals("{") || value.equals("[")) {
                    // replace the whole object or array: find its matching end
                    int end = matching(json, s[0]);
                    edited = json.substring(0, s[0]) + v + json.substring(end + 1);
                } else {
                    edited = json.substring(0, s[0]) + v + json.substring(s[1]);
                }
                return BankFiles.withHeader(bank, edited);
            }
            case BLOCK_SWAP -> {
                byte[] b = bank.clone();
                int len = 1 + rnd.nextInt(256);
                int x = rnd.nextInt(b.length - 8 - len);
                int y = rnd.nextInt(b.length - 8 - len);
                byte[] tmp = Arrays.copyOfRange(b, x, x + len);
                System.arraycopy(b, y, b, x, len);
                System.arraycopy(tmp, 0, b, y, len);
                return BankFiles.withChecksum(b, false);
            }
            case NO_CHECKSUM_FIX -> {
                byte[] b = bank.clone();
                b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                return b;
            }
            default -> throw new IllegalStateException();
        }
    }

    private static int matching(String json, int open) {
        int depth = 0;
        boolean inString = false;
        for (int i = open; i < json.length(); i++) {
            char ch = json.charAt(i);
            if (inString) {
                if (ch == '\\') {
                    i++;
                } else if (ch == '"') {
                    inString = false;
                }
            } else if (ch == '"') {
                inString = true;
            } else if (ch == '{' || ch == '[') {
                depth++;
            } else if (ch == '}' || ch == ']') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return json.length() - 1;
    }
}
