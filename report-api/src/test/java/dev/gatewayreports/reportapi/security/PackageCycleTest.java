package dev.gatewayreports.reportapi.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package graph of report-api's compiled classes: security is below the features, so teams may use security
 * (the caller, the roles) but security never uses teams. Read from the class files' constant pools, where every
 * class a class refers to is named.
 */
class PackageCycleTest {
    private static final String BASE = "dev/gatewayreports/reportapi/";
    private static final Pattern REFERENCE = Pattern.compile(Pattern.quote(BASE) + "([a-z0-9_]+)/[A-Z]");

    @Test
    void shouldLetTeamsUseSecurityButNeverSecurityUseTeams() throws Exception {
        Set<String> usedBySecurity = packagesUsedBy("security");
        Set<String> usedByTeams = packagesUsedBy("teams");
        assertTrue(usedByTeams.contains("security"), "teams uses security: " + usedByTeams);
        assertFalse(usedBySecurity.contains("teams"), "security uses teams: " + usedBySecurity);
    }

    /** The other report-api packages the classes of {@code pkg} refer to. */
    private static Set<String> packagesUsedBy(String pkg) throws IOException, URISyntaxException {
        Path classes = Path.of(ActingRequests.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .resolve(BASE + pkg);
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.list(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                // Constant-pool names are modified UTF-8; the package names looked for are ASCII.
                Matcher m = REFERENCE.matcher(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        used.add(m.group(1));
                    }
                }
            }
        }
        return used;
    }
}
