package dev.gatewayreports.reportapi.audit;

import static dev.gatewayreports.reportapi.audit.AuditRows.createTeam;
import static dev.gatewayreports.reportapi.audit.AuditRows.mintKey;
import static dev.gatewayreports.reportapi.audit.AuditRows.of;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatewayreports.reportapi.support.Tenants;
import dev.gatewayreports.reportapi.support.Tokens;
import dev.gatewayreports.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An audit row shares its change's transaction: a change that fails after its row was written leaves no row, and a
 * change whose row cannot be written is not committed. Failures are injected with a trigger for one organization.
 */
@QuarkusTest
class AuditTransactionTest {

    /** Makes inserts into {@code table} fail for rows of {@code org} while {@code body} runs. */
    private static void failingInserts(String table, String org, Runnable body) {
        String name = "fail_" + UUID.randomUUID().toString().replace("-", "");
        Db.execute("create function " + name + "() returns trigger language plpgsql as $$ begin"
                + " if new.org_id = '" + org + "' then raise exception 'injected failure'; end if;"
                + " return new; end $$");
        Db.execute("create trigger " + name + " before insert on " + table + " for each row execute function " + name
                + "()");
        try {
            body.run();
        } finally {
            Db.execute("drop trigger " + name + " on " + table);
            Db.execute("drop function " + name + "()");
        }
    }

    @Test
    void shouldLeaveNoRowWhenTheChangeFailsAfterItsRowWasWritten() {
        String org = Tenants.newOrg();
        // The key's insert is flushed at commit, after the audit row: the commit fails and takes the row with it.
        failingInserts(
                "service_key",
                org,
                () -> mintKey(Tokens.orgAdmin(org), "doomed", "ingest").statusCode(500));
        assertEquals(0, Db.count("select count(*) from service_key where org_id = ?", org));
        assertEquals(0, of(org).size());
        mintKey(Tokens.orgAdmin(org), "fine", "ingest").statusCode(201);
        assertEquals(1, of(org, "service_key.minted").size());
    }

    @Test
    void shouldNotCommitAChangeWhoseRowCannotBeWritten() {
        String org = Tenants.newOrg();
        String team = Tenants.newTeam();
        failingInserts(
                "audit_event", org, () -> createTeam(Tokens.orgAdmin(org), team).statusCode(500));
        assertEquals(0, Db.count("select count(*) from team where team_id = ?", team));
        createTeam(Tokens.orgAdmin(org), team).statusCode(201);
        assertEquals(1, of(org, "team.created").size());
    }

    @Test
    void shouldLeaveNoRowForARefusedChange() {
        String org = Tenants.newOrg();
        mintKey(Tokens.orgAdmin(org), "", "ingest").statusCode(400);
        createTeam(Tokens.orgAdmin(org), "has space").statusCode(400);
        assertEquals(0, of(org).size());
    }
}
