package dev.gatewayreports.model.alerts;

/** What a rule is: a threshold, or a monthly budget (month_to_date, with levels and a forecast). */
public enum AlertKind implements WireName {
    THRESHOLD("threshold"),
    BUDGET("budget");

    private final String wire;

    AlertKind(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
