package dev.gatewayreports.model.stats;

import java.util.List;

/**
 * Filters on per-call fields that only raw events hold; a query with any of them is answered from raw events.
 * Every non-empty list is an IN filter; lists combine with AND.
 */
public record RawFilters(
        List<String> traceIds,
        List<String> callIds,
        List<String> parentIds,
        List<String> threadIds,
        List<String> turnIds,
        List<String> inputRefs,
        List<String> outputRefs,
        List<String> userIds,
        List<String> runIds,
        List<String> opNames,
        boolean traceRootsOnly) {

    public static final RawFilters NONE = new RawFilters(
            List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
            List.of(), false);

    public boolean any() {
        return traceRootsOnly
                || !traceIds.isEmpty()
                || !callIds.isEmpty()
                || !parentIds.isEmpty()
                || !threadIds.isEmpty()
                || !turnIds.isEmpty()
                || !inputRefs.isEmpty()
                || !outputRefs.isEmpty()
                || !userIds.isEmpty()
                || !runIds.isEmpty()
                || !opNames.isEmpty();
    }
}
