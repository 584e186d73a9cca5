package dev.lattice.api.hatch;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * The governance fields of an escape hatch: who answers for it, why it exists and until when. Kept as written (an
 * empty string when missing) so the engine can name what is wrong; {@link #expiryDate()} is the parsed date.
 *
 * @param owner {@code spec.owner}, a team
 * @param reason {@code spec.reason}, a ticket or a sentence
 * @param expires {@code spec.expires}, an ISO date ({@code 2027-01-31})
 */
public record Governance(String owner, String reason, String expires) {
  public Governance {
    owner = Objects.requireNonNullElse(owner, "").strip();
    reason = Objects.requireNonNullElse(reason, "").strip();
    expires = Objects.requireNonNullElse(expires, "").strip();
  }

  /** The expiry date, or empty when {@code expires} is missing or not an ISO date. */
  public Optional<LocalDate> expiryDate() {
    if (expires.isEmpty()) {
      return Optional.empty();
    }
    // An unquoted YAML date reaches the API server through kubectl as a midnight timestamp; it means the same day.
    String day = expires.endsWith("T00:00:00Z") ? expires.substring(0, expires.length() - 10) : expires;
    try {
      return Optional.of(LocalDate.parse(day));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  public static Governance of(EscapeHatchSpec spec) {
    return new Governance(spec.owner, spec.reason, spec.expires);
  }
}
