package io.samlad.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.toy.ToyScenes.Defect;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code samlad predict} with unusable inputs or banks: one line on standard error naming the file, exit 1, and no
 * output folder at all; an unreadable image among good ones is skipped and named while the others are written.
 */
class PredictBadInputTest {
    @TempDir
    static Path shared;
    static Path bank;
    static Path good;

    @TempDir
    Path dir;

    @BeforeAll
    static void fitASmallBank() throws IOException {
        Path train = ToyImages.normals(shared.resolve("train"), 100, 4);
        bank = shared.resolve("toy.samlad");
        CliRun.Result fit = CliRun.run("fit", "--train", train.toString(), "--out", bank.toString());
        assertThat(fit.exitCode()).as(fit.toString()).isZero();
        good = ToyImages.write(shared.resolve("good.png"), 500, Defect.NONE);
    }

    private CliRun.Result predict(Path bankFile, Path... inputs) {
        Stream<String> head = Stream.of("predict", "--bank", bankFile.toString(), "--out", out().toString(),
                "--threads", "2");
        return CliRun.run(Stream.concat(head, Arrays.stream(inputs).map(Path::toString)).toArray(String[]::new));
    }

    private Path out() {
        return dir.resolve("out");
    }

    private void assertFailedCleanlyNaming(CliRun.Result r, Path culprit, String problem) {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.errLines()).as(r.toString()).hasSize(1);
        assertThat(r.errLines().get(0)).contains(culprit.toString()).containsIgnoringCase(problem);
        assertThat(out()).as("no output folder after a failed predict").doesNotExist();
    }

    /** A copy of the bank in this test's folder, changed by {@code change}. */
    private Path bankCopy(String name, UnaryOperator<byte[]> change) throws IOException {
        return Files.write(dir.resolve(name), change.apply(Files.readAllBytes(bank)));
    }

    @Test
    void nonImageFileGivenExplicitly() throws IOException {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "hello");
        assertFailedCleanlyNaming(predict(bank, good, notes), notes, "not an image file");
    }

    @Test
    void missingInputPath() {
        Path missing = dir.resolve("missing.png");
        assertFailedCleanlyNaming(predict(bank, good, missing), missing, "no such file");
    }

    @Test
    void folderWithoutImages() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertFailedCleanlyNaming(predict(bank, empty), empty, "no images");
    }

    @Test
    void sameOutputNameFromTwoFoldersIsRefusedRatherThanOverwritingOneMapWithTheOther() throws IOException {
        // Outputs are named <folder name>/<path below it>: two folders both called good/ holding 000.png clash.
        ToyImages.write(dir.resolve("a/good/000.png"), 501, Defect.NONE);
        Path second = ToyImages.write(dir.resolve("b/good/000.png"), 502, Defect.MISSING);
        assertFailedCleanlyNaming(predict(bank, dir.resolve("a/good"), dir.resolve("b/good")), second,
                "same output name");
    }

    @Test
    void missingBank() {
        Path missing = dir.resolve("missing.samlad");
        assertFailedCleanlyNaming(predict(missing, good), missing, "no such bank file");
    }

    @Test
    void fileThatIsNotABank() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.samlad"), "just some text that is long enough to matter");
        assertFailedCleanlyNaming(predict(text, good), text, "not a samlad bank");
    }

    @Test
    void bankOfAnotherFormatVersion() throws IOException {
        int version = ByteBuffer.wrap(Files.readAllBytes(bank), 8, 4).getInt();
        Path other = bankCopy("other-version.samlad", b -> {
            ByteBuffer.wrap(b).putInt(8, version + 1);
            return b;
        });
        assertFailedCleanlyNaming(predict(other, good), other, "format version " + (version + 1));
    }

    @Test
    void bankWithOneByteFlippedInTheMiddle() throws IOException {
        Path damaged = bankCopy("damaged.samlad", b -> {
            b[b.length / 2] ^= 0x5a;
            return b;
        });
        assertFailedCleanlyNaming(predict(damaged, good), damaged, "checksum");
    }

    @Test
    void truncatedBank() throws IOException {
        Path cut = bankCopy("cut.samlad", b -> Arrays.copyOf(b, b.length / 2));
        assertFailedCleanlyNaming(predict(cut, good), cut, "damaged");
    }

    @Test
    void truncatedImageAmongGoodOnesIsSkippedAndNamedWhileTheOthersAreWritten() throws IOException {
        Path in = dir.resolve("in");
        Path first = ToyImages.write(in.resolve("a.png"), 501, Defect.NONE);
        Path bad = ToyImages.truncatedCopy(first, in.resolve("b.png"));
        ToyImages.write(in.resolve("c.png"), 502, Defect.MISSING);
        CliRun.Result r = predict(bank, in);

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.errLines()).as(r.toString()).hasSize(1);
        assertThat(r.errLines().get(0)).contains(bad.toString()).containsIgnoringCase("truncated or corrupt");
        List<String> csv = Files.readAllLines(out().resolve("predictions.csv"));
        assertThat(csv.subList(1, csv.size()).stream().map(l -> l.substring(0, l.indexOf(',')))).containsExactly(
                "in/a.png", "in/c.png");
        assertThat(Files.readAllLines(out().resolve("predictions.jsonl"))).hasSize(2);
        for (String name : List.of("a", "c")) {
            assertThat(out().resolve("anomaly_maps/in/" + name + ".tiff")).isRegularFile();
            assertThat(out().resolve("overlays/in/" + name + ".png")).isRegularFile();
        }
        assertThat(out().resolve("anomaly_maps/in/b.tiff")).doesNotExist();
        assertThat(out().resolve("overlays/in/b.png")).doesNotExist();
        try (Stream<Path> s = Files.walk(out())) {
            assertThat(s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList())
                    .noneMatch(n -> n.startsWith(".") || n.endsWith(".tmp"));
        }
    }
}
