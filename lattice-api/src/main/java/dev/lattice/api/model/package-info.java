/**
 * The version-independent model of a service (the future hub version). Every served API version maps onto these
 * immutable records at the edge; the engine reads nothing else. Maps are sorted so that iteration order, and
 * therefore derived output, never depends on the order a user wrote things in.
 */
package dev.lattice.api.model;
