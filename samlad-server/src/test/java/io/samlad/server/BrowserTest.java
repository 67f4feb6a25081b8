package io.samlad.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.samlad.Samlad;
import io.samlad.detector.FittedDetector;
import io.samlad.detector.Pipeline;
import io.samlad.config.SamladConfig;
import io.samlad.util.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page in a real browser (Debian's headless chromium driven by Selenium through Debian's chromedriver;
 * nothing is downloaded): upload a real juice_bottle anomaly, see the verdict, the objects drawn and listed, and the
 * inspection appear in the live list. Needs {@code ../shared/data} (skipped without it) and
 * {@code /usr/bin/chromium} + {@code /usr/bin/chromedriver} (installed by {@code .ci/run}).
 */
class BrowserTest {
    static final Path JUICE = Path.of("../../shared/data/mvtec_loco_subset/juice_bottle");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @Test
    void anOperatorUploadsAJuiceBottleAnomalyAndSeesTheVerdictObjectsAndLogEntry(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isDirectory(JUICE.resolve("train/good")),
                "skipped: ../shared/data/mvtec_loco_subset/juice_bottle is absent "
                        + "(test data lives beside the project)");
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("the browser test needs Debian's chromium and chromium-driver: apt-get install -y chromium "
                        + "chromium-driver (.ci/run does this)")
                .isTrue();
        Path bank = fitSmallJuiceBank(tmp.resolve("juice.samlad"), 20);
        Path anomaly = JUICE.resolve("test/logical_anomalies/000.png").toRealPath();

        ServerSettings s = ServerSettings.defaults(tmp).withPort(0).withWorkers(2, 8)
                .withLog("jdbc:sqlite:" + tmp.resolve("log.db"), 10)
                .withReferences(java.util.Map.of("juice_bottle", JUICE.resolve("train/good")));
        try (InspectionServer server = InspectionServer.start(s,
                List.of(new InspectionServer.BankSpec("juice_bottle", bank, null)), Samlad::embeddedPipeline)) {
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--window-size=1400,1000");
            WebDriver driver = new ChromeDriver(service, options);
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
                driver.get(server.baseUrl() + "/");
                wait.until(d -> d.findElement(By.id("ready")).getText().startsWith("ready"));
                wait.until(d -> !d.findElements(By.cssSelector("#bank-select option[value='juice_bottle']"))
                        .isEmpty());

                driver.findElement(By.id("file-input")).sendKeys(anomaly.toString());
                wait.until(d -> !d.findElement(By.id("verdict")).getText().isEmpty());
                assertThat(driver.findElement(By.id("verdict")).getText()).isEqualTo("ANOMALY");
                String id = driver.findElement(By.id("inspection-id")).getText();
                assertThat(id).matches("#\\d+");

                // The objects: listed with verdicts, drawn over the image, at least one not ok.
                List<WebElement> rows = driver.findElements(By.cssSelector("#objects tr"));
                assertThat(rows).isNotEmpty();
                assertThat(driver.findElements(By.cssSelector("#objects tr.notok"))).isNotEmpty();
                wait.until(d -> d.findElements(By.cssSelector("#stage-svg rect")).size() >= rows.size());
                wait.until(d -> ((Number) ((org.openqa.selenium.JavascriptExecutor) d)
                        .executeScript("return document.getElementById('stage-img').naturalWidth")).intValue() == 200);
                assertThat(driver.findElements(By.cssSelector("#references .ref"))).isNotEmpty();

                // The live list shows it, newest first, as anomalous.
                wait.until(d -> {
                    List<WebElement> log = d.findElements(By.cssSelector("#log tr"));
                    return !log.isEmpty() && ("#" + log.get(0).getAttribute("data-id")).equals(id);
                });
                assertThat(driver.findElement(By.cssSelector("#log tr")).getText()).contains("ANOMALOUS");

                // The bank page draws the histogram with the threshold.
                driver.findElement(By.id("tab-banks")).click();
                wait.until(d -> d.findElement(By.id("hist-count")).getAttribute("textContent")
                        .startsWith("(1: 0 normal, 1 anomalous"));
                assertThat(driver.findElement(By.id("histogram")).getText()).contains("threshold");

                Path shot = Path.of("target/browser-test.png");
                Files.createDirectories(shot.getParent());
                driver.findElement(By.id("tab-inspect")).click();
                Files.write(shot, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            } finally {
                driver.quit();
                service.stop();
            }
        }
    }

    /** A bank from the first {@code count} training images (enough for the page; not for accuracy figures). */
    static Path fitSmallJuiceBank(Path out, int count) throws Exception {
        List<Path> train;
        try (Stream<Path> files = Files.list(JUICE.resolve("train/good"))) {
            train = files.filter(p -> p.toString().endsWith(".png")).sorted().limit(count).toList();
        }
        SamladConfig config = SamladConfig.defaults();
        try (Pipeline p = Samlad.embeddedPipeline(config);
                FittedDetector d = Samlad.fit(p, config, train, List.of(), ProgressListener.NONE)) {
            d.save(out);
        }
        return out;
    }
}
