/** Entities, records, enums and schema migrations shared by the services. */
package dev.gatewayreports.model;
