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
 * Where the colour findings are painted (docs/method.md, "COLOURS and PIECES on the map"), on small generated images:
 * a grey bench with two dark connectors of one size joined by a blue cable that sits anew in every image. The part
 * colours (cable, connectors) are told from the bench by their share of normal images; a query that lacks a part
 * (no cable, one connector) is told from one whose parts are only of another colour or size; a pair finding points
 * at both connectors.
 */
class ColourFindingsTest {
    private static final SamladConfig.Colours COLOURS = SamladConfig.Colours.DEFAULTS;
    private static final float[] BENCH = {0.78f, 0.77f, 0.74f};
    private static final float[] DARK = {0.22f, 0.23f, 0.25f};
    private static final float[] BLUE = {0.15f, 0.35f, 0.85f};
    private static final float[] RED = {0.85f, 0.15f, 0.12f};
    private static final int W = 128;
    private static final int H = 96;
    private static final int GW = W / 4;
    private static final int GH = H / 4;
    private static final double MERGE = COLOURS.pieces().mergeDistance();

    /** Where a drawn scene's connectors are (centre x of each, centre y). */
    record Drawn(RgbImage image, int left, int right, int y) {
    }

    static Drawn draw(Random r, float[] cable, boolean withRight) {
        float[] p = new float[3 * W * H];
        int cy = 44 + r.nextInt(8);
        int x0 = 18 + r.nextInt(4);
        int x1 = 108 - r.nextInt(4);
        int half = 8;
        double sag = -12 + 24 * r.nextDouble();
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                float[] c = BENCH;
                double t = (x - x0) / (double) (x1 - x0);
                double yc = cy + sag * Math.sin(Math.PI * t);
                if (cable != null && t > 0 && t < 1 && Math.abs(y - yc) < 3) {
                    c = cable;
                }
                if (Math.abs(x - x0) <= half && Math.abs(y - cy) <= half
                        || withRight && Math.abs(x - x1) <= half && Math.abs(y - cy) <= half) {
                    c = DARK;
                }
                float noise = (float) (0.03 * r.nextGaussian());
                for (int k = 0; k < 3; k++) {
                    p[k * W * H + y * W + x] = Math.max(0, Math.min(1, c[k] + noise));
                }
            }
        }
        return new Drawn(RgbImage.ofPlanar(W, H, p), x0, x1, cy);
    }

    record Fitted(ColourComposition.Model model, SamladConfig.Pieces pieces) {
    }

    static Fitted fit(Random r, int n) {
        List<float[]> histograms = new ArrayList<>();
        List<ColourLattice> lattices = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // half the normal images have a red cable, half a blue one
            RgbImage image = draw(r, i % 2 == 0 ? BLUE : RED, true).image();
            histograms.add(ColourHistogram.of(image));
            lattices.add(ColourLattice.of(image));
        }
        ColourComposition.Model model = ColourComposition.fit(histograms, COLOURS);
        return new Fitted(model, ColourPieces.fit(lattices, model.means(), COLOURS.pieces()));
    }

    private static int cell(int x, int y) {
        return (y / 4) * GW + x / 4;
    }

    @Test
    void thePartColoursArePaintedAndTheBenchIsNot() {
        Random r = new Random(4);
        Fitted f = fit(r, 30);
        Drawn d = draw(r, BLUE, true);
        float[] cells = ColourComposition.partCells(ColourLattice.of(d.image()), f.model(), COLOURS.paintMaxShare(),
                MERGE, W, H, GW, GH);
        assertThat(cells[cell(d.left(), d.y())]).as("the left connector").isEqualTo(1f);
        assertThat(cells[cell(d.right(), d.y())]).as("the right connector").isEqualTo(1f);
        assertThat(cells[cell(64, 90)]).as("the bench below the cable").isZero();
        int painted = 0;
        for (float c : cells) {
            painted += c > 0 ? 1 : 0;
        }
        assertThat(painted).as("cable and connectors, not the whole bench").isLessThan(cells.length / 4);
        // with no part colour allowed nothing is painted
        float[] none = ColourComposition.partCells(ColourLattice.of(d.image()), f.model(), 1e-6, MERGE, W, H, GW, GH);
        assertThat(none).containsOnly(0f);
    }

    @Test
    void aMissingCableOrConnectorLacksAPartAndAWrongColourDoesNot() {
        Random r = new Random(5);
        Fitted f = fit(r, 30);
        for (int i = 0; i < 5; i++) {
            RgbImage noCable = draw(r, null, true).image();
            assertThat(ColourComposition.lacksPart(ColourHistogram.of(noCable), f.model(), COLOURS.paintMaxShare(),
                    MERGE))
                    .as("no cable: less of the image in part colours than any normal image").isTrue();
            RgbImage oneConnector = draw(r, BLUE, false).image();
            assertThat(ColourPieces.lacksPiece(ColourLattice.of(oneConnector), f.model().means(), f.pieces()))
                    .as("one connector: one piece of the pair").isTrue();
            RgbImage red = draw(r, RED, true).image();
            assertThat(ColourComposition.lacksPart(ColourHistogram.of(red), f.model(), COLOURS.paintMaxShare(),
                    MERGE))
                    .as("a red cable covers what a blue one would").isFalse();
            assertThat(ColourPieces.lacksPiece(ColourLattice.of(red), f.model().means(), f.pieces()))
                    .as("both connectors are there").isFalse();
            RgbImage normal = draw(r, BLUE, true).image();
            assertThat(ColourPieces.lacksPiece(ColourLattice.of(normal), f.model().means(), f.pieces())).isFalse();
        }
    }

    @Test
    void aPairFindingPointsAtBothPiecesOnlyWhenAsked() {
        Random r = new Random(6);
        List<ColourLattice> lattices = new ArrayList<>();
        List<float[]> histograms = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            RgbImage image = ColourPiecesTest.draw(r, false, false).image();
            lattices.add(ColourLattice.of(image));
            histograms.add(ColourHistogram.of(image));
        }
        double[][] means = ColourComposition.fit(histograms, COLOURS).means();
        SamladConfig.Pieces pieces = ColourPieces.fit(lattices, means, COLOURS.pieces());
        int both = 0;
        for (int i = 0; i < 5; i++) {
            ColourLattice bitten = ColourLattice.of(ColourPiecesTest.draw(r, false, true).image());
            float[] pair = ColourPieces.raw(bitten, means, pieces, W, H, GW, GH, true).cells();
            float[] lacking = ColourPieces.raw(bitten, means, pieces, W, H, GW, GH, false).cells();
            assertThat(pair).isNotNull();
            // the intact right connector (x 104 to 108, y 44 to 51 at its centre) is painted only with pairs
            int right = 0;
            int rightWithout = 0;
            for (int y = 40; y < 56; y++) {
                for (int x = 100; x < 112; x++) {
                    right += pair[cell(x, y)] >= 1 ? 1 : 0;
                    rightWithout += lacking[cell(x, y)] >= 1 ? 1 : 0;
                }
            }
            both += right > 0 && rightWithout == 0 ? 1 : 0;
            // the bite's cells keep their weight either way
            for (int c = 0; c < pair.length; c++) {
                assertThat(pair[c]).isGreaterThanOrEqualTo(lacking[c]);
            }
        }
        assertThat(both).as("both pieces of the pair are pointed at only with pairs painted").isEqualTo(5);
    }
}
