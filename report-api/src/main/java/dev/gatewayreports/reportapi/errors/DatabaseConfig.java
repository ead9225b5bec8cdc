package dev.gatewayreports.reportapi.errors;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How report-api bounds its time in PostgreSQL and answers when the database is away or slow. The two timeouts
 * are PostgreSQL durations ({@code 30s}, {@code 2min}; {@code 0} disables); {@code statement-timeout} reaches
 * every connection through the JDBC {@code options} in application.properties.
 */
@ConfigMapping(prefix = "reports.database")
public interface DatabaseConfig {
    /** The longest any one statement may run ({@code statement_timeout} of every pooled connection). */
    @WithDefault("30s")
    String statementTimeout();

    /** The longest one statement of a raw-events-only engine read may run (set per transaction). */
    @WithDefault("120s")
    String rawStatementTimeout();

    /** {@code Retry-After} (seconds) of the 503 answered while the database is unavailable or too slow. */
    @WithDefault("5")
    int retryAfterSeconds();
}
