package dev.gatewayreports.reportapi.ingest;

import dev.gatewayreports.model.events.ServiceTier;
import dev.gatewayreports.model.pricing.PriceBook;
import dev.gatewayreports.model.pricing.PriceEntry;
import dev.gatewayreports.model.pricing.TokenType;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The price book in memory. It is reloaded every {@value #REFRESH} on every replica, and at once on the replica
 * that took a price change through the API: a new price applies to events ingested after that, on every replica
 * within {@value #REFRESH}. Events already stored keep the cost they were priced at.
 */
@ApplicationScoped
public class PriceBookCache {
    static final String ALL_PRICES = """
            select org_id, provider, model, token_type, service_tier, long_context, usd_per_million, effective_from
            from price
            """;

    private final AgroalDataSource dataSource;
    private volatile PriceBook book;

    public PriceBookCache(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The current book, loaded on first use. */
    public PriceBook get() {
        PriceBook current = book;
        return current != null ? current : refresh();
    }

    /** How often every replica reloads the book (it is a few hundred rows). */
    public static final String REFRESH = "10s";

    @Scheduled(every = REFRESH, delayed = REFRESH)
    void scheduledRefresh() {
        refresh();
    }

    /** Reloads the book from the database now. */
    public synchronized PriceBook refresh() {
        List<PriceEntry> entries = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(ALL_PRICES)) {
            while (rs.next()) {
                entries.add(new PriceEntry(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        tokenType(rs.getString(4)),
                        ServiceTier.valueOf(rs.getString(5).toUpperCase(Locale.ROOT)),
                        rs.getBoolean(6),
                        rs.getBigDecimal(7),
                        rs.getTimestamp(8).toInstant()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not load the price book", e);
        }
        book = new PriceBook(entries);
        return book;
    }

    private static TokenType tokenType(String wire) {
        for (TokenType t : TokenType.values()) {
            if (t.wire().equals(wire)) {
                return t;
            }
        }
        throw new IllegalStateException("unknown token type in price book: " + wire);
    }
}
