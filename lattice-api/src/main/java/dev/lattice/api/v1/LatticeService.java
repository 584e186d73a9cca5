package dev.lattice.api.v1;

import dev.lattice.api.v1alpha1.LatticeServiceStatus;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** A LatticeService in lattice.dev/v1, the storage version and the hub every other version converts through. */
@Group(LatticeService.GROUP)
@Version(value = LatticeService.VERSION, storage = true, served = true)
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
  public static final String VERSION = "v1";
  public static final String KIND = "LatticeService";
  public static final String API_VERSION = GROUP + "/" + VERSION;
}
