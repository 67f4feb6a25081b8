package io.samlad.measure;

import io.samlad.objects.Scene;
import io.samlad.objects.SceneObject;
import io.samlad.segment.ObjectMask;
import java.util.Arrays;
import java.util.List;

/**
 * How much of its place's part an object is ({@code identity.partShare}, round 11). The segmentation cuts a digit into
 * pieces now and then (a stroke, a loop, a flag), and a piece is far from every whole example at its place although
 * nothing is wrong there: on DigitAnatomy such pieces (areas 0.005 to 0.009 where a whole digit covers about 0.02 to
 * 0.03 of the grid) made up most of IDENTITY's normal tail. The OBJECT measure's area damping,
 * {@code sqrt(min(1, a / objectAreaScale))}, is absolute and was set for specks; a piece is better judged against the
 * part that stands at its place in normal images, whatever that place's size.
 *
 * <p>The place's whole part, for query object {@code q} and the normal images {@code I}:
 * <pre>
 *   A_I(q) = the largest area of the objects of I whose bounding box holds q's centroid   (0 where none does)
 *   A_p(q) = median of A_I(q) over the images where it is positive
 *   damping(q) = sqrt(min(1, a_q / (share · A_p(q))))
 * </pre>
 * The box rather than the place radius: a piece's centroid lies off its digit's centre, but inside the box of the digit
 * that stands there in a normal image. A wrong part of a part's size (a 0 where a 5 belongs) covers as much as the part
 * and is not damped.
 */
final class PlacePart {
    private PlacePart() {
    }

    /** {@code A_p(q)}: the median area of the place's whole part over {@code normals}; NaN where none holds it. */
    static double wholeArea(ObjectMask q, List<Scene> normals) {
        double[] v = new double[normals.size()];
        int n = 0;
        for (Scene s : normals) {
            double largest = 0;
            for (SceneObject o : s.objects()) {
                ObjectMask m = o.mask();
                double x = q.centroidX() * m.width();
                double y = q.centroidY() * m.height();
                // cells minX..maxX cover [minX, maxX + 1) in cell units
                if (x >= m.minX() && x < m.maxX() + 1 && y >= m.minY() && y < m.maxY() + 1) {
                    largest = Math.max(largest, m.areaFraction());
                }
            }
            if (largest > 0) {
                v[n++] = largest;
            }
        }
        if (n == 0) {
            return Double.NaN;
        }
        Arrays.sort(v, 0, n);
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /**
     * {@code sqrt(min(1, area / (share · whole)))}: 1 where the object covers at least {@code share} of its place's
     * whole part, or where there is no whole part to compare with ({@code whole} NaN or not positive).
     */
    static double damping(double area, double whole, double share) {
        if (!(whole > 0) || !(share > 0)) {
            return 1;
        }
        return Math.sqrt(Math.min(1.0, area / (share * whole)));
    }
}
