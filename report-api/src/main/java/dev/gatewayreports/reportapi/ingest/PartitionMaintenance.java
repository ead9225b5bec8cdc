package dev.gatewayreports.reportapi.ingest;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Keeps the daily partitions of usage_event: yesterday to {@code partitions-ahead-days} ahead, made at start-up
 * and every hour, so live traffic always finds its partition ready; a late event of an older day gets its
 * partition made on demand, before the ingest transaction starts.
 */
@ApplicationScoped
public class PartitionMaintenance {
    private static final Logger LOG = Logger.getLogger(PartitionMaintenance.class);
    static final String ENSURE = "select usage_event_ensure_partitions(?, ?)";
    static final String EXISTING = "select day from usage_event_partition_day";

    private final AgroalDataSource dataSource;
    private final IngestConfig config;
    private final Set<LocalDate> existing = ConcurrentHashMap.newKeySet();

    public PartitionMaintenance(AgroalDataSource dataSource, IngestConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /**
     * At start the schema may not be there yet (the migration Job still running, readiness {@code schema} DOWN) or
     * the database away: that must not stop the service. Ingest makes any missing day on demand
     * ({@link #ensureCovered}) and the hourly run fills the window.
     */
    void onStart(@Observes StartupEvent event) {
        try {
            ensureWindow();
        } catch (IllegalStateException e) {
            LOG.warnf("usage_event partitions not made at start (made on demand and hourly): %s", rootMessage(e));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    /** Creates the partitions from yesterday to the configured days ahead that are missing. */
    @Scheduled(every = "1h", delayed = "1h")
    public void ensureWindow() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        int made = ensure(today.minusDays(1), today.plusDays(config.partitionsAheadDays()));
        if (made > 0) {
            LOG.infof("created %d usage_event partitions", made);
        }
    }

    /** Makes sure every day of {@code days} has its partition before events of those days are written. */
    public void ensureCovered(Collection<LocalDate> days) {
        LocalDate min = null;
        LocalDate max = null;
        for (LocalDate day : days) {
            if (!existing.contains(day)) {
                min = min == null || day.isBefore(min) ? day : min;
                max = max == null || day.isAfter(max) ? day : max;
            }
        }
        if (min != null) {
            ensure(min, max);
        }
    }

    private int ensure(LocalDate from, LocalDate to) {
        try (Connection c = dataSource.getConnection()) {
            int made;
            try (PreparedStatement ps = c.prepareStatement(ENSURE)) {
                ps.setObject(1, from);
                ps.setObject(2, to);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    made = rs.getInt(1);
                }
            }
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery(EXISTING)) {
                while (rs.next()) {
                    existing.add(rs.getObject(1, LocalDate.class));
                }
            }
            return made;
        } catch (SQLException e) {
            throw new IllegalStateException("could not create usage_event partitions", e);
        }
    }
}
