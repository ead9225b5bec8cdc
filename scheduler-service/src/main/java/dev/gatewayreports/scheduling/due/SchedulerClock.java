package dev.gatewayreports.scheduling.due;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** The clock the scheduler reads "now" from (the tick, token expiry); tests call the dispatcher with chosen instants. */
@ApplicationScoped
public class SchedulerClock {
    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }
}
