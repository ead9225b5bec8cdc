package dev.gatewayreports.reportapi.ui;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Who the caller is, as report-api reads the token: what the dashboard's team picker offers.
 *
 * @param teams the teams the caller may pick: its token's teams, or every team of the organization for an org admin
 * @param organizationWide whether the caller may ask for {@code team_id=all} (the whole organization)
 */
public record MeResponse(
        @JsonProperty("org_id") String orgId,
        String subject,
        String email,
        List<String> roles,
        List<String> teams,
        @JsonProperty("organization_wide") boolean organizationWide,
        String zoneinfo) {}
