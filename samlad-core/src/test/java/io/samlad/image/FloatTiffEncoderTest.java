package io.samlad.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/**
 * The map files are standard TIFF, not only readable by the JDK: this test parses them with nothing but the TIFF 6.0
 * rules (header, one IFD, strips, zlib), as libtiff or tifffile would, and compares every value bit for bit.
 */
class FloatTiffEncoderTest {

    /** Tag to its first value, plus the strips as (offset, length) arrays. */
    private record Parsed(Map<Integer, Long> tags, long[] offsets, long[] counts) {
    }

    private static Parsed parse(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.get(0)).isEqualTo((byte) 'I');
        assertThat(b.get(1)).isEqualTo((byte) 'I');
        assertThat(b.getShort(2)).isEqualTo((short) 42);
        int ifd = b.getInt(4);
        int n = b.getShort(ifd) & 0xffff;
        Map<Integer, Long> tags = new HashMap<>();
        long[] offsets = null;
        long[] counts = null;
        int previousTag = -1;
        for (int i = 0; i < n; i++) {
            int e = ifd + 2 + 12 * i;
            int tag = b.getShort(e) & 0xffff;
            assertThat(tag).as("tags ascending").isGreaterThan(previousTag);
            previousTag = tag;
            int type = b.getShort(e + 2);
            int count = b.getInt(e + 4);
            long value = type == 3 ? b.getShort(e + 8) & 0xffff : b.getInt(e + 8) & 0xffffffffL;
            tags.put(tag, value);
            if (tag == 273 || tag == 279) {
                long[] v = new long[count];
                for (int k = 0; k < count; k++) {
                    v[k] = count == 1 ? value : b.getInt((int) value + 4 * k) & 0xffffffffL;
                }
                if (tag == 273) {
                    offsets = v;
                } else {
                    counts = v;
                }
            }
        }
        assertThat(b.getInt(ifd + 2 + 12 * n)).as("one image only").isZero();
        return new Parsed(tags, offsets, counts);
    }

    private static float[] decode(byte[] file) throws Exception {
        Parsed p = parse(file);
        int w = p.tags().get(256).intValue();
        int h = p.tags().get(257).intValue();
        assertThat(p.tags().get(258)).isEqualTo(32L);   // bits per sample
        assertThat(p.tags().get(339)).isEqualTo(3L);    // IEEE float
        assertThat(p.tags().get(277)).isEqualTo(1L);    // one channel
        assertThat(p.tags()).doesNotContainKey(317);    // no predictor
        long compression = p.tags().get(259);
        ByteBuffer raw = ByteBuffer.allocate(4 * w * h);
        for (int s = 0; s < p.offsets().length; s++) {
            byte[] strip = new byte[(int) p.counts()[s]];
            System.arraycopy(file, (int) p.offsets()[s], strip, 0, strip.length);
            if (compression == 8) {
                Inflater inf = new Inflater();
                inf.setInput(strip);
                byte[] out = new byte[4 * w * p.tags().get(278).intValue()];
                int got = inf.inflate(out);
                assertThat(inf.finished()).isTrue();
                raw.put(out, 0, got);
                inf.end();
            } else {
                assertThat(compression).isEqualTo(1L);
                raw.put(strip);
            }
        }
        assertThat(raw.position()).isEqualTo(4 * w * h);
        float[] v = new float[w * h];
        raw.flip();
        raw.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }

    private static FloatMap randomMap(int w, int h, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] v = new float[w * h];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(-6, 7)));
        }
        v[0] = Float.NaN;
        v[1] = Float.NEGATIVE_INFINITY;
        v[2] = -0f;
        return new FloatMap(w, h, v);
    }

    @Test
    void deflatedAndPlainFilesDecodeBitExactlyByTheTiffRulesAlone() throws Exception {
        // 300 rows of 1200 bytes: several strips, the last one short
        FloatMap map = randomMap(300, 301, 3);
        for (int level : new int[] {-1, 0, 1, 6}) {
            // -1: the default, FloatRunDeflater's strips
            FloatTiffEncoder encoder = level < 0 ? FloatTiffEncoder.withRunDeflate() : new FloatTiffEncoder(level);
            float[] back = decode(encoder.encode(map, "a map"));
            for (int i = 0; i < back.length; i++) {
                assertThat(Float.floatToRawIntBits(back[i])).as("level %d value %d", level, i)
                        .isEqualTo(Float.floatToRawIntBits(map.data()[i]));
            }
        }
    }

    @Test
    void aReusedEncoderGivesTheSameBytesAsAFreshOne() {
        FloatTiffEncoder reused = new FloatTiffEncoder(1);
        reused.encode(randomMap(500, 400, 1), null);   // leaves larger buffers behind
        FloatMap small = randomMap(7, 5, 2);
        assertThat(reused.encode(small, null)).isEqualTo(FloatTiffEncoder.encodeOnce(small, 1));
        FloatTiffEncoder runs = FloatTiffEncoder.withRunDeflate();
        runs.encode(randomMap(500, 400, 1), null);
        assertThat(runs.encode(small, null)).isEqualTo(FloatTiffEncoder.withRunDeflate().encode(small, null));
    }

    @Test
    void theDefaultEncoderReadsBackLikeZlibsOnMapsLikeTheDetectorsAndIsNoLarger() throws Exception {
        // a coarse grid, bilinear up to the image size (the 200x400 case) and held over working pixels (800x1600)
        SplittableRandom rnd = new SplittableRandom(11);
        float[] coarse = new float[64 * 128];
        for (int i = 0; i < coarse.length; i++) {
            coarse[i] = rnd.nextInt(4) == 0 ? (float) (3 * rnd.nextDouble()) : 0.01f * rnd.nextInt(3);
        }
        FloatMap grid = new FloatMap(64, 128, coarse);
        for (FloatMap map : new FloatMap[] {MapEnlargement.enlarge(grid, 200, 400, 256, 512),
            MapEnlargement.enlarge(grid, 800, 1600, 256, 512)}) {
            byte[] runs = FloatTiffEncoder.withRunDeflate().encode(map, "map");
            byte[] zlib = new FloatTiffEncoder(ImageWriters.MAP_DEFLATE_LEVEL).encode(map, "map");
            float[] back = decode(runs);
            for (int i = 0; i < back.length; i++) {
                assertThat(Float.floatToRawIntBits(back[i])).isEqualTo(Float.floatToRawIntBits(map.data()[i]));
            }
            assertThat(decode(zlib)).isEqualTo(back);
            // within a tenth of zlib's size (measured on real maps: 6 % larger at 200x400, smaller at 800x1600)
            assertThat(runs.length).as("%dx%d", map.width(), map.height()).isLessThan(zlib.length * 11 / 10);
        }
    }

    @Test
    void mapsLikeTheDetectorsShrink() {
        // the detector's maps are a coarse grid interpolated up to the image size
        SplittableRandom rnd = new SplittableRandom(5);
        float[] coarse = new float[32 * 16];
        for (int i = 0; i < coarse.length; i++) {
            // normal regions sit at the floor; anomalous ones vary
            coarse[i] = rnd.nextInt(3) == 0 ? (float) (4 * rnd.nextDouble()) : 0f;
        }
        FloatMap map = new FloatMap(32, 16, coarse).resize(256, 128);
        int plain = FloatTiffEncoder.encodeOnce(map, 0).length;
        int deflated = FloatTiffEncoder.encodeOnce(map, 1).length;
        assertThat(deflated).as("%d of %d bytes", deflated, plain).isLessThan(plain * 3 / 4);
    }

    @Test
    void theJdkReaderAgrees() throws Exception {
        FloatMap map = randomMap(61, 37, 9);
        java.nio.file.Path f = java.nio.file.Files.createTempFile("map", ".tiff");
        try {
            for (FloatTiffEncoder encoder : new FloatTiffEncoder[] {new FloatTiffEncoder(1),
                FloatTiffEncoder.withRunDeflate()}) {
                java.nio.file.Files.write(f, encoder.encode(map, "samlad anomaly map"));
                float[] back = ImageWriters.readFloatTiff(f).data();
                for (int i = 0; i < back.length; i++) {
                    assertThat(Float.floatToRawIntBits(back[i])).isEqualTo(Float.floatToRawIntBits(map.data()[i]));
                }
            }
        } finally {
            java.nio.file.Files.delete(f);
        }
    }
}
