/**
 * The service graph of a fleet: what each service declares (outbound dependencies, accepted callers) and the edges
 * those declarations form. Traffic is allowed only on {@link dev.lattice.graph.EdgeState#ACTIVE} edges, where both
 * sides agree. The graph is immutable; {@link dev.lattice.graph.ServiceGraph#with} returns a new one and tells
 * which services a change can affect, so only those are derived again.
 */
package dev.lattice.graph;
