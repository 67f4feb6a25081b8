package io.samlad.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Anomaly maps are written as float32 TIFFs and must come back bit for bit. */
class FloatTiffRoundTripTest {
    @TempDir
    Path dir;

    private static void assertBitExact(FloatMap expected, FloatMap actual) {
        assertThat(actual.width()).isEqualTo(expected.width());
        assertThat(actual.height()).isEqualTo(expected.height());
        for (int i = 0; i < expected.data().length; i++) {
            assertThat(Float.floatToRawIntBits(actual.data()[i])).as("value %d (%s)", i, expected.data()[i])
                    .isEqualTo(Float.floatToRawIntBits(expected.data()[i]));
        }
    }

    @Test
    void edgeValuesSurviveExactly() throws IOException {
        // Non-square and odd, so a transposed or padded layout would show.
        float[] v = {0f, -0f, 1f, -1f, 1f / 3, -2.5e-7f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL,
            Float.MAX_VALUE, -Float.MAX_VALUE, 123456.78f, -98765.43f, 0.1f, 255.5f};
        FloatMap map = new FloatMap(5, 3, v);
        Path file = dir.resolve("edge.tiff");
        ImageWriters.writeFloatTiff(map, file);
        assertBitExact(map, ImageWriters.readFloatTiff(file));
    }

    @Test
    void randomMapSurvivesExactlyAndIsStoredAsOneFloatChannel() throws IOException {
        SplittableRandom rnd = new SplittableRandom(7);
        float[] v = new float[37 * 23];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(-6, 7)));
        }
        FloatMap map = new FloatMap(37, 23, v);
        Path file = dir.resolve("random.tiff");
        ImageWriters.writeFloatTiff(map, file);

        BufferedImage raw = ImageIO.read(file.toFile());
        assertThat(raw.getRaster().getDataBuffer().getDataType()).isEqualTo(DataBuffer.TYPE_FLOAT);
        assertThat(raw.getRaster().getNumBands()).isEqualTo(1);
        assertBitExact(map, ImageWriters.readFloatTiff(file));
    }

    @Test
    void singlePixelMap() throws IOException {
        FloatMap map = new FloatMap(1, 1, new float[] {-42.125f});
        Path file = dir.resolve("one.tiff");
        ImageWriters.writeFloatTiff(map, file);
        assertBitExact(map, ImageWriters.readFloatTiff(file));
    }

    @Test
    void writingLeavesTheMapUntouchedAndNoTemporaryFile() throws IOException {
        float[] v = {1f, 2f, 3f, 4f};
        FloatMap map = new FloatMap(2, 2, v);
        Path file = dir.resolve("sub/folder/map.tiff");
        ImageWriters.writeFloatTiff(map, file);
        ImageWriters.writeFloatTiff(new FloatMap(2, 2, new float[] {5f, 6f, 7f, 8f}), file);

        assertThat(v).containsExactly(1f, 2f, 3f, 4f);
        assertThat(ImageWriters.readFloatTiff(file).data()).containsExactly(5f, 6f, 7f, 8f);
        try (Stream<Path> s = Files.list(file.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("map.tiff");
        }
    }

    @Test
    void readingSomethingElseFailsNamingTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("text.tiff"), "not a tiff");
        assertThatThrownBy(() -> ImageWriters.readFloatTiff(file))
                .isInstanceOf(IOException.class).hasMessageContaining(file.toString());
    }
}
