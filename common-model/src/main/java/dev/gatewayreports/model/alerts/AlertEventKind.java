package dev.gatewayreports.model.alerts;

import java.util.List;

/** What happened to a rule, recorded once per (rule, kind, episode key). */
public enum AlertEventKind implements WireName {
    FIRED("fired"),
    RESOLVED("resolved"),
    BUDGET_50("budget_50"),
    BUDGET_80("budget_80"),
    BUDGET_100("budget_100"),
    FORECAST("forecast");

    private final String wire;

    AlertEventKind(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** The budget level events, in rising order, with the share of the budget (percent) each stands for. */
    public static final List<Integer> BUDGET_LEVELS = List.of(50, 80, 100);

    /** The event of a budget level of {@link #BUDGET_LEVELS}. */
    public static AlertEventKind budgetLevel(int percent) {
        return switch (percent) {
            case 50 -> BUDGET_50;
            case 80 -> BUDGET_80;
            case 100 -> BUDGET_100;
            default -> throw new IllegalArgumentException("no budget level " + percent);
        };
    }
}
