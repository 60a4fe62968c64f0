package io.meshbench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportFilesTest {

    @TempDir
    Path dir;

    private static RunReport report() {
        return RunAnalyzer.analyze("hand <made> & \"quoted\"", Map.of("scenario", "seed-mesh"), HandMadeRun.events(),
                java.time.Duration.ofMillis(250));
    }

    @Test
    void theHtmlReportIsSelfContainedWithItsPlots() throws Exception {
        Path html = ReportFiles.write(report(), dir);
        String page = Files.readString(html);
        assertFalse(page.contains("http://") || page.contains("https://"), "no reference outside the file");
        assertFalse(page.contains("<script") || page.contains("<link") || page.contains("src="),
                "no script, no linked style sheet, no image from elsewhere");
        assertEquals(4, count(page, "<svg "), "time split, latency, activity and battery");
        assertTrue(page.contains("<title>Latency distribution of completed tasks</title>"));
        assertTrue(page.contains("<title>Per-device activity over time</title>"));
        assertTrue(page.contains("<title>Battery over time per device</title>"));
        assertTrue(page.contains("<polyline"), "battery curves are drawn");
        assertTrue(page.contains("Dev_C: task_2 on CPU"), "each run is a bar with its task");
        assertTrue(page.contains("hand &lt;made&gt; &amp; &quot;quoted&quot;"), "text is escaped");
        assertTrue(page.contains("no RESULT from Dev_C within 2.29 s"), "failures with their reasons");
    }

    @Test
    void summaryJsonReadsBackAndCsvHasEveryTask() throws Exception {
        RunReport report = report();
        ReportFiles.write(report, dir);
        assertEquals(report.summary(), ReportFiles.readSummary(dir.resolve(ReportFiles.SUMMARY)));
        List<String> tasks = Files.readAllLines(dir.resolve(ReportFiles.TASKS));
        assertEquals(7, tasks.size(), "a header and six tasks");
        assertEquals("task_2,Device_A,0.2,completed,,npu-first,1,deadline,Dev_C,false,20,0,150,30,200,5,24", tasks.get(2));
        assertTrue(tasks.get(6).startsWith("task_6,Device_A,5,unfinished,"), tasks.get(6));
        assertEquals("task_5,Device_A,3.6,failed,\"no bids within 1 s from 2 peers (Dev_C, Dev_N)\",,0,,,,1000,,,,1000,0,0",
                tasks.get(5), "a cell with a comma is quoted");
        List<String> devices = Files.readAllLines(dir.resolve(ReportFiles.DEVICES));
        assertEquals("Dev_N,2,1,2,2,2,2,0,0.38,80,75,75,0", devices.get(2));
    }

    @Test
    void runsSideBySide() {
        RunSummary a = report().summary();
        RunSummary b = RunAnalyzer.analyze("other", Map.of(), HandMadeRun.events().subList(0, 20), null).summary();
        String text = SummaryTable.text(List.of(a, b));
        assertTrue(text.lines().anyMatch(l -> l.matches("completed +3 +1")), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("tasks on Dev_N +2 +1")), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("deadline misses +4 +-")), text);
        String html = SummaryTable.html(List.of(a, b));
        assertFalse(html.contains("http://") || html.contains("https://"));
        assertTrue(html.contains("<th>other</th>"), html);
    }

    @Test
    void aTargetNamedHtmlIsThePageWithItsFilesBeside() throws Exception {
        RunReport report = report();
        Path html = ReportFiles.write(report, dir.resolve("run.html"));
        assertEquals(dir.resolve("run.html"), html);
        assertTrue(Files.isRegularFile(html), "a page, not a folder named run.html");
        assertTrue(Files.readString(html).startsWith("<!DOCTYPE html>"));
        assertEquals(report.summary(), ReportFiles.readSummary(dir.resolve("run.summary.json")));
        assertTrue(Files.isRegularFile(dir.resolve("run.tasks.csv")));
        assertTrue(Files.isRegularFile(dir.resolve("run.devices.csv")));
    }

    @Test
    void anEmptyRunStillMakesAReport() throws Exception {
        RunReport empty = RunAnalyzer.analyze("empty", Map.of(), List.of(), null);
        String page = Files.readString(ReportFiles.write(empty, dir));
        assertTrue(page.contains("no task completed"), page);
        assertTrue(page.contains("no device reported its battery"));
    }

    private static int count(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
