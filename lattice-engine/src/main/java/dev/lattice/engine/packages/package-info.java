/**
 * LatticePackage: a Helm chart as a governed escape hatch. The engine plans a package (validation, Cedar, values
 * with secret references resolved to Secret references), the caller renders the chart with helm, and the engine
 * completes the derivation from the rendered objects (labels, owner, checks, ExternalSecrets). Pure: helm, files
 * and the network stay in the caller.
 */
package dev.lattice.engine.packages;
