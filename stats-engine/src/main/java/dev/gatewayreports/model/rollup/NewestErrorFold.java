package dev.gatewayreports.model.rollup;

/**
 * The order of {@code newest_error} (V38): per organization, team and UTC day, the {@link KeptList#KEEP} newest folded
 * error events in the report's order (occurred_at desc, request_id desc). The rest (fold, trim, repair, rebuild,
 * retention) is {@link KeptList#NEWEST_ERRORS}'s, shared with the slowest requests.
 */
public final class NewestErrorFold {
    /** The report's order, over an alias. */
    static String order(String alias) {
        return alias + ".occurred_at desc, " + alias + ".request_id desc";
    }

    private NewestErrorFold() {}
}
