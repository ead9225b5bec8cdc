package dev.gatewayreports.scheduling.alerts;

import dev.gatewayreports.model.stats.StatsEngine;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.postgresql.ds.PGSimpleDataSource;

/** Evaluators as separate replicas would run them: each with connections of its own to the test database. */
final class Evaluators {
    private Evaluators() {}

    static AlertEvaluator replica() {
        Config config = ConfigProvider.getConfig();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(config.getValue("quarkus.datasource.jdbc.url", String.class));
        ds.setUser(config.getOptionalValue("quarkus.datasource.username", String.class)
                .orElse("postgres"));
        config.getOptionalValue("quarkus.datasource.password", String.class).ifPresent(ds::setPassword);
        return new AlertEvaluator(
                new AlertRepository(ds),
                new StatsEngine(ds, StatsEngine.Limits.DEFAULT),
                new AlertEvaluator.Settings(50, Duration.ofMinutes(2), 1),
                new AlertMetrics(new SimpleMeterRegistry()));
    }
}
