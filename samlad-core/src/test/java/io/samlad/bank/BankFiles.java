package io.samlad.bank;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/** Edits of bank file bytes that keep the checksum valid: what a hand edit or a broken tool would produce. */
final class BankFiles {
    private BankFiles() {
    }

    /** Offset of the JSON header's length field. */
    static final int HEADER_AT = 12;

    static String headerJson(byte[] bank) {
        int len = ByteBuffer.wrap(bank, HEADER_AT, 4).getInt();
        return new String(bank, HEADER_AT + 4, len, StandardCharsets.UTF_8);
    }

    /** The bank with another JSON header, and a checksum that matches. */
    static byte[] withHeader(byte[] bank, String json) throws IOException {
        int len = ByteBuffer.wrap(bank, HEADER_AT, 4).getInt();
        byte[] j = json.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bank, 0, HEADER_AT);
        out.write(ByteBuffer.allocate(4).putInt(j.length).array());
        out.write(j);
        int rest = HEADER_AT + 4 + len;
        out.write(bank, rest, bank.length - 8 - rest);
        return withChecksum(out.toByteArray(), true);
    }

    /**
     * A valid checksum over the content.
     *
     * @param appendRoom true when {@code content} lacks the 8 checksum bytes, false when its last 8 are to be replaced
     */
    static byte[] withChecksum(byte[] content, boolean appendRoom) {
        byte[] out = appendRoom ? Arrays.copyOf(content, content.length + 8) : content.clone();
        CRC32 crc = new CRC32();
        crc.update(out, 0, out.length - 8);
        ByteBuffer.wrap(out, out.length - 8, 8).putLong(crc.getValue());
        return out;
    }
}
