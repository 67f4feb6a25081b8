package io.samlad.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Executable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The launcher's list of methods that C2 may compile for {@code predict} (docs/performance.md, "Round 9 — branch
 * large") names methods that exist: a renamed or removed kernel would otherwise silently run on C1's code only. The
 * JVM itself accepts patterns that match nothing, so this is the only check.
 */
class CompilerListTest {
    private static final Path LIST = Path.of("src", "main", "jvm", "predict-c2-methods.json");

    @Test
    void everyListedMethodExistsAndEverythingElseIsLeftToC1() throws Exception {
        String text = Files.readString(LIST);
        Matcher m = Pattern.compile("\"([A-Za-z0-9_/$]+)\\.([A-Za-z0-9_<>]+)\"").matcher(text);
        List<String> missing = new ArrayList<>();
        int n = 0;
        while (m.find()) {
            n++;
            String cls = m.group(1).replace('/', '.');
            String method = m.group(2);
            Class<?> c;
            try {
                c = Class.forName(cls, false, getClass().getClassLoader());
            } catch (ClassNotFoundException e) {
                missing.add(cls + "." + method + " (no such class)");
                continue;
            }
            Stream<Executable> all = method.equals("<init>") ? Stream.of(c.getDeclaredConstructors())
                    : Stream.of(c.getDeclaredMethods());
            if (all.noneMatch(e -> method.equals("<init>") || e.getName().equals(method))) {
                missing.add(cls + "." + method);
            }
        }
        assertThat(n).as("methods listed").isGreaterThan(50);
        assertThat(missing).as("listed methods that do not exist").isEmpty();
        // the last directive leaves every other method to C1
        assertThat(text.replaceAll("\\s", "")).endsWith("{match:\"*.*\",c2:{Exclude:true}}]");
    }
}
