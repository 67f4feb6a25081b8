package io.samlad.onnx;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The declared signature of one model input or output: name, element type and shape, where a dimension is -1 when
 * the model leaves it free (a symbolic dimension such as {@code batch_size}).
 */
public record TensorSpec(String name, String elementType, long[] shape) {

    public TensorSpec {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** Dimension {@code i}, -1 when free. */
    public long dim(int i) {
        return shape[i];
    }

    public boolean isFloat() {
        return "float32".equals(elementType);
    }

    /** True when dimension {@code i} is free or equals {@code value}. */
    public boolean accepts(int i, long value) {
        return shape[i] < 0 || shape[i] == value;
    }

    /** E.g. {@code pixel_values float32[?,?,?,?]}. */
    public String describe() {
        return name + " " + elementType + "[" + Arrays.stream(shape).mapToObj(d -> d < 0 ? "?" : Long.toString(d))
                .collect(Collectors.joining(",")) + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorSpec t && t.name.equals(name) && t.elementType.equals(elementType)
                && Arrays.equals(t.shape, shape);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return describe();
    }
}
