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
import io.samlad.util.SideWork;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;

/**
 * Stages 2, 5, 6 and 7 for one query scene against a template bank, each done by its own class: retrieval
 * ({@link ReferenceRetrieval}), object encoding (DCGA) and matching (OMM) over each of the k references, patch
 * distances ({@link PatchDistances}), object measures ({@link ObjectMeasures}), each object's identity
 * ({@link IdentityComparer}) and the image-level values
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

    @Override
    public RawMeasurement score(Scene query, TemplateBank bank, int exclude, StageTimings timings) {
        References refs = retrieval.retrieve(query, bank, exclude, timings);
        long t0 = System.nanoTime();
        // the bank's grids re-laid for the distance kernel once per bank, the query's once per query
        PatchPlanes planes = PatchPlanes.forQuery(bank, query.patches());
        // What needs only the query and the bank starts first, beside the rest where a core is spare (SideWork):
        // the bank-wide patch distances and each object's identity. Either way the values are the same.
        SideWork<Timed<float[]>> bankWide = null;
        if (config.measuring().bankReferences() > 0) {
            List<Scene> wider = new ArrayList<>();
            for (int i : refs.bankWide()) {
                wider.add(bank.scene(i));
            }
            bankWide = SideWork.start(() -> Timed.of(() -> PatchDistances.nearestSquared(query.patches(), wider,
                    config.measuring().bankNeighbourhood(), planes)));
        }
        // Banks of format 1 stored no appearances: they score as they did. A bank with fewer than half the images
        // the measure asks for gives too few examples per place for a nearest-neighbour judgement (a 12-image toy
        // bank made a normal scene's rarer variant an outlier): the measure is off there.
        SideWork<Timed<double[]>> identity = config.identity().images() > 0
                && bank.size() >= (config.identity().images() + 1) / 2 && hasAppearances(bank)
                        ? SideWork.start(() -> Timed.of(() -> IdentityComparer.perObject(query, bank, exclude,
                                config.identity(), config.measuring().objectAreaScale())))
                        : null;
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
        FloatMap bankMap = null;
        if (bankWide != null) {
            bankMap = PatchDistances.smoothed(PatchDistances.widened(near.forward(), bankWide.join().value(timings)),
                    sigma);
            PatchNoise bankNoise = bank.calibration().bankNoise();
            bankMap = bankNoise == null ? bankMap : bankNoise.apply(bankMap);
        }
        EnumMap<Measure, Double> values = ScoreFusion.imageValues(patchMap, bankMap, findings, missing,
                refs.globalRaw(), config.stability().attributes());
        if (identity != null) {
            double[] perObject = identity.join().value(timings);
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
        // Like IDENTITY, off for banks of fewer than half the images it asks for (too few normal compositions), and
        // for banks whose halves do not depend on each other (CompositionRelation): there it is only noise.
        SamladConfig.Composition composition = config.composition();
        if (composition.images() > 0 && bank.size() >= (composition.images() + 1) / 2
                && (composition.minRelation() <= 0 || CompositionRelation.of(bank, composition,
                        config.measuring().objectAreaScale()) >= composition.minRelation())) {
            values.put(Measure.COMPOSITION, CompositionComparer.raw(query, bank, exclude, composition,
                    config.measuring().objectAreaScale()));
        }
        if (bankMap == null) {
            bankMap = FloatMap.zeros(patchMap.width(), patchMap.height());
        }
        timings.add(Stage.MEASURING, started + System.nanoTime() - t1);
        return new RawMeasurement(values, patchMap, maps.forward(), maps.reverse(), bankMap, gaussMap, findings, missing,
                refs.indices());
    }

    /**
     * A measuring result with the CPU time it took and the thread it ran on: work that ran on a helper charges its CPU
     * time to the measuring stage as another thread's (the caller's own CPU time does not hold it).
     */
    private record Timed<T>(T result, long cpuNanos, Thread thread) {
        static <T> Timed<T> of(java.util.function.Supplier<T> work) {
            long c0 = StageTimings.threadCpuNanos();
            T result = work.get();
            return new Timed<>(result, StageTimings.threadCpuNanos() - c0, Thread.currentThread());
        }

        T value(StageTimings timings) {
            if (thread != Thread.currentThread()) {
                timings.addOffThreadCpu(Stage.MEASURING, cpuNanos);
            }
            return result;
        }
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
