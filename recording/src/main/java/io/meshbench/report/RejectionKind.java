package io.meshbench.report;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sorts the reason of a rejected input into a short kind, so that reports and {@code record} can
 * count rejections by what they were: a forged line, a replay, a flood, junk.
 */
public final class RejectionKind {

    private record Rule(String contains, String kind) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule("plaintext line refused", "plaintext refused (secure node)"),
            new Rule("identity the link's certificate proved", "SENDER not the link's identity"),
            new Rule("HMAC check failed", "bad HMAC"),
            new Rule("not a shell agent of mesh", "sealed line from a non-agent"),
            new Rule("stale or future line", "stale timestamp"),
            new Rule("replayed line", "replayed nonce"),
            new Rule("already taken here", "task id taken before"),
            new Rule("not in this node's peers file", "TASK from an unknown orchestrator"),
            new Rule("TLS handshake", "TLS refused or failed"),
            new Rule("HMAC-sealed line, but this node runs without a mesh", "sealed line at an insecure node"),
            new Rule("too many connections", "connection limit"),
            new Rule("unfinished line", "line deadline"),
            new Rule("no whole line", "idle deadline"),
            new Rule("sent nothing", "idle deadline"),
            new Rule("line longer than", "line too long"),
            new Rule("not UTF-8", "not UTF-8"),
            new Rule("invalid JSON", "bad JSON"),
            new Rule("unknown message type", "unknown type"),
            new Rule("must not contain spaces", "bad id"),
            new Rule("more inputs were rejected", "not reported one by one"));

    private RejectionKind() {
    }

    /** The kind of {@code reason}, or {@code "other"}. */
    public static String of(String reason) {
        for (Rule rule : RULES) {
            if (reason.contains(rule.contains())) {
                return rule.kind();
            }
        }
        return "other";
    }

    /** How many inputs {@code reason} stands for: the count of a summary of rejections not shown one by one, else 1. */
    public static int count(String reason) {
        int space = reason.indexOf(' ');
        if (reason.contains("more inputs were rejected") && space > 0) {
            try {
                return Integer.parseInt(reason.substring(0, space));
            } catch (NumberFormatException e) {
                return 1;
            }
        }
        return 1;
    }

    /** Adds one rejection to {@code counts}. */
    public static void tally(Map<String, Integer> counts, String reason) {
        counts.merge(of(reason), count(reason), Integer::sum);
    }

    public static Map<String, Integer> newCounts() {
        return new TreeMap<>();
    }
}
