package dev.lattice.engine.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lattice.api.model.MappedIntent;
import dev.lattice.api.model.Resource;
import dev.lattice.api.status.Diagnostic;
import dev.lattice.api.versions.ApiVersion;
import dev.lattice.api.versions.ConversionResult;
import dev.lattice.api.versions.Conversions;
import dev.lattice.engine.Derivation;
import dev.lattice.engine.Engine;
import dev.lattice.engine.Fleet;
import dev.lattice.engine.PlatformSettings;
import dev.lattice.engine.ServiceInput;
import dev.lattice.engine.output.Manifests;
import dev.lattice.policy.Authorizer;
import dev.lattice.testkit.SpecGenerators;
import dev.lattice.testkit.Specs;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/**
 * Properties of the served versions over generated specs, valid and broken: conversion is lossless in every
 * direction, and the version a spec is written in never changes what is derived from it.
 * {@code -DQT_EXAMPLES=5000} searches harder; {@code -DQT_SEED=<seed>} replays a failure.
 */
class ApiVersionPropertiesTest {
  private static final Engine ENGINE = new Engine(PlatformSettings.defaults(), Authorizer.permitAll());

  @Test
  @DisplayName("any generated spec written in any version converts to any other version and back (directly or "
      + "through the third) into the identical document")
  void conversionIsLosslessInEveryDirection() {
    Set<String> seenTypes = ConcurrentHashMap.newKeySet();
    Set<String> seenDeferred = ConcurrentHashMap.newKeySet();
    qt().withExamples(examples(150))
        .forAll(Generate.oneOf(SpecGenerators.validServices(), SpecGenerators.services(15)))
        .checkAssert(document -> {
          record(document, seenTypes, seenDeferred);
          for (ApiVersion from : ApiVersion.values()) {
            Optional<ObjectNode> source = SpecGenerators.written(document, from);
            if (source.isEmpty()) {
              continue; // image '.' has no v1 spelling; theRuntimeImageIsTheOneDecision covers it
            }
            for (ApiVersion via : ApiVersion.values()) {
              Optional<ObjectNode> there = tryConverting(source.get(), via);
              if (there.isEmpty()) {
                continue;
              }
              assertThat(converted(there.get(), from)).as("%s -> %s -> %s", from, via, from).isEqualTo(source.get());
              for (ApiVersion then : ApiVersion.values()) {
                tryConverting(there.get(), then).ifPresent(further -> assertThat(converted(further, from))
                    .as("%s -> %s -> %s -> %s", from, via, then, from).isEqualTo(source.get()));
              }
            }
          }
        });
    // The property covers every resource type and every deferred block, or it says little about them.
    assertThat(seenTypes).containsAll(List.of("service", "external-service", "secret", "volume", "gpu"));
    assertThat(seenDeferred).containsAll(List.of("backup", "advertise", "topology"));
  }

  @Test
  @DisplayName("a generated spec derives the byte-identical objects, the same status and the same reasons in every "
      + "version it can be written in")
  void theWrittenVersionNeverChangesTheDerivation() {
    qt().withExamples(examples(60))
        .forAll(Generate.oneOf(SpecGenerators.validServices(), SpecGenerators.services(3)))
        .checkAssert(document -> {
          Optional<Derivation> alpha = SpecGenerators.written(document, ApiVersion.V1ALPHA1).flatMap(
              ApiVersionPropertiesTest::derive);
          if (alpha.isEmpty() || declaresNoContainers(document)) {
            return;
          }
          for (ApiVersion version : List.of(ApiVersion.V1BETA1, ApiVersion.V1)) {
            Optional<Derivation> other = SpecGenerators.written(document, version)
                .flatMap(ApiVersionPropertiesTest::derive);
            if (other.isEmpty()) {
              continue;
            }
            assertSame(alpha.get(), other.get(), version);
          }
        });
  }

  /**
   * v1alpha1 can declare a workload without containers ({@code workload: {}}: NoContainers); v1beta1 and v1 have no
   * workload object, so the same spec there declares nothing (MissingWorkload). Both reject it; only the reason
   * differs, as docs/api-versions.md says.
   */
  private static boolean declaresNoContainers(Map<String, Object> document) {
    return document.get("spec") instanceof Map<?, ?> spec && spec.get("workload") instanceof Map<?, ?> workload
        && !(workload.get("containers") instanceof Map<?, ?>);
  }

  static void assertSame(Derivation alpha, Derivation other, ApiVersion version) {
    assertThat(other.getClass()).as("outcome in %s", version).isEqualTo(alpha.getClass());
    assertThat(reasons(other)).as("reasons in %s", version).isEqualTo(reasons(alpha));
    if (alpha instanceof Derivation.Derived a && other instanceof Derivation.Derived b) {
      assertThat(Manifests.yaml(b.resources())).as("objects derived from %s", version)
          .isEqualTo(Manifests.yaml(a.resources()));
      assertThat(b.status().phase()).isEqualTo(a.status().phase());
    }
  }

  private static List<String> reasons(Derivation d) {
    return d.diagnostics().stream().map(Diagnostic::reason).map(Enum::name).sorted().toList();
  }

  private static Optional<Derivation> derive(ObjectNode document) {
    MappedIntent mapped;
    try {
      mapped = Specs.mapped(document);
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof JsonMappingException) {
        return Optional.empty(); // a value of the wrong type: a reading error with file and line in the CLI
      }
      throw e;
    }
    ServiceInput input = new ServiceInput(mapped.intent(), mapped.diagnostics());
    return Optional.of(ENGINE.derive(input, Fleet.of(input)));
  }

  /**
   * The conversion, or empty when it needs a decision, which only a conversion to v1 may: the runtime image '.'
   * and a direction that is none of the three (broken specs).
   */
  private static Optional<ObjectNode> tryConverting(ObjectNode document, ApiVersion target) {
    ConversionResult result = Conversions.convert(document, target);
    if (result instanceof ConversionResult.NeedsDecision needs) {
      assertThat(target).isEqualTo(ApiVersion.V1);
      assertThat(needs.decisions()).allSatisfy(d -> assertThat(d.fieldPath()).matches(".*\\.(image|direction)"));
      return Optional.empty();
    }
    return Optional.of(((ConversionResult.Converted) result).document());
  }

  static ObjectNode converted(ObjectNode document, ApiVersion target) {
    ConversionResult result = Conversions.convert(document, target);
    assertThat(result).as("converting to %s", target).isInstanceOf(ConversionResult.Converted.class);
    return ((ConversionResult.Converted) result).document();
  }

  @SuppressWarnings("unchecked")
  private static void record(Map<String, Object> document, Set<String> types, Set<String> deferred) {
    if (!(document.get("spec") instanceof Map<?, ?> spec)) {
      return;
    }
    for (String block : List.of("backup", "advertise", "topology")) {
      if (spec.containsKey(block)) {
        deferred.add(block);
      }
    }
    if (spec.get("workload") instanceof Map<?, ?> workload && workload.get("resources") instanceof Map<?, ?> rs) {
      for (Object r : rs.values()) {
        if (r instanceof Map<?, ?> resource) {
          Object type = resource.get("type");
          types.add(type == null ? "service" : String.valueOf(type));
        }
      }
    }
  }

  private static int examples(int usual) {
    return Integer.getInteger("QT_EXAMPLES", usual);
  }
}
