package dev.gatewayreports.benchmarks;

import dev.gatewayreports.model.stats.StatsQuery;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;

/**
 * Marks an all-teams query as covering a whole organization ({@code StatsQuery.organizationId}), so the engine may
 * read organization-wide rollups the way an org admin's report would. Found by reflection because that component is
 * newer than this benchmark: against a build without it, queries stay as they are and the results say so.
 */
final class OrganizationScope {

    private static final String COMPONENT = "organizationId";

    private OrganizationScope() {}

    static boolean supported() {
        for (RecordComponent c : StatsQuery.class.getRecordComponents()) {
            if (c.getName().equals(COMPONENT) && c.getType() == String.class) {
                return true;
            }
        }
        return false;
    }

    static StatsQuery of(StatsQuery query, String organizationId) {
        if (!supported()) {
            return query;
        }
        RecordComponent[] components = StatsQuery.class.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = components[i].getName().equals(COMPONENT)
                        ? organizationId
                        : components[i].getAccessor().invoke(query);
            }
            Constructor<StatsQuery> canonical = StatsQuery.class.getDeclaredConstructor(types);
            return canonical.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot set StatsQuery." + COMPONENT, e);
        }
    }
}
