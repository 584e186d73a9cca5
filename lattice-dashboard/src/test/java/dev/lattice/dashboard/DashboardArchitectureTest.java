package dev.lattice.dashboard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The report sits between the engine and its two hosts (the operator's /dashboard, lattice report): it knows
 * neither, and like the engine takes time and files from its caller, so both hosts render the same page.
 */
class DashboardArchitectureTest {
  private static final JavaClasses DASHBOARD = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.lattice.dashboard");

  @Test
  @DisplayName("the dashboard never depends on the operator, the CLI, a cluster client or the network")
  void layering() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.lattice.operator..", "dev.lattice.cli..",
        "io.fabric8.kubernetes.client..", "io.javaoperatorsdk..", "java.net..")
        .check(DASHBOARD);
  }

  @Test
  @DisplayName("the dashboard never reads the clock or the file system: the caller passes the time and contents")
  void noAmbientState() {
    noClasses().should().callMethod(System.class, "currentTimeMillis")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
        .orShould().callMethodWhere(com.tngtech.archunit.base.DescribedPredicate.describe("a now() of java.time",
            call -> call.getTarget().getName().equals("now")
                && call.getTarget().getOwner().getPackageName().equals("java.time")))
        .orShould().dependOnClassesThat().resideInAnyPackage("java.nio.file..")
        .check(DASHBOARD);
  }
}
