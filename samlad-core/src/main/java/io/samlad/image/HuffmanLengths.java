package io.samlad.image;

import java.util.Arrays;

/**
 * Length-limited Huffman code lengths and canonical Deflate codes for {@link FloatRunDeflater}. The lengths come
 * from Huffman's construction (two sorted queues, leaves and merged nodes); when the longest code exceeds the limit
 * the counts are halved (never to zero) and the code is built again, which flattens it. Every code it makes is
 * complete (at least two symbols get a length), so every decoder accepts it.
 */
final class HuffmanLengths {
    private final long[] leaves = new long[512];
    private final long[] weight = new long[1024];
    private final int[] parent = new int[1024];
    private final int[] scaled = new int[512];

    /** Code lengths of {@code n} symbols with counts {@code freq} into {@code len}, none longer than {@code limit}. */
    void lengths(int[] freq, int n, int limit, byte[] len) {
        System.arraycopy(freq, 0, scaled, 0, n);
        while (!tryLengths(scaled, n, limit, len)) {
            for (int s = 0; s < n; s++) {
                if (scaled[s] != 0) {
                    scaled[s] = Math.max(1, scaled[s] >>> 1);
                }
            }
        }
    }

    private boolean tryLengths(int[] freq, int n, int limit, byte[] len) {
        Arrays.fill(len, 0, n, (byte) 0);
        int used = 0;
        for (int s = 0; s < n; s++) {
            if (freq[s] != 0) {
                leaves[used++] = ((long) freq[s] << 9) | s;
            }
        }
        if (used < 2) {
            // one symbol or none: two codes of one bit keep the code complete (the second is never sent)
            int first = used == 1 ? (int) (leaves[0] & 511) : 0;
            len[first] = 1;
            len[first == 0 ? 1 : 0] = 1;
            return true;
        }
        Arrays.sort(leaves, 0, used);
        // nodes 0..used-1 are the leaves in order of weight; merged nodes follow, in order of creation (their weights
        // never decrease, so the two queues stay sorted)
        for (int k = 0; k < used; k++) {
            weight[k] = leaves[k] >>> 9;
        }
        int nextLeaf = 0;
        int nextMerged = used;
        int created = used;
        for (int m = 0; m < used - 1; m++) {
            int a = nextLeaf < used && (nextMerged >= created || weight[nextLeaf] <= weight[nextMerged])
                    ? nextLeaf++ : nextMerged++;
            int b = nextLeaf < used && (nextMerged >= created || weight[nextLeaf] <= weight[nextMerged])
                    ? nextLeaf++ : nextMerged++;
            weight[created] = weight[a] + weight[b];
            parent[a] = created;
            parent[b] = created;
            created++;
        }
        // depth of a node = depth of its parent + 1; the root (last created) has depth 0
        int root = created - 1;
        parent[root] = -1;
        int[] depth = new int[created];
        for (int k = root - 1; k >= 0; k--) {
            depth[k] = depth[parent[k]] + 1;
        }
        for (int k = 0; k < used; k++) {
            if (depth[k] > limit) {
                return false;
            }
            len[(int) (leaves[k] & 511)] = (byte) depth[k];
        }
        return true;
    }

    /** Canonical codes (RFC 1951, 3.2.2) of the lengths, bit-reversed for Deflate's least-significant-first order. */
    static void codes(byte[] len, int n, int[] code) {
        int[] count = new int[16];
        for (int s = 0; s < n; s++) {
            count[len[s]]++;
        }
        count[0] = 0;
        int[] next = new int[16];
        int c = 0;
        for (int bits = 1; bits < 16; bits++) {
            c = (c + count[bits - 1]) << 1;
            next[bits] = c;
        }
        for (int s = 0; s < n; s++) {
            int l = len[s];
            code[s] = l == 0 ? 0 : Integer.reverse(next[l]++) >>> (32 - l);
        }
    }
}
