package dev.randnla.spark;

import dev.randnla.linalg.Matrix;
import dev.randnla.sketch.GramProductSketch;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * The distributed Gram operator X ↦ AᵀA·X (or the centred (A − 1μᵀ)ᵀ(A − 1μᵀ)·X): one pass per
 * product, X broadcast once (d·k doubles), only d×k partial products travel back. The building
 * block of power iteration, block Krylov and stochastic Lanczos quadrature for large d, where the
 * d×d Gram would not fit.
 */
public final class GramProducts {
  private GramProducts() {}

  /** One pass: AᵀA·X with column sums and row count. */
  public static GramProductSketch.Result multiply(MatrixInput input, Matrix x, String description) {
    if (x.rows() != input.cols()) {
      throw new IllegalArgumentException("X has " + x.rows() + " rows, the input has " + input.cols() + " columns");
    }
    long bytes = Resources.denseBytes(x.rows(), x.cols());
    Resources.requireDriver(input.spark().sparkContext(), "the Gram product A^T A X", 3 * bytes,
        "use a smaller block size k");
    Broadcast<Matrix> bx = new JavaSparkContext(input.spark().sparkContext()).broadcast(x);
    try {
      PartitionResult<GramProductSketch> r = SketchPass.aggregate(input, () -> new GramProductSketch(bx.value()),
          bytes + 8L * x.rows() + 64, description);
      return r.value().withX(x).result();
    } finally {
      bx.destroy();
    }
  }
}
