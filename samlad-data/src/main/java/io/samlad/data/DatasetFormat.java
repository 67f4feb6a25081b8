package io.samlad.data;

import java.util.Locale;

/** The folder layouts {@link DatasetLoader} understands. */
public enum DatasetFormat {
    /** MVTec LOCO AD: train/validation/test splits, one ground-truth folder per image, defects_config.json. */
    MVTEC_LOCO,
    /** MVTec AD: train/good, test/&lt;defect&gt;, ground_truth/&lt;defect&gt;/NNN_mask.png. */
    MVTEC_AD,
    /** A plain folder of normal images and one of anomalous images, optionally with masks. */
    FOLDER;

    /** The name used on the command line and in reports, e.g. {@code mvtec_loco}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DatasetFormat parse(String s) {
        String norm = s.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (DatasetFormat f : values()) {
            if (f.label().equals(norm)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown dataset format '" + s + "' (expected mvtec_loco, mvtec_ad or folder)");
    }
}
