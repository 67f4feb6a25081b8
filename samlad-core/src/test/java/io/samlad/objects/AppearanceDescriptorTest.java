package io.samlad.objects;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.config.SamladConfig.Identity.Descriptor;
import io.samlad.image.RgbImage;
import io.samlad.segment.ObjectMask;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

class AppearanceDescriptorTest {
    /** A white L shape (vertical bar plus a foot to the right or, mirrored, to the left) drawn at (x0, y0), scale s. */
    static RgbImage lShape(int size, int x0, int y0, int s, boolean mirrored) {
        float[] p = new float[3 * size * size];
        for (int y = 0; y < 10 * s; y++) {
            for (int x = 0; x < 6 * s; x++) {
                boolean bar = mirrored ? x >= 4 * s : x < 2 * s;
                boolean foot = y >= 8 * s;
                if (bar || foot) {
                    for (int c = 0; c < 3; c++) {
                        p[c * size * size + (y0 + y) * size + x0 + x] = 1;
                    }
                }
            }
        }
        return RgbImage.ofPlanar(size, size, p);
    }

    /** The mask of the shape's bounding box on a grid of cell 1 (the image's own pixels). */
    static ObjectMask box(int size, int x0, int y0, int s) {
        BitSet b = new BitSet();
        for (int y = y0; y < y0 + 10 * s; y++) {
            for (int x = x0; x < x0 + 6 * s; x++) {
                b.set(y * size + x);
            }
        }
        return new ObjectMask(size, size, b);
    }

    @Test
    void theSameShapeElsewhereAndLargerIsCloseAndItsMirrorImageIsFar() {
        float[] a = AppearanceDescriptor.of(lShape(96, 10, 10, 2, false), box(96, 10, 10, 2));
        float[] movedLarger = AppearanceDescriptor.of(lShape(96, 40, 30, 5, false), box(96, 40, 30, 5));
        float[] mirrored = AppearanceDescriptor.of(lShape(96, 10, 10, 2, true), box(96, 10, 10, 2));
        assertThat(a).hasSize(AppearanceDescriptor.LENGTH);
        double same = AppearanceDescriptor.distance(a, movedLarger);
        double mirror = AppearanceDescriptor.distance(a, mirrored);
        assertThat(same).isLessThan(0.3);
        assertThat(mirror).isGreaterThan(3 * same);
    }

    /** The L shape sheared by {@code slant} pixels per row (upper rows to the right), at scale s. */
    static RgbImage slantedL(int size, int x0, int y0, int s, double slant, boolean dark) {
        float[] p = new float[3 * size * size];
        java.util.Arrays.fill(p, dark ? 1 : 0);
        for (int y = 0; y < 10 * s; y++) {
            int shift = (int) Math.round(slant * (10 * s - y));
            for (int x = 0; x < 6 * s; x++) {
                if (x < 2 * s || y >= 8 * s) {
                    for (int c = 0; c < 3; c++) {
                        p[c * size * size + (y0 + y) * size + x0 + x + shift] = dark ? 0 : 1;
                    }
                }
            }
        }
        return RgbImage.ofPlanar(size, size, p);
    }

    /** A mask of the box around the (slanted) shape, as a segmenter would give it. */
    static ObjectMask slantedBox(int size, int x0, int y0, int s, double slant) {
        BitSet b = new BitSet();
        for (int y = y0; y < y0 + 10 * s; y++) {
            for (int x = x0; x < x0 + 6 * s + (int) Math.round(slant * 10 * s); x++) {
                b.set(y * size + x);
            }
        }
        return new ObjectMask(size, size, b);
    }

    @Test
    void theNormalisedDescriptorIgnoresPlaceSizeSlantAndPolarityButNotMirroring() {
        float[] a = AppearanceDescriptor.of(slantedL(96, 10, 10, 2, 0, false), slantedBox(96, 10, 10, 2, 0),
                Descriptor.NORMALISED);
        float[] other = AppearanceDescriptor.of(slantedL(96, 40, 30, 5, 0.3, true), slantedBox(96, 40, 30, 5, 0.3),
                Descriptor.NORMALISED);
        float[] mirrored = AppearanceDescriptor.of(lShape(96, 10, 10, 2, true), box(96, 10, 10, 2),
                Descriptor.NORMALISED);
        assertThat(a).hasSize(AppearanceDescriptor.NORMALISED_LENGTH + HoleTopology.LENGTH);
        double same = AppearanceDescriptor.distance(a, other);
        double mirror = AppearanceDescriptor.distance(a, mirrored);
        // moved, 2.5 times larger, slanted by 0.3 and dark on light: still the same L; its mirror image is not
        assertThat(same).isLessThan(0.35);
        assertThat(mirror).isGreaterThan(2.5 * same);
        // the box descriptor sees the slant and the polarity
        double boxSame = AppearanceDescriptor.distance(
                AppearanceDescriptor.of(slantedL(96, 10, 10, 2, 0, false), slantedBox(96, 10, 10, 2, 0), Descriptor.BOX),
                AppearanceDescriptor.of(slantedL(96, 40, 30, 5, 0.3, true), slantedBox(96, 40, 30, 5, 0.3),
                        Descriptor.BOX));
        assertThat(boxSame).isGreaterThan(same);
    }

    @Test
    void theMirroredDescriptorIsThatOfTheMirrorImage() {
        float[] a = AppearanceDescriptor.of(lShape(96, 10, 10, 2, false), box(96, 10, 10, 2), Descriptor.NORMALISED);
        float[] mirrorImage = AppearanceDescriptor.of(lShape(96, 10, 10, 2, true), box(96, 10, 10, 2),
                Descriptor.NORMALISED);
        float[] m = AppearanceDescriptor.mirrored(a);
        // the permuted histogram is the mirror image's, up to resampling on the pixel grid; the L itself is far
        assertThat(AppearanceDescriptor.distance(m, mirrorImage)).isLessThan(0.3 * AppearanceDescriptor.distance(a,
                mirrorImage));
        assertThat(AppearanceDescriptor.mirrored(m)).containsExactly(a);
        assertThat(AppearanceDescriptor.mirrored(new float[AppearanceDescriptor.LENGTH])).isEmpty(); // BOX: none
    }

    @Test
    void aFlatRegionHasAnEmptyHistogram() {
        float[] flat = AppearanceDescriptor.of(RgbImage.ofPlanar(32, 32, new float[3 * 32 * 32]), box(32, 4, 4, 2),
                Descriptor.NORMALISED);
        assertThat(flat).hasSize(AppearanceDescriptor.NORMALISED_LENGTH + HoleTopology.LENGTH).containsOnly(0f);
    }

    @Test
    void objectsWithoutADescriptorAreNotCompared() {
        assertThat(AppearanceDescriptor.distance(new float[0], new float[] {1, 0})).isZero();
    }
}
