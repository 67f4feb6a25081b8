package io.samlad.objects;

import io.samlad.config.SamladConfig;
import io.samlad.config.Stage;
import io.samlad.config.StageTimings;
import io.samlad.features.ChannelProjection;
import io.samlad.features.ExtractedFeatures;
import io.samlad.features.FeatureExtractor;
import io.samlad.features.FeatureMap;
import io.samlad.image.RgbImage;
import io.samlad.segment.MaskCleanup;
import io.samlad.segment.MaskGenerator;
import io.samlad.segment.ObjectMask;
import io.samlad.stats.Covariance;
import io.samlad.stats.Shrinkage;
import io.samlad.upsample.Upsampler;
import io.samlad.util.SideWork;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Stages 1, 3 and 4 for one image: resize to the working size, extract features, upsample them onto the object
 * grid, generate and clean masks, and describe each object. The same code serves the bank (fit) and queries
 * (predict), so both sides are always computed alike.
 */
public final class SceneAnalyzer {
    private final FeatureExtractor extractor;
    private final Upsampler upsampler;
    private final MaskGenerator maskGenerator;
    private final SamladConfig config;
    private final MaskCleanup cleanup;

    private final boolean objects;
    private final boolean overlapMasks;
    /** Projection of the patch features applied after upsampling (a model upsampler needs the backbone's), or null. */
    private final ChannelProjection afterUpsampling;

    /**
     * @param extractor stage 1, the backbone
     * @param upsampler stage 3
     * @param masks     stage 4, the mask generator
     * @param objects   whether to generate masks and objects (the patch-knn baseline needs none)
     */
    public SceneAnalyzer(FeatureExtractor extractor, Upsampler upsampler, MaskGenerator masks, SamladConfig config,
            boolean objects) {
        this(extractor, upsampler, masks, config, objects, false, null);
    }

    /**
     * @param overlapMasks    whether {@link #analyze} may generate masks on an idle core while the features are
     *                        extracted and upsampled (the two do not depend on each other); see {@link SideWork}
     * @param afterUpsampling projection of the patch features and the upsampled ones (null: none), for an upsampler
     *                        that must see the backbone's channels (see {@link Upsampler#commutesWithChannelMaps()})
     */
    public SceneAnalyzer(FeatureExtractor extractor, Upsampler upsampler, MaskGenerator masks, SamladConfig config,
            boolean objects, boolean overlapMasks, ChannelProjection afterUpsampling) {
        this.overlapMasks = overlapMasks;
        this.afterUpsampling = afterUpsampling;
        this.extractor = extractor;
        this.upsampler = upsampler;
        this.maskGenerator = masks;
        this.config = config;
        this.objects = objects;
        this.cleanup = new MaskCleanup(config.segmentation(), config.stability().rimWrap());
    }

    /** The image at working resolution. */
    public RgbImage workingImage(RgbImage image) {
        return image.resizeShortSide(config.workingShortSide());
    }

    public Scene analyze(RgbImage original, StageTimings timings) {
        RgbImage image = workingImage(original);
        // The COLOURS histogram needs only the working image: it goes with the masks, beside the features, instead
        // of after the upsampling on the critical path (the same values wherever it runs); so does the colour lattice.
        boolean colours = config.colours().on();
        boolean lattice = needsLattice();
        SideWork<TimedMasks> masks = overlapMasks && objects
                ? SideWork.start(() -> TimedMasks.of(() -> rawMasks(image), colours ? image : null,
                        lattice ? image : null))
                : null;
        ExtractedFeatures features = timings.time(Stage.FEATURES, () -> extractor.extract(image));
        return analyzeWorking(image, features, timings, false, masks);
    }

    /**
     * Masks generated (possibly on another thread) with the wall and CPU time they took, and where they ran; with
     * them the image's colour histogram and colour lattice (each null where not asked for) and their wall and CPU
     * time.
     */
    private record TimedMasks(List<ObjectMask> masks, long nanos, long cpuNanos, Thread thread, float[] colours,
            ColourLattice lattice, long colourNanos, long colourCpuNanos) {
        static TimedMasks of(java.util.function.Supplier<List<ObjectMask>> work, RgbImage histogramOf,
                RgbImage latticeOf) {
            long c0 = StageTimings.threadCpuNanos();
            long t0 = System.nanoTime();
            List<ObjectMask> masks = work.get();
            long c1 = StageTimings.threadCpuNanos();
            long t1 = System.nanoTime();
            float[] colours = histogramOf == null ? null : ColourHistogram.of(histogramOf);
            ColourLattice lattice = latticeOf == null ? null : ColourLattice.of(latticeOf);
            return new TimedMasks(masks, t1 - t0, c1 - c0, Thread.currentThread(), colours, lattice,
                    System.nanoTime() - t1, StageTimings.threadCpuNanos() - c1);
        }
    }

    /**
     * Whether a scene carries the colour lattice: the PIECES measure is asked for and not turned off by the fit, or
     * LAYOUT reads objects' insides from it.
     */
    private boolean needsLattice() {
        return config.colours().on() && config.colours().pieces().needsLattice() || config.layout().needsLattice();
    }

    private int gridWidth(RgbImage image) {
        return Math.max(1, Math.round(image.width() / (float) config.objectStride()));
    }

    private int gridHeight(RgbImage image) {
        return Math.max(1, Math.round(image.height() / (float) config.objectStride()));
    }

    /** Stage 4 before clean-up: the generator's masks on the object grid. */
    private List<ObjectMask> rawMasks(RgbImage image) {
        int gw = gridWidth(image);
        int gh = gridHeight(image);
        List<ObjectMask> raw = new ArrayList<>();
        for (ObjectMask m : maskGenerator.generate(image, gw, gh)) {
            raw.add(m.resample(gw, gh));
        }
        return raw;
    }

    /**
     * Analyses several images with one batched backbone call ({@link io.samlad.features.FeatureExtractor#extractAll}),
     * which is how a model backend is fastest at fit time.
     */
    public List<Scene> analyzeAll(List<RgbImage> originals, StageTimings timings) {
        List<RgbImage> images = new ArrayList<>(originals.size());
        for (RgbImage o : originals) {
            images.add(workingImage(o));
        }
        List<ExtractedFeatures> features = timings.time(Stage.FEATURES, () -> extractor.extractAll(images));
        List<Scene> out = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            out.add(analyzeWorking(images.get(i), features.get(i), timings, true, null));
        }
        return out;
    }

    /**
     * @param covariances whether to estimate each object's covariance: bank objects need it (their Gaussians are what
     *                    a query is measured against), a query's objects do not
     */
    private Scene analyzeWorking(RgbImage image, ExtractedFeatures extracted, StageTimings timings,
            boolean covariances, SideWork<TimedMasks> started) {
        int gw = gridWidth(image);
        int gh = gridHeight(image);
        FeatureMap upsampled = timings.time(Stage.UPSAMPLING,
                () -> upsampler.upsample(extracted.patches(), image, gw, gh));
        FeatureMap fine = afterUpsampling == null ? upsampled
                : timings.time(Stage.UPSAMPLING, () -> afterUpsampling.apply(upsampled));
        ExtractedFeatures features = afterUpsampling == null ? extracted
                : timings.time(Stage.FEATURES, () -> new ExtractedFeatures(afterUpsampling.apply(extracted.patches()),
                        extracted.global()));
        if (!objects) {
            return new Scene(image.width(), image.height(), features.global(), features.patches(), fine, List.of());
        }
        List<ObjectMask> raw;
        float[] histogram = null;
        ColourLattice madeLattice = null;
        if (started != null) {
            // the masks' own time (on whichever thread ran them), not the wait for them; the histogram's is features'
            TimedMasks done = started.join();
            timings.add(Stage.MASKS, done.nanos());
            timings.add(Stage.FEATURES, done.colourNanos());
            if (done.thread() == Thread.currentThread()) {
                timings.addCpu(Stage.MASKS, done.cpuNanos());
                timings.addCpu(Stage.FEATURES, done.colourCpuNanos());
            } else {
                timings.addOffThreadCpu(Stage.MASKS, done.cpuNanos());
                timings.addOffThreadCpu(Stage.FEATURES, done.colourCpuNanos());
            }
            raw = done.masks();
            histogram = done.colours();
            madeLattice = done.lattice();
        } else {
            raw = timings.time(Stage.MASKS, () -> rawMasks(image));
        }
        List<ObjectMask> masks = timings.time(Stage.MASKS, () -> cleanup.clean(raw, fine));
        SamladConfig.Identity.Descriptor appearance = config.identity().descriptor();
        // holes only where IDENTITY weighs them (the fit turns the weight off where places have no identity)
        boolean holes = config.identity().topologyWeight() > 0;
        // the normalised contrast image itself likewise, where IDENTITY's deformation term compares it
        boolean contrast = holes && config.identity().readsContrast();
        // An object with minPeers peers of about its size covers at most 1 / (minPeers + 1) of the image: larger
        // ones (a bottle, a plate) need no form, and measuring them would cost the most.
        double inImage = config.peers().on() ? 1.0 / (config.peers().minPeers() + 1) : 0;
        // A query against a bank that judges by place: only objects up to placeMaxArea are judged, so only they need a
        // form (bank scenes are analysed before the fit's gate decides, with the in-image bound)
        double forms = !covariances && config.peers().byPlace() ? Math.min(inImage, config.peers().placeMaxArea())
                : inImage;
        List<SceneObject> objects = timings.time(Stage.ENCODING,
                () -> covariances
                        ? describe(masks, fine, config.measuring().shrinkage(), image, appearance, holes, contrast, forms)
                        : means(masks, fine, image, appearance, holes, contrast, forms));
        // parts of the objects' kinds that the segmentation lost (a pin too small for minArea), for the peer measures
        List<KindBlobs.Lost> lost = forms > 0 && config.peers().loose()
                ? timings.time(Stage.ENCODING, () -> KindBlobs.findWithCells(image, objects, config.peers()))
                : List.of();
        // the COLOURS measure's histogram: one pass over a lattice of at most 16384 pixels (made with the masks if
        // they were started beside the features)
        float[] colours = histogram != null ? histogram
                : config.colours().on() ? timings.time(Stage.FEATURES, () -> ColourHistogram.of(image)) : new float[0];
        // the PIECES measure's lattice of cell colours, where the measure is asked for and not turned off by the fit;
        // the LAYOUT measure reads objects' insides from it too
        ColourLattice lattice = madeLattice != null ? madeLattice
                : needsLattice() ? timings.time(Stage.FEATURES, () -> ColourLattice.of(image)) : null;
        return new Scene(image.width(), image.height(), features.global(), features.patches(), fine, objects, colours,
                lost.stream().map(KindBlobs.Lost::form).toList(), lost.stream().map(KindBlobs.Lost::cells).toList(),
                lattice);
    }

    /**
     * The mean of the fine features inside each mask and its appearance, without covariance (a query's objects need
     * no more).
     */
    static List<SceneObject> means(List<ObjectMask> masks, FeatureMap fine, RgbImage image,
            SamladConfig.Identity.Descriptor appearance, boolean holes, boolean contrast, double forms) {
        List<SceneObject> out = new ArrayList<>(masks.size());
        for (ObjectMask m : masks) {
            out.add(new SceneObject(m, toFloats(mean(m.bits(), fine)), Covariance.none(fine.channels()),
                    AppearanceDescriptor.of(image, m, appearance, holes, contrast), form(image, m, forms)));
        }
        return out;
    }

    /** The object's form where it may have peers: a solid mask no larger than {@code maxArea} of the image. */
    static ObjectForm form(RgbImage image, ObjectMask m, double maxArea) {
        return m.areaFraction() <= maxArea && !MaskCleanup.isThin(m) ? ObjectForm.of(image, m) : ObjectForm.NONE;
    }

    private static float[] toFloats(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }

    private static double[] mean(BitSet bits, FeatureMap fine) {
        int c = fine.channels();
        float[] d = fine.data();
        double[] mean = new double[c];
        int n = 0;
        for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
            for (int k = 0; k < c; k++) {
                mean[k] += d[i * c + k];
            }
            n++;
        }
        for (int k = 0; k < c; k++) {
            mean[k] /= Math.max(1, n);
        }
        return mean;
    }

    /**
     * Mean and shrunk covariance of the fine features inside each mask: full up to
     * {@link SceneObject#FULL_COVARIANCE_MAX_CHANNELS} channels, its diagonal beyond.
     *
     * @param shrinkage fixed shrinkage intensity in [0, 1], or negative for Ledoit-Wolf's estimate per object
     * @param image      the working image, for each object's appearance descriptor
     * @param appearance which appearance descriptor to compute
     * @param holes      whether a NORMALISED descriptor carries its hole topology
     * @param contrast   whether it carries its normalised contrast image too (with the holes)
     * @param forms      largest area fraction of an object whose {@link ObjectForm} is measured (the peer measures
     *                   need it; 0: none)
     */
    static List<SceneObject> describe(List<ObjectMask> masks, FeatureMap fine, double shrinkage, RgbImage image,
            SamladConfig.Identity.Descriptor appearance, boolean holes, boolean contrast, double forms) {
        int c = fine.channels();
        float[] d = fine.data();
        List<SceneObject> out = new ArrayList<>(masks.size());
        double[] diff = new double[c];
        for (ObjectMask m : masks) {
            BitSet bits = m.bits();
            double[] mean = mean(bits, fine);
            int n = bits.cardinality();
            double[] cov = new double[c * c];
            double sumFourth = 0;
            for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
                double norm2 = 0;
                for (int k = 0; k < c; k++) {
                    diff[k] = d[i * c + k] - mean[k];
                    norm2 += diff[k] * diff[k];
                }
                sumFourth += norm2 * norm2;
                if (c <= SceneObject.FULL_COVARIANCE_MAX_CHANNELS) {
                    for (int a = 0; a < c; a++) {
                        double da = diff[a];
                        int row = a * c;
                        for (int b = a; b < c; b++) {
                            cov[row + b] += da * diff[b];
                        }
                    }
                } else {
                    for (int a = 0; a < c; a++) {
                        cov[a * c + a] += diff[a] * diff[a];
                    }
                }
            }
            for (int a = 0; a < c; a++) {
                for (int b = a; b < c; b++) {
                    double v = cov[a * c + b] / Math.max(1, n);
                    cov[a * c + b] = v;
                    cov[b * c + a] = v;
                }
            }
            double rho = shrinkage >= 0 ? shrinkage : Shrinkage.ledoitWolfIntensity(cov, c, sumFourth, n);
            Shrinkage.shrink(cov, c, rho);
            float[] meanF = toFloats(mean);
            boolean full = c > 1 && c <= SceneObject.FULL_COVARIANCE_MAX_CHANNELS;
            float[] covF = new float[full ? c * c : c];
            for (int i = 0; i < covF.length; i++) {
                covF[i] = (float) (full ? cov[i] : cov[i * c + i]);
            }
            out.add(new SceneObject(m, meanF, full ? Covariance.full(c, covF) : Covariance.diagonal(covF),
                    AppearanceDescriptor.of(image, m, appearance, holes, contrast), form(image, m, forms)));
        }
        return out;
    }
}
