package io.samlad.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link LogitScan}'s one pass gives exactly what the separate reference passes give: the stability score
 * ({@link StabilityScore}), the mask ({@link LogitMasks}) and its box ({@link MaskBox#of}).
 */
class LogitScanTest {

    @Test
    void onePassEqualsTheReferencePassesOnRandomMasks() {
        Random r = new Random(12);
        int[] scan = new int[LogitScan.RESULT_SIZE];
        for (int trial = 0; trial < 300; trial++) {
            int w = 1 + r.nextInt(70);
            int h = 1 + r.nextInt(40);
            int from = r.nextInt(50);
            float[] logits = new float[from + w * h + r.nextInt(20)];
            // Background well below, noise around the thresholds, and (mostly) a blob above them.
            for (int i = 0; i < logits.length; i++) {
                logits[i] = (float) (r.nextGaussian() * 3 - (trial % 7 == 0 ? 20 : 2));
            }
            if (trial % 5 != 0) {
                int x0 = r.nextInt(w);
                int y0 = r.nextInt(h);
                int x1 = x0 + r.nextInt(w - x0);
                int y1 = y0 + r.nextInt(h - y0);
                for (int y = y0; y <= y1; y++) {
                    for (int x = x0; x <= x1; x++) {
                        logits[from + y * w + x] = (float) (5 + r.nextGaussian());
                    }
                }
            }
            double threshold = trial % 3 == 0 ? 0.0 : r.nextGaussian();
            double offset = trial % 4 == 0 ? 1.0 : r.nextDouble() * 2;

            LogitScan.scan(logits, from, w, h, threshold, offset, scan);

            BitSet mask = LogitMasks.above(logits, from, w * h, (float) threshold);
            assertThat(LogitScan.stability(scan))
                    .isEqualTo(StabilityScore.of(logits, from, w * h, threshold, offset));
            assertThat(scan[LogitScan.AREA]).isEqualTo(mask.cardinality());
            assertThat(LogitScan.box(scan)).isEqualTo(MaskBox.of(mask, w));
        }
    }

    @Test
    void emptyMaskHasAZeroBoxAndZeroStability() {
        int[] scan = new int[LogitScan.RESULT_SIZE];
        LogitScan.scan(new float[] {-5f, -5f, -5f, -5f}, 0, 2, 2, 0.0, 1.0, scan);
        assertThat(LogitScan.box(scan)).isEqualTo(new MaskBox(0, 0, 0, 0));
        assertThat(LogitScan.stability(scan)).isZero();
        assertThat(scan[LogitScan.AREA]).isZero();
    }
}
