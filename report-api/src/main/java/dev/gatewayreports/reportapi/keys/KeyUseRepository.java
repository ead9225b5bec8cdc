package dev.gatewayreports.reportapi.keys;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** {@code service_key.last_used_at}: when a key last authenticated, to the minute. */
@ApplicationScoped
public class KeyUseRepository {
    /**
     * Marks the key used now unless some replica did within the minute; never waits for the row's lock (a revoke
     * in progress, another replica's write): a skipped mark is made by the key's next use.
     */
    static final String TOUCH = """
            update service_key k
               set last_used_at = now()
             where k.key_id = (select key_id
                                 from service_key
                                where key_id = ?
                                  and (last_used_at is null or last_used_at < now() - interval '1 minute')
                                  for update skip locked)""";

    private final AgroalDataSource dataSource;

    public KeyUseRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** True when the row was written (false: written within the minute, or locked, or no such key). */
    public boolean touch(String keyId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(TOUCH)) {
            ps.setString(1, keyId);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("marking the key used failed", e);
        }
    }
}
