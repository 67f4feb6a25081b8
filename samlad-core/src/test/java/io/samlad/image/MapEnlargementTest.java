package io.samlad.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Anomaly maps enlarged to the original image: bilinear up to the working resolution, constant over each working
 * pixel above it. Small images keep exactly the bilinear map; at MVTec LOCO's 800x1600 the map stays full size,
 * within half a working pixel's change of the bilinear one, and compresses below 1 MB where the bilinear one does not.
 */
class MapEnlargementTest {
    @TempDir
    Path dir;

    private static FloatMap randomGrid(int w, int h, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[w * h];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextGaussian() * 2 - 1);
        }
        return new FloatMap(w, h, v);
    }

    private static int[] bits(FloatMap m) {
        int[] b = new int[m.data().length];
        for (int i = 0; i < b.length; i++) {
            b[i] = Float.floatToRawIntBits(m.data()[i]);
        }
        return b;
    }

    @Test
    void imagesNoLargerThanTheWorkingSizeGetExactlyTheBilinearMap() {
        FloatMap grid = randomGrid(64, 128, 1);
        // the juice_bottle subset (200x400, working 256x512), a small digit image, the working size itself
        for (int[] s : new int[][] {{200, 400, 256, 512}, {28, 28, 256, 256}, {256, 512, 256, 512}, {64, 128, 256, 512}}) {
            FloatMap enlarged = MapEnlargement.enlarge(grid, s[0], s[1], s[2], s[3]);
            assertThat(enlarged.width()).isEqualTo(s[0]);
            assertThat(enlarged.height()).isEqualTo(s[1]);
            assertThat(bits(enlarged)).as("%dx%d", s[0], s[1]).isEqualTo(bits(grid.resize(s[0], s[1])));
            assertThat(enlarged.data()).isNotSameAs(grid.data());
        }
    }

    @Test
    void largerImagesTakeTheWorkingPixelTheyFallIn() {
        FloatMap grid = randomGrid(64, 128, 2);
        FloatMap working = grid.resize(256, 512);
        FloatMap big = MapEnlargement.enlarge(grid, 800, 1600, 256, 512);
        assertThat(big.width()).isEqualTo(800);
        assertThat(big.height()).isEqualTo(1600);
        for (int y = 0; y < 1600; y += 7) {
            for (int x = 0; x < 800; x += 3) {
                int sx = (int) Math.floor((x + 0.5) * 256 / 800);
                int sy = (int) Math.floor((y + 0.5) * 512 / 1600);
                assertThat(Float.floatToRawIntBits(big.get(x, y))).isEqualTo(
                        Float.floatToRawIntBits(working.get(sx, sy)));
            }
        }
        // wider than the working image but not taller: enlarged across only
        FloatMap wide = MapEnlargement.enlarge(grid, 600, 400, 256, 512);
        FloatMap wideWorking = grid.resize(256, 400);
        assertThat(wide.get(599, 399)).isEqualTo(wideWorking.get(255, 399));
        assertThat(wide.get(0, 17)).isEqualTo(wideWorking.get(0, 17));
    }

    @Test
    void differsFromTheBilinearMapByLessThanHalfAWorkingPixelOfSlope() {
        // a ramp of slope 1 per grid cell: the bilinear map rises 64/800 per image pixel inside the grid
        float[] ramp = new float[64 * 128];
        for (int y = 0; y < 128; y++) {
            for (int x = 0; x < 64; x++) {
                ramp[y * 64 + x] = x;
            }
        }
        FloatMap grid = new FloatMap(64, 128, ramp);
        FloatMap bilinear = grid.resize(800, 1600);
        FloatMap enlarged = MapEnlargement.enlarge(grid, 800, 1600, 256, 512);
        double halfWorkingPixel = 0.5 * 64.0 / 256; // in grid cells, the ramp's unit
        double largest = 0;
        for (int i = 0; i < bilinear.data().length; i++) {
            largest = Math.max(largest, Math.abs(enlarged.data()[i] - bilinear.data()[i]));
        }
        assertThat(largest).isLessThanOrEqualTo(halfWorkingPixel + 1e-5).isGreaterThan(0.1);
    }

    @Test
    void aFullSizeMapAt800x1600CompressesBelowOneMegabyteAndReadsBackBitForBit() throws IOException {
        FloatMap grid = randomGrid(64, 128, 3);
        byte[] bilinear = FloatTiffEncoder.encodeOnce(grid.resize(800, 1600), ImageWriters.MAP_DEFLATE_LEVEL);
        FloatMap enlarged = MapEnlargement.enlarge(grid, 800, 1600, 256, 512);
        byte[] tiff = ImageWriters.encodeFloatTiff(enlarged, null);
        // noise on the grid is the hard case: real maps hold flat painted objects and compress further
        assertThat(bilinear.length).as("bilinear, pixel by pixel").isGreaterThan(1_500_000);
        assertThat(tiff.length).as("held over working pixels").isLessThan(1_000_000);
        Path file = Files.write(dir.resolve("map.tiff"), tiff);
        FloatMap back = ImageWriters.readFloatTiff(file);
        assertThat(bits(back)).isEqualTo(bits(enlarged));
    }
}
