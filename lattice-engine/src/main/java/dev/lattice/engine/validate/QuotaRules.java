package dev.lattice.engine.validate;

import dev.lattice.engine.ServiceContext;
import dev.lattice.engine.quota.QuotaCheck;

/** The service against every LatticeQuota covering it ({@code QuotaExceeded}); the rule is in {@link QuotaCheck}. */
final class QuotaRules {
  private QuotaRules() {}

  static void check(ServiceContext context, Problems problems) {
    var providers = context.settings().providers();
    if (providers.quotas().isEmpty()) {
      return;
    }
    problems.addAll(QuotaCheck.check(context.ref(), context.fleet(), providers.quotas(), providers.teams()));
  }
}
