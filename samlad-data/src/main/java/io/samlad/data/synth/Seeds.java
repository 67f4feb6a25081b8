package io.samlad.data.synth;

/**
 * Derives the seed of one image from the run's seed and the image's identity (category, split, index), so that
 * every image depends only on those and not on how many other images were generated before it.
 */
final class Seeds {
    private Seeds() {
    }

    static long derive(long seed, String... parts) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        for (String part : parts) {
            // String.hashCode is specified by the JLS, so this is stable across JVMs and runs.
            h = mix(h * 31 + part.hashCode());
        }
        return h;
    }

    /** The 64-bit finaliser of MurmurHash3: spreads every input bit over the output. */
    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
