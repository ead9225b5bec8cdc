package dev.gatewayreports.reportapi.prices;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The price rows an organization may see (the list and its own) and the ones it may change (its own). */
@ApplicationScoped
public class PriceRepository {
    /** The list prices and the organization's own, optionally of one provider and model. */
    static final String VISIBLE = """
            select price_id, org_id is not null, provider, model, token_type, service_tier, long_context,
                   usd_per_million, effective_from, created_by, created_at
            from price
            where (org_id is null or org_id = ?)
              and (?::text is null or provider = ?) and (?::text is null or model = ?)
            order by provider, model, token_type, service_tier, long_context, org_id nulls first, effective_from
            """;
    /** A new entry of the organization; nothing when one of the same key and instant exists. */
    static final String INSERT = """
            insert into price (org_id, provider, model, token_type, service_tier, long_context, usd_per_million,
                               effective_from, created_by, created_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict do nothing
            returning price_id
            """;
    /** One entry of the organization (never a list price nor another organization's). */
    static final String OWN = """
            select price_id, true, provider, model, token_type, service_tier, long_context,
                   usd_per_million, effective_from, created_by, created_at
            from price where price_id = ? and org_id = ?
            """;

    static final String DELETE = "delete from price where price_id = ? and org_id = ?";

    private final AgroalDataSource dataSource;

    public PriceRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    List<PriceResponse> visible(String orgId, String provider, String model) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(VISIBLE)) {
            ps.setString(1, orgId);
            ps.setString(2, provider);
            ps.setString(3, provider);
            ps.setString(4, model);
            ps.setString(5, model);
            return rows(ps);
        } catch (SQLException e) {
            throw new IllegalStateException("reading prices failed", e);
        }
    }

    /** The new entry's id, or null when the organization has an entry of that key from that instant. */
    Long insert(String orgId, PriceService.NewPrice p, String createdBy, Instant now) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, orgId);
            ps.setString(2, p.provider());
            ps.setString(3, p.model());
            ps.setString(4, p.tokenType());
            ps.setString(5, p.serviceTier());
            ps.setBoolean(6, p.longContext());
            ps.setBigDecimal(7, p.usdPerMillion());
            ps.setTimestamp(8, Timestamp.from(p.effectiveFrom()));
            ps.setString(9, createdBy);
            ps.setTimestamp(10, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("adding a price failed", e);
        }
    }

    PriceResponse own(String orgId, long priceId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(OWN)) {
            ps.setLong(1, priceId);
            ps.setString(2, orgId);
            List<PriceResponse> rows = rows(ps);
            return rows.isEmpty() ? null : rows.get(0);
        } catch (SQLException e) {
            throw new IllegalStateException("reading a price failed", e);
        }
    }

    void delete(String orgId, long priceId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(DELETE)) {
            ps.setLong(1, priceId);
            ps.setString(2, orgId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("deleting a price failed", e);
        }
    }

    private static List<PriceResponse> rows(PreparedStatement ps) throws SQLException {
        List<PriceResponse> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                BigDecimal usd = rs.getBigDecimal(8);
                Timestamp created = rs.getTimestamp(11);
                rows.add(new PriceResponse(
                        rs.getLong(1),
                        rs.getBoolean(2) ? "organization" : "list",
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getBoolean(7),
                        PriceResponse.money(usd),
                        rs.getTimestamp(9).toInstant(),
                        rs.getString(10),
                        created == null ? null : created.toInstant()));
            }
        }
        return rows;
    }
}
