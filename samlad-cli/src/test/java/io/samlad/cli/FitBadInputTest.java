package io.samlad.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code samlad fit} on unusable training folders: each run must fail with one line on standard error naming the
 * offending file or folder, exit 1, and leave no bank and no temporary file behind.
 */
class FitBadInputTest {
    @TempDir
    Path dir;
    Path train;
    Path bankDir;
    Path bank;

    @BeforeEach
    void folders() throws IOException {
        train = Files.createDirectories(dir.resolve("train"));
        bankDir = Files.createDirectories(dir.resolve("banks"));
        bank = bankDir.resolve("out.samlad");
    }

    private CliRun.Result fit() {
        return CliRun.run("fit", "--train", train.toString(), "--out", bank.toString());
    }

    /** The failure contract: exit 1, one stderr line naming {@code culprit}, nothing written. */
    private void assertFailedCleanlyNaming(CliRun.Result r, Path culprit, String problem) throws IOException {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.errLines()).as(r.toString()).hasSize(1);
        assertThat(r.errLines().get(0)).contains(culprit.toString()).containsIgnoringCase(problem);
        assertThat(r.out()).as(r.toString()).doesNotContain("fitted");
        assertThat(listing(bankDir)).as("bank folder after a failed fit").isEmpty();
    }

    private static List<String> listing(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void outputThatIsAFolderIsRefusedBeforeAnyWork() throws IOException {
        ToyImages.normals(train, 100, 2);
        bank = Files.createDirectories(bankDir.resolve("a-folder"));
        CliRun.Result r = fit();
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.errLines().get(0)).contains(bank.toString()).contains("is a folder");
        assertThat(listing(bank)).isEmpty();
    }

    @Test
    void emptyTrainFolder() throws IOException {
        assertFailedCleanlyNaming(fit(), train, "no images");
    }

    @Test
    void trainFolderWithOnlyNonImageFiles() throws IOException {
        Files.writeString(train.resolve("notes.txt"), "not an image");
        Files.writeString(train.resolve("labels.csv"), "a,b\n");
        Files.createDirectories(train.resolve("sub"));
        Files.writeString(train.resolve("sub/readme"), "still not an image");
        assertFailedCleanlyNaming(fit(), train, "no images");
    }

    @Test
    void missingTrainFolder() throws IOException {
        train = dir.resolve("no-such-folder");
        assertFailedCleanlyNaming(fit(), train, "no such folder");
    }

    @Test
    void truncatedPngAmongGoodImagesIsNamedAndNoBankIsWritten() throws IOException {
        ToyImages.normals(train, 100, 5);
        Path bad = ToyImages.truncatedCopy(train.resolve("n02.png"), train.resolve("n02-cut.png"));
        List<String> trainBefore = listing(train);
        assertFailedCleanlyNaming(fit(), bad, "truncated or corrupt");
        assertThat(listing(train)).as("the training folder is left as it was").isEqualTo(trainBefore);
    }

    @Test
    void textFileWithAnImageNameIsNamed() throws IOException {
        ToyImages.normals(train, 100, 3);
        Path bad = train.resolve("photo.png");
        Files.writeString(bad, "this is text, not a PNG", StandardCharsets.UTF_8);
        assertFailedCleanlyNaming(fit(), bad, "not a readable image");
    }

    @Test
    void aSingleImageIsTooFewAndTheFolderIsNamed() throws IOException {
        ToyImages.normals(train, 100, 1);
        assertFailedCleanlyNaming(fit(), train, "at least 2");
    }

    @Test
    void existingBankIsKeptWhenFitFails() throws IOException {
        ToyImages.normals(train, 100, 4);
        ToyImages.truncatedCopy(train.resolve("n01.png"), train.resolve("n01-cut.png"));
        byte[] old = "an older bank".getBytes(StandardCharsets.UTF_8);
        Files.write(bank, old);
        CliRun.Result r = fit();
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(Files.readAllBytes(bank)).isEqualTo(old);
        assertThat(listing(bankDir)).containsExactly("out.samlad");
    }
}
