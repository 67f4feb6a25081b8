package io.samlad.cli;

import io.samlad.server.InspectionServer;
import io.samlad.server.ServerSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options of {@code samlad serve} that {@code bench-serve} shares: banks, workers, limits, log. */
public class ServeOptions {
    @Option(names = "--threads", paramLabel = "N",
            description = "inspections computed at once (default: number of cores)")
    Integer threads;

    @Option(names = "--queue", paramLabel = "N",
            description = "inspections that may wait for a worker; beyond, 503 + Retry-After (default: 4 x threads)")
    Integer queue;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "samlad-serve",
            description = "folder for the log, kept images and uploaded banks (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--log", paramLabel = "DB",
            description = "inspection log: a SQLite file or a JDBC URL (default: DATA/inspections.db)")
    String log;

    @Option(names = "--keep-images", paramLabel = "N", defaultValue = "200",
            description = "keep the image, map and overlay of the last N inspections (default: ${DEFAULT-VALUE})")
    int keepImages;

    @Option(names = "--max-body-mb", paramLabel = "MB", defaultValue = "32",
            description = "largest image upload (default: ${DEFAULT-VALUE})")
    long maxBodyMb;

    @Option(names = "--max-megapixels", paramLabel = "MP", defaultValue = "50",
            description = "largest image by the size its header declares (default: ${DEFAULT-VALUE})")
    double maxMegapixels;

    @Option(names = "--timeout-s", paramLabel = "S", defaultValue = "30",
            description = "per-request timeout, queue wait included; then 504 (default: ${DEFAULT-VALUE})")
    double timeoutSeconds;

    @Option(names = "--references", paramLabel = "[NAME=]DIR",
            description = "folder with a bank's training images, shown as the retrieved references on the page")
    List<String> references = new ArrayList<>();

    /** Settings from these options on top of the defaults. */
    ServerSettings settings(String host, int port, String token, List<InspectionServer.BankSpec> banks) {
        ServerSettings s = ServerSettings.defaults(data);
        int workers = threads != null ? threads : s.workers();
        s = s.withHost(host).withPort(port).withWorkers(workers, queue != null ? queue : 4 * workers)
                .withLimits(maxBodyMb * ServerSettings.MB, Math.round(maxMegapixels * 1e6),
                        Duration.ofMillis(Math.round(timeoutSeconds * 1000)))
                .withToken(token)
                .withLog(log == null ? s.logUrl() : log.startsWith("jdbc:") ? log : "jdbc:sqlite:" + log, keepImages);
        Map<String, Path> refs = new LinkedHashMap<>();
        for (String r : references) {
            int eq = r.indexOf('=');
            if (eq < 0 && banks.size() != 1) {
                throw new IllegalArgumentException("--references " + r + ": say which bank, as NAME=DIR");
            }
            refs.put(eq < 0 ? banks.get(0).name() : r.substring(0, eq), Path.of(eq < 0 ? r : r.substring(eq + 1)));
        }
        return s.withReferences(refs);
    }

    /** {@code NAME=FILE} or {@code FILE} (named after the file, without {@code .samlad}). */
    static InspectionServer.BankSpec bankSpec(String spec) {
        int eq = spec.indexOf('=');
        Path file = Path.of(eq < 0 ? spec : spec.substring(eq + 1));
        String name = eq < 0 ? file.getFileName().toString().replaceFirst("\\.samlad$", "") : spec.substring(0, eq);
        return new InspectionServer.BankSpec(name, file, null);
    }
}
