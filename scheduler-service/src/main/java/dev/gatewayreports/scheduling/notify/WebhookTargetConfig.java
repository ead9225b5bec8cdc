package dev.gatewayreports.scheduling.notify;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/**
 * Which webhook hosts may be reached on a private network ({@code reports.webhooks.*}, for every organization):
 * by default none, a receiver must resolve to public addresses only.
 */
@ConfigMapping(prefix = "reports.webhooks")
public interface WebhookTargetConfig {
    /** Host names (as written in webhook URLs, case-insensitive) allowed whatever they resolve to. */
    Optional<List<String>> allowedHosts();

    /** True: any address may be reached (the local run and tests, whose receivers are on 127.0.0.1). */
    @WithDefault("false")
    boolean allowPrivate();
}
