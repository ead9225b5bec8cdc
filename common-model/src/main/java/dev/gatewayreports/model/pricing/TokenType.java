package dev.gatewayreports.model.pricing;

import dev.gatewayreports.model.events.TokenCounts;
import java.math.BigDecimal;
import java.util.function.Function;

/**
 * A priced unit of usage; the price book holds USD per million of each: tokens, web-search requests, code-execution
 * container-hours.
 */
public enum TokenType {
    INPUT("input", t -> whole(t.input())),
    OUTPUT("output", t -> whole(t.output())),
    CACHE_READ("cache_read", t -> whole(t.cacheRead())),
    CACHE_CREATION_5M("cache_creation_5m", t -> whole(t.cacheCreation5m())),
    CACHE_CREATION_1H("cache_creation_1h", t -> whole(t.cacheCreation1h())),
    WEB_SEARCH("web_search", t -> whole(t.webSearchRequests())),
    /** Container-hours of code execution, a decimal. */
    CODE_EXECUTION("code_execution", TokenCounts::codeExecutionHours);

    private final String wire;
    private final Function<TokenCounts, BigDecimal> units;

    TokenType(String wire, Function<TokenCounts, BigDecimal> units) {
        this.wire = wire;
        this.units = units;
    }

    /** The database spelling. */
    public String wire() {
        return wire;
    }

    /** How many units of this type the counts hold, exactly. */
    public BigDecimal unitsIn(TokenCounts counts) {
        return units.apply(counts);
    }

    private static BigDecimal whole(long count) {
        return BigDecimal.valueOf(count);
    }
}
