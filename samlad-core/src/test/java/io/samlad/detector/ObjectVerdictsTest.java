package io.samlad.detector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The verdict rules as a table: threshold 1, evidence in, verdict and score out. */
class ObjectVerdictsTest {
    private static final double T = 1.0;
    private static final double NONE = Double.NEGATIVE_INFINITY;

    static Stream<Arguments> rules() {
        return Stream.of(
                // unmatched, peak, hot share, object, gaussian -> verdict, score
                Arguments.of("quiet matched object", 0.0, 0.2, 0.0, 0.3, 0.1, Verdict.OK, 0.3),
                Arguments.of("quiet object, nothing measured", 0.0, 0.2, 0.0, 0.3, NONE, Verdict.OK, 0.3),
                Arguments.of("unmatched in most references, hot cells", 0.75, 2.0, 0.9, 0.5, NONE, Verdict.EXTRA, 2.0),
                Arguments.of("unmatched in most references, costly", 0.75, 0.5, 0.0, 3.0, NONE, Verdict.EXTRA, 3.0),
                Arguments.of("unmatched in most but quiet", 0.75, 0.5, 0.0, 0.5, NONE, Verdict.OK, 0.5),
                Arguments.of("unmatched in exactly half: not extra", 0.5, 2.0, 0.5, 0.5, NONE, Verdict.STRUCTURAL,
                        2.0),
                Arguments.of("matched, costly", 0.0, 0.5, 0.0, 1.5, 0.2, Verdict.MISMATCHED, 1.5),
                Arguments.of("matched, hot all over", 0.0, 1.8, 0.8, 0.5, 0.2, Verdict.MISMATCHED, 1.8),
                Arguments.of("matched, hot in a part", 0.0, 1.8, 0.4, 0.5, 0.2, Verdict.STRUCTURAL, 1.8),
                Arguments.of("matched, hot at exactly 75 %", 0.0, 1.8, 0.75, 0.5, 0.2, Verdict.STRUCTURAL, 1.8),
                Arguments.of("matched, Mahalanobis peak", 0.0, 0.5, 0.0, 0.5, 4.0, Verdict.STRUCTURAL, 4.0),
                Arguments.of("at the threshold is not above it", 0.0, 1.0, 1.0, 1.0, 1.0, Verdict.OK, 1.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void verdictAndScore(String what, double unmatched, double peak, double hot, double object, double gaussian,
            Verdict verdict, double score) {
        ObjectVerdicts.Judgement j = ObjectVerdicts.judge(
                new ObjectVerdicts.Evidence(unmatched, peak, hot, object, gaussian), T);
        assertThat(j.verdict()).as(what).isEqualTo(verdict);
        assertThat(j.score()).as(what).isEqualTo(score);
    }
}
