package io.samlad.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command reports a failure the same way: one line on standard error, starting {@code samlad: error: }. */
class ErrorLinesTest {
    @TempDir
    Path dir;

    @Test
    void modelsInspectNamesTheFileInOneErrorLine() throws Exception {
        Path notAModel = Files.writeString(dir.resolve("not-a-model.onnx"), "hello");
        CliRun.Result r = CliRun.run("models", "inspect", notAModel.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.errLines().get(0)).startsWith(Cli.ERROR).contains(notAModel.toString());
    }

    @Test
    void predictWithAMissingBankIsOneErrorLineNamingTheBank() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path bank = dir.resolve("none.samlad");
        CliRun.Result r = CliRun.run("predict", "--bank", bank.toString(), "--out", dir.resolve("o").toString(),
                empty.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.errLines().get(0)).startsWith(Cli.ERROR).contains(bank.toString());
    }
}
