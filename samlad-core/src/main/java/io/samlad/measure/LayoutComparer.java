package io.samlad.measure;

import io.samlad.config.InnerLayout;
import io.samlad.objects.ColourLattice;
import io.samlad.objects.LayoutGrid;
import io.samlad.objects.Scene;
import io.samlad.objects.SceneObject;
import io.samlad.segment.ObjectMask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * LAYOUT: an object that keeps its place in every normal image (a label), compared INSIDE, in its own box's
 * coordinates ({@link LayoutGrid}), with the same place's layouts in the normal images. The label of a juice bottle
 * is matched and looks like a label wherever its fruit icon sits or whether it has one; only the cells of its box
 * say where the icon is. Per cell the deviation is the colour distance to the nearest normal layouts in units of
 * that cell's normal spread; the raw value the mean of the few largest. Equations in {@code docs/method.md},
 * section 8, "LAYOUT". Pure.
 */
public final class LayoutComparer {
    private LayoutComparer() {
    }

    /**
     * The raw value and where it points.
     *
     * @param raw   the largest over judged places of the mean of the {@code topCells} largest cell deviations (0
     *              where no query object lies at a judged place)
     * @param cells a weight in [0, 1] per object-grid cell of the query: the deviating cells of the worst place, in
     *              proportion to their deviation; null where nothing deviates
     */
    public record Result(double raw, float[] cells) {
    }

    /** An object's box, image-relative, and the object's index in its scene. */
    record Box(int object, double x0, double y0, double x1, double y1) {
        double cx() {
            return (x0 + x1) / 2;
        }

        double cy() {
            return (y0 + y1) / 2;
        }

        double w() {
            return x1 - x0;
        }

        double h() {
            return y1 - y0;
        }
    }

    /** The boxes of a scene's objects that can hold an inner layout: not background, and large enough on the lattice. */
    static List<Box> candidates(Scene scene, InnerLayout params) {
        ColourLattice lattice = scene.lattice();
        List<Box> out = new ArrayList<>();
        if (lattice == null) {
            return out;
        }
        double minPixels = (double) params.minPoints() * params.grid() * lattice.step();
        List<SceneObject> objects = scene.objects();
        for (int i = 0; i < objects.size(); i++) {
            ObjectMask m = objects.get(i).mask();
            if (m.areaFraction() > params.maxArea()) {
                continue;
            }
            Box b = new Box(i, m.minX() / (double) m.width(), m.minY() / (double) m.height(),
                    (m.maxX() + 1) / (double) m.width(), (m.maxY() + 1) / (double) m.height());
            if (b.w() * scene.width() >= minPixels && b.h() * scene.height() >= minPixels) {
                out.add(b);
            }
        }
        return out;
    }

    /** Whether box {@code b} lies at the place of centre (x, y) and size w x h. */
    static boolean at(Box b, double x, double y, double w, double h, InnerLayout params) {
        return within(b, x, y, w, h, params.placeRadius(), params.placeRadius(), params);
    }

    /**
     * Whether box {@code b}'s centre lies within {@code rx}, {@code ry} of (x, y), per axis, and its size within the
     * size tolerance of w x h.
     */
    static boolean within(Box b, double x, double y, double w, double h, double rx, double ry, InnerLayout params) {
        return Math.abs(b.cx() - x) <= rx && Math.abs(b.cy() - y) <= ry
                && Math.abs(Math.log(b.w() / w)) <= params.sizeTolerance()
                && Math.abs(Math.log(b.h() / h)) <= params.sizeTolerance();
    }

    /**
     * {@code params} with the places fitted on the normal images {@code scenes} (bank order: scene {@code i} is bank
     * image {@code i}): boxes found at one place in at least {@code minPresence} of the images, most often found
     * first, each with its member layouts, per-cell spread and contrast (whether the normal images agree on its
     * inner layout). Images without a lattice: nothing fitted, the measure stays off.
     */
    public static InnerLayout fit(List<Scene> scenes, InnerLayout params) {
        int n = scenes.size();
        List<List<Box>> pool = new ArrayList<>(n);
        for (Scene s : scenes) {
            if (s.lattice() == null) {
                return params.withPlaces(List.of());
            }
            pool.add(new ArrayList<>(candidates(s, params)));
        }
        List<List<Box>> everyBox = new ArrayList<>(pool.size());
        for (List<Box> boxes : pool) {
            everyBox.add(List.copyOf(boxes));
        }
        List<InnerLayout.Place> places = new ArrayList<>();
        int needed = (int) Math.ceil(params.minPresence() * n);
        while (places.size() < params.maxPlaces()) {
            // the box found at its place in the most images
            Box seed = null;
            int best = 0;
            for (List<Box> boxes : pool) {
                for (Box b : boxes) {
                    int support = 0;
                    for (List<Box> other : pool) {
                        for (Box o : other) {
                            if (at(o, b.cx(), b.cy(), b.w(), b.h(), params)) {
                                support++;
                                break;
                            }
                        }
                    }
                    if (support > best) {
                        best = support;
                        seed = b;
                    }
                }
            }
            if (seed == null || best < Math.max(2, needed)) {
                break;
            }
            // one member per image: its box nearest the seed's centre
            int[] images = new int[best];
            Box[] members = new Box[best];
            int count = 0;
            for (int i = 0; i < n; i++) {
                Box nearest = null;
                double d = Double.POSITIVE_INFINITY;
                for (Box o : pool.get(i)) {
                    double di = Math.hypot(o.cx() - seed.cx(), o.cy() - seed.cy());
                    if (at(o, seed.cx(), seed.cy(), seed.w(), seed.h(), params) && di < d) {
                        d = di;
                        nearest = o;
                    }
                }
                if (nearest != null && count < best) {
                    images[count] = i;
                    members[count++] = nearest;
                }
            }
            double[] cx = new double[count];
            double[] cy = new double[count];
            double[] w = new double[count];
            double[] h = new double[count];
            for (int j = 0; j < count; j++) {
                Box b = members[j];
                cx[j] = b.cx();
                cy[j] = b.cy();
                w[j] = b.w();
                h[j] = b.h();
            }
            double px = median(cx);
            double py = median(cy);
            double pw = median(w);
            double ph = median(h);
            Box first = seed;
            // the members leave the pool, and so does any other box at the same place (a second cut of it)
            for (int i = 0; i < n; i++) {
                pool.get(i).removeIf(o -> at(o, px, py, pw, ph, params) || at(o, first.cx(), first.cy(),
                        first.w(), first.h(), params));
            }
            for (int j = 0; j < count; j++) {
                pool.get(images[j]).remove(members[j]);
            }
            // how far the normal images' objects of the place's size lie from its centre: each is normal, and an
            // object that far is followed, not read where the place lies (a label on a bottle standing a little aside)
            double[] reach = reach(everyBox, px, py, pw, ph, params);
            double rx = params.follow(reach[0]);
            double ry = params.follow(reach[1]);
            // every normal image's layout at the place (where the segmentation cut the object otherwise, at the
            // place's own box): each image is an example of what lies there
            float[][] layouts = new float[n][];
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
                Box b = frame(everyBox.get(i), px, py, pw, ph, rx, ry, params);
                layouts[i] = LayoutGrid.of(scenes.get(i).lattice(), scenes.get(i).width(), scenes.get(i).height(),
                        b.x0(), b.y0(), b.x1(), b.y1(), params.grid());
            }
            places.add(place(px, py, pw, ph, all, layouts, params, reach));
        }
        return params.withPlaces(places);
    }

    /**
     * Per axis, the largest offset from the place's centre {@code (x, y)} of a normal image's box of the place's size
     * (within {@code sizeTolerance}) lying within half the place's size of it: the nearest such box of each image.
     * What the normal images show of how far the object moves; 0 where none has one.
     */
    static double[] reach(List<List<Box>> boxes, double x, double y, double w, double h, InnerLayout params) {
        double rx = 0;
        double ry = 0;
        for (List<Box> image : boxes) {
            Box nearest = null;
            double d = Double.POSITIVE_INFINITY;
            for (Box o : image) {
                double dx = Math.abs(o.cx() - x);
                double dy = Math.abs(o.cy() - y);
                // strictly under half the place's size, not within()'s closed bound: pixel-aligned boxes can lie
                // exactly half a place aside (another object's), and the closed bound was measured to change every
                // juice_bottle score (threshold 1.548 to 1.469)
                if (dx < w / 2 && dy < h / 2 && Math.abs(Math.log(o.w() / w)) <= params.sizeTolerance()
                        && Math.abs(Math.log(o.h() / h)) <= params.sizeTolerance() && Math.hypot(dx, dy) < d) {
                    d = Math.hypot(dx, dy);
                    nearest = o;
                }
            }
            if (nearest != null) {
                rx = Math.max(rx, Math.abs(nearest.cx() - x));
                ry = Math.max(ry, Math.abs(nearest.cy() - y));
            }
        }
        return new double[] {rx, ry};
    }

    /** A place's per-cell spread and contrast from its member layouts; layouts kept only where it is judged. */
    static InnerLayout.Place place(double x, double y, double w, double h, int[] images, float[][] layouts,
            InnerLayout params, double[] reach) {
        int cells = params.grid() * params.grid();
        int count = layouts.length;
        double[] unit = new double[cells];
        Arrays.fill(unit, 1.0);
        // each cell's spread: the median over members of its colour distance to the member's nearest others
        double[][] residual = new double[cells][count];
        for (int j = 0; j < count; j++) {
            double[] e = deviations(layouts[j], layouts, j, unit, params.neighbours());
            for (int c = 0; c < cells; c++) {
                residual[c][j] = e[c];
            }
        }
        double[] noise = new double[cells];
        for (int c = 0; c < cells; c++) {
            noise[c] = Math.max(params.noiseFloor(), count == 0 ? 0 : median(residual[c]));
        }
        // contrast: a member moved by one cell against the others, over a member as it is
        double[] normal = new double[count];
        double[] moved = new double[count];
        for (int j = 0; j < count; j++) {
            normal[j] = top(deviations(layouts[j], layouts, j, noise, params.neighbours()), params.topCells());
            double least = Double.POSITIVE_INFINITY;
            for (int[] d : new int[][] {{1, 0}, {-1, 0}, {0, 1}, {0, -1}}) {
                float[] s = shifted(layouts[j], params.grid(), d[0], d[1]);
                least = Math.min(least, top(deviations(s, layouts, j, noise, params.neighbours()),
                        params.topCells()));
            }
            moved[j] = least;
        }
        double contrast = count < 2 ? 0 : median(moved) / Math.max(1e-9, median(normal));
        boolean judged = contrast >= params.minContrast();
        // LAYOUT reads the judged places' layouts; LAYOUT_JOINT every place's (a place of one plain colour, the
        // juice, says nothing inside but tells which juice goes with which label)
        boolean kept = judged || params.jointFloor() > 0;
        int[] codes = new int[kept ? count * cells * 3 : 0];
        if (kept) {
            for (int j = 0; j < count; j++) {
                for (int k = 0; k < cells * 3; k++) {
                    codes[j * cells * 3 + k] = Math.round(layouts[j][k] * 1000);
                }
            }
        }
        return new InnerLayout.Place(x, y, w, h, kept ? images : new int[0], codes, noise, contrast, reach[0],
                reach[1]);
    }

    /**
     * LAYOUT of {@code query} against the places of {@code params}, leaving out bank image {@code exclude} (-1 for
     * none): per judged place, the query object at it (nearest centre), its cell deviations from the nearest normal
     * layouts, the mean of the largest.
     */
    public static Result raw(Scene query, InnerLayout params, int exclude) {
        return raw(query, params, exclude, null);
    }

    /**
     * As above, comparing only with the layouts of the bank images in {@code among} (the query's nearest normal
     * images by global descriptor: bottles of the same juice), or with all where null.
     */
    public static Result raw(Scene query, InnerLayout params, int exclude, java.util.Set<Integer> among) {
        if (!params.on() || query.lattice() == null) {
            return new Result(0, null);
        }
        List<Box> boxes = candidates(query, params);
        double best = 0;
        float[] cells = null;
        int grid = params.grid();
        for (InnerLayout.Place p : params.places()) {
            if (!p.judged(params.minContrast())) {
                continue;
            }
            Box at = frame(boxes, p.x(), p.y(), p.w(), p.h(), params.followX(p), params.followY(p), params);
            float[] q = LayoutGrid.of(query.lattice(), query.width(), query.height(), at.x0(), at.y0(), at.x1(),
                    at.y1(), grid);
            double[] e = deviations(q, p.layouts(), p.images(), exclude, among, p.noise(), params.neighbours());
            double v = top(e, params.topCells());
            if (v > best) {
                best = v;
                cells = query.fine() == null ? null : paint(e, at, grid, query.fine().width(), query.fine().height());
            }
        }
        return new Result(best, cells);
    }

    /**
     * LAYOUT_JOINT of {@code query}: its layouts at every judged place against one normal image at a time, leaving out
     * bank image {@code exclude} (-1 for none). Per place p and normal image j, the root mean square cell deviation
     * {@code d_p(j)} of the query's layout from j's (in units of the cells' spread), relative to the place's own best,
     * {@code rho_p(j) = d_p(j) / (mean of the m smallest d_p + jointFloor)}; the raw value is the mean of the m
     * smallest over j of {@code max_p rho_p(j)} (m = {@code neighbours}), over every place whose layouts are stored
     * (judged or not: a plain place, the juice, has no inner layout but a colour). Each place alone may be explained well by
     * some normal images (a circle label; green juice) while no normal image explains all of them (a circle label
     * on green juice). 0 where fewer than two places are stored, none is judged, or {@code jointFloor} is 0.
     */
    public static double joint(Scene query, InnerLayout params, int exclude) {
        if (!params.jointOn() || query.lattice() == null) {
            return 0;
        }
        List<Box> boxes = candidates(query, params);
        int m = params.neighbours();
        int size = 0;
        for (InnerLayout.Place p : params.places()) {
            for (int i : p.images()) {
                size = Math.max(size, i + 1);
            }
        }
        double[] worst = new double[size];
        boolean[] everywhere = new boolean[size];
        Arrays.fill(everywhere, true);
        for (InnerLayout.Place p : params.places()) {
            if (!p.stored()) {
                continue;
            }
            Box at = frame(boxes, p.x(), p.y(), p.w(), p.h(), params.followX(p), params.followY(p), params);
            float[] q = LayoutGrid.of(query.lattice(), query.width(), query.height(), at.x0(), at.y0(), at.x1(),
                    at.y1(), params.grid());
            double[] d = distances(q, p.layouts(), p.noise());
            boolean[] here = new boolean[size];
            double[] kept = new double[d.length];
            int count = 0;
            for (int j = 0; j < d.length; j++) {
                if (p.images()[j] != exclude) {
                    here[p.images()[j]] = true;
                    kept[count++] = d[j];
                }
            }
            double best = SmallestValues.mean(kept, count, m) + params.jointFloor();
            for (int j = 0; j < d.length; j++) {
                int image = p.images()[j];
                worst[image] = Math.max(worst[image], d[j] / best);
            }
            for (int i = 0; i < size; i++) {
                everywhere[i] &= here[i];
            }
        }
        double[] joint = new double[size];
        int count = 0;
        for (int i = 0; i < size; i++) {
            if (everywhere[i]) {
                joint[count++] = worst[i];
            }
        }
        return count == 0 ? 0 : SmallestValues.mean(joint, count, m);
    }

    /**
     * Per stored member layout, the root mean square over cells of the query layout's colour distance to it in units
     * of the cell's spread (codes of L*a*b* / 100 times 1000, read in place).
     */
    static double[] distances(float[] layout, int[] codes, double[] noise) {
        int cells = noise.length;
        int stride = cells * 3;
        int count = codes.length / stride;
        // the query in code units, and each cell's weight 1 / spread² (in code units), once
        double[] q = new double[stride];
        for (int k = 0; k < stride; k++) {
            q[k] = layout[k] * 1000.0;
        }
        double[] weight = new double[cells];
        for (int c = 0; c < cells; c++) {
            double u = 1e-3 / noise[c];
            weight[c] = u * u / cells;
        }
        double[] d = new double[count];
        for (int j = 0, o = 0; j < count; j++, o += stride) {
            double sum = 0;
            for (int c = 0, k = 0; c < cells; c++, k += 3) {
                double dl = q[k] - codes[o + k];
                double da = q[k + 1] - codes[o + k + 1];
                double db = q[k + 2] - codes[o + k + 2];
                sum += (dl * dl + da * da + db * db) * weight[c];
            }
            d[j] = Math.sqrt(sum);
        }
        return d;
    }

    /**
     * Where a scene's layout at a place is read: the place's own box, centred on the scene's object at the place
     * (its box nearest the place's centre, within {@code rx} and {@code ry} of it and within {@code sizeTolerance} of
     * its size) where {@code followObject} and there is one, else where the place lies in the image.
     */
    static Box frame(List<Box> boxes, double x, double y, double w, double h, double rx, double ry,
            InnerLayout params) {
        double cx = x;
        double cy = y;
        if (params.followObject()) {
            double d = Double.POSITIVE_INFINITY;
            for (Box b : boxes) {
                double db = Math.hypot(b.cx() - x, b.cy() - y);
                if (within(b, x, y, w, h, rx, ry, params) && db < d) {
                    d = db;
                    cx = b.cx();
                    cy = b.cy();
                }
            }
        }
        return new Box(-1, cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2);
    }

    /**
     * {@link #deviations(float[], float[][], int, double[], int)} against a place's stored member layouts (codes of
     * L*a*b* / 100 times 1000), skipping those of bank image {@code exclude}: read in place, nothing decoded.
     */
    static double[] deviations(float[] layout, int[] codes, int[] images, int exclude, java.util.Set<Integer> among,
            double[] noise, int m) {
        int cells = noise.length;
        int stride = cells * 3;
        int count = images.length;
        double[] inverse = new double[cells];
        for (int c = 0; c < cells; c++) {
            inverse[c] = 1e-3 / noise[c];
        }
        double[] q = new double[stride];
        for (int k = 0; k < stride; k++) {
            q[k] = layout[k] * 1000.0;
        }
        double[] dist = new double[count];
        for (int j = 0; j < count; j++) {
            if (images[j] == exclude || among != null && !among.contains(images[j])) {
                dist[j] = Double.POSITIVE_INFINITY;
                continue;
            }
            int o = j * stride;
            double sum = 0;
            for (int c = 0; c < cells; c++) {
                double dl = q[3 * c] - codes[o + 3 * c];
                double da = q[3 * c + 1] - codes[o + 3 * c + 1];
                double db = q[3 * c + 2] - codes[o + 3 * c + 2];
                double u = inverse[c];
                sum += (dl * dl + da * da + db * db) * u * u;
            }
            dist[j] = sum;
        }
        double[] e = new double[cells];
        boolean[] taken = new boolean[count];
        int k = 0;
        for (int t = 0; t < m; t++) {
            int arg = nearestUntaken(dist, taken);
            if (arg < 0) {
                break;
            }
            taken[arg] = true;
            k++;
            int o = arg * stride;
            for (int c = 0; c < cells; c++) {
                double dl = q[3 * c] - codes[o + 3 * c];
                double da = q[3 * c + 1] - codes[o + 3 * c + 1];
                double db = q[3 * c + 2] - codes[o + 3 * c + 2];
                e[c] += Math.sqrt(dl * dl + da * da + db * db) * inverse[c];
            }
        }
        for (int c = 0; c < cells && k > 0; c++) {
            e[c] /= k;
        }
        return e;
    }

    /**
     * Per cell: the colour distance of {@code layout} to the {@code m} layouts of {@code others} nearest it (by the
     * sum over cells of squared distances in units of {@code noise}), skipping {@code self}, mean over them, in units
     * of the cell's {@code noise}.
     */
    static double[] deviations(float[] layout, float[][] others, int self, double[] noise, int m) {
        int cells = noise.length;
        int count = others.length;
        double[] dist = new double[count];
        for (int j = 0; j < count; j++) {
            if (j == self) {
                dist[j] = Double.POSITIVE_INFINITY;
                continue;
            }
            float[] o = others[j];
            double sum = 0;
            for (int c = 0; c < cells; c++) {
                double dl = layout[3 * c] - o[3 * c];
                double da = layout[3 * c + 1] - o[3 * c + 1];
                double db = layout[3 * c + 2] - o[3 * c + 2];
                sum += (dl * dl + da * da + db * db) / (noise[c] * noise[c]);
            }
            dist[j] = sum;
        }
        int k = Math.min(m, count - (self >= 0 && self < count ? 1 : 0));
        double[] e = new double[cells];
        if (k <= 0) {
            return e;
        }
        boolean[] taken = new boolean[count];
        for (int t = 0; t < k; t++) {
            int arg = nearestUntaken(dist, taken);
            if (arg < 0) {
                break;
            }
            taken[arg] = true;
            float[] o = others[arg];
            for (int c = 0; c < cells; c++) {
                double dl = layout[3 * c] - o[3 * c];
                double da = layout[3 * c + 1] - o[3 * c + 1];
                double db = layout[3 * c + 2] - o[3 * c + 2];
                e[c] += Math.sqrt(dl * dl + da * da + db * db) / noise[c] / k;
            }
        }
        return e;
    }

    /** The mean of the {@code t} largest values. */
    static double top(double[] e, int t) {
        double[] s = e.clone();
        Arrays.sort(s);
        int k = Math.min(t, s.length);
        double sum = 0;
        for (int i = 0; i < k; i++) {
            sum += s[s.length - 1 - i];
        }
        return k == 0 ? 0 : sum / k;
    }

    /** The layout moved by (dx, dy) cells, the edge cells repeated where it moved away from them. */
    static float[] shifted(float[] layout, int grid, int dx, int dy) {
        float[] out = new float[layout.length];
        for (int y = 0; y < grid; y++) {
            int sy = Math.max(0, Math.min(grid - 1, y - dy));
            for (int x = 0; x < grid; x++) {
                int sx = Math.max(0, Math.min(grid - 1, x - dx));
                System.arraycopy(layout, (sy * grid + sx) * 3, out, (y * grid + x) * 3, 3);
            }
        }
        return out;
    }

    /** The deviating cells of a box (at least half the largest deviation) on the object grid, weighted by it. */
    static float[] paint(double[] e, Box box, int grid, int gw, int gh) {
        double max = 0;
        for (double v : e) {
            max = Math.max(max, v);
        }
        if (max <= 0) {
            return null;
        }
        float[] cells = new float[gw * gh];
        for (int gy = 0; gy < grid; gy++) {
            for (int gx = 0; gx < grid; gx++) {
                double w = e[gy * grid + gx] / max;
                if (w < 0.5) {
                    continue;
                }
                double x0 = box.x0() + gx * box.w() / grid;
                double y0 = box.y0() + gy * box.h() / grid;
                int cx0 = (int) Math.floor(x0 * gw);
                int cx1 = (int) Math.ceil((x0 + box.w() / grid) * gw);
                int cy0 = (int) Math.floor(y0 * gh);
                int cy1 = (int) Math.ceil((y0 + box.h() / grid) * gh);
                for (int y = Math.max(0, cy0); y < Math.min(gh, cy1); y++) {
                    for (int x = Math.max(0, cx0); x < Math.min(gw, cx1); x++) {
                        cells[y * gw + x] = Math.max(cells[y * gw + x], (float) w);
                    }
                }
            }
        }
        return cells;
    }

    private static double median(double[] v) {
        if (v.length == 0) {
            return 0;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** The index of the smallest finite distance not yet taken, or -1 when none is left (ties: the first). */
    private static int nearestUntaken(double[] dist, boolean[] taken) {
        int arg = -1;
        for (int j = 0; j < dist.length; j++) {
            if (!taken[j] && dist[j] < Double.POSITIVE_INFINITY && (arg < 0 || dist[j] < dist[arg])) {
                arg = j;
            }
        }
        return arg;
    }
}
