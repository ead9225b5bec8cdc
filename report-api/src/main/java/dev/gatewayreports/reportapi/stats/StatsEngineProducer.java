package dev.gatewayreports.reportapi.stats;

import dev.gatewayreports.model.stats.StatsEngine;
import dev.gatewayreports.reportapi.errors.DatabaseConfig;
import io.agroal.api.AgroalDataSource;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;

/** The one query engine every report, /calls/stats and the admin API read through. */
@ApplicationScoped
public class StatsEngineProducer {
    /** Bounds of stats queries. */
    @ConfigMapping(prefix = "reports.stats")
    public interface StatsConfig {
        /** Most buckets one query may answer; more is a 400. */
        @WithDefault("10000")
        int maxBuckets();

        /** Most rows (bucket × group) one query may answer; more is a 400. */
        @WithDefault("100000")
        int maxRows();

        /** Windows shorter than this are read from raw events. */
        @WithDefault("PT3H")
        Duration rawBelow();

        /**
         * How long raw events are kept: the aggregation worker's {@code aggregation.raw-retention-days}. A rollup row
         * that a window covers only in part is read whole, and its part outside the window subtracted as raw events,
         * only where those are younger than this less a day.
         */
        @WithDefault("P400D")
        Duration rawRetention();
    }

    @Produces
    @ApplicationScoped
    StatsEngine statsEngine(AgroalDataSource dataSource, StatsConfig config, DatabaseConfig database) {
        return new StatsEngine(
                dataSource,
                new StatsEngine.Limits(
                        config.maxBuckets(),
                        config.maxRows(),
                        config.rawBelow(),
                        database.rawStatementTimeout(),
                        config.rawRetention()));
    }
}
