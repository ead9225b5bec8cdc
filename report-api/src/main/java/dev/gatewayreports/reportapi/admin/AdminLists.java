package dev.gatewayreports.reportapi.admin;

import java.util.List;
import java.util.TreeSet;

/** The values of a list parameter ({@code models[]=a&models[]=b} or {@code models[]=a,b}): sorted, distinct. */
final class AdminLists {
    private AdminLists() {}

    /** Split on commas and trimmed; an empty value is kept so that the parameter's check can name it. */
    static List<String> values(List<String> raw) {
        TreeSet<String> values = new TreeSet<>();
        if (raw != null) {
            for (String r : raw) {
                for (String v : r.split(",", -1)) {
                    values.add(v.trim());
                }
            }
        }
        return List.copyOf(values);
    }
}
