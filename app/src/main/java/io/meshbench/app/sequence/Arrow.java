package io.meshbench.app.sequence;

/**
 * One message on the sequence chart. Only its times change, on the UI thread: the receipt when the
 * receiver reports the same line, or the send when the sender's report comes after the receipt.
 */
public final class Arrow {

    private final long seq;
    private long sent;
    private final String from;
    private final String to;
    private final String type;
    private final String taskId;
    private final String line;
    private final boolean failed;
    private long received = -1;

    /**
     * @param sent   when it left its sender (ns since the epoch), or when it arrived if the sender
     *               is not watched
     * @param line   the wire line, or why it was not delivered when {@code failed}
     */
    Arrow(long seq, long sent, String from, String to, String type, String taskId, String line, boolean failed) {
        this.seq = seq;
        this.sent = sent;
        this.from = from;
        this.to = to;
        this.type = type;
        this.taskId = taskId;
        this.line = line;
        this.failed = failed;
    }

    public long seq() { return seq; }
    public long sent() { return sent; }
    /** When it reached its receiver, -1 when not seen (a remote receiver, or lost). */
    public long received() { return received; }
    public String from() { return from; }
    public String to() { return to; }
    public String type() { return type; }
    public String taskId() { return taskId; }
    public String line() { return line; }
    public boolean failed() { return failed; }

    void sentAt(long at) {
        this.sent = at;
    }

    void received(long at) {
        this.received = at;
    }
}
