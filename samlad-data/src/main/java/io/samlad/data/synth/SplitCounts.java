package io.samlad.data.synth;

/** How many images one category has in each split of the MVTec LOCO layout. */
public record SplitCounts(int train, int validation, int testGood, int testLogical, int testStructural) {
    public SplitCounts {
        if (train < 0 || validation < 0 || testGood < 0 || testLogical < 0 || testStructural < 0) {
            throw new IllegalArgumentException("image counts must not be negative");
        }
    }

    public int total() {
        return train + validation + testGood + testLogical + testStructural;
    }
}
