/**
 * Authorization at derivation time: every access a spec asks for (secrets, external endpoints, security overrides,
 * any-caller acceptance, images) becomes a Cedar request; every denial becomes a diagnostic that names the
 * principal, the action, the resource, what denied it, whom to contact and the permit that would grant it.
 */
package dev.lattice.engine.authorize;
