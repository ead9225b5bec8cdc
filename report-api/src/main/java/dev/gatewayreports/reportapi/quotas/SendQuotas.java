package dev.gatewayreports.reportapi.quotas;

import dev.gatewayreports.reportapi.errors.QuotaExceededException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;

/**
 * Ad-hoc sends per user and per organization over a sliding window. The count is of the organization's ad-hoc
 * deliveries themselves, taken under a per-organization advisory lock held until the caller's transaction (which
 * inserts the new delivery) ends: two replicas, or two requests, cannot both see room for the last send.
 */
@ApplicationScoped
public class SendQuotas {
    private final QuotaRepository repository;
    private final QuotaConfig config;

    public SendQuotas(QuotaRepository repository, QuotaConfig config) {
        this.repository = repository;
        this.config = config;
    }

    /** Throws 429 when {@code user} or {@code orgId} has no send left at {@code now}; call in the insert's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void checkSend(String orgId, String user, Instant now) {
        if (config.sendsPerUser() <= 0 && config.sendsPerOrganization() <= 0) {
            return;
        }
        Duration window = config.sendWindow();
        QuotaRepository.Sends sends = repository.lockAndCountSends(orgId, user, now.minus(window));
        if (config.sendsPerUser() > 0 && sends.mine() >= config.sendsPerUser()) {
            throw exceeded("sends_per_user", config.sendsPerUser() + " sends per user", sends.myOldest(), now);
        }
        if (config.sendsPerOrganization() > 0 && sends.organization() >= config.sendsPerOrganization()) {
            throw exceeded(
                    "sends_per_organization",
                    config.sendsPerOrganization() + " sends per organization",
                    sends.organizationOldest(),
                    now);
        }
    }

    /** The quota is full until its oldest counted send leaves the window. */
    private QuotaExceededException exceeded(String quota, String limit, Instant oldest, Instant now) {
        Instant free = (oldest == null ? now : oldest).plus(config.sendWindow());
        long seconds = (long) Math.ceil(Duration.between(now, free).toMillis() / 1000.0);
        return new QuotaExceededException(
                quota, "quota " + quota + " used up: at most " + limit + " per " + window() + "; retry later", seconds);
    }

    private String window() {
        Duration w = config.sendWindow();
        return w.equals(Duration.ofHours(1)) ? "hour" : w.toString();
    }
}
