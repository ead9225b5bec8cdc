package dev.gatewayreports.reportapi.reports;

/**
 * The ids this service hands out ({@code rpt_…}, {@code dlv_…}): a prefix and hex digits. A path id of any other
 * shape (a NUL byte, say, which PostgreSQL refuses in text) names nothing and is a 404 before it reaches SQL.
 */
public final class ObjectIds {
    private ObjectIds() {}

    /** True when {@code id} is {@code prefix} followed by 1–64 lower-case hex digits. */
    public static boolean wellFormed(String prefix, String id) {
        if (id == null
                || !id.startsWith(prefix)
                || id.length() == prefix.length()
                || id.length() > prefix.length() + 64) {
            return false;
        }
        for (int i = prefix.length(); i < id.length(); i++) {
            char ch = id.charAt(i);
            if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
