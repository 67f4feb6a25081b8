package io.samlad.measure;

import io.samlad.bank.TemplateBank;
import io.samlad.calibration.Measure;
import io.samlad.calibration.PatchNoise;
import io.samlad.config.SamladConfig;
import io.samlad.config.Stage;
import io.samlad.config.StageTimings;
import io.samlad.image.FloatMap;
import io.samlad.matching.ObjectMatcher;
import io.samlad.objects.ObjectEncoder;
import io.samlad.objects.Scene;
import io.samlad.objects.SceneObject;
import io.samlad.segment.ObjectMask;
import io.samlad.util.SharedWork;
import io.samlad.util.SideWork;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;

/**
 * Stages 2, 5, 6 and 7 for one query scene against a template bank, each done by its own class: retrieval
 * ({@link ReferenceRetrieval}), object encoding (DCGA) and matching (OMM) over each of the k references, patch
 * distances ({@link PatchDistances}), object measures ({@link ObjectMeasures}), each object's identity
 * ({@link IdentityComparer}), the composition and colour shares ({@link CompositionComparer},
 * {@link ColourComposition}) and the image-level values
 * ({@link ScoreFusion}). Pure: no I/O, no state between calls.
 */
public final class SamladScorer implements Scorer {
    private final SamladConfig config;
    private final ObjectEncoder encoder;
    private final ObjectMatcher matcher;
    private final ReferenceRetrieval retrieval;
    private final ObjectMeasures objectMeasures;

    public SamladScorer(SamladConfig config) {
        this.config = config;
        this.encoder = new ObjectEncoder(config.encoding());
        this.matcher = new ObjectMatcher(config.matching());
        this.retrieval = new ReferenceRetrieval(config, encoder, matcher);
        this.objectMeasures = new ObjectMeasures(config);
    }

    @Override
    public boolean needsObjects() {
        return true;
    }

    /**
     * The bank's place consistency, composition relation and colour model (what {@link #bankSide} computes about the
     * bank alone on the first query: about half a second of CPU for 300 images, while a second query waits for it),
     * each only where a query would use it. The re-laid patch grids stay lazy: a batch uses only some of them.
     */
    @Override
    public void prepare(TemplateBank bank) {
        if (identityMeasured(bank) && config.identity().minConsistency() > 0) {
            PlaceConsistency.of(bank, config.identity());
        }
        if (compositionAsked(bank) && config.composition().minRelation() > 0) {
            CompositionRelation.of(bank, config.composition(), config.measuring().objectAreaScale());
        }
        SamladConfig.Colours colours = config.colours();
        if (ColourComposition.applies(bank, colours) && (colours.minRelation() <= 0 || CompositionRelation.of(bank,
                coloursRelation(), config.measuring().objectAreaScale()) >= colours.minRelation())) {
            ColourComposition.prepare(bank, colours);
        }
    }

    @Override
    public RawMeasurement score(Scene query, TemplateBank bank, int exclude, StageTimings timings) {
        References refs = retrieval.retrieve(query, bank, exclude, timings);
        long t0 = System.nanoTime();
        // the bank's grids re-laid for the distance kernel once per bank, the query's once per query
        PatchPlanes planes = PatchPlanes.forQuery(bank, query.patches());
        // What needs only the query and the bank (each object's identity, the bank-wide patch distances, the
        // composition, the colours) starts first, as four parts of shared work: a spare core takes them one by one
        // beside encoding, matching and the k references' distances, and this thread takes those left when it needs
        // their results (all of them without a spare core). The values are the same wherever each part runs.
        List<Scene> wider = new ArrayList<>();
        for (int i : refs.bankWide()) {
            wider.add(bank.scene(i));
        }
        BankSideParts bankSide = new BankSideParts(query, bank, exclude, wider, planes);
        SharedWork fromBank = SharedWork.start(BankSideParts.PARTS, bankSide::run);
        long started = System.nanoTime() - t0;
        List<float[][]> vectors = timings.time(Stage.ENCODING, () -> {
            List<List<SceneObject>> all = new ArrayList<>();
            all.add(query.objects());
            for (Scene r : refs.scenes()) {
                all.add(r.objects());
            }
            return encoder.encode(all);
        });
        List<ObjectMatcher.Match> matches = timings.time(Stage.MATCHING, () -> {
            List<ObjectMatcher.Match> out = new ArrayList<>();
            for (int r = 0; r < refs.size(); r++) {
                out.add(matcher.match(query.objects(), vectors.get(0), refs.scenes().get(r).objects(),
                        vectors.get(r + 1)));
            }
            return out;
        });
        long t1 = System.nanoTime();
        double sigma = config.measuring().smoothingSigma() * query.patches().width() / query.fine().width();
        PatchMaps near = PatchDistances.between(query.patches(), refs.scenes(), config.measuring().neighbourhood(),
                true, planes);
        PatchMaps maps = near.smoothed(sigma).normalised(bank);
        FloatMap patchMap = maps.combined();
        FloatMap gaussMap = new FloatMap(query.fine().width(), query.fine().height(),
                new float[query.fine().width() * query.fine().height()]);
        Arrays.fill(gaussMap.data(), Float.NaN);
        List<RawMeasurement.ObjectFinding> findings = objectMeasures.findings(query, refs, matches, vectors, gaussMap);
        List<RawMeasurement.MissingFinding> missing = objectMeasures.missing(query.objects(), refs, matches, vectors);
        long helperMark = SideWork.joinedHelperCpuNanos();
        // this thread takes the parts a helper has not begun, then waits for the one it is on (if any)
        fromBank.finish();
        BankSide side = bankSide.result();
        // a helper's CPU time on it (if one ran it) is measuring's too: this thread's own CPU time does not hold it
        timings.addJoinedHelperCpu(Stage.MEASURING, helperMark);
        FloatMap bankMap = null;
        if (side.bankWideSquared() != null) {
            bankMap = PatchDistances.smoothed(PatchDistances.widened(near.forward(), side.bankWideSquared()), sigma);
            PatchNoise bankNoise = bank.calibration().bankNoise();
            bankMap = bankNoise == null ? bankMap : bankNoise.apply(bankMap);
        }
        EnumMap<Measure, Double> values = ScoreFusion.imageValues(patchMap, bankMap, findings, missing,
                refs.globalRaw(), config.stability().attributes());
        if (side.identity() != null) {
            double[] perObject = side.identity();
            List<RawMeasurement.ObjectFinding> withIdentity = new ArrayList<>(findings.size());
            double identityMax = 0;
            for (RawMeasurement.ObjectFinding f : findings) {
                double v = perObject[f.objectIndex()];
                withIdentity.add(f.withIdentity(v));
                identityMax = Math.max(identityMax, v);
            }
            findings = withIdentity;
            values.put(Measure.IDENTITY, identityMax);
        }
        if (side.composition() != null) {
            values.put(Measure.COMPOSITION, side.composition());
        }
        SamladConfig.Peers peers = config.peers();
        List<RawMeasurement.LooseFinding> looseFindings = new ArrayList<>();
        if (peers.on() && bankHasForms(bank)) {
            // Objects of one kind in the query itself, against each other: needs no reference.
            // where the fit found no in-image kinds but stable places, an object is judged against the objects at
            // its place in the bank-wide references (the k references where there are none)
            List<Scene> places = !peers.byPlace() ? List.of() : wider.isEmpty() ? refs.scenes() : wider;
            double[][] dev = PeerComparer.deviations(query.objects(), places, peers);
            List<RawMeasurement.ObjectFinding> withPeers = new ArrayList<>(findings.size());
            double sizeMax = 0;
            double shapeMax = 0;
            double spacingMax = 0;
            for (RawMeasurement.ObjectFinding f : findings) {
                double[] d = dev[f.objectIndex()];
                withPeers.add(f.withPeers(d[0], d[1], d[2]));
                sizeMax = Math.max(sizeMax, d[0]);
                shapeMax = Math.max(shapeMax, d[1]);
                spacingMax = Math.max(spacingMax, d[2]);
            }
            findings = withPeers;
            // parts of the kind the segmentation lost count for the image, though they are no object to paint
            double[][] looseEach = PeerComparer.looseDeviationsEach(query.objects(), query.loose(), peers);
            for (int k = 0; k < looseEach.length; k++) {
                double[] d = looseEach[k];
                sizeMax = Math.max(sizeMax, d[0]);
                shapeMax = Math.max(shapeMax, d[1]);
                if (d[0] > 0 || d[1] > 0) {
                    looseFindings.add(new RawMeasurement.LooseFinding(k, d[0], d[1]));
                }
            }
            if (peers.size()) {
                values.put(Measure.PEER_SIZE, sizeMax);
            }
            if (peers.shape()) {
                values.put(Measure.PEER_SHAPE, shapeMax);
            }
            if (peers.spacing()) {
                values.put(Measure.PEER_SPACING, spacingMax);
            }
        }
        if (side.colours() != null) {
            values.put(Measure.COLOURS, side.colours());
        }
        float[] pieceCells = null;
        SamladConfig.Pieces pieces = config.colours().pieces();
        if (pieces.on() && query.lattice() != null && ColourComposition.applies(bank, config.colours())) {
            // Pose-free: how many pieces each colour forms, and whether a pair of one size still is one.
            ColourComposition.Model model = ColourComposition.model(bank, config.colours());
            ColourPieces.Result r = ColourPieces.raw(query.lattice(), model.means(), pieces, query.width(),
                    query.height(), query.fine().width(), query.fine().height(), config.colours().paintPairs());
            values.put(Measure.PIECES, r.raw());
            pieceCells = r.cells();
        }
        float[] layoutCells = null;
        if (config.layout().on()) {
            // inside the objects that keep their place: what lies where in each one's own box
            // against the nearest normal images' layouts (the same product) where asked, else against all
            java.util.Set<Integer> among = null;
            if (config.layout().nearestOnly()) {
                among = new java.util.HashSet<>(refs.indices());
                among.addAll(refs.bankWide());
            }
            LayoutComparer.Result r = LayoutComparer.raw(query, config.layout(), exclude, among);
            values.put(Measure.LAYOUT, r.raw());
            layoutCells = r.cells();
            if (layoutJointOn(bank)) {
                values.put(Measure.LAYOUT_JOINT, LayoutComparer.joint(query, config.layout(), exclude));
            }
        }
        if (bankMap == null) {
            bankMap = FloatMap.zeros(patchMap.width(), patchMap.height());
        }
        timings.add(Stage.MEASURING, started + System.nanoTime() - t1);
        return new RawMeasurement(values, patchMap, maps.forward(), maps.reverse(), bankMap, gaussMap, findings, missing,
                refs.indices(), looseFindings, pieceCells, layoutCells,
                recognisedPatchWeights(query, bank, exclude, patchMap.width(), patchMap.height()));
    }

    /**
     * How far an object's box is grown each way, as a share of its width and height, for the cells its recognised
     * strokes weigh: the reverse distances of a slanted stroke lie where the references' upright ones are, beside it.
     */
    static final double RECOGNISED_BOX_MARGIN = 0.25;

    /**
     * The weight of each patch-grid cell's calibrated patch distances ({@code measuring.recognisedPatchWeight}, w):
     * w over the box (grown by {@link #RECOGNISED_BOX_MARGIN} of its size each way) of every object that its place's
     * normal examples recognise (a majority of its {@code identity.ownPlaceNeighbours} nearest normal objects by
     * appearance stand at its place, {@link IdentityComparer#ownPlaceShare}), where no box of an object they do not
     * recognise reaches; 1 elsewhere. Null where w is 1 or the bank's places have no reliable
     * identity (place consistency below {@code identity.placeEvidenceConsistency}: the synthetic categories,
     * juice_bottle).
     */
    private float[] recognisedPatchWeights(Scene query, TemplateBank bank, int exclude, int pw, int ph) {
        SamladConfig.Identity identity = config.identity();
        double w = config.measuring().recognisedPatchWeight();
        if (w >= 1 || identity.images() == 0 || !identityMeasured(bank)
                || PlaceConsistency.of(bank, identity).share() < identity.placeEvidenceConsistency()) {
            return null;
        }
        List<Scene> normals = new ArrayList<>();
        for (TemplateBank.Neighbour n : bank.nearest(query.global(), identity.images(), exclude)) {
            normals.add(bank.scene(n.index()));
        }
        boolean[] recognised = new boolean[pw * ph];
        boolean[] other = new boolean[pw * ph];
        for (SceneObject q : query.objects()) {
            boolean rec = IdentityComparer.ownPlaceShare(q, normals, identity.radius(),
                    identity.ownPlaceNeighbours()) > 0.5;
            ObjectMask m = q.mask();
            double gx = (m.maxX() - m.minX() + 1) * RECOGNISED_BOX_MARGIN;
            double gy = (m.maxY() - m.minY() + 1) * RECOGNISED_BOX_MARGIN;
            int x0 = Math.max(0, (int) Math.floor((m.minX() - gx) * pw / m.width()));
            int x1 = Math.min(pw - 1, (int) Math.ceil((m.maxX() + 1 + gx) * pw / m.width()) - 1);
            int y0 = Math.max(0, (int) Math.floor((m.minY() - gy) * ph / m.height()));
            int y1 = Math.min(ph - 1, (int) Math.ceil((m.maxY() + 1 + gy) * ph / m.height()) - 1);
            boolean[] mark = rec ? recognised : other;
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    mark[y * pw + x] = true;
                }
            }
        }
        float[] out = new float[pw * ph];
        for (int c = 0; c < out.length; c++) {
            out[c] = recognised[c] && !other[c] ? (float) w : 1f;
        }
        return out;
    }

    /**
     * The measures that need only the query and the bank, each null where it is off.
     *
     * @param bankWideSquared squared forward distances to the bank-wide references ({@link
     *                        PatchDistances#nearestSquared})
     * @param identity        raw IDENTITY per query object
     * @param composition     raw COMPOSITION
     * @param colours         raw COLOURS
     */
    private record BankSide(float[] bankWideSquared, double[] identity, Double composition, Double colours) {
    }

    /**
     * The four parts of {@link BankSide}, each written only by the part that computes it, so that a helper and the
     * scoring thread can share them ({@link SharedWork}); the largest (IDENTITY) first, so a helper starts on it.
     */
    private final class BankSideParts {
        static final int PARTS = 4;
        private final Scene query;
        private final TemplateBank bank;
        private final int exclude;
        private final List<Scene> wider;
        private final PatchPlanes planes;
        private double[] identity;
        private float[] bankWide;
        private Double composition;
        private Double colours;

        BankSideParts(Scene query, TemplateBank bank, int exclude, List<Scene> wider, PatchPlanes planes) {
            this.query = query;
            this.bank = bank;
            this.exclude = exclude;
            this.wider = wider;
            this.planes = planes;
        }

        void run(int part) {
            switch (part) {
                case 0 -> identity = identity(query, bank, exclude);
                case 1 -> bankWide = config.measuring().bankReferences() > 0 ? PatchDistances.nearestSquared(
                        query.patches(), wider, config.measuring().bankNeighbourhood(), planes) : null;
                case 2 -> composition = composition(query, bank, exclude);
                case 3 -> colours = colours(query, bank, exclude);
                default -> throw new IllegalArgumentException("no part " + part);
            }
        }

        /** The four values, once every part has run. */
        BankSide result() {
            return new BankSide(bankWide, identity, composition, colours);
        }
    }

    private double[] identity(Scene query, TemplateBank bank, int exclude) {
        // Banks of format 1 stored no appearances: they score as they did. A bank with fewer than half the images
        // the measure asks for gives too few examples per place for a nearest-neighbour judgement (a 12-image toy
        // bank made a normal scene's rarer variant an outlier): the measure is off there.
        return identityMeasured(bank)
                        ? IdentityComparer.perObject(query, bank, exclude, config.identity(),
                                config.measuring().objectAreaScale())
                        : null;
    }

    private Double composition(Scene query, TemplateBank bank, int exclude) {
        // Like IDENTITY, off for banks of fewer than half the images it asks for (too few normal compositions), and
        // for banks whose halves do not depend on each other (CompositionRelation): there it is only noise.
        SamladConfig.Composition composition = config.composition();
        if (compositionAsked(bank) && (composition.minRelation() <= 0 || CompositionRelation.of(bank, composition,
                        config.measuring().objectAreaScale()) >= composition.minRelation())) {
            return CompositionComparer.raw(query, bank, exclude, composition, config.measuring().objectAreaScale());
        }
        return null;
    }

    private Double colours(Scene query, TemplateBank bank, int exclude) {
        // Off where the bank or the query holds no colour histograms (banks written before the measure), and, like
        // COMPOSITION, where the bank's halves do not depend on each other: a pin in every cell of a grid has no
        // rule between parts' colours and sizes, and the shares' normal noise cost pin_grid's structural AUROC
        SamladConfig.Colours colours = config.colours();
        return query.hasColours() && ColourComposition.applies(bank, colours)
                && (colours.minRelation() <= 0 || CompositionRelation.of(bank, coloursRelation(),
                        config.measuring().objectAreaScale()) >= colours.minRelation())
                ? ColourComposition.raw(query, bank, exclude, colours) : null;
    }

    /** The composition parameters whose relation decides whether COLOURS speaks (the defaults' images if off). */
    private SamladConfig.Composition coloursRelation() {
        SamladConfig.Composition composition = config.composition();
        return composition.images() > 0 ? composition
                : composition.withImages(SamladConfig.Composition.DEFAULTS.images());
    }

    /**
     * Whether LAYOUT_JOINT is taken: two or more judged places, and, like COMPOSITION, only in banks whose halves
     * depend on each other (CompositionRelation; compartment_box's items do not, and there it would be noise).
     */
    private boolean layoutJointOn(TemplateBank bank) {
        SamladConfig.Composition composition = coloursRelation();
        return config.layout().jointOn() && (composition.minRelation() <= 0 || CompositionRelation.of(bank,
                composition, config.measuring().objectAreaScale()) >= composition.minRelation());
    }

    /** Whether the IDENTITY measure is taken against this bank (see {@link #bankSide}). */
    private boolean identityMeasured(TemplateBank bank) {
        return config.identity().images() > 0 && bank.size() >= (config.identity().images() + 1) / 2
                && hasAppearances(bank);
    }

    /** Whether COMPOSITION is asked for and the bank large enough (its relation then decides, see {@link #bankSide}). */
    private boolean compositionAsked(TemplateBank bank) {
        return config.composition().images() > 0 && bank.size() >= (config.composition().images() + 1) / 2;
    }

    /** Banks written before object forms existed store none: the peer measures are off for them. */
    private static boolean bankHasForms(TemplateBank bank) {
        for (int i = 0; i < bank.size(); i++) {
            if (!bank.scene(i).objects().isEmpty()) {
                return PeerComparer.hasForms(bank.scene(i).objects());
            }
        }
        return false;
    }

    private static boolean hasAppearances(TemplateBank bank) {
        for (int i = 0; i < bank.size(); i++) {
            for (SceneObject o : bank.scene(i).objects()) {
                return o.appearance().length > 0;
            }
        }
        return false;
    }
}
