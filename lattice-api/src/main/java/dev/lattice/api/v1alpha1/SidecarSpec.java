package dev.lattice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A sidecar: a container whose variables are literal; {@code init} ones run before the main containers. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SidecarSpec extends ContainerSpec {
  @JsonPropertyDescription("Run to completion before the main containers start (needs a command).")
  public Boolean init;
}
