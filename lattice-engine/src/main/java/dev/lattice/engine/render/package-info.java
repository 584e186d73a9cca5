/**
 * Renders the Kubernetes objects of one validated service. One class per kind of object; each is a pure function
 * of the {@link dev.lattice.engine.ServiceContext}. Core kinds use the fabric8 model; kinds without a model on the
 * classpath (KEDA, external-secrets, VictoriaMetrics, Gateway API, cert-manager) are built as
 * {@code GenericKubernetesResource} with their fields in a fixed order.
 */
package dev.lattice.engine.render;
