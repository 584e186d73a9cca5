package dev.lattice.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** GitHub's workflow-command escaping, which the runner undoes: a message can never end the command early. */
class GithubReportTest {
  @Test
  @DisplayName("%, CR and LF are escaped in the message; so are : and , in the properties")
  void escapes() {
    assertThat(GithubReport.command("error", "teams/a,b/c:d.yaml", 12, "InvalidPort (shop/api)",
        "50% done:\r\nnext, then"))
        .isEqualTo("::error file=teams/a%2Cb/c%3Ad.yaml,line=12,title=InvalidPort (shop/api)::50%25 done:%0D%0Anext,"
            + " then");
  }

  @Test
  @DisplayName("without a file or a line, those properties are left out")
  void withoutFile() {
    assertThat(GithubReport.command("warning", null, 0, "CedarPolicy lattice-system/p", "line 2: x"))
        .isEqualTo("::warning title=CedarPolicy lattice-system/p::line 2: x");
    assertThat(GithubReport.command("error", "a.yaml", 0, "input error", "x"))
        .isEqualTo("::error file=a.yaml,title=input error::x");
  }
}
