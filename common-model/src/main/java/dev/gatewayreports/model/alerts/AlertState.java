package dev.gatewayreports.model.alerts;

/** A rule's evaluation state. */
public enum AlertState implements WireName {
    OK("ok"),
    /** The condition holds, for_minutes not yet over. */
    PENDING("pending"),
    FIRING("firing");

    private final String wire;

    AlertState(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
