package io.samlad.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.util.InvalidInputException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of damaged image files, mutated from valid PNG, JPEG, BMP and TIFF files with fixed seeds (bit flips,
 * byte overwrites, truncations, header edits including huge dimensions, reordered chunks), go through the real
 * loader. Each must either load within the pixel limit or fail with {@link InvalidInputException} in one line: never
 * another exception, never an allocation above a bound set by the pixel limit. The time each takes is measured and
 * printed (a timing assertion would be flaky on a shared machine).
 */
class ImageFuzzTest {
    /** Mutants per base file; 8 base files. */
    static final int MUTANTS_PER_BASE = 400;
    /** A small limit, so that headers edited to large sizes meet it and the allocation bound below stays tight. */
    static final ImageLimits LIMITS = new ImageLimits(1_000_000);
    /**
     * Decoding may take the decoded image (at most 8 bytes per pixel: 16-bit RGBA), the float RGB copy (12 bytes per
     * pixel) and the decoders' own buffers: 24 bytes per allowed pixel, plus 16 MB.
     */
    static final long ALLOCATION_BOUND = 24 * LIMITS.maxPixels() + (16L << 20);

    @TempDir
    Path dir;

    private static BufferedImage picture(int type, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, type);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(40, 90, 160));
        g.fillRect(0, 0, w, h);
        g.setColor(new Color(230, 200, 30));
        g.fillOval(w / 4, h / 4, w / 2, h / 2);
        g.setColor(Color.RED);
        g.drawLine(0, h - 1, w - 1, 0);
        g.dispose();
        return img;
    }

    private static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(img, format, out)).as(format).isTrue();
        return out.toByteArray();
    }

    /** Valid files of each format and several layouts. */
    static Map<String, byte[]> bases() throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("rgb.png", encode(picture(BufferedImage.TYPE_INT_RGB, 48, 40), "png"));
        m.put("grey16.png", encode(picture(BufferedImage.TYPE_USHORT_GRAY, 40, 33), "png"));
        m.put("palette.png", encode(picture(BufferedImage.TYPE_BYTE_INDEXED, 37, 41), "png"));
        m.put("rgb.jpg", encode(picture(BufferedImage.TYPE_INT_RGB, 48, 40), "jpeg"));
        m.put("rgb.bmp", encode(picture(BufferedImage.TYPE_3BYTE_BGR, 30, 22), "bmp"));
        m.put("palette.bmp", encode(picture(BufferedImage.TYPE_BYTE_INDEXED, 31, 20), "bmp"));
        m.put("rgb.tiff", encode(picture(BufferedImage.TYPE_INT_RGB, 36, 28), "tiff"));
        m.put("grey.tiff", encode(picture(BufferedImage.TYPE_BYTE_GRAY, 33, 25), "tiff"));
        return m;
    }

    /** What happened to the mutants of one kind. */
    static final class Tally {
        int loaded;
        int refused;
        final List<String> broken = new ArrayList<>();
        final List<Long> micros = new ArrayList<>();
        long maxAllocated;
        String slowest = "";
    }

    @Test
    void damagedImagesLoadOrFailCleanly() throws IOException {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Map<String, Tally> tallies = new LinkedHashMap<>();
        int fileIndex = 0;
        for (Map.Entry<String, byte[]> base : bases().entrySet()) {
            // every base file loads as it is
            assertThat(ImageLoader.decode(base.getValue(), base.getKey(), LIMITS).width()).isPositive();
            SplittableRandom rnd = new SplittableRandom(base.getKey().hashCode() * 31L + 7);
            for (int k = 0; k < MUTANTS_PER_BASE; k++) {
                Mutation m = Mutation.random(rnd);
                byte[] bytes = m.apply(base.getValue(), base.getKey(), rnd);
                String name = base.getKey() + "#" + k + "(" + m + ")";
                Tally t = tallies.computeIfAbsent(base.getKey() + " " + m, x -> new Tally());
                // one in eight goes through a file, as fit and predict read them; the rest through memory
                boolean viaFile = k % 8 == 0;
                Path file = viaFile ? Files.write(dir.resolve("m" + (fileIndex++) + "-" + base.getKey()), bytes) : null;
                long before = mx.getCurrentThreadAllocatedBytes();
                long t0 = System.nanoTime();
                try {
                    RgbImage img = viaFile ? ImageLoader.read(file, LIMITS) : ImageLoader.decode(bytes, name, LIMITS);
                    assertThat((long) img.width() * img.height()).isLessThanOrEqualTo(LIMITS.maxPixels());
                    t.loaded++;
                } catch (InvalidInputException e) {
                    String expectedStart = (viaFile ? file.toString() : name) + ": ";
                    if (!e.getMessage().startsWith(expectedStart) || e.getMessage().contains("\n")) {
                        t.broken.add(name + ": message not one line naming the input: " + e.getMessage());
                    }
                    t.refused++;
                } catch (Throwable e) { // anything else is a bug, OutOfMemoryError included
                    t.broken.add(name + ": " + e);
                }
                long micros = (System.nanoTime() - t0) / 1000;
                long allocated = mx.getCurrentThreadAllocatedBytes() - before;
                t.micros.add(micros);
                if (allocated > t.maxAllocated) {
                    t.maxAllocated = allocated;
                }
                if (allocated > ALLOCATION_BOUND + bytes.length) {
                    t.broken.add(name + ": allocated " + (allocated >> 20) + " MB");
                }
                if (viaFile) {
                    Files.delete(file);
                }
            }
        }
        List<String> broken = new ArrayList<>();
        int loaded = 0;
        int refused = 0;
        List<Long> all = new ArrayList<>();
        System.out.println("image fuzz: kind, loaded, refused, broken, median us, max us, max MB allocated");
        for (Map.Entry<String, Tally> e : tallies.entrySet()) {
            Tally t = e.getValue();
            loaded += t.loaded;
            refused += t.refused;
            broken.addAll(t.broken);
            all.addAll(t.micros);
            long[] us = t.micros.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "  %-28s %4d %4d %3d %7d %8d %6.1f%n", e.getKey(), t.loaded, t.refused,
                    t.broken.size(), us[us.length / 2], us[us.length - 1], t.maxAllocated / 1048576.0);
        }
        long[] us = all.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "image fuzz: %d mutants, %d loaded, %d refused with InvalidInputException,"
                + " %d broken; time per file median %d us, p99 %d us, max %d us%n", us.length, loaded, refused,
                broken.size(), us[us.length / 2], us[(int) (us.length * 0.99)], us[us.length - 1]);
        assertThat(broken).as("mutants that broke the contract").isEmpty();
        assertThat(loaded + refused).isEqualTo(bases().size() * MUTANTS_PER_BASE);
        assertThat(refused).as("the mutations must actually damage files").isGreaterThan(us.length / 4);
    }

    /** The kinds of damage. */
    enum Mutation {
        BIT_FLIPS, BYTE_OVERWRITE, TRUNCATION, HUGE_DIMENSIONS, HEADER_FIELD, CHUNK_SWAP;

        static Mutation random(SplittableRandom rnd) {
            return values()[rnd.nextInt(values().length)];
        }

        byte[] apply(byte[] in, String name, SplittableRandom rnd) {
            byte[] b = in.clone();
            switch (this) {
                case BIT_FLIPS -> {
                    for (int i = 0, n = 1 + rnd.nextInt(8); i < n; i++) {
                        int at = rnd.nextInt(b.length);
                        b[at] ^= (byte) (1 << rnd.nextInt(8));
                    }
                }
                case BYTE_OVERWRITE -> {
                    byte[] values = {0, (byte) 0xff, 0x7f, (byte) 0x80, 1};
                    for (int i = 0, n = 1 + rnd.nextInt(4); i < n; i++) {
                        // the first 64 bytes hold the headers: aim there half the time
                        int at = rnd.nextBoolean() ? rnd.nextInt(Math.min(64, b.length)) : rnd.nextInt(b.length);
                        b[at] = values[rnd.nextInt(values.length)];
                    }
                }
                case TRUNCATION -> b = Arrays.copyOf(b, rnd.nextInt(b.length));
                case HUGE_DIMENSIONS -> dimensions(b, name, rnd);
                case HEADER_FIELD -> headerField(b, name, rnd);
                case CHUNK_SWAP -> b = swapChunks(b, name, rnd);
                default -> throw new IllegalStateException();
            }
            return b;
        }

        private static int hugeValue(SplittableRandom rnd) {
            int[] v = {0, 1, 999, 1001, 46000, 65535, 0x7fff, 0x8000, 0xffff, 0x7fffffff, -1, Integer.MIN_VALUE,
                1 << 20};
            return v[rnd.nextInt(v.length)];
        }

        /** Width and height fields set to large, zero or negative values, in each format's header. */
        private static void dimensions(byte[] b, String name, SplittableRandom rnd) {
            if (name.endsWith(".png") && b.length > 24) {
                ByteBuffer.wrap(b, 16, 8).putInt(rnd.nextBoolean() ? hugeValue(rnd) : 48)
                        .putInt(rnd.nextBoolean() ? hugeValue(rnd) : 40);
                PngFix.fixCrc(b, 8);
            } else if (name.endsWith(".bmp") && b.length > 26) {
                ByteBuffer.wrap(b, 18, 8).order(ByteOrder.LITTLE_ENDIAN).putInt(hugeValue(rnd)).putInt(hugeValue(rnd));
            } else if (name.endsWith(".jpg")) {
                for (int i = 2; i + 9 < b.length; i++) {
                    if ((b[i] & 0xff) == 0xff && ((b[i + 1] & 0xff) == 0xc0 || (b[i + 1] & 0xff) == 0xc2)) {
                        ByteBuffer.wrap(b, i + 5, 4).putShort((short) hugeValue(rnd)).putShort((short) hugeValue(rnd));
                        break;
                    }
                }
            } else if (name.endsWith(".tiff")) {
                Tiff.setTag(b, rnd.nextBoolean() ? 256 : 257, hugeValue(rnd));
            }
        }

        /** Another header field: bit depth and colour type, BMP bit count and compression, TIFF layout tags. */
        private static void headerField(byte[] b, String name, SplittableRandom rnd) {
            if (name.endsWith(".png") && b.length > 29) {
                b[24 + rnd.nextInt(5)] = (byte) rnd.nextInt(256); // depth, colour, compression, filter, interlace
                PngFix.fixCrc(b, 8);
            } else if (name.endsWith(".bmp") && b.length > 54) {
                int[] at = {10, 14, 28, 30, 34, 46};
                ByteBuffer.wrap(b, at[rnd.nextInt(at.length)], 4).order(ByteOrder.LITTLE_ENDIAN).putInt(hugeValue(rnd));
            } else if (name.endsWith(".jpg") && b.length > 40) {
                b[2 + rnd.nextInt(Math.min(200, b.length - 2))] = (byte) rnd.nextInt(256);
            } else if (name.endsWith(".tiff")) {
                int[] tags = {258, 259, 262, 273, 277, 278, 279, 284, 322, 323, 339};
                Tiff.setTag(b, tags[rnd.nextInt(tags.length)], hugeValue(rnd));
            }
        }

        /** PNG chunks or JPEG segments in another order; for BMP and TIFF two blocks of bytes exchanged. */
        private static byte[] swapChunks(byte[] b, String name, SplittableRandom rnd) {
            List<int[]> parts = name.endsWith(".png") ? PngFix.chunks(b)
                    : name.endsWith(".jpg") ? jpegSegments(b) : List.of();
            if (parts.size() >= 2) {
                int i = rnd.nextInt(parts.size());
                int j = (i + 1 + rnd.nextInt(parts.size() - 1)) % parts.size();
                int[] a = parts.get(Math.min(i, j));
                int[] c = parts.get(Math.max(i, j));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(b, 0, a[0]);
                out.write(b, c[0], c[1]);
                out.write(b, a[0] + a[1], c[0] - a[0] - a[1]);
                out.write(b, a[0], a[1]);
                out.write(b, c[0] + c[1], b.length - c[0] - c[1]);
                return out.toByteArray();
            }
            int len = 1 + rnd.nextInt(Math.max(1, b.length / 8));
            int x = rnd.nextInt(b.length - len);
            int y = rnd.nextInt(b.length - len);
            byte[] tmp = Arrays.copyOfRange(b, x, x + len);
            System.arraycopy(b, y, b, x, len);
            System.arraycopy(tmp, 0, b, y, len);
            return b;
        }

        /** Offsets and lengths of the marker segments between SOI and SOS (markers with a length field). */
        private static List<int[]> jpegSegments(byte[] b) {
            List<int[]> out = new ArrayList<>();
            int i = 2;
            while (i + 4 <= b.length && (b[i] & 0xff) == 0xff) {
                int marker = b[i + 1] & 0xff;
                int len = ((b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff)) + 2;
                if (marker == 0xda || i + len > b.length) {
                    break;
                }
                out.add(new int[] {i, len});
                i += len;
            }
            return out;
        }
    }

    /** PNG chunk walking and CRC repair (a fixed CRC lets a mutation reach the decoder instead of the CRC check). */
    static final class PngFix {
        static List<int[]> chunks(byte[] b) {
            List<int[]> out = new ArrayList<>();
            int i = 8;
            while (i + 12 <= b.length) {
                int len = ByteBuffer.wrap(b, i, 4).getInt();
                if (len < 0 || i + 12L + len > b.length) {
                    break;
                }
                out.add(new int[] {i, len + 12});
                i += len + 12;
            }
            return out;
        }

        static void fixCrc(byte[] b, int chunkAt) {
            int len = ByteBuffer.wrap(b, chunkAt, 4).getInt();
            if (len < 0 || chunkAt + 12L + len > b.length) {
                return;
            }
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(b, chunkAt + 4, len + 4);
            ByteBuffer.wrap(b, chunkAt + 8 + len, 4).putInt((int) crc.getValue());
        }
    }

    /** Editing a tag value of a TIFF's first directory in place. */
    static final class Tiff {
        static void setTag(byte[] b, int tag, int value) {
            if (b.length < 8) {
                return;
            }
            ByteOrder order = b[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
            ByteBuffer buf = ByteBuffer.wrap(b).order(order);
            int ifd = buf.getInt(4);
            if (ifd < 8 || ifd + 2 > b.length) {
                return;
            }
            int n = buf.getShort(ifd) & 0xffff;
            for (int e = 0; e < n; e++) {
                int at = ifd + 2 + 12 * e;
                if (at + 12 > b.length) {
                    return;
                }
                if ((buf.getShort(at) & 0xffff) == tag) {
                    int type = buf.getShort(at + 2) & 0xffff;
                    if (type == 3) { // SHORT
                        buf.putShort(at + 8, (short) value);
                    } else {
                        buf.putInt(at + 8, value);
                    }
                    return;
                }
            }
        }
    }
}
