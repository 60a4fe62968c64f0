/**
 * The mesh's wire protocol, exactly as the original design defines it: one UTF-8 line
 * {@code TYPE|SENDER|{json}} per message, with the JSON field names {@code task_id},
 * {@code task_type}, {@code prompt}, {@code deadline}, {@code device_id}, {@code cpu_load},
 * {@code ram_load}, {@code battery}, {@code has_npu}, {@code use_npu}, {@code prompt_type},
 * {@code status} and {@code output}.
 *
 * <p>Framing ({@link io.meshbench.protocol.LineFramer}: bytes to lines, with a hard length cap) is
 * separate from decoding ({@link io.meshbench.protocol.MessageDecoder}: a line to a
 * {@link io.meshbench.protocol.Message}) and encoding ({@link io.meshbench.protocol.MessageEncoder}),
 * and none of them touches a socket.
 */
package io.meshbench.protocol;
