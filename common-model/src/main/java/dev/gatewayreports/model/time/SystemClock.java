package dev.gatewayreports.model.time;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/**
 * The one {@link Clock} of every service (UTC): report-api counts "today" by it, the scheduler its tick and token
 * expiry. common-model is indexed, so each service that injects a {@code Clock} gets this producer; tests replace
 * it with a fixed clock ({@code QuarkusMock.installMockForType}, hence a normal scope) or call the code with a
 * chosen instant.
 */
@ApplicationScoped
public class SystemClock {
    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }
}
