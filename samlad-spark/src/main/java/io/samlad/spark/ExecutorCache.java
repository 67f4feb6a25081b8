package io.samlad.spark;

import io.samlad.Samlad;
import io.samlad.bank.BankCodec;
import io.samlad.bank.TemplateBank;
import io.samlad.detector.Pipeline;
import io.samlad.detector.SamladDetector;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What each executor JVM keeps between tasks: banks decoded once per JVM (not per task or row), keyed by the
 * SHA-256 of the bank's bytes (and of the ONNX models', see {@link SparkModels}) so that two jobs with two banks in one application never mix them up. A detector is
 * thread-safe, so all task threads of an executor share one.
 */
final class ExecutorCache {
    private static final ConcurrentHashMap<String, SamladDetector> DETECTORS = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, TemplateBank> BANKS = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, TemplateBank> BANK_FILES = new ConcurrentHashMap<>();

    private ExecutorCache() {
    }

    /** The detector of a bank file's bytes, with the embedded pipeline its config names. */
    static SamladDetector detector(String bankSha256, String bankUri, Supplier<byte[]> bytes) {
        return detector(bankSha256, bankUri, bytes, null);
    }

    /**
     * The detector of a bank file's bytes with {@code models}' pipeline (null: the embedded one), built once per JVM
     * and (bank, models) pair: the models are opened once, not per task. A bank fitted with other stages throws
     * {@link io.samlad.util.InvalidInputException} naming the bank, and the opened models are closed again.
     */
    static SamladDetector detector(String bankSha256, String bankUri, Supplier<byte[]> bytes, SparkModels models) {
        return DETECTORS.computeIfAbsent(bankSha256 + "/" + SparkModels.keyOf(models), k -> {
            TemplateBank bank = bankFile(bankSha256, bankUri, bytes);
            Pipeline pipeline = SparkModels.open(models, bank.config());
            try {
                return (SamladDetector) Samlad.load(bank, Path.of(bankUri), pipeline);
            } catch (RuntimeException e) {
                pipeline.close();
                throw e;
            }
        });
    }

    /**
     * A bank file's bytes decoded (and checked) once per JVM: the driver checks a bank before every job, and in
     * local mode the driver is the executor too.
     */
    static TemplateBank bankFile(String bankSha256, String bankUri, Supplier<byte[]> bytes) {
        return BANK_FILES.computeIfAbsent(bankSha256, k -> BankCodec.read(bytes.get(), Path.of(bankUri)));
    }

    /** A bank shipped in {@link WireCodec} form during a distributed fit. */
    static TemplateBank bank(String key, Supplier<TemplateBank> decode) {
        return BANKS.computeIfAbsent(key, k -> decode.get());
    }

    /** Drops a fit's intermediate bank once the fit is done (driver side, and local mode's shared JVM). */
    static void forgetBank(String key) {
        BANKS.remove(key);
    }

    /** Number of detectors this JVM has built (tests check one per bank). */
    static int detectorCount() {
        return DETECTORS.size();
    }
}
