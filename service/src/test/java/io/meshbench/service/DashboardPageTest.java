package io.meshbench.service;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard in a real headless Chromium (Debian's chromium and chromium-driver, installed by
 * scripts/setup), driven by Selenium, against a real service over a real simulated mesh.
 */
class DashboardPageTest {

    static TestService s;
    static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        s = new TestService(2, 2);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(executable("chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1500,1400", "--force-device-scale-factor=1", "--user-data-dir="
                        + Files.createTempDirectory("meshbench-chromium"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(executable("chromedriver"))).usingAnyFreePort().build();
        browser = new ChromeDriver(driver, options);
        browser.manage().window().setSize(new Dimension(1500, 1400));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (s != null) {
            s.close();
        }
    }

    private static String executable(String name) {
        for (String dir : System.getenv("PATH").split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new AssertionError(name + " is not installed: run scripts/setup (Debian's chromium and chromium-driver)");
    }

    private static org.openqa.selenium.support.ui.FluentWait<org.openqa.selenium.WebDriver> waitUpTo(int seconds) {
        // The page redraws its tables as events come: an element found a moment ago may be replaced.
        return new WebDriverWait(browser, Duration.ofSeconds(seconds)).ignoring(StaleElementReferenceException.class);
    }

    private static void click(By button) {
        waitUpTo(10).until(b -> {
            b.findElement(button).click();
            return true;
        });
    }

    @Test
    void thePageDrivesTheMesh() throws Exception {
        browser.manage().logs().get(LogType.BROWSER); // reading empties it: only this page's entries count below
        browser.get(s.base + "/");
        waitUpTo(20).until(b -> b.findElement(By.id("conn")).getText().equals("live"));
        waitUpTo(20).until(b -> b.findElements(By.cssSelector("#nodes g.node")).size() == 5);
        assertEquals(5, browser.findElements(By.cssSelector("#devices tbody tr")).size());

        // A prompt typed into the page completes, and its winner shows in the graph and the auctions.
        WebElement prompt = browser.findElement(By.id("prompt"));
        prompt.sendKeys("Describe a beautiful sunset over the ocean");
        browser.findElement(By.id("npu-prompt")).sendKeys("[NPU Optimized] {prompt}");
        prompt.sendKeys(Keys.ENTER);
        String[] answered = waitUpTo(60).until(b -> {
            List<WebElement> done = b.findElements(By.cssSelector("#answers li[data-state='completed']"));
            return done.isEmpty() ? null : new String[]{done.get(0).getAttribute("data-device"), done.get(0).getAttribute("data-task")};
        });
        String winner = answered[0];
        assertTrue(winner.startsWith("Device_"), winner);
        String taskId = answered[1];
        waitUpTo(10).until(b -> b.findElement(By.cssSelector("#nodes g[data-device='" + winner + "']"))
                .getAttribute("class").contains("winner"));
        waitUpTo(10).until(b -> {
            WebElement row = b.findElement(By.cssSelector("#auctions tbody tr[data-task='" + taskId + "']"));
            return row.findElement(By.cssSelector("td.winner")).getText().equals(winner)
                    && row.findElement(By.cssSelector("td.state-completed")).isDisplayed();
        });
        waitUpTo(10).until(b -> b.findElement(By.id("auction-detail")).getText().contains("EVALUATING BIDS (NPU-First Strategy)"));
        waitUpTo(10).until(b -> {
            WebElement w = b.findElement(By.id("auction-winner"));
            return winner.equals(w.getAttribute("data-winner")) && w.getText().startsWith("🏆 WINNER (NPU Priority): " + winner);
        });
        assertTrue(browser.findElements(By.cssSelector("#timeline tbody tr")).size() >= 6, "the messages are in the timeline");
        assertEquals("completed", TestService.json(s.get("/api/tasks/" + taskId)).get("state").asText());

        // A killed device turns grey in the graph, and its row says down.
        click(By.cssSelector("#devices tr[data-device='Device_C'] button[data-action='kill']"));
        waitUpTo(20).until(b -> b.findElement(By.cssSelector("#nodes g[data-device='Device_C']")).getAttribute("class").contains("down"));
        waitUpTo(5).until(b -> "rgb(72, 79, 88)".equals(((JavascriptExecutor) b).executeScript(
                "return getComputedStyle(document.querySelector(\"#nodes g[data-device='Device_C'] circle\")).fill")));
        waitUpTo(10).until(b -> b.findElement(By.cssSelector("#devices tr[data-device='Device_C'] td.state")).getText().equals("down"));

        // One more prompt with the device down, so the picture shows a failed delivery; then the screenshot.
        prompt = browser.findElement(By.id("prompt"));
        prompt.sendKeys("Describe the sea at night");
        prompt.sendKeys(Keys.ENTER);
        waitUpTo(60).until(b -> b.findElements(By.cssSelector("#answers li[data-state]")).size() >= 2);
        Thread.sleep(700); // let the last message land in the graph before the picture
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Path out = Path.of("target", "dashboard.png");
        Files.copy(shot.toPath(), out, StandardCopyOption.REPLACE_EXISTING);

        // Revive brings it back.
        click(By.cssSelector("#devices tr[data-device='Device_C'] button[data-action='revive']"));
        waitUpTo(20).until(b -> !b.findElement(By.cssSelector("#nodes g[data-device='Device_C']")).getAttribute("class").contains("down"));

        // Picking an auction in the table shows its bids.
        click(By.cssSelector("#auctions tbody tr[data-task='" + taskId + "']"));
        waitUpTo(10).until(b -> b.findElement(By.id("auction-detail")).getText().startsWith(taskId + " · completed"));

        // Nothing went wrong in the page.
        List<LogEntry> problems = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
        assertTrue(problems.isEmpty(), "console errors: " + problems);
    }

    @Test
    void withATokenThePageTakesItFromItsAddressAndWithoutItSaysWhatIsWrong() throws Exception {
        String token = MeshService.newToken();
        try (TestService secured = new TestService(MeshService.Settings.loopback(0).withToken(token), 0, 20)) {
            browser.get(secured.base + "/");
            waitUpTo(20).until(b -> b.findElement(By.id("mesh-description")).getText().contains("needs a token"));

            browser.get(secured.base + "/#token=" + token);
            browser.navigate().refresh(); // a new page load with the token in the address
            waitUpTo(20).until(b -> b.findElement(By.id("conn")).getText().equals("live"));
            waitUpTo(20).until(b -> b.findElements(By.cssSelector("#nodes g.node")).size() == 3);
            assertEquals(false, browser.getCurrentUrl().contains(token), "the token leaves the address bar");
            WebElement prompt = browser.findElement(By.id("prompt"));
            prompt.sendKeys("Describe a sunset");
            prompt.sendKeys(Keys.ENTER);
            waitUpTo(60).until(b -> !b.findElements(By.cssSelector("#answers li[data-state='completed']")).isEmpty());
        }
    }
}
