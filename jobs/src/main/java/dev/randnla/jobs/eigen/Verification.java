package dev.randnla.jobs.eigen;

import dev.randnla.linalg.Matrix;
import dev.randnla.linalg.Vectors;
import dev.randnla.sketch.GramProductSketch;
import dev.randnla.spark.GramProducts;
import dev.randnla.spark.JobRun;
import dev.randnla.spark.MatrixInput;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code --verify} (docs/algorithms.md, eigen --verify): one more pass computes AᵀA·Z for the answer Z (centred
 * when --center) and reports, per column z with estimate λ̂, the relative residual
 * ‖AᵀAz − λ̂z‖/λ̂, the Rayleigh quotient ρ = zᵀAᵀAz and the residual at ρ, ‖AᵀAz − ρz‖/ρ
 * (the smallest residual any eigenvalue estimate can give for this z).
 */
final class Verification {
  private Verification() {}

  /** @return the largest relative residual */
  static double run(JobRun run, MatrixInput input, EigenConfig config, EigenAnswer answer) {
    Matrix z = answer.vectors();
    GramProductSketch.Result r = run.stage("verify", () -> GramProducts.multiply(input, z, "eigen: verify"));
    Matrix az = config.center() ? r.centered() : r.product();
    int k = z.cols();
    double[] rayleigh = new double[k];
    double[] residual = new double[k];
    double[] atRayleigh = new double[k];
    double worst = 0;
    for (int j = 0; j < k; j++) {
      double[] zj = z.column(j);
      double[] azj = az.column(j);
      rayleigh[j] = Vectors.dot(zj, azj);
      residual[j] = relative(azj, zj, answer.values()[j]);
      atRayleigh[j] = relative(azj, zj, rayleigh[j]);
      worst = Math.max(worst, residual[j]);
    }
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("rayleighQuotients", rayleigh);
    v.put("relativeResiduals", residual);
    v.put("relativeResidualsAtRayleighQuotient", atRayleigh);
    run.summary().result("rayleighQuotient", rayleigh[0]);
    run.summary().result("verifiedResidual", worst);
    run.summary().result("verification", clean(v));
    return worst;
  }

  /** ‖Sz − λz‖/|λ|; the absolute residual when λ = 0. */
  static double relative(double[] sz, double[] z, double lambda) {
    double[] r = sz.clone();
    Vectors.axpy(-lambda, z, r);
    double norm = Vectors.norm2(r);
    return lambda == 0 ? norm : norm / Math.abs(lambda);
  }

  private static Map<String, Object> clean(Map<String, Object> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((key, val) -> {
      if (val instanceof double[] a) {
        java.util.List<Object> l = new java.util.ArrayList<>();
        for (double x : a) {
          l.add(Double.isFinite(x) ? (Object) x : (Object) Double.toString(x));
        }
        out.put(key, l);
      } else {
        out.put(key, val);
      }
    });
    return out;
  }
}
