/**
 * The operator: reconciles LatticeServices on a Kubernetes API with the same pure engine as the CLI. All I/O lives
 * here — reading the fleet and policies from informer caches, applying and pruning objects, writing status and
 * events — and each reconcile is one engine call in between.
 */
package dev.lattice.operator;
