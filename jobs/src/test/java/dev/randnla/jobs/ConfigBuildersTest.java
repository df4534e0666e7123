package dev.randnla.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.io.CliEnums;
import dev.randnla.io.InputOptions;
import dev.randnla.io.MatrixFormat;
import dev.randnla.io.OutputOptions;
import dev.randnla.jobs.cluster.ClusterCommand;
import dev.randnla.jobs.cluster.ClusterConfig;
import dev.randnla.jobs.eigen.EigenCommand;
import dev.randnla.jobs.eigen.EigenConfig;
import dev.randnla.jobs.eigen.EigenMethod;
import dev.randnla.jobs.generate.GenerateCommand;
import dev.randnla.jobs.generate.GenerateConfig;
import dev.randnla.jobs.generate.MatrixKind;
import dev.randnla.jobs.leverage.LeverageCommand;
import dev.randnla.jobs.leverage.LeverageConfig;
import dev.randnla.jobs.regress.RegressCommand;
import dev.randnla.jobs.regress.RegressConfig;
import dev.randnla.jobs.regress.Solver;
import dev.randnla.jobs.shuffle.ShuffleCommand;
import dev.randnla.jobs.shuffle.ShuffleConfig;
import dev.randnla.jobs.spectrum.SpectrumCommand;
import dev.randnla.jobs.spectrum.SpectrumConfig;
import dev.randnla.jobs.tall.QrCommand;
import dev.randnla.jobs.tall.QrConfig;
import dev.randnla.jobs.tall.SvdCommand;
import dev.randnla.jobs.tall.SvdConfig;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every config's {@code builder()} starts from the command line's defaults: each option field of a
 * command or of one of its mixins (picocli fills in its {@code defaultValue}) is compared with the
 * builder's record component of the same name; the builder validates through the record's constructor.
 */
class ConfigBuildersTest {
  static final String[] INPUT = {"--input", "in.csv", "--output", "out"};

  /** Compares the command's defaults with the config's components of the same name; returns how many matched. */
  static int sameDefaults(Object command, Record config) throws ReflectiveOperationException {
    int compared = 0;
    for (RecordComponent c : config.getClass().getRecordComponents()) {
      Object owner = command;
      Field f = declared(command, c.getName());
      for (Field m : command.getClass().getDeclaredFields()) {
        if (f == null && m.isAnnotationPresent(CommandLine.Mixin.class)) {
          m.setAccessible(true);
          owner = m.get(command);
          f = declared(owner, c.getName());
        }
      }
      if (f == null) {
        continue;
      }
      f.setAccessible(true);
      Object cli = f.get(owner);
      Object built = c.getAccessor().invoke(config);
      String where = command.getClass().getSimpleName() + "." + c.getName();
      if (cli instanceof String s && built instanceof CliEnums.Named n) {
        assertEquals(s, n.cliName(), where);
      } else if (cli == null && built != null) {
        continue; // the option's default is "unset", which the constructor resolves the same way for both
      } else if (cli == null || f.getType() == c.getType() || c.getType().isPrimitive()) {
        assertEquals(cli, built, where);
      } else {
        continue;
      }
      compared++;
    }
    return compared;
  }

  /** The field {@code name} of {@code o}'s class, or null. */
  static Field declared(Object o, String name) {
    try {
      return o.getClass().getDeclaredField(name);
    } catch (NoSuchFieldException e) {
      return null;
    }
  }

  static <T> T parse(T command, String... args) {
    CommandLine.populateCommand(command, args);
    return command;
  }

  @Test
  void everyBuilderStartsFromTheCommandLineDefaults() throws Exception {
    InputOptions in = InputOptions.of("in.csv");
    assertTrue(sameDefaults(parse(new EigenCommand(), INPUT), EigenConfig.builder().input(in).build()) >= 10);
    assertTrue(sameDefaults(parse(new RegressCommand(), INPUT),
        RegressConfig.builder().input(in.withLabelCol("0")).build()) >= 12);
    assertTrue(sameDefaults(parse(new LeverageCommand(), INPUT), LeverageConfig.builder().input(in).build()) >= 8);
    assertTrue(sameDefaults(parse(new SpectrumCommand(), INPUT), SpectrumConfig.builder().input(in).build()) >= 8);
    assertTrue(sameDefaults(parse(new ClusterCommand(), INPUT),
        ClusterConfig.builder().input(in.withKeyCol("0")).build()) >= 7);
    assertTrue(sameDefaults(parse(new ShuffleCommand(), INPUT), ShuffleConfig.builder().input(in).output("out").build()) >= 1);
    assertTrue(sameDefaults(parse(new SvdCommand(), INPUT), SvdConfig.builder().input(in).build()) >= 2);
    assertTrue(sameDefaults(parse(new QrCommand(), INPUT), QrConfig.builder().input(in).build()) >= 1);
    GenerateConfig generate = GenerateConfig.builder().kind(MatrixKind.SPIKED).rows(100).cols(5).output("out").build();
    assertTrue(sameDefaults(parse(new GenerateCommand(), "--kind", "spiked", "--rows", "100", "--cols", "5", "--output",
        "out"), generate) >= 5);
    assertEquals(MatrixFormat.CSV, generate.format());
    assertTrue(generate.randomOrder(), "--order random is the default");

    InputMixin mixin = (InputMixin) field(parse(new EigenCommand(), INPUT), "input");
    assertEquals(mixin.toOptions(), InputOptions.builder().uri("in.csv").build());
  }

  static Object field(Object o, String name) throws ReflectiveOperationException {
    Field f = o.getClass().getDeclaredField(name);
    f.setAccessible(true);
    return f.get(o);
  }

  @Test
  void buildersEqualTheCanonicalConstructorAndValidateLikeIt() {
    InputOptions in = InputOptions.of("in.csv");
    EigenConfig built = EigenConfig.builder().input("in.csv").method(EigenMethod.EXACT).seed(7).quiet(true).build();
    assertEquals(EigenConfig.of(in, OutputOptions.none(), EigenMethod.EXACT, 7), built);
    assertEquals(built.withK(3), EigenConfig.builder().from(built).k(3).build());
    assertEquals(OutputOptions.to("out"), EigenConfig.builder().input(in).output("out").build().output());
    assertEquals(RegressConfig.of(in.withLabelCol("y"), OutputOptions.none(), Solver.PRECONDITION, 5),
        RegressConfig.builder().input(in.withLabelCol("y")).seed(5).quiet(true).build());

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EigenConfig.builder().input(in).k(0).method(EigenMethod.OJA).tolerance(0.1).build());
    assertTrue(e.getMessage().contains("--k must be positive: 0") && e.getMessage().contains("--tol applies to --method lanczos"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> EigenConfig.builder().build(), "--input is required");
    assertThrows(IllegalArgumentException.class, () -> InputOptions.builder().uri("x").cols(0).build());
  }
}
