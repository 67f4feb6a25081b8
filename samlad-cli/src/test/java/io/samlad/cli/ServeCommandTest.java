package io.samlad.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.samlad.toy.ToyScenes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code samlad serve} as a process: it answers, and SIGTERM stops it gracefully with exit code 0 and the log on
 * disk; {@code samlad bench-serve} runs a short load and checks the log against the answers.
 */
class ServeCommandTest {
    @TempDir
    static Path dir;
    static Path bank;

    @BeforeAll
    static void fitBank() throws Exception {
        Path train = ToyImages.normals(dir.resolve("train"), 300, 10);
        bank = dir.resolve("toy.samlad");
        CliRun.Result fit = CliRun.run("fit", "--train", train.toString(), "--out", bank.toString());
        assertThat(fit.exitCode()).as(fit.toString()).isZero();
    }

    @Test
    void serveAnswersAndStopsGracefullyOnSigterm() throws Exception {
        Path data = dir.resolve("serve-data");
        Process p = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.samlad.cli.SamladCommand", "serve",
                "--bank", bank.toString(), "--port", "0", "--data", data.toString(), "--threads", "1")
                .redirectErrorStream(true).redirectOutput(dir.resolve("serve.out").toFile()).start();
        try {
            String url = null;
            String seen = "";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (url == null && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
                seen = Files.readString(dir.resolve("serve.out"));
                Matcher m = Pattern.compile("samlad serve: (http://\\S+/)").matcher(seen);
                if (m.find()) {
                    url = m.group(1);
                }
            }
            assertThat(url).as("the server announced its address:\n" + seen).isNotNull();
            assertThat(seen).contains("banks [toy]");
            byte[] png = Files.readAllBytes(ToyImages.write(dir.resolve("q.png"), 5, ToyScenes.Defect.MISSING));
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url
                    + "v1/inspect/toy")).header("Content-Type", "image/png")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(png)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            long id = new ObjectMapper().readTree(r.body()).get("id").asLong();

            p.destroy(); // SIGTERM
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
            assertThat(p.exitValue()).isZero();
            assertThat(Files.readString(dir.resolve("serve.out"))).contains("samlad serve: stopped");
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("inspections.db"));
                    ResultSet rs = c.createStatement().executeQuery("SELECT label FROM inspections WHERE id = " + id)) {
                assertThat(rs.next()).as("the answered inspection is in the log").isTrue();
                assertThat(rs.getString(1)).isEqualTo(new ObjectMapper().readTree(r.body()).get("label").asText());
            }
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void serveRefusesADamagedBankBeforeListening() throws Exception {
        Path bad = Files.write(dir.resolve("bad.samlad"), new byte[] {1, 2, 3});
        CliRun.Result r = CliRun.run("serve", "--bank", bad.toString(), "--port", "0", "--data",
                dir.resolve("d2").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.errLines()).anySatisfy(l -> assertThat(l).startsWith("samlad: error: ").contains("bad.samlad"));
    }

    @Test
    void benchServeRunsABoundedLoadAndChecksTheLog() throws Exception {
        Path images = ToyImages.normals(dir.resolve("bench-images"), 400, 3);
        ToyImages.write(images.resolve("missing.png"), 404, ToyScenes.Defect.MISSING);
        CliRun.Result r = CliRun.run("bench-serve", "--bank", bank.toString(), "--images", images.toString(),
                "--clients", "2", "--duration-s", "2", "--single-requests", "3", "--bad-fraction", "0.3",
                "--threads", "1", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        String json = r.out().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow();
        JsonNode report = new ObjectMapper().readTree(json);
        assertThat(report.get("goodOk").asInt()).isPositive();
        assertThat(report.get("goodFailed").asInt()).isZero();
        assertThat(report.get("badUnexpected").asInt()).isZero();
        assertThat(report.get("logRowsMissing").asInt()).isZero();
        assertThat(report.get("logRowsDiffering").asInt()).isZero();
        assertThat(report.get("latencyP99Ms").asDouble()).isPositive();
    }
}
