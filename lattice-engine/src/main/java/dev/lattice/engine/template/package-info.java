/**
 * {@code ${...}} templates in variables and files: parsing, and resolving references against the service, the
 * fleet and the platform settings. Secret references are never resolved to values here: they become references
 * that the renderer wires to Kubernetes secrets, so no secret value ever passes through the engine.
 */
package dev.lattice.engine.template;
