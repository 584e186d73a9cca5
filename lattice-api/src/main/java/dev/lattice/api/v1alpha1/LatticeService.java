package dev.lattice.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** A team's intent for one service: containers, dependencies, secrets, replicas. */
@Group(LatticeService.GROUP)
@Version(value = LatticeService.VERSION, storage = false, served = true, deprecated = true,
    deprecationWarning = LatticeService.DEPRECATION_WARNING)
@Kind(LatticeService.KIND)
@Plural("latticeservices")
@Singular("latticeservice")
@ShortNames("ls")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Message", jsonPath = ".status.conditions[?(@.type==\"Ready\")].message",
    type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class LatticeService extends CustomResource<LatticeServiceSpec, LatticeServiceStatus> implements Namespaced {
  public static final String GROUP = "lattice.dev";
  public static final String VERSION = "v1alpha1";
  public static final String KIND = "LatticeService";
  public static final String API_VERSION = GROUP + "/" + VERSION;
  /** What kubectl prints on every request in this version. */
  public static final String DEPRECATION_WARNING = "lattice.dev/v1alpha1 LatticeService is deprecated and may "
      + "break; run lattice migrate --to v1 FILE and apply the result";
}
