package io.samlad.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The pixel limit reads only the header: sizes come back for small images, huge declared sizes are refused. */
class ImagePixelLimitTest {
    private final ImagePixelLimit limit = new ImagePixelLimit(1_000_000);

    @Test
    void aHeaderWithinTheLimitGivesItsSize() {
        assertThat(limit.check(BadUploads.pngHeader(1000, 1000))).isEqualTo(new ImagePixelLimit.Size(1000, 1000));
    }

    @Test
    void aPngOrBmpHeaderOverTheLimitIsRefusedWithoutDecoding() {
        assertThatThrownBy(() -> limit.check(BadUploads.pngHeader(1000, 1001))).isInstanceOf(ApiError.class)
                .hasMessageContaining("1000x1001").extracting(e -> ((ApiError) e).status()).isEqualTo(413);
        assertThatThrownBy(() -> limit.check(bmpHeader(2000, 2000))).isInstanceOf(ApiError.class)
                .extracting(e -> ((ApiError) e).code()).isEqualTo("too_many_pixels");
    }

    @Test
    void aCutHeaderIsABadRequest() {
        byte[] cut = Arrays.copyOf(BadUploads.pngHeader(10, 10), 20);
        assertThatThrownBy(() -> limit.check(cut)).isInstanceOf(ApiError.class)
                .extracting(e -> ((ApiError) e).status()).isEqualTo(400);
    }

    /**
     * A BMP file header and BITMAPINFOHEADER declaring a 24-bit image, with no pixel data. The file size field
     * claims the data is there (the JDK's reader refuses a header whose image cannot fit the declared file).
     */
    static byte[] bmpHeader(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(54).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'B').put((byte) 'M').putInt(54 + width * height * 3).putInt(0).putInt(54);
        b.putInt(40).putInt(width).putInt(height).putShort((short) 1).putShort((short) 24).putInt(0).putInt(0)
                .putInt(2835).putInt(2835).putInt(0).putInt(0);
        return b.array();
    }
}
