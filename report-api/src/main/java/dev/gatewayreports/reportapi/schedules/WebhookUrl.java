package dev.gatewayreports.reportapi.schedules;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A schedule's {@code webhook_url}: an absolute https URL with a host and no user-info, at most {@value #MAX}
 * characters; plain http only where {@code reports.webhooks.allow-http} is true (the local run and tests, whose
 * receivers listen on 127.0.0.1 without TLS). Null or absent: no webhook.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = WebhookUrl.Validator.class)
public @interface WebhookUrl {
    /** The longest URL accepted. */
    int MAX = 2000;

    String message() default "webhook_url must be an absolute https URL";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks the URL; the message says what is wrong with it, never repeating it (it may carry a token). */
    final class Validator implements ConstraintValidator<WebhookUrl, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            String problem = problem(value, allowHttp());
            if (problem == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
            return false;
        }

        private static boolean allowHttp() {
            return ConfigProvider.getConfig()
                    .getOptionalValue("reports.webhooks.allow-http", Boolean.class)
                    .orElse(false);
        }

        /** What is wrong with the URL, or null when it is acceptable (or absent). */
        static String problem(String value, boolean allowHttp) {
            if (value == null) {
                return null;
            }
            if (value.length() > MAX) {
                return "webhook_url must be at most " + MAX + " characters";
            }
            String schemes = allowHttp ? "an absolute http or https URL" : "an absolute https URL";
            URI uri;
            try {
                uri = new URI(value);
            } catch (URISyntaxException e) {
                return "webhook_url must be " + schemes;
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean schemeOk = scheme.equals("https") || (allowHttp && scheme.equals("http"));
            if (!uri.isAbsolute() || uri.isOpaque() || !schemeOk) {
                return "webhook_url must be " + schemes;
            }
            if (uri.getRawUserInfo() != null) {
                return "webhook_url must not carry a user name or password";
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                return "webhook_url must name a host";
            }
            return null;
        }
    }
}
