package io.samlad.data.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.geom.AffineTransform;
import java.awt.geom.NoninvertibleTransformException;
import java.awt.image.BufferedImage;
import java.util.ArrayDeque;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The pin grid's rule checked on rendered pixels, not on the scene model: brass-coloured blobs are found by colour and
 * counted per grid cell (cells located through the plate's pose).
 */
class PinGridPixelsTest {
    private static final int SIDE = 256;

    /** Pins per cell [row][col] as seen in the image. */
    static int[][] countPins(PinGrid.Layout layout, BufferedImage image) throws NoninvertibleTransformException {
        AffineTransform toImage = SceneCanvas.frame(SIDE, SIDE);
        toImage.concatenate(layout.plateToFrame());
        AffineTransform toPlate = toImage.createInverse();
        int w = image.getWidth();
        int h = image.getHeight();
        boolean[] brass = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = image.getRGB(x, y);
                int r = (p >> 16) & 0xff;
                int b = p & 0xff;
                brass[y * w + x] = r > 100 && r - b > 60;
            }
        }
        int[][] counts = new int[PinGrid.CELLS][PinGrid.CELLS];
        boolean[] seen = new boolean[w * h];
        for (int start = 0; start < w * h; start++) {
            if (!brass[start] || seen[start]) {
                continue;
            }
            int area = 0;
            double sx = 0;
            double sy = 0;
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            queue.add(start);
            seen[start] = true;
            while (!queue.isEmpty()) {
                int i = queue.poll();
                int x = i % w;
                int y = i / w;
                area++;
                sx += x + 0.5;
                sy += y + 0.5;
                int[] next = {x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, y > 0 ? i - w : -1, y < h - 1 ? i + w : -1};
                for (int n : next) {
                    if (n >= 0 && brass[n] && !seen[n]) {
                        seen[n] = true;
                        queue.add(n);
                    }
                }
            }
            if (area < 40) {
                continue; // noise, not a pin (a pin covers about 220 px at this size)
            }
            double[] c = {sx / area, sy / area};
            toPlate.transform(c, 0, c, 0, 1);
            int col = (int) Math.floor((c[0] + PinGrid.GRID / 2) / PinGrid.CELL);
            int row = (int) Math.floor((c[1] + PinGrid.GRID / 2) / PinGrid.CELL);
            assertThat(col).isBetween(0, PinGrid.CELLS - 1);
            assertThat(row).isBetween(0, PinGrid.CELLS - 1);
            counts[row][col]++;
        }
        return counts;
    }

    private static BufferedImage render(PinGrid.Layout layout, long seed) {
        return SceneCanvas.render(new PinGrid().draw("good", layout, List.of()), SIDE, SIDE, new SplittableRandom(seed))
                .image();
    }

    @Test
    void everyNormalImageShowsExactlyOnePinPerCell() throws Exception {
        for (int s = 0; s < 12; s++) {
            PinGrid.Layout layout = PinGrid.sampleLayout(new SplittableRandom(s));
            int[][] counts = countPins(layout, render(layout, s));
            for (int[] row : counts) {
                assertThat(row).as("scene " + s).containsOnly(1);
            }
        }
    }

    @Test
    void missingAndExtraPinsShowInThePixels() throws Exception {
        for (int s = 0; s < 6; s++) {
            SplittableRandom rng = new SplittableRandom(500 + s);
            PinGrid.Layout missing = PinGrid.alter("missing", PinGrid.sampleLayout(rng), rng).layout();
            int total = 0;
            int empty = 0;
            for (int[] row : countPins(missing, render(missing, s))) {
                for (int n : row) {
                    total += n;
                    empty += n == 0 ? 1 : 0;
                }
            }
            assertThat(total).isEqualTo(15);
            assertThat(empty).isEqualTo(1);

            PinGrid.Layout extra = PinGrid.alter("extra", PinGrid.sampleLayout(rng), rng).layout();
            int doubles = 0;
            for (int[] row : countPins(extra, render(extra, s))) {
                for (int n : row) {
                    doubles += n == 2 ? 1 : 0;
                }
            }
            assertThat(doubles).isEqualTo(1);
        }
    }
}
