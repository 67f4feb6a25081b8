package io.samlad.bank;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A big-endian cursor over the bytes of a bank file, as {@link java.io.DataInputStream} reads them, with bulk reads
 * for the arrays that make up most of a bank (covariances, descriptors, mask words). Reading a 35 MB bank value by
 * value through a stream made one method so large and hot that the just-in-time compiler spent seconds compiling it
 * while the command waited for its first prediction; the bulk reads copy (and swap) whole arrays at once.
 */
final class BankInput {
    private final ByteBuffer buffer;

    /** The bytes {@code [from, to)} of {@code all}. */
    BankInput(byte[] all, int from, int to) {
        buffer = ByteBuffer.wrap(all, from, to - from).order(ByteOrder.BIG_ENDIAN);
    }

    /** Bytes not yet read. */
    int available() {
        return buffer.remaining();
    }

    int readInt() throws EOFException {
        need(4);
        return buffer.getInt();
    }

    long readLong() throws EOFException {
        need(8);
        return buffer.getLong();
    }

    double readDouble() throws EOFException {
        need(8);
        return buffer.getDouble();
    }

    void skip(long n) throws EOFException {
        need(n);
        buffer.position(buffer.position() + (int) n);
    }

    void readFully(byte[] into) throws EOFException {
        need(into.length);
        buffer.get(into);
    }

    /** {@code n} floats, bit for bit as {@link java.io.DataInputStream#readFloat} reads them one by one. */
    float[] readFloats(int n) throws EOFException {
        need(4L * n);
        float[] v = new float[n];
        buffer.asFloatBuffer().get(v);
        buffer.position(buffer.position() + 4 * n);
        return v;
    }

    /** {@code n} longs, as {@link java.io.DataInputStream#readLong} reads them one by one. */
    long[] readLongs(int n) throws EOFException {
        need(8L * n);
        long[] v = new long[n];
        buffer.asLongBuffer().get(v);
        buffer.position(buffer.position() + 8 * n);
        return v;
    }

    private void need(long bytes) throws EOFException {
        if (bytes > buffer.remaining()) {
            throw new EOFException();
        }
    }
}
