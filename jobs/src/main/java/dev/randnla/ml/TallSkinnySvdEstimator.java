package dev.randnla.ml;

import dev.randnla.io.CliEnums;
import dev.randnla.ml.SharedParams.HasMethod;
import dev.randnla.spark.TallSkinnySvd;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;

/**
 * What {@link TallSkinnySVD} and {@link TallSkinnyPCA} share: both run the tall-skinny SVD
 * ({@link TallSkinnySvd}, of A or of the centred A) by {@code method} tsqr or gram, keep {@code k} right
 * singular vectors (unset: all d, the CLI's default) and their models add the projection on them as
 * {@code outputCol}. Public because Spark ML finds Params by reflection.
 *
 * @param <M> the model a fit returns
 * @param <E> the concrete Estimator (setters return it)
 */
public abstract class TallSkinnySvdEstimator<M extends Model<M>, E extends TallSkinnySvdEstimator<M, E>>
    extends RowMapEstimator<M, E> implements HasMethod<E> {
  private static final long serialVersionUID = 1L;

  private final IntParam k;
  private final Param<String> method;

  /**
   * @param vectors what the k vectors are, for the docs ("principal components")
   * @param methodDoc the doc of {@code method}, as the job's --help gives it
   */
  TallSkinnySvdEstimator(String uid, String vectors, String methodDoc, String defaultOutputCol) {
    super(uid, "the projection on the k " + vectors + ".", defaultOutputCol);
    k = new IntParam(this, "k", capitalized(vectors) + " kept (--k); unset: all d.", ParamValidators.gtEq(1));
    method = MlSupport.choice(this, "method", methodDoc + " (--method).", TallSkinnySvd.Method.class);
    setDefault(method, TallSkinnySvd.Method.TSQR.cliName());
  }

  private static String capitalized(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  // the Params (with featuresCol, outputCol and badRows): Spark ML lists them by reflection (public, no arguments)
  public IntParam k() { return k; }
  public Param<String> method() { return method; }

  /** k, or null when unset (all d). */
  public Integer getK() { return isDefined(k) ? (Integer) getOrDefault(k) : null; }

  public E setK(int value) { set(k, value); return self(); }

  /** The method as the job's config takes it. */
  TallSkinnySvd.Method parsedMethod() {
    return CliEnums.parse(TallSkinnySvd.Method.class, "method", getMethod());
  }
}
