package io.samlad.onnx;

import io.samlad.util.InvalidInputException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Checks of a model's declared inputs and outputs against what a role needs, with messages that show both. */
final class Signatures {
    private Signatures() {
    }

    static String list(List<TensorSpec> specs) {
        return specs.stream().map(TensorSpec::describe).collect(Collectors.joining(", ", "[", "]"));
    }

    /** The error for a model that does not fit {@code role}: what was expected, and the model's whole signature. */
    static InvalidInputException mismatch(ModelSession model, String role, String expected) {
        return new InvalidInputException(model.path(), "does not fit the role '" + role + "': expected " + expected
                + "; found inputs " + list(model.inputs()) + ", outputs " + list(model.outputs()));
    }

    /**
     * The tensor named {@code wanted}, or when no name is configured the only one, or else the one named
     * {@code conventional}.
     */
    static Optional<TensorSpec> pick(List<TensorSpec> specs, String wanted, String conventional) {
        if (wanted != null) {
            return specs.stream().filter(t -> t.name().equals(wanted)).findFirst();
        }
        if (specs.size() == 1) {
            return Optional.of(specs.get(0));
        }
        return specs.stream().filter(t -> t.name().equals(conventional)).findFirst();
    }

    /** True when {@code t} is float32 of the given rank and each fixed dimension in {@code dims} (-1: any) fits. */
    static boolean fits(TensorSpec t, long... dims) {
        if (!t.isFloat() || t.rank() != dims.length) {
            return false;
        }
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] >= 0 && !t.accepts(i, dims[i])) {
                return false;
            }
        }
        return true;
    }

    /** A value derived from a model card; an invalid card value becomes an error naming the model. */
    static <T> T fromCard(ModelSession model, java.util.function.Supplier<T> value) {
        try {
            return value.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(model.path(), "invalid model card setting: " + e.getMessage());
        }
    }
}
