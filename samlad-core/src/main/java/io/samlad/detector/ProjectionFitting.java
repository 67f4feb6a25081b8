package io.samlad.detector;

import io.samlad.config.SamladConfig;
import io.samlad.features.ChannelProjection;
import io.samlad.features.ExtractedFeatures;
import io.samlad.features.FeatureExtractor;
import io.samlad.features.FeatureMap;
import io.samlad.image.RgbImage;
import io.samlad.stats.PrincipalComponents;
import io.samlad.util.ParallelMap;
import io.samlad.util.ProgressListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * The fit-time step that fits a wide backbone's channel projection ({@link ChannelProjection}) before any scene is
 * analysed: the backbone's patch features of a seeded choice of training images, a seeded sample of their patches,
 * principal components of those. Deterministic: the same images, configuration and backbone give the same projection
 * bit for bit, whatever the number of threads (each image's sample has its own seed). Public so that a distributed
 * fitter (samlad-spark) fits exactly this projection on its driver.
 */
public final class ProjectionFitting {
    /** Seed offset of the image and patch choices, apart from the calibration split's. */
    private static final long SEED_SALT = 0x50524F4A45435449L;

    private ProjectionFitting() {
    }

    /**
     * A fitted projection and the provenance line that says what it is.
     *
     * @param projection  the projection
     * @param description one line for the bank's provenance
     */
    public record Fitted(ChannelProjection projection, String description) {
    }

    /** The training images the projection is fitted on: a seeded choice of {@code projection.images}, ascending. */
    public static int[] pickImages(int trainCount, SamladConfig config) {
        int count = Math.min(config.projection().images(), trainCount);
        int[] all = new int[trainCount];
        for (int i = 0; i < trainCount; i++) {
            all[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(config.seed() ^ SEED_SALT);
        for (int i = trainCount - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] pick = Arrays.copyOf(all, count);
        Arrays.sort(pick);
        return pick;
    }

    /**
     * Fits the projection for {@code backbone}, or nothing when the configuration turns it off or the backbone has
     * no more channels than the projection's width (then the features stay exactly as the backbone gives them).
     *
     * @param trainCount   number of training images
     * @param workingImage training image {@code i} at the working size
     * @param threads      threads for the backbone calls
     */
    public static Optional<Fitted> fit(FeatureExtractor backbone, SamladConfig config, int trainCount,
            IntFunction<RgbImage> workingImage, int threads) {
        SamladConfig.Projection settings = config.projection();
        if (settings.width() == 0 || trainCount == 0) {
            return Optional.empty();
        }
        int[] images = pickImages(trainCount, config);
        // the first image alone first: it tells whether the backbone is wide enough to project at all (the embedded
        // backbone is not), then batches as at fit
        List<List<Integer>> chunks = new ArrayList<>();
        chunks.add(List.of(0));
        for (int start = 1; start < images.length; start += BankFitter.FIT_BATCH) {
            List<Integer> chunk = new ArrayList<>();
            for (int k = start; k < Math.min(images.length, start + BankFitter.FIT_BATCH); k++) {
                chunk.add(k);
            }
            chunks.add(chunk);
        }
        List<Sample> samples = new ArrayList<>(sampleChunk(backbone, chunks.get(0), images, workingImage, config));
        int channels = samples.get(0).channels();
        if (!settings.appliesTo(channels)) {
            return Optional.empty();
        }
        List<List<Sample>> rest = ParallelMap.map(chunks.subList(1, chunks.size()), threads,
                (c, chunk) -> sampleChunk(backbone, chunk, images, workingImage, config), ProgressListener.NONE,
                "fitting the channel projection");
        rest.forEach(samples::addAll);
        List<float[]> rows = new ArrayList<>();
        for (Sample s : samples) {
            if (s.channels() != channels) {
                throw new IllegalStateException("the backbone gave " + s.channels() + " channels for one image and "
                        + channels + " for another");
            }
            rows.add(s.rows());
        }
        return Optional.of(fromSamples(rows, channels, settings.width(), images.length, config.seed()));
    }

    /** One image's sampled patch vectors, one after another. */
    private record Sample(int channels, float[] rows) {
    }

    /** The chunk's images' samples, in image order. */
    private static List<Sample> sampleChunk(FeatureExtractor backbone, List<Integer> chunk, int[] images,
            IntFunction<RgbImage> workingImage, SamladConfig config) {
        List<RgbImage> batch = new ArrayList<>(chunk.size());
        for (int k : chunk) {
            batch.add(workingImage.apply(images[k]));
        }
        List<ExtractedFeatures> features = backbone.extractAll(batch);
        List<Sample> out = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            int k = chunk.get(i);
            FeatureMap patches = features.get(i).patches();
            out.add(new Sample(patches.channels(), sample(patches, perImage(config.projection().patches(),
                    images.length, k), config.seed() ^ SEED_SALT ^ (images[k] * 0x9E3779B97F4A7C15L))));
        }
        return out;
    }

    /** The share of {@code patches} that image {@code k} of {@code images} gives (the remainder to the first ones). */
    static int perImage(int patches, int images, int k) {
        return patches / images + (k < patches % images ? 1 : 0);
    }

    /** {@code count} patch vectors of {@code map} at seeded positions without repetition (all of them if fewer). */
    static float[] sample(FeatureMap map, int count, long seed) {
        int cells = map.width() * map.height();
        int c = map.channels();
        int take = Math.min(count, cells);
        int[] order = new int[cells];
        for (int i = 0; i < cells; i++) {
            order[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < take; i++) {
            int j = i + rnd.nextInt(cells - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        float[] out = new float[take * c];
        for (int i = 0; i < take; i++) {
            System.arraycopy(map.data(), order[i] * c, out, i * c, c);
        }
        return out;
    }

    /** The projection from sampled patch vectors ({@code channels} values each), with its provenance line. */
    static Fitted fromSamples(List<float[]> samples, int channels, int width, int imageCount, long seed) {
        int total = 0;
        for (float[] s : samples) {
            total += s.length;
        }
        float[] data = new float[total];
        int o = 0;
        for (float[] s : samples) {
            System.arraycopy(s, 0, data, o, s.length);
            o += s.length;
        }
        int n = total / channels;
        PrincipalComponents pca = PrincipalComponents.fit(data, n, channels, width);
        ChannelProjection projection = ChannelProjection.fromComponents(pca, width);
        String description = String.format(Locale.ROOT, "PCA of %d backbone channels to %d: %d leading components"
                + " (%.1f %% of the patch variance) and the mean direction, fitted on %d patches of %d training"
                + " images (seed %d)", channels, width, width - 1, 100 * pca.explained(width - 1), n, imageCount,
                seed);
        return new Fitted(projection, description);
    }
}
