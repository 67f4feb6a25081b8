package io.samlad.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CurveAreaTest {
    @Test
    void interpolatesAtALimitBetweenPoints() {
        Curve c = new Curve(new double[] {0, 0.5, 1}, new double[] {0, 1, 1});
        // y(0.25) = 0.5, area = 0.5 * (0 + 0.5) * 0.25 = 0.0625, / 0.25
        assertThat(CurveArea.normalised(c, 0.25)).isCloseTo(0.25, within(1e-12));
        // 0.5 * 1 * 0.5 + 1 * 0.5
        assertThat(CurveArea.normalised(c, 1.0)).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void pointsOnTheLimitAreIncludedAndVerticalStepsAddNothing() {
        CurveArea a = new CurveArea(0.5, 1.0);
        a.add(0, 0);
        a.add(0.5, 0.2);
        a.add(0.5, 0.8);
        a.add(1, 1);
        assertThat(a.area(0)).isCloseTo(0.05, within(1e-12)); // 0.5 * 0.2 * 0.5
        assertThat(a.normalisedArea(0)).isCloseTo(0.1, within(1e-12));
        assertThat(a.area(1)).isCloseTo(0.05 + 0.5 * (0.8 + 1) * 0.5, within(1e-12));
    }
}
