package dev.gatewayreports.scheduling.notify;

import dev.gatewayreports.scheduling.delivery.DeliveryFailure;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.codec.BodyCodec;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POSTs a webhook with Vert.x's web client (the one Quarkus runs on): connect and read timeouts from {@link
 * NotifyConfig.Webhook}, redirects never followed, the response body discarded unread (a receiver cannot make us
 * buffer megabytes). Called from a worker thread, it waits for the answer.
 */
@ApplicationScoped
public class WebhookClient {
    private final WebClient client;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final WebhookTargets targets;

    public WebhookClient(Vertx vertx, NotifyConfig config, WebhookTargets targets) {
        this.targets = targets;
        this.connectTimeout = config.webhook().connectTimeout();
        this.readTimeout = config.webhook().readTimeout();
        this.client = WebClient.create(
                vertx,
                new WebClientOptions()
                        .setConnectTimeout((int) connectTimeout.toMillis())
                        .setFollowRedirects(false)
                        .setUserAgent("gateway-reports-webhooks/1")
                        .setTryUseCompression(false));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /**
     * Answers the receiver's HTTP status; throws a retryable {@link DeliveryFailure} when no answer came (refused,
     * unreachable, timed out) and a permanent one for a URL that is not http(s) or a host {@link WebhookTargets}
     * refuses. The connection goes to the address checked (the URL's host stays the Host header and TLS name).
     * Messages never hold the URL (its query may carry a receiver's token).
     */
    int post(String url, byte[] body, Map<String, String> headers) {
        URI uri = uri(url);
        InetAddress address = targets.resolve(uri.getHost());
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        SocketAddress server = SocketAddress.inetSocketAddress(port, address.getHostAddress());
        HttpRequest<Void> request = client.requestAbs(HttpMethod.POST, server, uri.toString())
                .connectTimeout(connectTimeout.toMillis())
                .idleTimeout(readTimeout.toMillis())
                .followRedirects(false)
                .putHeader("Content-Type", "application/json")
                .as(BodyCodec.none());
        headers.forEach(request::putHeader);
        long deadline = connectTimeout.plus(readTimeout).plusSeconds(1).toMillis();
        try {
            HttpResponse<Void> response = request.sendBuffer(Buffer.buffer(body))
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(deadline, TimeUnit.MILLISECONDS);
            return response.statusCode();
        } catch (TimeoutException e) {
            throw new DeliveryFailure("no answer within " + seconds(connectTimeout.plus(readTimeout)), false);
        } catch (ExecutionException e) {
            throw new DeliveryFailure(unreachable(e.getCause()), false, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailure("interrupted", false);
        }
    }

    private static URI uri(String url) {
        try {
            URI uri = URI.create(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // Reported below, without the URL.
        }
        throw new DeliveryFailure("webhook_url is not an absolute http(s) URL", true);
    }

    /** Why no answer came, in words: the exception's kind and message (host and port at most, never the URL). */
    private String unreachable(Throwable cause) {
        String kind = cause.getClass().getSimpleName();
        if (kind.contains("Timeout")) {
            return "timed out (" + kind + "; connect " + seconds(connectTimeout) + ", read " + seconds(readTimeout)
                    + ")";
        }
        String message = cause.getMessage() == null ? "" : cause.getMessage();
        int query = message.indexOf('?');
        return "no answer: " + kind
                + (message.isEmpty() ? "" : ": " + (query >= 0 ? message.substring(0, query) : message));
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
