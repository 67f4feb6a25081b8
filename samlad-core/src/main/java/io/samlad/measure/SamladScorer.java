package io.samlad.measure;

import io.samlad.bank.TemplateBank;
import io.samlad.detector.SamladConfig;
import io.samlad.detector.Stage;
import io.samlad.detector.StageTimings;
import io.samlad.features.FeatureMap;
import io.samlad.image.FloatMap;
import io.samlad.matching.ObjectMatcher;
import io.samlad.objects.ObjectEncoder;
import io.samlad.objects.Scene;
import io.samlad.objects.SceneObject;
import io.samlad.segment.GaussianBlur;
import io.samlad.segment.ObjectMask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;

/**
 * Stages 2, 5, 6 and 7 for one query scene against a template bank: retrieval, object encoding (DCGA), matching
 * (OMM) over each of the k references, and the raw measures of AMM. Pure: no I/O, no state between calls.
 */
public final class SamladScorer implements Scorer {
    private final SamladConfig config;
    private final ObjectEncoder encoder;
    private final ObjectMatcher matcher;

    public SamladScorer(SamladConfig config) {
        this.config = config;
        this.encoder = new ObjectEncoder(config.encoding());
        this.matcher = new ObjectMatcher(config.matching());
    }

    /**
     * @param exclude bank index of the query itself during leave-one-out calibration, else -1
     */
    @Override
    public boolean needsObjects() {
        return true;
    }

    @Override
    public RawMeasurement score(Scene query, TemplateBank bank, int exclude, StageTimings timings) {
        int k = config.references();
        int bankRefs = config.measuring().bankReferences();
        int identityImages = config.identity().images();
        int wanted = Math.max(Math.max(k, identityImages), Math.max(config.retrievalCandidates(), bankRefs));
        List<TemplateBank.Neighbour> nearestAll = timings.time(Stage.RETRIEVAL,
                () -> bank.nearest(query.global(), wanted, exclude));
        List<TemplateBank.Neighbour> candidates = nearestAll.subList(0,
                Math.min(nearestAll.size(), Math.max(k, config.retrievalCandidates())));
        double globalRaw = candidates.isEmpty() ? 0 : 1 - candidates.get(0).similarity();
        List<TemplateBank.Neighbour> neighbours = candidates.size() > k && !query.objects().isEmpty()
                ? timings.time(Stage.MATCHING, () -> byObjects(query, bank, candidates, k))
                : candidates.subList(0, Math.min(k, candidates.size()));
        List<Integer> refIdx = new ArrayList<>();
        for (TemplateBank.Neighbour n : neighbours) {
            refIdx.add(n.index());
        }
        List<Scene> refs = new ArrayList<>();
        for (int i : refIdx) {
            refs.add(bank.scene(i));
        }

        List<float[][]> vectors = timings.time(Stage.ENCODING, () -> {
            List<List<SceneObject>> all = new ArrayList<>();
            all.add(query.objects());
            for (Scene r : refs) {
                all.add(r.objects());
            }
            return encoder.encode(all);
        });
        List<ObjectMatcher.Match> matches = timings.time(Stage.MATCHING, () -> {
            List<ObjectMatcher.Match> out = new ArrayList<>();
            for (int r = 0; r < refs.size(); r++) {
                out.add(matcher.match(query.objects(), vectors.get(0), refs.get(r).objects(), vectors.get(r + 1)));
            }
            return out;
        });
        long t0 = System.nanoTime();
        double sigma = config.measuring().smoothingSigma() * query.patches().width() / query.fine().width();
        PatchMaps near = patchDistances(query.patches(), refs, config.measuring().neighbourhood(), true);
        FloatMap bankMap = null;
        if (bankRefs > 0) {
            // The wider set's nearest distance is the minimum of the k references' (already computed) and the rest's.
            List<Scene> rest = new ArrayList<>();
            for (TemplateBank.Neighbour n : nearestAll.subList(0, Math.min(nearestAll.size(), bankRefs))) {
                if (!refIdx.contains(n.index())) {
                    rest.add(bank.scene(n.index()));
                }
            }
            // Squared distances so far seed the search: most candidate patches are then abandoned after a few
            // channels (the loop stops as soon as a partial sum exceeds the best).
            float[] wide = near.forward().data().clone();
            for (int i = 0; i < wide.length; i++) {
                wide[i] *= wide[i];
            }
            for (Scene r : rest) {
                nearest(query.patches(), r.patches(), config.measuring().bankNeighbourhood(), wide);
            }
            for (int i = 0; i < wide.length; i++) {
                wide[i] = (float) Math.sqrt(wide[i]);
            }
            bankMap = new FloatMap(near.forward().width(), near.forward().height(), wide);
            smooth(bankMap, sigma);
            PatchNoise bankNoise = bank.calibration().bankNoise();
            bankMap = bankNoise == null ? bankMap : bankNoise.apply(bankMap);
        }
        PatchMaps maps = near.smoothed(sigma).normalised(bank);
        FloatMap patchMap = maps.combined();
        FloatMap gaussMap = new FloatMap(query.fine().width(), query.fine().height(),
                new float[query.fine().width() * query.fine().height()]);
        Arrays.fill(gaussMap.data(), Float.NaN);
        double[] identity = new double[query.objects().size()];
        if (identityImages > 0) {
            List<Scene> normals = new ArrayList<>();
            for (TemplateBank.Neighbour n : nearestAll.subList(0, Math.min(nearestAll.size(), identityImages))) {
                normals.add(bank.scene(n.index()));
            }
            identity = IdentityComparer.nearestDistances(query.objects(), normals, config.identity().radius(),
                    Math.min(config.identity().neighbours(), Math.max(1, normals.size())));
            for (int i = 0; i < identity.length; i++) {
                // NaN: nothing at this place in the normal images to compare with (the matching judges extras)
                identity[i] = Double.isNaN(identity[i]) ? 0 : identity[i] * areaDamping(query.objects().get(i).mask());
            }
        }
        List<RawMeasurement.ObjectFinding> findings = objectFindings(query, refs, refIdx, matches, vectors, gaussMap,
                identity);
        List<RawMeasurement.MissingFinding> missing = missingObjects(query.objects(), refs, refIdx, matches, vectors);

        EnumMap<Measure, Double> values = new EnumMap<>(Measure.class);
        values.put(Measure.PATCH, (double) patchMap.max());
        if (bankMap != null) {
            values.put(Measure.PATCH_BANK, (double) bankMap.max());
        } else {
            bankMap = new FloatMap(patchMap.width(), patchMap.height(), new float[patchMap.data().length]);
        }
        double gaussMax = 0;
        double objectMax = 0;
        for (RawMeasurement.ObjectFinding f : findings) {
            gaussMax = Math.max(gaussMax, f.gaussianRaw());
            objectMax = Math.max(objectMax, f.logicalRaw());
        }
        double missingMax = 0;
        for (RawMeasurement.MissingFinding m : missing) {
            missingMax = Math.max(missingMax, m.raw());
        }
        values.put(Measure.GAUSSIAN, gaussMax);
        values.put(Measure.OBJECT, objectMax);
        values.put(Measure.MISSING, missingMax);
        values.put(Measure.GLOBAL, globalRaw);
        if (identityImages > 0) {
            double identityMax = 0;
            for (double v : identity) {
                identityMax = Math.max(identityMax, v);
            }
            values.put(Measure.IDENTITY, identityMax);
        }
        timings.add(Stage.MEASURING, System.nanoTime() - t0);
        return new RawMeasurement(values, patchMap, maps.forward(), maps.reverse(), bankMap, gaussMap, findings, missing,
                refIdx);
    }

    /**
     * Re-ranks retrieval candidates by how well their objects match the query's: the k with the lowest
     * area-weighted matching cost, {@code sum_i a_i c_i + sum_(j unmatched) a_j theta} (query objects i with their
     * pair cost, or theta when unmatched; reference objects j left unmatched). The global descriptor finds images of
     * the same overall look; the objects then pick those with the same parts, so that a query is compared with
     * references of its own variant (the same juice, the same connector size) and a wrong pairing shows.
     */
    private List<TemplateBank.Neighbour> byObjects(Scene query, TemplateBank bank,
            List<TemplateBank.Neighbour> candidates, int k) {
        List<List<SceneObject>> all = new ArrayList<>();
        all.add(query.objects());
        for (TemplateBank.Neighbour n : candidates) {
            all.add(bank.scene(n.index()).objects());
        }
        List<float[][]> vectors = encoder.encode(all);
        double theta = config.matching().noMatchCost();
        double[] cost = new double[candidates.size()];
        for (int c = 0; c < candidates.size(); c++) {
            List<SceneObject> ref = all.get(c + 1);
            ObjectMatcher.Match m = matcher.match(query.objects(), vectors.get(0), ref, vectors.get(c + 1));
            double total = 0;
            for (int i = 0; i < query.objects().size(); i++) {
                total += query.objects().get(i).mask().areaFraction() * m.cost()[i];
            }
            for (int j = 0; j < ref.size(); j++) {
                if (m.referenceToQuery()[j] < 0) {
                    total += ref.get(j).mask().areaFraction() * theta;
                }
            }
            cost[c] = total;
        }
        Integer[] order = new Integer[candidates.size()];
        for (int c = 0; c < order.length; c++) {
            order[c] = c;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(cost[a], cost[b]));
        List<TemplateBank.Neighbour> out = new ArrayList<>(k);
        for (int r = 0; r < k; r++) {
            out.add(candidates.get(order[r]));
        }
        return out;
    }

    /**
     * Nearest-neighbour patch distances in both directions, position-aware within {@code radius} cells of the same
     * relative position (so a label patch is compared with the label region of the references, not with any white
     * patch anywhere, while small shifts are tolerated):
     * <ul>
     *   <li>forward, query to references: for each query patch, the distance to the nearest patch of any reference
     *       (what the query has that no reference explains: extra or damaged content);</li>
     *   <li>reverse, references to query: for each position, the lower median over references of the distance from
     *       the reference's patch there to the nearest query patch (what most references have that the query lacks:
     *       missing content, which the forward direction cannot see since background matches background).</li>
     * </ul>
     *
     * @param reverse whether to compute the reverse direction (else it is all zeros)
     */
    public static PatchMaps patchDistances(FeatureMap q, List<Scene> refs, int radius, boolean reverse) {
        int w = q.width();
        int h = q.height();
        float[] best = new float[w * h];
        float[] back = new float[w * h];
        if (refs.isEmpty()) {
            return new PatchMaps(new FloatMap(w, h, best), new FloatMap(w, h, back));
        }
        Arrays.fill(best, Float.POSITIVE_INFINITY);
        float[][] perRef = new float[refs.size()][];
        for (int r = 0; r < refs.size(); r++) {
            FeatureMap ref = refs.get(r).patches();
            nearest(q, ref, radius, best);
            if (reverse) {
                float[] b = new float[ref.width() * ref.height()];
                Arrays.fill(b, Float.POSITIVE_INFINITY);
                nearest(ref, q, radius, b);
                perRef[r] = ref.width() == w && ref.height() == h ? b
                        : new FloatMap(ref.width(), ref.height(), b).resize(w, h).data();
            }
        }
        float[] column = new float[refs.size()];
        int lowerMedian = (refs.size() - 1) / 2;
        for (int i = 0; i < best.length; i++) {
            best[i] = (float) Math.sqrt(best[i]);
            if (reverse) {
                for (int r = 0; r < refs.size(); r++) {
                    column[r] = perRef[r][i];
                }
                Arrays.sort(column);
                back[i] = (float) Math.sqrt(column[lowerMedian]);
            }
        }
        return new PatchMaps(new FloatMap(w, h, best), new FloatMap(w, h, back));
    }

    /**
     * For each patch of {@code from}, lowers {@code best} to the squared distance of the nearest patch of {@code to}
     * within {@code radius} cells of the same relative position.
     */
    private static void nearest(FeatureMap from, FeatureMap to, int radius, float[] best) {
        int w = from.width();
        int h = from.height();
        int c = from.channels();
        float[] fd = from.data();
        float[] td = to.data();
        int tw = to.width();
        int th = to.height();
        for (int y = 0; y < h; y++) {
            int cy = Math.min(th - 1, (int) ((y + 0.5) * th / h));
            for (int x = 0; x < w; x++) {
                int cx = Math.min(tw - 1, (int) ((x + 0.5) * tw / w));
                int fo = (y * w + x) * c;
                float b = best[y * w + x];
                for (int ny = Math.max(0, cy - radius); ny <= Math.min(th - 1, cy + radius); ny++) {
                    for (int nx = Math.max(0, cx - radius); nx <= Math.min(tw - 1, cx + radius); nx++) {
                        int to0 = (ny * tw + nx) * c;
                        float s = 0;
                        for (int k = 0; k < c && s < b; k++) {
                            float d = fd[fo + k] - td[to0 + k];
                            s += d * d;
                        }
                        if (s < b) {
                            b = s;
                        }
                    }
                }
                best[y * w + x] = b;
            }
        }
    }

    public static void smooth(FloatMap map, double sigma) {
        if (sigma > 0.05) {
            GaussianBlur.blurInPlace(map.data(), 0, map.width(), map.height(), sigma);
        }
    }

    private double areaDamping(ObjectMask m) {
        return Math.sqrt(Math.min(1.0, m.areaFraction() / config.measuring().objectAreaScale()));
    }

    private List<RawMeasurement.ObjectFinding> objectFindings(Scene query, List<Scene> refs, List<Integer> refIdx,
            List<ObjectMatcher.Match> matches, List<float[][]> vectors, FloatMap gaussMap, double[] identity) {
        List<RawMeasurement.ObjectFinding> out = new ArrayList<>();
        int k = refs.size();
        FeatureMap fine = query.fine();
        int c = fine.channels();
        int gw = fine.width();
        int gh = fine.height();
        double theta = config.matching().noMatchCost();
        for (int i = 0; i < query.objects().size(); i++) {
            SceneObject qo = query.objects().get(i);
            double[] costs = new double[k];
            int unmatched = 0;
            int firstRef = -1;
            int firstObj = -1;
            double[] pooledMean = new double[c];
            boolean full = c <= SceneObject.FULL_COVARIANCE_MAX_CHANNELS;
            double[] pooledSecond = new double[full ? c * c : c];
            int pooled = 0;
            for (int r = 0; r < k; r++) {
                ObjectMatcher.Match m = matches.get(r);
                costs[r] = m.cost()[i];
                int j = m.queryToReference()[i];
                if (j < 0) {
                    // An unmatched object lying where the reference has objects too is most likely segmented
                    // differently (split or merged), not extra: its cost shrinks with the share so covered.
                    costs[r] = theta * (1 - coverage(qo.mask(),
                            similarCover(vectors.get(0)[i], refs.get(r).objects(), vectors.get(r + 1), gw, gh)));
                    unmatched++;
                    continue;
                }
                if (firstRef < 0) {
                    firstRef = refIdx.get(r);
                    firstObj = j;
                }
                SceneObject ro = refs.get(r).objects().get(j);
                accumulateMixture(ro, pooledMean, pooledSecond);
                pooled++;
            }
            Arrays.sort(costs);
            double median = k == 0 ? config.matching().noMatchCost()
                    : (k % 2 == 1 ? costs[k / 2] : 0.5 * (costs[k / 2 - 1] + costs[k / 2]));
            double logical = median * areaDamping(qo.mask());
            double gaussRaw = 0;
            if (pooled > 0 && unmatched * 2 <= k) {
                gaussRaw = mahalanobisInside(qo, fine, pooledMean, pooledSecond, pooled, gaussMap);
            }
            out.add(new RawMeasurement.ObjectFinding(i, logical, k == 0 ? 1 : unmatched / (double) k, gaussRaw,
                    firstRef, firstObj, identity[i]));
        }
        return out;
    }

    /** Adds a reference object's mean and second moment (cov + mean mean^T) for the mixture of its counterparts. */
    private static void accumulateMixture(SceneObject ro, double[] mean, double[] second) {
        int c = mean.length;
        float[] mu = ro.meanFeature();
        float[] cov = ro.covariance();
        boolean full = ro.fullCovariance();
        for (int a = 0; a < c; a++) {
            mean[a] += mu[a];
            if (second.length == c) {
                second[a] += (full ? cov[a * c + a] : cov[a]) + mu[a] * (double) mu[a];
                continue;
            }
            for (int b = 0; b < c; b++) {
                double sigma = full ? cov[a * c + b] : (a == b ? cov[a] : 0);
                second[a * c + b] += sigma + mu[a] * (double) mu[b];
            }
        }
    }

    /**
     * Mahalanobis distance of each cell of the query object to the Gaussian of its counterparts (the mixture of
     * their shrunk Gaussians, moment-matched). Writes into {@code gaussMap}; returns the largest smoothed value.
     */
    private double mahalanobisInside(SceneObject qo, FeatureMap fine, double[] sumMean, double[] sumSecond, int n,
            FloatMap gaussMap) {
        int c = fine.channels();
        float[] mean = new float[c];
        for (int a = 0; a < c; a++) {
            mean[a] = (float) (sumMean[a] / n);
        }
        double[] cov = new double[c * c];
        boolean diagonal = sumSecond.length == c;
        for (int a = 0; a < c; a++) {
            if (diagonal) {
                // Wide features: a diagonal Gaussian (see SceneObject.FULL_COVARIANCE_MAX_CHANNELS).
                cov[a * c + a] = sumSecond[a] / n - mean[a] * (double) mean[a];
                continue;
            }
            for (int b = 0; b < c; b++) {
                cov[a * c + b] = sumSecond[a * c + b] / n - mean[a] * (double) mean[b];
            }
        }
        var gaussian = diagonal ? Gaussian.diagonal(mean, cov, 1e-3) : Gaussian.of(mean, cov, 1e-3);
        if (gaussian.isEmpty()) {
            return 0;
        }
        Gaussian g = gaussian.get();
        BitSet bits = qo.mask().bits();
        float[] d = fine.data();
        float[] out = gaussMap.data();
        double max = 0;
        double[] scratch = new double[c];
        for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
            float v = (float) g.distance(d, i * c, scratch);
            out[i] = v;
        }
        // The image-level value is a robust maximum: the mean of the object's top 2% cells (at least 3), so a single
        // cell at an object's ragged edge does not decide it.
        int area = qo.mask().area();
        float[] vals = new float[area];
        int t = 0;
        for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
            vals[t++] = out[i];
        }
        Arrays.sort(vals);
        int top = Math.max(3, area / 50);
        double sum = 0;
        int cnt = 0;
        for (int i = vals.length - 1; i >= 0 && cnt < top; i--, cnt++) {
            sum += vals[i];
        }
        max = cnt == 0 ? 0 : sum / cnt;
        return max;
    }

    /**
     * Reference objects missing from the query. A candidate is an object of the nearest reference left unmatched;
     * it is confirmed when, in a majority of the references, an unmatched object lies at about the same place with
     * about the same area (so a noise segment of one reference does not count).
     */
    private List<RawMeasurement.MissingFinding> missingObjects(List<SceneObject> queryObjects, List<Scene> refs,
            List<Integer> refIdx, List<ObjectMatcher.Match> matches, List<float[][]> vectors) {
        List<RawMeasurement.MissingFinding> out = new ArrayList<>();
        if (refs.isEmpty()) {
            return out;
        }
        Scene first = refs.get(0);
        int[] r2q = matches.get(0).referenceToQuery();
        for (int j = 0; j < first.objects().size(); j++) {
            if (r2q[j] >= 0) {
                continue;
            }
            ObjectMask mj = first.objects().get(j).mask();
            int votes = 1;
            for (int r = 1; r < refs.size(); r++) {
                int[] rq = matches.get(r).referenceToQuery();
                List<SceneObject> objs = refs.get(r).objects();
                for (int jj = 0; jj < objs.size(); jj++) {
                    if (rq[jj] < 0 && similarPlace(mj, objs.get(jj).mask())) {
                        votes++;
                        break;
                    }
                }
            }
            if (votes * 2 > refs.size()) {
                BitSet cover = similarCover(vectors.get(1)[j], queryObjects, vectors.get(0), mj.width(), mj.height());
                double raw = config.matching().noMatchCost() * areaDamping(mj) * (1 - coverage(mj, cover));
                out.add(new RawMeasurement.MissingFinding(refIdx.get(0), j, raw));
            }
        }
        return out;
    }

    /** DCGA vectors at least this similar make an unmatched object "covered" (segmented differently, not new). */
    static final double COVER_SIMILARITY = 0.5;

    /**
     * Where the other scene has objects like {@code vector}: the union of the masks of its objects whose DCGA
     * vectors have cosine similarity at least {@link #COVER_SIMILARITY}, grown by one cell, on a {@code w x h} grid.
     */
    static BitSet similarCover(float[] vector, List<SceneObject> objects, float[][] vectors, int w, int h) {
        BitSet union = new BitSet(w * h);
        for (int j = 0; j < objects.size(); j++) {
            if (io.samlad.objects.Vectors.cosine(vector, vectors[j]) >= COVER_SIMILARITY) {
                union.or(objects.get(j).mask().resample(w, h).bits());
            }
        }
        return io.samlad.segment.MaskCleanup.dilate(union, w, h);
    }

    /** Share of {@code m}'s cells inside {@code cover} (same grid). */
    static double coverage(ObjectMask m, BitSet cover) {
        BitSet b = m.bits();
        int total = b.cardinality();
        b.and(cover);
        return total == 0 ? 0 : b.cardinality() / (double) total;
    }

    private static boolean similarPlace(ObjectMask a, ObjectMask b) {
        double dx = a.centroidX() - b.centroidX();
        double dy = a.centroidY() - b.centroidY();
        double ratio = Math.abs(Math.log(Math.max(1, a.area()) / (double) Math.max(1, b.area())));
        return dx * dx + dy * dy < 0.1 * 0.1 && ratio < 0.7;
    }
}
