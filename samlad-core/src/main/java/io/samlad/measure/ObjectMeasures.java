package io.samlad.measure;

import io.samlad.config.SamladConfig;
import io.samlad.features.FeatureMap;
import io.samlad.image.FloatMap;
import io.samlad.matching.ObjectMatcher;
import io.samlad.objects.Scene;
import io.samlad.objects.SceneObject;
import io.samlad.objects.Vectors;
import io.samlad.segment.MaskCleanup;
import io.samlad.segment.ObjectMask;
import io.samlad.stats.Covariance;
import io.samlad.stats.Gaussian;
import io.samlad.stats.Quantiles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Stage 7's object-level measures for one query against its matched references: a finding per query object (its
 * matching cost, and the Mahalanobis distance of its cells to the Gaussian of its counterparts), and the reference
 * objects missing from the query. Pure: no state between calls.
 */
public final class ObjectMeasures {
    /** DCGA vectors at least this similar make an unmatched object "covered" (segmented differently, not new). */
    static final double COVER_SIMILARITY = 0.5;

    private final SamladConfig config;

    public ObjectMeasures(SamladConfig config) {
        this.config = config;
    }

    /**
     * One finding per query object; writes each matched object's Mahalanobis distances into {@code gaussMap}.
     *
     * @param vectors DCGA vectors: the query's first, then each reference's
     * @param matches the matching of the query against each reference
     */
    public List<RawMeasurement.ObjectFinding> findings(Scene query, References refs, List<ObjectMatcher.Match> matches,
            List<float[][]> vectors, FloatMap gaussMap) {
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
            double[] counterpartLogAreas = new double[k];
            for (int r = 0; r < k; r++) {
                ObjectMatcher.Match m = matches.get(r);
                costs[r] = m.cost()[i];
                int j = m.queryToReference()[i];
                if (j < 0) {
                    // An unmatched object lying where the reference has objects too is most likely segmented
                    // differently (split or merged), not extra: its cost shrinks with the share so covered.
                    costs[r] = theta * (1 - coverage(qo.mask(),
                            similarCover(vectors.get(0)[i], refs.scenes().get(r).objects(), vectors.get(r + 1), gw,
                                    gh)));
                    unmatched++;
                    continue;
                }
                if (firstRef < 0) {
                    firstRef = refs.indices().get(r);
                    firstObj = j;
                }
                SceneObject ro = refs.scenes().get(r).objects().get(j);
                accumulateMixture(ro, pooledMean, pooledSecond);
                counterpartLogAreas[pooled] = Math.log(Math.max(1, ro.mask().resample(gw, gh).area()));
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
            // ATTRIBUTE: an object that matched in most references but is of another size than its counterparts
            // there (the connector of the other size, a bitten pin). Only where the references agree on the object's
            // size among themselves: a plate cut into differently grouped cells from image to image has no size to
            // compare with. The median keeps one reference's differently cut counterpart from deciding it.
            double attribute = 0;
            if (config.stability().attributes() && pooled > 1 && unmatched * 2 <= k && !MaskCleanup.isThin(qo.mask())) {
                double[] logs = Arrays.copyOf(counterpartLogAreas, pooled);
                Arrays.sort(logs);
                if (logs[pooled - 1] - logs[0] <= config.stability().attributeAgreement()) {
                    double ownLog = Math.log(Math.max(1, qo.mask().area()));
                    double[] ratios = new double[pooled];
                    for (int r = 0; r < pooled; r++) {
                        ratios[r] = Math.abs(ownLog - logs[r]);
                    }
                    Arrays.sort(ratios);
                    attribute = (pooled % 2 == 1 ? ratios[pooled / 2]
                            : 0.5 * (ratios[pooled / 2 - 1] + ratios[pooled / 2])) * areaDamping(qo.mask());
                }
            }
            out.add(new RawMeasurement.ObjectFinding(i, logical, k == 0 ? 1 : unmatched / (double) k, gaussRaw,
                    firstRef, firstObj, 0, attribute));
        }
        return out;
    }

    /**
     * Reference objects missing from the query. A candidate is an object of the nearest reference left unmatched;
     * it is confirmed when, in a majority of the references, an unmatched object lies at about the same place with
     * about the same area (so a noise segment of one reference does not count): the area the voters agree on
     * ({@link #agreedMissing}), or the candidate's own ({@link #nearestAgreed}; {@code missingAreaMedian}).
     */
    public List<RawMeasurement.MissingFinding> missing(List<SceneObject> queryObjects, References refs,
            List<ObjectMatcher.Match> matches, List<float[][]> vectors) {
        List<RawMeasurement.MissingFinding> out = new ArrayList<>();
        if (refs.size() == 0) {
            return out;
        }
        Scene first = refs.scenes().get(0);
        int[] r2q = matches.get(0).referenceToQuery();
        for (int j = 0; j < first.objects().size(); j++) {
            if (r2q[j] >= 0) {
                continue;
            }
            ObjectMask mj = first.objects().get(j).mask();
            boolean confirmed = config.measuring().missingAreaMedian() ? agreedMissing(mj, refs, matches)
                    : nearestAgreed(mj, refs, matches);
            if (confirmed) {
                BitSet cover = similarCover(vectors.get(1)[j], queryObjects, vectors.get(0), mj.width(), mj.height());
                double raw = config.matching().noMatchCost() * areaDamping(mj) * (1 - coverage(mj, cover));
                out.add(new RawMeasurement.MissingFinding(refs.indices().get(0), j, raw));
            }
        }
        return out;
    }

    private double areaDamping(ObjectMask m) {
        return Math.sqrt(Math.min(1.0, m.areaFraction() / config.measuring().objectAreaScale()));
    }

    /** Adds a reference object's mean and second moment (cov + mean mean^T) for the mixture of its counterparts. */
    private static void accumulateMixture(SceneObject ro, double[] mean, double[] second) {
        int c = mean.length;
        float[] mu = ro.meanFeature();
        Covariance cov = ro.covariance();
        for (int a = 0; a < c; a++) {
            mean[a] += mu[a];
            if (second.length == c) {
                second[a] += cov.get(a, a) + mu[a] * (double) mu[a];
                continue;
            }
            for (int b = 0; b < c; b++) {
                double sigma = cov.get(a, b);
                second[a * c + b] += sigma + mu[a] * (double) mu[b];
            }
        }
    }

    /**
     * Mahalanobis distance of each cell of the query object to the Gaussian of its counterparts (the mixture of
     * their shrunk Gaussians, moment-matched). Writes into {@code gaussMap}; returns the robust maximum.
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
        double ridge = config.measuring().gaussianRidge();
        var gaussian = diagonal ? Gaussian.diagonal(mean, cov, ridge) : Gaussian.of(mean, cov, ridge);
        if (gaussian.isEmpty()) {
            return 0;
        }
        Gaussian g = gaussian.get();
        BitSet bits = qo.mask().bits();
        float[] d = fine.data();
        float[] out = gaussMap.data();
        int area = qo.mask().area();
        int[] cells = new int[area];
        int t = 0;
        for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
            cells[t++] = i;
        }
        double[] distances = new double[area];
        g.distances(d, cells, area, distances);
        // The image-level value is a robust maximum: the mean of the object's top robustMaxShare cells (at least
        // robustMaxCells), so a single cell at an object's ragged edge does not decide it.
        float[] vals = new float[area];
        for (t = 0; t < area; t++) {
            float v = (float) distances[t];
            out[cells[t]] = v;
            vals[t] = v;
        }
        Arrays.sort(vals);
        int top = Math.max(config.measuring().robustMaxCells(), (int) (area * config.measuring().robustMaxShare()));
        double sum = 0;
        int cnt = 0;
        for (int i = vals.length - 1; i >= 0 && cnt < top; i--, cnt++) {
            sum += vals[i];
        }
        return cnt == 0 ? 0 : sum / cnt;
    }

    /**
     * Where the other scene has objects like {@code vector}: the union of the masks of its objects whose DCGA
     * vectors have cosine similarity at least {@link #COVER_SIMILARITY}, grown by one cell, on a {@code w x h} grid.
     */
    static BitSet similarCover(float[] vector, List<SceneObject> objects, float[][] vectors, int w, int h) {
        BitSet union = new BitSet(w * h);
        for (int j = 0; j < objects.size(); j++) {
            if (Vectors.cosine(vector, vectors[j]) >= COVER_SIMILARITY) {
                union.or(objects.get(j).mask().resample(w, h).bits());
            }
        }
        return MaskCleanup.dilate(union, w, h);
    }

    /** Share of {@code m}'s cells inside {@code cover} (same grid). */
    static double coverage(ObjectMask m, BitSet cover) {
        BitSet b = m.bits();
        int total = b.cardinality();
        b.and(cover);
        return total == 0 ? 0 : b.cardinality() / (double) total;
    }

    /**
     * The rule before {@code missingAreaMedian}: a majority of the references, the nearest included, hold an
     * unmatched object at about the place of {@code mj} with about its area ({@link #similarPlace}).
     */
    private boolean nearestAgreed(ObjectMask mj, References refs, List<ObjectMatcher.Match> matches) {
        int votes = 1;
        for (int r = 1; r < refs.size(); r++) {
            int[] rq = matches.get(r).referenceToQuery();
            List<SceneObject> objs = refs.scenes().get(r).objects();
            for (int jj = 0; jj < objs.size(); jj++) {
                if (rq[jj] < 0 && similarPlace(mj, objs.get(jj).mask())) {
                    votes++;
                    break;
                }
            }
        }
        return votes * 2 > refs.size();
    }

    /**
     * Whether a majority of the references lack in the query an object at the place of {@code mj} (the nearest
     * reference's unmatched object), of about the size those references agree on: each reference's unmatched object
     * nearest to that place within {@code missingPlaceDistance} votes, and a majority of the references must hold a
     * voter within {@code missingAreaLogRatio} of the voters' median log area. Against the median, not the nearest
     * reference's own object: a thin 1 in the nearest reference is still the 1 the others hold there.
     */
    private boolean agreedMissing(ObjectMask mj, References refs, List<ObjectMatcher.Match> matches) {
        double place = config.measuring().missingPlaceDistance();
        double[] logAreas = new double[refs.size()];
        int voters = 0;
        logAreas[voters++] = Math.log(Math.max(1, mj.area()));
        for (int r = 1; r < refs.size(); r++) {
            int[] rq = matches.get(r).referenceToQuery();
            List<SceneObject> objs = refs.scenes().get(r).objects();
            double best = place * place;
            ObjectMask nearest = null;
            for (int jj = 0; jj < objs.size(); jj++) {
                ObjectMask m = objs.get(jj).mask();
                double d2 = centroidDistance2(mj, m);
                if (rq[jj] < 0 && d2 < best) {
                    best = d2;
                    nearest = m;
                }
            }
            if (nearest != null) {
                logAreas[voters++] = Math.log(Math.max(1, nearest.area()));
            }
        }
        if (voters * 2 <= refs.size()) {
            return false;
        }
        double[] v = Arrays.copyOf(logAreas, voters);
        double median = Quantiles.median(v);
        int agreeing = 0;
        for (double a : v) {
            if (Math.abs(a - median) < config.measuring().missingAreaLogRatio()) {
                agreeing++;
            }
        }
        return agreeing * 2 > refs.size();
    }

    /** About the same place and area: see {@code missingPlaceDistance} and {@code missingAreaLogRatio}. */
    private boolean similarPlace(ObjectMask a, ObjectMask b) {
        double ratio = Math.abs(Math.log(Math.max(1, a.area()) / (double) Math.max(1, b.area())));
        double place = config.measuring().missingPlaceDistance();
        return centroidDistance2(a, b) < place * place && ratio < config.measuring().missingAreaLogRatio();
    }

    /** The squared distance between two masks' centroids (image-relative units). */
    private static double centroidDistance2(ObjectMask a, ObjectMask b) {
        double dx = a.centroidX() - b.centroidX();
        double dy = a.centroidY() - b.centroidY();
        return dx * dx + dy * dy;
    }
}
