package io.samlad.bank;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.samlad.calibration.Calibration;
import io.samlad.config.SamladConfig;
import io.samlad.features.ChannelProjection;
import io.samlad.features.FeatureMap;
import io.samlad.objects.ColourHistogram;
import io.samlad.objects.Scene;
import io.samlad.objects.ObjectForm;
import io.samlad.objects.SceneObject;
import io.samlad.segment.ObjectMask;
import io.samlad.stats.Covariance;
import io.samlad.util.AtomicFiles;
import io.samlad.util.InvalidInputException;
import io.samlad.util.IoProblems;
import io.samlad.util.Version;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
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
 * The bank file format, version {@value #FORMAT_VERSION} (versions 1, without the appearance descriptors, 2,
 * without optional sections, and 3, with the BOX appearance descriptors, are still read):
 * <pre>
 *   8 bytes   magic "SAMLADBK"
 *   int       format version
 *   int, utf8 JSON header: config, pipeline id, provenance, calibration, image names, quantiser ranges
 *   int       scene count, then per scene: size, global descriptor, quantised patch features, objects
 *             (mask bits, quality, mean feature, shrunk covariance, appearance descriptor)
 *   sections  (version 3 on) optional sections, each: int tag, int byte length, that many bytes:
 *             {@code PROJ}, the channel projection (int input channels, int width, width x input channels floats);
 *             {@code FORM}, the objects' pixel forms (per scene, per object: {@link ObjectForm#STORED_VALUES}
 *             floats, in the scenes' and objects' order), absent in banks written before forms existed;
 *             {@code COLR}, every scene's colour histogram (per scene: int count of non-zero bins, then per such
 *             bin a short bin index and a float share), written when every scene has one
 *   long      CRC-32 of every byte before it
 * </pre>
 * Written atomically; read fully and checked (magic, version, checksum) before anything is parsed.
 *
 * <p>Evolution: a configuration field added after a bank was written is absent from its header and takes that
 * field's default on reading ({@link #withDefaults}), so older banks of the same format version load and behave as
 * they did. A change that defaults cannot bridge (a new binary layout) raises {@link #FORMAT_VERSION}; a bank of
 * another version is refused with a message that says which version wrote it and what to do.
 */
public final class BankCodec {
    public static final int FORMAT_VERSION = 4;
    /**
     * Formats 1 to 3 knew only the {@link SamladConfig.Identity.Descriptor#BOX} appearance descriptor (formats 2 and
     * 3 stored it) and no place consistency: their headers name neither, and they read as BOX with consistency 0 so
     * that they score as they did.
     */
    static final int LAST_BOX_DESCRIPTOR_VERSION = 3;
    /** Section tag of the channel projection ("PROJ"). */
    static final int PROJECTION_SECTION = 0x50524F4A;
    /** Section tag of the objects' pixel forms ("FORM"). */
    static final int FORM_SECTION = 0x464F524D;
    /** Section tag of the scenes' loose forms ("LOOS"): parts of a kind the segmentation lost. */
    static final int LOOSE_SECTION = 0x4C4F4F53;
    /** "COLR": the scenes' colour histograms (banks without it score without the COLOURS measure). */
    static final int COLOUR_SECTION = 0x434F4C52;
    /** Format 1 lacks the objects' appearance descriptors and is still read (the IDENTITY measure then finds none). */
    static final int FIRST_READABLE_VERSION = 1;
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
        // a save killed before its rename left a temporary sibling: remove it with this save
        AtomicFiles.writeRemovingLeftovers(file, out -> out.write(body));
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
                writeMask(out, o.mask());
                writeFloats(out, o.meanFeature());
                writeFloats(out, o.covariance().values());
                writeFloats(out, o.appearance());
            }
        }
        if (bank.projection() != null) {
            writeProjection(out, bank.projection());
        }
        if (hasForms(bank)) {
            writeForms(out, bank);
        }
        if (bank.scenes().stream().anyMatch(s -> !s.loose().isEmpty())) {
            writeLoose(out, bank);
        }
        if (!bank.scenes().isEmpty() && bank.scenes().stream().allMatch(Scene::hasColours)) {
            writeColours(out, bank.scenes());
        }
        out.flush();
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        out.writeLong(crc.getValue());
        out.flush();
        return bytes.toByteArray();
    }

    public static TemplateBank read(Path file) {
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(file, "is a folder, not a bank file (made by `samlad fit`)");
        }
        if (!Files.exists(file)) {
            throw new InvalidInputException(file, "no such bank file (make one with `samlad fit`)");
        }
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot read bank file: " + IoProblems.describe(e), e);
        } catch (OutOfMemoryError e) {
            throw new InvalidInputException(file, "bank file too large to read into memory", e);
        }
        return read(all, file);
    }

    /**
     * Checks and decodes the bytes of a bank file (e.g. shipped to a cluster's workers); {@code file} is what errors
     * name.
     */
    public static TemplateBank read(byte[] all, Path file) {
        if (all.length < MAGIC.length + 4 || !Arrays.equals(Arrays.copyOf(all, MAGIC.length), MAGIC)) {
            throw new InvalidInputException(file, "not a samlad bank file (made by `samlad fit`)");
        }
        int version = ((all[8] & 0xff) << 24) | ((all[9] & 0xff) << 16) | ((all[10] & 0xff) << 8) | (all[11] & 0xff);
        if (version < FIRST_READABLE_VERSION || version > FORMAT_VERSION) {
            throw new InvalidInputException(file, "bank format version " + version + " (written by "
                    + (version > FORMAT_VERSION ? "a newer" : "an older") + " samlad), but samlad " + Version.VERSION
                    + " reads versions " + FIRST_READABLE_VERSION + " to " + FORMAT_VERSION + ": "
                    + (version > FORMAT_VERSION ? "use the samlad that wrote it, or " : "") + "fit the bank again with"
                    + " samlad " + Version.VERSION);
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
        Header header;
        try {
            header = header(all, version);
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(file, "bank header unusable (" + IoProblems.oneLine(rootMessage(e))
                    + "); the bank was written by " + writer(all) + ": fit it again with samlad " + Version.VERSION, e);
        }
        try {
            BankValidation.header(header);
            return decode(all, header, version);
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(file, "damaged bank file: " + IoProblems.oneLine(String.valueOf(
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())), e);
        }
    }

    /** The header, with every configuration field the writer did not know set to its default. */
    private static Header header(byte[] all, int version) throws IOException {
        JsonNode tree = JSON.readTree(headerJson(all));
        if (tree.get("config") instanceof ObjectNode config && !config.has("projection")) {
            // written before channel projections existed: its features were not projected
            config.set("projection", JSON.valueToTree(SamladConfig.Projection.DEFAULTS.withWidth(0)));
        }
        if (tree.get("config") instanceof ObjectNode config && !config.has("peers")) {
            // written before the peer measures existed: its calibration knows no such measures
            config.set("peers", JSON.valueToTree(SamladConfig.Peers.OFF));
        }
        if (tree.get("config") instanceof ObjectNode config && config.get("peers") instanceof ObjectNode peers
                && !peers.has("loose")) {
            peers.put("loose", false); // fitted before lost parts were looked for: its scenes hold none
        }
        if (tree.get("config") instanceof ObjectNode config && config.get("peers") instanceof ObjectNode peers
                && !peers.has("spacing")) {
            // fitted before kinds were limited in size and before PEER_SPACING: both off, as it was calibrated
            peers.put("maxKindShare", 0.0);
            peers.put("spacing", false);
            peers.put("spacingFloor", SamladConfig.Peers.DEFAULTS.spacingFloor());
        }
        if (tree.get("config") instanceof ObjectNode config && config.get("peers") instanceof ObjectNode peers
                && !peers.has("pairsAsOne")) {
            peers.put("pairsAsOne", false); // its maps painted every object by its own value
        }
        if (tree.get("config") instanceof ObjectNode config && config.get("peers") instanceof ObjectNode peers
                && !peers.has("paintLoose")) {
            peers.put("paintLoose", false); // its maps did not paint lost parts
        }
        if (tree.get("config") instanceof ObjectNode config && config.get("peers") instanceof ObjectNode peers
                && !peers.has("looseKindColour")) {
            peers.put("looseKindColour", false); // its lost parts carry their measured colours
        }
        if (tree.get("config") instanceof ObjectNode config && config.get("peers") instanceof ObjectNode peers
                && !peers.has("placeRadius")) {
            peers.put("placeRadius", 0.0); // fitted before place peers: its calibration knows only in-image peers
        }
        if (tree.get("config") instanceof ObjectNode config && config.get("peers") instanceof ObjectNode peers
                && !peers.has("placeMaxArea")) {
            // unused while placeRadius is 0
            peers.put("placeMaxArea", SamladConfig.Peers.DEFAULTS.placeMaxArea());
            peers.put("placeSizeRatio", SamladConfig.Peers.DEFAULTS.placeSizeRatio());
            peers.put("placeMinShare", SamladConfig.Peers.DEFAULTS.placeMinShare());
        }
        if (tree.get("config") instanceof ObjectNode config && !config.has("colours")) {
            // written before the COLOURS measure existed: its calibration knows no such measure
            config.set("colours", JSON.valueToTree(SamladConfig.Colours.OFF));
        }
        if (tree.get("config") instanceof ObjectNode config && config.get("colours") instanceof ObjectNode colours
                && !colours.has("pieces")) {
            // written before the PIECES measure existed: its calibration knows no such measure
            colours.set("pieces", JSON.valueToTree(SamladConfig.Pieces.OFF));
        }
        if (tree.get("config") instanceof ObjectNode config && config.get("colours") instanceof ObjectNode colours
                && colours.get("pieces") instanceof ObjectNode pieces && !pieces.has("hullWeight")) {
            // fitted before the pair statistic counted hull gaps: its pair medians and spreads are of log area ratios
            pieces.put("hullWeight", 0.0);
        }
        if (tree.get("config") instanceof ObjectNode config && config.get("colours") instanceof ObjectNode colours
                && colours.get("pieces") instanceof ObjectNode pieces && !pieces.has("rarityScore")) {
            pieces.put("rarityScore", false); // its image score was fused without PIECES' own rarity
        }
        if (tree.get("config") instanceof ObjectNode config && config.get("colours") instanceof ObjectNode colours
                && !colours.has("paintMaxShare")) {
            // written before COLOURS and PIECES pairs were painted on the map: its maps did not
            colours.put("paintMaxShare", 0.0);
            colours.put("paintReverseShare", 0.0);
            colours.put("paintPairs", false);
        }
        if (tree.get("config") instanceof ObjectNode config && config.get("colours") instanceof ObjectNode colours
                && !colours.has("paintUnplaced")) {
            colours.put("paintUnplaced", false); // unused where nothing is painted
        }
        if (tree.get("config") instanceof ObjectNode config && !config.has("layout")) {
            // written before the LAYOUT measure existed: its calibration knows no such measure
            config.set("layout", JSON.valueToTree(io.samlad.config.InnerLayout.OFF));
        }
        if (tree.get("config") instanceof ObjectNode config && config.get("layout") instanceof ObjectNode layout
                && !layout.has("jointFloor")) {
            // written before LAYOUT_JOINT: calibrated without it, and without the layout measures' rarity
            layout.put("jointFloor", 0.0);
            layout.put("rarity", io.samlad.config.InnerLayout.Rarity.NONE.name());
        }
        if (tree.get("config") instanceof ObjectNode config && config.get("layout") instanceof ObjectNode layout
                && !layout.has("followJitter")) {
            // written before the places' reach was fitted: objects followed within placeRadius only
            layout.put("followJitter", false);
        }
        if (tree.get("config") instanceof ObjectNode config && !config.has("composition")) {
            // written before the COMPOSITION measure existed: its calibration knows no such measure
            config.set("composition", JSON.valueToTree(SamladConfig.Composition.OFF));
        }
        if (tree.get("config") instanceof ObjectNode config) {
            if (version <= LAST_BOX_DESCRIPTOR_VERSION) {
                ObjectNode identity = config.get("identity") instanceof ObjectNode o ? o : config.putObject("identity");
                if (!identity.has("descriptor")) {
                    identity.put("descriptor", SamladConfig.Identity.Descriptor.BOX.name());
                }
                if (!identity.has("minConsistency")) {
                    identity.put("minConsistency", 0.0);
                }
            }
            if (config.get("identity") instanceof ObjectNode identity && !identity.has("otherPlaceWeight")) {
                // fitted before the other-place and mirror evidence: its IDENTITY was calibrated without them
                identity.put("otherPlaceWeight", 0.0);
                identity.put("mirrorWeight", 0.0);
            }
            if (config.get("identity") instanceof ObjectNode identity && !identity.has("rarityVerdicts")) {
                identity.put("rarityVerdicts", false); // its objects were judged by their IDENTITY z
            }
            if (config.get("identity") instanceof ObjectNode identity && !identity.has("rarityScore")) {
                identity.put("rarityScore", 0.0); // its image score was fused without IDENTITY's own rarity
            }
            if (config.get("identity") instanceof ObjectNode identity && !identity.has("ownPlaceWeight")) {
                // fitted before the own-place classification: its IDENTITY was calibrated without it
                identity.put("ownPlaceWeight", 0.0);
                identity.put("ownPlaceNeighbours", 5);
                identity.put("placeEvidenceConsistency", 0.8);
            }
            if (config.get("identity") instanceof ObjectNode identity && !identity.has("subspaceComponents")) {
                identity.put("subspaceComponents", 0); // fitted before the place subspaces: without them
                identity.put("subspaceWeight", 1.0);
            }
            if (config.get("fusion") instanceof ObjectNode fusion && !fusion.has("mapKindsAsOne")) {
                // written before kinds and notches were painted as findings: its maps paint every part by itself
                fusion.put("mapKindsAsOne", 0);
                fusion.put("mapNotchGrown", false);
            }
            if (config.get("identity") instanceof ObjectNode identity && !identity.has("swapPairs")) {
                identity.put("swapPairs", false); // its verdicts were given object by object
            }
            if (config.get("identity") instanceof ObjectNode identity && !identity.has("swapGain")) {
                identity.put("swapGain", 0.0); // swaps were seeded by a mismatched part only
                identity.put("partsAsOne", false); // and every piece of a part was a finding of its own
            }
            if (config.get("fusion") instanceof ObjectNode fusion && !fusion.has("mapKindsMaxRelation")) {
                fusion.put("mapKindsMaxRelation", 0.0); // written before the kinds rule's gate: painted everywhere
            }
            if (config.get("identity") instanceof ObjectNode identity && !identity.has("topologyWeight")) {
                identity.put("topologyWeight", 0.0); // fitted before the hole topology: histograms only
            }
            if (config.get("identity") instanceof ObjectNode identity && !identity.has("fillWeight")) {
                identity.put("fillWeight", 0.0); // fitted before the holes' fill: its IDENTITY was calibrated without it
                identity.put("fillNeighbours", 0);
            }
            if (config.get("measuring") instanceof ObjectNode measuring && !measuring.has("recognisedPatchWeight")) {
                // fitted before recognised objects' patch distances were weighed: every cell counts in full
                measuring.put("recognisedPatchWeight", 1.0);
            }
            if (config.get("measuring") instanceof ObjectNode measuring && !measuring.has("missingAreaMedian")) {
                // fitted before missing objects' voters were compared with their median: with the nearest's object
                measuring.put("missingAreaMedian", false);
            }
            if (config.get("identity") instanceof ObjectNode identity && !identity.has("placeSpread")) {
                identity.put("placeSpread", 0.0); // fitted before the places' spread: raw distances to the examples
            }
            if (config.get("identity") instanceof ObjectNode identity && !identity.has("deformationScale")) {
                // fitted before the deformation-tolerant distance: its objects carry no contrast image to compare
                identity.put("deformationScale", 0.0);
                identity.put("deformationWindow", 2);
                identity.put("deformationExamples", 8);
            }
            if (config.get("identity") instanceof ObjectNode identity && !identity.has("deformationMirror")) {
                identity.put("deformationMirror", 0.0); // fitted before the mirror evidence by deformation
            }
            if (config.get("identity") instanceof ObjectNode identity && !identity.has("areaScale")) {
                identity.put("areaScale", 0.0); // fitted before IDENTITY's own area scale: damped as OBJECT is
            }
            if (config.get("identity") instanceof ObjectNode identity && !identity.has("partShare")) {
                identity.put("partShare", 0.0); // fitted before pieces were damped by their place's whole part
            }
            if (config.get("fusion") instanceof ObjectNode fusion && !fusion.has("corroboratedMissing")) {
                fusion.put("corroboratedMissing", false); // its missing objects were judged by the larger z
            }
            if (config.get("fusion") instanceof ObjectNode fusion && !fusion.has("emptyPlace")) {
                fusion.put("emptyPlace", false); // its missing objects found twice were judged without the place
            }
            if (config.get("fusion") instanceof ObjectNode fusion && !fusion.has("corroboratedScore")) {
                // its image score was fused without the joint rarity of missing objects found twice
                fusion.put("corroboratedScore", 0.0);
            }
            if (config.get("fusion") instanceof ObjectNode fusion && !fusion.has("corroboratedSwapScore")) {
                // its image score was fused without the joint rarity of parts that changed places
                fusion.put("corroboratedSwapScore", 0.0);
                fusion.put("swapScoreGain", 0.1);
                fusion.put("swapExchange", false);
            }
            if (config.get("fusion") instanceof ObjectNode fusion && !fusion.has("mirrorScore")) {
                // its image score was fused without the rarity of a part turned over
                fusion.put("mirrorScore", 0.0);
                fusion.put("mirrorIdentity", true);
                fusion.put("mirrorShare", 0.1);
            }
            if (config.get("fusion") instanceof ObjectNode fusion && !fusion.has("mapObjects")) {
                // written before objects' scores were painted on their cores: its maps keep to the findings
                fusion.put("mapObjects", SamladConfig.Fusion.MapObjects.FINDINGS.name());
            }
            withDefaults(config, JSON.valueToTree(SamladConfig.defaults()));
        }
        return JSON.treeToValue(tree, Header.class);
    }

    /** Adds to {@code saved}, recursively, each field of {@code defaults} it lacks. */
    static void withDefaults(ObjectNode saved, JsonNode defaults) {
        defaults.fields().forEachRemaining(e -> {
            JsonNode mine = saved.get(e.getKey());
            if (mine == null) {
                saved.set(e.getKey(), e.getValue().deepCopy());
            } else if (mine instanceof ObjectNode nested && e.getValue().isObject()) {
                withDefaults(nested, e.getValue());
            }
        });
    }

    private static byte[] headerJson(byte[] all) throws IOException {
        BankInput in = new BankInput(all, 0, all.length - 8);
        in.skip(MAGIC.length + 4);
        byte[] json = new byte[BankValidation.count(in.readInt(), in.available(), 1, "header byte")];
        in.readFully(json);
        return json;
    }

    /** Which samlad wrote a bank, as far as its header says. */
    private static String writer(byte[] all) {
        try {
            JsonNode v = JSON.readTree(headerJson(all)).path("provenance").path("toolVersion");
            return v.isTextual() ? "samlad " + v.asText() : "an unknown samlad";
        } catch (IOException | RuntimeException e) {
            return "an unknown samlad";
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int newline = m.indexOf('\n');
        return newline < 0 ? m : m.substring(0, newline);
    }

    private static TemplateBank decode(byte[] all, Header h, int version) throws IOException {
        BankInput in = new BankInput(all, 0, all.length - 8);
        in.skip(MAGIC.length + 4);
        in.skip(in.readInt());
        FeatureQuantizer q = new FeatureQuantizer(h.quantMin(), h.quantMax());
        int channels = h.quantMin().length;
        // every count is checked against the bytes left before anything is allocated for it
        int n = BankValidation.count(in.readInt(), in.available(), 28, "scene");
        BankValidation.sceneCount(n, h.names().size(), h.provenance().imageCount());
        List<Scene> scenes = new ArrayList<>(n);
        List<float[]> globals = new ArrayList<>();
        List<float[]> means = new ArrayList<>();
        List<float[]> covariances = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String scene = "scene " + i;
            int w = in.readInt();
            int hh = in.readInt();
            BankValidation.side(w, hh, scene);
            float[] global = readFloats(in, scene + " global descriptor");
            globals.add(global);
            int c = in.readInt();
            int pw = in.readInt();
            int ph = in.readInt();
            BankValidation.require(c == channels, scene + " has " + c + " feature channels, the header " + channels);
            BankValidation.side(pw, ph, scene + " patch grid");
            long cells = (long) c * pw * ph;
            BankValidation.require(cells <= in.available(), scene + " patch features do not fit in the file");
            byte[] pq = new byte[(int) cells];
            in.readFully(pq);
            FeatureMap patches = q.dequantize(pq, pw, ph);
            int objects = BankValidation.count(in.readInt(), in.available(), 24, scene + " object");
            List<SceneObject> objs = new ArrayList<>(objects);
            for (int k = 0; k < objects; k++) {
                String object = scene + " object " + k;
                int mw = in.readInt();
                int mh = in.readInt();
                BankValidation.side(mw, mh, object + " mask");
                if (!objs.isEmpty()) {
                    ObjectMask first = objs.get(0).mask();
                    BankValidation.require(first.width() == mw && first.height() == mh,
                            object + " mask grid differs from the scene's other objects");
                }
                double quality = in.readDouble();
                BankValidation.require(Double.isFinite(quality), object + " mask quality is not finite");
                int wordCount = BankValidation.count(in.readInt(), in.available(), 8, object + " mask word");
                BankValidation.require((long) wordCount * 64 < (long) mw * mh + 64, object + " mask holds more bits"
                        + " than its grid");
                long[] words = in.readLongs(wordCount);
                BitSet bits = BitSet.valueOf(words);
                BankValidation.require(bits.length() <= mw * mh, object + " mask has bits beyond its grid");
                BankValidation.require(!bits.isEmpty(), object + " mask is empty");
                ObjectMask mask = new ObjectMask(mw, mh, bits, quality);
                float[] mean = readFloats(in, object + " mean feature");
                float[] cov = readFloats(in, object + " covariance");
                means.add(mean);
                covariances.add(cov);
                // format 1 stored no appearance: its objects take no part in the IDENTITY measure
                float[] appearance = version >= 2 ? readFloats(in, object + " appearance") : new float[0];
                objs.add(new SceneObject(mask, mean, Covariance.ofStored(mean.length, cov), appearance));
            }
            scenes.add(new Scene(w, hh, global, patches, null, objs));
        }
        ChannelProjection projection = null;
        boolean formsRead = false;
        boolean looseRead = false;
        boolean coloured = false;
        while (version >= 3 && in.available() > 0) {
            int tag = in.readInt();
            int length = BankValidation.count(in.readInt(), in.available(), 1, "section byte");
            byte[] section = new byte[length];
            in.readFully(section);
            if (tag == PROJECTION_SECTION && projection == null) {
                projection = readProjection(section, channels);
            } else if (tag == FORM_SECTION && !formsRead) {
                scenes = readForms(section, scenes);
                formsRead = true;
            } else if (tag == LOOSE_SECTION && !looseRead) {
                scenes = readLoose(section, scenes);
                looseRead = true;
            } else if (tag == COLOUR_SECTION && !coloured) {
                scenes = readColours(section, scenes);
                coloured = true;
            } else {
                throw new IOException("section " + Integer.toHexString(tag) + " unknown or repeated");
            }
        }
        if (in.available() != 0) {
            throw new IOException("unexpected trailing bytes");
        }
        BankValidation.shapes(globals, means, covariances);
        return new TemplateBank(h.config(), h.pipelineId(), scenes, h.names(), h.calibration(), h.provenance(),
                projection);
    }

    private static void writeColours(DataOutputStream out, List<Scene> scenes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream section = new DataOutputStream(bytes);
        for (Scene s : scenes) {
            float[] h = s.colours();
            int nonZero = 0;
            for (float v : h) {
                nonZero += v != 0 ? 1 : 0;
            }
            section.writeInt(nonZero);
            for (int b = 0; b < h.length; b++) {
                if (h[b] != 0) {
                    section.writeShort(b);
                    section.writeFloat(h[b]);
                }
            }
        }
        section.flush();
        out.writeInt(COLOUR_SECTION);
        out.writeInt(bytes.size());
        bytes.writeTo(out);
    }

    /** The scenes with the colour histograms of the section. */
    private static List<Scene> readColours(byte[] section, List<Scene> scenes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(section));
        List<Scene> out = new ArrayList<>(scenes.size());
        for (int i = 0; i < scenes.size(); i++) {
            int nonZero = BankValidation.count(in.readInt(), in.available(), 6, "scene " + i + " colour bin");
            BankValidation.require(nonZero <= ColourHistogram.BINS, "scene " + i + " has " + nonZero
                    + " colour bins, at most " + ColourHistogram.BINS + " exist");
            float[] h = new float[ColourHistogram.BINS];
            for (int k = 0; k < nonZero; k++) {
                int b = in.readShort();
                BankValidation.require(b >= 0 && b < h.length, "scene " + i + " colour bin " + b + " out of range");
                float v = in.readFloat();
                BankValidation.require(Float.isFinite(v) && v >= 0 && v <= 1, "scene " + i + " colour share " + v
                        + " not in [0, 1]");
                h[b] = v;
            }
            Scene s = scenes.get(i);
            out.add(new Scene(s.width(), s.height(), s.global(), s.patches(), s.fine(), s.objects(), h, s.loose()));
        }
        BankValidation.require(in.available() == 0, "colour section has trailing bytes");
        return out;
    }

    private static void writeProjection(DataOutputStream out, ChannelProjection p) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream section = new DataOutputStream(bytes);
        section.writeInt(p.inputChannels());
        section.writeInt(p.width());
        writeFloats(section, p.basis());
        section.flush();
        out.writeInt(PROJECTION_SECTION);
        out.writeInt(bytes.size());
        bytes.writeTo(out);
    }

    private static boolean hasForms(TemplateBank bank) {
        for (Scene s : bank.scenes()) {
            for (SceneObject o : s.objects()) {
                if (o.form().measured()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void writeForms(DataOutputStream out, TemplateBank bank) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream section = new DataOutputStream(bytes);
        for (Scene s : bank.scenes()) {
            for (SceneObject o : s.objects()) {
                for (float v : o.form().toArray()) {
                    section.writeFloat(v);
                }
            }
        }
        section.flush();
        out.writeInt(FORM_SECTION);
        out.writeInt(bytes.size());
        bytes.writeTo(out);
    }

    private static void writeLoose(DataOutputStream out, TemplateBank bank) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream section = new DataOutputStream(bytes);
        for (Scene s : bank.scenes()) {
            section.writeInt(s.loose().size());
            for (ObjectForm f : s.loose()) {
                for (float v : f.toArray()) {
                    section.writeFloat(v);
                }
            }
        }
        section.flush();
        out.writeInt(LOOSE_SECTION);
        out.writeInt(bytes.size());
        bytes.writeTo(out);
    }

    /** The scenes with their loose forms from the loose section: per scene a count, then that many forms. */
    private static List<Scene> readLoose(byte[] section, List<Scene> scenes) throws IOException {
        BankInput in = new BankInput(section, 0, section.length);
        List<Scene> out = new ArrayList<>(scenes.size());
        for (Scene s : scenes) {
            int n = BankValidation.count(in.readInt(), in.available(), ObjectForm.STORED_VALUES * 4, "loose form");
            List<ObjectForm> loose = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                float[] v = in.readFloats(ObjectForm.STORED_VALUES);
                BankValidation.finite(v, "loose form");
                loose.add(ObjectForm.fromArray(v));
            }
            out.add(s.withLoose(loose));
        }
        BankValidation.require(in.available() == 0, "loose section has trailing bytes");
        return out;
    }

    /** The scenes with their objects' forms from the form section, which must hold exactly one per object. */
    private static List<Scene> readForms(byte[] section, List<Scene> scenes) throws IOException {
        long objects = 0;
        for (Scene s : scenes) {
            objects += s.objects().size();
        }
        BankValidation.require(section.length == objects * ObjectForm.STORED_VALUES * 4L, "form section holds "
                + section.length + " bytes, not " + ObjectForm.STORED_VALUES + " floats for each of " + objects
                + " objects");
        BankInput in = new BankInput(section, 0, section.length);
        List<Scene> out = new ArrayList<>(scenes.size());
        for (Scene s : scenes) {
            List<SceneObject> objs = new ArrayList<>(s.objects().size());
            for (SceneObject o : s.objects()) {
                float[] v = in.readFloats(ObjectForm.STORED_VALUES);
                BankValidation.finite(v, "object form");
                objs.add(new SceneObject(o.mask(), o.meanFeature(), o.covariance(), o.appearance(),
                        ObjectForm.fromArray(v)));
            }
            out.add(new Scene(s.width(), s.height(), s.global(), s.patches(), s.fine(), objs, s.colours(), s.loose()));
        }
        return out;
    }

    /** The projection section; its width must be the stored features' channel count. */
    private static ChannelProjection readProjection(byte[] section, int channels) throws IOException {
        BankInput in = new BankInput(section, 0, section.length);
        int inputChannels = in.readInt();
        int width = in.readInt();
        BankValidation.require(width == channels, "projection width " + width + " differs from the stored features'"
                + " " + channels + " channels");
        BankValidation.require(inputChannels > width && inputChannels <= 1 << 16, "projection input channels "
                + inputChannels + " not in (" + width + ", 65536]");
        float[] basis = readFloats(in, "projection basis");
        BankValidation.require(basis.length == inputChannels * width, "projection basis holds " + basis.length
                + " values, not " + inputChannels + " x " + width);
        BankValidation.require(in.available() == 0, "projection section has trailing bytes");
        return new ChannelProjection(inputChannels, width, basis);
    }

    /**
     * An object mask as the bank stores it: width, height, quality, then the bit set's words (count first). Public so
     * that other lossless carriers of scenes (samlad-spark's wire format) write masks the same way.
     */
    public static void writeMask(java.io.DataOutput out, ObjectMask m) throws IOException {
        out.writeInt(m.width());
        out.writeInt(m.height());
        out.writeDouble(m.quality());
        long[] words = m.bits().toLongArray();
        out.writeInt(words.length);
        for (long w : words) {
            out.writeLong(w);
        }
    }

    private static void writeFloats(DataOutputStream out, float[] v) throws IOException {
        out.writeInt(v.length);
        for (float f : v) {
            out.writeFloat(f);
        }
    }

    private static float[] readFloats(BankInput in, String what) throws IOException {
        int n = BankValidation.count(in.readInt(), in.available(), 4, what + " value");
        float[] v = in.readFloats(n);
        BankValidation.finite(v, what);
        return v;
    }
}
