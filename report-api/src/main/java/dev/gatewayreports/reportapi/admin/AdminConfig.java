package dev.gatewayreports.reportapi.admin;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** The admin usage and cost API. */
@ConfigMapping(prefix = "reports.admin")
public interface AdminConfig {
    /**
     * Secret (at least 32 characters) that signs {@code next_page} cursors, shared by every report-api replica
     * (env {@code REPORTS_ADMIN_CURSOR_SECRET}). When absent, each process makes a random one at start: cursors
     * then stop working across replicas and restarts.
     */
    Optional<String> cursorSecret();
}
