package dev.gatewayreports.model.alerts;

import java.math.BigDecimal;

/** How a rule compares its value with its threshold. */
public enum Comparison implements WireName {
    GT("gt"),
    GTE("gte"),
    LT("lt"),
    LTE("lte");

    private final String wire;

    Comparison(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** Whether {@code value} compares true against {@code threshold}. */
    public boolean holds(BigDecimal value, BigDecimal threshold) {
        int c = value.compareTo(threshold);
        return switch (this) {
            case GT -> c > 0;
            case GTE -> c >= 0;
            case LT -> c < 0;
            case LTE -> c <= 0;
        };
    }

    /** True for gt and gte: the rule watches for a value going up. */
    public boolean upward() {
        return this == GT || this == GTE;
    }
}
