package io.samlad.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.samlad.image.ImageWriters;
import io.samlad.toy.ToyScenes;
import io.samlad.toy.ToyScenes.Defect;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's library example is {@link LibraryExample}, word for word, and it runs. */
class ReadmeLibraryExampleTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Path SOURCE = Path.of("src", "test", "java", "io", "samlad", "examples",
            "LibraryExample.java");

    @TempDir
    Path dir;

    @Test
    void theReadmeShowsTheExampleAsItIs() throws Exception {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int library = readme.indexOf("## Library");
        assertThat(library).as("README has a Library section").isNotNegative();
        int start = readme.indexOf("```java\n", library) + "```java\n".length();
        int end = readme.indexOf("```", start);
        String source = Files.readString(SOURCE, StandardCharsets.UTF_8);
        String shown = source.substring(source.indexOf("import "));
        assertThat(readme.substring(start, end)).as("the README's example: copy it from " + SOURCE)
                .isEqualTo(shown);
    }

    @Test
    void theExampleFindsTheMissingDisc() throws Exception {
        Path train = Files.createDirectories(dir.resolve("train"));
        Path validation = Files.createDirectories(dir.resolve("validation"));
        for (int i = 0; i < 16; i++) {
            ImageWriters.writePng(ToyScenes.scene(i, Defect.NONE).toBufferedImage(), train.resolve(i + ".png"));
        }
        for (int i = 0; i < 4; i++) {
            ImageWriters.writePng(ToyScenes.scene(50 + i, Defect.NONE).toBufferedImage(),
                    validation.resolve(i + ".png"));
        }
        Path query = dir.resolve("query.png");
        ImageWriters.writePng(ToyScenes.scene(1001, Defect.MISSING).toBufferedImage(), query);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = System.out;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            LibraryExample.main(new String[] {train.toString(), validation.toString(), query.toString(),
                    dir.resolve("toy.samlad").toString()});
        } finally {
            System.setOut(out);
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("anomalous\n");
        Matcher missing = Pattern.compile("(?m)^missing at (\\d+),(\\d+)$").matcher(text);
        assertThat(missing.find()).as("a missing object in:%n%s", text).isTrue();
        int[] disc = ToyScenes.DISCS[ToyScenes.CHANGED];
        assertThat(Math.hypot(Integer.parseInt(missing.group(1)) - disc[0], Integer.parseInt(missing.group(2))
                - disc[1])).as("where the disc was").isLessThan(8);
    }
}
