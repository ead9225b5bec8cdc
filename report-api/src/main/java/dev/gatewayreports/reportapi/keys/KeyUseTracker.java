package dev.gatewayreports.reportapi.keys;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Records that a service key authenticated, cheaply: at most one write per key a minute on this replica (an
 * in-memory check, no round trip), at most one a minute across replicas (the UPDATE's own condition), and off
 * the request's path: the write runs on a background thread, and a failed one is logged, never seen by the
 * request.
 */
@ApplicationScoped
public class KeyUseTracker {
    private static final Logger LOG = Logger.getLogger(KeyUseTracker.class);
    static final Duration INTERVAL = Duration.ofMinutes(1);

    private final KeyUseRepository repository;
    private final Clock clock;
    /** When this replica last marked each key (or tried to). */
    private final Map<String, Instant> marked = new ConcurrentHashMap<>();
    /** One writer; a full queue drops the mark (the key's next use after the minute tries again). */
    private final ExecutorService writer = new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(1000),
            r -> Thread.ofPlatform().daemon().name("service-key-last-use").unstarted(r),
            new ThreadPoolExecutor.DiscardPolicy());

    public KeyUseTracker(KeyUseRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** The key authenticated a request now. */
    public void used(String keyId) {
        Instant now = clock.instant();
        boolean[] due = {false};
        marked.compute(keyId, (id, last) -> {
            if (last != null && now.isBefore(last.plus(INTERVAL))) {
                return last;
            }
            due[0] = true;
            return now;
        });
        if (due[0]) {
            writer.execute(() -> write(keyId));
        }
    }

    private void write(String keyId) {
        try {
            repository.touch(keyId);
        } catch (RuntimeException e) {
            LOG.warnf("could not record the use of service key %s: %s", keyId, e.getMessage());
        }
    }

    /** Waits until every mark asked for so far is written (tests). */
    void awaitWrites() throws Exception {
        writer.submit(() -> {}).get(10, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        writer.shutdown();
    }
}
