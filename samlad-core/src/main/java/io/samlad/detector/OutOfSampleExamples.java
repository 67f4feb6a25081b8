package io.samlad.detector;

import io.samlad.bank.TemplateBank;
import io.samlad.objects.Scene;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The normal images a query's parts are compared with when a rarity is fitted on the bank's own images: the nearest
 * by the global descriptor, without the query itself. A training image scored against examples that include itself
 * would find its own parts at distance 0 and look more normal than any new part, which would lower the threshold's
 * normal tail below what unseen parts show.
 */
final class OutOfSampleExamples {
    private OutOfSampleExamples() {
    }

    /** Up to {@code images} nearest bank scenes whose global descriptor is not the query's. */
    static List<Scene> nearest(Scene query, TemplateBank bank, int images) {
        List<Scene> normals = new ArrayList<>();
        for (TemplateBank.Neighbour nb : bank.nearest(query.global(), images + 1, -1)) {
            Scene s = bank.scene(nb.index());
            if (normals.size() < images && !Arrays.equals(s.global(), query.global())) {
                normals.add(s);
            }
        }
        return normals;
    }
}
