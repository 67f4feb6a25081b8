package io.samlad.detector;

import io.samlad.objects.AppearanceDescriptor;
import io.samlad.segment.ObjectMask;
import java.util.BitSet;

/**
 * The toy scenes the swapped-pair tests share: a 12 x 12 image with three places along its middle row, whose normal
 * parts are three kinds of appearance, each a little varied so that nearest-example distances are not all zero.
 */
final class ThreePlaces {
    static final int W = 12;
    /** The places' left columns: three 3 x 3 parts along the middle row. */
    static final int[] PLACES = {0, 5, 9};

    private ThreePlaces() {
    }

    static ObjectMask box(int x0, int y0, int side) {
        BitSet b = new BitSet(W * W);
        for (int y = y0; y < y0 + side; y++) {
            for (int x = x0; x < x0 + side; x++) {
                b.set(y * W + x);
            }
        }
        return new ObjectMask(W, W, b);
    }

    /** Kind {@code k}'s appearance, varied a little by {@code jitter}. */
    static float[] kind(int k, int jitter) {
        float[] a = new float[AppearanceDescriptor.NORMALISED_LENGTH];
        a[k] = 1;
        a[20 + jitter % 7] = 0.15f;
        return a;
    }
}
