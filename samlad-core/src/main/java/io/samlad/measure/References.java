package io.samlad.measure;

import io.samlad.objects.Scene;
import java.util.List;

/**
 * What retrieval (stage 2) chose for one query.
 *
 * @param indices   bank indices of the k references, best first
 * @param scenes    their scenes, in the same order
 * @param bankWide  bank indices of the further nearest images the PATCH_BANK measure also compares with (the
 *                  {@code bankReferences} nearest by global descriptor, less the k references)
 * @param globalRaw the raw GLOBAL measure: 1 - cosine similarity of the global descriptor to the nearest image
 */
public record References(List<Integer> indices, List<Scene> scenes, List<Integer> bankWide, double globalRaw) {
    public References {
        indices = List.copyOf(indices);
        scenes = List.copyOf(scenes);
        bankWide = List.copyOf(bankWide);
    }

    public int size() {
        return indices.size();
    }
}
