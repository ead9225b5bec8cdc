package dev.gatewayreports.reportapi.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Malformed requests for every endpoint of report-api, in turn (so each gets its share), each made from one seeded
 * {@link Random}: the same seed makes the same requests, up to the fixture's ids and credentials.
 */
final class RequestGenerator {
    private final Map<String, Supplier<FuzzRequest>> endpoints = new LinkedHashMap<>();
    private final List<String> order;
    private int next;

    RequestGenerator(long seed, FuzzFixture fixture) {
        Mutations mutations = new Mutations(new FuzzValues(new Random(seed)), fixture);
        endpoints.putAll(new ReportEndpoints(mutations).all());
        endpoints.putAll(new AdminEndpoints(mutations).all());
        order = new ArrayList<>(endpoints.keySet());
    }

    List<String> endpoints() {
        return order;
    }

    FuzzRequest next() {
        return endpoints.get(order.get(next++ % order.size())).get();
    }
}
