package io.samlad.onnx;

import io.samlad.image.RgbImage;
import io.samlad.segment.MaskGenerator;
import io.samlad.segment.ObjectMask;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Stage 4 with Segment Anything through ONNX Runtime: automatic mask generation on the image, then each mask moved
 * onto the requested grid. {@code quality} is SAM's predicted IoU. Over-detailed masks are left for the core's
 * clean-up, as for any generator.
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

    /** The generator's masks at image resolution, before they are moved onto a grid. */
    public List<MaskCandidate> generatePixelMasks(RgbImage image) {
        return amg.generate(image);
    }

    @Override
    public List<ObjectMask> generate(RgbImage image, int gridWidth, int gridHeight) {
        List<ObjectMask> out = new ArrayList<>();
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
