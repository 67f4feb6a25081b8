package io.samlad.onnx;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.samlad.util.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads model cards: small JSON files that say how to feed a model (input size, normalisation, tensor names...).
 * A card is found beside its model as {@code NAME.card.json} for {@code NAME.onnx}, or given explicitly.
 */
public final class ModelCards {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);

    private ModelCards() {
    }

    /** The conventional card path of a model: {@code x.onnx -> x.card.json}. */
    public static Path besideModel(Path model) {
        String name = model.getFileName().toString();
        String stem = name.endsWith(".onnx") ? name.substring(0, name.length() - 5) : name;
        return model.resolveSibling(stem + ".card.json");
    }

    /**
     * The explicit card if given (it must exist), else the card beside the model if there is one, else empty.
     */
    public static <T> Optional<T> find(Path model, Path explicit, Class<T> type) {
        if (explicit != null) {
            return Optional.of(read(explicit, type));
        }
        Path beside = besideModel(model);
        return Files.isRegularFile(beside) ? Optional.of(read(beside, type)) : Optional.empty();
    }

    public static <T> T read(Path card, Class<T> type) {
        if (!Files.isRegularFile(card)) {
            throw new InvalidInputException(card, "no such model card");
        }
        try {
            T value = JSON.readValue(Files.readAllBytes(card), type);
            if (value == null) {
                throw new InvalidInputException(card, "model card is empty (expected a JSON object)");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidInputException(card, "unknown field '" + e.getPropertyName() + "' in model card (known: "
                    + e.getKnownPropertyIds() + ")", e);
        } catch (IOException e) {
            throw new InvalidInputException(card, "not a valid model card: " + ModelSession.oneLine(e)
                    .replaceAll(" at \\[Source.*", ""), e);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(card, "invalid model card: " + e.getMessage(), e);
        }
    }
}
