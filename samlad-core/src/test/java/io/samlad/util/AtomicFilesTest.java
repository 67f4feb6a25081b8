package io.samlad.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A write either replaces the target completely or leaves it, and its folder, exactly as they were. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** A writer that writes part of its content, then fails as a full disk or a broken encoder would. */
    private static AtomicFiles.Writer failingAfterSomeBytes(Exception failure) {
        return out -> {
            out.write(new byte[100_000]);
            if (failure instanceof IOException io) {
                throw io;
            }
            throw (RuntimeException) failure;
        };
    }

    @Test
    void ioFailureKeepsTheOldContentAndLeavesNoTemporaryFile() throws IOException {
        Path target = Files.writeString(dir.resolve("bank.samlad"), "old content");
        IOException failure = new IOException("disk full");

        Throwable thrown = catchThrowable(() -> AtomicFiles.write(target, failingAfterSomeBytes(failure)));

        assertThat(thrown).isSameAs(failure);
        assertThat(Files.readString(target)).isEqualTo("old content");
        assertThat(listing()).containsExactly("bank.samlad");
    }

    @Test
    void uncheckedFailureKeepsTheOldContentAndLeavesNoTemporaryFile() throws IOException {
        Path target = Files.writeString(dir.resolve("map.tiff"), "old content");
        UncheckedIOException failure = new UncheckedIOException(new IOException("encoder broke"));

        Throwable thrown = catchThrowable(() -> AtomicFiles.write(target, failingAfterSomeBytes(failure)));

        assertThat(thrown).isSameAs(failure);
        assertThat(Files.readString(target)).isEqualTo("old content");
        assertThat(listing()).containsExactly("map.tiff");
    }

    @Test
    void failureOnANewFileLeavesNothing() throws IOException {
        Path target = dir.resolve("new.csv");
        catchThrowable(() -> AtomicFiles.write(target, failingAfterSomeBytes(new IOException("boom"))));
        assertThat(target).doesNotExist();
        assertThat(listing()).isEmpty();
    }

    @Test
    void successReplacesTheContentAndCreatesMissingFolders() throws IOException {
        Path target = dir.resolve("a/b/out.txt");
        AtomicFiles.writeString(target, "first");
        AtomicFiles.writeString(target, "second, longer than the first");
        assertThat(Files.readString(target, StandardCharsets.UTF_8)).isEqualTo("second, longer than the first");
        try (Stream<Path> s = Files.list(target.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("out.txt");
        }
    }

    @Test
    void relativeTargetIsWrittenWhereItPoints() throws IOException {
        Path target = Path.of("").toAbsolutePath().relativize(dir.resolve("rel.txt"));
        AtomicFiles.writeString(target, "relative");
        assertThat(Files.readString(dir.resolve("rel.txt"))).isEqualTo("relative");
    }

    @Test
    void resultHasOrdinaryFilePermissionsNotTheTemporaryFilesOwnerOnlyOnes() throws IOException {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"),
                "file system without POSIX permissions");
        Path target = dir.resolve("shared.csv");
        AtomicFiles.writeString(target, "x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r--r--");
    }

    @Test
    void leftoversOfAKilledWriteOfTheSameTargetAreRemovedAndOthersKept(@TempDir Path d) throws IOException {
        Files.writeString(d.resolve(".bank.samlad.1234567.tmp"), "half a bank");
        Files.writeString(d.resolve(".other.samlad.1234567.tmp"), "another target's");
        Files.writeString(d.resolve(".bank.samlad.notes"), "not ours");
        assertThat(AtomicFiles.writeRemovingLeftovers(d.resolve("bank.samlad"), o -> o.write(1))).isEqualTo(1);
        try (var s = Files.list(d)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("bank.samlad",
                    ".other.samlad.1234567.tmp", ".bank.samlad.notes");
        }
    }
}
