package io.samlad.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.TensorInfo;
import io.samlad.util.InvalidInputException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;

/** A dense float32 tensor held in Java memory, row-major (the last dimension varies fastest). */
public record FloatTensor(float[] data, long[] shape) {

    public FloatTensor {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got "
                    + data.length);
        }
    }

    public static FloatTensor of(float[] data, long... shape) {
        return new FloatTensor(data, shape);
    }

    /** Copies an ONNX Runtime output; fails naming the model when it is not float32. */
    static FloatTensor of(Path model, String name, OnnxValue value) {
        if (!(value instanceof OnnxTensor t) || t.getInfo().type != ai.onnxruntime.OnnxJavaType.FLOAT) {
            throw new InvalidInputException(model, "output '" + name + "' is not a float32 tensor (found "
                    + value.getInfo() + ")");
        }
        TensorInfo info = t.getInfo();
        FloatBuffer fb = t.getFloatBuffer();
        float[] data;
        if (fb.hasArray() && fb.arrayOffset() == 0 && fb.position() == 0 && fb.array().length == fb.remaining()) {
            // ONNX Runtime already copied the output into a fresh heap buffer: take its array instead of a 2nd copy
            data = fb.array();
        } else {
            data = new float[fb.remaining()];
            fb.get(data);
        }
        return new FloatTensor(data, info.getShape());
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int i) {
        return Math.toIntExact(shape[i]);
    }

    public String shapeText() {
        return Arrays.toString(shape);
    }
}
