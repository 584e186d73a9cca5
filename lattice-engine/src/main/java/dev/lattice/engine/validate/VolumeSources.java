package dev.lattice.engine.validate;

import dev.lattice.api.model.Resource;
import dev.lattice.engine.ServiceContext;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a container volume's {@code source: ${resources.<name>}}. */
public final class VolumeSources {
  private static final Pattern SOURCE = Pattern.compile("\\$\\{\\s*resources\\.([A-Za-z0-9_-]+)\\s*}");

  private VolumeSources() {}

  public static Optional<Resource> resource(ServiceContext context, String source) {
    Matcher m = SOURCE.matcher(source.trim());
    return m.matches() ? context.resourceForTemplate(m.group(1)) : Optional.empty();
  }
}
