package io.samlad.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.samlad.image.RgbImage;
import io.samlad.segment.ObjectMask;
import org.junit.jupiter.api.Test;

/**
 * An object's form is measured on the image's pixels: its area to a fraction of a pixel where its mask, on the
 * 4-pixel object grid, can only count cells, and a bite out of a disc shows as a notch in its radial profile.
 */
class ObjectFormTest {
    private static final int SIZE = 64;
    private static final int GRID = 16; // object grid of 4-pixel cells
    private static final float[] DISC = {0.83f, 0.65f, 0.24f};
    private static final float[] PLATE = {0.69f, 0.71f, 0.72f};

    /** A brass disc of radius {@code r} at (cx, cy) on steel, anti-aliased by 4 x 4 supersampling; minus a bite. */
    private static RgbImage disc(double cx, double cy, double r, double biteX, double biteY, double biteR) {
        float[] planar = new float[3 * SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int inside = 0;
                for (int sy = 0; sy < 4; sy++) {
                    for (int sx = 0; sx < 4; sx++) {
                        double px = x + (sx + 0.5) / 4;
                        double py = y + (sy + 0.5) / 4;
                        boolean in = Math.hypot(px - cx, py - cy) <= r
                                && !(biteR > 0 && Math.hypot(px - biteX, py - biteY) <= biteR);
                        inside += in ? 1 : 0;
                    }
                }
                double t = inside / 16.0;
                for (int c = 0; c < 3; c++) {
                    planar[c * SIZE * SIZE + y * SIZE + x] = (float) (t * DISC[c] + (1 - t) * PLATE[c]);
                }
            }
        }
        return RgbImage.ofPlanar(SIZE, SIZE, planar);
    }

    /** The cells whose centre lies inside the disc: what a segmentation on the object grid gives. */
    private static ObjectMask cellsOf(double cx, double cy, double r) {
        return DiscCells.of(GRID, cx, cy, r);
    }

    @Test
    void theAreaIsMeasuredToAFractionOfAPixelNotInCells() {
        for (double r : new double[] {7.5, 8.5, 9.5}) {
            ObjectForm form = ObjectForm.of(disc(31.3, 32.6, r, 0, 0, 0), cellsOf(31.3, 32.6, r));
            assertThat((double) form.area()).as("radius %s", r).isCloseTo(Math.PI * r * r, within(0.03 * Math.PI
                    * r * r));
            assertThat((double) form.red()).isCloseTo(DISC[0], within(0.01));
        }
        // one pixel more radius is 25 % more area, while the cell masks of 8 and 9 px may hold as many cells
        double a8 = ObjectForm.of(disc(32, 32, 8, 0, 0, 0), cellsOf(32, 32, 8)).area();
        double a9 = ObjectForm.of(disc(32, 32, 9, 0, 0, 0), cellsOf(32, 32, 9)).area();
        assertThat(a9 / a8).isCloseTo(81.0 / 64, within(0.04));
    }

    @Test
    void aBiteOutOfADiscIsANotchInItsRadialProfileWhereverTheDiscSits() {
        double deepestWhole = 0;
        for (double dx : new double[] {0, 0.3, 0.5, 0.8}) {
            ObjectForm whole = ObjectForm.of(disc(32 + dx, 32 - dx / 2, 8.5, 0, 0, 0), cellsOf(32, 32, 8.5));
            deepestWhole = Math.max(deepestWhole, whole.notch());
        }
        // a chip of 0.8 r centred 0.85 r from the centre, as the generated broken pins have, on any side
        for (double angle : new double[] {0, 1, 2.5, 4}) {
            double bx = 32 + 0.85 * 8.5 * Math.cos(angle);
            double by = 32 + 0.85 * 8.5 * Math.sin(angle);
            ObjectForm bitten = ObjectForm.of(disc(32, 32, 8.5, bx, by, 0.8 * 8.5), cellsOf(32, 32, 8.5));
            assertThat((double) bitten.notch()).as("angle %s against whole discs' %.3f", angle, deepestWhole)
                    .isGreaterThan(deepestWhole + 0.2);
        }
        assertThat(deepestWhole).isLessThan(0.1);
    }

    @Test
    void withoutContrastNothingIsMeasured() {
        RgbImage flat = disc(32, 32, 0, 0, 0, 0);
        assertThat(ObjectForm.of(flat, cellsOf(32, 32, 8.5))).isEqualTo(ObjectForm.NONE);
        assertThat(ObjectForm.NONE.measured()).isFalse();
    }

    @Test
    void aFormSurvivesItsStoredValues() {
        ObjectForm form = new ObjectForm(227.5f, 0.04f, 0.8f, 0.6f, 0.2f);
        assertThat(ObjectForm.fromArray(form.toArray())).isEqualTo(form);
    }
}
