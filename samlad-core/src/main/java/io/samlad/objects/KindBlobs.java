package io.samlad.objects;

import io.samlad.config.SamladConfig;
import io.samlad.image.RgbImage;
import io.samlad.segment.MaskCleanup;
import io.samlad.segment.ObjectMask;
import io.samlad.stats.Quantiles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Parts of a kind that the segmentation lost. The segmentation merges components smaller than its {@code minArea}
 * into a neighbour, so a pin of half the radius, or a pin bitten down to a crescent, is no object, and no measure
 * that compares objects can see it. Where an image holds objects of one kind (at least {@code minPeers} others of
 * its colour whose sizes agree), the pixels of that kind's colour are found again at pixel resolution: each
 * 4-connected component of pixels within {@code colourTolerance} of the kind's colour that lies in no object's mask
 * is measured as an object would be ({@link ObjectForm} on the object-grid cells it touches, grown by one). Pure.
 */
public final class KindBlobs {
    /** Components of fewer pixels are specks (anti-aliased edges, texture), not parts. */
    static final int MIN_PIXELS = 12;

    private KindBlobs() {
    }

    /**
     * A part found: its form, and the object-grid cells its pixels touch (where a map paints it).
     *
     * @param form  measured on the touched cells grown by one
     * @param cells the touched cells
     */
    public record Lost(ObjectForm form, ObjectMask cells) {
    }

    /** The forms of the parts of {@code objects}' kinds that no object covers, in {@code image} (working size). */
    public static List<ObjectForm> find(RgbImage image, List<SceneObject> objects, SamladConfig.Peers peers) {
        return findWithCells(image, objects, peers).stream().map(Lost::form).toList();
    }

    /** {@link #find}, each form with the cells its part touches. */
    public static List<Lost> findWithCells(RgbImage image, List<SceneObject> objects, SamladConfig.Peers peers) {
        List<float[]> kinds = kindColours(objects, peers);
        if (kinds.isEmpty()) {
            return List.of();
        }
        int w = image.width();
        int h = image.height();
        int gw = objects.get(0).mask().width();
        int gh = objects.get(0).mask().height();
        double tol2 = peers.colourTolerance() * peers.colourTolerance();
        // the objects of a kind, grown by a cell (their anti-aliased rims reach past their cells), are found already;
        // other objects (a plate piece that swallowed a small pin) are not
        BitSet kindCells = new BitSet(gw * gh);
        for (SceneObject o : objects) {
            if (o.form().measured() && nearest(kinds, o.form()) <= peers.colourTolerance()) {
                kindCells.or(o.mask().bits());
            }
        }
        BitSet covered = MaskCleanup.dilate(kindCells, gw, gh);
        float[] planar = image.planar();
        int plane = w * h;
        boolean[] kind = new boolean[plane];
        for (int p = 0; p < plane; p++) {
            int cell = Math.min(gh - 1, (int) ((long) (p / w) * gh / h)) * gw
                    + Math.min(gw - 1, (int) ((long) (p % w) * gw / w));
            if (covered.get(cell)) {
                continue;
            }
            for (float[] c : kinds) {
                double dr = planar[p] - c[0];
                double dg = planar[plane + p] - c[1];
                double db = planar[2 * plane + p] - c[2];
                if (dr * dr + dg * dg + db * db <= tol2) {
                    kind[p] = true;
                    break;
                }
            }
        }
        List<Lost> out = new ArrayList<>();
        int[] stack = new int[plane];
        boolean[] seen = new boolean[plane];
        for (int start = 0; start < plane; start++) {
            if (!kind[start] || seen[start]) {
                continue;
            }
            // flood fill one component, marking the object-grid cells it touches
            BitSet cells = new BitSet(gw * gh);
            int top = 0;
            int size = 0;
            stack[top++] = start;
            seen[start] = true;
            while (top > 0) {
                int p = stack[--top];
                size++;
                int x = p % w;
                int y = p / w;
                cells.set(Math.min(gh - 1, (int) ((long) y * gh / h)) * gw + Math.min(gw - 1, (int) ((long) x * gw / w)));
                int[] next = {x > 0 ? p - 1 : -1, x < w - 1 ? p + 1 : -1, y > 0 ? p - w : -1, y < h - 1 ? p + w : -1};
                for (int q : next) {
                    if (q >= 0 && kind[q] && !seen[q]) {
                        seen[q] = true;
                        stack[top++] = q;
                    }
                }
            }
            if (size < MIN_PIXELS) {
                continue;
            }
            // grown by a cell: the kind's colour misses the part's highlight and rim, its cells must not
            ObjectForm form = ObjectForm.of(image, new ObjectMask(gw, gh, MaskCleanup.dilate(cells, gw, gh)));
            if (form.measured()) {
                out.add(new Lost(form, new ObjectMask(gw, gh, cells)));
            }
        }
        return out;
    }

    /** Distance from a form's colour to the nearest of {@code colours} (infinite for none). */
    private static double nearest(List<float[]> colours, ObjectForm f) {
        double best = Double.POSITIVE_INFINITY;
        for (float[] c : colours) {
            double dr = f.red() - c[0];
            double dg = f.green() - c[1];
            double db = f.blue() - c[2];
            best = Math.min(best, Math.sqrt(dr * dr + dg * dg + db * db));
        }
        return best;
    }

    /** The colours of the objects that have at least {@code minPeers} same-colour peers whose sizes agree. */
    static List<float[]> kindColours(List<SceneObject> objects, SamladConfig.Peers peers) {
        List<float[]> out = new ArrayList<>();
        if (!peers.on() || objects.isEmpty()) {
            return out;
        }
        int n = objects.size();
        double[] logs = new double[n];
        double[] shares = new double[n];
        for (int i = 0; i < n; i++) {
            ObjectForm fi = objects.get(i).form();
            if (!fi.measured()) {
                continue;
            }
            int m = 0;
            for (int j = 0; j < n; j++) {
                ObjectForm fj = objects.get(j).form();
                if (j != i && fj.measured() && fi.colourDistance(fj) <= peers.colourTolerance()) {
                    shares[m] = objects.get(j).mask().areaFraction();
                    logs[m++] = Math.log(fj.area());
                }
            }
            // pieces of a surface (a plate cut into cells) are no kind of parts: their colour's pixels outside them
            // are the rest of the surface, not lost parts (PeerComparer.isKindOfParts)
            if (m < peers.minPeers() || peers.maxKindShare() > 0
                    && Quantiles.median(Arrays.copyOf(shares, m)) > peers.maxKindShare()) {
                continue;
            }
            double[] v = Arrays.copyOf(logs, m);
            double mad = 1.4826 * Quantiles.mad(v, Quantiles.median(v));
            if (mad <= peers.maxSpread() && nearest(out, fi) > peers.colourTolerance() / 2) {
                out.add(new float[] {fi.red(), fi.green(), fi.blue()});
            }
        }
        return out;
    }
}
