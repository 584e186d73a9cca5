/**
 * Cedar authorization at derivation time. CedarPolicy documents are split into statements and parsed one by one,
 * so a broken policy is reported with its line and skipped without taking the others down. Each request is
 * evaluated against a minimal slice (only the statements whose scope can match, and two entities) and decisions
 * are cached by (slice, request), so a policy change re-evaluates only the requests it can affect.
 */
package dev.lattice.policy;
