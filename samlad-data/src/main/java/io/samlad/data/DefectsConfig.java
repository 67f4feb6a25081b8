package io.samlad.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.samlad.util.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The defect types of one MVTec LOCO category, read from its {@code defects_config.json}. */
public record DefectsConfig(List<DefectConfig> defects) {
    public DefectsConfig {
        defects = List.copyOf(defects);
        Map<Integer, String> seen = new HashMap<>();
        for (DefectConfig d : defects) {
            String before = seen.put(d.pixelValue(), d.name());
            if (before != null) {
                throw new IllegalArgumentException("pixel_value " + d.pixelValue() + " is used by both '" + before
                        + "' and '" + d.name() + "'");
            }
        }
    }

    public Optional<DefectConfig> byPixelValue(int value) {
        for (DefectConfig d : defects) {
            if (d.pixelValue() == value) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** Reads and validates a {@code defects_config.json}; any problem is an {@link InvalidInputException} naming it. */
    public static DefectsConfig read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file, "missing (every MVTec LOCO category needs its defects_config.json)");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(file, "not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot read file: " + io.samlad.util.IoProblems.describe(e), e);
        }
        if (root == null || !root.isArray() || root.isEmpty()) {
            throw new InvalidInputException(file, "must be a non-empty JSON array of defect entries");
        }
        List<DefectConfig> out = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode e = root.get(i);
            String where = "entry " + i;
            if (!e.isObject()) {
                throw new InvalidInputException(file, where + " is not a JSON object");
            }
            JsonNode name = require(file, e, where, "defect_name");
            JsonNode value = require(file, e, where, "pixel_value");
            JsonNode threshold = require(file, e, where, "saturation_threshold");
            JsonNode relative = require(file, e, where, "relative_saturation");
            if (!name.isTextual() || name.asText().isBlank()) {
                throw new InvalidInputException(file, where + ": defect_name must be a non-empty string");
            }
            if (!value.isIntegralNumber()) {
                throw new InvalidInputException(file, where + ": pixel_value must be an integer, got " + value);
            }
            if (!threshold.isNumber()) {
                throw new InvalidInputException(file, where + ": saturation_threshold must be a number, got " + threshold);
            }
            if (!relative.isBoolean()) {
                throw new InvalidInputException(file, where + ": relative_saturation must be true or false, got " + relative);
            }
            try {
                out.add(new DefectConfig(name.asText(), value.asInt(), threshold.asDouble(), relative.asBoolean()));
            } catch (IllegalArgumentException ex) {
                throw new InvalidInputException(file, where + " ('" + name.asText() + "'): " + ex.getMessage());
            }
        }
        try {
            return new DefectsConfig(out);
        } catch (IllegalArgumentException ex) {
            throw new InvalidInputException(file, ex.getMessage());
        }
    }

    private static JsonNode require(Path file, JsonNode entry, String where, String field) {
        JsonNode v = entry.get(field);
        if (v == null || v.isNull()) {
            throw new InvalidInputException(file, where + " lacks the field '" + field + "'");
        }
        return v;
    }
}
