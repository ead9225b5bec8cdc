/** scheduler-service: runs due report schedules and sends the mail. */
package dev.gatewayreports.scheduling;
