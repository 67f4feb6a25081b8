package io.samlad.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.samlad.util.InvalidInputException;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * samlad's own float32 TIFF maps given as input images: intensities in [0, 1] are read as such, anything else is
 * refused with its range (it once failed with "Index -616359 out of bounds for length 65536").
 */
class FloatTiffInputTest {
    @TempDir
    Path dir;

    @Test
    void anAnomalyMapIsRefusedWithItsRange() throws IOException {
        float[] v = new float[64 * 48];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i % 97) * 0.37f - 3f; // typical calibrated scores: negative to about 30
        }
        Path file = dir.resolve("map.tiff");
        ImageWriters.writeFloatTiff(new FloatMap(64, 48, v), file);
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> ImageLoader.read(file));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).startsWith(file + ": ").contains("floating-point image with samples in [-3.000, 32.52]")
                .contains("anomaly map").doesNotContain("out of bounds");
    }

    @Test
    void floatIntensitiesInTheUnitRangeAreRead() throws IOException {
        float[] v = new float[5 * 3];
        for (int i = 0; i < v.length; i++) {
            v[i] = i / 14f;
        }
        Path file = dir.resolve("unit.tiff");
        ImageWriters.writeFloatTiff(new FloatMap(5, 3, v), file);
        RgbImage img = ImageLoader.read(file);
        assertThat(img.width()).isEqualTo(5);
        float[] planar = img.planar();
        for (int i = 0; i < v.length; i++) {
            assertThat(planar[i]).isEqualTo(v[i]);
            assertThat(planar[2 * v.length + i]).isEqualTo(v[i]);
        }
    }

    @Test
    void aNonFiniteSampleIsNamed() throws IOException {
        float[] v = {0f, 0.5f, Float.NaN, 1f};
        Path file = dir.resolve("nan.tiff");
        ImageWriters.writeFloatTiff(new FloatMap(2, 2, v), file);
        assertThat(catchThrowableOfType(InvalidInputException.class, () -> ImageLoader.read(file)).getMessage())
                .contains("non-finite sample (NaN) at 0,1");
    }
}
