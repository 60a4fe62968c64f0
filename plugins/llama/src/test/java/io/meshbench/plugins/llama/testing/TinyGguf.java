package io.meshbench.plugins.llama.testing;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes a tiny random-weight model of llama.cpp's {@code llama} architecture as a GGUF file (format
 * version 3, every tensor F32), so that tests run a real model without downloading one: 2 layers,
 * 64 wide, 4 heads, a 128-wide feed-forward, and a 325-token SentencePiece-style vocabulary
 * ({@code <unk>}, {@code <s>}, {@code </s>}, the 256 byte tokens, 66 ASCII pieces), with the
 * ChatML chat template. About 0.5 MB; the same seed writes the same bytes.
 *
 * <p>What makes it usable by llama.cpp's server as well as its library: every byte token is kept
 * (tokenizing needs them, and duplicates make llama.cpp abort), but the weights themselves keep the
 * model from sampling the control tokens, end of text and the non-printable byte tokens, whose bytes
 * would not be valid UTF-8 on their own: embedding dimension 0 is the constant 4 in every token,
 * the layers never write to it (row 0 of every output projection is zero), and the output layer
 * weighs it at -12 for those tokens. So a run always generates exactly the tokens it asks for, all
 * printable ASCII.
 *
 * <p>{@code java -cp plugins/llama/target/test-classes io.meshbench.plugins.llama.testing.TinyGguf FILE}
 * writes one from the command line.
 */
public final class TinyGguf {

    public static final int VOCAB = 325;
    public static final int EMBED = 64;
    public static final int LAYERS = 2;
    public static final int HEADS = 4;
    public static final int FFN = 128;
    public static final int CONTEXT = 4096;
    public static final int BOS = 1;
    public static final int EOS = 2;

    private static final int ALIGN = 32;
    private static final String CHATML = "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n'"
            + " + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}"
            + "{{ '<|im_start|>assistant\\n' }}{% endif %}";
    private static final String[] WORDS = {"the", "sun", "sets", "over", "ocean", "sky", "red", "gold", "warm",
            "light", "wave", "calm", "bird", "slow", "and", "of", "a", "is", "in", "to", "mesh", "phone", "task",
            "bid", "node", "fast", "cool", "quiet", "sea", "wind", "amber", "night", "day", "sand", "deep",
            "blue"};

    private TinyGguf() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: TinyGguf FILE");
            System.exit(2);
        }
        write(Path.of(args[0]), 42);
        System.out.println(Path.of(args[0]).toAbsolutePath());
    }

    /** Writes the model to {@code file} (replacing it) and returns the file. */
    public static Path write(Path file, long seed) throws IOException {
        List<String> tokens = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        List<Boolean> banned = new ArrayList<>();
        add(tokens, types, banned, "<unk>", 2, true);
        add(tokens, types, banned, "<s>", 3, true);
        add(tokens, types, banned, "</s>", 3, true);
        for (int b = 0; b < 256; b++) {
            add(tokens, types, banned, String.format("<0x%02X>", b), 6, b < 0x20 || b > 0x7e);
        }
        add(tokens, types, banned, "\u2581", 1, false);
        for (char c = 'a'; c <= 'z'; c++) {
            add(tokens, types, banned, String.valueOf(c), 1, false);
        }
        add(tokens, types, banned, ".", 1, false);
        add(tokens, types, banned, ",", 1, false);
        add(tokens, types, banned, "!", 1, false);
        for (String word : WORDS) {
            add(tokens, types, banned, "\u2581" + word, 1, false);
        }
        if (tokens.size() != VOCAB) {
            throw new IllegalStateException("vocabulary has " + tokens.size() + " tokens, expected " + VOCAB);
        }
        float[] scores = new float[VOCAB];
        for (int i = 0; i < VOCAB; i++) {
            // Longer pieces score higher, so SentencePiece merges into whole words where it can.
            scores[i] = types.get(i) == 1 ? tokens.get(i).length() : -1000f;
        }

        Map<String, Object> kv = new LinkedHashMap<>();
        kv.put("general.architecture", "llama");
        kv.put("general.name", "meshbench-tiny-random");
        kv.put("general.alignment", new U32(ALIGN));
        kv.put("llama.context_length", new U32(CONTEXT));
        kv.put("llama.embedding_length", new U32(EMBED));
        kv.put("llama.block_count", new U32(LAYERS));
        kv.put("llama.feed_forward_length", new U32(FFN));
        kv.put("llama.attention.head_count", new U32(HEADS));
        kv.put("llama.attention.head_count_kv", new U32(HEADS));
        kv.put("llama.rope.dimension_count", new U32(EMBED / HEADS));
        kv.put("llama.attention.layer_norm_rms_epsilon", 1e-5f);
        kv.put("llama.vocab_size", new U32(VOCAB));
        kv.put("tokenizer.ggml.model", "llama");
        kv.put("tokenizer.ggml.tokens", tokens.toArray(String[]::new));
        kv.put("tokenizer.ggml.scores", scores);
        kv.put("tokenizer.ggml.token_type", types.stream().mapToInt(Integer::intValue).toArray());
        kv.put("tokenizer.ggml.unknown_token_id", new U32(0));
        kv.put("tokenizer.ggml.bos_token_id", new U32(BOS));
        kv.put("tokenizer.ggml.eos_token_id", new U32(EOS));
        kv.put("tokenizer.ggml.add_bos_token", Boolean.TRUE);
        kv.put("tokenizer.ggml.add_eos_token", Boolean.FALSE);
        kv.put("tokenizer.chat_template", CHATML);

        Random random = new Random(seed);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        float[] embedding = randoms(random, EMBED * VOCAB, 0.5f);
        for (int t = 0; t < VOCAB; t++) {
            embedding[t * EMBED] = 4f;
        }
        tensors.put("token_embd.weight", new Tensor(new long[]{EMBED, VOCAB}, embedding));
        for (int layer = 0; layer < LAYERS; layer++) {
            String p = "blk." + layer + ".";
            tensors.put(p + "attn_norm.weight", new Tensor(new long[]{EMBED}, ones(EMBED)));
            tensors.put(p + "attn_q.weight", new Tensor(new long[]{EMBED, EMBED}, randoms(random, EMBED * EMBED, 0.05f)));
            tensors.put(p + "attn_k.weight", new Tensor(new long[]{EMBED, EMBED}, randoms(random, EMBED * EMBED, 0.05f)));
            tensors.put(p + "attn_v.weight", new Tensor(new long[]{EMBED, EMBED}, randoms(random, EMBED * EMBED, 0.05f)));
            tensors.put(p + "attn_output.weight", new Tensor(new long[]{EMBED, EMBED}, zeroRow0(randoms(random, EMBED * EMBED, 0.05f), EMBED)));
            tensors.put(p + "ffn_norm.weight", new Tensor(new long[]{EMBED}, ones(EMBED)));
            tensors.put(p + "ffn_gate.weight", new Tensor(new long[]{EMBED, FFN}, randoms(random, EMBED * FFN, 0.05f)));
            tensors.put(p + "ffn_up.weight", new Tensor(new long[]{EMBED, FFN}, randoms(random, EMBED * FFN, 0.05f)));
            tensors.put(p + "ffn_down.weight", new Tensor(new long[]{FFN, EMBED}, zeroRow0(randoms(random, FFN * EMBED, 0.05f), FFN)));
        }
        tensors.put("output_norm.weight", new Tensor(new long[]{EMBED}, ones(EMBED)));
        float[] output = randoms(random, EMBED * VOCAB, 0.5f);
        for (int t = 0; t < VOCAB; t++) {
            output[t * EMBED] = banned.get(t) ? -12f : 0f;
        }
        tensors.put("output.weight", new Tensor(new long[]{EMBED, VOCAB}, output));

        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream raw = Files.newOutputStream(file);
             Out out = new Out(new BufferedOutputStream(raw, 1 << 16))) {
            out.bytes("GGUF".getBytes(StandardCharsets.US_ASCII));
            out.u32(3);
            out.u64(tensors.size());
            out.u64(kv.size());
            for (Map.Entry<String, Object> e : kv.entrySet()) {
                out.string(e.getKey());
                out.value(e.getValue());
            }
            long offset = 0;
            for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
                out.string(e.getKey());
                long[] dims = e.getValue().dims;
                out.u32(dims.length);
                for (long d : dims) {
                    out.u64(d);
                }
                out.u32(0); // GGML_TYPE_F32
                out.u64(offset);
                offset += pad(4L * e.getValue().data.length);
            }
            out.padTo(ALIGN);
            for (Tensor t : tensors.values()) {
                for (float f : t.data) {
                    out.f32(f);
                }
                out.padTo(ALIGN);
            }
        }
        return file;
    }

    private static void add(List<String> tokens, List<Integer> types, List<Boolean> banned, String token, int type,
                            boolean ban) {
        tokens.add(token);
        types.add(type);
        banned.add(ban);
    }

    private static float[] randoms(Random random, int n, float scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (random.nextFloat() * 2 - 1) * scale;
        }
        return a;
    }

    private static float[] ones(int n) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, 1f);
        return a;
    }

    /** Row 0 of a matrix stored as rows of {@code width}: what the layer adds to dimension 0. */
    private static float[] zeroRow0(float[] m, int width) {
        java.util.Arrays.fill(m, 0, width, 0f);
        return m;
    }

    private static long pad(long n) {
        return (n + ALIGN - 1) / ALIGN * ALIGN;
    }

    private record U32(int value) {
    }

    private record Tensor(long[] dims, float[] data) {
    }

    /** Little-endian GGUF output. */
    private static final class Out implements AutoCloseable {
        private final DataOutputStream out;
        private long written;

        Out(OutputStream out) {
            this.out = new DataOutputStream(out);
        }

        void bytes(byte[] b) throws IOException {
            out.write(b);
            written += b.length;
        }

        void u32(int v) throws IOException {
            out.writeInt(Integer.reverseBytes(v));
            written += 4;
        }

        void u64(long v) throws IOException {
            out.writeLong(Long.reverseBytes(v));
            written += 8;
        }

        void f32(float v) throws IOException {
            u32(Float.floatToRawIntBits(v));
        }

        void string(String s) throws IOException {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u64(b.length);
            bytes(b);
        }

        void value(Object v) throws IOException {
            switch (v) {
                case String s -> {
                    u32(8);
                    string(s);
                }
                case U32 u -> {
                    u32(4);
                    u32(u.value());
                }
                case Float f -> {
                    u32(6);
                    f32(f);
                }
                case Boolean b -> {
                    u32(7);
                    bytes(new byte[]{(byte) (b ? 1 : 0)});
                }
                case String[] a -> {
                    u32(9);
                    u32(8);
                    u64(a.length);
                    for (String s : a) {
                        string(s);
                    }
                }
                case float[] a -> {
                    u32(9);
                    u32(6);
                    u64(a.length);
                    for (float f : a) {
                        f32(f);
                    }
                }
                case int[] a -> {
                    u32(9);
                    u32(5);
                    u64(a.length);
                    for (int i : a) {
                        u32(i);
                    }
                }
                default -> throw new IllegalArgumentException("no GGUF type for " + v.getClass());
            }
        }

        void padTo(int align) throws IOException {
            while (written % align != 0) {
                out.write(0);
                written++;
            }
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
