package dev.gatewayreports.model.schedules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * E-mail recipients of a schedule or a send: 1–50 plain addresses ({@code local@domain}). Display names, comments,
 * quoted local parts, whitespace and control characters are refused, which makes header injection through a
 * recipient impossible. Addresses are compared case-insensitively and kept once, in the order given.
 */
public final class Recipients {
    /** The most recipients one schedule or send may name. */
    public static final int MAX = 50;

    private static final int MAX_LENGTH = 254;
    private static final Pattern ADDRESS =
            Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    private static final Pattern DOMAIN =
            Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");

    /** The most domains an organization's allow-list may hold. */
    public static final int MAX_DOMAINS = 100;

    private Recipients() {}

    /** Why this entry of a recipient-domain allow-list is not acceptable (lower-case host name, no wildcard). */
    public static Optional<String> domainProblem(String domain) {
        if (domain == null
                || domain.isEmpty()
                || domain.length() > 253
                || !DOMAIN.matcher(domain).matches()) {
            return Optional.of("'" + printable(domain == null ? "" : domain) + "' is not a domain name like"
                    + " example.com (lower case, no wildcard)");
        }
        return Optional.empty();
    }

    /**
     * The first address whose domain (after the {@code @}, case-insensitively) is not exactly one of
     * {@code allowedDomains}; empty when all are, or when there is no allow-list (null or empty).
     */
    public static Optional<String> outsideDomains(List<String> addresses, List<String> allowedDomains) {
        if (allowedDomains == null || allowedDomains.isEmpty()) {
            return Optional.empty();
        }
        Set<String> allowed = new java.util.HashSet<>(allowedDomains);
        for (String address : addresses) {
            String domain = address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
            if (!allowed.contains(domain)) {
                return Optional.of(address);
            }
        }
        return Optional.empty();
    }

    /** Why this address is not acceptable, or empty when it is. */
    public static Optional<String> problem(String address) {
        if (address == null || address.isEmpty()) {
            return Optional.of("must be an e-mail address");
        }
        if (address.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        if (!ADDRESS.matcher(address).matches()) {
            return Optional.of("'" + printable(address) + "' is not a valid e-mail address");
        }
        return Optional.empty();
    }

    /** Why this list is not acceptable (count or the first bad address), or empty when it is. */
    public static Optional<String> listProblem(List<String> addresses) {
        if (addresses == null || addresses.isEmpty()) {
            return Optional.of("must name 1 to " + MAX + " recipients");
        }
        if (addresses.size() > MAX) {
            return Optional.of("must name at most " + MAX + " recipients, got " + addresses.size());
        }
        for (String address : addresses) {
            Optional<String> problem = problem(address);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    /** The addresses without repeats (case-insensitive), in their first order. Call after {@link #listProblem}. */
    public static List<String> distinct(List<String> addresses) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> kept = new ArrayList<>();
        for (String address : addresses) {
            if (seen.add(address.toLowerCase(Locale.ROOT))) {
                kept.add(address);
            }
        }
        return kept;
    }

    private static String printable(String value) {
        String shown = value.length() > 60 ? value.substring(0, 60) + "…" : value;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
