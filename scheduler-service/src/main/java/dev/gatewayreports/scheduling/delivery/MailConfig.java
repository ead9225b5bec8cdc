package dev.gatewayreports.scheduling.delivery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The e-mailed report's headers; the sender is {@code quarkus.mailer.from}. */
@ConfigMapping(prefix = "reports.mail")
public interface MailConfig {

    /** The subject; {@code {type}}, {@code {team}} and {@code {period}} are replaced. */
    @WithDefault("{type} report for {team}: {period}")
    String subject();

    /** A Reply-To address, if replies should not go to the sender. */
    Optional<String> replyTo();
}
