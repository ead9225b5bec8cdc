package dev.gatewayreports.reportapi.admin;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** The admin usage and cost API. */
@ConfigMapping(prefix = "reports.admin")
public interface AdminConfig {
    /**
     * Secret (at least 32 bytes of UTF-8) that signs {@code next_page} cursors, the same on every report-api
     * replica (env {@code REPORTS_ADMIN_CURSOR_SECRET}; in Kubernetes the Secret {@code report-api-cursor}, key
     * {@code cursor-secret}). Required: without it, or with a shorter one, report-api does not start. The
     * {@code dev}, {@code test} and {@code local} profiles set fixed values of their own.
     */
    Optional<String> cursorSecret();
}
