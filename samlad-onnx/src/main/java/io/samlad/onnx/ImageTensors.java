package io.samlad.onnx;

import io.samlad.image.RgbImage;
import java.util.List;

/** Images to NCHW float tensors. */
public final class ImageTensors {
    private ImageTensors() {
    }

    /**
     * Writes {@code image}, normalised, into {@code out} at {@code offset} as a {@code 3 x frameH x frameW} block,
     * with the image in the top-left corner; the rest of the frame is left as it is (zero in a fresh array, which is
     * the normalised value of Segment Anything's padding).
     */
    public static void write(RgbImage image, Normalization norm, float[] out, int offset, int frameW, int frameH) {
        int w = image.width();
        int h = image.height();
        if (w > frameW || h > frameH) {
            throw new IllegalArgumentException("image " + w + "x" + h + " larger than frame " + frameW + "x" + frameH);
        }
        float[] src = image.planar();
        int plane = w * h;
        for (int c = 0; c < 3; c++) {
            float scale = norm.scale(c);
            float shift = norm.offset(c);
            for (int y = 0; y < h; y++) {
                int s = c * plane + y * w;
                int d = offset + (c * frameH + y) * frameW;
                for (int x = 0; x < w; x++) {
                    out[d + x] = src[s + x] * scale + shift;
                }
            }
        }
    }

    /**
     * As {@link #write(RgbImage, Normalization, float[], int, int, int)} at offset 0, into a (direct) buffer whose
     * frame area outside the image is left as it is.
     */
    public static void write(RgbImage image, Normalization norm, java.nio.FloatBuffer out, int frameW, int frameH) {
        int w = image.width();
        int h = image.height();
        if (w > frameW || h > frameH) {
            throw new IllegalArgumentException("image " + w + "x" + h + " larger than frame " + frameW + "x" + frameH);
        }
        float[] src = image.planar();
        float[] row = new float[w];
        int plane = w * h;
        for (int c = 0; c < 3; c++) {
            float scale = norm.scale(c);
            float shift = norm.offset(c);
            for (int y = 0; y < h; y++) {
                int s = c * plane + y * w;
                for (int x = 0; x < w; x++) {
                    row[x] = src[s + x] * scale + shift;
                }
                out.put((c * frameH + y) * frameW, row, 0, w);
            }
        }
    }

    /** A batch of equally sized images as {@code [N, 3, H, W]}. */
    public static FloatTensor batch(List<RgbImage> images, Normalization norm) {
        int w = images.get(0).width();
        int h = images.get(0).height();
        float[] data = new float[images.size() * 3 * w * h];
        for (int i = 0; i < images.size(); i++) {
            RgbImage img = images.get(i);
            if (img.width() != w || img.height() != h) {
                throw new IllegalArgumentException("batch images differ in size");
            }
            write(img, norm, data, i * 3 * w * h, w, h);
        }
        return FloatTensor.of(data, images.size(), 3, h, w);
    }
}
