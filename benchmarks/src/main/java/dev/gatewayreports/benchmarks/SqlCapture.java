package dev.gatewayreports.benchmarks;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Diagnostics only: a data source that records the statements (SQL and bound values) the engine prepares, so a
 * slow query can be replayed under {@code EXPLAIN (ANALYZE, BUFFERS)} exactly as the engine sent it. Never used
 * for the timed runs.
 */
final class SqlCapture {

    /** One executed statement: its SQL and its parameters by index (arrays as their element values). */
    record Captured(String sql, Map<Integer, Object> params) {}

    private record ArrayValue(String baseType, Object[] values) {}

    private SqlCapture() {}

    static DataSource wrap(DataSource real, List<Captured> sink) {
        return proxy(DataSource.class, (p, m, a) -> {
            Object result = invoke(real, m, a);
            return m.getName().equals("getConnection") ? connection((Connection) result, sink) : result;
        });
    }

    /** Runs each captured statement under EXPLAIN (ANALYZE, BUFFERS); answers the plans as text. */
    static String explain(Connection c, List<Captured> statements) throws SQLException {
        StringBuilder out = new StringBuilder();
        for (Captured s : statements) {
            out.append("-- ").append(s.sql()).append('\n');
            out.append("-- params: ").append(describe(s.params())).append('\n');
            try (PreparedStatement ps = c.prepareStatement("explain (analyze, buffers) " + s.sql())) {
                for (Map.Entry<Integer, Object> e : s.params().entrySet()) {
                    if (e.getValue() instanceof ArrayValue array) {
                        ps.setArray(e.getKey(), c.createArrayOf(array.baseType(), array.values()));
                    } else {
                        ps.setObject(e.getKey(), e.getValue());
                    }
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.append(rs.getString(1)).append('\n');
                    }
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String describe(Map<Integer, Object> params) {
        List<String> parts = new ArrayList<>();
        params.forEach((i, v) -> parts.add("$" + i + "="
                + (v instanceof ArrayValue a ? a.baseType() + java.util.Arrays.toString(a.values()) : v)));
        return String.join(", ", parts);
    }

    private static Connection connection(Connection real, List<Captured> sink) {
        return proxy(Connection.class, (p, m, a) -> {
            Object result = invoke(real, m, a);
            if (m.getName().equals("prepareStatement") && a != null && a.length >= 1 && a[0] instanceof String sql) {
                return statement((PreparedStatement) result, sql, sink);
            }
            return result;
        });
    }

    private static PreparedStatement statement(PreparedStatement real, String sql, List<Captured> sink) {
        Map<Integer, Object> params = new TreeMap<>();
        return proxy(PreparedStatement.class, (p, m, a) -> {
            String name = m.getName();
            if (name.startsWith("set") && a != null && a.length == 2 && a[0] instanceof Integer index) {
                params.put(index, a[1] instanceof Array array ? arrayValue(array) : a[1]);
            }
            if (name.equals("executeQuery") && (a == null || a.length == 0)) {
                synchronized (sink) {
                    sink.add(new Captured(sql, new TreeMap<>(params)));
                }
            }
            return invoke(real, m, a);
        });
    }

    private static ArrayValue arrayValue(Array array) throws SQLException {
        return new ArrayValue(array.getBaseTypeName(), (Object[]) array.getArray());
    }

    private static Object invoke(Object target, Method m, Object[] a) throws Throwable {
        try {
            return m.invoke(target, a);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(SqlCapture.class.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
