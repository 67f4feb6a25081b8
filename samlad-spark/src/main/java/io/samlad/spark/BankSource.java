package io.samlad.spark;

import io.samlad.util.InvalidInputException;
import io.samlad.bank.TemplateBank;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A bank file read on the driver: its bytes (to broadcast), their SHA-256 (the executors' cache key) and the bank
 * itself, checked before any task starts so that a missing or damaged bank fails the job at once, naming the file.
 */
record BankSource(String uri, byte[] bytes, String sha256, TemplateBank bank) {

    static BankSource read(String uri, HadoopFiles files) {
        byte[] bytes;
        try {
            bytes = InspectPartition.isLocal(uri) ? Files.readAllBytes(InspectPartition.localPath(uri))
                    : files.readAll(uri);
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(Path.of(uri), "cannot read bank file: " + ImageBytes.oneLine(e), e);
        }
        String sha = sha256(bytes);
        byte[] read = bytes;
        return new BankSource(uri, bytes, sha, ExecutorCache.bankFile(sha, uri, () -> read));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
