package io.samlad.eval;

import io.samlad.util.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The anomaly kind of each test image, from the {@code anomalies.csv} that samlad's generated benchmarks write beside
 * a category ({@code image,group,kind,...}; image relative to the category folder). The official folders say only
 * logical or structural; the kind (missing, swapped, flipped, zero digit; missing cable, wrong colour ...) says which
 * rule an image breaks, so per-kind figures show which rule a detector is blind to.
 */
public final class AnomalyKinds {
    public static final String FILE = "anomalies.csv";

    private AnomalyKinds() {
    }

    /**
     * @return image path (relative, '/'-separated) to kind; empty when the category has no {@value #FILE}
     * @throws InvalidInputException when the file exists but lacks the {@code image} or {@code kind} column
     */
    public static Optional<Map<String, String>> read(Path categoryRoot) {
        Path file = categoryRoot.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot read: " + e.getMessage(), e);
        }
        if (lines.isEmpty()) {
            throw new InvalidInputException(file, "empty file, expected a header with image and kind columns");
        }
        List<String> header = List.of(lines.get(0).split(",", -1));
        int image = header.indexOf("image");
        int kind = header.indexOf("kind");
        if (image < 0 || kind < 0) {
            throw new InvalidInputException(file, "header lacks the image or kind column: " + lines.get(0));
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] f = lines.get(i).split(",", -1);
            if (f.length <= Math.max(image, kind)) {
                throw new InvalidInputException(file, "line " + (i + 1) + " has " + f.length + " fields, expected "
                        + header.size());
            }
            out.put(f[image].trim(), f[kind].trim());
        }
        return Optional.of(out);
    }
}
