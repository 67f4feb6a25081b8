package io.samlad.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** A validated dataset: one or more categories read from one root folder in one layout. */
public record Dataset(Path root, DatasetFormat format, List<Category> categories) {
    public Dataset {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(format, "format");
        categories = List.copyOf(categories);
    }
}
