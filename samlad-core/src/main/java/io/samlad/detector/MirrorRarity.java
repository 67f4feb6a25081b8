package io.samlad.detector;

import io.samlad.bank.TemplateBank;
import io.samlad.calibration.Calibration;
import io.samlad.calibration.Measure;
import io.samlad.calibration.MirrorPart;
import io.samlad.config.SamladConfig;
import io.samlad.measure.IdentityComparer;
import io.samlad.measure.RawMeasurement;
import io.samlad.objects.Scene;
import io.samlad.objects.SceneObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A part turned over, as its own evidence in the image score ({@code fusion.mirrorScore}): IDENTITY folds a part's
 * mirror evidence into one value that is then ranked against IDENTITY's normal tail, heavy with odd handwriting and
 * pieces; but a normal part's mirror image is almost never nearer to its place's examples than itself, so how rarely
 * normal images hold mirror evidence that large is the sharper statistic. Each measured part's mirror share is
 *
 *     share = max(0, 1 - d_D^mirror / d_D) · sqrt(min(1, A / s))
 *
 * (the deformation-tolerant distances of {@code identity.deformationMirror}, same examples; {@code s} the
 * objectAreaScale, so that a piece counts less, as in the swapped pairs' gain).
 */
final class MirrorRarity {
    private MirrorRarity() {
    }

    /**
     * Whether parts turned over compete in the image score in this bank: asked for ({@code fusion.mirrorScore} above
     * 0), the bank's places recognised at least that often, and IDENTITY's deformation-tolerant mirror evidence on
     * (the fit's topology gate turns it off where places have no identity; the query's parts then carry no contrast).
     */
    static boolean speaks(TemplateBank bank, SamladConfig config) {
        SamladConfig.Identity identity = config.identity();
        double gate = config.fusion().mirrorScore();
        return gate > 0 && identity.images() > 0 && identity.deformationMirror() > 0 && identity.topologyWeight() > 0
                && IdentityComparer.placeConsistency(bank, config.identity()) >= gate;
    }

    /**
     * Every part IDENTITY measured ({@code identityRaw > 0}) with a positive mirror share, and its calibrated IDENTITY
     * z; with the largest share over all measured parts (0 where none), which the fit ranks normal images by. The
     * normal examples exclude the query itself (a scene with its global descriptor), as for the swapped pairs: a
     * training image is scored out of sample, as its IDENTITY was.
     */
    static Mirrors scored(Scene query, List<RawMeasurement.ObjectFinding> findings, TemplateBank bank,
            Calibration cal, SamladConfig config) {
        SamladConfig.Identity identity = config.identity();
        List<Scene> normals = OutOfSampleExamples.nearest(query, bank, identity.images());
        int m = Math.min(identity.neighbours(), Math.max(1, normals.size()));
        double areaScale = config.measuring().objectAreaScale();
        double gate = config.fusion().mirrorShare();
        List<MirrorPart> out = new ArrayList<>();
        double largest = 0;
        for (RawMeasurement.ObjectFinding f : findings) {
            if (!(f.identityRaw() > 0)) {
                continue;
            }
            SceneObject q = query.objects().get(f.objectIndex());
            double share = IdentityComparer.deformationMirrorShare(q, normals, identity.radius(), m, identity);
            if (!(share > 0)) {
                continue;
            }
            share = IdentityComparer.damped(share, q.mask().areaFraction(), areaScale);
            largest = Math.max(largest, share);
            if (share > gate) {
                // a small share is a normal digit's (a 7 written with a hook, a piece): it ranks the normals' tail,
                // but competes in no image's score
                out.add(new MirrorPart(cal.z(Measure.IDENTITY, f.identityRaw()), share));
            }
        }
        return new Mirrors(out, largest);
    }

    /** What {@link #scored} found in one image: its parts with mirror evidence and the largest share (0: none). */
    record Mirrors(List<MirrorPart> parts, double largestShare) {
        static final Mirrors NONE = new Mirrors(List.of(), 0);
    }
}
