package dev.gatewayreports.scheduling.alerts;

import dev.gatewayreports.model.stats.StatsEngine;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The evaluator's parts as beans. They are plain classes (built with {@code new} in tests, where three evaluators
 * with connections of their own run against one database); the query engine reads the scheduler's datasource.
 */
@ApplicationScoped
public class AlertBeans {
    @Produces
    @Singleton
    StatsEngine statsEngine(AgroalDataSource dataSource, AlertConfig config) {
        return new StatsEngine(dataSource, new StatsEngine.Limits(10_000, 100_000, config.rawBelow()));
    }

    @Produces
    @Singleton
    AlertRepository alertRepository(AgroalDataSource dataSource) {
        return new AlertRepository(dataSource);
    }

    @Produces
    @Singleton
    AlertMetrics alertMetrics(MeterRegistry registry) {
        return new AlertMetrics(registry);
    }

    @Produces
    @Singleton
    AlertEvaluator alertEvaluator(
            AlertRepository repository, StatsEngine engine, AlertConfig config, AlertMetrics metrics) {
        return new AlertEvaluator(
                repository,
                engine,
                new AlertEvaluator.Settings(config.batchSize(), config.lease(), config.forecastAfterDays()),
                metrics);
    }
}
