package io.samlad.measure;

import io.samlad.bank.TemplateBank;
import io.samlad.config.SamladConfig;
import io.samlad.config.Stage;
import io.samlad.config.StageTimings;
import io.samlad.matching.ObjectMatcher;
import io.samlad.objects.ObjectEncoder;
import io.samlad.objects.Scene;
import io.samlad.objects.SceneObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Stage 2: the k nearest normal images of a query, by global descriptor, optionally re-ranked by how well their
 * objects match the query's (see {@link #byObjects}).
 */
public final class ReferenceRetrieval {
    private final SamladConfig config;
    private final ObjectEncoder encoder;
    private final ObjectMatcher matcher;

    public ReferenceRetrieval(SamladConfig config, ObjectEncoder encoder, ObjectMatcher matcher) {
        this.config = config;
        this.encoder = encoder;
        this.matcher = matcher;
    }

    /**
     * @param exclude bank index of the query itself during leave-one-out calibration, else -1
     */
    public References retrieve(Scene query, TemplateBank bank, int exclude, StageTimings timings) {
        int k = config.references();
        int bankRefs = config.measuring().bankReferences();
        int wanted = Math.max(k, Math.max(config.retrievalCandidates(), bankRefs));
        List<TemplateBank.Neighbour> nearestAll = timings.time(Stage.RETRIEVAL,
                () -> bank.nearest(query.global(), wanted, exclude));
        List<TemplateBank.Neighbour> candidates = nearestAll.subList(0,
                Math.min(nearestAll.size(), Math.max(k, config.retrievalCandidates())));
        double globalRaw = candidates.isEmpty() ? 0 : 1 - candidates.get(0).similarity();
        List<TemplateBank.Neighbour> neighbours = candidates.size() > k && !query.objects().isEmpty()
                ? timings.time(Stage.MATCHING, () -> byObjects(query, bank, candidates, k))
                : candidates.subList(0, Math.min(k, candidates.size()));
        List<Integer> indices = new ArrayList<>();
        List<Scene> scenes = new ArrayList<>();
        for (TemplateBank.Neighbour n : neighbours) {
            indices.add(n.index());
            scenes.add(bank.scene(n.index()));
        }
        List<Integer> bankWide = new ArrayList<>();
        for (TemplateBank.Neighbour n : nearestAll.subList(0, Math.min(nearestAll.size(), bankRefs))) {
            if (!indices.contains(n.index())) {
                bankWide.add(n.index());
            }
        }
        return new References(indices, scenes, bankWide, globalRaw);
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
        Arrays.sort(order, (a, b) -> Double.compare(cost[a], cost[b]));
        List<TemplateBank.Neighbour> out = new ArrayList<>(k);
        for (int r = 0; r < k; r++) {
            out.add(candidates.get(order[r]));
        }
        return out;
    }
}
