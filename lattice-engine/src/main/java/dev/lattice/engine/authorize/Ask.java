package dev.lattice.engine.authorize;

import dev.lattice.api.status.Reason;
import dev.lattice.policy.AccessRequest;

/**
 * One access the spec asks for.
 *
 * @param fieldPath the field that asks for it
 * @param what the access in words, e.g. "access secret vault:payments/stripe-key"
 * @param denial the reason code a denial is reported with
 */
public record Ask(AccessRequest request, String fieldPath, String what, Reason denial) {}
