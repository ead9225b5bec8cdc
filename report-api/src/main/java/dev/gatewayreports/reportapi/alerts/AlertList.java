package dev.gatewayreports.reportapi.alerts;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The alert rules the caller can see, by team (organization-wide first) and name. */
@Schema(name = "AlertList")
public record AlertList(List<AlertResponse> data) {
    public AlertList {
        data = List.copyOf(data);
    }
}
