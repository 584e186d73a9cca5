package dev.lattice.engine.hatch;

import dev.lattice.api.hatch.EscapeHatch;
import dev.lattice.api.hatch.Governance;
import dev.lattice.api.model.ServiceRef;
import dev.lattice.api.status.Diagnostic;
import dev.lattice.api.status.Reason;
import dev.lattice.engine.PlatformSettings.HatchSettings;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The governance of one escape hatch on a given day: required fields, the {@code Expiring} warning from
 * {@value HatchSettings#EXPIRING_DAYS} days before expiry, the grace period after it, and the stop once that is over.
 * Pure: {@code today} comes from the caller's clock.
 */
public final class HatchGovernance {
  private HatchGovernance() {}

  /** Where a hatch stands on a day. */
  public enum State {
    /** More than 30 days left. */
    ACTIVE("active"),
    /** 30 days or fewer left. */
    EXPIRING("expiring"),
    /** Expired, still derived during the platform's grace period. */
    IN_GRACE("expired, in grace period"),
    /** Expired and past the grace period: nothing is derived. */
    EXPIRED("expired"),
    /** No valid expiry date, or no date was given to the engine. */
    UNKNOWN("unknown");

    private final String label;

    State(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * @param daysLeft days from today to the expiry date (negative once expired), when both are known
   * @param diagnostics missing fields, an invalid date, and the expiry warning or stop
   */
  public record Check(State state, OptionalLong daysLeft, List<Diagnostic> diagnostics) {
    public Check {
      diagnostics = List.copyOf(diagnostics);
    }
  }

  public static Check check(
      ServiceRef ref, EscapeHatch.Kind kind, Governance g, Optional<LocalDate> today, HatchSettings settings) {
    String who = kind.kindName() + " " + ref;
    List<Diagnostic> out = new ArrayList<>();
    if (g.owner().isEmpty()) {
      out.add(new Diagnostic(Reason.EscapeHatchGovernanceMissing, "spec.owner",
          who + " has no owner; an escape hatch must name the team that answers for it.",
          "add spec.owner with your team's name, e.g. owner: team-billing."));
    }
    if (g.reason().isEmpty()) {
      out.add(new Diagnostic(Reason.EscapeHatchGovernanceMissing, "spec.reason",
          who + " gives no reason; an escape hatch must say why it exists.",
          "add spec.reason with a ticket or a sentence, e.g. reason: JIRA-123 legacy billing until the rewrite."));
    }
    String example = today.map(t -> t.plusDays(settings.maxLifetimeDays()).toString()).orElse("2027-01-31");
    if (g.expires().isEmpty()) {
      out.add(new Diagnostic(Reason.EscapeHatchGovernanceMissing, "spec.expires",
          who + " has no expiry date; an escape hatch is temporary.",
          "add spec.expires with the last day it is needed, at most " + settings.maxLifetimeDays()
              + " days ahead without a permit, e.g. expires: " + example + "."));
    } else if (g.expiryDate().isEmpty()) {
      out.add(new Diagnostic(Reason.InvalidExpiryDate, "spec.expires",
          "'" + g.expires() + "' is not a date.", "write the date as YYYY-MM-DD, e.g. expires: " + example + "."));
    }
    if (g.expiryDate().isEmpty() || today.isEmpty()) {
      return new Check(State.UNKNOWN, OptionalLong.empty(), out);
    }
    LocalDate expires = g.expiryDate().get();
    long left = ChronoUnit.DAYS.between(today.get(), expires);
    String owned = who + (g.owner().isEmpty() ? "" : " (owner " + g.owner() + ")");
    State state;
    if (left > HatchSettings.EXPIRING_DAYS) {
      state = State.ACTIVE;
    } else if (left >= 0) {
      state = State.EXPIRING;
      out.add(new Diagnostic(Reason.EscapeHatchExpiring, "spec.expires",
          owned + " expires on " + expires + ", " + (left == 0 ? "today" : "in " + days(left)) + ".",
          way(kind, ref) + ", or set a later spec.expires."));
    } else {
      LocalDate stop = expires.plusDays(settings.gracePeriodDays());
      if (!today.get().isAfter(stop)) {
        state = State.IN_GRACE;
        out.add(new Diagnostic(Reason.EscapeHatchInGracePeriod, "spec.expires",
            owned + " expired on " + expires + ", " + days(-left) + " ago; derivation stops after the platform's "
                + "grace period of " + days(settings.gracePeriodDays()) + ", on " + stop + ".",
            way(kind, ref) + ", or set a later spec.expires."));
      } else {
        state = State.EXPIRED;
        out.add(new Diagnostic(Reason.EscapeHatchExpired, "spec.expires",
            owned + " expired on " + expires + " and the platform's grace period of "
                + days(settings.gracePeriodDays()) + " ended on " + stop + ", so nothing is derived for it any "
                + "more; what already runs keeps running and nothing is deleted.",
            (g.owner().isEmpty() ? "" : g.owner() + ": ") + way(kind, ref) + ", or set a later spec.expires (more "
                + "than " + days(settings.maxLifetimeDays()) + " ahead needs a Cedar ExtendEscapeHatch permit)."));
      }
    }
    return new Check(state, OptionalLong.of(left), out);
  }

  /** The way off the hatch, onto a LatticeService. */
  static String way(EscapeHatch.Kind kind, ServiceRef ref) {
    return switch (kind) {
      case MESH_MEMBER -> "move its pods onto a LatticeService (write LatticeService " + ref + " with their "
          + "containers, ports and dependencies, then delete this LatticeMeshMember)";
      case PACKAGE -> "replace the chart with LatticeServices (one per workload it runs, then delete this "
          + "LatticePackage)";
    };
  }

  static String days(long n) {
    return n + (n == 1 ? " day" : " days");
  }
}
