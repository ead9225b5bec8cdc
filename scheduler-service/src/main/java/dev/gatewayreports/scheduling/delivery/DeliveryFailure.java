package dev.gatewayreports.scheduling.delivery;

/** A delivery attempt that did not send; {@code permanent} ones are not retried (e.g. the team is gone). */
public class DeliveryFailure extends RuntimeException {
    private static final int MAX_MESSAGE = 300;

    private final boolean permanent;
    private final int status;

    public DeliveryFailure(String message, boolean permanent) {
        this(message, permanent, 0);
    }

    /** A failure answered by report-api with this HTTP status. */
    public DeliveryFailure(String message, boolean permanent, int status) {
        super(shorten(message));
        this.permanent = permanent;
        this.status = status;
    }

    public DeliveryFailure(String message, boolean permanent, Throwable cause) {
        super(shorten(message), cause);
        this.permanent = permanent;
        this.status = 0;
    }

    public boolean permanent() {
        return permanent;
    }

    /** The HTTP status report-api answered, or 0 when the failure is not an answer of report-api. */
    public int status() {
        return status;
    }

    /** report-api answered 404. */
    public boolean notFound() {
        return status == 404;
    }

    /** A one-line description of an exception and its root cause, for {@code last_error}: no stack trace. */
    public static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (root != e) {
            text += " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        }
        return shorten(text);
    }

    /** One line, control characters dropped, at most 300 characters: what goes into {@code last_error}. */
    public static String shorten(String message) {
        String oneLine =
                message == null ? "" : message.replaceAll("[\\p{Cntrl}]+", " ").strip();
        return oneLine.length() > MAX_MESSAGE ? oneLine.substring(0, MAX_MESSAGE - 1) + "…" : oneLine;
    }
}
