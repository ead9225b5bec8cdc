package dev.gatewayreports.reportapi.ui;

import io.quarkus.qute.TemplateData;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The dashboard's pages: each is the same shell with its own script ({@code ui/assets/pages/<name>.js}). */
@TemplateData
public enum DashboardPage {
    OVERVIEW("overview", "Overview", true),
    TRENDS("trends", "Trends", true),
    PROVIDERS("providers", "Providers & models", true),
    LATENCY("latency", "Latency", true),
    ERRORS("errors", "Errors", true),
    SLOW("slow", "Slow requests", true),
    SCHEDULES("schedules", "Schedules", true),
    ALERTS("alerts", "Alerts", true),
    /** Where the OIDC provider sends the browser back with {@code code} and {@code state}; not in the nav. */
    CALLBACK("callback", "Signing in", false);

    private final String path;
    private final String title;
    private final boolean inNav;

    DashboardPage(String path, String title, boolean inNav) {
        this.path = path;
        this.title = title;
        this.inNav = inNav;
    }

    public String path() {
        return path;
    }

    public String title() {
        return title;
    }

    public static Optional<DashboardPage> of(String path) {
        return Arrays.stream(values()).filter(p -> p.path.equals(path)).findFirst();
    }

    public static List<DashboardPage> nav() {
        return Arrays.stream(values()).filter(p -> p.inNav).toList();
    }
}
