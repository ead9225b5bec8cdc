package dev.gatewayreports.reportapi.ingest;

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

/** The price book in memory, reloaded every minute so new entries apply without a restart. */
@ApplicationScoped
public class PriceBookCache {
    static final String ALL_PRICES = """
            select org_id, provider, model, token_type, usd_per_million, effective_from from price
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

    @Scheduled(every = "60s", delayed = "60s")
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
                        rs.getBigDecimal(5),
                        rs.getTimestamp(6).toInstant()));
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
