package io.samlad.data.synth;

import java.util.ArrayList;
import java.util.List;

/**
 * Grey digit images (one byte per pixel, row-major, white digit on black as in MNIST) with their labels, and a note
 * on where they came from.
 */
public record DigitPool(int rows, int cols, List<byte[]> images, int[] labels, String source) {
    public DigitPool {
        images = List.copyOf(images);
        labels = labels.clone();
        if (images.size() != labels.length) {
            throw new IllegalArgumentException(images.size() + " images but " + labels.length + " labels");
        }
    }

    public int size() {
        return labels.length;
    }

    /** Indices of every digit with the given label, in pool order. */
    public List<Integer> indicesOf(int label) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == label) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * One of two disjoint halves (0 or 1): of each label's digits, in pool order, the first half or the rest. Train
     * scenes draw from half 0 and test scenes from half 1, so no test digit was seen in training.
     */
    public DigitPool half(int which) {
        if (which != 0 && which != 1) {
            throw new IllegalArgumentException("half must be 0 or 1, got " + which);
        }
        List<byte[]> img = new ArrayList<>();
        List<Integer> lab = new ArrayList<>();
        for (int label = 0; label <= 9; label++) {
            List<Integer> idx = indicesOf(label);
            int cut = idx.size() / 2;
            for (int i : which == 0 ? idx.subList(0, cut) : idx.subList(cut, idx.size())) {
                img.add(images.get(i));
                lab.add(label);
            }
        }
        return new DigitPool(rows, cols, img, lab.stream().mapToInt(Integer::intValue).toArray(), source);
    }
}
