package dev.gatewayreports.model.tenancy;

/**
 * What an organization or team id may look like: {@code [A-Za-z0-9][A-Za-z0-9_.:-]{0,63}}. One rule for both, so
 * the caller's organization (security) and a team (teams, ingest, reports) are checked alike.
 */
public final class TenantIds {

    private TenantIds() {}

    /** The problem with an id, or null when it is valid. */
    public static String problem(String id) {
        if (id == null || id.isEmpty()) {
            return "is required";
        }
        if (!valid(id)) {
            return "must be 1-64 characters of letters, digits, '_', '.', ':' or '-', starting with a letter or digit";
        }
        return null;
    }

    /** Checked without a regex (it runs once per ingested event). */
    private static boolean valid(String id) {
        if (id.length() > 64 || !letterOrDigit(id.charAt(0))) {
            return false;
        }
        for (int i = 1; i < id.length(); i++) {
            char ch = id.charAt(i);
            if (!letterOrDigit(ch) && ch != '_' && ch != '.' && ch != ':' && ch != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean letterOrDigit(char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
    }
}
