/**
 * Alert rules evaluated every minute (issue 15): claims with leases, the query engine's measures, the state machine
 * with hysteresis and for_minutes, budgets' levels and forecast; events and their notification rows written once.
 * The notifications are sent by {@code scheduling.notify}. See docs/alerts-evaluation.md.
 */
package dev.gatewayreports.scheduling.alerts;
