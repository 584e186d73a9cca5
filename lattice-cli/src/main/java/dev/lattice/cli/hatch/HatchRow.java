package dev.lattice.cli.hatch;

import dev.lattice.api.hatch.EscapeHatch;
import dev.lattice.api.hatch.Governance;
import dev.lattice.api.model.ServiceRef;
import dev.lattice.engine.PlatformSettings;
import dev.lattice.engine.hatch.HatchGovernance;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Optional;
import java.util.OptionalLong;

/** One escape hatch as {@code lattice hatches} lists it, judged on a given day. */
record HatchRow(String kind, ServiceRef ref, Governance governance, HatchGovernance.State state,
    OptionalLong daysLeft) {
  /** Expired first, then by days left; hatches whose expiry cannot be judged lead (they need attention most). */
  static final Comparator<HatchRow> ORDER = Comparator
      .comparingLong((HatchRow r) -> r.daysLeft().isPresent() ? r.daysLeft().getAsLong() : Long.MIN_VALUE)
      .thenComparing(HatchRow::ref);

  static HatchRow of(EscapeHatch.Kind kind, ServiceRef ref, Governance governance, LocalDate today,
      PlatformSettings.HatchSettings settings) {
    HatchGovernance.Check check = HatchGovernance.check(ref, kind, governance, Optional.of(today), settings);
    return new HatchRow(kind.kindName(), ref, governance, check.state(), check.daysLeft());
  }
}
