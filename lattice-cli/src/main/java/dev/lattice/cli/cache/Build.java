package dev.lattice.cli.cache;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;

/**
 * Which Lattice build is running, for the cache key: the release, and the size and time of each jar the derivation
 * code comes from, so that a rebuilt snapshot never reuses what an older build derived.
 */
public final class Build {
  private static final Class<?>[] MODULES = {
    dev.lattice.api.model.ServiceRef.class, dev.lattice.graph.ServiceGraph.class,
    dev.lattice.policy.PolicyLibrary.class, dev.lattice.engine.Engine.class, Build.class
  };

  private static volatile String identity;

  private Build() {}

  public static String identity() {
    String known = identity;
    if (known == null) {
      Digest digest = Digest.start().add(String.valueOf(Build.class.getPackage().getImplementationVersion()));
      for (Class<?> module : MODULES) {
        digest.add(codeSource(module));
      }
      known = digest.hex();
      identity = known;
    }
    // Stands for another release without building one: tests of what a new version must not trust.
    String salt = System.getProperty("lattice.build.salt");
    return salt == null ? known : Digest.start().add(known).add(salt).hex();
  }

  private static String codeSource(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return type.getName();
    }
    try {
      Path path = Path.of(source.getLocation().toURI());
      if (Files.isRegularFile(path)) {
        return path + " " + Files.size(path) + " " + Files.getLastModifiedTime(path).toMillis();
      }
      // Classes in a directory (tests, an IDE): the time of this class file stands for the module.
      Path file = path.resolve(type.getName().replace('.', '/') + ".class");
      return path + " " + (Files.exists(file) ? Files.getLastModifiedTime(file).toMillis() : 0);
    } catch (URISyntaxException | java.io.IOException | IllegalArgumentException e) {
      return source.getLocation().toString();
    }
  }
}
