package io.samlad.detector;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.calibration.Measure;
import io.samlad.config.SamladConfig;
import org.junit.jupiter.api.Test;

/**
 * PIECES joins the fused score's maximum part by its own rarity only where the fit judges a colour (the measure
 * speaks), COLOURS speaks (its chimera gate) and the configuration asks for it; a bank with nothing judged (juice_bottle) or read from before keeps the
 * fusion it had.
 */
class PiecesRarityTest {
    private static final SamladConfig BASE = SamladConfig.defaults().toBuilder()
            .identity(SamladConfig.defaults().identity().withRarityScore(0)).build();

    private static SamladConfig with(SamladConfig.Pieces pieces) {
        return BASE.toBuilder().colours(BASE.colours().withPieces(pieces)).build();
    }

    @Test
    void piecesJoinsByRarityOnlyWhereAColourIsJudgedAndItIsAskedFor() {
        SamladConfig.Pieces judged = SamladConfig.Pieces.DEFAULTS.fitted(new int[] {1, 0}, new double[2],
                new double[2]);
        assertThat(BankFitter.rarityMaximum(null, with(judged), true, false)).containsExactly(Measure.PIECES);
        assertThat(BankFitter.rarityMaximum(null, with(judged.withRarityScore(false)), true, false)).isEmpty();
        assertThat(BankFitter.rarityMaximum(null, with(judged), false, false)).as("COLOURS silent (compartment_box)")
                .isEmpty();
        SamladConfig.Pieces nothing = SamladConfig.Pieces.DEFAULTS.fitted(new int[2], new double[2], new double[2]);
        assertThat(BankFitter.rarityMaximum(null, with(nothing), true, false)).as("no colour judged: silent").isEmpty();
        assertThat(BankFitter.rarityMaximum(null, with(SamladConfig.Pieces.OFF), true, false)).isEmpty();
    }
}
