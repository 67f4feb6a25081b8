package io.samlad.detector;

import io.samlad.calibration.Calibration;
import io.samlad.calibration.Measure;
import io.samlad.calibration.TailScale;
import io.samlad.config.SamladConfig;

/**
 * The scale the anomaly map's layers are compared on before the map takes their maximum per cell. On the z scale a
 * layer with a heavy normal tail (the bank-wide patch distance, a missing-object score saturated by the normal
 * images' segmentation differences) outshines a rarer value of a light-tailed layer, and the map then peaks on a
 * normal part's usual noise rather than on the defect. With {@link SamladConfig.Fusion.MapScale#SURPRISAL} each
 * layer's z is read as its measure's surprisal among normal images, {@code s_m(z) = -log10 P(Z_m >= z | normal)}
 * (the per-measure scales the image score's Fisher part uses), so that the map's maximum lies where the rarest
 * evidence is. Each {@code s_m} is increasing, so within a layer nothing changes order.
 */
final class MapScale {
    private final Calibration cal;
    private final boolean surprisal;

    private MapScale(Calibration cal, boolean surprisal) {
        this.cal = cal;
        this.surprisal = surprisal;
    }

    /** The scale {@code config} asks for; z where the calibration has no fusion scales (banks of the max-z fusion). */
    static MapScale of(Calibration cal, SamladConfig.Fusion config) {
        return new MapScale(cal, config.mapScale() == SamladConfig.Fusion.MapScale.SURPRISAL && cal.fusion() != null);
    }

    /** A calibrated z of {@code measure}'s layer on the map's scale. */
    double of(Measure measure, double z) {
        if (!surprisal) {
            return z;
        }
        TailScale t = cal.fusion().perMeasure().get(measure);
        // a measure without a scale counts each unit of z as a factor of 10, as in the fusion's Fisher part
        return t == null ? Math.max(0, z) : t.apply(z);
    }

    /** A map value as reported: a surprisal as it is, a z through the largest z's surprisal ({@code G_M}). */
    double reported(double value) {
        return surprisal ? value : cal.reported(value);
    }
}
