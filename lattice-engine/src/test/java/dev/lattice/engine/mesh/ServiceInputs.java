package dev.lattice.engine.mesh;

import dev.lattice.api.model.ServiceIntent;
import dev.lattice.engine.ServiceInput;
import dev.lattice.testkit.Specs;

/** Variations of a fixture service, re-read from YAML so that the wire mapping applies as for users. */
final class ServiceInputs {
  private ServiceInputs() {}

  static ServiceInput withPorts(ServiceInput input, String ports) {
    return patch(input, "spec: {workload: {service: {ports: " + ports + "}}}");
  }

  static ServiceInput withRoute(ServiceInput input, String routes) {
    return patch(input, "spec: {ingress: {routes: " + routes + "}}");
  }

  private static ServiceInput patch(ServiceInput input, String patch) {
    ServiceIntent intent = input.intent();
    String resources = resourcesYaml(input);
    String yaml = Specs.minimalWith("metadata: {name: " + intent.ref().name() + ", namespace: "
        + intent.ref().namespace() + "}\nspec: {workload: {resources: " + resources + "}}");
    return ServiceInput.of(Specs.intent(Specs.merge(yaml, patch)));
  }

  private static String resourcesYaml(ServiceInput input) {
    StringBuilder out = new StringBuilder("{");
    input.intent().spec().resources().forEach((name, r) -> {
      out.append(out.length() > 1 ? ", " : "").append(name).append(": {type: ").append(r.typeName())
          .append(", direction: ").append(r.direction().wire());
      r.namespace().ifPresent(ns -> out.append(", namespace: ").append(ns));
      r.id().ifPresent(id -> out.append(", id: \"").append(id).append('"'));
      out.append('}');
    });
    return out.append('}').toString();
  }
}
