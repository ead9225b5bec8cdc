package dev.gatewayreports.reportapi.reports;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** The clock reports count "today" by. */
@ApplicationScoped
public class ReportClock {
    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }
}
