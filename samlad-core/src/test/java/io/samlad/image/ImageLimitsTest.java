package io.samlad.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.samlad.util.InvalidInputException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pixel limit is checked from the header before any pixel is decoded: decompression bombs (a few hundred KB that
 * claim gigabytes of pixels) are refused at once and with almost no memory, in every format.
 */
class ImageLimitsTest {
    /** Far below what decoding any of the bombs would take (400 MB to 2 GB of pixels). */
    private static final long MEMORY_BOUND = 16L << 20;

    @TempDir
    static Path dir;
    static Path bomb20k;

    @BeforeAll
    static void makeBomb() throws IOException {
        // The issue's case: 20000x20000 grey, every row present; a few hundred KB on disk, 400 MB decoded
        bomb20k = Files.write(dir.resolve("bomb-20000.png"), PngBytes.blackGrey(20000, 20000, 20000));
    }

    /** Bytes allocated by this thread while running {@code r}, and the failure it threw. */
    private record Attempt(long allocated, long millis, InvalidInputException error) {
    }

    private static Attempt attempt(Runnable r) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = mx.getCurrentThreadAllocatedBytes();
        long t0 = System.nanoTime();
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, r::run);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        return new Attempt(mx.getCurrentThreadAllocatedBytes() - before, millis, e);
    }

    @Test
    void theIssuesBombIsSmallOnDiskAndRefusedFromItsHeader() throws IOException {
        assertThat(Files.size(bomb20k)).as("a real bomb: small file").isLessThan(1_000_000);
        Attempt a = attempt(() -> ImageLoader.read(bomb20k, ImageLimits.defaults()));
        assertThat(a.error()).isNotNull();
        assertThat(a.error().getMessage()).startsWith(bomb20k + ": ").contains("20000x20000").contains("400 megapixels")
                .contains("limit of 50 megapixels").contains("--max-pixels").doesNotContain("\n");
        assertThat(a.allocated()).as("bytes allocated refusing it").isLessThan(MEMORY_BOUND);
        System.out.printf(Locale.ROOT, "20000x20000 bomb (%d bytes) refused in %d ms, %d KB allocated%n",
                Files.size(bomb20k), a.millis(), a.allocated() >> 10);
    }

    @Test
    void hugeHeaderWithAShortIdatIsRefusedAtOnce() throws IOException {
        Path file = Files.write(dir.resolve("bomb-46000.png"), PngBytes.blackGrey(46000, 46000, 3));
        Attempt a = attempt(() -> ImageLoader.read(file, ImageLimits.defaults()));
        assertThat(a.error()).isNotNull();
        assertThat(a.error().getMessage()).contains("46000x46000").contains("above the limit");
        assertThat(a.allocated()).isLessThan(MEMORY_BOUND);
    }

    @Test
    void bytesInMemoryAreBoundedTheSameWay() throws IOException {
        byte[] bytes = Files.readAllBytes(bomb20k);
        Attempt a = attempt(() -> ImageLoader.decode(bytes, "upload.png", ImageLimits.defaults()));
        assertThat(a.error()).isNotNull();
        assertThat(a.error().getMessage()).startsWith("upload.png: ").contains("above the limit");
        assertThat(a.error().path()).isNull();
        assertThat(a.allocated()).as("beyond the copy of the bytes").isLessThan(MEMORY_BOUND + bytes.length);
    }

    /** A small image in each format, then a limit just below and just at its pixel count. */
    @ParameterizedTest
    @ValueSource(strings = {"png", "jpg", "bmp", "tiff"})
    void everyFormatIsCheckedFromItsHeader(String format) throws IOException {
        BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_3BYTE_BGR);
        Path file = dir.resolve("small." + format);
        assertThat(ImageIO.write(img, format.equals("jpg") ? "jpeg" : format, file.toFile())).isTrue();
        Attempt refused = attempt(() -> ImageLoader.read(file, new ImageLimits(40 * 30 - 1)));
        assertThat(refused.error()).as(format).isNotNull();
        assertThat(refused.error().getMessage()).contains("40x30").contains("above the limit of 0.0 megapixels");
        assertThat(ImageLoader.read(file, new ImageLimits(40 * 30)).width()).isEqualTo(40);
    }

    @Test
    void headerSizeIsReadWithoutDecoding() {
        Attempt a = attempt(() -> assertThat(ImageLoader.readSize(bomb20k)).hasToString("20000x20000"));
        assertThat(a.allocated()).isLessThan(MEMORY_BOUND);
    }

    @Test
    void aRaisedLimitLetsALargeImageThrough() throws IOException {
        Path file = Files.write(dir.resolve("tall.png"), PngBytes.blackGrey(10, 3000, 3000));
        assertThat(catchThrowableOfType(InvalidInputException.class,
                () -> ImageLoader.read(file, new ImageLimits(20_000)))).isNotNull();
        assertThat(ImageLoader.read(file, new ImageLimits(30_000)).height()).isEqualTo(3000);
    }

    @Test
    void bmpWrappingAPngIsRefused() throws IOException {
        // BITMAPFILEHEADER + BITMAPINFOHEADER with compression 5 (BI_PNG): the inner PNG's size is not the header's
        ByteBuffer b = ByteBuffer.allocate(54).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'B').put((byte) 'M').putInt(54 + 100).putInt(0).putInt(54);
        b.putInt(40).putInt(10).putInt(10).putShort((short) 1).putShort((short) 0).putInt(5).putInt(100);
        b.putInt(0).putInt(0).putInt(0).putInt(0);
        byte[] head = b.array();
        byte[] all = new byte[154];
        System.arraycopy(head, 0, all, 0, 54);
        Path file = Files.write(dir.resolve("wrapped.bmp"), all);
        assertThat(catchThrowableOfType(InvalidInputException.class, () -> ImageLoader.read(file)).getMessage())
                .contains("BMP with an embedded PNG");
    }

    @Test
    void limitMustBePositive() {
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> new ImageLimits(0))).isNotNull();
        assertThat(ImageLimits.defaults().maxPixels()).isEqualTo(50_000_000L);
        assertThat(ImageLimits.defaults().allows(Integer.MAX_VALUE, Integer.MAX_VALUE)).isFalse();
    }
}
