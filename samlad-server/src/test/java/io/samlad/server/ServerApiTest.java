package io.samlad.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.samlad.Samlad;
import io.samlad.detector.FittedDetector;
import io.samlad.detector.Pipeline;
import io.samlad.detector.Prediction;
import io.samlad.image.FloatMap;
import io.samlad.image.ImageLoader;
import io.samlad.toy.ToyScenes;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The API through a real HTTP client against a server on an ephemeral loopback port: inspecting, the log, kept
 * images, the token, the limits and every kind of bad upload. One server (bank "toy", token "s3cret", 1 MB body
 * limit, 1 megapixel limit, the last 4 inspections' images kept) serves the whole class.
 */
class ServerApiTest {
    static final String TOKEN = "s3cret";
    @TempDir
    static Path data;
    static InspectionServer server;
    static Http api;
    static Http anonymous;
    static FittedDetector direct;
    static Pipeline directPipeline;

    @BeforeAll
    static void start() throws Exception {
        ServerSettings s = ServerSettings.defaults(data).withPort(0).withWorkers(2, 8)
                .withLimits(1024 * 1024, 1_000_000, Duration.ofSeconds(30)).withToken(TOKEN)
                .withLog("jdbc:sqlite:" + data.resolve("log.db"), 4)
                .withReferences(Map.of("toy", TestBanks.trainA()));
        server = InspectionServer.start(s, List.of(new InspectionServer.BankSpec("toy", TestBanks.bankA(), null)),
                Samlad::embeddedPipeline);
        api = new Http(server.baseUrl(), TOKEN);
        anonymous = api.withToken(null);
        directPipeline = Samlad.embeddedPipeline(Samlad.readBank(TestBanks.bankA()).config());
        direct = Samlad.load(TestBanks.bankA(), directPipeline);
    }

    @AfterAll
    static void stop() {
        server.stop();
        directPipeline.close();
    }

    @Test
    void anInspectionAnswersWhatPredictWouldAndIsLoggedAsAnswered() {
        byte[] png = TestBanks.png(7, ToyScenes.Defect.MISSING);
        Http.Response r = api.post("/v1/inspect/toy", png, "image/png");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode a = r.json();
        Prediction expected = direct.predict(ImageLoader.convert(read(png)));
        assertThat(a.get("score").asDouble()).isEqualTo(expected.score());
        assertThat(a.get("logicalScore").asDouble()).isEqualTo(expected.logicalScore());
        assertThat(a.get("threshold").asDouble()).isEqualTo(direct.threshold());
        assertThat(a.get("label").asText()).isEqualTo("anomalous");
        assertThat(a.get("objects")).hasSize(expected.objects().size());
        assertThat(verdicts(a)).contains("missing");
        assertThat(a.get("referenceNames").get(0).asText()).matches("n\\d\\d\\.png");
        assertThat(a.get("timingsMs").has("decode")).isTrue();
        assertThat(a.get("image").get("width").asInt()).isEqualTo(ToyScenes.SIZE);
        assertThat(a.get("image").get("sha256").asText()).isEqualTo(BankRegistry.sha256(png));

        JsonNode logged = anonymous.get("/v1/inspections/" + a.get("id").asLong()).json();
        assertThat(logged).isEqualTo(a);
    }

    @Test
    void aMultipartUploadIsInspectedUnderItsFileName() {
        Http.Response r = api.multipart("/v1/inspect/toy", "image", "line3-cam2.png", "image/png",
                TestBanks.png(8, ToyScenes.Defect.NONE));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("path").asText()).isEqualTo("line3-cam2.png");
        assertThat(r.json().get("label").asText()).isEqualTo("normal");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"jpeg", "bmp", "tiff"})
    void jpegBmpAndTiffUploadsAreInspectedToo(String format) {
        byte[] bytes = TestBanks.encode(ToyScenes.scene(10, ToyScenes.Defect.NONE).toBufferedImage(), format);
        Http.Response r = api.post("/v1/inspect/toy", bytes, "image/" + format);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("image").get("format").asText()).isEqualTo(format);
        assertThat(api.get("/v1/inspections/" + r.json().get("id").asLong() + "/image").header("Content-Type"))
                .isEqualTo("image/" + format);
    }

    @Test
    void mapsTrueGivesUrlsOfTheKeptImageMapAndOverlays() throws Exception {
        byte[] png = TestBanks.png(9, ToyScenes.Defect.EXTRA);
        JsonNode a = api.post("/v1/inspect/toy?maps=true", png, "image/png").json();
        JsonNode maps = a.get("maps");
        assertThat(api.get(maps.get("image").asText()).bytes()).isEqualTo(png);
        Http.Response tiff = api.get(maps.get("map").asText());
        assertThat(tiff.header("Content-Type")).isEqualTo("image/tiff");
        Path f = Files.write(data.resolve("map.tiff"), tiff.bytes());
        FloatMap map = io.samlad.image.ImageWriters.readFloatTiff(f);
        assertThat(map.width()).isEqualTo(ToyScenes.SIZE);
        assertThat(map.height()).isEqualTo(ToyScenes.SIZE);
        BufferedImage overlay = read(api.get(maps.get("overlay").asText()).bytes());
        assertThat(overlay.getWidth()).isGreaterThan(2 * ToyScenes.SIZE); // image | heat map | objects
        BufferedImage heat = read(api.get(maps.get("heat").asText()).bytes());
        assertThat(heat.getWidth()).isEqualTo(ToyScenes.SIZE);
        // References are served from the --references folder, by index in the bank.
        int ref = a.get("references").get(0).asInt();
        Http.Response refImage = api.get("/v1/banks/toy/references/" + ref);
        assertThat(refImage.status()).isEqualTo(200);
        assertThat(refImage.bytes()).isEqualTo(Files.readAllBytes(TestBanks.trainA().resolve(
                a.get("referenceNames").get(0).asText())));
    }

    @Test
    void theLogIsQueriedNewestFirstByBankLabelAndTime() {
        Instant before = Instant.now().minusMillis(5);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(api.post("/v1/inspect/toy", TestBanks.png(20 + i, ToyScenes.Defect.MISSING), "image/png").json()
                    .get("id").asLong());
        }
        JsonNode recent = anonymous.get("/v1/inspections?since=" + before + "&label=anomalous&bank=toy").json();
        List<Long> got = new ArrayList<>();
        recent.get("inspections").forEach(i -> got.add(i.get("id").asLong()));
        assertThat(got).containsSubsequence(ids.get(2), ids.get(1), ids.get(0));
        recent.get("inspections").forEach(i -> assertThat(i.get("label").asText()).isEqualTo("anomalous"));
        assertThat(anonymous.get("/v1/inspections?limit=2").json().get("inspections")).hasSize(2);
        assertThat(anonymous.get("/v1/inspections?bank=nosuch").json().get("count").asInt()).isZero();
        assertThat(anonymous.get("/v1/inspections?since=2999-01-01T00:00:00Z").json().get("count").asInt()).isZero();
        assertThat(anonymous.get("/v1/inspections?label=maybe").error()).isEqualTo("bad_label");
        assertThat(anonymous.get("/v1/inspections?since=yesterday").error()).isEqualTo("bad_since");
        assertThat(anonymous.get("/v1/inspections?limit=0").error()).isEqualTo("bad_limit");
        assertThat(anonymous.get("/v1/inspections/999999").status()).isEqualTo(404);
    }

    @Test
    void onlyTheLastKeptImagesAreServedOlderOnesAreGone() {
        long first = api.post("/v1/inspect/toy", TestBanks.png(30, ToyScenes.Defect.NONE), "image/png").json()
                .get("id").asLong();
        for (int i = 0; i < 4; i++) {
            api.post("/v1/inspect/toy", TestBanks.png(31 + i, ToyScenes.Defect.NONE), "image/png");
        }
        Http.Response gone = api.get("/v1/inspections/" + first + "/overlay.png");
        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.error()).isEqualTo("gone");
        assertThat(anonymous.get("/v1/inspections/" + first).status()).isEqualTo(200); // the log row stays
    }

    @Test
    void theTokenGuardsStateChangesAndImagesButNotReadingTheLog() {
        byte[] png = TestBanks.png(40, ToyScenes.Defect.NONE);
        Http.Response none = anonymous.post("/v1/inspect/toy", png, "image/png");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(api.withToken("s3creT").post("/v1/inspect/toy", png, "image/png").status()).isEqualTo(401);
        assertThat(anonymous.postJson("/v1/banks/toy/threshold", "{\"threshold\": 1}").status()).isEqualTo(401);
        assertThat(anonymous.put("/v1/banks/toy", new byte[] {1}).status()).isEqualTo(401);
        long id = api.post("/v1/inspect/toy", png, "image/png").json().get("id").asLong();
        assertThat(anonymous.get("/v1/inspections/" + id + "/image").status()).isEqualTo(401);
        assertThat(anonymous.get("/v1/inspections/" + id + "/overlay.png").status()).isEqualTo(401);
        assertThat(anonymous.get("/v1/banks/toy/references/0").status()).isEqualTo(401);
        assertThat(anonymous.get("/v1/inspections/" + id).status()).isEqualTo(200);
        assertThat(anonymous.get("/v1/banks").status()).isEqualTo(200);
        assertThat(anonymous.get("/health").status()).isEqualTo(200);
        assertThat(anonymous.get("/ready").json().get("status").asText()).isEqualTo("ready");
    }

    @ParameterizedTest
    @EnumSource(BadUploads.class)
    void everyBadUploadGetsItsOwnErrorAndTheServerKeepsServing(BadUploads bad) {
        byte[] good = TestBanks.png(50, ToyScenes.Defect.NONE);
        Http.Response r = api.post("/v1/inspect/toy", bad.body(good), bad.contentType());
        assertThat(r.status()).as(r.text()).isEqualTo(bad.status());
        assertThat(r.error()).isEqualTo(bad.code());
        assertThat(r.json().get("message").asText()).isNotBlank().doesNotContain("\n");
        assertThat(api.post("/v1/inspect/toy", good, "image/png").status()).isEqualTo(200);
    }

    @Test
    void moreBadUploads() {
        byte[] good = TestBanks.png(51, ToyScenes.Defect.NONE);
        // A PNG declared as JPEG.
        Http.Response lie = api.post("/v1/inspect/toy", good, "image/jpeg");
        assertThat(lie.error()).isEqualTo("wrong_content_type");
        assertThat(lie.json().get("message").asText()).contains("image/jpeg").contains("PNG");
        // Over the pixel limit (1 megapixel here) from a real header, before decoding.
        Http.Response big = api.post("/v1/inspect/toy", BadUploads.pngHeader(1001, 1000), "image/png");
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.json().get("message").asText()).contains("1001x1000");
        // Over the body limit (1 MB here).
        Http.Response huge = api.post("/v1/inspect/toy", new byte[1024 * 1024 + 1], "image/png");
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.error()).isEqualTo("body_too_large");
        // Multipart without the image field, and a GIF.
        assertThat(api.multipart("/v1/inspect/toy", "file", "x.png", "image/png", good).error())
                .isEqualTo("missing_image");
        byte[] gif = TestBanks.encode(ToyScenes.scene(1, ToyScenes.Defect.NONE).toBufferedImage(), "gif");
        assertThat(api.post("/v1/inspect/toy", gif, "application/octet-stream").error()).isEqualTo("not_an_image");
        // Unknown bank, bad bank name, path tricks: JSON errors, never a file.
        assertThat(api.post("/v1/inspect/nosuch", good, "image/png").status()).isEqualTo(404);
        assertThat(api.get("/v1/inspections/..%2F..%2Fetc%2Fpasswd/image").status()).isIn(400, 404);
        assertThat(api.get("/v1/banks/toy/references/-1").status()).isEqualTo(404);
        assertThat(api.get("/v1/banks/toy/references/..%2Fa.samlad").status()).isEqualTo(400);
        assertThat(api.put("/v1/banks/..", new byte[] {1}).status()).isIn(400, 404);
        assertThat(api.get("/nothing/here").error()).isEqualTo("not_found");
        assertThat(api.post("/v1/inspect/toy", good, "image/png").status()).isEqualTo(200);
    }

    @Test
    void aThresholdChangeTakesEffectAndIsLogged() {
        byte[] missing = TestBanks.png(60, ToyScenes.Defect.MISSING);
        assertThat(api.post("/v1/inspect/toy", missing, "image/png").json().get("label").asText())
                .isEqualTo("anomalous");
        JsonNode bank = api.postJson("/v1/banks/toy/threshold", "{\"threshold\": 1000000}").json();
        assertThat(bank.get("threshold").asDouble()).isEqualTo(1e6);
        assertThat(bank.get("thresholdSource").asText()).isEqualTo("api");
        try {
            JsonNode a = api.post("/v1/inspect/toy", missing, "image/png").json();
            assertThat(a.get("label").asText()).isEqualTo("normal");
            assertThat(a.get("threshold").asDouble()).isEqualTo(1e6);
            JsonNode events = anonymous.get("/v1/banks/toy").json().get("events");
            assertThat(events.get(0).get("event").asText()).isEqualTo("threshold");
            assertThat(events.get(0).get("detail").asText()).contains("1000000.0000");
            assertThat(api.postJson("/v1/banks/toy/threshold", "{\"threshold\": \"high\"}").error())
                    .isEqualTo("bad_threshold");
            assertThat(api.postJson("/v1/banks/toy/threshold", "{}").error()).isEqualTo("bad_json");
            assertThat(api.postJson("/v1/banks/nosuch/threshold", "{\"threshold\": 1}").status()).isEqualTo(404);
        } finally {
            JsonNode reset = api.postJson("/v1/banks/toy/threshold", "{\"threshold\": null}").json();
            assertThat(reset.get("threshold").asDouble()).isEqualTo(direct.threshold());
        }
    }

    @Test
    void metricsArePrometheusText() {
        api.post("/v1/inspect/toy", TestBanks.png(70, ToyScenes.Defect.MISSING), "image/png");
        Http.Response m = anonymous.get("/metrics");
        assertThat(m.header("Content-Type")).startsWith("text/plain");
        assertThat(m.text())
                .contains("samlad_inspections_total{bank=\"toy\",label=\"anomalous\"}")
                .contains("samlad_inspection_seconds_bucket{bank=\"toy\",stage=\"features\"")
                .contains("samlad_inspection_seconds_count{bank=\"toy\",stage=\"total\"}")
                .contains("samlad_objects_total{bank=\"toy\",verdict=\"missing\"}")
                .contains("samlad_http_requests_seconds_count{method=\"POST\",route=\"/v1/inspect/{bank}\","
                        + "status=\"200\"}")
                .contains("samlad_queue_depth")
                .contains("jvm_memory_used_bytes{area=\"heap\"");
    }

    @Test
    void theBanksTheOpenApiFileAndThePageAreServed() {
        JsonNode banks = anonymous.get("/v1/banks").json().get("banks");
        assertThat(banks).hasSize(1);
        JsonNode toy = banks.get(0);
        assertThat(toy.get("images").asInt()).isEqualTo(TestBanks.IMAGES);
        assertThat(toy.get("provenance").get("imageCount").asInt()).isEqualTo(TestBanks.IMAGES);
        assertThat(toy.get("models").asText()).contains("features=");
        JsonNode openapi = anonymous.get("/v1/openapi.json").json();
        assertThat(openapi.get("openapi").asText()).startsWith("3.");
        List<String> paths = new ArrayList<>();
        for (Iterator<String> it = openapi.get("paths").fieldNames(); it.hasNext();) {
            paths.add(it.next());
        }
        assertThat(paths).contains("/v1/inspect/{bank}", "/v1/inspections", "/v1/inspections/{id}",
                "/v1/inspections/{id}/overlay.png", "/v1/inspections/{id}/map.tiff", "/v1/inspections/{id}/image",
                "/v1/banks", "/v1/banks/{name}", "/v1/banks/{name}/threshold", "/health", "/ready", "/metrics");
        Http.Response page = anonymous.get("/");
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.text()).contains("<script src=\"/app.js\">").doesNotContain("https://");
        assertThat(anonymous.get("/app.js").text()).contains("/v1/inspect/").doesNotContain("https://");
    }

    @Test
    void twoBanksUnderOneNameAreRefusedAtStart(@TempDir Path other) {
        InspectionServer.BankSpec spec = new InspectionServer.BankSpec("toy", TestBanks.bankA(), null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> InspectionServer.start(
                ServerSettings.defaults(other).withPort(0), List.of(spec, spec), Samlad::embeddedPipeline))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same name");
    }

    private static List<String> verdicts(JsonNode a) {
        List<String> v = new ArrayList<>();
        a.get("objects").forEach(o -> v.add(o.get("verdict").asText()));
        return v;
    }

    static BufferedImage read(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
