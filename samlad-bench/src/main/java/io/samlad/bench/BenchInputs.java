package io.samlad.bench;

import io.samlad.Samlad;
import io.samlad.config.SamladConfig;
import io.samlad.config.StageTimings;
import io.samlad.detector.Pipeline;
import io.samlad.image.RgbImage;
import io.samlad.objects.Scene;
import io.samlad.objects.SceneAnalyzer;
import io.samlad.toy.ToyScenes;

/**
 * Inputs of the size the embedded default meets on the juice_bottle subset: a 200 x 400 camera image, worked on at
 * 256 x 512 (shorter side 256), patch grid 32 x 64 (stride 8), object grid 64 x 128 (stride 4). The scenes are the
 * toy scenes stretched to that size, so the benchmarks need no data set and give the same input on every machine.
 */
final class BenchInputs {
    static final SamladConfig CONFIG = SamladConfig.defaults();
    static final int CAMERA_WIDTH = 200;
    static final int CAMERA_HEIGHT = 400;

    private BenchInputs() {
    }

    /** A normal scene at the camera's size. */
    static RgbImage cameraImage(long seed) {
        return ToyScenes.scene(seed, ToyScenes.Defect.NONE).resize(CAMERA_WIDTH, CAMERA_HEIGHT);
    }

    /** The same image at the working size. */
    static RgbImage workingImage(long seed) {
        return cameraImage(seed).resizeShortSide(CONFIG.workingShortSide());
    }

    /** The image as an 8-bit RGB PNG file, written by ImageIO (which picks a filter per row). */
    static byte[] png(RgbImage image) {
        java.awt.image.BufferedImage rgb = new java.awt.image.BufferedImage(image.width(), image.height(),
                java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
        rgb.getGraphics().drawImage(image.toBufferedImage(), 0, 0, null);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(rgb, "png", out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static int objectGridWidth(RgbImage working) {
        return Math.max(1, Math.round(working.width() / (float) CONFIG.objectStride()));
    }

    static int objectGridHeight(RgbImage working) {
        return Math.max(1, Math.round(working.height() / (float) CONFIG.objectStride()));
    }

    /** A fully analysed scene (features, fine features, objects) as the detector builds it for a query. */
    static Scene scene(long seed) {
        try (Pipeline pipeline = Samlad.embeddedPipeline(CONFIG)) {
            return pipeline.analyzer(CONFIG, true).analyze(cameraImage(seed), new StageTimings());
        }
    }
}
