package io.meshbench.service;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** How OpenAI messages become one prompt, and how an answer is cut for a stream. */
class ChatCompletionsTest {

    private static String prompt(String json) {
        return ChatCompletions.prompt(Json.parseObject(json.getBytes()));
    }

    @Test
    void aLoneUserMessageIsThePromptAsItIs() {
        assertEquals("Describe a sunset", prompt("{\"messages\": [{\"role\": \"user\", \"content\": \"Describe a sunset\"}]}"));
        assertEquals("Describe\na sunset", prompt("{\"messages\": [{\"role\": \"user\", \"content\": "
                + "[{\"type\": \"text\", \"text\": \"Describe\"}, {\"type\": \"text\", \"text\": \"a sunset\"}]}]}"));
    }

    @Test
    void aConversationBecomesLinesEndingWithTheAssistantsTurn() {
        assertEquals("System: Be brief.\nUser: Hi\nAssistant: Hello\nUser: Describe the sea\nAssistant:",
                prompt("{\"messages\": [{\"role\": \"system\", \"content\": \"Be brief.\"}, {\"role\": \"user\", \"content\": \"Hi\"},"
                        + " {\"role\": \"assistant\", \"content\": \"Hello\"}, {\"role\": \"user\", \"content\": \"Describe the sea\"}]}"));
    }

    @Test
    void badMessagesNameTheirPlace() {
        ApiError e = assertThrows(ApiError.class, () -> prompt("{\"messages\": [{\"role\": \"user\", \"content\": \"a\"}, {\"role\": \"user\"}]}"));
        assertEquals("messages[1].content", e.param());
        e = assertThrows(ApiError.class, () -> prompt("{\"messages\": [\"hi\"]}"));
        assertEquals("messages[0]", e.param());
        e = assertThrows(ApiError.class, () -> prompt("{\"messages\": {\"role\": \"user\"}}"));
        assertEquals("bad_field", e.code());
    }

    @Test
    void piecesEndWhereWordsDoAndJoinBackToTheAnswer() {
        String answer = "[simulated] Warm line. Shore amber  quiet mist over colours blue sky sinks.";
        List<String> pieces = ChatCompletions.pieces(answer);
        assertEquals(answer, String.join("", pieces));
        assertEquals("[simulated] Warm line. Shore ", pieces.get(0));
        assertEquals(List.of(), ChatCompletions.pieces(""));
        assertEquals(List.of("one"), ChatCompletions.pieces("one"));
    }
}
