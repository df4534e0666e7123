package dev.randnla.jobs.eigen;

import dev.randnla.linalg.Matrix;
import java.util.List;
import java.util.Map;

/**
 * What {@code eigen} found (the Java API's return value; the same numbers are in summary.json).
 *
 * @param method the method that ran (auto resolved)
 * @param methodReason why auto chose it (or "requested")
 * @param eigenvalues the top k eigenvalue estimates of AᵀA (or of the centred cross-product)
 * @param eigenvectors d×k estimates, orthonormal columns, each with its largest-magnitude entry positive
 * @param passes full reads of the input, as counted
 * @param seconds wall time from opening the input to committing the output
 * @param result the summary's result section
 * @param warnings the summary's warnings
 * @param summaryJson the whole summary (what summary.json holds, written or not)
 */
public record EigenResult(EigenMethod method, String methodReason, double[] eigenvalues, Matrix eigenvectors,
    double passes, double seconds, Map<String, Object> result, List<String> warnings, String summaryJson) {

  /** The top eigenvector. */
  public double[] topEigenvector() {
    return eigenvectors.column(0);
  }

  /** The top eigenvalue. */
  public double topEigenvalue() {
    return eigenvalues[0];
  }
}
