package io.samlad.spark;

import io.samlad.bank.BankCodec;
import io.samlad.features.FeatureMap;
import io.samlad.image.FloatMap;
import io.samlad.calibration.Measure;
import io.samlad.measure.RawMeasurement;
import io.samlad.objects.Scene;
import io.samlad.objects.ColourLattice;
import io.samlad.objects.ObjectForm;
import io.samlad.objects.SceneObject;
import io.samlad.segment.ObjectMask;
import io.samlad.stats.Covariance;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Lossless binary form of the per-image products of fitting ({@link Scene}, {@link RawMeasurement}) for shipping
 * them between Spark executors and the driver. Every float keeps its exact bits (the bank file quantises patch
 * features; this must not), which is what makes a distributed fit bit-identical to a local one.
 */
final class WireCodec {
    private WireCodec() {
    }

    static byte[] encodeScene(Scene s) {
        return write(out -> writeScene(out, s));
    }

    static Scene decodeScene(byte[] bytes) {
        return read(bytes, WireCodec::readScene);
    }

    static byte[] encodeScenes(List<Scene> scenes) {
        return write(out -> {
            out.writeInt(scenes.size());
            for (Scene s : scenes) {
                writeScene(out, s);
            }
        });
    }

    static List<Scene> decodeScenes(byte[] bytes) {
        return read(bytes, in -> {
            int n = in.readInt();
            List<Scene> scenes = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                scenes.add(readScene(in));
            }
            return scenes;
        });
    }

    static byte[] encodeMeasurement(RawMeasurement r) {
        return write(out -> {
            out.writeInt(r.values().size());
            for (Map.Entry<Measure, Double> e : r.values().entrySet()) {
                out.writeUTF(e.getKey().name());
                out.writeLong(Double.doubleToRawLongBits(e.getValue()));
            }
            writeMap(out, r.patchMap());
            writeMap(out, r.forwardMap());
            writeMap(out, r.reverseMap());
            writeMap(out, r.bankMap());
            writeMap(out, r.gaussianMap());
            out.writeInt(r.objects().size());
            for (RawMeasurement.ObjectFinding o : r.objects()) {
                out.writeInt(o.objectIndex());
                out.writeDouble(o.logicalRaw());
                out.writeDouble(o.unmatchedShare());
                out.writeDouble(o.gaussianRaw());
                out.writeInt(o.reference());
                out.writeInt(o.referenceObject());
                out.writeLong(Double.doubleToRawLongBits(o.identityRaw()));
                out.writeLong(Double.doubleToRawLongBits(o.attributeRaw()));
            }
            out.writeInt(r.missing().size());
            for (RawMeasurement.MissingFinding m : r.missing()) {
                out.writeInt(m.reference());
                out.writeInt(m.referenceObject());
                out.writeDouble(m.raw());
            }
            out.writeInt(r.references().size());
            for (int ref : r.references()) {
                out.writeInt(ref);
            }
            out.writeBoolean(r.pieceCells() != null);
            if (r.pieceCells() != null) {
                writeFloats(out, r.pieceCells());
            }
            // the recognised objects' patch weights (measuring.recognisedPatchWeight): the calibration applies them
            out.writeBoolean(r.patchWeight() != null);
            if (r.patchWeight() != null) {
                writeFloats(out, r.patchWeight());
            }
        });
    }

    static RawMeasurement decodeMeasurement(byte[] bytes) {
        return read(bytes, in -> {
            int nv = in.readInt();
            Map<Measure, Double> values = new EnumMap<>(Measure.class);
            for (int i = 0; i < nv; i++) {
                Measure m = Measure.valueOf(in.readUTF());
                values.put(m, Double.longBitsToDouble(in.readLong()));
            }
            FloatMap patch = readMap(in);
            FloatMap forward = readMap(in);
            FloatMap reverse = readMap(in);
            FloatMap bank = readMap(in);
            FloatMap gaussian = readMap(in);
            int no = in.readInt();
            List<RawMeasurement.ObjectFinding> objects = new ArrayList<>(no);
            for (int i = 0; i < no; i++) {
                objects.add(new RawMeasurement.ObjectFinding(in.readInt(), in.readDouble(), in.readDouble(),
                        in.readDouble(), in.readInt(), in.readInt(), Double.longBitsToDouble(in.readLong()),
                        Double.longBitsToDouble(in.readLong())));
            }
            int nm = in.readInt();
            List<RawMeasurement.MissingFinding> missing = new ArrayList<>(nm);
            for (int i = 0; i < nm; i++) {
                missing.add(new RawMeasurement.MissingFinding(in.readInt(), in.readInt(), in.readDouble()));
            }
            int nr = in.readInt();
            List<Integer> refs = new ArrayList<>(nr);
            for (int i = 0; i < nr; i++) {
                refs.add(in.readInt());
            }
            float[] pieceCells = in.readBoolean() ? readFloats(in) : null;
            float[] patchWeight = in.readBoolean() ? readFloats(in) : null;
            return new RawMeasurement(values, patch, forward, reverse, bank, gaussian, objects, missing, refs,
                    List.of(), pieceCells, null, patchWeight);
        });
    }

    private static void writeScene(DataOutputStream out, Scene s) throws IOException {
        out.writeInt(s.width());
        out.writeInt(s.height());
        writeFloats(out, s.global());
        writeFeatures(out, s.patches());
        writeFeatures(out, s.fine());
        out.writeInt(s.objects().size());
        for (SceneObject o : s.objects()) {
            BankCodec.writeMask(out, o.mask());
            writeFloats(out, o.meanFeature());
            out.writeUTF(o.covariance().kind().name());
            out.writeInt(o.covariance().channels());
            writeFloats(out, o.covariance().values());
            writeFloats(out, o.appearance());
            writeFloats(out, o.form().toArray());
        }
        writeFloats(out, s.colours());
        out.writeInt(s.loose().size());
        for (ObjectForm f : s.loose()) {
            writeFloats(out, f.toArray());
        }
        ColourLattice l = s.lattice();
        out.writeBoolean(l != null);
        if (l != null) {
            out.writeInt(l.width());
            out.writeInt(l.height());
            out.writeInt(l.step());
            for (short b : l.codes()) {
                out.writeShort(b);
            }
        }
    }

    private static Scene readScene(DataInputStream in) throws IOException {
        int w = in.readInt();
        int h = in.readInt();
        float[] global = readFloats(in);
        FeatureMap patches = readFeatures(in);
        FeatureMap fine = readFeatures(in);
        int n = in.readInt();
        List<SceneObject> objects = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            int mw = in.readInt();
            int mh = in.readInt();
            double quality = in.readDouble();
            long[] words = new long[in.readInt()];
            for (int t = 0; t < words.length; t++) {
                words[t] = in.readLong();
            }
            ObjectMask mask = new ObjectMask(mw, mh, BitSet.valueOf(words), quality);
            float[] mean = readFloats(in);
            Covariance.Kind kind = Covariance.Kind.valueOf(in.readUTF());
            int channels = in.readInt();
            Covariance covariance = new Covariance(kind, channels, readFloats(in));
            float[] appearance = readFloats(in);
            objects.add(new SceneObject(mask, mean, covariance, appearance, ObjectForm.fromArray(readFloats(in))));
        }
        float[] colours = readFloats(in);
        int nl = in.readInt();
        List<ObjectForm> loose = new ArrayList<>(nl);
        for (int k = 0; k < nl; k++) {
            loose.add(ObjectForm.fromArray(readFloats(in)));
        }
        ColourLattice lattice = null;
        if (in.readBoolean()) {
            int lw = in.readInt();
            int lh = in.readInt();
            int step = in.readInt();
            short[] bins = new short[lw * lh];
            for (int i = 0; i < bins.length; i++) {
                bins[i] = in.readShort();
            }
            lattice = new ColourLattice(lw, lh, step, bins);
        }
        return new Scene(w, h, global, patches, fine, objects, colours, loose, List.of(), lattice);
    }

    private static void writeFeatures(DataOutputStream out, FeatureMap f) throws IOException {
        out.writeBoolean(f != null);
        if (f != null) {
            out.writeInt(f.channels());
            out.writeInt(f.width());
            out.writeInt(f.height());
            writeFloats(out, f.data());
        }
    }

    private static FeatureMap readFeatures(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        int c = in.readInt();
        int w = in.readInt();
        int h = in.readInt();
        return new FeatureMap(c, w, h, readFloats(in));
    }

    private static void writeMap(DataOutputStream out, FloatMap m) throws IOException {
        out.writeBoolean(m != null);
        if (m != null) {
            out.writeInt(m.width());
            out.writeInt(m.height());
            writeFloats(out, m.data());
        }
    }

    private static FloatMap readMap(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        int w = in.readInt();
        int h = in.readInt();
        return new FloatMap(w, h, readFloats(in));
    }

    private static void writeFloats(DataOutputStream out, float[] v) throws IOException {
        // Bulk copy with the exact bits (floatToRawIntBits semantics of FloatBuffer.put).
        ByteBuffer b = ByteBuffer.allocate(4 * v.length);
        b.asFloatBuffer().put(v);
        out.writeInt(v.length);
        out.write(b.array());
    }

    private static float[] readFloats(DataInputStream in) throws IOException {
        int n = in.readInt();
        byte[] raw = new byte[4 * n];
        in.readFully(raw);
        float[] v = new float[n];
        ByteBuffer.wrap(raw).asFloatBuffer().get(v);
        return v;
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static byte[] write(Writer w) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 14);
            DataOutputStream out = new DataOutputStream(bytes);
            w.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(byte[] bytes, Reader<T> r) {
        try {
            return r.read(new DataInputStream(new ByteArrayInputStream(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
