package io.samlad.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.samlad.image.ImageWriters;
import io.samlad.toy.ToyScenes.Defect;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The command line's contract on hostile inputs (issue 14): decompression bombs refused from their header in fit and
 * predict, symlinked folders followed, fit's sanity checks (warnings, --strict), unusable output paths refused before
 * any fitting, options checked up front with the failing command's usage, and every failure one line
 * {@code samlad: error: <file>: <problem>}.
 */
class InputContractCliTest {
    @TempDir
    static Path shared;
    static Path train;
    static Path bank;
    static Path bomb;

    @TempDir
    Path dir;

    @BeforeAll
    static void fitASmallBankThroughASymlink() throws IOException {
        train = ToyImages.normals(shared.resolve("real-train"), 100, 5);
        // the case: a symlinked training folder was "empty"
        Path linked = Files.createSymbolicLink(shared.resolve("train-link"), train);
        bank = shared.resolve("toy.samlad");
        CliRun.Result fit = CliRun.run("fit", "--train", linked.toString(), "--out", bank.toString());
        assertThat(fit.exitCode()).as(fit.toString()).isZero();
        assertThat(fit.out()).contains("on 5 images");
        bomb = Files.write(shared.resolve("bomb.png"), greyBomb(20000, 20000));
    }

    /** The decompression bomb: a valid 20000x20000 all-black grey PNG of a few hundred KB. */
    static byte[] greyBomb(int w, int h) throws IOException {
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        byte[] row = new byte[w + 1];
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat, new Deflater(9), 1 << 16)) {
            for (int y = 0; y < h; y++) {
                z.write(row);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a});
        chunk(png, "IHDR", ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 0).array());
        chunk(png, "IDAT", idat.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.write(ByteBuffer.allocate(4).putInt(data.length).array());
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static void assertOneErrorLine(CliRun.Result r, int exit, String... parts) {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(exit);
        assertThat(r.errLines()).as(r.toString()).hasSize(1);
        assertThat(r.errLines().get(0)).as(r.toString()).startsWith("samlad: error: ").contains(parts);
    }

    private static void assertUsageError(CliRun.Result r, String command, String problem) {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.errLines().get(0)).as(r.toString()).startsWith("samlad: error: ").contains(problem);
        assertThat(r.err()).as("the failing command's usage").contains("Usage: samlad " + command + " ");
    }

    @Test
    void aBombAmongPredictInputsIsRefusedFromItsHeaderAndTheOthersArePredicted() throws IOException {
        Path good = ToyImages.write(dir.resolve("in/good.png"), 500, Defect.NONE);
        Files.copy(bomb, dir.resolve("in/bomb.png"));
        long t0 = System.nanoTime();
        CliRun.Result r = CliRun.run("predict", "--bank", bank.toString(), "--out", dir.resolve("out").toString(),
                "--no-overlays", dir.resolve("in").toString());
        assertThat((System.nanoTime() - t0) / 1e9).as("seconds").isLessThan(30);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("samlad: error: " + dir.resolve("in/bomb.png") + ": image is 20000x20000 = 400"
                + " megapixels, above the limit of 50 megapixels (raise it with --max-pixels)");
        assertThat(Files.readString(dir.resolve("out/predictions.csv"))).contains("good");
        assertThat(good).exists();
    }

    @Test
    void aBombInTheTrainingFolderFailsTheFitNamingItAndWritesNoBank() throws IOException {
        Path t = ToyImages.normals(dir.resolve("train"), 100, 3);
        Files.copy(bomb, t.resolve("n99.png"));
        Path out = dir.resolve("banks/b.samlad");
        CliRun.Result r = CliRun.run("fit", "--train", t.toString(), "--out", out.toString());
        assertOneErrorLine(r, 1, t.resolve("n99.png") + ": image is 20000x20000");
        assertThat(out).doesNotExist();
        // and a raised limit is a usage error when it is nonsense
        assertUsageError(CliRun.run("fit", "--train", t.toString(), "--out", out.toString(), "--max-pixels", "0"),
                "fit", "--max-pixels must be >= 1");
    }

    @Test
    void evaluateChecksEveryHeaderBeforeFittingAnything() throws IOException {
        Path root = dir.resolve("folder-dataset");
        ToyImages.normals(root.resolve("normal"), 100, 8);
        ToyImages.write(root.resolve("abnormal/a.png"), 700, Defect.MISSING);
        Path b = Files.copy(bomb, root.resolve("abnormal/b.png"));
        long t0 = System.nanoTime();
        CliRun.Result r = CliRun.run("evaluate", "--dataset", root.toString(), "--format", "folder", "--out",
                dir.resolve("eval").toString());
        assertOneErrorLine(r, 1, b + ": image is 20000x20000 = 400 megapixels, above the limit of 50 megapixels");
        assertThat(dir.resolve("eval")).doesNotExist();
        System.out.printf("evaluate refused the bomb in %.2f s%n", (System.nanoTime() - t0) / 1e9);
    }

    @Test
    void aFloat32MapGivenToPredictSaysWhatItIs() throws IOException {
        float[] v = new float[ToyImages.WIDTH * ToyImages.HEIGHT];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i % 50) * 0.5f;
        }
        Path map = dir.resolve("map.tiff");
        ImageWriters.writeFloatTiff(new io.samlad.image.FloatMap(ToyImages.WIDTH, ToyImages.HEIGHT, v), map);
        CliRun.Result r = CliRun.run("predict", "--bank", bank.toString(), "--out", dir.resolve("out").toString(),
                map.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("samlad: error: " + map + ": floating-point image with samples in [0.000, 24.50]")
                .doesNotContain("out of bounds");
    }

    @Test
    void validationEqualToTrainIsAWarningAndWithStrictAnErrorBeforeFitting() throws IOException {
        Path out = dir.resolve("v.samlad");
        CliRun.Result warned = CliRun.run("fit", "--train", train.toString(), "--validation", train.toString(),
                "--out", out.toString());
        assertThat(warned.exitCode()).as(warned.toString()).isZero();
        assertThat(warned.err()).contains("samlad: warning: " + train + ": all 5 validation images are training images");
        assertThat(warned.out()).contains("1 sanity-check warning");
        assertThat(out).exists();

        Path strictOut = dir.resolve("s.samlad");
        long t0 = System.nanoTime();
        CliRun.Result strict = CliRun.run("fit", "--train", train.toString(), "--validation", train.toString(),
                "--out", strictOut.toString(), "--strict");
        assertThat(strict.exitCode()).isEqualTo(1);
        assertThat(strict.errLines()).hasSize(2);
        assertThat(strict.errLines().get(1)).isEqualTo("samlad: error: " + train
                + ": 1 sanity-check finding (listed above) and --strict: no bank written");
        assertThat(strict.out()).doesNotContain("fitted");
        assertThat(strictOut).doesNotExist();
        System.out.printf("strict refusal before fitting: %.2f s%n", (System.nanoTime() - t0) / 1e9);
    }

    @Test
    void anImageOfAnotherAspectIsNamed() throws IOException {
        Path t = ToyImages.normals(dir.resolve("train"), 100, 5);
        Path odd = t.resolve("odd.png");
        ImageWriters.writePng(new BufferedImage(ToyImages.WIDTH, ToyImages.WIDTH * 2, BufferedImage.TYPE_INT_RGB), odd);
        CliRun.Result r = CliRun.run("fit", "--train", t.toString(), "--out", dir.resolve("x.samlad").toString(),
                "--strict");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("samlad: warning: " + odd + ": aspect ratio 0.500 (128x256) differs from the 5"
                + " of 6 training images that are 128x111");
    }

    @Test
    void anOutputUnderAFileIsRefusedBeforeFitting() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Path out = file.resolve("sub/bank.samlad");
        CliRun.Result r = CliRun.run("fit", "--train", train.toString(), "--out", out.toString());
        assertOneErrorLine(r, 1, out + ": cannot be written: " + file + " is a file, not a folder");
        assertThat(r.out()).doesNotContain("fitted");
    }

    @Test
    void anOutputInAReadOnlyFolderIsRefusedBeforeFitting() throws IOException {
        Path folder;
        if ("root".equals(System.getProperty("user.name"))) {
            // root writes through permission bits; /sys refuses new files even to root
            folder = Path.of("/sys");
            assumeTrue(Files.isDirectory(folder), "no /sys on this system");
        } else {
            folder = Files.createDirectories(dir.resolve("read-only"));
            assumeTrue(folder.toFile().setWritable(false, false), "cannot make a folder read-only here");
        }
        Path out = folder.resolve("bank.samlad");
        CliRun.Result r = CliRun.run("fit", "--train", train.toString(), "--out", out.toString());
        assertOneErrorLine(r, 1, out + ": cannot be written: folder " + folder + ": ");
        assertThat(r.out()).doesNotContain("fitted");
        if (folder.startsWith(dir)) {
            folder.toFile().setWritable(true); // so that the temporary folder can be removed
        }
    }

    @Test
    void aMissingBankSaysItIsMissing() {
        Path missing = dir.resolve("nowhere.samlad");
        assertOneErrorLine(CliRun.run("predict", "--bank", missing.toString(), "--out", dir.resolve("o").toString(),
                train.toString()), 1, missing + ": no such bank file");
    }

    @Test
    void aBankWithANullConfigAndAValidChecksumIsOneLine() throws IOException {
        byte[] b = Files.readAllBytes(bank);
        int len = ByteBuffer.wrap(b, 12, 4).getInt();
        String json = new String(b, 16, len, StandardCharsets.UTF_8);
        byte[] edited = json.replaceFirst("\"config\":\\{", "\"config\":null,\"was\":{").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, 12);
        out.write(ByteBuffer.allocate(4).putInt(edited.length).array());
        out.write(edited);
        out.write(b, 16 + len, b.length - 8 - 16 - len);
        CRC32 crc = new CRC32();
        crc.update(out.toByteArray());
        out.write(ByteBuffer.allocate(8).putLong(crc.getValue()).array());
        Path file = Files.write(dir.resolve("edited.samlad"), out.toByteArray());
        assertOneErrorLine(CliRun.run("predict", "--bank", file.toString(), "--out", dir.resolve("o").toString(),
                train.toString()), 1, file + ": damaged bank file: header field 'config' is missing");
    }

    @Test
    void aMissingRequiredOptionPrintsTheCommandsOwnUsage() {
        assertUsageError(CliRun.run("fit", "--out", dir.resolve("b.samlad").toString()), "fit",
                "Missing required option: '--train=DIR'");
        assertUsageError(CliRun.run("predict", "--bank", bank.toString()), "predict", "Missing required");
        assertUsageError(CliRun.run("evaluate", "--dataset", train.toString(), "--out", dir.resolve("o").toString(),
                "--threads", "two"), "evaluate", "'two' is not an int");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "predict|--threads 0|--threads must be >= 1",
        "predict|--threshold NaN|--threshold must be a finite number",
        "predict|--max-pixels -5|--max-pixels must be >= 1",
        "predict|--points-per-side 8|--points-per-side needs --sam-encoder",
        "predict|--device cpu|--device needs --backbone, --sam-encoder or --upsampler",
        "fit|--threshold-quantile NaN|--threshold-quantile must be in [0, 1]",
        "fit|--target-fpr 0|--target-fpr must be in (0, 1)",
        "fit|-k 0|references (k) must be in [1, 64]",
        "fit|--backbone-preset dinov2-vits14|--backbone-preset needs --backbone",
        "evaluate|--threads 0|--threads must be >= 1",
        "evaluate|--gallery -1|--gallery must be >= 0",
        "evaluate|--format nonsense|nonsense",
    })
    void badOptionValuesAreUsageErrorsOfTheirCommand(String command, String option, String problem) {
        List<String> args = new ArrayList<>(List.of(command));
        switch (command) {
            case "predict" -> args.addAll(List.of("--bank", bank.toString(), "--out", dir.resolve("o").toString(),
                    train.toString()));
            case "fit" -> args.addAll(List.of("--train", train.toString(), "--out", dir.resolve("b.samlad").toString()));
            default -> args.addAll(List.of("--dataset", train.toString(), "--out", dir.resolve("o").toString()));
        }
        args.addAll(Stream.of(option.split(" ")).toList());
        CliRun.Result r = CliRun.run(args.toArray(String[]::new));
        assertUsageError(r, command, problem);
        assertThat(dir.resolve("o")).doesNotExist();
        assertThat(dir.resolve("b.samlad")).doesNotExist();
    }
}
