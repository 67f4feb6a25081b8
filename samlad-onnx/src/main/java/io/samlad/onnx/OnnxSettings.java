package io.samlad.onnx;

import java.util.Locale;

/**
 * How ONNX Runtime runs every model of a pipeline.
 *
 * @param intraOpThreads    threads inside one operator; 0 lets ONNX Runtime choose (one per physical core)
 * @param optimization      graph optimisation level applied when a session is created
 * @param device            where to run: {@code AUTO} uses CUDA when the GPU build of ONNX Runtime is on the class
 *                          path and a device answers, CPU otherwise
 */
public record OnnxSettings(int intraOpThreads, GraphOptimization optimization, Device device)
        implements java.io.Serializable {

    public OnnxSettings {
        if (intraOpThreads < 0 || intraOpThreads > 1024) {
            throw new IllegalArgumentException("intra-op threads must be in [0, 1024], got " + intraOpThreads);
        }
        if (optimization == null || device == null) {
            throw new IllegalArgumentException("optimization and device are required");
        }
    }

    public static OnnxSettings defaults() {
        return new OnnxSettings(0, GraphOptimization.ALL, Device.AUTO);
    }

    /** ONNX Runtime's graph optimisation levels. */
    public enum GraphOptimization {
        NONE, BASIC, EXTENDED, ALL;

        public static GraphOptimization parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown graph optimisation '" + s
                        + "' (expected none, basic, extended or all)");
            }
        }
    }

    /** Execution provider choice. */
    public enum Device {
        AUTO, CPU, CUDA;

        public static Device parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown device '" + s + "' (expected auto, cpu or cuda)");
            }
        }
    }
}
