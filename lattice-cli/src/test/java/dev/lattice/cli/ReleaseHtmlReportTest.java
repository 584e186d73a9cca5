package dev.lattice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.lattice.testkit.Specs;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * lattice diff's HTML report in a real browser: Debian's headless Chromium through Selenium, no network. The
 * report opens without a console error and shows the same counts as the JSON report of the same diff.
 */
class ReleaseHtmlReportTest {
  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String DRIVER = "/usr/bin/chromedriver";

  @TempDir Path temp;

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : files.toList()) {
        Files.copy(file, to.resolve(file.getFileName()));
      }
    }
  }

  private ChromeDriver browser() {
    assertThat(new File(CHROMIUM)).as("Chromium is missing; install it with `apt-get install -y chromium "
        + "chromium-driver` (.ci/run does)").exists();
    assertThat(new File(DRIVER)).as("chromedriver is missing; `apt-get install -y chromium-driver`").exists();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,1400",
        "--user-data-dir=" + temp.resolve("chromium-profile"));
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    // The system driver, so that Selenium never looks for (or downloads) one of its own.
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
        .withLogFile(temp.resolve("chromedriver.log").toFile()).build();
    return new ChromeDriver(service, options);
  }

  private static int count(WebElement element) {
    return Integer.parseInt(element.getAttribute("data-count"));
  }

  @Test
  @DisplayName("the HTML report opens in headless Chromium with no console error, showing the JSON report's counts")
  void htmlMatchesJson() throws IOException {
    Path before = temp.resolve("before");
    Path after = temp.resolve("after");
    copy(Specs.repoRoot().resolve("examples/commerce"), before);
    copy(before, after);
    Path payments = after.resolve("payments.yaml");
    Files.writeString(payments, Files.readString(payments)
        .replace("      frontend: {type: service, direction: inbound}\n", "").replace("replicas: 2", "replicas: 3"));

    CliRun html = CliRun.of("diff", "--specs", before.toString(), after.toString(), "-o", "html");
    CliRun json = CliRun.of("diff", "--specs", before.toString(), after.toString(), "-o", "json");
    assertThat(html.exitCode()).as(html.err()).isZero();
    JsonNode report = JsonMapper.builder().build().readTree(json.out());
    Path file = temp.resolve("diff.html");
    Files.writeString(file, html.out());
    assertThat(html.out()).doesNotContain("http://").doesNotContain("https://").doesNotContain("<script");

    ChromeDriver driver = browser();
    try {
      driver.get(file.toUri().toString());

      assertThat(driver.getTitle()).isEqualTo("lattice diff");
      assertThat(count(driver.findElement(By.id("compared")))).isEqualTo(report.path("summary").path("compared")
          .asInt());
      assertThat(count(driver.findElement(By.id("changed")))).isEqualTo(report.path("summary").path("changed")
          .asInt());
      assertThat(count(driver.findElement(By.id("flips")))).isEqualTo(report.path("flips").size());
      assertThat(count(driver.findElement(By.id("groups")))).isEqualTo(report.path("groups").size());
      List<Integer> shown = new ArrayList<>();
      driver.findElements(By.cssSelector("details.group .count")).forEach(e -> shown.add(count(e)));
      List<Integer> expected = new ArrayList<>();
      report.path("groups").forEach(g -> expected.add(g.path("services").asInt()));
      assertThat(shown).isEqualTo(expected).isNotEmpty();
      // The visible text says the same as the attributes.
      assertThat(driver.findElement(By.id("groups")).getText()).isEqualTo(String.valueOf(expected.size()));
      assertThat(driver.findElements(By.cssSelector("details.service"))).hasSize(report.path("services").size());

      Path screenshot = Path.of("target", "release-diff-report.png");
      Files.createDirectories(screenshot.getParent());
      Files.write(screenshot, driver.getScreenshotAs(OutputType.BYTES));

      // Collapsed until clicked.
      WebElement service = driver.findElements(By.cssSelector("details.service")).get(0);
      WebElement diff = service.findElement(By.tagName("pre"));
      assertThat(diff.isDisplayed()).isFalse();
      service.findElement(By.tagName("summary")).click();
      assertThat(diff.isDisplayed()).isTrue();

      List<LogEntry> problems = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
          .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
      assertThat(problems).isEmpty();
    } finally {
      driver.quit();
    }
  }
}
