package dev.gatewayreports.reportapi.schedules;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer of {@code POST /v1/reports/send}: the delivery the scheduler will send within seconds. */
public record SendResponse(@JsonProperty("delivery_id") String deliveryId, String status) {}
