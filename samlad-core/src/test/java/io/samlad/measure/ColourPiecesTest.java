package io.samlad.measure;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.config.SamladConfig;
import io.samlad.image.RgbImage;
import io.samlad.objects.ColourHistogram;
import io.samlad.objects.ColourLattice;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * PIECES on small generated images: a grey bench with two dark connectors of one size joined by a blue cable that
 * sags and sits anew in every image. Normal images agree that the cable is one piece and that the connectors are a
 * pair of one area, whatever the pose; a cut cable is two pieces, and a connector with a corner bitten off is smaller
 * than its partner. The fit learns this from normal images alone, and the cells the measure points at lie in the cut.
 */
class ColourPiecesTest {
    private static final SamladConfig.Colours COLOURS = SamladConfig.Colours.DEFAULTS;
    private static final SamladConfig.Pieces PIECES = COLOURS.pieces();
    private static final float[] BENCH = {0.78f, 0.77f, 0.74f};
    private static final float[] DARK = {0.22f, 0.23f, 0.25f};
    private static final float[] BLUE = {0.15f, 0.35f, 0.85f};
    private static final int W = 128;
    private static final int H = 96;

    /** A scene; {@code cut}: the cable's gap in x (none if negative); {@code bite}: the left connector's corner lost. */
    record Drawn(RgbImage image, int cutX) {
    }

    static Drawn draw(Random r, boolean cut, boolean bite) {
        float[] p = new float[3 * W * H];
        int cy = 44 + r.nextInt(8);
        int x0 = 18 + r.nextInt(4);
        int x1 = 108 - r.nextInt(4);
        int half = 8;
        double sag = -12 + 24 * r.nextDouble();
        int cutX = cut ? 50 + r.nextInt(28) : -1;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                float[] c = BENCH;
                double t = (x - x0) / (double) (x1 - x0);
                double yc = cy + sag * Math.sin(Math.PI * t);
                if (t > 0 && t < 1 && Math.abs(y - yc) < 3 && !(cut && Math.abs(x - cutX) < 5)) {
                    c = BLUE;
                }
                boolean inLeft = Math.abs(x - x0) <= half && Math.abs(y - cy) <= half;
                boolean bitten = bite && Math.hypot(x - (x0 - half), y - (cy - half)) < 7;
                if (inLeft && !bitten || Math.abs(x - x1) <= half && Math.abs(y - cy) <= half) {
                    c = DARK;
                }
                float noise = (float) (0.03 * r.nextGaussian());
                for (int k = 0; k < 3; k++) {
                    p[k * W * H + y * W + x] = Math.max(0, Math.min(1, c[k] + noise));
                }
            }
        }
        return new Drawn(RgbImage.ofPlanar(W, H, p), cutX);
    }

    /** The bank's colours (COLOURS' k-means) and the PIECES statistics, fitted on {@code n} normal images. */
    record Fitted(double[][] means, SamladConfig.Pieces pieces) {
    }

    static Fitted fit(Random r, int n) {
        List<float[]> histograms = new ArrayList<>();
        List<ColourLattice> lattices = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RgbImage image = draw(r, false, false).image();
            histograms.add(ColourHistogram.of(image));
            lattices.add(ColourLattice.of(image));
        }
        double[][] means = ColourComposition.fit(histograms, COLOURS).means();
        return new Fitted(means, ColourPieces.fit(lattices, means, PIECES));
    }

    private static double raw(Fitted f, RgbImage image) {
        return ColourPieces.raw(ColourLattice.of(image), f.means(), f.pieces(), W, H, W / 4, H / 4).raw();
    }

    @Test
    void normalImagesTeachOnePieceOfCableAndAPairOfConnectors() {
        Fitted f = fit(new Random(1), 30);
        assertThat(f.pieces().on()).isTrue();
        int wholeOnes = 0;
        for (int w : f.pieces().whole()) {
            wholeOnes += w == 1 ? 1 : 0;
        }
        assertThat(wholeOnes).as("the cable (and the bench) are one piece").isGreaterThanOrEqualTo(1);
        int pairs = 0;
        for (double s : f.pieces().pairSpread()) {
            pairs += s > 0 ? 1 : 0;
        }
        assertThat(pairs).as("the two connectors are a pair of one size").isEqualTo(1);
    }

    @Test
    void aCutCableAndABittenConnectorScoreAboveEveryUnseenNormal() {
        Random r = new Random(2);
        Fitted f = fit(r, 30);
        double normalMax = 0;
        for (int i = 0; i < 20; i++) {
            normalMax = Math.max(normalMax, raw(f, draw(r, false, false).image()));
        }
        for (int i = 0; i < 8; i++) {
            assertThat(raw(f, draw(r, true, false).image())).as("cut cable").isGreaterThan(normalMax);
            assertThat(raw(f, draw(r, false, true).image())).as("bitten connector").isGreaterThan(normalMax);
        }
    }

    @Test
    void theCellsPointAtTheCut() {
        Random r = new Random(3);
        Fitted f = fit(r, 30);
        for (int i = 0; i < 5; i++) {
            Drawn d = draw(r, true, false);
            ColourPieces.Result result = ColourPieces.raw(ColourLattice.of(d.image()), f.means(), f.pieces(), W, H,
                    W / 4, H / 4);
            assertThat(result.cells()).isNotNull();
            for (int c = 0; c < result.cells().length; c++) {
                if (result.cells()[c] >= 1) {
                    int cellX = (c % (W / 4)) * 4 + 2;
                    assertThat(Math.abs(cellX - d.cutX())).as("a top cell lies in the gap").isLessThanOrEqualTo(8);
                }
            }
        }
    }

    /** A piece of the lattice points {@code (x, y)} of a {@code w}-wide lattice where {@code in} holds. */
    private static ColourPieces.Piece piece(int w, int h, java.util.function.BiPredicate<Integer, Integer> in) {
        List<Integer> points = new ArrayList<>();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (in.test(x, y)) {
                    points.add(y * w + x);
                }
            }
        }
        return new ColourPieces.Piece(points.stream().mapToInt(Integer::intValue).toArray());
    }

    @Test
    void aBiteLeavesTheHullAndAHoleIsNoBite() {
        ColourPieces.Piece block = piece(40, 40, (x, y) -> x >= 5 && x < 25 && y >= 8 && y < 22);
        assertThat(ColourPieces.hullMissing(block, 40)).as("a rectangle is its own hull").isZero();
        ColourPieces.Piece inlay = piece(40, 40, (x, y) -> x >= 5 && x < 25 && y >= 8 && y < 22
                && !(x >= 10 && x < 20 && y >= 12 && y < 18));
        assertThat(ColourPieces.hullMissing(inlay, 40)).as("a lighter inlay is a hole, not a bite").isZero();
        ColourPieces.Piece bitten = piece(40, 40, (x, y) -> x >= 5 && x < 25 && y >= 8 && y < 22
                && Math.hypot(x - 15, y - 21.5) > 4);
        // about half a disc of radius 4 (25 points) out of 280, inside the hull it leaves
        assertThat(ColourPieces.hullMissing(bitten, 40)).isBetween(Math.log(1 + 15 / 280.0), Math.log(1 + 35 / 280.0));
    }

    @Test
    void thePairStatisticAddsABitesHullGapAndCancelsAJoinedBump() {
        ColourPieces.Piece whole = piece(60, 40, (x, y) -> x >= 5 && x < 25 && y >= 8 && y < 22);
        ColourPieces.Piece bitten = piece(60, 40, (x, y) -> x >= 35 && x < 55 && y >= 8 && y < 22
                && Math.hypot(x - 45, y - 21.5) > 4);
        double areas = Math.log((double) whole.area() / bitten.area());
        assertThat(ColourPieces.pairStatistic(whole, bitten, 60, 0)).as("weight 0: the plain log area ratio")
                .isEqualTo(areas);
        assertThat(ColourPieces.pairStatistic(whole, bitten, 60, 1)).as("a bite counts twice: area and hull")
                .isGreaterThan(1.8 * areas);
        // a bump of the colour joined to one of two equal pieces (a shadow): more area, and more hull still
        ColourPieces.Piece bumped = piece(60, 40, (x, y) -> x >= 5 && x < 25 && y >= 8 && y < 22
                || x >= 25 && x < 29 && y >= 13 && y < 17);
        ColourPieces.Piece twin = piece(60, 40, (x, y) -> x >= 35 && x < 55 && y >= 8 && y < 22);
        double bumpAreas = Math.log((double) bumped.area() / twin.area());
        assertThat(Math.abs(ColourPieces.pairStatistic(bumped, twin, 60, 1))).isLessThan(bumpAreas);
    }

    @Test
    void coloursOfOneGreySplitByTheBinGridAreOne() {
        double[][] means = {{0.75, -0.08, 0.08}, {0.75, 0.08, 0.08}, {0.27, 0.08, -0.07}, {0.43, 0.17, -0.52}};
        int[] merged = ColourPieces.merged(means, 0.25);
        assertThat(merged).containsExactly(0, 0, 1, 2);
        assertThat(ColourPieces.merged(means, 0)).containsExactly(0, 1, 2, 3);
    }

    @Test
    void notAskedOrNothingAgreedMeansOff() {
        assertThat(SamladConfig.Pieces.OFF.on()).isFalse();
        assertThat(SamladConfig.Pieces.OFF.needsLattice()).isFalse();
        assertThat(PIECES.needsLattice()).as("asked, not fitted yet: the fit needs lattices").isTrue();
        SamladConfig.Pieces none = PIECES.fitted(new int[3], new double[3], new double[3]);
        assertThat(none.on()).isFalse();
        assertThat(none.needsLattice()).as("fitted, nothing judged: a query needs no lattice").isFalse();
    }
}
