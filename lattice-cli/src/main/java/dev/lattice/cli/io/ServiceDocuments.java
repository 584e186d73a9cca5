package dev.lattice.cli.io;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lattice.api.hatch.LatticeMeshMember;
import dev.lattice.api.model.MappedIntent;
import dev.lattice.api.model.UnknownField;
import dev.lattice.api.status.Diagnostic;
import dev.lattice.api.status.Reason;
import dev.lattice.api.versions.ApiVersion;
import dev.lattice.api.versions.ServedTypes;
import dev.lattice.engine.ServiceInput;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The fleet's nodes, LatticeServices (any served version) and LatticeMeshMembers, into {@link SourcedService}s with
 * their intake diagnostics: unknown and renamed fields, a defaulted namespace, invalid Unicode, a deprecated version.
 */
final class ServiceDocuments {
  private final ObjectMapper mapper;
  private final boolean warnDeprecated;

  ServiceDocuments(ObjectMapper mapper, boolean warnDeprecated) {
    this.mapper = mapper;
    this.warnDeprecated = warnDeprecated;
  }

  /** A LatticeService of a served {@code version}, or an input error at the field that does not map. */
  void latticeService(String file, SourceLocator locator, JsonNode document, String name, ApiVersion version,
      List<YamlTrees.Surrogate> surrogates, FileContents out) {
    List<SourcedService> services = out.services;
    List<InputError> errors = out.errors;
    int line = locator.documentLine();
    if (name.isEmpty()) {
      errors.add(new InputError(file, line, "the LatticeService has no metadata.name; set metadata.name (and "
          + "metadata.namespace, which defaults to 'default')."));
      return;
    }
    List<Diagnostic> unknown = new ArrayList<>();
    List<UnknownField> ignored = new ArrayList<>();
    HasMetadata resource;
    try {
      resource = mapper.readerFor(ServedTypes.type(version))
          .withHandler(new UnknownFields(version, document, unknown, ignored)).readValue(document);
    } catch (JsonMappingException e) {
      String path = FieldPaths.of(e.getPath());
      errors.add(new InputError(file, locator.lineOf(path), path + ": " + FieldPaths.describeMismatch(e, document,
          path)));
      return;
    } catch (IOException e) {
      errors.add(new InputError(file, line, "cannot read the LatticeService: " + e.getMessage()));
      return;
    }
    String written = resource.getMetadata() == null ? null : resource.getMetadata().getNamespace();
    if (written == null || written.isEmpty()) {
      resource.getMetadata().setNamespace("default");
      unknown.add(new Diagnostic(Reason.NamespaceDefaulted, "metadata.namespace",
          "the LatticeService has no namespace, so it is derived into 'default' (kubectl apply would use the "
              + "namespace of your current context instead).",
          "set metadata.namespace to your team's namespace, e.g. namespace: shop."));
    }
    surrogates.forEach(s -> unknown.add(new Diagnostic(Reason.InvalidUnicode, s.fieldPath(),
        LoneSurrogates.problem(s.text()), LoneSurrogates.FIX)));
    MappedIntent mapped = ServedTypes.map(resource, ignored);
    if (warnDeprecated && version.deprecated()) {
      unknown.add(Deprecation.warning(mapped.intent().ref(), version, file));
    }
    List<Diagnostic> intake = new ArrayList<>(unknown);
    intake.addAll(mapped.diagnostics());
    services.add(new SourcedService(new ServiceInput(mapped.intent(), intake), file, locator));
  }

  /** A mesh member is a fleet node like a service, so every command that reads services sees it. */
  void meshMember(String file, SourceLocator locator, JsonNode document, String name, FileContents out) {
    if (name.isEmpty()) {
      out.errors.add(new InputError(file, locator.documentLine(), "the LatticeMeshMember has no metadata.name; set "
          + "metadata.name (and metadata.namespace, which defaults to 'default')."));
      return;
    }
    try {
      LatticeMeshMember member = mapper.treeToValue(document, LatticeMeshMember.class);
      List<Diagnostic> intake = new ArrayList<>();
      if (member.getMetadata().getNamespace() == null || member.getMetadata().getNamespace().isEmpty()) {
        member.getMetadata().setNamespace("default");
        intake.add(new Diagnostic(Reason.NamespaceDefaulted, "metadata.namespace",
            "the LatticeMeshMember has no namespace, so it is derived into 'default' (kubectl apply would use the "
                + "namespace of your current context instead).",
            "set metadata.namespace to the namespace of the pods it enrols."));
      }
      out.services.add(new SourcedService(new ServiceInput(member.intent(), intake), file, locator));
    } catch (JsonMappingException e) {
      String path = FieldPaths.of(e.getPath());
      out.errors.add(new InputError(file, locator.lineOf(path), path + ": " + FieldPaths.describeMismatch(e, document,
          path)));
    } catch (IOException e) {
      out.errors.add(new InputError(file, locator.documentLine(), "cannot read the LatticeMeshMember: "
          + e.getMessage()));
    }
  }
}
