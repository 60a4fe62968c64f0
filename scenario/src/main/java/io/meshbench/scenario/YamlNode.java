package io.meshbench.scenario;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A YAML node that knows where it stands in its file, with typed accessors whose errors name the
 * file, line, column and field and say what is allowed. Absent fields are {@code null} nodes
 * reported at their parent's position.
 */
final class YamlNode {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");
    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(?:/\\s*(s|m|h))?");

    private final String source;
    private final String path;
    private final Node node;
    private final Node parent;

    private YamlNode(String source, String path, Node node, Node parent) {
        this.source = source;
        this.path = path;
        this.node = node;
        this.parent = parent;
    }

    static YamlNode parse(String text, String source) {
        try {
            Node root = new Compose(LoadSettings.builder().setLabel(source).build()).composeString(text)
                    .orElseThrow(() -> new ScenarioException(source, 0, 0, "", "the file is empty"));
            return new YamlNode(source, "", root, null);
        } catch (MarkedYamlEngineException e) {
            Mark mark = e.getProblemMark().orElse(null);
            throw new ScenarioException(source, mark == null ? 0 : mark.getLine() + 1,
                    mark == null ? 0 : mark.getColumn() + 1, "", "not valid YAML: " + e.getProblem());
        } catch (RuntimeException e) {
            if (e instanceof ScenarioException) {
                throw e;
            }
            throw new ScenarioException(source, 0, 0, "", "not valid YAML: " + e.getMessage());
        }
    }

    String path() {
        return path;
    }

    boolean present() {
        return node != null;
    }

    ScenarioException error(String problem) {
        Node at = node != null ? node : parent;
        Mark mark = at == null ? null : at.getStartMark().orElse(null);
        return new ScenarioException(source, mark == null ? 0 : mark.getLine() + 1,
                mark == null ? 0 : mark.getColumn() + 1, path, problem);
    }

    private Map<String, YamlNode> fields() {
        if (!(node instanceof MappingNode mapping)) {
            throw error("must be a map of fields (key: value)");
        }
        Map<String, YamlNode> fields = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                throw new YamlNode(source, path, tuple.getKeyNode(), node).error("field names must be plain words");
            }
            String name = key.getValue();
            if (fields.put(name, new YamlNode(source, child(name), tuple.getValueNode(), node)) != null) {
                throw new YamlNode(source, child(name), key, node).error("is given twice");
            }
        }
        return fields;
    }

    /** Checks that every field is one of {@code allowed}. */
    YamlNode only(Set<String> allowed) {
        if (node == null) {
            return this;
        }
        fields(); // a map, without repeated keys
        for (NodeTuple tuple : ((MappingNode) node).getValue()) {
            String name = ((ScalarNode) tuple.getKeyNode()).getValue();
            if (!allowed.contains(name)) {
                // pointed at the key, where the typo is
                throw new YamlNode(source, child(name), tuple.getKeyNode(), node)
                        .error("unknown field; allowed here: " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
        return this;
    }

    YamlNode get(String name) {
        if (node == null) {
            return new YamlNode(source, child(name), null, parent);
        }
        YamlNode field = fields().get(name);
        return field != null ? field : new YamlNode(source, child(name), null, node);
    }

    YamlNode require(String name) {
        YamlNode field = get(name);
        if (!field.present()) {
            throw field.error("is required");
        }
        return field;
    }

    List<YamlNode> list() {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof SequenceNode sequence)) {
            throw error("must be a list (lines starting with '- ')");
        }
        List<YamlNode> items = new ArrayList<>();
        List<Node> values = sequence.getValue();
        for (int i = 0; i < values.size(); i++) {
            items.add(new YamlNode(source, path + "[" + i + "]", values.get(i), node));
        }
        return items;
    }

    String string(String fallback) {
        if (node == null) {
            return fallback;
        }
        if (!(node instanceof ScalarNode scalar)) {
            throw error("must be a single value, not a list or a map");
        }
        return scalar.getValue();
    }

    String string() {
        String value = string(null);
        if (value == null) {
            throw error("is required");
        }
        return value;
    }

    String choice(String fallback, Set<String> allowed) {
        String value = string(fallback);
        if (value != null && !allowed.contains(value)) {
            throw error("\"" + value + "\" is not one of: " + String.join(", ", allowed.stream().sorted().toList()));
        }
        return value;
    }

    boolean bool(boolean fallback) {
        String value = string(null);
        if (value == null) {
            return fallback;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw error("must be true or false, got \"" + value + "\"");
        };
    }

    long integer(long fallback, long min, long max) {
        String value = string(null);
        if (value == null) {
            return fallback;
        }
        long n;
        try {
            n = Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw error("must be a whole number from " + min + " to " + max + ", got \"" + value + "\"");
        }
        if (n < min || n > max) {
            throw error("must be a whole number from " + min + " to " + max + ", got " + n);
        }
        return n;
    }

    double number(double fallback, double min, double max) {
        String value = string(null);
        if (value == null) {
            return fallback;
        }
        double n;
        try {
            n = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw error("must be a number from " + min + " to " + max + ", got \"" + value + "\"");
        }
        if (!(n >= min && n <= max)) {
            throw error("must be a number from " + min + " to " + max + ", got " + value);
        }
        return n;
    }

    /** {@code 250ms}, {@code 10s}, {@code 5m}, {@code 1h}, or a plain number of seconds. */
    Duration duration(Duration fallback) {
        String value = string(null);
        if (value == null) {
            return fallback;
        }
        Matcher m = DURATION.matcher(value.strip());
        if (!m.matches()) {
            throw error("must be a duration such as 250ms, 10s, 5m or 1h, got \"" + value + "\"");
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double nanos = amount * switch (unit) {
            case "ms" -> 1e6;
            case "m" -> 60e9;
            case "h" -> 3600e9;
            default -> 1e9;
        };
        return Duration.ofNanos((long) nanos);
    }

    /** A rate per second: {@code 5/s}, {@code 300/m}, {@code 20/h}, or a plain number per second. */
    double rate(double fallback) {
        String value = string(null);
        if (value == null) {
            return fallback;
        }
        Matcher m = RATE.matcher(value.strip());
        if (!m.matches()) {
            throw error("must be a rate such as 5/s, 300/m or 20/h, got \"" + value + "\"");
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double perSecond = amount / switch (unit) {
            case "m" -> 60.0;
            case "h" -> 3600.0;
            default -> 1.0;
        };
        if (!(perSecond > 0)) {
            throw error("must be above zero, got \"" + value + "\"");
        }
        return perSecond;
    }

    /** The node as plain Java values (maps, lists, strings, numbers, booleans), for plugin settings. */
    Object plain() {
        if (node == null) {
            return null;
        }
        if (node instanceof ScalarNode scalar) {
            String v = scalar.getValue();
            if (scalar.isPlain()) {
                if (v.equals("true") || v.equals("false")) {
                    return Boolean.parseBoolean(v);
                }
                try {
                    return Integer.parseInt(v);
                } catch (NumberFormatException ignored) {
                    // not an integer
                }
                try {
                    return Double.parseDouble(v);
                } catch (NumberFormatException ignored) {
                    // not a number
                }
            }
            return v;
        }
        if (node instanceof SequenceNode) {
            return list().stream().map(YamlNode::plain).toList();
        }
        Map<String, Object> map = new LinkedHashMap<>();
        fields().forEach((k, v) -> map.put(k, v.plain()));
        return map;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> plainMap() {
        if (node == null) {
            return Map.of();
        }
        if (!(node instanceof MappingNode)) {
            throw error("must be a map of settings");
        }
        return (Map<String, Object>) plain();
    }

    private String child(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
