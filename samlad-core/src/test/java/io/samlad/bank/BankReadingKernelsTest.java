package io.samlad.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The bank reader's bulk paths against the value-by-value reading they replaced, kept here as the reference:
 * {@link BankInput} against {@link DataInputStream}, and {@link FeatureQuantizer#dequantize}'s table against the
 * per-value formula, bit for bit.
 */
class BankReadingKernelsTest {

    @Test
    void bulkReadsEqualDataInputStreamValueByValue() throws IOException {
        SplittableRandom rnd = new SplittableRandom(5);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        int floats = 1001;
        int longs = 37;
        out.writeInt(-7);
        for (int i = 0; i < floats; i++) {
            // any bit pattern but NaNs (a bank refuses those): subnormals, infinities, -0
            int bits = rnd.nextInt();
            out.writeInt(Float.isNaN(Float.intBitsToFloat(bits)) ? i : bits);
        }
        for (int i = 0; i < longs; i++) {
            out.writeLong(rnd.nextLong());
        }
        out.writeDouble(-1.25e-300);
        byte[] all = bytes.toByteArray();
        // read from an offset inside a larger array, as the codec does (the file's checksum follows the body)
        byte[] padded = new byte[all.length + 11];
        System.arraycopy(all, 0, padded, 3, all.length);

        DataInputStream reference = new DataInputStream(new ByteArrayInputStream(all));
        BankInput in = new BankInput(padded, 3, 3 + all.length);
        assertThat(in.readInt()).isEqualTo(reference.readInt());
        float[] v = in.readFloats(floats);
        for (int i = 0; i < floats; i++) {
            assertThat(Float.floatToRawIntBits(v[i])).as("float %d", i)
                    .isEqualTo(Float.floatToRawIntBits(reference.readFloat()));
        }
        long[] w = in.readLongs(longs);
        for (int i = 0; i < longs; i++) {
            assertThat(w[i]).isEqualTo(reference.readLong());
        }
        assertThat(in.available()).isEqualTo(8);
        assertThat(in.readDouble()).isEqualTo(reference.readDouble());
        assertThat(in.available()).isZero();
    }

    @Test
    void readingPastTheEndFailsAsAStreamWouldAndMovesNothing() throws IOException {
        BankInput in = new BankInput(new byte[20], 2, 14); // 12 bytes
        assertThatThrownBy(() -> in.readFloats(4)).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> in.readLongs(2)).isInstanceOf(EOFException.class);
        assertThat(in.available()).isEqualTo(12);
        in.skip(8);
        assertThat(in.readInt()).isZero();
        assertThatThrownBy(in::readInt).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> in.readFully(new byte[1])).isInstanceOf(EOFException.class);
    }

    @Test
    void dequantisingByTableEqualsThePerValueFormula() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int trial = 0; trial < 20; trial++) {
            int c = 1 + rnd.nextInt(40);
            float[] min = new float[c];
            float[] max = new float[c];
            for (int k = 0; k < c; k++) {
                min[k] = (float) (rnd.nextDouble() * 20 - 10);
                // some channels constant (range 0), some huge
                max[k] = k % 7 == 3 ? min[k] : min[k] + (float) (rnd.nextDouble() * (k % 5 == 0 ? 1e4 : 3));
            }
            FeatureQuantizer q = new FeatureQuantizer(min, max);
            // grids below and above the table's size (below: the formula path; above: the table)
            for (int cells : new int[] {1, 3, 256, 1000 + rnd.nextInt(500)}) {
                byte[] bytes = new byte[c * cells];
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) rnd.nextInt(256);
                }
                float[] got = q.dequantize(bytes, cells, 1).data();
                for (int i = 0; i < bytes.length; i++) {
                    int k = i % c;
                    float expected = min[k] + (bytes[i] & 0xff) / 255f * (max[k] - min[k]);
                    assertThat(Float.floatToRawIntBits(got[i])).as("trial %d, value %d", trial, i)
                            .isEqualTo(Float.floatToRawIntBits(expected));
                }
            }
        }
    }
}
