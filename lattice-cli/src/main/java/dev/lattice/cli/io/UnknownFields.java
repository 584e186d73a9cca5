package dev.lattice.cli.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import dev.lattice.api.model.UnknownField;
import dev.lattice.api.status.Diagnostic;
import dev.lattice.api.status.Reason;
import dev.lattice.api.versions.ApiVersion;
import dev.lattice.api.versions.Renamed;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Unknown fields are ignored, as the API server would prune them, but never silently. */
final class UnknownFields extends DeserializationProblemHandler {
  private final ApiVersion version;
  private final JsonNode document;
  private final List<Diagnostic> found;
  private final List<UnknownField> ignored;

  UnknownFields(ApiVersion version, JsonNode document, List<Diagnostic> found, List<UnknownField> ignored) {
    this.version = version;
    this.document = document;
    this.found = found;
    this.ignored = ignored;
  }

  @Override
  public boolean handleUnknownProperty(
      DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer, Object bean, String property)
      throws IOException {
    var pointer = p.getParsingContext().pathAsPointer();
    String path = FieldPaths.fromPointer(pointer.toString());
    String parent = FieldPaths.fromPointer(pointer.head().toString());
    Optional<Renamed> renamed = Renamed.of(version, parent, property);
    if (renamed.isPresent() && !path.startsWith("status")) {
      // A field of another served version: name this version's field, not the nearest spelling.
      found.add(new Diagnostic(Reason.UnknownField, path, renamed.get().problem(), renamed.get().fix()));
      JsonNode holder = document.at(pointer.head());
      ignored.add(new UnknownField(parent, property, renamed.get().meant().filter(m -> !holder.has(m))));
    } else if (!path.startsWith("status")) {
      Collection<Object> known = deserializer.getKnownPropertyNames();
      found.add(new Diagnostic(
          Reason.UnknownField, path,
          "'" + property + "' is not a field here; it is ignored.",
          FieldPaths.suggestion(property, known)));
      // The typo explains a missing field only when the field it stands for is absent from the object.
      JsonNode holder = document.at(pointer.head());
      var meant = FieldPaths.nearest(property, known).filter(m -> !holder.has(m));
      ignored.add(new UnknownField(FieldPaths.fromPointer(pointer.head().toString()), property, meant));
    }
    p.skipChildren();
    return true;
  }
}
