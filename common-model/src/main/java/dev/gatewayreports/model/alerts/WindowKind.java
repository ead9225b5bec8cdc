package dev.gatewayreports.model.alerts;

/** The window a rule's measure is read over at evaluation time (column {@code window_kind}). */
public enum WindowKind implements WireName {
    LAST_HOUR("last_hour"),
    LAST_DAY("last_day"),
    MONTH_TO_DATE("month_to_date");

    private final String wire;

    WindowKind(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
