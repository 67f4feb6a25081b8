package io.samlad.measure;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.config.SamladConfig;
import io.samlad.objects.ObjectForm;
import io.samlad.objects.Scene;
import io.samlad.objects.SceneObject;
import io.samlad.segment.ObjectMask;
import io.samlad.stats.Covariance;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Objects of one kind in one image are measured against each other: the one pin of another size, the one pin with a
 * chip broken off, stands out against its fifteen peers; objects of another colour are no peers, and an object with
 * too few peers is not judged.
 */
class PeerComparerTest {
    private static final SamladConfig.Peers PEERS = SamladConfig.Peers.DEFAULTS;

    /** A solid 3 x 3 block of cells at (x, y) on a 64 x 64 grid, with the given form. */
    private static SceneObject object(int x, int y, float area, float notch, float red) {
        BitSet bits = new BitSet(64 * 64);
        for (int dy = 0; dy < 3; dy++) {
            for (int dx = 0; dx < 3; dx++) {
                bits.set((y + dy) * 64 + x + dx);
            }
        }
        return new SceneObject(new ObjectMask(64, 64, bits), new float[] {0f}, Covariance.none(1), new float[0],
                new ObjectForm(area, notch, red, 0.6f, 0.2f));
    }

    /** Sixteen pins of areas 240 to 270 px and notch depths 0.05 to 0.09, and four plate pieces of any size. */
    private static List<SceneObject> grid() {
        List<SceneObject> out = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            out.add(object(4 + (i % 4) * 14, 4 + (i / 4) * 14, 240 + (i * 7) % 31, 0.05f + 0.0025f * (i % 16),
                    0.80f + 0.002f * i));
        }
        for (int i = 0; i < 4; i++) {
            out.add(object(2 + i * 12, 58, 900 + 700 * i, 0.1f + 0.1f * i, 0.30f));
        }
        return out;
    }

    private static double max(double[][] d, int column) {
        double m = 0;
        for (double[] v : d) {
            m = Math.max(m, v[column]);
        }
        return m;
    }

    @Test
    void aPinOfAnotherSizeStandsOutAgainstItsPeers() {
        double normal = max(PeerComparer.deviations(grid(), PEERS), 0);
        for (float area : new float[] {520f, 80f}) {
            List<SceneObject> objects = grid();
            SceneObject o = objects.get(5);
            objects.set(5, new SceneObject(o.mask(), o.meanFeature(), o.covariance(), o.appearance(),
                    new ObjectForm(area, 0.07f, 0.82f, 0.6f, 0.2f)));
            double[][] d = PeerComparer.deviations(objects, PEERS);
            assertThat(d[5][0]).as("area %s against normal %.2f", area, normal).isGreaterThan(3 * normal);
            assertThat(max(d, 0)).isEqualTo(d[5][0]);
        }
    }

    @Test
    void aPinWithAChipOffStandsOutInItsNotch() {
        List<SceneObject> objects = grid();
        double normal = max(PeerComparer.deviations(objects, PEERS), 1);
        SceneObject o = objects.get(9);
        objects.set(9, new SceneObject(o.mask(), o.meanFeature(), o.covariance(), o.appearance(),
                new ObjectForm(200f, 0.30f, 0.82f, 0.6f, 0.2f)));
        double[][] d = PeerComparer.deviations(objects, PEERS);
        assertThat(d[9][1]).as("against normal %.2f", normal).isGreaterThan(3 * Math.max(normal, 1));
    }

    @Test
    void objectsOfAnotherColourOrWithTooFewPeersAreNotJudged() {
        List<SceneObject> objects = grid();
        double[][] d = PeerComparer.deviations(objects, PEERS);
        // the four plate pieces (another colour) have three peers each, fewer than the four required
        for (int i = 16; i < 20; i++) {
            assertThat(d[i]).containsExactly(0, 0, 0);
        }
        // with seven peers required none of them is judged, the pins still are
        double[][] strict = PeerComparer.deviations(objects, PEERS.withMinPeers(7));
        assertThat(strict[17]).containsExactly(0, 0, 0);
        assertThat(max(strict, 0)).isGreaterThan(0);
        // off: nothing is judged
        assertThat(max(PeerComparer.deviations(objects, SamladConfig.Peers.OFF), 0)).isZero();
        // a colour tolerance too tight for the brass jitter leaves every pin without peers
        assertThat(max(PeerComparer.deviations(objects, PEERS.withColourTolerance(1e-6)), 0)).isZero();
    }

    @Test
    void objectsOfOneColourWhoseSizesDoNotAgreeAreNoKind() {
        // six pieces of one colour, from 900 to 4400 px: compartments and the rims beside them
        List<SceneObject> objects = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            objects.add(object(2 + i * 9, 20, 900 + 700 * i, 0.1f, 0.30f + 0.001f * i));
        }
        assertThat(max(PeerComparer.deviations(objects, PEERS), 0)).isZero();
        assertThat(max(PeerComparer.deviations(objects, PEERS.withMaxSpread(10)), 0)).isGreaterThan(0);
    }

    @Test
    void aSecondPinInACellStandsOutInItsSpacing() {
        // the grid's pins lie 14 cells apart, give or take a cell of jitter: none is nearer its nearest peer than
        // the others
        List<SceneObject> objects = grid();
        for (int i = 0; i < 16; i++) {
            SceneObject o = objects.get(i);
            int x = 4 + (i % 4) * 14 + (i * 5) % 3 - 1;
            int y = 4 + (i / 4) * 14 + (i * 7) % 3 - 1;
            objects.set(i, object(x, y, o.form().area(), o.form().notch(), o.form().red()));
        }
        double normal = max(PeerComparer.deviations(objects, PEERS), 2);
        // a second pin 6 cells beside pin 5, inside its cell: both are nearer each other than pins are
        objects.add(object(4 + 14 + 6, 4 + 14, 255f, 0.06f, 0.81f));
        int extra = objects.size() - 1;
        double[][] d = PeerComparer.deviations(objects, PEERS);
        assertThat(d[extra][2]).as("against normal %.2f", normal).isGreaterThan(Math.max(3 * normal, 5));
        assertThat(d[5][2]).isEqualTo(d[extra][2]);
        assertThat(max(d, 2)).isEqualTo(d[extra][2]);
        // off: no spacing is measured, sizes and shapes still are
        double[][] off = PeerComparer.deviations(objects, PEERS.withSpacing(false));
        assertThat(max(off, 2)).isZero();
        assertThat(max(off, 0)).isEqualTo(max(d, 0));
    }

    @Test
    void piecesOfASurfaceAreNoKindOfParts() {
        // sixteen same-coloured pieces, each 10 x 10 cells of a 64 x 64 grid (2.4 % of the image: a plate cut into
        // cells), one of them twice as large: not judged under the default limit, judged without it
        List<SceneObject> objects = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            BitSet bits = new BitSet(64 * 64);
            for (int dy = 0; dy < 10; dy++) {
                for (int dx = 0; dx < 10; dx++) {
                    bits.set(((i / 4) * 16 + dy) * 64 + (i % 4) * 16 + dx);
                }
            }
            objects.add(new SceneObject(new ObjectMask(64, 64, bits), new float[] {0f}, Covariance.none(1),
                    new float[0], new ObjectForm(i == 3 ? 3000f : 1500f + 10 * i, 0.1f, 0.7f, 0.7f, 0.72f)));
        }
        assertThat(max(PeerComparer.deviations(objects, PEERS), 0)).isZero();
        assertThat(max(PeerComparer.deviations(objects, PEERS.withMaxKindShare(0)), 0)).isGreaterThan(5);
        assertThat(max(PeerComparer.deviations(objects, PEERS.withMaxKindShare(0.03)), 0)).isGreaterThan(5);
    }

    @Test
    void aBankSpeaksOnlyWhereItsNormalImagesHoldObjectsOfOneKind() {
        Scene pins = new Scene(256, 256, new float[0], null, null, grid());
        List<SceneObject> pieces = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            pieces.add(object(2 + i * 9, 20, 900 + 700 * i, 0.1f, 0.30f + 0.001f * i));
        }
        Scene mixed = new Scene(256, 256, new float[0], null, null, pieces);
        assertThat(PeerComparer.judgedShare(List.of(pins, pins, mixed), PEERS)).isCloseTo(2 / 3.0,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(PeerComparer.judgedShare(List.of(mixed, mixed), PEERS)).isZero();
        assertThat(PeerComparer.judgedShare(List.of(pins), SamladConfig.Peers.OFF)).isZero();
    }

    @Test
    void aLostPartIsJudgedAgainstTheObjectsOfItsKind() {
        double normal = max(PeerComparer.deviations(grid(), PEERS), 0);
        ObjectForm smallPin = new ObjectForm(80f, 0.06f, 0.81f, 0.6f, 0.2f);
        ObjectForm wholePin = new ObjectForm(255f, 0.06f, 0.81f, 0.6f, 0.2f);
        ObjectForm crescent = new ObjectForm(200f, 0.35f, 0.81f, 0.6f, 0.2f);
        assertThat(PeerComparer.looseDeviations(grid(), List.of(smallPin), PEERS)[0]).isGreaterThan(3 * normal);
        assertThat(PeerComparer.looseDeviations(grid(), List.of(wholePin), PEERS)[0]).isLessThan(normal + 1);
        assertThat(PeerComparer.looseDeviations(grid(), List.of(crescent), PEERS)[1]).isGreaterThan(5);
        // a blob of a colour no kind has is no part of one
        ObjectForm grey = new ObjectForm(80f, 0.06f, 0.5f, 0.5f, 0.5f);
        assertThat(PeerComparer.looseDeviations(grid(), List.of(grey), PEERS)).containsExactly(0, 0);
    }

    @Test
    void objectsWithoutAFormAreNoPeers() {
        List<SceneObject> objects = new ArrayList<>();
        for (SceneObject o : grid()) {
            objects.add(new SceneObject(o.mask(), o.meanFeature(), o.covariance(), o.appearance()));
        }
        assertThat(PeerComparer.hasForms(objects)).isFalse();
        assertThat(max(PeerComparer.deviations(objects, PEERS), 0)).isZero();
    }
}
