package dev.lattice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.lattice.api.model.ServiceRef;
import dev.lattice.dashboard.DailyFigures;
import dev.lattice.dashboard.FleetInputs;
import dev.lattice.dashboard.FleetReport;
import dev.lattice.dashboard.RecordedFacts;
import dev.lattice.dashboard.ReportRenderer;
import dev.lattice.dashboard.ServiceFacts;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
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
 * The fleet report's page in a real browser (Debian's headless Chromium through Selenium, as
 * {@link ReleaseHtmlReportTest} drives it), with every request off the machine refused: it shows the figures of
 * {@link ReportFleet}, sorts, filters the workloads by a figure's link, logs no console error and loads nothing
 * but itself.
 */
class ReportPageTest {
  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String DRIVER = "/usr/bin/chromedriver";

  @TempDir Path temp;

  private ChromeDriver browser() {
    assertThat(new File(CHROMIUM)).as("Chromium is missing; install it with `apt-get install -y chromium "
        + "chromium-driver` (.ci/run does)").exists();
    assertThat(new File(DRIVER)).as("chromedriver is missing; `apt-get install -y chromium-driver`").exists();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,2400",
        // Nothing may leave the machine: names resolve to nothing, and a proxy that refuses takes the rest
        // (loopback bypasses it).
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--proxy-server=127.0.0.1:9",
        "--user-data-dir=" + temp.resolve("chromium-profile"));
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
        .withLogFile(temp.resolve("chromedriver.log").toFile()).build();
    return new ChromeDriver(service, options);
  }

  private static String value(ChromeDriver driver, String figure) {
    return driver.findElement(By.cssSelector("#figure-" + figure + " .value")).getText();
  }

  private static List<String> column(ChromeDriver driver, String table, int column) {
    List<String> out = new ArrayList<>();
    for (WebElement row : driver.findElements(By.cssSelector("#" + table + " tbody tr"))) {
      if (row.isDisplayed()) {
        out.add(row.findElements(By.tagName("td")).get(column).getText());
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static List<String> resources(ChromeDriver driver) {
    return (List<String>) driver.executeScript(
        "return performance.getEntriesByType('resource').map(function (e) { return e.name; });");
  }

  private static void noConsoleProblems(ChromeDriver driver) {
    List<LogEntry> problems = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
    assertThat(problems).isEmpty();
  }

  @Test
  @DisplayName("lattice report --html: the figures, sorting and a figure's link work offline, nothing is fetched")
  void reportPage() throws IOException {
    Path fleet = ReportFleet.write(temp.resolve("fleet"));
    Path page = temp.resolve("fleet.html");
    CliRun run = CliRun.of("report", "--today", ReportFleet.TODAY.toString(), "--html", page.toString(),
        fleet.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();

    ChromeDriver driver = browser();
    try {
      driver.get(page.toUri().toString());
      assertThat(driver.getTitle()).isEqualTo("Lattice fleet report");
      assertThat(value(driver, "services")).isEqualTo("20");
      assertThat(value(driver, "firstTrySuccess")).isEqualTo("—");
      assertThat(value(driver, "migrated")).isEqualTo("80.0%");
      assertThat(value(driver, "escapeHatchShare")).isEqualTo("13.0%");
      assertThat(value(driver, "pendingConsent")).isEqualTo("2");
      assertThat(driver.findElement(By.id("deprecation-summary")).getText())
          .isEqualTo("16 of 20 services have migrated; the remaining 4 belong to 2 teams: retail, pay.");
      assertThat(column(driver, "versions", 0)).containsExactly("retail", "pay", "ops");
      assertThat(column(driver, "versions", 1)).containsExactly("3", "1", "0");
      assertThat(driver.findElements(By.cssSelector("#version-bars rect.bar"))).hasSize(6);
      assertThat(column(driver, "hatch-table", 1)).containsExactly("shop/old", "shop/legacy", "ops/chart");
      assertThat(column(driver, "hatch-table", 5)).containsExactly("-5", "10", "100");
      assertThat(column(driver, "consent-table", 0)).containsExactly("shop/s0", "shop/s1");
      assertThat(driver.findElement(By.cssSelector("#field-table tr[data-field='spec.sysctls']")).getText())
          .isEqualTo("spec.sysctls 1 5.0% under 10%");
      assertThat(driver.findElement(By.id("no-trend")).isDisplayed()).isTrue();

      Path screenshot = Path.of("target", "fleet-report.png");
      Files.createDirectories(screenshot.getParent());
      Files.write(screenshot, driver.getScreenshotAs(OutputType.BYTES));

      // Sorting: by team name, then the other way round.
      WebElement team = driver.findElement(By.cssSelector("#versions th"));
      team.click();
      assertThat(column(driver, "versions", 0)).containsExactly("ops", "pay", "retail");
      assertThat(team.getAttribute("aria-sort")).isEqualTo("ascending");
      team.click();
      assertThat(column(driver, "versions", 0)).containsExactly("retail", "pay", "ops");
      driver.findElements(By.cssSelector("#hatch-table th")).get(5).click();
      driver.findElements(By.cssSelector("#hatch-table th")).get(5).click();
      assertThat(column(driver, "hatch-table", 5)).containsExactly("100", "10", "-5");

      // A figure links to the services behind it: the workloads table shows exactly those.
      assertThat(column(driver, "workload-table", 0)).hasSize(23);
      driver.findElement(By.id("figure-migrated")).click();
      assertThat(driver.findElement(By.id("shown")).getAttribute("data-count")).isEqualTo("4");
      assertThat(column(driver, "workload-table", 0)).containsExactly("pay/p0", "shop/s0", "shop/s1", "shop/s2");
      driver.findElement(By.cssSelector("#field-table tr[data-field='spec.sysctls'] a.set")).click();
      assertThat(column(driver, "workload-table", 0)).containsExactly("ops/o4");
      driver.findElement(By.cssSelector("#shown a")).click();
      assertThat(column(driver, "workload-table", 0)).hasSize(23);

      assertThat(resources(driver)).isEmpty();
      noConsoleProblems(driver);
    } finally {
      driver.quit();
    }
  }

  @Test
  @DisplayName("the served page (assets linked, as /dashboard serves it) draws its trend lines from localhost only")
  void servedPage() throws IOException {
    List<ServiceFacts> services = new ArrayList<>();
    Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
    for (int i = 0; i < 5; i++) {
      services.add(ServiceFacts.live(new ServiceRef("shop", "s" + i), "retail", "lattice.dev/v1",
          Set.of("spec.containers"), new RecordedFacts(Optional.of(t0), Optional.of(t0.plusSeconds(3600)), 2,
              i == 0 ? 1 : 2, List.of())));
    }
    List<DailyFigures> history = new ArrayList<>();
    for (int d = 0; d < 30; d++) {
      history.add(new DailyFigures(LocalDate.parse("2026-11-02").plusDays(d), Map.of("services", 1.0 + d / 7,
          "firstTrySuccess", 0.8 + d / 300.0)));
    }
    FleetReport report = FleetReport.build(new FleetInputs("cluster", Instant.parse("2026-12-02T00:00:00Z"),
        services, List.of(), List.of(), List.of(), history));
    byte[] html = ReportRenderer.html(report, "/dashboard/assets").getBytes(StandardCharsets.UTF_8);

    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      byte[] body = html;
      String type = "text/html; charset=utf-8";
      if (path.startsWith("/dashboard/assets/")) {
        var asset = ReportRenderer.asset(path.substring("/dashboard/assets/".length()));
        body = asset.map(ReportRenderer.Asset::bytes).orElse(new byte[0]);
        type = asset.map(ReportRenderer.Asset::contentType).orElse("text/plain");
      }
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.sendResponseHeaders(body.length == 0 ? 404 : 200, body.length == 0 ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    ChromeDriver driver = browser();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      driver.get(base + "/dashboard");
      assertThat(value(driver, "firstTrySuccess")).isEqualTo("90.0%");
      assertThat(driver.findElements(By.cssSelector("figure.trend canvas"))).hasSize(2);
      Files.createDirectories(Path.of("target"));
      Files.write(Path.of("target", "fleet-dashboard-served.png"), driver.getScreenshotAs(OutputType.BYTES));
      // The four assets (and the browser's favicon.ico) came from the page's own server, nothing from elsewhere.
      assertThat(resources(driver)).allSatisfy(url -> assertThat(url).startsWith(base + "/"))
          .containsAll(ReportRenderer.assetNames().stream().map(n -> base + "/dashboard/assets/" + n).toList());
      noConsoleProblems(driver);
    } finally {
      driver.quit();
      server.stop(0);
    }
  }
}
