package dev.lattice.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Keeps the engine pure: the same inputs must always derive the same output, so nothing in it may reach a cluster,
 * the network, the clock, the environment, the file system or randomness. Callers resolve those and pass them in.
 */
class ArchitectureTest {
  private static JavaClasses engine;
  private static JavaClasses api;

  @BeforeAll
  static void importClasses() {
    var importer = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS);
    engine = importer.importPackages("dev.lattice.engine");
    api = importer.importPackages("dev.lattice.api");
  }

  @Test
  @DisplayName("the engine never uses the Kubernetes client (the CustomResource base of the API types aside)")
  void noKubernetesClient() {
    ArchRule rule = noClasses().should().dependOnClassesThat(
        com.tngtech.archunit.base.DescribedPredicate.describe(
            "are in io.fabric8.kubernetes.client other than CustomResource",
            c -> c.getPackageName().startsWith("io.fabric8.kubernetes.client")
                && !c.getName().equals("io.fabric8.kubernetes.client.CustomResource")));
    rule.check(engine);
  }

  @Test
  @DisplayName("the engine never opens a network connection or an operator framework")
  void noNetwork() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage(
        "java.net..", "java.net.http..", "javax.net..", "io.javaoperatorsdk..", "okhttp3..", "io.vertx..")
        .because("derivation must not depend on anything outside its inputs")
        .check(engine);
  }

  @Test
  @DisplayName("the engine never reads the clock, the environment, system properties or randomness")
  void noAmbientState() {
    noClasses().should().callMethod(System.class, "getenv")
        .orShould().callMethod(System.class, "getenv", String.class)
        .orShould().callMethod(System.class, "getProperty", String.class)
        .orShould().callMethod(System.class, "getProperty", String.class, String.class)
        .orShould().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
        .orShould().callMethodWhere(
            com.tngtech.archunit.base.DescribedPredicate.describe(
                "a now() of java.time",
                call -> call.getTarget().getName().equals("now")
                    && call.getTarget().getOwner().getPackageName().equals("java.time")))
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.Random")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.UUID")
        .check(engine);
  }

  @Test
  @DisplayName("the engine never touches the file system: callers read files and pass contents in")
  void noFileSystem() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("java.nio.file..")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileInputStream")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileOutputStream")
        .check(engine);
  }

  @Test
  @DisplayName("dependencies point one way: the API types know nothing of the engine or the CLI")
  void apiIsTheBottom() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.lattice.engine..", "dev.lattice.cli..",
            "dev.lattice.dashboard..")
        .check(api);
  }
}
