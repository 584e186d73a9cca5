package dev.lattice.api.v1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A container registry the platform team runs (cluster-scoped): where its pull credentials are in a SecretProvider,
 * and which signing authorities its images must be signed by. A service names it in {@code imagePullSecrets}.
 */
@Group(LatticeService.GROUP)
@Version(LatticeService.VERSION)
@Kind(ImageProvider.KIND)
@Plural("imageproviders")
@Singular("imageprovider")
@ShortNames("iprov")
@AdditionalPrinterColumn(name = "Registry", jsonPath = ".spec.registry", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Message", jsonPath = ".status.message", type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class ImageProvider extends CustomResource<ImageProviderSpec, ProviderStatus> {
  public static final String KIND = "ImageProvider";
}
