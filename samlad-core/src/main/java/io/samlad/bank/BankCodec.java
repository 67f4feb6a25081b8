package io.samlad.bank;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.samlad.InvalidInputException;
import io.samlad.detector.SamladConfig;
import io.samlad.features.FeatureMap;
import io.samlad.measure.Calibration;
import io.samlad.objects.Scene;
import io.samlad.objects.SceneObject;
import io.samlad.segment.ObjectMask;
import io.samlad.util.AtomicFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The bank file format, version {@value #FORMAT_VERSION}:
 * <pre>
 *   8 bytes   magic "SAMLADBK"
 *   int       format version
 *   int, utf8 JSON header: config, pipeline id, provenance, calibration, image names, quantiser ranges
 *   int       scene count, then per scene: size, global descriptor, quantised patch features, objects
 *             (mask bits, quality, mean feature, shrunk covariance, appearance descriptor)
 *   long      CRC-32 of every byte before it
 * </pre>
 * Written atomically; read fully and checked (magic, version, checksum) before anything is parsed.
 */
public final class BankCodec {
    public static final int FORMAT_VERSION = 2;
    private static final byte[] MAGIC = "SAMLADBK".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private BankCodec() {
    }

    /** The JSON header. */
    record Header(SamladConfig config, String pipelineId, Provenance provenance, Calibration calibration,
            List<String> names, float[] quantMin, float[] quantMax) {
    }

    public static void write(TemplateBank bank, Path file) throws IOException {
        byte[] body = encode(bank);
        AtomicFiles.write(file, out -> out.write(body));
    }

    static byte[] encode(TemplateBank bank) throws IOException {
        FeatureQuantizer q = FeatureQuantizer.fit(bank.scenes());
        Header header = new Header(bank.config(), bank.pipelineId(), bank.provenance(), bank.calibration(),
                bank.names(), q.min(), q.max());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(MAGIC);
        out.writeInt(FORMAT_VERSION);
        byte[] json = JSON.writeValueAsBytes(header);
        out.writeInt(json.length);
        out.write(json);
        out.writeInt(bank.size());
        for (Scene s : bank.scenes()) {
            out.writeInt(s.width());
            out.writeInt(s.height());
            writeFloats(out, s.global());
            FeatureMap p = s.patches();
            out.writeInt(p.channels());
            out.writeInt(p.width());
            out.writeInt(p.height());
            out.write(q.quantize(p));
            out.writeInt(s.objects().size());
            for (SceneObject o : s.objects()) {
                ObjectMask m = o.mask();
                out.writeInt(m.width());
                out.writeInt(m.height());
                out.writeDouble(m.quality());
                long[] words = m.bits().toLongArray();
                out.writeInt(words.length);
                for (long w : words) {
                    out.writeLong(w);
                }
                writeFloats(out, o.meanFeature());
                writeFloats(out, o.covariance());
                writeFloats(out, o.appearance());
            }
        }
        out.flush();
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        out.writeLong(crc.getValue());
        out.flush();
        return bytes.toByteArray();
    }

    public static TemplateBank read(Path file) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot read bank file: " + e.getMessage(), e);
        }
        if (all.length < MAGIC.length + 4 || !Arrays.equals(Arrays.copyOf(all, MAGIC.length), MAGIC)) {
            throw new InvalidInputException(file, "not a samlad bank file (made by `samlad fit`)");
        }
        int version = ((all[8] & 0xff) << 24) | ((all[9] & 0xff) << 16) | ((all[10] & 0xff) << 8) | (all[11] & 0xff);
        if (version != FORMAT_VERSION) {
            throw new InvalidInputException(file, "bank format version " + version + ", but this samlad reads version "
                    + FORMAT_VERSION + ": fit the bank again with this version");
        }
        if (all.length < 20) {
            throw new InvalidInputException(file, "damaged bank file (truncated)");
        }
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - 8);
        long stored = java.nio.ByteBuffer.wrap(all, all.length - 8, 8).getLong();
        if (crc.getValue() != stored) {
            throw new InvalidInputException(file, "damaged bank file (checksum mismatch: truncated or altered)");
        }
        try {
            return decode(all);
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(file, "damaged bank file: " + e.getMessage(), e);
        }
    }

    private static TemplateBank decode(byte[] all) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, 0, all.length - 8));
        in.skipNBytes(MAGIC.length + 4);
        byte[] json = new byte[in.readInt()];
        in.readFully(json);
        Header h = JSON.readValue(json, Header.class);
        FeatureQuantizer q = new FeatureQuantizer(h.quantMin(), h.quantMax());
        int n = in.readInt();
        List<Scene> scenes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int w = in.readInt();
            int hh = in.readInt();
            float[] global = readFloats(in);
            int c = in.readInt();
            int pw = in.readInt();
            int ph = in.readInt();
            byte[] pq = new byte[c * pw * ph];
            in.readFully(pq);
            FeatureMap patches = q.dequantize(pq, pw, ph);
            int objects = in.readInt();
            List<SceneObject> objs = new ArrayList<>(objects);
            for (int k = 0; k < objects; k++) {
                int mw = in.readInt();
                int mh = in.readInt();
                double quality = in.readDouble();
                long[] words = new long[in.readInt()];
                for (int t = 0; t < words.length; t++) {
                    words[t] = in.readLong();
                }
                ObjectMask mask = new ObjectMask(mw, mh, BitSet.valueOf(words), quality);
                objs.add(new SceneObject(mask, readFloats(in), readFloats(in), readFloats(in)));
            }
            scenes.add(new Scene(w, hh, global, patches, null, objs));
        }
        if (in.available() != 0) {
            throw new IOException("unexpected trailing bytes");
        }
        return new TemplateBank(h.config(), h.pipelineId(), scenes, h.names(), h.calibration(), h.provenance());
    }

    private static void writeFloats(DataOutputStream out, float[] v) throws IOException {
        out.writeInt(v.length);
        for (float f : v) {
            out.writeFloat(f);
        }
    }

    private static float[] readFloats(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1 << 26) {
            throw new EOFException("implausible array length " + n);
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = in.readFloat();
        }
        return v;
    }
}
