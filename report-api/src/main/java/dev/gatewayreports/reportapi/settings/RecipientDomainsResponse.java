package dev.gatewayreports.reportapi.settings;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An organization's allow-list of recipient domains; empty: any domain may receive its reports. */
@Schema(name = "RecipientDomains")
public record RecipientDomainsResponse(List<String> domains) {}
