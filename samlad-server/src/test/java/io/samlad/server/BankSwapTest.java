package io.samlad.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.samlad.Samlad;
import io.samlad.detector.FittedDetector;
import io.samlad.detector.Pipeline;
import io.samlad.image.ImageLoader;
import io.samlad.toy.ToyScenes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replacing a bank while clients keep inspecting: no request fails and no answer mixes banks. Every answer names
 * the bank file it was computed with (its SHA-256), and its score and threshold must be exactly what that bank
 * gives for the image when loaded directly.
 */
class BankSwapTest {

    @Test
    void swappingUnderConcurrentRequestsNeverFailsOrMixesBanks(@TempDir Path data) throws Exception {
        byte[] image = TestBanks.png(77, ToyScenes.Defect.MISSING);
        Map<String, double[]> expected = new HashMap<>(); // bank sha256 -> {score, threshold}
        for (Path bank : List.of(TestBanks.bankA(), TestBanks.bankB())) {
            try (Pipeline p = Samlad.embeddedPipeline(Samlad.readBank(bank).config());
                    FittedDetector d = Samlad.load(bank, p)) {
                double score = d.predict(ImageLoader.convert(ServerApiTest.read(image))).score();
                expected.put(BankRegistry.sha256(Files.readAllBytes(bank)), new double[] {score, d.threshold()});
            }
        }
        assertThat(expected).hasSize(2);

        ServerSettings s = ServerSettings.defaults(data).withPort(0).withWorkers(2, 16)
                .withLog("jdbc:sqlite:" + data.resolve("log.db"), 0);
        try (InspectionServer server = InspectionServer.start(s,
                List.of(new InspectionServer.BankSpec("line", TestBanks.bankA(), null)), Samlad::embeddedPipeline)) {
            Http api = new Http(server.baseUrl(), null);
            AtomicBoolean swapping = new AtomicBoolean(true);
            ConcurrentLinkedQueue<Http.Response> answers = new ConcurrentLinkedQueue<>();
            ExecutorService clients = Executors.newFixedThreadPool(3);
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < 3; c++) {
                running.add(clients.submit(() -> {
                    // Keep inspecting until the swaps are done, and a little after.
                    int after = 0;
                    while (swapping.get() || after++ < 2) {
                        answers.add(api.post("/v1/inspect/line", image, "image/png"));
                    }
                }));
            }
            byte[] bankA = Files.readAllBytes(TestBanks.bankA());
            byte[] bankB = Files.readAllBytes(TestBanks.bankB());
            List<String> served = new ArrayList<>();
            for (byte[] next : List.of(bankB, bankA, bankB)) {
                Thread.sleep(300);
                Http.Response put = api.put("/v1/banks/line", next);
                assertThat(put.status()).as(put.text()).isEqualTo(200);
                served.add(put.json().get("sha256").asText());
            }
            // A damaged upload is refused whole; the bank in service stays.
            byte[] damaged = bankA.clone();
            damaged[damaged.length / 2] ^= 0x5a;
            Http.Response refused = api.put("/v1/banks/line", damaged);
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.error()).isEqualTo("bad_bank");
            assertThat(refused.json().get("message").asText()).doesNotContain(data.toString());
            assertThat(api.get("/v1/banks/line").json().get("sha256").asText()).isEqualTo(served.get(2));
            Thread.sleep(300);
            swapping.set(false);
            for (Future<?> f : running) {
                f.get();
            }
            clients.shutdown();

            assertThat(served).containsExactly(sha(bankB), sha(bankA), sha(bankB));
            Map<String, Integer> perBank = new HashMap<>();
            for (Http.Response r : answers) {
                assertThat(r.status()).as(r.text()).isEqualTo(200);
                JsonNode a = r.json();
                double[] want = expected.get(a.get("bankSha256").asText());
                assertThat(want).as("answer from an unknown bank").isNotNull();
                assertThat(a.get("score").asDouble()).isEqualTo(want[0]);
                assertThat(a.get("threshold").asDouble()).isEqualTo(want[1]);
                perBank.merge(a.get("bankSha256").asText(), 1, Integer::sum);
            }
            assertThat(perBank).as("answers came from both banks").hasSize(2);
            JsonNode events = api.get("/v1/banks/line").json().get("events");
            assertThat(events).hasSize(3);
            assertThat(events.get(0).get("event").asText()).isEqualTo("replaced");
        }
    }

    private static String sha(byte[] b) {
        return BankRegistry.sha256(b);
    }
}
