package io.samlad.data;

import io.samlad.image.ImageLimits;
import io.samlad.image.ImageLoader;
import io.samlad.util.InvalidInputException;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Decodes ground-truth masks. In MVTec LOCO each PNG holds exactly one defect, marked by the grey value its
 * {@code defects_config.json} entry names; elsewhere any non-zero pixel is defective.
 */
public final class GroundTruthReader {
    private GroundTruthReader() {
    }

    /** The masks of a sample, in file order; empty for normal images. */
    public static List<DefectMask> read(Sample sample, Optional<DefectsConfig> defects) {
        return read(sample, defects, ImageLimits.defaults());
    }

    /** The sample's masks, each decoded only if its header is within {@code limits}. */
    public static List<DefectMask> read(Sample sample, Optional<DefectsConfig> defects, ImageLimits limits) {
        List<DefectMask> out = new ArrayList<>();
        for (Path m : sample.masks()) {
            out.add(read(m, defects, limits));
        }
        return out;
    }

    public static DefectMask read(Path mask, Optional<DefectsConfig> defects) {
        return read(mask, defects, ImageLimits.defaults());
    }

    public static DefectMask read(Path mask, Optional<DefectsConfig> defects, ImageLimits limits) {
        if (!Files.isRegularFile(mask)) {
            throw new InvalidInputException(mask, "no such mask file");
        }
        BufferedImage img = ImageLoader.readBuffered(mask, limits);
        int w = img.getWidth();
        int h = img.getHeight();
        Raster r = img.getRaster();
        int[] row = new int[w];
        BitSet bits = new BitSet(w * h);
        TreeSet<Integer> values = new TreeSet<>();
        for (int y = 0; y < h; y++) {
            r.getSamples(0, y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                if (row[x] != 0) {
                    bits.set(y * w + x);
                    values.add(row[x]);
                }
            }
        }
        if (defects.isEmpty()) {
            return new DefectMask(w, h, bits, Optional.empty());
        }
        if (values.isEmpty()) {
            throw new InvalidInputException(mask, "ground-truth mask marks no defect pixel (all zero)");
        }
        if (values.size() > 1) {
            throw new InvalidInputException(mask, "ground-truth mask mixes the grey values " + values
                    + "; each MVTec LOCO mask PNG must mark exactly one defect");
        }
        int value = values.first();
        DefectConfig config = defects.get().byPixelValue(value).orElseThrow(() -> new InvalidInputException(mask,
                "grey value " + value + " is not a pixel_value of defects_config.json"));
        return new DefectMask(w, h, bits, Optional.of(config));
    }
}
