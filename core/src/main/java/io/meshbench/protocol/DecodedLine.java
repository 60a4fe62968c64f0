package io.meshbench.protocol;

/**
 * A message together with what else its line told.
 *
 * @param message        the message
 * @param line           the line as received, without its newline
 * @param extensionLevel the sender's MeshBench extension level ({@code "mb"}), 0 for a seed peer
 */
public record DecodedLine(Message message, String line, int extensionLevel) {

    /** Whether the sender is a MeshBench peer that keeps connections open. */
    public boolean fromMeshBenchPeer() {
        return extensionLevel >= 1;
    }
}
