package dev.gatewayreports.scheduling.notify;

/** What one run of the sender did: notifications sent, to be retried, and given up on. */
public record NotifyResult(int sent, int retried, int failed) {
    static final NotifyResult NONE = new NotifyResult(0, 0, 0);

    NotifyResult plus(NotifyResult other) {
        return new NotifyResult(sent + other.sent, retried + other.retried, failed + other.failed);
    }

    boolean any() {
        return sent + retried + failed > 0;
    }
}
