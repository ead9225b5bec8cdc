package dev.gatewayreports.scheduling.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * report-api's error answers as {@link DeliveryFailure}s: which are retried and which give up at once. A 4xx is
 * permanent (the team is gone, the request is invalid) except 401, 408 and 429; 5xx and anything else is retried.
 * The message is {@code answered <status>[: <error.message>]}; {@link ReportApiCalls} puts the call's name before it.
 */
public class ReportApiErrors implements ResponseExceptionMapper<DeliveryFailure> {
    /** 4xx answers worth retrying; any other 4xx is permanent. */
    static final Set<Integer> TRANSIENT_4XX = Set.of(401, 408, 429);

    private final ObjectMapper json;

    public ReportApiErrors(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public DeliveryFailure toThrowable(Response response) {
        int status = response.getStatus();
        return new DeliveryFailure("answered " + status + errorMessage(response), permanent(status), status);
    }

    /** Whether a delivery that got this status from report-api should give up rather than retry. */
    static boolean permanent(int status) {
        return status >= 400 && status < 500 && !TRANSIENT_4XX.contains(status);
    }

    /** report-api's {@code error.message}, if the body has one. */
    private String errorMessage(Response response) {
        try {
            if (!response.hasEntity()) {
                return "";
            }
            JsonNode body = json.readTree(response.readEntity(byte[].class));
            String message =
                    body == null ? "" : body.path("error").path("message").asText("");
            return message.isEmpty() ? "" : ": " + message;
        } catch (Exception e) { // an unreadable or non-JSON body: the status says enough
            return "";
        }
    }
}
