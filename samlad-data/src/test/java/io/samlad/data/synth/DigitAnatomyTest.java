package io.samlad.data.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigitAnatomyTest {
    @TempDir
    Path tmp;

    private static DigitAnatomyOptions small(long seed) {
        return DigitAnatomyOptions.defaults().withSeed(seed).withCounts(3, 1, 2, 6);
    }

    @Test
    void sameSeedGivesIdenticalBytesAndAnotherSeedDiffers() throws IOException {
        for (boolean fonts : new boolean[] {false, true}) {
            Path base = tmp.resolve(fonts ? "fonts" : "mnist");
            DigitAnatomyOptions o = fonts ? small(4).withFontsOnly() : small(4);
            DigitAnatomyGenerator.generate(base.resolve("a"), o);
            DigitAnatomyGenerator.generate(base.resolve("b"), o);
            DigitAnatomyGenerator.generate(base.resolve("c"), o.withSeed(5));
            Map<String, byte[]> a = GeneratedFiles.read(base.resolve("a"));
            Map<String, byte[]> b = GeneratedFiles.read(base.resolve("b"));
            Map<String, byte[]> c = GeneratedFiles.read(base.resolve("c"));
            assertThat(b.keySet()).isEqualTo(a.keySet());
            for (String name : a.keySet()) {
                assertThat(b.get(name)).as(name).isEqualTo(a.get(name));
            }
            for (String name : List.of("digit_anatomy/train/good/000.png", "digit_anatomy/test/good/001.png",
                    "digit_anatomy/test/logical_anomalies/005.png")) {
                assertThat(Arrays.equals(a.get(name), c.get(name))).as(name).isFalse();
            }
        }
    }

    @Test
    void writesLogicalAnomaliesOnlyWithOneCellMaskPerAffectedCell() throws IOException {
        GenerationSummary s = DigitAnatomyGenerator.generate(tmp, small(1));
        assertThat(s.source()).contains("MNIST");
        Path dir = tmp.resolve(DigitAnatomyGenerator.NAME);
        assertThat(s.categories().get(DigitAnatomyGenerator.NAME)).isEqualTo(new SplitCounts(3, 1, 2, 6, 0));
        assertThat(GeneratedFiles.count(dir.resolve("train/good"))).isEqualTo(3);
        assertThat(GeneratedFiles.count(dir.resolve("validation/good"))).isEqualTo(1);
        assertThat(GeneratedFiles.count(dir.resolve("test/good"))).isEqualTo(2);
        assertThat(GeneratedFiles.count(dir.resolve("test/logical_anomalies"))).isEqualTo(6);
        assertThat(dir.resolve("test/structural_anomalies")).doesNotExist();
        Map<String, Integer> values = SynthLocoGeneratorTest.readPixelValues(dir.resolve("defects_config.json"));
        assertThat(values.keySet()).containsExactly("missing_digit", "swapped_digits", "flipped_digit", "zero_digit");

        List<String> csv = Files.readAllLines(dir.resolve("anomalies.csv")).subList(1, 9);
        assertThat(csv).extracting(l -> l.split(",")[2])
                .containsExactly("good", "good", "missing", "swapped", "flipped", "zero", "missing", "swapped");
        for (String line : csv.subList(2, 8)) {
            String[] f = line.split(",");
            String id = f[0].substring(f[0].lastIndexOf('/') + 1, f[0].length() - 4);
            int expectedMasks = f[2].equals("swapped") ? 2 : 1;
            assertThat(Integer.parseInt(f[4])).isEqualTo(expectedMasks);
            BufferedImage image = ImageIO.read(dir.resolve(f[0]).toFile());
            assertThat(image.getWidth()).isEqualTo(96);
            assertThat(image.getHeight()).isEqualTo(96);
            for (int m = 0; m < expectedMasks; m++) {
                BufferedImage mask = ImageIO.read(dir.resolve("ground_truth/logical_anomalies").resolve(id)
                        .resolve(String.format("%03d.png", m)).toFile());
                Rectangle cell = nonZeroBounds(mask);
                // The mask is exactly one whole cell of the 3 x 3 grid.
                assertThat(cell.width).isEqualTo(32);
                assertThat(cell.height).isEqualTo(32);
                assertThat(cell.x % 32).isZero();
                assertThat(cell.y % 32).isZero();
                assertThat(countNonZero(mask)).isEqualTo(32 * 32);
                if (f[2].equals("missing")) {
                    assertThat(maxIn(image, cell)).as("a missing digit's cell is black").isZero();
                }
            }
        }
    }

    @Test
    void normalGridsObeyTheRuleAndEveryAnomalyBreaksIt() {
        DigitPool pool = MnistIdx.readVendored().half(1);
        for (int s = 0; s < 40; s++) {
            SplittableRandom rng = new SplittableRandom(s);
            DigitGrid.Grid grid = DigitGrid.sample(pool, rng);
            assertThat(DigitGrid.ruleViolations(grid)).isEmpty();
            BufferedImage image = DigitGrid.render(grid, 28, 28);
            for (int k = 0; k < 9; k++) {
                assertThat(maxIn(image, DigitGrid.cellRect(k))).as("cell " + k + " shows a digit").isGreaterThan(150);
            }
            for (String kind : DigitAnatomyGenerator.kinds()) {
                assertThat(DigitGrid.ruleViolations(DigitGrid.alter(kind, grid, pool, rng).layout())).as(kind)
                        .isNotEmpty();
            }
        }
    }

    @Test
    void trainAndTestDigitsComeFromDisjointHalves() {
        DigitPool pool = MnistIdx.readVendored();
        DigitPool train = pool.half(0);
        DigitPool test = pool.half(1);
        assertThat(train.size() + test.size()).isEqualTo(pool.size());
        java.util.Set<byte[]> trainImages = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        trainImages.addAll(train.images());
        assertThat(test.images()).noneMatch(trainImages::contains);
    }

    @Test
    void rendersAHandWorkedCell() {
        // A 2 x 2 all-white "digit" at scale 0.5: f = 0.5 * 32 / 2 = 8 cell pixels per digit pixel, so the digit
        // spans the central 16 x 16 pixels of the cell (8 .. 24).
        byte[] white = {(byte) 255, (byte) 255, (byte) 255, (byte) 255};
        List<DigitGrid.Cell> cells = new java.util.ArrayList<>();
        cells.add(new DigitGrid.Cell(1, white, 0.5, false));
        for (int k = 1; k < 9; k++) {
            cells.add(new DigitGrid.Cell(-1, null, 1, false));
        }
        BufferedImage image = DigitGrid.render(new DigitGrid.Grid(cells), 2, 2);
        // Pixels whose centre lies between the two digit pixel centres (u 0.5 .. 1.5) are pure white.
        assertThat(image.getRaster().getSample(16, 16, 0)).isEqualTo(255);
        assertThat(image.getRaster().getSample(12, 12, 0)).isEqualTo(255);
        assertThat(image.getRaster().getSample(0, 0, 0)).isZero();
        assertThat(image.getRaster().getSample(40, 10, 0)).isZero();
        // Pixel 8: u = (8.5 - 16) / 8 + 1 = 0.0625, i.e. 0.4375 left of digit pixel 0's centre (u = 0.5); bilinear
        // weights: 0.5625 on that white pixel, 0.4375 on the black outside: 255 * 0.5625 = 143.4 -> 143.
        assertThat(image.getRaster().getSample(8, 16, 0)).isEqualTo(143);
        // Pixel 7: u = -0.0625, 0.5625 left of the centre: weight 0.4375 on white: 111.6 -> 112.
        assertThat(image.getRaster().getSample(7, 16, 0)).isEqualTo(112);
    }

    private static Rectangle nonZeroBounds(BufferedImage mask) {
        Rectangle r = null;
        for (int y = 0; y < mask.getHeight(); y++) {
            for (int x = 0; x < mask.getWidth(); x++) {
                if (mask.getRaster().getSample(x, y, 0) != 0) {
                    r = r == null ? new Rectangle(x, y, 1, 1) : r.union(new Rectangle(x, y, 1, 1));
                }
            }
        }
        assertThat(r).as("mask is not empty").isNotNull();
        return r;
    }

    private static int countNonZero(BufferedImage mask) {
        int n = 0;
        for (int y = 0; y < mask.getHeight(); y++) {
            for (int x = 0; x < mask.getWidth(); x++) {
                n += mask.getRaster().getSample(x, y, 0) != 0 ? 1 : 0;
            }
        }
        return n;
    }

    private static int maxIn(BufferedImage image, Rectangle r) {
        int max = 0;
        for (int y = r.y; y < r.y + r.height; y++) {
            for (int x = r.x; x < r.x + r.width; x++) {
                max = Math.max(max, image.getRaster().getSample(x, y, 0));
            }
        }
        return max;
    }
}
