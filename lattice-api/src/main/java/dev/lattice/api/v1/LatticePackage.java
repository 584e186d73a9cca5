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

/**
 * A governed escape hatch: third-party software installed from a Helm chart at an exact version, rendered by
 * Lattice and applied, pruned and reported like a LatticeService's objects. Owned, justified and temporary.
 */
@Group(LatticeService.GROUP)
@Version(value = LatticeService.VERSION, storage = true, served = true)
@Kind(LatticePackage.KIND)
@Plural("latticepackages")
@Singular("latticepackage")
@ShortNames("lpkg")
@AdditionalPrinterColumn(name = "Chart", jsonPath = ".spec.chart.name", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Version", jsonPath = ".spec.chart.version",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Owner", jsonPath = ".spec.owner", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Expires", jsonPath = ".spec.expires", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Message", jsonPath = ".status.conditions[?(@.type==\"Ready\")].message",
    type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class LatticePackage extends CustomResource<LatticePackageSpec, LatticeServiceStatus> implements Namespaced {
  public static final String KIND = "LatticePackage";
}
