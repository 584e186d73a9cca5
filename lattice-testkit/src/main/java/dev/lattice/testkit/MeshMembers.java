package dev.lattice.testkit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lattice.api.hatch.LatticeMeshMember;
import dev.lattice.api.model.ServiceIntent;
import java.io.IOException;
import java.io.UncheckedIOException;

/** LatticeMeshMember fixtures: the YAML a team would write in, fleet nodes out. */
public final class MeshMembers {
  private static final ObjectMapper YAML =
      YAMLMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  /** A valid member of namespace shop: legacy pods serving http, owned, explained, expiring 2027-03-31. */
  public static final String MINIMAL =
      """
      apiVersion: lattice.dev/v1
      kind: LatticeMeshMember
      metadata: {name: legacy, namespace: shop}
      spec:
        owner: team-billing
        reason: JIRA-123 legacy billing until the rewrite
        expires: "2027-03-31"
        selector: {app: legacy-billing}
        mesh:
          serviceAccount: legacy-billing
          ports:
            http: {port: 8080}
      """;

  private MeshMembers() {}

  public static ServiceIntent intent(String yaml) {
    try {
      return YAML.readValue(yaml, LatticeMeshMember.class).intent();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@link #MINIMAL} with {@code patch} merged over it (a YAML mapping; null deletes a key). */
  public static ServiceIntent minimalWith(String patch) {
    return intent(Specs.merge(MINIMAL, patch));
  }
}
