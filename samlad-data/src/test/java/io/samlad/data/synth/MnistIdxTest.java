package io.samlad.data.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.samlad.util.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistIdxTest {
    @TempDir
    Path tmp;

    /** An IDX image file: magic, count, rows, cols, then image k filled with the byte value 10 * k + 1. */
    private static byte[] images(int magic, int count, int rows, int cols, int actuallyWritten) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        out.writeInt(count);
        out.writeInt(rows);
        out.writeInt(cols);
        for (int k = 0; k < actuallyWritten; k++) {
            byte[] img = new byte[rows * cols];
            Arrays.fill(img, (byte) (10 * k + 1));
            out.write(img);
        }
        return bytes.toByteArray();
    }

    private static byte[] labels(int magic, int... values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        out.writeInt(values.length);
        for (int v : values) {
            out.writeByte(v);
        }
        return bytes.toByteArray();
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(raw);
        }
        return bytes.toByteArray();
    }

    @Test
    void readsRawAndGzippedPairsInNameOrder() throws IOException {
        Files.write(tmp.resolve("t10k-images-idx3-ubyte"), images(2051, 2, 8, 9, 2));
        Files.write(tmp.resolve("t10k-labels-idx1-ubyte"), labels(2049, 7, 3));
        Files.write(tmp.resolve("train-images-idx3-ubyte.gz"), gzip(images(2051, 3, 8, 9, 3)));
        Files.write(tmp.resolve("train-labels-idx1-ubyte.gz"), gzip(labels(2049, 0, 9, 5)));
        DigitPool pool = MnistIdx.readDirectory(tmp);
        assertThat(pool.rows()).isEqualTo(8);
        assertThat(pool.cols()).isEqualTo(9);
        assertThat(pool.labels()).containsExactly(7, 3, 0, 9, 5);
        // t10k comes first by name; within each file images keep their order (fill values 1, 11, 21 ...).
        assertThat(pool.images().get(1)[0]).isEqualTo((byte) 11);
        assertThat(pool.images().get(4)[71]).isEqualTo((byte) 21);
        assertThat(pool.images().get(4)).hasSize(72);
    }

    @Test
    void rejectsMalformedFilesNamingThem() throws IOException {
        Path img = tmp.resolve("x-images-idx3-ubyte");
        Path lab = tmp.resolve("x-labels-idx1-ubyte");

        Files.write(img, images(2049, 2, 8, 8, 2));
        Files.write(lab, labels(2049, 1, 2));
        assertThatThrownBy(() -> MnistIdx.readDirectory(tmp)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(img.toString()).hasMessageContaining("not an IDX image file");

        Files.write(img, images(2051, 3, 8, 8, 2));
        assertThatThrownBy(() -> MnistIdx.readDirectory(tmp)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(img.toString()).hasMessageContaining("truncated");

        Files.write(img, images(2051, 2, 8, 8, 2));
        Files.write(lab, labels(2049, 1, 2, 3));
        assertThatThrownBy(() -> MnistIdx.readDirectory(tmp)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(lab.toString()).hasMessageContaining("3 labels").hasMessageContaining("2 images");

        Files.write(lab, labels(2049, 1, 12));
        assertThatThrownBy(() -> MnistIdx.readDirectory(tmp)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("label 12 at index 1 is not a digit");

        Files.write(lab, labels(2051, 1, 2));
        assertThatThrownBy(() -> MnistIdx.readDirectory(tmp)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not an IDX label file");

        byte[] gz = gzip(images(2051, 2, 8, 8, 2));
        Files.write(img, Arrays.copyOf(gz, gz.length / 2));
        assertThatThrownBy(() -> MnistIdx.readDirectory(tmp)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(img.toString());

        Files.delete(lab);
        assertThatThrownBy(() -> MnistIdx.readDirectory(tmp)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("has no labels file");

        Files.delete(img);
        assertThatThrownBy(() -> MnistIdx.readDirectory(tmp)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("holds no MNIST image file");
        assertThatThrownBy(() -> MnistIdx.readDirectory(tmp.resolve("absent"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no such folder");
    }

    @Test
    void vendoredCopyHoldsTheTenThousandDigits() {
        DigitPool pool = MnistIdx.readVendored();
        assertThat(pool).isNotNull();
        assertThat(pool.size()).isEqualTo(10_000);
        assertThat(pool.rows()).isEqualTo(28);
        for (int label = 0; label <= 9; label++) {
            assertThat(pool.indicesOf(label)).hasSizeGreaterThan(800);
        }
    }

    @Test
    void sharedCopyMatchesTheVendoredOne() {
        Path shared = Path.of("../../shared/data/mnist");
        Assumptions.assumeTrue(Files.isDirectory(shared), "../shared/data/mnist is absent: skipping");
        DigitPool fromShared = MnistIdx.readDirectory(shared);
        DigitPool vendored = MnistIdx.readVendored();
        assertThat(fromShared.labels()).isEqualTo(vendored.labels());
        assertThat(fromShared.images().get(1234)).isEqualTo(vendored.images().get(1234));
    }

    @Test
    void halvesAreDisjointAndSplitEachLabel() {
        byte[][] px = new byte[5][];
        for (int i = 0; i < 5; i++) {
            px[i] = new byte[] {(byte) i};
        }
        DigitPool pool = new DigitPool(1, 1, Arrays.asList(px), new int[] {1, 2, 1, 1, 2}, "test");
        DigitPool a = pool.half(0);
        DigitPool b = pool.half(1);
        // Label 1 at indices 0, 2, 3: one to the first half, two to the second; label 2 at 1, 4: one each.
        assertThat(a.labels()).containsExactly(1, 2);
        assertThat(a.images()).extracting(p -> p[0]).containsExactly((byte) 0, (byte) 1);
        assertThat(b.labels()).containsExactly(1, 1, 2);
        assertThat(b.images()).extracting(p -> p[0]).containsExactly((byte) 2, (byte) 3, (byte) 4);
    }
}
