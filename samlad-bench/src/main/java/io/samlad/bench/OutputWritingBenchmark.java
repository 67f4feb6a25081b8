package io.samlad.bench;

import io.samlad.config.StageTimings;
import io.samlad.detector.Prediction;
import io.samlad.image.FloatMap;
import io.samlad.image.FloatTiffEncoder;
import io.samlad.image.ImageWriters;
import io.samlad.image.MapEnlargement;
import io.samlad.image.PngEncoder;
import io.samlad.image.RgbImage;
import io.samlad.output.OverlayRenderer;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The writing part of {@code predict}, per image: the overlay composed, the overlay PNG and the float32 TIFF map
 * encoded (in memory; the rename that follows is the file system's). {@code scale} 1 is the juice_bottle subset's
 * 200 x 400, 4 the original MVTec LOCO 800 x 1600. At 800 x 1600 the overlay's panels are the working size (256 x
 * 512), whose image {@code predict}'s detector has already made and the image keeps ({@link RgbImage#resize}):
 * {@code renderOverlay} measures that (the image made once here), {@code renderOverlayFreshImage} the overlay of an
 * image nobody resized before.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OutputWritingBenchmark {
    @Param({"1", "4"})
    public int scale;

    private RgbImage image;
    private Prediction prediction;
    private int[] overlayPixels;
    private int overlayWidth;
    private int overlayHeight;
    private FloatMap grid;
    private final FloatTiffEncoder tiff = FloatTiffEncoder.withRunDeflate();
    private final FloatTiffEncoder tiffZlib = new FloatTiffEncoder(ImageWriters.MAP_DEFLATE_LEVEL);
    private final PngEncoder png = PngEncoder.withRunDeflate();
    private final PngEncoder pngZlib = new PngEncoder(ImageWriters.PNG_DEFLATE_LEVEL);

    @Setup
    public void setUp() {
        image = BenchInputs.cameraImage(1);
        image = image.resize(image.width() * scale, image.height() * scale);
        // a map like the detector's: a coarse grid, mostly at the floor, interpolated up to the image size
        SplittableRandom rnd = new SplittableRandom(3);
        float[] coarse = new float[64 * 128];
        for (int i = 0; i < coarse.length; i++) {
            coarse[i] = rnd.nextInt(4) == 0 ? (float) (3 * rnd.nextDouble()) : (float) (-2 + 0.1 * rnd.nextDouble());
        }
        grid = new FloatMap(64, 128, coarse);
        // as the detector enlarges it: bilinear up to the working size (256 x 512), held over working pixels above
        FloatMap map = MapEnlargement.enlarge(grid, image.width(), image.height(), 256, 512);
        prediction = new Prediction(2, 2, 1, map, List.of(), List.of(), new StageTimings());
        image.resizeShortSide(BenchInputs.CONFIG.workingShortSide());
        BufferedImage overlay = OverlayRenderer.render(image, prediction, 1.5, 0, 3);
        overlayPixels = ((DataBufferInt) overlay.getRaster().getDataBuffer()).getData();
        overlayWidth = overlay.getWidth();
        overlayHeight = overlay.getHeight();
    }

    @Benchmark
    public BufferedImage renderOverlay() {
        return OverlayRenderer.render(image, prediction, 1.5, 0, 3);
    }

    @Benchmark
    public BufferedImage renderOverlayFreshImage() {
        return OverlayRenderer.render(RgbImage.ofPlanar(image.width(), image.height(), image.planar()), prediction, 1.5,
                0, 3);
    }

    /** The overlay's PNG as {@code predict} writes it: matches found where the overlay repeats. */
    @Benchmark
    public byte[] encodeOverlayPng() {
        return png.encode(overlayPixels, overlayWidth, overlayHeight, OverlayRenderer.copiedPanelShift(overlayWidth));
    }

    /** The same PNG through zlib level 1 (the encoder before round 5, kept as the reference). */
    @Benchmark
    public byte[] encodeOverlayPngZlib() {
        return pngZlib.encode(overlayPixels, overlayWidth, overlayHeight);
    }

    /** The object grid's map to the image size (part of {@code predict}; at scale 4 held over working pixels). */
    @Benchmark
    public FloatMap enlargeMap() {
        return MapEnlargement.enlarge(grid, image.width(), image.height(), 256, 512);
    }

    /** The map's TIFF as {@code predict} writes it: strips from {@code FloatRunDeflater}. */
    @Benchmark
    public byte[] encodeMapTiff() {
        return tiff.encode(prediction.anomalyMap(), "samlad anomaly map");
    }

    /** The same file with zlib's strips (the encoder before round 5, kept as the reference). */
    @Benchmark
    public byte[] encodeMapTiffZlib() {
        return tiffZlib.encode(prediction.anomalyMap(), "samlad anomaly map");
    }
}
