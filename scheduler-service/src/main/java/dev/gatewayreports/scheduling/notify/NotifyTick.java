package dev.gatewayreports.scheduling.notify;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.jboss.logging.Logger;

/** Every {@code reports.notify.every}, send the alert notifications due now. Tests call the sender. */
@ApplicationScoped
public class NotifyTick {
    private static final Logger LOG = Logger.getLogger(NotifyTick.class);

    private final NotificationSender sender;
    private final Clock clock;

    public NotifyTick(NotificationSender sender, Clock clock) {
        this.sender = sender;
        this.clock = clock;
    }

    @Scheduled(
            identity = "notify-due",
            every = "{reports.notify.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        NotifyResult result = sender.dispatchDue(clock.instant());
        if (result.any()) {
            LOG.infof(
                    "alert notifications: %d sent, %d to retry, %d failed",
                    result.sent(), result.retried(), result.failed());
        }
    }
}
