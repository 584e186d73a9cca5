package dev.lattice.api.v1alpha1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** Cedar statements the platform team enforces at derivation time; read only from namespace lattice-system. */
@Group(LatticeService.GROUP)
@Version(LatticeService.VERSION)
@Kind(CedarPolicy.KIND)
@Plural("cedarpolicies")
@Singular("cedarpolicy")
@ShortNames("cpol")
public class CedarPolicy extends CustomResource<CedarPolicySpec, CedarPolicyStatus> implements Namespaced {
  public static final String KIND = "CedarPolicy";
}
