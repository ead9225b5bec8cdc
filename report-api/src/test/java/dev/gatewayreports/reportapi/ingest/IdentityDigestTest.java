package dev.gatewayreports.reportapi.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Ingest's identity digest against the database's own usage_event_key_hash (V28), on inputs chosen to trip it. */
@QuarkusTest
class IdentityDigestTest {
    @Inject
    AgroalDataSource dataSource;

    /** Pairs of (team id, request id). */
    private static final String[][] TRICKY = {
        {"team_a", "req_1"},
        {"ab", "c"},
        {"a", "bc"},
        {"1", "2:x"},
        {"12", ":x"},
        {"t", ""},
        {"x".repeat(64), "y"},
        {"x".repeat(9), "0"},
        {"x".repeat(10), "0"},
        {"team:with:colons", "req:1:2"},
        {"team.a-b_c", "caf\u00e9 cr\u00e8me"},
        {"t", "\u65e5\u672c\u8a9e\u306e\u30ea\u30af\u30a8\u30b9\u30c8"},
        {"t", "emoji \ud83d\ude00 and \ud83c\udf89"},
        {"t", "tab\there, newline\nhere, back\\slash, quote\" and '"},
        {"t", "\u00e9".repeat(300)},
        {"t", "r".repeat(10_000)},
        {"t", "mixed \u00e9 then ascii after a multi-byte character \ud83d\ude00 end"},
        {"t", "\u2028\u2029\u00a0\ufeff"},
    };

    @Test
    void shouldEqualTheDatabaseDigestOnTrickyInputs() throws SQLException {
        IdentityDigest digest = new IdentityDigest();
        List<UUID> java = new ArrayList<>();
        for (String[] pair : TRICKY) {
            java.add(digest.of(pair[0], pair[1]));
        }
        assertEquals(database(TRICKY), java);
    }

    @Test
    void shouldTellApartIdentitiesThatConcatenateAlike() {
        IdentityDigest digest = new IdentityDigest();
        assertNotEquals(digest.of("ab", "c"), digest.of("a", "bc"));
        assertNotEquals(digest.of("1", "2:x"), digest.of("12", ":x"));
        assertEquals(digest.of("ab", "c"), new IdentityDigest().of("ab", "c"));
    }

    private List<UUID> database(String[][] pairs) throws SQLException {
        String[] teams = new String[pairs.length];
        String[] requests = new String[pairs.length];
        for (int i = 0; i < pairs.length; i++) {
            teams[i] = pairs[i][0];
            requests[i] = pairs[i][1];
        }
        List<UUID> digests = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select usage_event_key_hash(t, r) from unnest(?::text[],"
                        + " ?::text[]) with ordinality as u (t, r, n) order by n")) {
            ps.setArray(1, c.createArrayOf("text", teams));
            ps.setArray(2, c.createArrayOf("text", requests));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    digests.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return digests;
    }
}
