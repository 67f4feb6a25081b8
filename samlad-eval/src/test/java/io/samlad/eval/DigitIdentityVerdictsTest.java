package io.samlad.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.Samlad;
import io.samlad.config.SamladConfig;
import io.samlad.config.StageTimings;
import io.samlad.data.synth.DigitAnatomyGenerator;
import io.samlad.data.synth.DigitAnatomyOptions;
import io.samlad.detector.Pipeline;
import io.samlad.image.ImageFiles;
import io.samlad.image.ImageLoader;
import io.samlad.measure.IdentityComparer;
import io.samlad.objects.Scene;
import io.samlad.objects.SceneAnalyzer;
import io.samlad.segment.ObjectMask;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a small DigitAnatomy set: a digit that is not the one belonging to its cell (swapped, mirrored, a zero) has
 * every part of it looking normal; its appearance, compared with the digits at the same place in the normal grids,
 * is what gives it away. The object with the largest identity distance must lie in an anomalous cell, and in a
 * swapped grid the two cells least like their normal digits must be the swapped pair.
 */
class DigitIdentityVerdictsTest {
    @TempDir
    Path tmp;

    @Test
    void theObjectLeastLikeTheNormalOnesAtItsPlaceIsInTheAnomalousCell() throws Exception {
        DigitAnatomyGenerator.generate(tmp, DigitAnatomyOptions.defaults().withSeed(3).withCounts(40, 1, 1, 24));
        Path root = tmp.resolve(DigitAnatomyGenerator.NAME);
        SamladConfig config = SamladConfig.defaults();
        int hits = 0;
        int total = 0;
        int pairs = 0;
        int pairTotal = 0;
        int[] votes = new int[2]; // digits in swapped cells, digits elsewhere in swapped grids
        int[] right = new int[2]; // of them, voted to another place, to their own place
        try (Pipeline pipeline = Samlad.embeddedPipeline(config)) {
            SceneAnalyzer analyzer = pipeline.analyzer(config, true);
            List<Scene> normals = new ArrayList<>();
            for (Path p : ImageFiles.listNonEmpty(root.resolve("train/good"))) {
                normals.add(analyzer.analyze(ImageLoader.read(p), new StageTimings()));
            }
            for (String line : Files.readAllLines(root.resolve("anomalies.csv")).subList(1, 26)) {
                String[] f = line.split(",");
                if (!List.of("swapped", "flipped", "zero").contains(f[2])) {
                    continue;
                }
                Scene q = analyzer.analyze(ImageLoader.read(root.resolve(f[0])), new StageTimings());
                double[] d = IdentityComparer.nearestDistances(q.objects(), normals, config.identity().radius(),
                        config.identity().neighbours());
                int worst = -1;
                for (int i = 0; i < d.length; i++) {
                    if (!Double.isNaN(d[i]) && (worst < 0 || d[i] > d[worst])) {
                        worst = i;
                    }
                }
                ObjectMask m = q.objects().get(worst).mask();
                double x = m.centroidX() * 96;
                double y = m.centroidY() * 96;
                List<Rectangle> anomalous = cells(root, f[0]);
                total++;
                hits += anomalous.stream().anyMatch(c -> c.contains(x, y)) ? 1 : 0;
                if (f[2].equals("swapped")) {
                    // the two grid cells whose objects are least like the normal ones there are the swapped pair
                    double[] perCell = new double[9];
                    for (int i = 0; i < d.length; i++) {
                        ObjectMask o = q.objects().get(i).mask();
                        int cell = Math.min(2, (int) (o.centroidY() * 3)) * 3 + Math.min(2, (int) (o.centroidX() * 3));
                        perCell[cell] = Double.isNaN(d[i]) ? perCell[cell] : Math.max(perCell[cell], d[i]);
                    }
                    int first = argmax(perCell, -1);
                    int second = argmax(perCell, first);
                    pairTotal++;
                    pairs += holds(anomalous, first) && holds(anomalous, second) ? 1 : 0;
                    // the places' vote (identity.ownPlaceWeight): a digit's nearest examples over every place stand
                    // at its own place, unless it is the other place's digit
                    for (var o : q.objects()) {
                        if (o.mask().areaFraction() < 0.01) {
                            continue; // a fragment, not a digit
                        }
                        double share = IdentityComparer.ownPlaceShare(o, normals, config.identity().radius(),
                                config.identity().ownPlaceNeighbours());
                        double ox = o.mask().centroidX() * 96;
                        double oy = o.mask().centroidY() * 96;
                        boolean swappedHere = anomalous.stream().anyMatch(c -> c.contains(ox, oy));
                        votes[swappedHere ? 0 : 1]++;
                        right[swappedHere ? 0 : 1] += (share < 0.5) == swappedHere ? 1 : 0;
                    }
                }
            }
        }
        assertThat(total).isEqualTo(18);
        assertThat(pairTotal).isEqualTo(6);
        // measured when written, with only 40 examples per cell: 13 of 18 and 3 of 6. A random object would be in an
        // anomalous cell in about 2 of 9 images (4 of 18), a random pair of cells would be the swapped one in 1 of 36
        assertThat(hits).isGreaterThanOrEqualTo(12);
        assertThat(pairs).isGreaterThanOrEqualTo(3);
        // the places' vote: measured when written, 12 of 12 swapped digits voted to another place, 45 of 46 other
        // digits of those grids to their own (a vote by chance: about half either way)
        assertThat(votes[0]).isEqualTo(12);
        assertThat(right[0]).isGreaterThanOrEqualTo(10);
        assertThat(right[1]).isGreaterThanOrEqualTo(40);
    }

    private static int argmax(double[] v, int skip) {
        int best = -1;
        for (int i = 0; i < v.length; i++) {
            if (i != skip && (best < 0 || v[i] > v[best])) {
                best = i;
            }
        }
        return best;
    }

    /** Whether grid cell {@code cell} (of the 3 x 3 on the 96-pixel image) lies in one of the anomalous regions. */
    private static boolean holds(List<Rectangle> anomalous, int cell) {
        double x = (cell % 3) * 32 + 16;
        double y = (cell / 3) * 32 + 16;
        return anomalous.stream().anyMatch(c -> c.contains(x, y));
    }

    /** The grid cells (0..8, reading order) of an anomalous image's ground-truth regions. */
    static java.util.Set<Integer> anomalousCells(Path root, String image) throws Exception {
        java.util.Set<Integer> out = new java.util.TreeSet<>();
        for (Rectangle r : cells(root, image)) {
            out.add(Math.min(2, (int) (r.getCenterY() / 32)) * 3 + Math.min(2, (int) (r.getCenterX() / 32)));
        }
        return out;
    }

    private static List<Rectangle> cells(Path root, String image) throws Exception {
        String id = image.substring(image.lastIndexOf('/') + 1, image.length() - 4);
        List<Rectangle> out = new ArrayList<>();
        try (var files = Files.list(root.resolve("ground_truth/logical_anomalies").resolve(id))) {
            for (Path m : files.sorted().toList()) {
                BufferedImage mask = ImageIO.read(m.toFile());
                Rectangle r = null;
                for (int y = 0; y < mask.getHeight(); y++) {
                    for (int x = 0; x < mask.getWidth(); x++) {
                        if ((mask.getRGB(x, y) & 0xff) != 0) {
                            r = r == null ? new Rectangle(x, y, 1, 1) : r.union(new Rectangle(x, y, 1, 1));
                        }
                    }
                }
                out.add(r);
            }
        }
        return out;
    }
}
