package io.samlad.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.samlad.util.InvalidInputException;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One ONNX model loaded once into an ONNX Runtime session and reused for every image. Knows its file, the file's
 * SHA-256 and its declared inputs and outputs, and measures the time spent inside ONNX Runtime's {@code run} so that
 * the cost of the model can be told apart from the Java work around it. Thread-safe (ONNX Runtime sessions are).
 */
public final class ModelSession implements AutoCloseable {
    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    private final Path path;
    private final String sha256;
    private final OrtSession session;
    private final List<TensorSpec> inputs;
    private final List<TensorSpec> outputs;
    private final String provider;
    private final AtomicLong runNanos = new AtomicLong();
    private final AtomicLong runs = new AtomicLong();

    private ModelSession(Path path, String sha256, OrtSession session, List<TensorSpec> inputs,
            List<TensorSpec> outputs, String provider) {
        this.path = path;
        this.sha256 = sha256;
        this.session = session;
        this.inputs = inputs;
        this.outputs = outputs;
        this.provider = provider;
    }

    /** The process-wide ONNX Runtime environment (there must be only one). */
    public static OrtEnvironment environment() {
        return ENV;
    }

    /**
     * Loads a model. Fails with {@link InvalidInputException} naming the file when it is missing, unreadable or not
     * an ONNX model.
     */
    public static ModelSession open(Path path, OnnxSettings settings) {
        if (!Files.isRegularFile(path)) {
            throw new InvalidInputException(path, "no such model file");
        }
        String hash;
        try {
            hash = Sha256.of(path);
        } catch (IOException e) {
            throw new InvalidInputException(path, "cannot read model file: " + oneLine(e), e);
        }
        OrtSession session = null;
        try {
            String[] provider = new String[1];
            try {
                session = create(path, settings, settings.device(), provider);
            } catch (OrtException e) {
                if (settings.device() != OnnxSettings.Device.AUTO || !provider[0].startsWith("cuda")) {
                    throw new InvalidInputException(path, "not an ONNX model that ONNX Runtime can load: "
                            + oneLine(e), e);
                }
                // AUTO: the CUDA provider was added but the session could not start on it: run on CPU instead.
                session = create(path, settings, OnnxSettings.Device.CPU, provider);
                provider[0] = "cpu (CUDA failed: " + oneLine(e) + ")";
            }
            List<TensorSpec> in = specs(session.getInputInfo());
            List<TensorSpec> out = specs(session.getOutputInfo());
            return new ModelSession(path, hash, session, in, out, provider[0]);
        } catch (OrtException e) {
            closeQuietly(session);
            throw new InvalidInputException(path, "not an ONNX model that ONNX Runtime can load: " + oneLine(e), e);
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    private static OrtSession create(Path path, OnnxSettings settings, OnnxSettings.Device device,
            String[] provider) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            if (settings.intraOpThreads() > 0) {
                options.setIntraOpNumThreads(settings.intraOpThreads());
            }
            options.setOptimizationLevel(optLevel(settings.optimization()));
            provider[0] = addProvider(options, device, path);
            return ENV.createSession(path.toString(), options);
        }
    }

    private static String addProvider(OrtSession.SessionOptions options, OnnxSettings.Device device, Path path) {
        if (device == OnnxSettings.Device.CPU) {
            return "cpu";
        }
        boolean available = OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
        if (!available) {
            if (device == OnnxSettings.Device.CUDA) {
                throw new InvalidInputException(path, "CUDA requested but this ONNX Runtime build has no CUDA provider"
                        + " (build with the Maven profile 'gpu' to use com.microsoft.onnxruntime:onnxruntime_gpu)");
            }
            return "cpu";
        }
        try {
            options.addCUDA(0);
            return "cuda:0";
        } catch (OrtException | RuntimeException e) {
            if (device == OnnxSettings.Device.CUDA) {
                throw new InvalidInputException(path, "CUDA provider failed to start: " + oneLine(e), e);
            }
            // AUTO: the GPU artifact is present but no usable device (driver, CUDA or cuDNN missing): run on CPU.
            return "cpu (CUDA unavailable: " + oneLine(e) + ")";
        }
    }

    private static OrtSession.SessionOptions.OptLevel optLevel(OnnxSettings.GraphOptimization g) {
        return switch (g) {
            case NONE -> OrtSession.SessionOptions.OptLevel.NO_OPT;
            case BASIC -> OrtSession.SessionOptions.OptLevel.BASIC_OPT;
            case EXTENDED -> OrtSession.SessionOptions.OptLevel.EXTENDED_OPT;
            case ALL -> OrtSession.SessionOptions.OptLevel.ALL_OPT;
        };
    }

    private static List<TensorSpec> specs(Map<String, NodeInfo> infos) {
        List<TensorSpec> out = new ArrayList<>();
        for (Map.Entry<String, NodeInfo> e : infos.entrySet()) {
            if (e.getValue().getInfo() instanceof TensorInfo t) {
                out.add(new TensorSpec(e.getKey(), typeName(t.type), t.getShape()));
            } else {
                out.add(new TensorSpec(e.getKey(), "non-tensor", new long[0]));
            }
        }
        return Collections.unmodifiableList(out);
    }

    static String typeName(OnnxJavaType t) {
        return switch (t) {
            case FLOAT -> "float32";
            case DOUBLE -> "float64";
            case FLOAT16 -> "float16";
            case BFLOAT16 -> "bfloat16";
            case INT8 -> "int8";
            case UINT8 -> "uint8";
            case INT16 -> "int16";
            case INT32 -> "int32";
            case INT64 -> "int64";
            case BOOL -> "bool";
            case STRING -> "string";
            default -> t.name().toLowerCase(Locale.ROOT);
        };
    }

    public Path path() {
        return path;
    }

    public String sha256() {
        return sha256;
    }

    public List<TensorSpec> inputs() {
        return inputs;
    }

    public List<TensorSpec> outputs() {
        return outputs;
    }

    /** The execution provider the session runs on, e.g. {@code cpu} or {@code cuda:0}. */
    public String provider() {
        return provider;
    }

    public Optional<TensorSpec> input(String name) {
        return inputs.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public Optional<TensorSpec> output(String name) {
        return outputs.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** Total nanoseconds spent inside ONNX Runtime's {@code run} since the session was opened. */
    public long runNanos() {
        return runNanos.get();
    }

    /** Number of {@code run} calls since the session was opened. */
    public long runs() {
        return runs.get();
    }

    /** A tensor in native (direct) memory holding a copy of {@code t}; the caller closes it. */
    public static OnnxTensor nativeTensor(FloatTensor t) {
        java.nio.FloatBuffer direct = java.nio.ByteBuffer.allocateDirect(t.data().length * Float.BYTES)
                .order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer();
        direct.put(t.data()).rewind();
        try {
            return OnnxTensor.createTensor(ENV, direct, t.shape());
        } catch (OrtException e) {
            throw new IllegalStateException("cannot create tensor: " + oneLine(e), e);
        }
    }

    /** A float tensor with the given shape; a heap array is copied into native memory by ONNX Runtime. */
    public static OnnxTensor tensor(float[] data, long... shape) {
        try {
            return OnnxTensor.createTensor(ENV, FloatBuffer.wrap(data), shape);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot create tensor: " + oneLine(e), e);
        }
    }

    /**
     * Runs the model on float inputs and returns the requested float outputs. Input tensors are created here and
     * released before returning; failures become {@link InvalidInputException} naming the model file.
     */
    public Map<String, FloatTensor> run(Map<String, FloatTensor> feeds, Set<String> wanted) {
        return run(feeds, Map.of(), wanted);
    }

    /**
     * As {@link #run(Map, Set)}, plus inputs already in native memory ({@code ready}, see {@link #nativeTensor}),
     * which are not copied again and stay open: an input shared by many runs (an image embedding answering a
     * thousand prompts) is then copied once instead of once per run.
     */
    public Map<String, FloatTensor> run(Map<String, FloatTensor> feeds, Map<String, OnnxTensor> ready,
            Set<String> wanted) {
        Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, FloatTensor> e : feeds.entrySet()) {
                tensors.put(e.getKey(), tensor(e.getValue().data(), e.getValue().shape()));
            }
            Map<String, OnnxTensor> all = new LinkedHashMap<>(tensors);
            all.putAll(ready);
            long t0 = System.nanoTime();
            try (OrtSession.Result result = session.run(all, wanted)) {
                runNanos.addAndGet(System.nanoTime() - t0);
                runs.incrementAndGet();
                Map<String, FloatTensor> out = new LinkedHashMap<>();
                for (String name : wanted) {
                    OnnxValue v = result.get(name).orElseThrow(() -> new InvalidInputException(path,
                            "model did not return output '" + name + "'"));
                    out.put(name, FloatTensor.of(path, name, v));
                }
                return out;
            }
        } catch (OrtException e) {
            throw new InvalidInputException(path, "inference failed: " + oneLine(e), e);
        } finally {
            tensors.values().forEach(OnnxTensor::close);
        }
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replace('\n', ' ').replace('\r', ' ').trim();
    }

    private static void closeQuietly(OrtSession s) {
        if (s != null) {
            try {
                s.close();
            } catch (OrtException ignored) {
                // already failing; the original error is the useful one
            }
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(path + ": cannot close session: " + oneLine(e), e);
        }
    }
}
