package dev.lattice.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BinariesTest {
  @Test
  void missingBinariesAreAnErrorThatNamesTheBuildScript(@TempDir Path repo) {
    assertThatThrownBy(() -> Binaries.locate(repo, null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("the local Kubernetes control plane is not built: etcd, kube-apiserver, "
            + "kube-controller-manager, kubectl missing in " + repo.resolve("testcluster/bin"))
        .hasMessageContaining("Run " + repo.resolve("testcluster/build"));
  }

  @Test
  void builtBinariesAreFound(@TempDir Path repo) throws Exception {
    Path bin = Files.createDirectories(repo.resolve("testcluster/bin"));
    for (String name : Binaries.NAMES) {
      Files.createFile(bin.resolve(name), PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rwxr-xr-x")));
    }
    assertThat(Binaries.locate(repo, null).apiserver()).isEqualTo(bin.resolve("kube-apiserver"));
  }

  @Test
  void theVariableNamesAnotherFolder(@TempDir Path repo) throws Exception {
    Path bin = Files.createDirectories(repo.resolve("elsewhere"));
    for (String name : Binaries.NAMES) {
      Files.createFile(bin.resolve(name), PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rwxr-xr-x")));
    }
    assertThat(Binaries.locate(repo, bin.toString()).kubectl()).isEqualTo(bin.resolve("kubectl"));
  }
}
