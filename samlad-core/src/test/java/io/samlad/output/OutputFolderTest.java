package io.samlad.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.samlad.util.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules of an output folder: one run at a time, no silent mixing of runs, leftovers cleaned. */
class OutputFolderTest {
    @TempDir
    Path tmp;

    private Path earlierRun() throws Exception {
        Path out = tmp.resolve("out");
        try (OutputFolder f = OutputFolder.open(out, OutputFolder.Mode.NEW, "predict")) {
            Files.writeString(out.resolve("predictions.csv"), "path\n");
            Files.createDirectories(out.resolve("anomaly_maps/good"));
            Files.writeString(out.resolve("anomaly_maps/good/000.tiff"), "x");
            f.finish();
        }
        return out;
    }

    @Test
    void aFolderWithAnEarlierRunIsRefusedUnlessTheRunSaysWhatToDo() throws Exception {
        Path out = earlierRun();
        assertThatThrownBy(() -> OutputFolder.open(out, OutputFolder.Mode.NEW, "predict"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("holds the outputs of an earlier run")
                .hasMessageContaining("--overwrite").hasMessageContaining("--append");
        try (OutputFolder f = OutputFolder.open(out, OutputFolder.Mode.APPEND, "predict")) {
            assertThat(out.resolve("anomaly_maps/good/000.tiff")).exists();
            f.finish();
        }
        try (OutputFolder f = OutputFolder.open(out, OutputFolder.Mode.OVERWRITE, "predict")) {
            try (var s = Files.list(out)) {
                assertThat(s.map(p -> p.getFileName().toString())).containsExactly(OutputFolder.LOCK);
            }
        }
    }

    @Test
    void aFolderSamladDidNotWriteIsNeverCleared() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("photos"));
        Files.writeString(out.resolve("holiday.jpg"), "x");
        assertThatThrownBy(() -> OutputFolder.open(out, OutputFolder.Mode.OVERWRITE, "predict"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("samlad did not write it");
        assertThat(out.resolve("holiday.jpg")).exists();
    }

    @Test
    void aSecondRunFailsAtOnceNamingTheFirst() throws Exception {
        Path out = tmp.resolve("busy");
        try (OutputFolder first = OutputFolder.open(out, OutputFolder.Mode.NEW, "predict")) {
            assertThatThrownBy(() -> OutputFolder.open(out, OutputFolder.Mode.OVERWRITE, "evaluate"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("another samlad run is writing into this folder")
                    .hasMessageContaining("pid " + ProcessHandle.current().pid());
        }
        // released: the next run goes ahead
        OutputFolder.open(out, OutputFolder.Mode.NEW, "predict").close();
    }

    @Test
    void leftoversOfAKilledRunAreRemovedAndReported() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("killed"));
        // what a SIGKILL leaves: the note of a run that never finished, temporary files, a half-cleared trash
        Files.writeString(out.resolve(OutputFolder.LOCK), "pid=999999\ncommand=predict\nstarted=x\nstate=running\n");
        Files.createDirectories(out.resolve("anomaly_maps/good"));
        Files.writeString(out.resolve("anomaly_maps/good/.000.tiff.123456789.tmp"), "half");
        Files.writeString(out.resolve(".predictions.csv.42.tmp"), "half");
        Files.createDirectories(out.resolve(OutputFolder.TRASH + "/overlays"));
        try (OutputFolder f = OutputFolder.open(out, OutputFolder.Mode.NEW, "predict")) {
            assertThat(f.previousInterrupted()).isTrue();
            assertThat(f.notes()).anyMatch(n -> n.contains("pid 999999") && n.contains("did not finish"));
            assertThat(f.notes()).anyMatch(n -> n.contains("removed 2 temporary files"));
            f.finish();
        }
        assertThat(out.resolve(OutputFolder.TRASH)).doesNotExist();
        assertThat(out.resolve("anomaly_maps/good/.000.tiff.123456789.tmp")).doesNotExist();
        assertThat(Files.readString(out.resolve(OutputFolder.LOCK))).contains("state=finished");
    }

    @Test
    void aFileGivenAsTheFolderIsAOneLineError() throws Exception {
        Path file = Files.writeString(tmp.resolve("f.txt"), "x");
        assertThatThrownBy(() -> OutputFolder.open(file, OutputFolder.Mode.NEW, "predict"))
                .isInstanceOf(InvalidInputException.class).hasMessage(file + ": is a file; --out needs a folder");
    }
}
