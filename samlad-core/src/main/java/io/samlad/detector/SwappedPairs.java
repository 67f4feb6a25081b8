package io.samlad.detector;

import io.samlad.bank.TemplateBank;
import io.samlad.calibration.Calibration;
import io.samlad.calibration.Measure;
import io.samlad.calibration.SwapPair;
import io.samlad.config.SamladConfig;
import io.samlad.measure.IdentityComparer;
import io.samlad.measure.RawMeasurement;
import io.samlad.objects.Scene;
import io.samlad.objects.SceneObject;
import io.samlad.segment.MaskCleanup;
import io.samlad.segment.ObjectMask;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Two parts that changed places are one finding: a part found {@code mismatched} at its place and another part of the
 * image such that each would fit the other's place better than its own, by IDENTITY's appearance term at the two
 * places ({@link IdentityComparer#distanceAt}). The partner of a swapped digit is often a digit written plainly
 * enough to stay under the threshold by itself; its exchange with the mismatched one is the evidence that it, too,
 * stands where it does not belong.
 */
final class SwappedPairs {
    private SwappedPairs() {
    }

    /**
     * Whether the pairing speaks in this bank: asked for, and the bank's places have a reliable identity (place
     * consistency at least {@code placeEvidenceConsistency}, as IDENTITY's other place evidence).
     */
    static boolean speaks(TemplateBank bank, SamladConfig.Identity config) {
        return config.swapPairs() && config.images() > 0
                && IdentityComparer.placeConsistency(bank, config) >= config.placeEvidenceConsistency();
    }

    /**
     * For each object (index into {@code findings} and {@code verdicts}, which are aligned) that completes a swapped
     * pair with a mismatched object, the index of that mismatched object. Only objects IDENTITY measured (a place of
     * their own, {@code identityRaw > 0}) take part; two objects of one place (pieces of one part) never pair.
     */
    static Map<Integer, Integer> partners(Scene query, List<RawMeasurement.ObjectFinding> findings,
            List<DetectedObject> verdicts, TemplateBank bank, SamladConfig.Identity config) {
        Map<Integer, Integer> out = new HashMap<>();
        List<Integer> mismatched = new ArrayList<>();
        for (int k = 0; k < verdicts.size(); k++) {
            if (verdicts.get(k).verdict() == Verdict.MISMATCHED && findings.get(k).identityRaw() > 0) {
                mismatched.add(k);
            }
        }
        if (mismatched.isEmpty()) {
            return out;
        }
        mismatched.sort((x, y) -> Double.compare(verdicts.get(y).score(), verdicts.get(x).score()));
        List<Scene> normals = new ArrayList<>();
        for (TemplateBank.Neighbour n : bank.nearest(query.global(), config.images(), -1)) {
            normals.add(bank.scene(n.index()));
        }
        int m = Math.min(config.neighbours(), Math.max(1, normals.size()));
        double r2 = config.radius() * config.radius();
        double[] own = new double[findings.size()];
        java.util.Arrays.fill(own, Double.NaN);
        for (int a : mismatched) {
            if (out.containsKey(a) || out.containsValue(a)) {
                continue;
            }
            SceneObject qa = query.objects().get(findings.get(a).objectIndex());
            double aa = ownDistance(a, qa, own, normals, config, m);
            int best = -1;
            double bestGain = 0;
            for (int b = 0; b < findings.size(); b++) {
                if (b == a || verdicts.get(b).verdict() != Verdict.OK || findings.get(b).identityRaw() <= 0
                        || out.containsKey(b)) {
                    continue;
                }
                SceneObject qb = query.objects().get(findings.get(b).objectIndex());
                double dx = qa.mask().centroidX() - qb.mask().centroidX();
                double dy = qa.mask().centroidY() - qb.mask().centroidY();
                if (dx * dx + dy * dy <= r2) {
                    continue; // the same place: pieces of one part, not two parts
                }
                double bb = ownDistance(b, qb, own, normals, config, m);
                double ab = IdentityComparer.distanceAt(qa, qb, normals, config.radius(), m);
                double ba = IdentityComparer.distanceAt(qb, qa, normals, config.radius(), m);
                // each fits the other's place better than its own
                if (!(ab < aa) || !(ba < bb)) {
                    continue;
                }
                double gain = (aa - ab) + (bb - ba);
                if (gain > bestGain) {
                    bestGain = gain;
                    best = b;
                }
            }
            if (best >= 0) {
                out.put(best, a);
            }
        }
        return out;
    }

    /**
     * Swapped pairs that no mismatched object seeds ({@code identity.swapGain} above 0): two objects, both {@code ok}
     * and measured by IDENTITY, at different places, neither touching an object already found (the pieces of a part
     * that has its finding), each at least {@code swapGain} nearer (as a share of its own distance) to the normal
     * examples at the other's place than to those at its own, the share damped for small pieces as IDENTITY is,
     *
     *     gain(a, b) = min( 1 - D(a @ b) / D(a @ a),  1 - D(b @ a) / D(b @ b) ) · sqrt(min(1, min(A_a, A_b) / s))
     *
     * ({@code s} the objectAreaScale). Pairs are taken largest gain first, each object at most once. Returns the pairs
     * as index pairs into {@code findings}.
     */
    static List<int[]> unseeded(Scene query, List<RawMeasurement.ObjectFinding> findings,
            List<DetectedObject> verdicts, TemplateBank bank, SamladConfig config) {
        SamladConfig.Identity identity = config.identity();
        List<int[]> out = new ArrayList<>();
        if (identity.swapGain() <= 0) {
            return out;
        }
        BitSet found = new BitSet();
        List<Integer> candidates = new ArrayList<>();
        for (int k = 0; k < findings.size(); k++) {
            if (verdicts.get(k).verdict() != Verdict.OK) {
                found.or(query.objects().get(findings.get(k).objectIndex()).mask().bits());
            }
        }
        for (int k = 0; k < findings.size(); k++) {
            if (verdicts.get(k).verdict() == Verdict.OK && findings.get(k).identityRaw() > 0) {
                ObjectMask mask = query.objects().get(findings.get(k).objectIndex()).mask();
                if (!MaskCleanup.dilate(mask.bits(), mask.width(), mask.height()).intersects(found)) {
                    candidates.add(k);
                }
            }
        }
        if (candidates.size() < 2) {
            return out;
        }
        List<Scene> normals = new ArrayList<>();
        for (TemplateBank.Neighbour n : bank.nearest(query.global(), identity.images(), -1)) {
            normals.add(bank.scene(n.index()));
        }
        int m = Math.min(identity.neighbours(), Math.max(1, normals.size()));
        double r2 = identity.radius() * identity.radius();
        double areaScale = config.measuring().objectAreaScale();
        int n = candidates.size();
        SceneObject[] objs = new SceneObject[n];
        double[] own = new double[n];
        for (int i = 0; i < n; i++) {
            objs[i] = query.objects().get(findings.get(candidates.get(i)).objectIndex());
            own[i] = IdentityComparer.distanceAt(objs[i], objs[i], normals, identity.radius(), m);
        }
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double damping = pairDamping(objs, own, i, j, r2, areaScale);
                // one place (pieces of one part), or a gain that cannot pass (each share is at most 1)
                if (damping <= identity.swapGain()) {
                    continue;
                }
                // the second search only where the first object's share passes
                double gi = 1 - IdentityComparer.distanceAt(objs[i], objs[j], normals, identity.radius(), m) / own[i];
                if (!(gi * damping > identity.swapGain())) {
                    continue;
                }
                double gj = 1 - IdentityComparer.distanceAt(objs[j], objs[i], normals, identity.radius(), m) / own[j];
                double gain = Math.min(gi, gj) * damping;
                if (gain > identity.swapGain()) {
                    pairs.add(new double[] {gain, candidates.get(i), candidates.get(j)});
                }
            }
        }
        pairs.sort((x, y) -> Double.compare(y[0], x[0]));
        BitSet taken = new BitSet();
        for (double[] p : pairs) {
            int a = (int) p[1];
            int b = (int) p[2];
            if (!taken.get(a) && !taken.get(b)) {
                taken.set(a);
                taken.set(b);
                out.add(new int[] {a, b});
            }
        }
        return out;
    }

    /**
     * The swapped pairs the image score weighs ({@code fusion.corroboratedSwapScore}): every two objects measured by
     * IDENTITY ({@code identityRaw > 0}), whatever their verdicts, at different places (more than {@code r} apart),
     * each nearer to the normal examples at the other's place than to those at its own, whose exchange gain
     *
     *     gain(a, b) = ½ ( [1 - D(a @ b) / D(a @ a)] + [1 - D(b @ a) / D(b @ b)] ) · sqrt(min(1, min(A_a, A_b) / s))
     *
     * exceeds {@code fusion.swapScoreGain}; each pair carries its two objects' calibrated IDENTITY z. The mean of the
     * two shares, not the smaller (the verdicts' {@link #unseeded}): a digit swapped with one its descriptor finds
     * alike (an 8 and a 9) is barely nearer to its own digit's place, while its partner is plainly so; both must still
     * prefer the exchange. All passing pairs are returned, not a matching: the score takes their largest joint
     * surprisal. Unlike the verdicts, this is part of a normal image's score in the fit, so the normal examples
     * exclude the query itself (a training image scored out of sample, as its IDENTITY was): a scene whose global
     * descriptor equals the query's is not an example.
     */
    static Exchanges scored(Scene query, List<RawMeasurement.ObjectFinding> findings, TemplateBank bank,
            Calibration cal, SamladConfig config) {
        SamladConfig.Identity identity = config.identity();
        double gate = config.fusion().swapScoreGain();
        List<SwapPair> out = new ArrayList<>();
        List<Integer> measured = new ArrayList<>();
        for (int k = 0; k < findings.size(); k++) {
            if (findings.get(k).identityRaw() > 0) {
                measured.add(k);
            }
        }
        if (measured.size() < 2) {
            return new Exchanges(out, 0);
        }
        List<Scene> normals = OutOfSampleExamples.nearest(query, bank, identity.images());
        int m = Math.min(identity.neighbours(), Math.max(1, normals.size()));
        double r2 = identity.radius() * identity.radius();
        double areaScale = config.measuring().objectAreaScale();
        int n = measured.size();
        SceneObject[] objs = new SceneObject[n];
        double[] own = new double[n];
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            RawMeasurement.ObjectFinding f = findings.get(measured.get(i));
            objs[i] = query.objects().get(f.objectIndex());
            own[i] = IdentityComparer.distanceAt(objs[i], objs[i], normals, identity.radius(), m);
            z[i] = cal.z(Measure.IDENTITY, f.identityRaw());
        }
        double largest = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                // every gain, not only those past the gate: the normal images' largest are the exchange's tail
                double gain = exchangeGain(objs, own, i, j, normals, identity.radius(), m, r2, areaScale, 0);
                largest = Math.max(largest, gain);
                if (gain > gate) {
                    out.add(new SwapPair(Math.max(z[i], z[j]), Math.min(z[i], z[j]), gain));
                }
            }
        }
        return new Exchanges(out, largest);
    }

    /**
     * What {@link #scored} found in one image: the pairs past the gate, which the image score weighs, and the largest
     * exchange gain over all its pairs that prefer each other's places (0 where none), which the fit ranks normal
     * images by ({@code fusion.swapExchange}).
     */
    record Exchanges(List<SwapPair> pairs, double largestGain) {
        static final Exchanges NONE = new Exchanges(List.of(), 0);
    }

    /**
     * {@link #scored}'s gain for objects {@code i}, {@code j}; negative infinity where they share a place, either has
     * no distance of its own or does not prefer the other's place, or the damping alone keeps the gain at or under
     * {@code gate} (each share is at most 1). The second search only where the first share is positive.
     */
    static double exchangeGain(SceneObject[] objs, double[] own, int i, int j, List<Scene> normals, double radius,
            int m, double r2, double areaScale, double gate) {
        double damping = pairDamping(objs, own, i, j, r2, areaScale);
        if (damping <= gate) {
            return Double.NEGATIVE_INFINITY;
        }
        double gi = 1 - IdentityComparer.distanceAt(objs[i], objs[j], normals, radius, m) / own[i];
        if (!(gi > 0)) {
            return Double.NEGATIVE_INFINITY;
        }
        double gj = 1 - IdentityComparer.distanceAt(objs[j], objs[i], normals, radius, m) / own[j];
        if (!(gj > 0)) {
            return Double.NEGATIVE_INFINITY;
        }
        return 0.5 * (gi + gj) * damping;
    }

    /**
     * The damping of a pair's exchange gain by its smaller object, {@code sqrt(min(1, min(A_i, A_j) / s))}, as
     * IDENTITY damps small pieces; 0 where the two share a place (centroids within {@code r}, pieces of one part) or
     * either has no distance to its own place's examples, so that no gate of 0 or more passes them.
     */
    private static double pairDamping(SceneObject[] objs, double[] own, int i, int j, double r2, double areaScale) {
        double dx = objs[i].mask().centroidX() - objs[j].mask().centroidX();
        double dy = objs[i].mask().centroidY() - objs[j].mask().centroidY();
        if (dx * dx + dy * dy <= r2 || !(own[i] > 0) || !(own[j] > 0)) {
            return 0;
        }
        return IdentityComparer.damped(1, Math.min(objs[i].mask().areaFraction(), objs[j].mask().areaFraction()),
                areaScale);
    }

    private static double ownDistance(int k, SceneObject q, double[] own, List<Scene> normals,
            SamladConfig.Identity config, int m) {
        if (Double.isNaN(own[k])) {
            own[k] = IdentityComparer.distanceAt(q, q, normals, config.radius(), m);
        }
        return own[k];
    }
}
