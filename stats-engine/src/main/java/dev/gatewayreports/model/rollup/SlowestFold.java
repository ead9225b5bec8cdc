package dev.gatewayreports.model.rollup;

/**
 * The order of {@code slowest_request} (V37): per organization, team and UTC day, the {@link KeptList#KEEP} slowest
 * folded events in the report's order (latency_ms desc, occurred_at desc, request_id). The rest (fold, trim, repair,
 * rebuild, retention, and why the list is exact also when two folds trim at once) is {@link KeptList#SLOWEST}'s, shared
 * with the newest errors.
 */
public final class SlowestFold {
    /** The report's order, over an alias. */
    static String order(String alias) {
        return alias + ".latency_ms desc, " + alias + ".occurred_at desc, " + alias + ".request_id";
    }

    private SlowestFold() {}
}
