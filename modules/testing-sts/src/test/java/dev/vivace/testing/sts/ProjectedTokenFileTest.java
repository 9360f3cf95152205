package dev.vivace.testing.sts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectedTokenFileTest {

  @TempDir Path dir;

  @Test
  void rotatesThroughTheDataSymlink() throws Exception {
    ProjectedTokenFile file = ProjectedTokenFile.create(dir, "first");
    Path firstTarget = file.path().toRealPath();

    file.write("second");

    assertThat(Files.isSymbolicLink(file.path())).isTrue();
    assertThat(Files.readString(file.path())).isEqualTo("second");
    assertThat(file.path().toRealPath()).isNotEqualTo(firstTarget);
    assertThat(firstTarget).doesNotExist();
    try (var entries = Files.list(dir)) {
      assertThat(entries.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("token", "..data", "..gen_2");
    }
  }

  @Test
  void deleteRemovesTheToken() {
    ProjectedTokenFile file = ProjectedTokenFile.create(dir, "first");
    file.delete();
    assertThat(file.path()).doesNotExist();
  }
}
