package io.meshbench.cli;

import io.meshbench.record.RecordingReader;
import io.meshbench.report.ReportFiles;
import io.meshbench.report.RunAnalyzer;
import io.meshbench.report.RunReport;
import io.meshbench.report.SummaryTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code meshbench report RECORDING}: the HTML, CSV and JSON report of a recorded run. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Writes the report of a recorded run: report.html (self-contained, opens offline), summary.json, "
                + "tasks.csv and devices.csv, and prints the summary."})
final class ReportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RECORDING", description = "A file written with --record.")
    Path recording;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for the report (default: RECORDING's name + -report, beside it).")
    Path out;

    @Option(names = "--deadline", paramLabel = "MS", description = "Count tasks that did not complete within MS milliseconds as deadline misses.")
    Double deadlineMs;

    @Override
    public Integer call() throws Exception {
        if (deadlineMs != null && !(deadlineMs > 0)) {
            throw new IllegalArgumentException("--deadline must be a positive number of milliseconds, got " + deadlineMs);
        }
        RunAnalyzer analyzer = new RunAnalyzer(deadlineMs == null ? null : Duration.ofNanos((long) (deadlineMs * 1e6)));
        RecordingReader.Result read = RecordingReader.stream(recording, analyzer);
        read.truncation().ifPresent(t -> System.err.println("meshbench: " + t));
        read.warnings().forEach(w -> System.err.println("meshbench: " + w));
        RunReport report = analyzer.report(recording.getFileName().toString(), read.header().metadata());
        Path dir = out != null ? out : defaultFolder(recording);
        Path html = ReportFiles.write(report, dir);
        System.out.print(SummaryTable.text(List.of(report.summary())));
        System.out.println();
        System.out.println("Report: " + html.toAbsolutePath());
        System.out.println("Data:   " + String.join(", ", ReportFiles.names().subList(1, ReportFiles.names().size())
                .stream().map(n -> ReportFiles.file(dir, n).toAbsolutePath().toString()).toList()));
        return 0;
    }

    static Path defaultFolder(Path recording) {
        String name = recording.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        Path parent = recording.toAbsolutePath().getParent();
        return parent.resolve(base + "-report");
    }
}
