package dev.gatewayreports.reportapi.teams;

import java.util.regex.Pattern;

/** What a team id may look like. */
public final class TeamIds {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");

    private TeamIds() {}

    /** The problem with a team id, or null when it is valid. */
    public static String problem(String teamId) {
        if (teamId == null || teamId.isEmpty()) {
            return "is required";
        }
        if (!VALID.matcher(teamId).matches()) {
            return "must be 1-64 characters of letters, digits, '_', '.', ':' or '-', starting with a letter or digit";
        }
        return null;
    }
}
