package dev.gatewayreports.model.events;

/** The context-window pricing band of a request. */
public enum ContextWindow {
    UP_TO_200K("0-200k"),
    FROM_200K_TO_1M("200k-1M");

    private final String wire;

    ContextWindow(String wire) {
        this.wire = wire;
    }

    /** The wire and database spelling. */
    public String wire() {
        return wire;
    }
}
