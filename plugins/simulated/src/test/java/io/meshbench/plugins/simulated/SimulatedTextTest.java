package io.meshbench.plugins.simulated;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulated answer is a function of the prompt and the length alone, whatever was asked before. */
class SimulatedTextTest {

    @Test
    void theSameAnswerForTheSamePromptAndLengthInAnyOrderOfAsking() {
        List<String> prompts = List.of("Describe a sunset", "Describe a sunset over the sea", "Describe a sunset");
        for (int round = 0; round < 3; round++) {
            for (String prompt : prompts) {
                for (int tokens : new int[] {1, 7, 7, 40}) {
                    assertEquals(SimulatedText.make(prompt, tokens), SimulatedText.answer(prompt, tokens));
                }
            }
        }
        String answer = SimulatedText.answer("Describe a sunset", 40);
        assertTrue(answer.startsWith("[simulated] ") && answer.endsWith("."), answer);
        assertNotEquals(answer, SimulatedText.answer("Describe a sunrise", 40));
    }
}
