package dev.gatewayreports.model.report;

/** The token counts (and web searches) that the summary, its previous period and each trend row hold alike. */
public interface TokenCounts {
    long inputTokens();

    long outputTokens();

    long cacheReadInputTokens();

    long cacheCreation5mInputTokens();

    long cacheCreation1hInputTokens();

    long webSearchRequests();

    long totalTokens();
}
