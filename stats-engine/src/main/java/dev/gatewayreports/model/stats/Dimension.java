package dev.gatewayreports.model.stats;

/** Something events can be grouped or filtered by, and its column in events and rollups. */
public enum Dimension {
    TEAM("team_id"),
    PROVIDER("provider"),
    MODEL("model"),
    API_KEY("api_key_id"),
    ERROR_TYPE("error_type"),
    SERVICE_TIER("service_tier"),
    CONTEXT_WINDOW("context_window"),
    INFERENCE_GEO("inference_geo"),
    STATUS("status");

    private final String column;

    Dimension(String column) {
        this.column = column;
    }

    public String column() {
        return column;
    }
}
