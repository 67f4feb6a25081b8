package io.samlad.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.samlad.util.InvalidInputException;
import io.samlad.Samlad;
import io.samlad.detector.FittedDetector;
import io.samlad.detector.Pipeline;
import io.samlad.config.SamladConfig;
import io.samlad.image.ImageWriters;
import io.samlad.toy.ToyScenes;
import io.samlad.toy.ToyScenes.Defect;
import io.samlad.util.ProgressListener;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A bank whose checksum is valid but whose content is not (edited by hand, written by a broken tool) is refused on
 * load with one line naming the file and the field; it once gave a NullPointerException trace.
 */
class BankValidationTest {
    @TempDir
    static Path dir;
    static byte[] bank;

    @BeforeAll
    static void fit() throws IOException {
        List<Path> normals = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path p = dir.resolve("n" + i + ".png");
            ImageWriters.writePng(ToyScenes.scene(300 + i, Defect.NONE).toBufferedImage(), p);
            normals.add(p);
        }
        SamladConfig config = SamladConfig.defaults();
        try (Pipeline pipeline = Samlad.embeddedPipeline(config);
                FittedDetector d = Samlad.fit(pipeline, config, normals, List.of(), ProgressListener.NONE)) {
            Path file = dir.resolve("toy.samlad");
            d.save(file);
            bank = Files.readAllBytes(file);
        }
    }

    private static String loadFails(byte[] bytes, String name) throws IOException {
        Path file = Files.write(dir.resolve(name), bytes);
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> BankCodec.read(file));
        assertThat(e).as(name + " must be refused").isNotNull();
        assertThat(e.getMessage()).matches(java.util.regex.Pattern.quote(file + ": ")
                + "(damaged bank file|bank header unusable).*").doesNotContain("\n");
        return e.getMessage();
    }

    @Test
    void theUneditedBankLoads() throws IOException {
        assertThat(BankCodec.read(Files.write(dir.resolve("ok.samlad"), bank)).size()).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "\"config\":{|\"config\":null,\"x\":{|header field 'config' is missing",
        "\"segmentation\":{|\"segmentation\":null,\"x\":{|'config.segmentation' is missing",
        "\"pipelineId\":\"|\"pipelineId\":null,\"y\":\"|'pipelineId' is missing",
        "\"provenance\":{|\"provenance\":null,\"x\":{|'provenance' is missing",
        "\"calibration\":{|\"calibration\":null,\"x\":{|'calibration' is missing",
        "\"names\":[|\"names\":null,\"x\":[|'names' is missing",
        "\"quantMin\":[|\"quantMin\":[1e30,|quantMin",
        "\"imageCount\":3|\"imageCount\":4|provenance says 4 images",
        "\"threshold\":|\"threshold\":\"NaN\",\"t\":|not a number",
    })
    void anEditedHeaderWithAValidChecksumIsRefusedNamingTheField(String find, String replace, String expected)
            throws IOException {
        String json = BankFiles.headerJson(bank);
        assertThat(json).contains(find);
        String edited = json.replaceFirst(java.util.regex.Pattern.quote(find),
                java.util.regex.Matcher.quoteReplacement(replace));
        assertThat(loadFails(BankFiles.withHeader(bank, edited), "edited.samlad")).contains(expected);
    }

    @Test
    void aHeaderThatIsNotJsonIsRefused() throws IOException {
        assertThat(loadFails(BankFiles.withHeader(bank, "{not json"), "notjson.samlad")).contains("bank header unusable");
    }

    @Test
    void aHugeCountIsRefusedWithoutAllocatingIt() throws IOException {
        int len = ByteBuffer.wrap(bank, BankFiles.HEADER_AT, 4).getInt();
        byte[] edited = bank.clone();
        int sceneCountAt = BankFiles.HEADER_AT + 4 + len;
        ByteBuffer.wrap(edited, sceneCountAt, 4).putInt(Integer.MAX_VALUE);
        assertThat(loadFails(BankFiles.withChecksum(edited, false), "count.samlad"))
                .contains("scene count 2147483647 does not fit in the file");
        // the patch grid of the first scene: width x height x channels far beyond the file
        byte[] grid = bank.clone();
        int globalLen = ByteBuffer.wrap(bank, sceneCountAt + 12, 4).getInt();
        int gridAt = sceneCountAt + 16 + 4 * globalLen;
        ByteBuffer.wrap(grid, gridAt + 4, 8).putInt(60000).putInt(60000);
        assertThat(loadFails(BankFiles.withChecksum(grid, false), "grid.samlad"))
                .contains("patch features do not fit in the file");
    }

    @Test
    void aMissingBankSaysItIsMissing() {
        Path missing = dir.resolve("nowhere.samlad");
        assertThat(catchThrowableOfType(InvalidInputException.class, () -> BankCodec.read(missing)).getMessage())
                .isEqualTo(missing + ": no such bank file (make one with `samlad fit`)");
        assertThat(catchThrowableOfType(InvalidInputException.class, () -> BankCodec.read(dir)).getMessage())
                .contains("is a folder");
    }
}
