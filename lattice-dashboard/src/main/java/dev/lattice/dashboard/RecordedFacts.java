package dev.lattice.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the operator recorded about one service (in its status, so it survives a restart). The report only reads
 * these; recording them is the operator's job.
 *
 * @param firstSeen when the operator first saw the spec
 * @param firstReady when the service first became Ready
 * @param generations spec generations whose first outcome is known
 * @param readyFirstTry of those, the ones that were Ready on their first derivation
 * @param failures derivation failures, each with when it began, when it ended and whether the fix needed the
 *     platform team (a CedarPolicy change between the failure and the recovery)
 */
public record RecordedFacts(
    Optional<Instant> firstSeen,
    Optional<Instant> firstReady,
    int generations,
    int readyFirstTry,
    List<Failure> failures) {
  public RecordedFacts {
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(firstReady, "firstReady");
    if (readyFirstTry < 0 || generations < readyFirstTry) {
      throw new IllegalArgumentException("readyFirstTry " + readyFirstTry + " of " + generations + " generations");
    }
    failures = List.copyOf(failures);
  }

  /** Time from the first spec to the first Ready, when both are known. */
  public Optional<Duration> timeToReady() {
    return firstSeen.flatMap(seen -> firstReady.map(ready -> Duration.between(seen, ready)));
  }

  /**
   * One derivation failure.
   *
   * @param reason the reason code it failed with
   * @param ended empty while it lasts
   * @param neededPlatformTeam whether getting Ready needed a platform-team action
   */
  public record Failure(String reason, Instant began, Optional<Instant> ended, boolean neededPlatformTeam) {
    public Failure {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(began, "began");
      Objects.requireNonNull(ended, "ended");
    }

    public Optional<Duration> timeToResolve() {
      return ended.map(end -> Duration.between(began, end));
    }
  }
}
