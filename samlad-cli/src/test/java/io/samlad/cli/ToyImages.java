package io.samlad.cli;

import io.samlad.image.ImageWriters;
import io.samlad.toy.ToyScenes;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Toy scenes written as PNG files, for command-line tests. */
final class ToyImages {
    /**
     * Every file is cropped to this non-square size with an odd height (the discs stay whole): an output at the
     * working size, a square one or a transposed one would then show up as a wrong size.
     */
    static final int WIDTH = ToyScenes.SIZE;
    static final int HEIGHT = 111;

    private ToyImages() {
    }

    /** Writes the toy scene with {@code seed} and {@code defect} as a PNG, creating folders as needed. */
    static Path write(Path file, long seed, ToyScenes.Defect defect) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        BufferedImage full = ToyScenes.scene(seed, defect).toBufferedImage();
        BufferedImage cropped = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        cropped.getGraphics().drawImage(full, 0, 0, null);
        ImageWriters.writePng(cropped, file);
        return file;
    }

    /** Writes {@code count} normal scenes {@code n00.png, n01.png, ...} into {@code folder}. */
    static Path normals(Path folder, long firstSeed, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            write(folder.resolve(String.format("n%02d.png", i)), firstSeed + i, ToyScenes.Defect.NONE);
        }
        return folder;
    }

    /** A copy of a valid PNG cut to its first half: the signature and header survive, the image data does not. */
    static Path truncatedCopy(Path validPng, Path target) throws IOException {
        byte[] all = Files.readAllBytes(validPng);
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.write(target, Arrays.copyOf(all, all.length / 2));
        return target;
    }
}
