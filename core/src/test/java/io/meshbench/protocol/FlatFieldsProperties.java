package io.meshbench.protocol;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The decoder's hand-written fast path and its Jackson tree path decode the same, for random lines
 * of every message type: fields in any order, some left out, unknown ones added, strings with every
 * JSON escape, raw and escaped unicode (surrogate pairs and lone halves), numbers in every JSON form
 * (whole, fractions, exponents, negative zero, more digits than a double holds), values of the wrong
 * kind or out of range, whitespace anywhere, and broken JSON. Either both give the same message or
 * both the same error, word for word. And every message the encoder writes takes the fast path.
 */
class FlatFieldsProperties {

    private final MessageDecoder fast = new MessageDecoder();
    private final MessageDecoder tree = new MessageDecoder(false);

    @Property(tries = 3000)
    void bothPathsDecodeRandomLinesAlike(@ForAll long seed) {
        String line = new Lines(new Random(seed)).line();
        assertEquals(FlatFieldsTest.outcome(tree, line), FlatFieldsTest.outcome(fast, line),
                () -> "the two paths differ on: " + line);
    }

    @Property(tries = 1000)
    void everyEncodedMessageTakesTheFastPathAndComesBack(@ForAll long seed, @ForAll @IntRange(max = 3) int type,
                                                         @ForAll boolean extensions) {
        Random random = new Random(seed);
        Lines gen = new Lines(random);
        String sender = "Device_" + random.nextInt(100);
        String taskId = "task_" + random.nextInt(1000);
        int attempt = random.nextInt(3);
        Message message = switch (type) {
            case 0 -> new BidRequest(sender, taskId, gen.text() + "x", gen.text(), random.nextInt(100));
            case 1 -> new BidResponse(sender, random.nextBoolean() ? null : taskId, sender, gen.share(), gen.share(),
                    random.nextInt(4) == 0 ? OptionalInt.empty() : OptionalInt.of(random.nextInt(101)),
                    random.nextBoolean(), random.nextBoolean());
            case 2 -> new TaskRequest(sender, taskId, gen.text(), random.nextBoolean(), gen.text() + "x", attempt);
            default -> new TaskResult(sender, taskId, sender, gen.text() + "x", gen.text(), attempt);
        };
        String line = new MessageEncoder(extensions).encode(message);
        DecodedLine decoded = FlatFieldsTest.fastPath(line);
        assertNotNull(decoded, () -> "the fast path left an encoded line to the tree: " + line);
        assertEquals(message, decoded.message(), line);
        assertEquals(extensions ? 1 : 0, decoded.extensionLevel(), line);
    }

    /** Random lines, mostly valid, in every form JSON allows. */
    static final class Lines {
        private static final String[] TYPES = {"BID_REQUEST", "BID_RESPONSE", "TASK", "RESULT"};
        private static final String[][] FIELDS = {
                {"task_id", "task_type", "prompt", "deadline"},
                {"device_id", "cpu_load", "ram_load", "battery", "has_npu", "task_id", "available"},
                {"task_id", "prompt", "use_npu", "prompt_type", "attempt"},
                {"task_id", "device_id", "status", "output", "attempt"}};
        private static final String[] OTHER_FIELDS = {"task_id", "task_type", "prompt", "deadline", "device_id",
                "cpu_load", "ram_load", "battery", "has_npu", "use_npu", "prompt_type", "status", "output",
                "attempt", "available", "mb"};

        /** Fields a message needs (the others may be left out). */
        private static final List<String> REQUIRED = List.of("BID_REQUEST task_id", "BID_RESPONSE cpu_load",
                "TASK task_id", "TASK prompt", "RESULT task_id", "RESULT output");

        private final Random random;
        /** Half the lines are clean: valid, in every form, with nothing the fast path declines on purpose. */
        private boolean clean;

        Lines(Random random) {
            this.random = random;
        }

        String line() {
            clean = random.nextBoolean();
            int t = random.nextInt(TYPES.length);
            String sender = !clean && random.nextInt(20) == 0 ? "Bad Id" : "Device_" + random.nextInt(5);
            List<String> members = new ArrayList<>();
            for (String field : FIELDS[t]) {
                boolean required = REQUIRED.contains(TYPES[t] + " " + field);
                if (clean && required || random.nextInt(8) != 0) {
                    members.add(member(field, value(field, sender, t == 1)));
                }
            }
            if (random.nextInt(3) == 0) {
                members.add(member("mb", !clean && random.nextInt(5) == 0 ? anyValue()
                        : String.valueOf(random.nextInt(4) - 1)));
            }
            int extra = random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 0;
            for (int i = 0; i < extra; i++) {
                String name = random.nextBoolean() && !clean ? OTHER_FIELDS[random.nextInt(OTHER_FIELDS.length)]
                        : "x_" + i + (clean ? "" : random.nextInt(3));
                members.add(member(name, anyValue()));
            }
            Collections.shuffle(members, random);
            StringBuilder json = new StringBuilder();
            json.append(space()).append('{').append(space());
            for (int i = 0; i < members.size(); i++) {
                if (i > 0) {
                    json.append(space()).append(',').append(space());
                }
                json.append(members.get(i));
            }
            json.append(space()).append('}').append(space());
            String line = TYPES[t] + "|" + sender + "|" + json;
            return !clean && random.nextInt(6) == 0 ? damage(line) : line;
        }

        private String member(String name, String value) {
            String key = !clean && random.nextInt(40) == 0 ? quote(name, true) : "\"" + name + "\"";
            return key + space() + ":" + space() + value;
        }

        private String value(String field, String sender, boolean bid) {
            if (!clean && random.nextInt(15) == 0) {
                return anyValue();
            }
            boolean odd = !clean && random.nextInt(10) == 0; // a value out of range, or of a form the fast path leaves
            return switch (field) {
                case "task_id" -> (odd || clean && bid) && random.nextInt(5) == 0 ? "null"
                        : quote("task_" + random.nextInt(100), false);
                case "device_id" -> quote(odd ? "Device_9" : sender, false);
                case "cpu_load", "ram_load" -> random.nextInt(8) == 0 ? "null" : shareText();
                case "battery" -> random.nextInt(8) == 0 ? "null" : wholeText(odd ? random.nextInt(300) - 100
                        : random.nextInt(101));
                case "deadline" -> wholeText(odd ? -random.nextInt(5) : random.nextInt(60));
                case "attempt" -> odd ? (random.nextBoolean() ? "null" : "0") : wholeText(1 + random.nextInt(3));
                case "has_npu", "use_npu", "available" -> random.nextInt(8) == 0 ? "null"
                        : String.valueOf(random.nextBoolean());
                case "task_type", "prompt_type", "status" -> quote(odd ? "" : "x" + text(), false);
                default -> quote(text(), false);
            };
        }

        /** A value of any plain kind, any form; now and then a nested one. */
        private String anyValue() {
            return switch (random.nextInt(clean ? 6 : 9)) {
                case 0 -> quote(text(), false);
                case 1 -> shareText();
                case 2 -> numberText(random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20));
                case 3 -> wholeText(random.nextInt());
                case 4 -> String.valueOf(random.nextBoolean());
                case 5 -> "null";
                case 6 -> random.nextBoolean() ? "[1, \"a\"]" : "{\"k\": null}";
                case 7 -> List.of("99999999999999999999", "-9223372036854775809", "1e400", "-1e-400", "1E+2",
                        "0e0", "-0", "123456789012345678", "0.1e1", "2147483648").get(random.nextInt(10));
                default -> String.valueOf(random.nextLong());
            };
        }

        OptionalDouble share() {
            return random.nextInt(4) == 0 ? OptionalDouble.empty() : OptionalDouble.of(random.nextInt(5) == 0
                    ? random.nextDouble() : random.nextInt(1001) / 1000.0);
        }

        private String shareText() {
            if (!clean && random.nextInt(10) == 0) {
                return numberText(random.nextDouble() * 3 - 1); // now and then out of range
            }
            double v = random.nextInt(3) == 0 ? random.nextDouble() : random.nextInt(10_001) / 10_000.0;
            return numberText(v);
        }

        /** {@code v} in one of the forms JSON allows for it. */
        private String numberText(double v) {
            return switch (random.nextInt(8)) {
                case 0 -> Double.toString(v).replace("E", random.nextBoolean() ? "e" : "E");
                case 1 -> new BigDecimal(v).toPlainString(); // the exact binary value: many digits
                case 2 -> String.format(Locale.ROOT, "%.3e", v).replace("e+", random.nextBoolean() ? "e+" : "e");
                case 3 -> String.format(Locale.ROOT, "%.4f", v);
                case 4 -> v == 0 ? (random.nextBoolean() ? "-0.0" : "-0") : BigDecimal.valueOf(v).toString();
                case 5 -> v >= 0 && v <= 1 ? List.of("0", "1", "1.0", "0.50", "5e-1", "50E-2", "0.000",
                        "1.0000000000000001", "0.30000000000000004").get(random.nextInt(9)) : Double.toString(v);
                case 6 -> BigDecimal.valueOf(v).round(new java.math.MathContext(3)).toString();
                default -> BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
            };
        }

        private String wholeText(int v) {
            return switch (clean ? 2 + random.nextInt(4) : random.nextInt(6)) {
                case 0 -> v + ".0";
                case 1 -> v + "e0";
                case 2 -> v == 0 ? "-0" : String.valueOf(v);
                default -> String.valueOf(v);
            };
        }

        /** A string of mixed characters: ASCII, Latin, CJK, emoji, quotes, backslashes, controls. */
        String text() {
            int n = random.nextInt(12);
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < n; i++) {
                switch (random.nextInt(9)) {
                    case 0 -> s.append("é");
                    case 1 -> s.append("日本");
                    case 2 -> s.append("🌅");
                    case 3 -> s.append("\"\\/");
                    case 4 -> s.append((char) random.nextInt(0x20));
                    case 5 -> s.append('\u007f');
                    case 6 -> s.append('\uFFFD');
                    default -> s.append((char) ('a' + random.nextInt(26))).append(' ');
                }
            }
            return s.toString();
        }

        /** {@code s} as a JSON string, each character raw or escaped at random (all escaped: {@code always}). */
        private String quote(String s, boolean always) {
            StringBuilder out = new StringBuilder("\"");
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                boolean must = c == '"' || c == '\\' || c < 0x20;
                if (!must && !always && random.nextInt(4) != 0) {
                    out.append(c);
                    continue;
                }
                String shortForm = switch (c) {
                    case '"' -> "\\\"";
                    case '\\' -> "\\\\";
                    case '/' -> "\\/";
                    case '\b' -> "\\b";
                    case '\f' -> "\\f";
                    case '\n' -> "\\n";
                    case '\r' -> "\\r";
                    case '\t' -> "\\t";
                    default -> null;
                };
                if (shortForm != null && random.nextBoolean()) {
                    out.append(shortForm);
                } else {
                    String hex = String.format(Locale.ROOT, "\\u%04x", (int) c);
                    out.append(random.nextBoolean() ? hex : hex.toUpperCase(Locale.ROOT).replace("\\U", "\\u"));
                }
            }
            if (!always && random.nextInt(30) == 0) {
                out.append("\\ud83c"); // a lone high surrogate
            }
            return out.append('"').toString();
        }

        private String space() {
            return switch (random.nextInt(12)) {
                case 0 -> " ";
                case 1 -> "  ";
                case 2 -> "\t";
                case 3 -> "\r\n ";
                default -> "";
            };
        }

        /** The line with a character dropped, doubled or replaced: mostly broken JSON. */
        private String damage(String line) {
            int at = random.nextInt(line.length());
            String junk = List.of("\"", "\\", "{", "}", ",", ":", "x", "\u0001", "-", ".", "e", " ", "\\u12")
                    .get(random.nextInt(13));
            return switch (random.nextInt(3)) {
                case 0 -> line.substring(0, at) + line.substring(at + 1);
                case 1 -> line.substring(0, at) + junk + line.substring(at);
                default -> line.substring(0, at) + junk + line.substring(at + 1);
            };
        }
    }
}
