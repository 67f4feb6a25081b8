package io.samlad.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.UploadedFile;
import io.samlad.util.InvalidInputException;
import io.samlad.util.Version;
import io.samlad.image.FloatMap;
import io.samlad.image.ImageLoader;
import io.samlad.image.ImageWriters;
import io.samlad.image.RgbImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code samlad serve}: the HTTP service (API under {@code /v1}, the web page, health, readiness and metrics) over
 * a {@link BankRegistry}, an {@link InspectionService}, an {@link InspectionLog} and an {@link ImageStore}.
 * Every route answers JSON errors ({@code {"error": code, "message": ...}}); routes that change state or return
 * images require {@code Authorization: Bearer TOKEN} when a token is set.
 */
public final class InspectionServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InspectionServer.class);
    private static final List<String> WEB_FILES = List.of("index.html", "app.js", "app.css", "favicon.svg");

    /** A bank to serve at start. */
    public record BankSpec(String name, Path file, Double threshold) {
    }

    private final ServerSettings settings;
    private final BankRegistry banks;
    private final InspectionLog log;
    private final ImageStore store;
    private final InspectionService service;
    private final ReferenceImages references;
    private final Map<String, byte[]> web = new HashMap<>();
    private final AtomicInteger httpInFlight = new AtomicInteger();
    /** How long stopping waits for answers already computed to be written out. */
    private static final long RESPONSE_FLUSH_MILLIS = 5_000;
    private final byte[] tokenBytes;
    private Javalin app;
    private volatile boolean stopped;

    private InspectionServer(ServerSettings settings, BankRegistry banks, InspectionLog log, ImageStore store) {
        this.settings = settings;
        this.banks = banks;
        this.log = log;
        this.store = store;
        this.service = new InspectionService(settings, banks, log, store);
        this.references = new ReferenceImages(settings.references());
        this.tokenBytes = settings.token() == null ? null : settings.token().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Loads every bank (failing before anything listens if one is unusable), opens the log and starts listening.
     *
     * @throws InvalidInputException naming a bank file that cannot be served
     */
    public static InspectionServer start(ServerSettings settings, List<BankSpec> specs, PipelineFactory pipelines)
            throws IOException, SQLException {
        if (specs.stream().map(BankSpec::name).distinct().count() < specs.size()) {
            throw new IllegalArgumentException("two banks with the same name: " + specs.stream().map(BankSpec::name)
                    .toList());
        }
        BankRegistry registry = new BankRegistry(pipelines);
        InspectionLog log = null;
        try {
            for (BankSpec spec : specs) {
                BankRegistry.checkName(spec.name());
                registry.publish(spec.name(), registry.load(spec.file()), spec.threshold(), "command line");
            }
            Files.createDirectories(settings.dataDir());
            log = InspectionLog.open(settings.logUrl());
            ImageStore store = new ImageStore(settings.dataDir().resolve("kept"), settings.keepImages());
            InspectionServer server = new InspectionServer(settings, registry, log, store);
            server.listen();
            return server;
        } catch (IOException | SQLException | RuntimeException e) {
            registry.close();
            if (log != null) {
                log.close();
            }
            throw e;
        }
    }

    private void listen() throws IOException {
        for (String f : WEB_FILES) {
            try (InputStream in = InspectionServer.class.getResourceAsStream("web/" + f)) {
                if (in == null) {
                    throw new IOException("web page resource missing from the jar: " + f);
                }
                web.put(f, in.readAllBytes());
            }
        }
        try (InputStream in = InspectionServer.class.getResourceAsStream("openapi.json")) {
            web.put("openapi.json", in.readAllBytes());
        }
        app = Javalin.create(this::configure);
        app.start(settings.host(), settings.port());
        LOG.info("samlad serve listening on http://{}:{}/ with banks {}", settings.host(), app.port(), banks.names());
    }

    private void configure(JavalinConfig config) {
        config.startup.showJavalinBanner = false;
        // A response leaves after its handler returned (Javalin writes it then): stopping Jetty must wait for those
        // writes, or a request that finished during a graceful stop loses its answer on a closed connection. Jetty's
        // GracefulHandler counts requests until their responses complete; Javalin puts its context inside it.
        config.jetty.modifyServer(server -> {
            server.setHandler(new org.eclipse.jetty.server.handler.GracefulHandler());
            server.setStopTimeout(RESPONSE_FLUSH_MILLIS);
        });
        config.startup.showOldJavalinVersionWarning = false;
        // Bodies are read through bounded streams below; this is only Javalin's own backstop.
        config.http.maxRequestSize = Math.max(settings.maxBodyBytes(), settings.maxBankBytes()) + 1024 * 1024;
        config.jetty.multipartConfig.maxFileSize(settings.maxBodyBytes(), SizeUnit.BYTES);
        config.jetty.multipartConfig.maxTotalRequestSize(settings.maxBodyBytes() + 64 * 1024, SizeUnit.BYTES);
        config.jetty.multipartConfig.maxInMemoryFileSize((int) Math.min(Integer.MAX_VALUE, settings.maxBodyBytes()),
                SizeUnit.BYTES);
        var r = config.routes;
        for (String f : WEB_FILES) {
            r.get(f.equals("index.html") ? "/" : "/" + f, route("/" + f, false, ctx -> ctx
                    .contentType(contentType(f)).header("Cache-Control", "no-cache").result(web.get(f))));
        }
        r.get("/health", route("/health", false, ctx -> json(ctx, 200, Map.of("status", "up",
                "version", Version.VERSION))));
        r.get("/ready", route("/ready", false, this::ready));
        r.get("/metrics", route("/metrics", false, ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(service.metrics().scrape())));
        r.get("/v1/openapi.json", route("/v1/openapi.json", false, ctx -> ctx.contentType("application/json")
                .result(web.get("openapi.json"))));
        r.get("/v1/banks", route("/v1/banks", false, ctx -> {
            ArrayNode list = InspectionService.JSON.createArrayNode();
            for (ServedBank b : banks.all()) {
                list.add(describe(b));
            }
            json(ctx, 200, Map.of("banks", list));
        }));
        r.get("/v1/banks/{name}", route("/v1/banks/{name}", false, ctx -> {
            ServedBank b = bank(ctx.pathParam("name"));
            ObjectNode d = describe(b);
            d.set("events", InspectionService.JSON.valueToTree(log.events(b.name(), 50)));
            json(ctx, 200, d);
        }));
        r.put("/v1/banks/{name}", route("/v1/banks/{name}", true, this::replaceBank));
        r.post("/v1/banks/{name}/threshold", route("/v1/banks/{name}/threshold", true, this::setThreshold));
        r.get("/v1/banks/{name}/references/{index}", route("/v1/banks/{name}/references/{index}", true,
                this::reference));
        r.post("/v1/inspect/{bank}", route("/v1/inspect/{bank}", true, this::inspect));
        r.get("/v1/inspections", route("/v1/inspections", false, this::inspections));
        r.get("/v1/inspections/{id}", route("/v1/inspections/{id}", false, ctx -> json(ctx, 200,
                InspectionService.JSON.readTree(row(ctx).record()))));
        for (ImageStore.Kind kind : ImageStore.Kind.values()) {
            String path = "/v1/inspections/{id}/" + kind.fileName;
            r.get(path, route(path, true, ctx -> keptFile(ctx, kind)));
        }
        r.error(404, ctx -> {
            String type = ctx.res().getContentType();
            if (type == null || !type.startsWith("application/json")) {
                error(ctx, new ApiError(404, "not_found", "no route " + ctx.method() + " " + ctx.path()));
            }
        });
        r.error(405, ctx -> error(ctx, new ApiError(405, "method_not_allowed",
                "method " + ctx.method() + " not allowed on " + ctx.path())));
    }

    /** Wraps a handler: token check, JSON errors, metrics by route template, in-flight count for shutdown. */
    private io.javalin.http.Handler route(String template, boolean guarded, io.javalin.http.Handler handler) {
        return ctx -> {
            long t0 = System.nanoTime();
            httpInFlight.incrementAndGet();
            try {
                if (guarded) {
                    authorize(ctx);
                }
                handler.handle(ctx);
            } catch (ApiError e) {
                error(ctx, e);
            } catch (Exception e) {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, new ApiError(500, "internal", "internal error: " + ImagePixelLimit.oneLine(e)));
            } finally {
                httpInFlight.decrementAndGet();
                service.metrics().request(ctx.method().name(), template, ctx.statusCode(), System.nanoTime() - t0);
            }
        };
    }

    private void authorize(Context ctx) {
        if (tokenBytes == null) {
            return;
        }
        String h = ctx.header("Authorization");
        byte[] given = h != null && h.regionMatches(true, 0, "Bearer ", 0, 7)
                ? h.substring(7).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
        // Constant-time comparison: the time taken says nothing about how much of the token was right.
        if (!MessageDigest.isEqual(given, tokenBytes)) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"samlad\"");
            throw new ApiError(401, "unauthorized", h == null
                    ? "this route requires Authorization: Bearer <token>" : "wrong bearer token");
        }
    }

    private void ready(Context ctx) {
        boolean ok = !banks.isEmpty() && !service.draining();
        json(ctx, ok ? 200 : 503, Map.of("status", ok ? "ready" : (service.draining() ? "shutting down"
                : "no banks loaded"), "banks", banks.names()));
    }

    private void inspect(Context ctx) throws IOException {
        String bank = ctx.pathParam("bank");
        byte[] body;
        String contentType;
        String fileName;
        String ct = ImageUpload.mediaType(ctx.contentType());
        if (ct != null && ct.startsWith("multipart/")) {
            checkDeclaredLength(ctx, settings.maxBodyBytes() + 64 * 1024, "upload");
            UploadedFile part;
            try {
                part = ctx.uploadedFile("image");
            } catch (RuntimeException e) {
                throw tooLargeOrBad(e);
            }
            if (part == null) {
                throw ApiError.badRequest("missing_image", "multipart upload has no field named 'image'");
            }
            if (part.size() > settings.maxBodyBytes()) {
                throw ApiError.tooLarge("body_too_large", "upload of " + part.size() + " bytes is over the limit of "
                        + settings.maxBodyBytes());
            }
            try (InputStream in = part.content()) {
                body = in.readAllBytes();
            }
            contentType = part.contentType();
            fileName = part.filename() == null || part.filename().isBlank() ? "upload" : part.filename();
        } else {
            body = readBounded(ctx, settings.maxBodyBytes(), "upload");
            contentType = ctx.contentType();
            String h = ctx.header("X-Samlad-Filename");
            fileName = h == null || h.isBlank() ? "upload" : InspectionService.clip(h, 200);
        }
        String clientHeader = ctx.header("X-Samlad-Client");
        String client = clientHeader == null || clientHeader.isBlank() ? ctx.ip()
                : InspectionService.clip(clientHeader, 60) + "@" + ctx.ip();
        ObjectNode answer;
        try {
            answer = service.inspect(new InspectionService.Request(bank, body, contentType, fileName, client));
        } catch (ApiError e) {
            service.metrics().refused(e.code());
            throw e;
        }
        if ("true".equalsIgnoreCase(ctx.queryParam("maps")) && store.enabled()) {
            long id = answer.get("id").asLong();
            ObjectNode maps = answer.putObject("maps");
            for (ImageStore.Kind k : ImageStore.Kind.values()) {
                maps.put(k == ImageStore.Kind.MAP ? "map" : k.name().toLowerCase(Locale.ROOT),
                        "/v1/inspections/" + id + "/" + k.fileName);
            }
        }
        json(ctx, 200, answer);
    }

    private static ApiError tooLargeOrBad(RuntimeException e) {
        String m = ImagePixelLimit.oneLine(e).toLowerCase(Locale.ROOT);
        if (m.contains("size") || m.contains("exceed") || m.contains("too large") || m.contains("413")) {
            return ApiError.tooLarge("body_too_large", "multipart upload over the limit: "
                    + ImagePixelLimit.oneLine(e));
        }
        return ApiError.badRequest("bad_multipart", "cannot read the multipart upload: " + ImagePixelLimit.oneLine(e));
    }

    private static void checkDeclaredLength(Context ctx, long max, String what) {
        String len = ctx.header("Content-Length");
        if (len != null) {
            try {
                long n = Long.parseLong(len.trim());
                if (n > max) {
                    throw ApiError.tooLarge("body_too_large", what + " of " + n + " bytes is over the limit of " + max);
                }
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("bad_content_length", "Content-Length is not a number: " + len);
            }
        }
    }

    /** Reads the body, refusing (413) once it passes {@code max} bytes, whatever Content-Length said. */
    private static byte[] readBounded(Context ctx, long max, String what) throws IOException {
        checkDeclaredLength(ctx, max, what);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        long total = 0;
        try (InputStream in = ctx.bodyInputStream()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > max) {
                    throw ApiError.tooLarge("body_too_large", what + " is over the limit of " + max + " bytes");
                }
                out.write(buf, 0, n);
            }
        }
        return out.toByteArray();
    }

    private void replaceBank(Context ctx) throws IOException, SQLException {
        String name = ctx.pathParam("name");
        BankRegistry.checkName(name);
        Path dir = settings.dataDir().resolve("banks");
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + name + ".", ".upload");
        LoadedModel model;
        try {
            checkDeclaredLength(ctx, settings.maxBankBytes(), "bank upload");
            try (InputStream in = ctx.bodyInputStream(); var out = Files.newOutputStream(tmp)) {
                byte[] buf = new byte[1 << 16];
                long total = 0;
                int n;
                while ((n = in.read(buf)) > 0) {
                    total += n;
                    if (total > settings.maxBankBytes()) {
                        throw ApiError.tooLarge("body_too_large", "bank upload over the limit of "
                                + settings.maxBankBytes() + " bytes");
                    }
                    out.write(buf, 0, n);
                }
            }
            if (Files.size(tmp) == 0) {
                throw ApiError.badRequest("empty_body", "the bank upload is empty (0 bytes)");
            }
            try {
                model = banks.load(tmp);
            } catch (InvalidInputException e) {
                throw ApiError.badRequest("bad_bank", "uploaded bank refused: "
                        + ImagePixelLimit.oneLine(e).replace(tmp.toString(), "upload"));
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Path kept = dir.resolve(name + "-" + model.sha256().substring(0, 12) + ".samlad");
        Files.move(tmp, kept, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        LoadedModel published = model.movedTo(kept);
        ServedBank before = banks.get(name);
        ServedBank now = banks.publish(name, published, null, "bank");
        references.forget(name);
        logEvent(ctx, name, "replaced", (before == null ? "new bank" : "was " + before.model().sha256())
                + ", now " + published.sha256() + " (" + published.bank().size() + " images, threshold "
                + fmt(now.threshold()) + ")");
        json(ctx, 200, describe(now));
    }

    private void setThreshold(Context ctx) throws IOException, SQLException {
        String name = ctx.pathParam("name");
        ServedBank current = bank(name);
        JsonNode body;
        try {
            body = InspectionService.JSON.readTree(readBounded(ctx, 64 * 1024, "threshold request"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiError.badRequest("bad_json", "body must be JSON like {\"threshold\": 1.5}");
        }
        if (body == null || !body.has("threshold")) {
            throw ApiError.badRequest("bad_json", "body must be JSON like {\"threshold\": 1.5} (null: the bank's own)");
        }
        JsonNode t = body.get("threshold");
        double value;
        String source;
        if (t.isNull()) {
            value = current.model().detector().threshold();
            source = "bank";
        } else if (t.isNumber() && Double.isFinite(t.asDouble())) {
            value = t.asDouble();
            source = "api";
        } else {
            throw ApiError.badRequest("bad_threshold", "threshold must be a finite number or null: " + t);
        }
        ServedBank before = banks.setThreshold(name, value, source);
        logEvent(ctx, name, "threshold", fmt(before.threshold()) + " -> " + fmt(value) + " (" + source + ")");
        json(ctx, 200, describe(banks.get(name)));
    }

    private void logEvent(Context ctx, String bank, String event, String detail) throws SQLException {
        Instant now = Instant.now();
        log.insertEvent(new InspectionLog.BankEvent(now.toString(), now.toEpochMilli(), bank, event, detail,
                ctx.ip()));
        LOG.info("bank {}: {} {}", bank, event, detail);
    }

    private void reference(Context ctx) throws IOException {
        ServedBank b = bank(ctx.pathParam("name"));
        int index;
        try {
            index = Integer.parseInt(ctx.pathParam("index"));
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("bad_index", "reference index must be an integer: " + ctx.pathParam("index"));
        }
        Path file = references.find(b.name(), b.model().bank().names(), index).orElseThrow(() -> ApiError.notFound(
                "reference " + index + " of bank " + b.name() + " is not available"
                        + (references.configured(b.name()) ? "" : " (start with --references " + b.name() + "=DIR)")));
        ctx.contentType(contentType(file.getFileName().toString())).header("Cache-Control", "max-age=3600")
                .result(Files.readAllBytes(file));
    }

    private void inspections(Context ctx) throws SQLException, IOException {
        String bank = ctx.queryParam("bank");
        String label = ctx.queryParam("label");
        if (label != null && !label.isBlank() && !label.equals("anomalous") && !label.equals("normal")) {
            throw ApiError.badRequest("bad_label", "label must be anomalous or normal: " + label);
        }
        Long since = null;
        String s = ctx.queryParam("since");
        if (s != null && !s.isBlank()) {
            try {
                since = Instant.parse(s).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw ApiError.badRequest("bad_since", "since must be an ISO-8601 instant like 2026-11-30T09:00:00Z: "
                        + s);
            }
        }
        int limit = 50;
        String l = ctx.queryParam("limit");
        if (l != null && !l.isBlank()) {
            try {
                limit = Integer.parseInt(l);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > 1000) {
                throw ApiError.badRequest("bad_limit", "limit must be 1 to 1000: " + l);
            }
        }
        List<InspectionLog.Row> rows = log.query(new InspectionLog.Query(blankToNull(bank), blankToNull(label), since,
                limit));
        ArrayNode items = InspectionService.JSON.createArrayNode();
        for (InspectionLog.Row row : rows) {
            ObjectNode item = (ObjectNode) InspectionService.JSON.readTree(row.record());
            item.put("kept", store.has(row.id()));
            items.add(item);
        }
        json(ctx, 200, Map.of("inspections", items, "count", items.size()));
    }

    private InspectionLog.Row row(Context ctx) throws SQLException {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("bad_id", "inspection id must be an integer: " + ctx.pathParam("id"));
        }
        return log.find(id).orElseThrow(() -> ApiError.notFound("no inspection " + id));
    }

    private void keptFile(Context ctx, ImageStore.Kind kind) throws SQLException, IOException {
        InspectionLog.Row row = row(ctx);
        long id = row.id();
        if (!store.has(id)) {
            throw new ApiError(410, "gone", "inspection " + id
                    + " is logged but its images are no longer kept (--keep-images " + settings.keepImages() + ")");
        }
        Path file;
        if (kind == ImageStore.Kind.IMAGE || kind == ImageStore.Kind.MAP) {
            file = store.file(id, kind).orElseThrow();
        } else {
            Optional<Path> cached = store.file(id, kind);
            file = cached.isPresent() ? cached.get() : render(row, kind);
        }
        String type = switch (kind) {
            case IMAGE -> contentType("x." + InspectionService.JSON.readTree(row.record()).path("image")
                    .path("format").asText("png"));
            case MAP -> "image/tiff";
            default -> "image/png";
        };
        ctx.contentType(type).header("Cache-Control", "private, max-age=3600").result(Files.readAllBytes(file));
    }

    private Path render(InspectionLog.Row row, ImageStore.Kind kind) throws IOException {
        RgbImage image = ImageLoader.read(store.file(row.id(), ImageStore.Kind.IMAGE).orElseThrow());
        FloatMap map = ImageWriters.readFloatTiff(store.file(row.id(), ImageStore.Kind.MAP).orElseThrow());
        JsonNode record = InspectionService.JSON.readTree(row.record());
        var picture = kind == ImageStore.Kind.HEAT ? Renderings.heat(image, map, row.threshold())
                : Renderings.overlay(image, Renderings.prediction(record, map), row.threshold());
        return store.saveDerived(row.id(), kind, out -> {
            if (!ImageIO.write(picture, "png", out)) {
                throw new IOException("no PNG writer in this JVM");
            }
        });
    }

    private ServedBank bank(String name) {
        ServedBank b = banks.get(name);
        if (b == null) {
            throw ApiError.notFound("no bank named " + name + " (served: " + String.join(", ", banks.names()) + ")");
        }
        return b;
    }

    private ObjectNode describe(ServedBank b) {
        ObjectNode d = InspectionService.JSON.createObjectNode();
        LoadedModel m = b.model();
        d.put("name", b.name());
        d.put("threshold", b.threshold());
        d.put("thresholdSource", b.thresholdSource());
        d.put("calibratedThreshold", m.detector().threshold());
        d.put("generation", b.generation());
        d.put("images", m.bank().size());
        d.put("detector", m.detector().name());
        d.put("models", m.bank().pipelineId());
        d.put("file", m.file().getFileName().toString());
        d.put("sha256", m.sha256());
        d.put("sizeBytes", m.sizeBytes());
        d.put("loadedAt", m.loadedAt().toString());
        d.put("referencesAvailable", references.configured(b.name()));
        d.set("provenance", InspectionService.JSON.valueToTree(m.bank().provenance()));
        d.set("config", InspectionService.JSON.valueToTree(m.bank().config()));
        return d;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static void json(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(InspectionService.JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void error(Context ctx, ApiError e) {
        if (ctx.method() == HandlerType.POST || ctx.method() == HandlerType.PUT) {
            // The body may be unread (refused before reading, or cut at the limit): close rather than leave
            // its rest on a connection the client might reuse for its next request.
            ctx.header("Connection", "close");
        }
        if (e.retryAfterSeconds() != null) {
            ctx.header("Retry-After", Integer.toString(e.retryAfterSeconds()));
        }
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("error", e.code());
        body.put("message", e.getMessage());
        json(ctx, e.status(), body);
    }

    static String contentType(String file) {
        String f = file.toLowerCase(Locale.ROOT);
        if (f.endsWith(".html")) {
            return "text/html; charset=utf-8";
        } else if (f.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        } else if (f.endsWith(".css")) {
            return "text/css; charset=utf-8";
        } else if (f.endsWith(".svg")) {
            return "image/svg+xml";
        } else if (f.endsWith(".png")) {
            return "image/png";
        } else if (f.endsWith(".jpg") || f.endsWith(".jpeg")) {
            return "image/jpeg";
        } else if (f.endsWith(".bmp")) {
            return "image/bmp";
        } else if (f.endsWith(".tif") || f.endsWith(".tiff")) {
            return "image/tiff";
        }
        return "application/octet-stream";
    }

    /** The metrics as {@code GET /metrics} would answer them. */
    public String metricsText() {
        return service.metrics().scrape();
    }

    /** The port listened on (useful with port 0). */
    public int port() {
        return app.port();
    }

    public String baseUrl() {
        return "http://" + settings.host() + ":" + port();
    }

    public BankRegistry banks() {
        return banks;
    }

    public InspectionLog log() {
        return log;
    }

    /**
     * Graceful stop: refuse new inspections (503), let queued and running ones finish and their answers go out,
     * stop listening, flush and close the log, free the banks. Safe to call twice.
     *
     * @return true when everything in flight finished within the grace period
     */
    public synchronized boolean stop() {
        if (stopped) {
            return true;
        }
        stopped = true;
        boolean clean;
        try {
            clean = service.drain(settings.shutdownGrace());
            long deadline = System.nanoTime() + 5_000_000_000L;
            // Answers computed by the workers still have to be written by the HTTP threads.
            while (httpInFlight.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            clean &= httpInFlight.get() == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            clean = false;
        }
        app.stop();
        service.close();
        try {
            log.close();
        } catch (SQLException e) {
            LOG.error("closing the inspection log failed", e);
            clean = false;
        }
        banks.close();
        LOG.info("samlad serve stopped ({})", clean ? "clean" : "in-flight work cut short");
        return clean;
    }

    @Override
    public void close() {
        stop();
    }
}
