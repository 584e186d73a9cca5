package dev.lattice.testkit.cluster;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the local control plane once per test run (kept in the root store, so JUnit closes it when the run ends,
 * whatever failed), and gives every test its own namespace. When the binaries are missing the tests fail with the
 * command that builds them; they never skip.
 */
public final class LocalClusterExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(LocalCluster.class);

  /** The run's cluster, started on first use. */
  public static LocalCluster cluster(ExtensionContext context) {
    return context.getRoot().getStore(STORE).getOrComputeIfAbsent("cluster", key -> LocalCluster.start(),
        LocalCluster.class);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    LocalCluster cluster = cluster(context);
    String name = namespaceName(context);
    cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
        .addToLabels("lattice.dev/test", "true").endMetadata().build()).create();
    context.getStore(STORE).put("namespace", new TestNamespace(name));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    TestNamespace namespace = context.getStore(STORE).get("namespace", TestNamespace.class);
    if (namespace != null) {
      cluster(context).client().namespaces().withName(namespace.name()).delete();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == LocalCluster.class || type == TestNamespace.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (parameter.getParameter().getType() == LocalCluster.class) {
      return cluster(context);
    }
    return context.getStore(STORE).get("namespace", TestNamespace.class);
  }

  /** The test method's name as a DNS label, with a random suffix so that re-runs never meet a terminating one. */
  static String namespaceName(ExtensionContext context) {
    String method = context.getTestMethod().map(m -> m.getName()).orElse("test")
        .replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    String prefix = method.length() > 50 ? method.substring(0, 50) : method;
    return prefix.replaceAll("-+$", "") + "-" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
  }
}
