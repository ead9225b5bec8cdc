package dev.gatewayreports.reportapi.settings;

import java.util.List;

/** An organization's allow-list of recipient domains; empty: any domain may receive its reports. */
public record RecipientDomainsResponse(List<String> domains) {}
