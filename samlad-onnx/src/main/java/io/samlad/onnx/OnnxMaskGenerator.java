package io.samlad.onnx;

import io.samlad.image.RgbImage;
import io.samlad.segment.MaskGenerator;
import io.samlad.segment.ObjectMask;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Stage 4 with Segment Anything through ONNX Runtime: automatic mask generation, with masks judged and built on the
 * requested grid ({@link AmgSettings.MaskResolution#GRID}, the default: the decoder returns masks at the grid's size)
 * or at the image's pixels and then moved onto the grid ({@code IMAGE}, Segment Anything's own generator).
 * {@code quality} is SAM's predicted IoU. Over-detailed masks are left for the core's clean-up, as for any generator.
 */
public final class OnnxMaskGenerator implements MaskGenerator {
    private final OnnxSam sam;
    private final AutomaticMaskGenerator amg;
    private final String id;

    public OnnxMaskGenerator(OnnxSam sam, AmgSettings settings) {
        this.sam = sam;
        this.amg = new AutomaticMaskGenerator(sam, settings);
        this.id = "sam-onnx[encoder=" + sam.encoder().session().sha256() + ",decoder="
                + sam.decoder().session().sha256() + ",frame=" + sam.encoder().frame() + ","
                + sam.encoder().normalization().describe() + "," + settings.describe() + "]";
    }

    public OnnxSam sam() {
        return sam;
    }

    public AmgSettings settings() {
        return amg.settings();
    }

    /** The generator's masks at image resolution, before they are moved onto a grid. */
    public List<MaskCandidate> generatePixelMasks(RgbImage image) {
        return amg.generate(image);
    }

    @Override
    public List<ObjectMask> generate(RgbImage image, int gridWidth, int gridHeight) {
        List<ObjectMask> out = new ArrayList<>();
        if (amg.settings().maskResolution() == AmgSettings.MaskResolution.GRID) {
            for (MaskCandidate c : amg.generate(image, gridWidth, gridHeight)) {
                if (!c.mask().isEmpty()) {
                    out.add(new ObjectMask(gridWidth, gridHeight, c.mask(), c.predictedIou()));
                }
            }
            return out;
        }
        for (MaskCandidate c : amg.generate(image)) {
            BitSet cells = MaskGrids.toGrid(c.mask(), image.width(), image.height(), gridWidth, gridHeight);
            if (!cells.isEmpty()) {
                out.add(new ObjectMask(gridWidth, gridHeight, cells, c.predictedIou()));
            }
        }
        return out;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void close() {
        sam.close();
    }
}
