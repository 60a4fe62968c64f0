package io.meshbench.protocol;

/**
 * {@code RESULT|<device_id>|{"task_id", "device_id", "status", "output"}}: the winner returns what
 * the model produced.
 *
 * @param sender   the device's id, as it heads the line
 * @param taskId   the task's id
 * @param deviceId the device's id, as the JSON names it; must equal the sender
 * @param status   {@code completed} or {@code failed} (other words are kept as sent)
 * @param output   the generated text, or the reason of a failure
 * @param attempt  the attempt of the TASK it answers (protocol v1, {@code "attempt"}); 0 when the
 *                 device did not say (a seed peer)
 */
public record TaskResult(String sender, String taskId, String deviceId, String status, String output, int attempt)
        implements Message {

    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    /**
     * How a device's {@code failed} output starts when it refused the task because it was full; an
     * orchestrator may then give the task to the next bidder. Seed peers see an ordinary failure.
     */
    public static final String BUSY = "device busy";

    /** A seed-format RESULT, without an attempt number. */
    public TaskResult(String sender, String taskId, String deviceId, String status, String output) {
        this(sender, taskId, deviceId, status, output, 0);
    }

    public TaskResult {
        Fields.deviceId("sender", sender);
        Fields.attempt(attempt);
        Fields.deviceId("device_id", deviceId);
        if (!sender.equals(deviceId)) {
            throw new IllegalArgumentException("device_id \"" + deviceId + "\" differs from the sender \"" + sender
                    + "\" that heads the line");
        }
        DeviceId.checkTask("task_id", taskId);
        Fields.nonEmpty("status", status);
        Fields.notNull("output", output);
    }

    /**
     * How many encoded bytes a RESULT's output may take, so that the whole line (ids, task id and
     * field names around it) stays under the 64 KiB line cap of every receiver.
     */
    public static final int MAX_OUTPUT_BYTES = LineFramer.DEFAULT_MAX_LINE_BYTES - 2048;

    /**
     * {@code output} cut so that it takes at most {@code maxBytes} once JSON-encoded as the wire
     * carries it (non-ASCII as a six-byte escape per character a character), with a note when cut. A cut
     * never splits a surrogate pair.
     */
    public static String fitOutput(String output, int maxBytes) {
        String note = " [output truncated: a RESULT line is limited to 64 KiB]";
        int budget = maxBytes;
        int i = 0;
        int n = output.length();
        while (i < n) {
            int cost = encodedBytes(output.charAt(i));
            if (cost > budget) {
                break;
            }
            budget -= cost;
            i++;
        }
        if (i == n) {
            return output;
        }
        // make room for the note, then do not end between the halves of a pair
        int room = maxBytes - note.length();
        int j = 0;
        int used = 0;
        while (j < n && used + encodedBytes(output.charAt(j)) <= room) {
            used += encodedBytes(output.charAt(j));
            j++;
        }
        if (j > 0 && Character.isHighSurrogate(output.charAt(j - 1))) {
            j--;
        }
        return output.substring(0, j) + note;
    }

    private static int encodedBytes(char c) {
        if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f') {
            return 2;
        }
        return c < 0x20 || c > 0x7e ? 6 : 1;
    }

    public boolean completed() {
        return COMPLETED.equals(status);
    }

    /** Whether the device refused the task because it was full (it never started it). */
    public boolean refusedAsBusy() {
        return FAILED.equals(status) && output.startsWith(BUSY);
    }
}
