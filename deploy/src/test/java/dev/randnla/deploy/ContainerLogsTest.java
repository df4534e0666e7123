package dev.randnla.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@link MiniYarn} finds an application's container logs in the NodeManager's tree. */
class ContainerLogsTest {
  private static Path write(Path root, String relative) throws IOException {
    Path f = root.resolve(relative);
    Files.createDirectories(f.getParent());
    Files.writeString(f, relative);
    return f;
  }

  @Test
  void findsEveryContainersStderrOfTheApplicationOnlyInOrder(@TempDir Path root) throws IOException {
    Path am = write(root, "nm-0_0/logs/application_1_0002/container_1_0002_01_000001/stderr");
    Path executor = write(root, "nm-0_0/logs/application_1_0002/container_1_0002_01_000002/stderr");
    write(root, "nm-0_0/logs/application_1_0002/container_1_0002_01_000002/stdout");
    write(root, "nm-0_0/logs/application_1_0003/container_1_0003_01_000001/stderr");
    write(root, "nm-0_0/local/usercache/root/appcache/application_1_0002/container_1_0002_01_000001/.launch_container.sh.crc");
    assertEquals(List.of(am, executor), MiniYarn.stderrFiles(root, "application_1_0002"));
  }

  @Test
  void aTreeThatIsGoneIsPassedOverLikeTheCachesTheNodeManagerDeletes(@TempDir Path root) throws IOException {
    // the walk meets what the NodeManager deletes meanwhile as NoSuchFileException; a root that is gone
    // reaches the same handler deterministically
    assertEquals(List.of(), MiniYarn.stderrFiles(root.resolve("deleted"), "application_1_0002"));
  }
}
