package io.samlad.data.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.samlad.util.InvalidInputException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynthLocoGeneratorTest {
    @TempDir
    Path tmp;

    /** Small and quick: every category, 96 x 80 (not square, so width and height cannot be confused). */
    private static SynthLocoOptions small(long seed) {
        return SynthLocoOptions.defaults().withSeed(seed).withSize(96, 80).withNormals(3, 2).withTest(2, 5, 4);
    }

    @Test
    void sameSeedGivesIdenticalBytesAndAnotherSeedDiffers() throws IOException {
        SynthLocoGenerator.generate(tmp.resolve("a"), small(7));
        SynthLocoGenerator.generate(tmp.resolve("b"), small(7));
        SynthLocoGenerator.generate(tmp.resolve("c"), small(8));
        Map<String, byte[]> a = GeneratedFiles.read(tmp.resolve("a"));
        Map<String, byte[]> b = GeneratedFiles.read(tmp.resolve("b"));
        Map<String, byte[]> c = GeneratedFiles.read(tmp.resolve("c"));
        assertThat(a).isNotEmpty();
        assertThat(b.keySet()).isEqualTo(a.keySet());
        for (String name : a.keySet()) {
            assertThat(b.get(name)).as(name).isEqualTo(a.get(name));
        }
        long differing = a.keySet().stream().filter(n -> n.endsWith(".png") && c.containsKey(n)
                && !Arrays.equals(a.get(n), c.get(n))).count();
        long images = a.keySet().stream().filter(n -> n.endsWith(".png") && !n.startsWith("ground_truth")
                && !n.contains("/ground_truth/")).count();
        // Every image, normal or not, is drawn anew from another seed.
        assertThat(differing).isGreaterThanOrEqualTo(images);
    }

    @Test
    void writesTheLocoLayoutWithCountsMasksConfigAndKinds() throws IOException {
        GenerationSummary summary = SynthLocoGenerator.generate(tmp, small(3));
        assertThat(summary.categories().keySet()).containsExactlyElementsOf(SynthLocoGenerator.categoryNames());
        for (String name : summary.categories().keySet()) {
            Path dir = tmp.resolve(name);
            SplitCounts counts = summary.categories().get(name);
            assertThat(counts).isEqualTo(new SplitCounts(3, 2, 2, 5, 4));
            assertThat(GeneratedFiles.count(dir.resolve("train/good"))).isEqualTo(3);
            assertThat(GeneratedFiles.count(dir.resolve("validation/good"))).isEqualTo(2);
            assertThat(GeneratedFiles.count(dir.resolve("test/good"))).isEqualTo(2);
            assertThat(GeneratedFiles.count(dir.resolve("test/logical_anomalies"))).isEqualTo(5);
            assertThat(GeneratedFiles.count(dir.resolve("test/structural_anomalies"))).isEqualTo(4);
            assertThat(dir.resolve("ground_truth/good")).doesNotExist();
            assertThat(dir.resolve("test/good/000.png")).isRegularFile();
            assertThat(dir.resolve("test/logical_anomalies/004.png")).isRegularFile();

            Map<String, Integer> pixelValues = readPixelValues(dir.resolve("defects_config.json"));
            assertThat(new HashSet<>(pixelValues.values())).hasSameSizeAs(pixelValues.values());
            SceneCategory category = SynthLocoGenerator.category(name);
            List<String> csv = Files.readAllLines(dir.resolve("anomalies.csv"), StandardCharsets.UTF_8);
            assertThat(csv).hasSize(1 + 2 + 5 + 4);
            assertThat(csv.get(0)).isEqualTo("image,group,kind,defect_types,masks");
            for (String line : csv.subList(1, csv.size())) {
                String[] f = line.split(",", -1);
                assertThat(dir.resolve(f[0])).isRegularFile();
                BufferedImage image = ImageIO.read(dir.resolve(f[0]).toFile());
                assertThat(image.getWidth()).isEqualTo(96);
                assertThat(image.getHeight()).isEqualTo(80);
                String id = f[0].substring(f[0].lastIndexOf('/') + 1).replace(".png", "");
                Path maskDir = dir.resolve("ground_truth").resolve(f[1]).resolve(id);
                if (f[1].equals("good")) {
                    assertThat(f[2]).isEqualTo("good");
                    assertThat(maskDir).doesNotExist();
                    continue;
                }
                assertThat(f[1].equals("logical_anomalies") ? category.logicalKinds() : category.structuralKinds())
                        .contains(f[2]);
                int masks = Integer.parseInt(f[4]);
                assertThat(masks).isPositive();
                assertThat(GeneratedFiles.count(maskDir)).isEqualTo(masks);
                Set<String> declared = Set.of(f[3].split(";"));
                for (int m = 0; m < masks; m++) {
                    Path maskFile = maskDir.resolve(String.format("%03d.png", m));
                    BufferedImage mask = ImageIO.read(maskFile.toFile());
                    assertThat(mask.getType()).as(maskFile.toString()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
                    assertThat(mask.getWidth()).isEqualTo(96);
                    assertThat(mask.getHeight()).isEqualTo(80);
                    int[] s = mask.getRaster().getSamples(0, 0, 96, 80, 0, (int[]) null);
                    Set<Integer> values = new HashSet<>();
                    for (int v : s) {
                        values.add(v);
                    }
                    values.remove(0);
                    assertThat(values).as("one defect value inside " + maskFile).hasSize(1);
                    int value = values.iterator().next();
                    String defect = pixelValues.entrySet().stream().filter(e -> e.getValue() == value)
                            .map(Map.Entry::getKey).findFirst().orElseThrow();
                    assertThat(declared).contains(defect);
                }
            }
        }
    }

    @Test
    void cyclesThroughEveryKindInOrder() throws IOException {
        SynthLocoGenerator.generate(tmp, SynthLocoOptions.defaults().withCategories(List.of(CompartmentBox.NAME))
                .withSize(64, 64).withNormals(0, 0).withTest(0, 5, 4));
        List<String> kinds = Files.readAllLines(tmp.resolve(CompartmentBox.NAME).resolve("anomalies.csv")).stream()
                .skip(1).map(l -> l.split(",")[2]).toList();
        assertThat(kinds).containsExactly("missing", "extra", "swapped", "wrong_colour", "missing",
                "scratch", "contamination", "broken", "scratch");
    }

    @Test
    void demoSetHoldsTheFourAskedKinds() throws IOException {
        GenerationSummary s = SynthLocoGenerator.generate(tmp, SynthLocoOptions.demo());
        assertThat(s.categories().get(CompartmentBox.NAME)).isEqualTo(new SplitCounts(12, 2, 4, 3, 1));
        List<String> kinds = Files.readAllLines(tmp.resolve(CompartmentBox.NAME).resolve("anomalies.csv")).stream()
                .skip(1).map(l -> l.split(",")[2]).toList();
        assertThat(kinds).containsExactly("good", "good", "good", "good", "missing", "extra", "swapped", "scratch");
    }

    @Test
    void refusesANonEmptyFolderAndOverwritesOnlyItsOwnOutput() throws IOException {
        SynthLocoOptions o = small(1).withCategories(List.of(CompartmentBox.NAME));
        SynthLocoGenerator.generate(tmp, o);
        assertThatThrownBy(() -> SynthLocoGenerator.generate(tmp, o))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(tmp.resolve(CompartmentBox.NAME).toString())
                .hasMessageContaining("not empty");
        SynthLocoGenerator.generate(tmp, o.withOverwrite(true).withNormals(1, 1));
        assertThat(GeneratedFiles.count(tmp.resolve(CompartmentBox.NAME).resolve("train/good"))).isEqualTo(1);

        Path foreign = tmp.resolve("foreign").resolve(CompartmentBox.NAME);
        Files.createDirectories(foreign);
        Files.writeString(foreign.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> SynthLocoGenerator.generate(tmp.resolve("foreign"), o.withOverwrite(true)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("refusing to overwrite");
        assertThat(foreign.resolve("notes.txt")).hasContent("mine");
    }

    @Test
    void anOutputThatIsAFileIsRefused() throws IOException {
        Path file = tmp.resolve("plain-file");
        Files.writeString(file, "x");
        assertThatThrownBy(() -> SynthLocoGenerator.generate(file, SynthLocoOptions.demo()))
                .isInstanceOf(IOException.class);
        Path category = tmp.resolve("out").resolve(CompartmentBox.NAME);
        Files.createDirectories(category.getParent());
        Files.writeString(category, "a file where the category folder belongs");
        assertThatThrownBy(() -> SynthLocoGenerator.generate(tmp.resolve("out"), SynthLocoOptions.demo()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("is not a folder");
    }

    @Test
    void rejectsBadOptionsWithAClearMessage() {
        assertThatThrownBy(() -> SynthLocoOptions.defaults().withCategories(List.of("teapot")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown category 'teapot'");
        assertThatThrownBy(() -> SynthLocoOptions.defaults().withSize(10, 300))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10x300");
        assertThatThrownBy(() -> SynthLocoOptions.defaults().withNormals(-1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> SynthLocoGenerator.generate(tmp, SynthLocoOptions.demo().withKinds(List.of("melted"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no anomaly kind 'melted'");
    }

    /** defect_name -> pixel_value, parsed with a regex independent of the writer. */
    static Map<String, Integer> readPixelValues(Path json) throws IOException {
        String text = Files.readString(json);
        Matcher m = Pattern.compile("\"defect_name\": \"([a-z0-9_]+)\",\\s*\"pixel_value\": (\\d+),"
                + "\\s*\"saturation_threshold\": ([0-9.]+),\\s*\"relative_saturation\": (true|false)").matcher(text);
        Map<String, Integer> values = new java.util.LinkedHashMap<>();
        while (m.find()) {
            values.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        assertThat(values).as("defects in " + json).isNotEmpty();
        return values;
    }
}
