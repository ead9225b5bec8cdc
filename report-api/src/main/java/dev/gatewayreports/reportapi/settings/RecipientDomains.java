package dev.gatewayreports.reportapi.settings;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatewayreports.model.schedules.Recipients;
import dev.gatewayreports.reportapi.errors.ApiException;
import dev.gatewayreports.reportapi.security.Caller;
import dev.gatewayreports.reportapi.security.Roles;
import dev.gatewayreports.reportapi.teams.Organizations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * An organization's optional allow-list of recipient domains: when set, schedules and sends may only name
 * addresses whose domain is exactly one of them (400 naming {@code recipients}), and the scheduler refuses to mail
 * a delivery made before the list that names another domain.
 */
@ApplicationScoped
public class RecipientDomains {
    private final RecipientDomainsRepository repository;
    private final Organizations organizations;

    public RecipientDomains(RecipientDomainsRepository repository, Organizations organizations) {
        this.repository = repository;
        this.organizations = organizations;
    }

    /** The caller's organization's allow-list (org admins). */
    @Transactional
    public RecipientDomainsResponse get(Caller caller) {
        requireOrgAdmin(caller);
        return new RecipientDomainsResponse(repository.find(caller.orgId()));
    }

    /** Replaces the caller's organization's allow-list (org admins); an empty list lifts the restriction. */
    @Transactional
    public RecipientDomainsResponse replace(Caller caller, JsonNode body) {
        requireOrgAdmin(caller);
        List<String> domains = parse(body);
        organizations.ensure(caller.orgId());
        repository.save(caller.orgId(), domains);
        return new RecipientDomainsResponse(domains);
    }

    /** 400 naming {@code recipients} when one of them is outside the organization's allow-list. */
    public void check(String orgId, List<String> recipients) {
        List<String> allowed = repository.find(orgId);
        Optional<String> outside = Recipients.outsideDomains(recipients, allowed);
        if (outside.isPresent()) {
            throw ApiException.invalid(
                    "recipients",
                    "recipient " + outside.get() + " is not in a domain the organization allows ("
                            + String.join(", ", allowed) + ")");
        }
    }

    private static void requireOrgAdmin(Caller caller) {
        // The annotation on the resource says the same; checked here too so no other path can skip it.
        if (caller == null || caller.kind() != Caller.Kind.USER || !caller.has(Roles.ORG_ADMIN)) {
            throw ApiException.forbidden("recipient domains are set by org admins");
        }
    }

    /** {@code {"domains": ["example.com", …]}}: lower-cased, kept once each, at most 100; null or [] for none. */
    static List<String> parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.invalid("body", "a JSON object {\"domains\": [\"example.com\"]} is required");
        }
        JsonNode node = body.get("domains");
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw ApiException.invalid("domains", "domains must be an array of domain names");
        }
        if (node.size() > Recipients.MAX_DOMAINS) {
            throw ApiException.invalid("domains", "at most " + Recipients.MAX_DOMAINS + " domains");
        }
        Set<String> domains = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String domain = item.isTextual() ? item.asText().trim().toLowerCase(Locale.ROOT) : null;
            Optional<String> problem = Recipients.domainProblem(domain);
            if (problem.isPresent()) {
                throw ApiException.invalid("domains[" + i + "]", "domains[" + i + "] " + problem.get());
            }
            domains.add(domain);
        }
        return new ArrayList<>(domains);
    }
}
