package io.samlad.measure;

import io.samlad.bank.TemplateBank;
import io.samlad.config.SamladConfig;
import io.samlad.objects.AppearanceDescriptor;
import io.samlad.objects.DeformationDistance;
import io.samlad.objects.Scene;
import io.samlad.objects.SceneObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleBiFunction;

/**
 * Whether each query object is the object that belongs at its place: its appearance descriptor compared with those
 * of the objects at the same place in many normal images. Each normal image holds one example of what belongs
 * there (one written 7 in the 7's cell), so many images make a nearest-neighbour classifier of "what is normal here";
 * a 3 in that cell, or a mirrored 7, is far from all of them although every patch of it looks normal.
 *
 * <p>For query object i and normal image I: {@code d_I(i) = min |a_i - a_o|} over the objects o of I whose centroid
 * lies within {@code radius} of i's ({@link AppearanceDescriptor} distance). The raw identity is the mean of the
 * {@code neighbours} smallest {@code d_I(i)} over the images (a robust nearest-neighbour distance: one odd example
 * in the bank does not excuse an anomaly). Where fewer than {@code neighbours} images have an object there, the
 * object has no counterpart to be compared with (an extra object, which the matching judges): NaN, which the scorer
 * reads as not measured.
 *
 * <p>Two ways of being wrong are recognised as such and added to that distance ({@code otherPlaceWeight},
 * {@code mirrorWeight}): an object nearer to the objects elsewhere than to those at its place (a swapped part), and
 * one whose mirror image ({@link AppearanceDescriptor#mirrored}) is nearer to those at its place than itself (a part
 * turned over); each adds {@code max(0, d_same - d_other)} or {@code max(0, d_same - d_mirror)}, so a normal object
 * gets nothing.
 *
 * <p>Only where the normal examples at the object's place recognise their place ({@link PlaceConsistency}: at least
 * {@code minConsistency} of them, and as much of the bank's object area) does the measure judge: alike parts in every
 * cell (pins) have no identity of their own, and their appearance distances measure only jitter.
 *
 * <p>Where the places have a reliable identity (place consistency at least {@code placeEvidenceConsistency}), the
 * object's holes ({@link io.samlad.objects.HoleTopology}) are compared with those of the examples at its place, as
 * the histograms are, and {@code topologyWeight} times that nearest-example distance is added: a 0 written where a
 * 6, an 8 or a 9 belongs has strokes like theirs but not their holes. So, with {@code fillWeight}, is the distance
 * of how much of the object its holes fill to the place's usual fill (the mean over {@code fillNeighbours} images, so
 * that the few odd examples whose loop fills as much as a 0's do not excuse one).
 *
 * <p>Two further pieces of evidence are options, off by default (measured on DigitAnatomy, neither better on every
 * seed; {@code docs/method.md}): a nearest-neighbour classification of places ({@code ownPlaceWeight}: the share of
 * the object's nearest normal objects, from every place, that stand elsewhere) and the distance from the principal
 * subspace of the place's examples ({@link PlaceSubspaces}, {@code subspaceComponents}); both only in banks whose
 * place consistency reaches {@code placeEvidenceConsistency}.
 *
 * <p>Dividing by how much the normal examples at the place vary among themselves (a local outlier factor) was tried
 * and dropped: an anomaly's nearest normal examples are the atypical ones, whose own spread is large, and the ratio
 * hid mirrored digits (DigitAnatomy flipped AUROC 0.96 to 0.58).
 */
public final class IdentityComparer {
    private IdentityComparer() {
    }

    /**
     * The raw IDENTITY value of each of the query's objects: its {@link #nearestDistances} to the objects at its place
     * in the {@code images} nearest normal images by global descriptor, times the area damping of the OBJECT measure
     * ({@code sqrt(min(1, a / objectAreaScale))}: a speck matters less than a part); 0 where not measured (too few
     * examples at its place, or a place whose examples do not recognise it).
     *
     * @param exclude bank index of the query itself during leave-one-out calibration, else -1
     */
    public static double[] perObject(Scene query, TemplateBank bank, int exclude, SamladConfig.Identity config,
            double objectAreaScale) {
        double[] d = new double[query.objects().size()];
        boolean[][] recognised = null;
        if (config.minConsistency() > 0) {
            PlaceConsistency places = PlaceConsistency.of(bank, config);
            if (places.share() < config.minConsistency()) {
                return d; // the bank's places have no identity of their own (alike parts everywhere): silent
            }
            recognised = places.recognised();
        }
        // the places' vote only where they have a reliable identity (DigitAnatomy, not the synthetic categories)
        boolean reliable = (config.ownPlaceWeight() > 0 || config.subspaceComponents() > 0)
                && PlaceConsistency.of(bank, config).share() >= config.placeEvidenceConsistency();
        boolean vote = reliable && config.ownPlaceWeight() > 0;
        // the hole topology likewise only where places have a reliable identity: elsewhere (bottle, compartment_box)
        // the descriptors' distances are mostly how the segmentation cut a part, and holes would add to that noise
        double wt = config.topologyWeight() > 0
                && PlaceConsistency.of(bank, config).share() >= config.placeEvidenceConsistency()
                ? config.topologyWeight() : 0;
        // the places' spread likewise: where places have no identity their distances are jitter, not a digit's variety
        PlaceConsistency spreads = config.placeSpread() > 0
                && PlaceConsistency.of(bank, config).share() >= config.placeEvidenceConsistency()
                ? PlaceConsistency.of(bank, config) : null;
        if (spreads != null && !(spreads.spread() > 0)) {
            spreads = null;
        }
        // the deformation-tolerant distance likewise (the fit's gate turns it off with the holes), and only where
        // the query's objects carry their contrast images (the bank's term on at predict)
        double deformation = wt > 0 ? config.deformationScale() : 0;
        double deformedMirror = wt > 0 ? config.deformationMirror() : 0;
        // the place's whole part likewise: where places have no identity a piece and a part are alike jitter
        double partShare = wt > 0 ? config.partShare() : 0;
        PlaceSubspaces subspaces = reliable && config.subspaceComponents() > 0 ? PlaceSubspaces.of(bank, config) : null;
        // IDENTITY's own damping of small objects likewise only where places have a reliable identity: there a grid's
        // normal tail is mostly pieces and small digits a little under the place's usual size (docs/method.md, round 11)
        double areaScale = wt > 0 ? config.areaScaleOr(objectAreaScale) : objectAreaScale;
        // the retrieval only once the measure speaks: a silent bank (pin_grid, juice_bottle) costs no search
        List<TemplateBank.Neighbour> near = bank.nearest(query.global(), config.images(), exclude);
        List<Scene> normals = new ArrayList<>();
        for (TemplateBank.Neighbour n : near) {
            normals.add(bank.scene(n.index()));
        }
        int neighbours = Math.min(config.neighbours(), Math.max(1, normals.size()));
        double[] best = new double[normals.size()];
        int[] which = new int[normals.size()];
        double[] scratch = new double[normals.size()];
        int[] unused = new int[normals.size()];
        for (int i = 0; i < d.length; i++) {
            SceneObject q = query.objects().get(i);
            int found = nearestPerImage(q.appearance(), q, normals, config.radius(), best, which);
            if (found < neighbours) {
                continue; // nothing at this place in most normal images: the matching judges it, not this measure
            }
            if (recognised != null) {
                // the share of this place's examples that recognise their place (leave-one-out, PlaceConsistency)
                int yes = 0;
                int seen = 0;
                for (int s = 0; s < normals.size(); s++) {
                    if (which[s] >= 0) {
                        seen++;
                        yes += recognised[near.get(s).index()][which[s]] ? 1 : 0;
                    }
                }
                if (yes < config.minConsistency() * seen) {
                    continue;
                }
            }
            double same = SmallestValues.mean(best, found, neighbours);
            double raw = same;
            if (spreads != null) {
                // measured against how far apart this place's normal parts lie where they lie farther apart than
                // the bank's usual place (a 5's or an 8's vary more than a 1's); never raised: a tight place's odd
                // but normal part (a 1 with a flag) would become the good grid's maximum
                double spread = spreads.spreadAt(near, which);
                if (spread > spreads.spread()) {
                    raw = same * Math.pow(spreads.spread() / spread, config.placeSpread());
                }
            }
            if ((deformation > 0 || deformedMirror > 0) && AppearanceDescriptor.hasContrast(q.appearance())) {
                // the object and its mirror image against the same examples in one pass (their contexts built once)
                float[][] queries = deformedMirror > 0
                        ? new float[][] {q.appearance(), AppearanceDescriptor.mirrored(q.appearance())}
                        : new float[][] {q.appearance()};
                double[] measured = deformationDistances(queries, normals, best, which, found, neighbours, config,
                        true);
                double deformed = measured[0];
                if (!Double.isNaN(deformed) && deformation > 0) {
                    // the examples' strokes found in it when each may move a little (a slanted or flagged 1 still
                    // holds the example's stroke): where that says nearer than the histogram does, the histogram's
                    // distance was the handwriting's variation, not another shape; a 0 where a 5 belongs lacks the
                    // 5's top bar and stays as far as the histogram put it
                    raw = Math.min(raw, deformation * deformed);
                }
                if (!Double.isNaN(deformed) && deformedMirror > 0) {
                    // its mirror image holds the same examples' strokes better than itself: a digit turned over (the
                    // contrast image mirrored column by column; the same examples, ranked by the object's histogram)
                    double back = measured[1];
                    if (!Double.isNaN(back)) {
                        raw += deformedMirror * Math.max(0, deformed - back);
                    }
                }
            }
            if (subspaces != null) {
                // how far it lies from the ways its place's examples vary, rather than from the nearest odd one
                double residual = subspaces.residual(q.appearance(), q.mask().centroidX(), q.mask().centroidY(),
                        config.radius());
                if (!Double.isNaN(residual)) {
                    raw += config.subspaceWeight() * (residual - same);
                }
            }
            if (config.otherPlaceWeight() > 0) {
                // nearer to what stands elsewhere than to what stands here: the part of another place (swapped)
                int others = nearestElsewherePerImage(q, normals, config.radius(), scratch);
                if (others >= neighbours) {
                    raw += config.otherPlaceWeight()
                            * Math.max(0, same - SmallestValues.mean(scratch, others, neighbours));
                }
            }
            float[] mirror = config.mirrorWeight() > 0 ? AppearanceDescriptor.mirrored(q.appearance()) : new float[0];
            if (mirror.length > 0) {
                // its mirror image is nearer to what stands here than itself: the part turned over
                int m = nearestPerImage(mirror, q, normals, config.radius(), scratch, unused);
                if (m >= neighbours) {
                    raw += config.mirrorWeight() * Math.max(0, same - SmallestValues.mean(scratch, m, neighbours));
                }
            }
            if (vote) {
                // a nearest-neighbour classifier of places: most of its nearest examples stand elsewhere
                raw += config.ownPlaceWeight() * (1 - ownPlaceShare(q, normals, config.radius(),
                        config.ownPlaceNeighbours()));
            }
            if (wt > 0) {
                // holes unlike those of every example here: a 0 among 6s (a low hole) or 8s (two holes)
                int t = nearestTopologyPerImage(q, normals, config.radius(), scratch);
                if (t >= neighbours) {
                    // over more nearest examples than the appearance term where asked: a topology that only a few
                    // odd examples at the place share (a 0 among 6s whose loop is unusually tall) is not excused
                    raw += wt * SmallestValues.mean(scratch, t, Math.min(t, config.topologyNeighboursUsed()));
                }
                if (config.fillWeight() > 0) {
                    // how much of it is hole, against many examples here: a 0 is mostly hole, an 8 whose waist did
                    // not close or a 6 with a tall loop only now and then (the nearest two would excuse it)
                    int f = nearestFillPerImage(q, normals, config.radius(), scratch);
                    if (f >= neighbours) {
                        raw += config.fillWeight()
                                * SmallestValues.mean(scratch, f, Math.min(f, config.fillNeighboursUsed()));
                    }
                }
            }
            double area = q.mask().areaFraction();
            double value = damped(raw, area, areaScale);
            if (partShare > 0) {
                // a piece of its place's part (a stroke the segmentation cut off a digit) is judged as the piece it
                // is: never raised, a speck stays as damped as its area alone damps it
                value = Math.min(value, raw * PlacePart.damping(area, PlacePart.wholeArea(q.mask(), normals), partShare));
            }
            d[i] = value;
        }
        return d;
    }

    /**
     * An object's raw identity damped by its area: {@code raw · sqrt(min(1, area / scale))}; a speck or a piece of a
     * part counts less than a whole part, whose odd look is the evidence the measure is for.
     */
    public static double damped(double raw, double area, double scale) {
        return raw * Math.sqrt(Math.min(1.0, area / scale));
    }

    /**
     * The bank's place consistency ({@link PlaceConsistency#share}: the area-weighted share of its objects recognised
     * at their place), as the measure sees it; 0 where the measure does not speak at all (no appearances, or fewer
     * than {@code images / 2} normal images).
     */
    public static double placeConsistency(TemplateBank bank, SamladConfig.Identity config) {
        // as SamladScorer: the measure is off for banks of fewer than images / 2 normal images
        if (config.images() == 0 || bank.size() < (config.images() + 1) / 2) {
            return 0;
        }
        boolean described = false;
        for (int s = 0; s < bank.size() && !described; s++) {
            described = bank.scene(s).objects().stream().anyMatch(o -> o.appearance().length > 0);
        }
        if (!described) {
            return 0;
        }
        return PlaceConsistency.of(bank, config).share();
    }

    /**
     * The share of q's {@code k} nearest objects by appearance, among all objects of the normal images (every place),
     * whose centroid lies within {@code radius} of q's: near 1 for a part at its own place, near 0 for another
     * place's part (a swapped one) or a part like those of several other places (a 0 among 6s, 8s and 9s). Ties at
     * the k-th distance count by order of the images, as the search meets them.
     */
    public static double ownPlaceShare(SceneObject q, List<Scene> normals, double radius, int k) {
        double[] dist = new double[k];
        boolean[] own = new boolean[k];
        int n = 0;
        double r2 = radius * radius;
        float[] a = q.appearance();
        double qx = q.mask().centroidX();
        double qy = q.mask().centroidY();
        for (Scene normal : normals) {
            for (SceneObject o : normal.objects()) {
                if (!AppearanceDescriptor.comparable(a, o.appearance())) {
                    continue;
                }
                double dd = AppearanceDescriptor.distance(a, o.appearance());
                if (n == k && dd >= dist[k - 1]) {
                    continue;
                }
                double dx = o.mask().centroidX() - qx;
                double dy = o.mask().centroidY() - qy;
                // insertion into the sorted k nearest so far
                int at = n < k ? n++ : k - 1;
                while (at > 0 && dist[at - 1] > dd) {
                    dist[at] = dist[at - 1];
                    own[at] = own[at - 1];
                    at--;
                }
                dist[at] = dd;
                own[at] = dx * dx + dy * dy <= r2;
            }
        }
        if (n == 0) {
            return 1;
        }
        int yes = 0;
        for (int t = 0; t < n; t++) {
            yes += own[t] ? 1 : 0;
        }
        return yes / (double) n;
    }

    /**
     * Per object, the mean of its {@code neighbours} smallest per-image distances; NaN where fewer images have an
     * object at its place.
     */
    public static double[] nearestDistances(List<SceneObject> objects, List<Scene> normals, double radius,
            int neighbours) {
        int[] which = new int[normals.size()];
        return meanNearest(objects, normals, neighbours,
                (q, best) -> nearestPerImage(q.appearance(), q, normals, radius, best, which));
    }

    /**
     * Per object, the mean of its {@code neighbours} smallest per-image distances of hole topology to the objects at
     * its place (the term that {@code topologyWeight} weighs); NaN where fewer images have an object there with a
     * topology (descriptors written before it).
     */
    public static double[] nearestTopologyDistances(List<SceneObject> objects, List<Scene> normals, double radius,
            int neighbours) {
        return meanNearest(objects, normals, neighbours, (q, best) -> nearestTopologyPerImage(q, normals, radius, best));
    }

    /**
     * Per object, the mean of its {@code neighbours} smallest per-image distances of hole fill to the objects at its
     * place (the term that {@code fillWeight} weighs, over {@code fillNeighbours}); NaN where fewer images have an
     * object there with a fill (descriptors written before it).
     */
    public static double[] nearestFillDistances(List<SceneObject> objects, List<Scene> normals, double radius,
            int neighbours) {
        return meanNearest(objects, normals, neighbours, (q, best) -> nearestFillPerImage(q, normals, radius, best));
    }

    /**
     * Per object, the mirror evidence that {@code deformationMirror} weighs: {@code max(0, d_D - d_D^mirror)}, the
     * deformation-tolerant distance of the place's examples (the {@code deformationExamples} nearest by histogram,
     * one per image) into the object less that into its mirror image; NaN where the object or too few examples carry
     * a contrast image, or fewer than {@code neighbours} images have an object at its place.
     */
    public static double[] deformationMirrorEvidence(List<SceneObject> objects, List<Scene> normals, double radius,
            int neighbours, SamladConfig.Identity config) {
        double[] out = new double[objects.size()];
        double[] best = new double[normals.size()];
        int[] which = new int[normals.size()];
        for (int i = 0; i < objects.size(); i++) {
            SceneObject q = objects.get(i);
            int found = nearestPerImage(q.appearance(), q, normals, radius, best, which);
            out[i] = Double.NaN;
            if (found < neighbours || !AppearanceDescriptor.hasContrast(q.appearance())) {
                continue;
            }
            double[] measured = deformationDistances(
                    new float[][] {q.appearance(), AppearanceDescriptor.mirrored(q.appearance())}, normals, best,
                    which, found, neighbours, config, true);
            double self = measured[0];
            double back = measured[1];
            out[i] = Double.isNaN(self) || Double.isNaN(back) ? Double.NaN : Math.max(0, self - back);
        }
        return out;
    }

    /**
     * The mirror evidence of one object as a share of its own distance: {@code max(0, 1 - d_D^mirror / d_D)}, with
     * the same examples and distances as {@link #deformationMirrorEvidence}; 0 where the mirror image is no nearer,
     * NaN where that is NaN. A share, not a difference, so that it reads alike at places whose examples vary much (an
     * 8's) and little (a 1's), as the swapped pairs' exchange share does.
     */
    public static double deformationMirrorShare(SceneObject q, List<Scene> normals, double radius, int neighbours,
            SamladConfig.Identity config) {
        double[] best = new double[normals.size()];
        int[] which = new int[normals.size()];
        int found = nearestPerImage(q.appearance(), q, normals, radius, best, which);
        if (found < neighbours || !AppearanceDescriptor.hasContrast(q.appearance())) {
            return Double.NaN;
        }
        double[] measured = deformationDistances(
                new float[][] {q.appearance(), AppearanceDescriptor.mirrored(q.appearance())}, normals, best, which,
                found, neighbours, config, true);
        double self = measured[0];
        double back = measured[1];
        if (Double.isNaN(self) || Double.isNaN(back)) {
            return Double.NaN;
        }
        // back is exact only below self (else at least self, possibly infinite): the share reads 0 there either way
        return self > 0 && back < self ? 1 - back / self : 0;
    }

    /** What fills {@code best} with one distance per normal image for object q and returns how many it found. */
    private interface PerImageSearch {
        int fill(SceneObject q, double[] best);
    }

    /** Per object, the mean of the {@code neighbours} smallest distances {@code search} finds; NaN where too few. */
    private static double[] meanNearest(List<SceneObject> objects, List<Scene> normals, int neighbours,
            PerImageSearch search) {
        double[] out = new double[objects.size()];
        double[] best = new double[normals.size()];
        for (int i = 0; i < objects.size(); i++) {
            int found = search.fill(objects.get(i), best);
            out[i] = found < neighbours ? Double.NaN : SmallestValues.mean(best, found, neighbours);
        }
        return out;
    }

    /**
     * Fills {@code best} with, per normal image that has an object at q's place, the smallest appearance distance of
     * {@code appearance} (q's own, or its mirror image's) to those objects, and {@code which[s]} with the index of that
     * nearest object in image s (-1 where none); returns how many were found.
     */
    private static int nearestPerImage(float[] appearance, SceneObject q, List<Scene> normals, double radius,
            double[] best, int[] which) {
        Arrays.fill(which, -1);
        if (appearance.length == 0) {
            return 0;
        }
        double r2 = radius * radius;
        double qx = q.mask().centroidX();
        double qy = q.mask().centroidY();
        int found = 0;
        for (int s = 0; s < normals.size(); s++) {
            List<SceneObject> objs = normals.get(s).objects();
            double b = Double.POSITIVE_INFINITY;
            for (int j = 0; j < objs.size(); j++) {
                SceneObject o = objs.get(j);
                double dx = o.mask().centroidX() - qx;
                double dy = o.mask().centroidY() - qy;
                if (dx * dx + dy * dy <= r2 && AppearanceDescriptor.comparable(appearance, o.appearance())) {
                    double d = AppearanceDescriptor.distance(appearance, o.appearance());
                    if (d < b) {
                        b = d;
                        which[s] = j;
                    }
                }
            }
            if (b < Double.POSITIVE_INFINITY) {
                best[found++] = b;
            }
        }
        return found;
    }

    /**
     * The appearance term of object {@code a} as if it stood where {@code place} stands: the mean of the {@code
     * neighbours} smallest per-image distances of {@code a}'s appearance to the normal objects within {@code radius}
     * of {@code place}'s centroid; NaN where fewer images have an object there.
     */
    public static double distanceAt(SceneObject a, SceneObject place, List<Scene> normals, double radius,
            int neighbours) {
        double[] best = new double[normals.size()];
        int[] which = new int[normals.size()];
        int found = nearestPerImage(a.appearance(), place, normals, radius, best, which);
        return found < neighbours || neighbours < 1 ? Double.NaN : SmallestValues.mean(best, found, neighbours);
    }

    /**
     * The deformation-tolerant distance of q's place's examples into q ({@link DeformationDistance}): of the normal
     * images' nearest objects at q's place ({@code which}, their histogram distances packed in {@code best} in image
     * order, {@code found} of them), the {@code deformationExamples} nearest by histogram are measured, and the mean
     * of the {@code neighbours} smallest is returned; NaN where fewer of them carry a contrast image.
     */
    static double deformationDistance(SceneObject q, List<Scene> normals, double[] best, int[] which, int found,
            int neighbours, SamladConfig.Identity config) {
        return deformationDistances(new float[][] {q.appearance()}, normals, best, which, found, neighbours,
                config, false)[0];
    }

    /**
     * {@link #deformationDistance} of several appearances at the same place (an object and its mirror image): the
     * examples are chosen once and each example's context is built once for all of them. With {@code belowFirst}
     * the later values are exact only where below the first one, and otherwise at least it (possibly infinite): all
     * that {@code max(0, first - later)} reads.
     */
    static double[] deformationDistances(float[][] appearances, List<Scene> normals, double[] best, int[] which,
            int found, int neighbours, SamladConfig.Identity config, boolean belowFirst) {
        int k = Math.min(config.deformationExamples(), found);
        // the k images whose nearest object at the place is nearest by histogram (selection; k is small)
        int[] image = new int[found];
        double[] dist = new double[found];
        for (int s = 0, f = 0; s < normals.size() && f < found; s++) {
            if (which[s] >= 0) {
                image[f] = s;
                dist[f] = best[f];
                f++;
            }
        }
        for (int a = 0; a < k; a++) {
            int min = a;
            for (int b = a + 1; b < found; b++) {
                if (dist[b] < dist[min]) {
                    min = b;
                }
            }
            double t = dist[a];
            dist[a] = dist[min];
            dist[min] = t;
            int u = image[a];
            image[a] = image[min];
            image[min] = u;
        }
        int window = config.deformationWindow();
        // each example's context once, for every appearance measured against it
        float[][] examples = new float[k][];
        int n = 0;
        for (int a = 0; a < k; a++) {
            float[] example = normals.get(image[a]).objects().get(which[image[a]]).appearance();
            if (AppearanceDescriptor.hasContrast(example)) {
                examples[n++] = DeformationDistance.context(example, 0);
            }
        }
        double[] out = new double[appearances.length];
        if (n < neighbours) {
            Arrays.fill(out, Double.NaN);
            return out;
        }
        for (int j = 0; j < appearances.length; j++) {
            float[] query = DeformationDistance.context(appearances[j], window);
            boolean[] flat = DeformationDistance.flatPixels(query);
            // the first appearance's value caps the others' where asked: the mirror evidence reads max(0, d - d')
            // only, and an example at m · d or beyond makes the mean of the m smallest d' at least d, whether or
            // not it is among them (then 0 either way; the margin covers the rounding of m · d and of the mean)
            double cap = j > 0 && belowFirst ? neighbours * out[0] * (1 + 1e-9) : Double.POSITIVE_INFINITY;
            double[] measured = new double[n];
            for (int a = 0; a < n; a++) {
                // only the neighbours smallest are read: an example that cannot be among them is abandoned (it reads
                // as infinite; the smallest are exact, so their mean is the same). The nearest by histogram come
                // first and set the bound early
                double bound = Math.min(cap, smallest(measured, a, neighbours));
                measured[a] = DeformationDistance.distance(examples[a], query, flat, window, bound);
            }
            out[j] = SmallestValues.mean(measured, n, neighbours);
        }
        return out;
    }

    /** The {@code m}-th smallest of the first {@code n} values; infinite where fewer (or m < 1). */
    private static double smallest(double[] v, int n, int m) {
        if (m < 1 || n < m) {
            return Double.POSITIVE_INFINITY;
        }
        double[] sorted = Arrays.copyOf(v, n);
        Arrays.sort(sorted);
        return sorted[m - 1];
    }

    /** Per normal image, the smallest hole-topology distance of q to the objects at its place; how many found. */
    private static int nearestTopologyPerImage(SceneObject q, List<Scene> normals, double radius, double[] best) {
        return nearestPerImageAtPlace(q, normals, radius, best, AppearanceDescriptor::topologyDistance);
    }

    /** Per normal image, the smallest hole-fill distance of q to the objects at its place; how many found. */
    private static int nearestFillPerImage(SceneObject q, List<Scene> normals, double radius, double[] best) {
        if (!AppearanceDescriptor.hasFill(q.appearance())) {
            return 0;
        }
        return nearestPerImageAtPlace(q, normals, radius, best, AppearanceDescriptor::fillDistance);
    }

    /**
     * Per normal image with objects within {@code radius} of q's centroid, the smallest {@code distance} between q's
     * appearance and theirs, packed into {@code best}; returns how many images had one.
     */
    private static int nearestPerImageAtPlace(SceneObject q, List<Scene> normals, double radius, double[] best,
            ToDoubleBiFunction<float[], float[]> distance) {
        double r2 = radius * radius;
        int found = 0;
        for (Scene normal : normals) {
            double b = Double.POSITIVE_INFINITY;
            for (SceneObject o : normal.objects()) {
                double dx = o.mask().centroidX() - q.mask().centroidX();
                double dy = o.mask().centroidY() - q.mask().centroidY();
                if (dx * dx + dy * dy <= r2) {
                    double d = distance.applyAsDouble(q.appearance(), o.appearance());
                    if (d < b) {
                        b = d;
                    }
                }
            }
            if (b < Double.POSITIVE_INFINITY) {
                best[found++] = b;
            }
        }
        return found;
    }

    /**
     * Fills {@code best} with, per normal image that has objects away from q's place (centroid farther than
     * {@code radius}), the smallest appearance distance of q to them; returns how many images had such objects.
     */
    private static int nearestElsewherePerImage(SceneObject q, List<Scene> normals, double radius, double[] best) {
        double r2 = radius * radius;
        double qx = q.mask().centroidX();
        double qy = q.mask().centroidY();
        int found = 0;
        for (Scene normal : normals) {
            double b = Double.POSITIVE_INFINITY;
            for (SceneObject o : normal.objects()) {
                double dx = o.mask().centroidX() - qx;
                double dy = o.mask().centroidY() - qy;
                if (dx * dx + dy * dy > r2 && AppearanceDescriptor.comparable(q.appearance(), o.appearance())) {
                    b = Math.min(b, AppearanceDescriptor.distance(q.appearance(), o.appearance()));
                }
            }
            if (b < Double.POSITIVE_INFINITY) {
                best[found++] = b;
            }
        }
        return found;
    }
}
