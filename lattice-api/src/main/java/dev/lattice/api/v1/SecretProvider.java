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
 * A secret store the platform team runs (cluster-scoped): the operator copies its External Secrets provider block
 * into a ClusterSecretStore of the same name, which the ExternalSecrets of {@code type: secret} resources name.
 */
@Group(LatticeService.GROUP)
@Version(LatticeService.VERSION)
@Kind(SecretProvider.KIND)
@Plural("secretproviders")
@Singular("secretprovider")
@ShortNames("sprov")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Endpoint", jsonPath = ".status.endpoint", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Message", jsonPath = ".status.message", type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class SecretProvider extends CustomResource<SecretProviderSpec, ProviderStatus> {
  public static final String KIND = "SecretProvider";
}
