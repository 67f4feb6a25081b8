package io.samlad.bench;

import io.samlad.image.LabColour;
import io.samlad.image.RgbImage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-pixel image kernels every image goes through: decoding, 8-bit pixels to floats, resizing to the working size
 * (from the subset's 200 x 400 and from MVTec LOCO's original 800 x 1600) and sRGB to L*a*b*.
 *
 * <p>Each resize starts from a fresh {@link RgbImage} around the same pixels: an image keeps its last shrinking
 * resize, which would otherwise be what is measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ImageKernelsBenchmark {
    private RgbImage camera;
    private RgbImage working;
    private java.awt.image.BufferedImage decoded;
    private RgbImage original;
    private byte[] png;
    private byte[] originalPng;
    private byte[] noisyOriginalPng;
    private byte[] originalSamples;

    @Setup
    public void setUp() {
        camera = BenchInputs.cameraImage(1);
        working = BenchInputs.workingImage(1);
        // what ImageIO's PNG reader returns for an RGB file: interleaved bytes
        decoded = new java.awt.image.BufferedImage(camera.width(), camera.height(),
                java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
        decoded.getGraphics().drawImage(camera.toBufferedImage(), 0, 0, null);
        // MVTec LOCO's original size, and both sizes as PNG files the way ImageIO writes them
        original = camera.resize(4 * camera.width(), 4 * camera.height());
        png = BenchInputs.png(camera);
        originalPng = BenchInputs.png(original);
        noisyOriginalPng = BenchInputs.png(withSensorNoise(original, 7));
        RgbImage decodedOriginal = io.samlad.image.ImageLoader.decode(originalPng, "bench.png",
                io.samlad.image.ImageLimits.defaults());
        // the decoder's 8-bit planes, read back from its floats
        float[] f = decodedOriginal.planar();
        originalSamples = new byte[f.length];
        for (int i = 0; i < f.length; i++) {
            originalSamples[i] = (byte) Math.round(f[i] * 255f);
        }
    }

    /** A 200 x 400 RGB PNG file to planar floats ({@code PngDecoder}, or ImageIO for other layouts). */
    @Benchmark
    public RgbImage decodePng() {
        return io.samlad.image.ImageLoader.decode(png, "bench.png", io.samlad.image.ImageLimits.defaults());
    }

    /** The same at 800 x 1600 (to 8-bit planes, whose floats are made only when asked for). */
    @Benchmark
    public RgbImage decodePngOriginalSize() {
        return io.samlad.image.ImageLoader.decode(originalPng, "bench.png", io.samlad.image.ImageLimits.defaults());
    }

    /**
     * The same size with a camera's sensor noise (each sample +-3 at random): the smooth toy scene decodes in about
     * 9 ms, while a real 800x1600 juice_bottle file takes 19-21 ms (inflate and Paeth rows); this one takes 18-20 ms,
     * nearer to them.
     */
    @Benchmark
    public RgbImage decodeNoisyPngOriginalSize() {
        return io.samlad.image.ImageLoader.decode(noisyOriginalPng, "bench.png",
                io.samlad.image.ImageLimits.defaults());
    }

    private static RgbImage withSensorNoise(RgbImage image, long seed) {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        float[] p = image.planar().clone();
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.max(0f, Math.min(1f, p[i] + (rnd.nextInt(7) - 3) / 255f));
        }
        return RgbImage.ofPlanar(image.width(), image.height(), p);
    }

    /** The same with the float planes made (what every decode did before round 7). */
    @Benchmark
    public float[] decodePngOriginalSizeToFloats() {
        return io.samlad.image.ImageLoader.decode(originalPng, "bench.png", io.samlad.image.ImageLimits.defaults())
                .planar();
    }

    /** 800 x 1600 to 256 x 512: area-averaging reduction, four lines at a time, from float planes. */
    @Benchmark
    public RgbImage shrinkOriginalToWorking() {
        return RgbImage.ofPlanar(original.width(), original.height(), original.planar())
                .resizeShortSide(BenchInputs.CONFIG.workingShortSide());
    }

    /** The same from the decoder's 8-bit planes (each sample's float looked up). */
    @Benchmark
    public RgbImage shrinkOriginalSamplesToWorking() {
        return RgbImage.ofPlanarBytes(original.width(), original.height(), originalSamples)
                .resizeShortSide(BenchInputs.CONFIG.workingShortSide());
    }

    /** A decoded 200 x 400 8-bit image to planar floats (the end of every decode). */
    @Benchmark
    public RgbImage bytesToFloats() {
        return io.samlad.image.ImageLoader.convert(decoded);
    }

    /** 200 x 400 to 256 x 512: bilinear enlargement. */
    @Benchmark
    public RgbImage resizeToWorking() {
        return camera.resizeShortSide(BenchInputs.CONFIG.workingShortSide());
    }

    /** 256 x 512 to 64 x 128: area-averaging reduction (the guide of the upsampler). */
    @Benchmark
    public RgbImage shrinkToObjectGrid() {
        return RgbImage.ofPlanar(working.width(), working.height(), working.planar())
                .resize(BenchInputs.objectGridWidth(working), BenchInputs.objectGridHeight(working));
    }

    @Benchmark
    public float[] labColour() {
        return LabColour.toLab(working);
    }
}
