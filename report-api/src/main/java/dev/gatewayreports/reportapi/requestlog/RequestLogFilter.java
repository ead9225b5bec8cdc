package dev.gatewayreports.reportapi.requestlog;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Gives every HTTP request a request id and puts it, and the caller's organization once known, into the logging
 * MDC, so every log line written for the request carries them (JSON logs in production show the MDC; with tracing
 * on, quarkus-opentelemetry adds traceId and spanId beside them). The id is the caller's {@value #HEADER} when it
 * is sane ({@link #sane}), else a new random one, and is echoed in the response's {@value #HEADER}. When the
 * response is sent, one line (category {@value #LOG_CATEGORY}, INFO) records method, path, status and duration.
 *
 * <p>A Vert.x filter rather than a JAX-RS one: it runs before authentication, so a 401 has its id and its line too.
 */
@ApplicationScoped
public class RequestLogFilter {
    /** The header carrying the request id, both ways. */
    public static final String HEADER = "X-Request-Id";

    /** MDC key of the request id. */
    public static final String REQUEST_ID = "requestId";

    /** MDC key of the caller's organization, set once the caller is resolved. */
    public static final String ORG_ID = "orgId";

    /** The logger category of the one line per request. */
    public static final String LOG_CATEGORY = "dev.gatewayreports.requests";

    /** Before the other filters, so everything they log carries the id. */
    static final int PRIORITY = 1000;

    private static final Logger LOG = Logger.getLogger(LOG_CATEGORY);

    /** Letters, digits and {@code . _ : -}, at most 128: UUIDs, ULIDs, hex trace ids and our delivery ids pass. */
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private static final String START = RequestLogFilter.class.getName() + ".start";

    void register(@Observes Filters filters) {
        filters.register(this::begin, PRIORITY);
    }

    private void begin(RoutingContext rc) {
        String id = sane(rc.request().getHeader(HEADER)) ? rc.request().getHeader(HEADER) : newId();
        rc.put(REQUEST_ID, id);
        rc.put(START, System.nanoTime());
        rc.response().putHeader(HEADER, id);
        MDC.put(REQUEST_ID, id);
        MDC.remove(ORG_ID); // known only once this request's caller is resolved; never a previous request's
        rc.addEndHandler(done -> logLine(rc));
        rc.next();
    }

    /**
     * Records the organization the current request acts for (called once its caller is resolved): in the MDC for
     * the lines still to come, and on the request for its closing line.
     */
    public static void organization(RoutingContext rc, String orgId) {
        if (orgId == null) {
            return;
        }
        MDC.put(ORG_ID, orgId);
        if (rc != null) {
            rc.put(ORG_ID, orgId);
        }
    }

    /** True when a caller's request id may be used as it is: present, bounded, only safe characters. */
    static boolean sane(String id) {
        return id != null && SANE.matcher(id).matches();
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    private static void logLine(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (request.path() != null && request.path().startsWith("/q/")) {
            return; // probes and scrapes: no line each
        }
        // The end handler may run outside the request's context: its MDC is set here explicitly, and removed after.
        String orgId = rc.get(ORG_ID);
        MDC.put(REQUEST_ID, rc.get(REQUEST_ID));
        if (orgId != null) {
            MDC.put(ORG_ID, orgId);
        }
        try {
            Long start = rc.get(START);
            long millis = start == null ? -1 : (System.nanoTime() - start) / 1_000_000;
            LOG.infof(
                    "%s %s %d %d ms",
                    request.method().name(), request.path(), rc.response().getStatusCode(), millis);
        } finally {
            MDC.remove(REQUEST_ID);
            MDC.remove(ORG_ID);
        }
    }
}
