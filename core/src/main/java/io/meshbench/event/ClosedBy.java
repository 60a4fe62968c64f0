package io.meshbench.event;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why the bidding of an auction ended; written as its word ({@code all-bids}, ...) in recordings and reports. */
public enum ClosedBy {
    /** Every peer asked has answered. */
    ALL_BIDS("all-bids"),
    /** The bid timeout passed with some peers still silent. */
    DEADLINE("deadline"),
    /** No peer asked could be reached. */
    UNREACHABLE("unreachable"),
    /** Every peer but those the failure detector suspects answered, and they were given their short wait. */
    SUSPECTS_SKIPPED("suspects-skipped");

    private final String word;

    ClosedBy(String word) {
        this.word = word;
    }

    @JsonValue
    public String word() {
        return word;
    }

    @Override
    public String toString() {
        return word;
    }
}
