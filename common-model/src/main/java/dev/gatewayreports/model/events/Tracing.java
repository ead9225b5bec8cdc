package dev.gatewayreports.model.events;

import java.util.List;

/** Tracing and attribution fields of an event; every one is optional. */
public record Tracing(
        String userId,
        String runId,
        String opName,
        String traceId,
        String parentId,
        String threadId,
        String turnId,
        List<String> inputRefs,
        List<String> outputRefs) {

    public static final Tracing NONE = new Tracing(null, null, null, null, null, null, null, null, null);
}
