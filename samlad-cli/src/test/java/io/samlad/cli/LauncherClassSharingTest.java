package io.samlad.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code samlad} launcher's class-data-sharing archive (AppCDS): the first successful run of a command records
 * its classes and has them dumped into an archive in the cache folder, later runs map it, and nothing about it can change what a command prints or its exit
 * code: not a cache folder that cannot be made, not a truncated archive (which would crash the JVM if it were
 * used), not a rebuilt distribution, not a failed command. Runs the real launcher ({@code bash samlad --version})
 * on a distribution folder assembled from this test's class path ({@code SAMLAD_LIB}); the archive works on jars
 * only, so the modules' class folders are packed into jars first.
 */
class LauncherClassSharingTest {
    private static final Path LAUNCHER = Path.of("..", "samlad").toAbsolutePath().normalize();

    @TempDir
    static Path shared;
    static Path lib;

    @TempDir
    Path dir;

    @BeforeAll
    static void distribution() throws IOException {
        lib = Files.createDirectories(shared.resolve("lib"));
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (entry.endsWith("test-classes") || !Files.exists(p)) {
                continue;
            }
            // a module's class folder (MODULE/target/classes) becomes MODULE.jar
            String name = Files.isDirectory(p) ? p.toAbsolutePath().getParent().getParent().getFileName() + ".jar"
                    : p.getFileName().toString();
            Path to = lib.resolve(String.format("%03d-%s", n++, name));
            if (Files.isDirectory(p)) {
                jar(p, to);
            } else {
                Files.copy(p, to);
            }
        }
    }

    @Test
    void theFirstRunWritesAnArchiveAndLaterRunsMapItPrintingTheSame() throws Exception {
        Path cache = dir.resolve("cache");
        Run first = run(cache, Map.of(), "--version");
        assertThat(first.code).isZero();
        assertThat(first.out).startsWith("samlad ");
        assertThat(archives(cache)).hasSize(1);
        assertThat(leftovers(cache)).isEmpty();

        Path classes = dir.resolve("classes.log");
        Run second = run(cache, Map.of("SAMLAD_JAVA_OPTS", "-Xlog:class+load:file=" + classes), "--version");
        assertThat(second.code).isZero();
        assertThat(second.out).isEqualTo(first.out);
        assertThat(second.err).isEmpty();
        // classes of the distribution come from the archive, not from the jars
        assertThat(Files.readString(classes)).contains("io.samlad.cli.SamladCommand source: shared objects file")
                .doesNotContain("io.samlad.cli.SamladCommand source: file:");
    }

    @Test
    void aCacheFolderThatCannotBeMadeChangesNothing() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("file"), "x");
        Path plain = dir.resolve("plain-cache");
        Run without = run(plain, Map.of("SAMLAD_CDS", "0"), "--version");
        // under a regular file: no folder can be made there, whoever runs the test (root ignores permissions)
        Run run = run(notAFolder.resolve("cache"), Map.of(), "--version");
        assertThat(run.code).isZero();
        assertThat(run.out).isEqualTo(without.out);
        assertThat(run.err).isEmpty();
        assertThat(plain).doesNotExist();
    }

    @Test
    void aTruncatedArchiveIsNotUsedButWrittenAgain() throws Exception {
        Path cache = dir.resolve("cache");
        assertThat(run(cache, Map.of(), "--version").code).isZero();
        Path archive = archives(cache).get(0);
        byte[] bytes = Files.readAllBytes(archive);
        archive.toFile().setWritable(true);
        Files.write(archive, java.util.Arrays.copyOf(bytes, bytes.length / 3));
        Run run = run(cache, Map.of(), "--version");
        assertThat(run.code).as(run.err).isZero();
        assertThat(run.out).startsWith("samlad ");
        assertThat(Files.size(archive)).isEqualTo(bytes.length);
    }

    @Test
    void aRebuiltDistributionGetsItsOwnArchiveAndItsOldOneGoes() throws Exception {
        Path cache = dir.resolve("cache");
        Path rebuilt = Files.createDirectories(dir.resolve("lib"));
        try (Stream<Path> jars = Files.list(lib)) {
            for (Path j : jars.toList()) {
                Files.copy(j, rebuilt.resolve(j.getFileName()));
            }
        }
        // another installation's archive in the same cache folder (another checkout) is left alone
        assertThat(run(cache, Map.of(), "--version").code).isZero();
        Path other = archives(cache).get(0);
        assertThat(run(cache, rebuilt, Map.of(), "--version").code).isZero();
        Path before = archives(cache).stream().filter(a -> !a.equals(other)).findFirst().orElseThrow();
        // one jar rebuilt: other contents, other time
        Path cli = Files.list(rebuilt).filter(p -> p.getFileName().toString().contains("samlad-cli")).findFirst()
                .orElseThrow();
        Files.setLastModifiedTime(cli, FileTime.fromMillis(Files.getLastModifiedTime(cli).toMillis() - 60_000));
        Run run = run(cache, rebuilt, Map.of(), "--version");
        assertThat(run.code).isZero();
        assertThat(run.err).isEmpty();
        assertThat(archives(cache)).hasSize(2).contains(other).doesNotContain(before);
    }

    @Test
    void aFailedCommandWritesNoArchiveAndKeepsItsExitCode() throws Exception {
        Path cache = dir.resolve("cache");
        Run run = run(cache, Map.of(), "predict", "--no-such-option");
        assertThat(run.code).isEqualTo(2);
        assertThat(archives(cache)).isEmpty();
        assertThat(leftovers(cache)).isEmpty();
    }

    @Test
    void batchCommandsRunWithTheSerialCollectorUnlessAnotherIsAskedFor() throws Exception {
        Path cache = dir.resolve("cache");
        Path log = dir.resolve("gc.log");
        String logging = "-Xlog:gc=info:file=" + log;
        assertThat(run(cache, Map.of("SAMLAD_CDS", "0", "SAMLAD_JAVA_OPTS", logging), "--version").code).isZero();
        assertThat(Files.readString(log)).contains("Using Serial");
        assertThat(run(cache, Map.of("SAMLAD_CDS", "0", "SAMLAD_GC", "g1", "SAMLAD_JAVA_OPTS", logging), "--version")
                .code).isZero();
        assertThat(Files.readString(log)).contains("Using G1");
        // a collector named in the JVM options wins over the launcher's
        assertThat(run(cache, Map.of("SAMLAD_CDS", "0", "SAMLAD_JAVA_OPTS", logging + " -XX:+UseParallelGC"),
                "--version").code).isZero();
        assertThat(Files.readString(log)).contains("Using Parallel");
        Run bad = run(cache, Map.of("SAMLAD_CDS", "0", "SAMLAD_GC", "fast"), "--version");
        assertThat(bad.code).isEqualTo(2);
        assertThat(bad.err).contains("SAMLAD_GC must be serial, parallel, g1 or jvm, got fast");
    }

    @Test
    void predictRaisesTheOptimisingCompilersThresholdsUnlessAllAreAskedFor() throws Exception {
        Path cache = dir.resolve("cache");
        // the JVM reports the thresholds it runs with; 5000 is its own default for Tier4InvocationThreshold
        String raised = "Tier4InvocationThreshold += 20000";
        String jvmDefault = "Tier4InvocationThreshold += 5000";
        Map<String, String> flags = Map.of("SAMLAD_CDS", "0", "SAMLAD_JAVA_OPTS", "-XX:+PrintFlagsFinal");
        Run predict = run(cache, flags, "predict", "--help");
        assertThat(predict.code).isZero();
        assertThat(predict.out).containsPattern(raised).containsPattern("Tier4BackEdgeThreshold += 160000");
        Run all = run(cache, Map.of("SAMLAD_CDS", "0", "SAMLAD_JIT", "all", "SAMLAD_JAVA_OPTS", "-XX:+PrintFlagsFinal"),
                "predict", "--help");
        assertThat(all.code).isZero();
        assertThat(all.out).containsPattern(jvmDefault);
        // other commands keep the JVM's thresholds unless asked
        assertThat(run(cache, flags, "--version").out).containsPattern(jvmDefault);
        assertThat(run(cache, Map.of("SAMLAD_CDS", "0", "SAMLAD_JIT", "hot", "SAMLAD_JAVA_OPTS",
                "-XX:+PrintFlagsFinal"), "--version").out).containsPattern(raised);
        // a threshold or a top tier named in the JVM options wins
        assertThat(run(cache, Map.of("SAMLAD_CDS", "0", "SAMLAD_JAVA_OPTS",
                "-XX:+PrintFlagsFinal -XX:TieredStopAtLevel=1"), "predict", "--help").out).containsPattern(jvmDefault);
        assertThat(run(cache, Map.of("SAMLAD_CDS", "0", "SAMLAD_JAVA_OPTS",
                "-XX:+PrintFlagsFinal -XX:Tier4InvocationThreshold=7000"), "predict", "--help").out)
                .containsPattern("Tier4InvocationThreshold += 7000");
        Run bad = run(cache, Map.of("SAMLAD_CDS", "0", "SAMLAD_JIT", "fast"), "--version");
        assertThat(bad.code).isEqualTo(2);
        assertThat(bad.err).contains("SAMLAD_JIT must be hot or all, got fast");
    }

    private record Run(int code, String out, String err) {
    }

    private Run run(Path cache, Map<String, String> env, String... args) throws Exception {
        return run(cache, lib, env, args);
    }

    private Run run(Path cache, Path distribution, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", LAUNCHER.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().remove("SAMLAD_JAVA_OPTS");
        pb.environment().remove("SAMLAD_CDS");
        pb.environment().remove("SAMLAD_GC");
        pb.environment().remove("SAMLAD_JIT");
        pb.environment().put("SAMLAD_LIB", distribution.toString());
        pb.environment().put("SAMLAD_CACHE_DIR", cache.toString());
        pb.environment().putAll(env);
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("launcher finished").isTrue();
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static List<Path> archives(Path cache) throws IOException {
        return list(cache, ".jsa");
    }

    private static List<Path> leftovers(Path cache) throws IOException {
        return list(cache, ".tmp").isEmpty() ? List.of() : list(cache, ".tmp");
    }

    private static List<Path> list(Path cache, String marker) throws IOException {
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(f -> {
                String name = f.getFileName().toString();
                return marker.equals(".jsa") ? name.endsWith(".jsa") : name.contains(marker);
            }).sorted().toList();
        }
    }

    private static void jar(Path classes, Path jar) throws IOException {
        try (OutputStream o = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(o);
                Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                j.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, j);
                j.closeEntry();
            }
        }
    }
}
