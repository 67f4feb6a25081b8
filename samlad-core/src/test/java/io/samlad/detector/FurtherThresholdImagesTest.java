package io.samlad.detector;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.calibration.Calibration;
import io.samlad.calibration.ThresholdCalibrator;
import io.samlad.config.SamladConfig;
import io.samlad.toy.ToyScenes;
import io.samlad.toy.ToyScenes.Defect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code thresholding.furtherImages}: training images beyond {@code thresholding.images} are scored out of sample
 * with the final statistics and fusion and join the image threshold's normal scores only. More scores, the same
 * promise: the threshold rests on more of them, and no score, no map threshold, nothing a query sees but the image
 * threshold changes.
 */
class FurtherThresholdImagesTest {
    @TempDir
    Path dir;

    private static SamladConfig config(int further) {
        SamladConfig d = SamladConfig.defaults();
        return d.toBuilder().workingShortSide(64).references(3)
                .measuring(d.measuring().withCalibrationImages(6))
                .thresholding(d.thresholding().withCalibrationFolds(3).withImages(10).withFurtherImages(further))
                .build();
    }

    @Test
    void furtherImagesFollowTheFusionImagesInTheSameSeededOrderAndLeaveThemAsTheyWere() {
        SamladConfig none = config(0);
        SamladConfig more = config(6);
        int n = 30;
        int[] before = BankFitter.pickExtra(n, 0, none);
        int[] after = BankFitter.pickExtra(n, 0, more);
        assertThat(before).hasSize(4); // 10 threshold images - 6 statistics images
        assertThat(after).hasSize(10);
        assertThat(Arrays.copyOf(after, 4)).as("the fusion's further images are those of before").isEqualTo(before);
        Set<Integer> seen = new HashSet<>();
        for (int i : BankFitter.pickCalibration(n, more)) {
            seen.add(i);
        }
        for (int i : after) {
            assertThat(seen.add(i)).as("image %d picked once", i).isTrue();
        }
        assertThat(BankFitter.fusionExtraCount(after.length, 6, more)).isEqualTo(4);
        // never more than the training set holds
        assertThat(BankFitter.pickExtra(12, 0, more)).hasSize(6);
    }

    @Test
    void moreNormalScoresSetTheImageThresholdAndChangeNoScore() throws Exception {
        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("b"));
        try (SamladDetector plain = ToyBanks.fitted(dir.resolve("a"), 18, config(0));
                SamladDetector further = ToyBanks.fitted(dir.resolve("b"), 18, config(8))) {
            Calibration p = plain.bank().calibration();
            Calibration f = further.bank().calibration();
            assertThat(p.normalScores()).hasSize(10);
            assertThat(f.normalScores()).as("10 + the 8 training images left").hasSize(18);
            assertThat(Arrays.copyOf(f.normalScores(), 10)).as("the fusion images score as before")
                    .isEqualTo(p.normalScores());
            assertThat(f.promise().sampleSize()).isEqualTo(18);
            assertThat(f.threshold()).as("the rule on all 18 scores").isEqualTo(ThresholdCalibrator.calibrate(
                    f.normalScores(), 0.05, 0.9).threshold());
            assertThat(f.objectThreshold()).as("the map threshold stays").isEqualTo(p.objectThreshold());
            for (Defect d : new Defect[] {Defect.NONE, Defect.MISSING}) {
                var q = ToyScenes.scene(900, d);
                assertThat(further.predict(q).score()).as("score of a %s scene", d)
                        .isEqualTo(plain.predict(q).score());
            }
        }
    }
}
