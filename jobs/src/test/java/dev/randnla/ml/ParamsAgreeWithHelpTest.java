package dev.randnla.ml;

import static dev.randnla.jobs.JobTestSupport.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.randnla.jobs.JobTestSupport.Cli;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.param.Param;
import org.junit.jupiter.api.Test;

/**
 * The Params' docs agree with {@code --help}: every command-line option a Param's doc names, e.g.
 * "(--k)", is an option of the job the Estimator runs, and a Param restricted to "One of a, b, c."
 * lists only values the job's help names. Every Estimator of the package must be listed here.
 */
class ParamsAgreeWithHelpTest {
  private static final Pattern OPTION = Pattern.compile("--[a-z][a-z-]*");
  private static final Pattern ONE_OF = Pattern.compile("One of ([a-z0-9, -]+)\\.");

  /** Each Estimator and the command it runs. */
  private static Map<PipelineStage, String> estimators() {
    Map<PipelineStage, String> m = new LinkedHashMap<>();
    m.put(new TopEigenvector(), "eigen");
    m.put(new SketchedLinearRegression(), "regress");
    m.put(new TallSkinnyPCA(), "pca");
    m.put(new TallSkinnySVD(), "svd");
    m.put(new TallSkinnyQR(), "qr");
    m.put(new LeverageScores(), "leverage");
    m.put(new SubspaceClustering(), "cluster");
    m.put(new SpectrumAnalyzer(), "spectrum");
    return m;
  }

  @Test
  void everyOptionAParamNamesIsInTheJobsHelp() {
    for (Map.Entry<PipelineStage, String> e : estimators().entrySet()) {
      Cli help = cli(e.getValue(), "--help");
      assertEquals(0, help.code(), help.err());
      int named = 0;
      for (Param<?> p : e.getKey().params()) {
        String doc = p.doc();
        Matcher m = OPTION.matcher(doc);
        while (m.find()) {
          named++;
          assertTrue(help.out().contains(m.group()), e.getValue() + " --help has no " + m.group() + " (Param "
              + p.name() + ": " + doc + ")");
        }
        Matcher values = ONE_OF.matcher(doc);
        if (values.find() && !p.name().equals("badRows")) {
          for (String v : values.group(1).split(", ")) {
            assertTrue(help.out().contains(v), e.getValue() + " --help does not name '" + v + "', a value of Param "
                + p.name());
          }
        }
      }
      assertTrue(named >= 2, e.getKey().getClass().getSimpleName() + "'s Params name too few options: " + named);
    }
  }

  /** A new Estimator in the package must be added to {@link #estimators()}. */
  @Test
  void everyEstimatorOfThePackageIsChecked() throws IOException, URISyntaxException {
    Path dir = Path.of(TopEigenvector.class.getResource("TopEigenvector.class").toURI()).getParent();
    TreeSet<String> found = new TreeSet<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList()) {
        String name = f.getFileName().toString().replace(".class", "");
        Class<?> c;
        try {
          c = Class.forName("dev.randnla.ml." + name);
        } catch (ClassNotFoundException ex) {
          throw new IllegalStateException(ex);
        }
        if (org.apache.spark.ml.Estimator.class.isAssignableFrom(c) && !java.lang.reflect.Modifier.isAbstract(c.getModifiers())) {
          found.add(name);
        }
      }
    }
    TreeSet<String> listed = new TreeSet<>(estimators().keySet().stream().map(s -> s.getClass().getSimpleName()).toList());
    assertEquals(found, listed);
    assertTrue(found.containsAll(List.of("TopEigenvector", "SketchedLinearRegression", "TallSkinnyPCA")), found.toString());
  }
}
