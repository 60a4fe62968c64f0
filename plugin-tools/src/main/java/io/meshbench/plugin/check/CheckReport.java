package io.meshbench.plugin.check;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The outcome of {@code meshbench plugin check}: one line per check, passed or failed, and why. */
public final class CheckReport {

    /**
     * One check.
     *
     * @param subject what was checked, e.g. {@code strategy "most-battery"}
     * @param check   the rule, e.g. {@code never picks a non-bidder}
     * @param passed  whether it held
     * @param detail  what was seen: numbers when it passed, the fault when it failed
     */
    public record Result(String subject, String check, boolean passed, String detail) {
    }

    private final String jar;
    private final List<Result> results = new ArrayList<>();

    CheckReport(String jar) {
        this.jar = jar;
    }

    void pass(String subject, String check, String detail) {
        results.add(new Result(subject, check, true, detail));
    }

    void fail(String subject, String check, String detail) {
        results.add(new Result(subject, check, false, detail));
    }

    public List<Result> results() {
        return List.copyOf(results);
    }

    /** Whether every check passed (and there was at least one). */
    public boolean passed() {
        return !results.isEmpty() && results.stream().allMatch(Result::passed);
    }

    public long failures() {
        return results.stream().filter(r -> !r.passed()).count();
    }

    /** The report as a person reads it. */
    public void print(PrintStream out) {
        out.println("Checking plugin jar " + jar);
        String subject = null;
        for (Result r : results) {
            if (!r.subject().equals(subject)) {
                subject = r.subject();
                out.println();
                out.println(subject);
            }
            out.println("  " + (r.passed() ? "PASS" : "FAIL") + "  " + r.check()
                    + (r.detail().isEmpty() ? "" : ": " + r.detail()));
        }
        out.println();
        out.println(passed()
                ? "PASSED: all " + results.size() + " checks passed; the jar is ready for a plugins folder."
                : "FAILED: " + failures() + " of " + results.size() + " checks failed; fix what the FAIL lines say and check again.");
    }
}
