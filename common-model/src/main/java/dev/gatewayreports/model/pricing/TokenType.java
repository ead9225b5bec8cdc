package dev.gatewayreports.model.pricing;

import dev.gatewayreports.model.events.TokenCounts;
import java.util.function.ToLongFunction;

/** A priced unit of usage; the price book holds USD per million of each. */
public enum TokenType {
    INPUT("input", TokenCounts::input),
    OUTPUT("output", TokenCounts::output),
    CACHE_READ("cache_read", TokenCounts::cacheRead),
    CACHE_CREATION_5M("cache_creation_5m", TokenCounts::cacheCreation5m),
    CACHE_CREATION_1H("cache_creation_1h", TokenCounts::cacheCreation1h),
    WEB_SEARCH("web_search", TokenCounts::webSearchRequests);

    private final String wire;
    private final ToLongFunction<TokenCounts> count;

    TokenType(String wire, ToLongFunction<TokenCounts> count) {
        this.wire = wire;
        this.count = count;
    }

    /** The database spelling. */
    public String wire() {
        return wire;
    }

    /** How many units of this type the counts hold. */
    public long countIn(TokenCounts counts) {
        return count.applyAsLong(counts);
    }
}
