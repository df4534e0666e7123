"""randnla on a schedule: Airflow DAGs that run randnla's Spark jobs every day through spark-submit.

Two DAGs are built from one table of tasks (PIPELINE below):

* ``randnla_daily`` waits for the day's input matrix on HDFS (``<incoming>/<ds>/_SUCCESS``, written last
  by whatever produces it), then runs the pipeline on it.
* ``randnla_synthetic`` generates the day's matrix, with exactly known answers, instead of waiting:
  a daily end-to-end check of the cluster, the jar and the DAG.

The pipeline: source → scan → eigen, leverage (a coreset sample) → regress on the sample, the Lasso
path with its cross-validated sparse fit, and cluster.

Setup (README, section "Airflow"):

* ``apache-airflow-providers-apache-spark`` (the ``pyspark`` extra is not needed: the tasks call the
  ``spark-submit`` of a Spark 4.2 installation on the worker's PATH) and ``apache-airflow-providers-apache-hdfs``.
* Connection ``spark_randnla`` (type Spark), to a standalone master: host ``spark://MASTER``, port 7077;
  extra, for example ``{"deploy-mode": "cluster", "rest-port": 6066, "executor-memory": "8g",
  "executor-cores": "4"}``. In cluster mode Airflow polls the driver's state over the master's REST
  port; anything but FINISHED fails the task. Or to YARN: host ``yarn`` (no port; spark-submit finds
  the ResourceManager through ``HADOOP_CONF_DIR`` on the worker); extra, for example
  ``{"deploy-mode": "cluster", "queue": "randnla", "executor-memory": "8g", "executor-cores": "4"}``.
  spark-submit then waits for the application and exits non-zero unless it SUCCEEDED, which fails
  the task. The ``executor-*``/``driver-memory`` keys size the jobs (read below).
* Connection ``webhdfs_default`` for the sensor.
* Variables (all optional): ``randnla_jar`` (where executors and the driver can read the jar, e.g.
  ``hdfs:///apps/randnla/randnla-jobs-0.1.0.jar``), ``randnla_fs`` (file system prefix, default
  ``hdfs://``), ``randnla_incoming`` and ``randnla_root`` (paths on it).

Re-runs are safe: every path comes from the run's logical date (``{{ ds }}``, ``{{ ds_nodash }}``),
never from the clock; every job writes with ``--overwrite``, atomically, ``_SUCCESS`` last; and
``--seed {{ ds_nodash }}`` makes the day's random choices the same on every run of that day.
Variables and connections are read when a task runs (in templates), not when the file is parsed.

Validate the rendered command lines without a cluster: ``bin/randnla JOB ARGS... --dry-run``.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from airflow import DAG
from airflow.providers.apache.hdfs.sensors.web_hdfs import WebHdfsSensor
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

SPARK_CONN_ID = "spark_randnla"
WEBHDFS_CONN_ID = "webhdfs_default"
JAVA_CLASS = "dev.randnla.jobs.Main"

JAR = "{{ var.value.get('randnla_jar', '/opt/randnla/randnla-jobs-0.1.0.jar') }}"
FS = "{{ var.value.get('randnla_fs', 'hdfs://') }}"
INCOMING_PATH = "{{ var.value.get('randnla_incoming', '/data/randnla/incoming') }}/{{ ds }}"
RUN = FS + "{{ var.value.get('randnla_root', '/data/randnla/runs') }}/{{ ds_nodash }}"

# What the jobs are tuned for (the same values as conf/spark-defaults.conf), and sizes from the
# connection's extra so they change without editing the DAG.
_EXTRA = "conn." + SPARK_CONN_ID + ".extra_dejson"
SPARK_CONF = {
    "spark.serializer": "org.apache.spark.serializer.KryoSerializer",
    "spark.driver.maxResultSize": "2g",
    "spark.executorEnv.OPENBLAS_NUM_THREADS": "1",
    "spark.ui.showConsoleProgress": "false",
    # YARN: one application attempt. Otherwise a failed job is run again by YARN inside the same task
    # (twice the time, and a failure on the first attempt is hidden); Airflow's retries are the retries.
    "spark.yarn.maxAppAttempts": "1",
    "spark.executor.memory": "{{ " + _EXTRA + ".get('executor-memory', '4g') }}",
    "spark.executor.cores": "{{ " + _EXTRA + ".get('executor-cores', '4') }}",
    "spark.driver.memory": "{{ " + _EXTRA + ".get('driver-memory', '4g') }}",
}

# The day's matrix: "{source}" in PIPELINE's arguments stands for it.
SOURCE = "{source}"

# randnla_synthetic's first task: the day's matrix with known answers (truth.json beside the data).
GENERATE = {
    "task_id": "source",
    "job": "generate",
    "args": ["--kind", "regression", "--rows", "2000000", "--cols", "50", "--partitions", "64",
             "--output", RUN + "/generate"],
}

# The pipeline after the source, in order: one entry per task (randnla job, its arguments, the tasks
# it runs after). Every task also gets --overwrite and --seed {{ ds_nodash }}. Add a job with one entry.
# The day's matrix is a regression problem: its first column is the response b (--label-col 0), the
# rest is A. scan reads it first: malformed rows fail it (exit code 3) and nothing else runs that day.
# leverage draws a coreset of about 20000 rows by leverage score, written in the input's format: each
# kept row as read with its id and weight 1/q; for CSV the fields are id, weight, label, x0, ...; regress
# fits the weighted least-squares problem of the coreset, with the id as --id-col, the weight as
# --weight-col and the label as --label-col. lasso fits the whole Lasso path of the full matrix from one
# pass (the R factor and 5 cross-validation folds keyed by row), the sparse model chosen by CV error.
PIPELINE = [
    {"task_id": "scan", "job": "scan", "after": ["source"],
     "args": ["--input", SOURCE, "--label-col", "0", "--output", RUN + "/scan"]},
    {"task_id": "eigen", "job": "eigen", "after": ["scan"],
     "args": ["--input", SOURCE, "--label-col", "0", "--verify", "--output", RUN + "/eigen"]},
    {"task_id": "leverage", "job": "leverage", "after": ["scan"],
     "args": ["--input", SOURCE, "--label-col", "0", "--sample", "20000", "--output", RUN + "/leverage"]},
    {"task_id": "regress", "job": "regress", "after": ["leverage"],
     "args": ["--input", RUN + "/leverage/coreset", "--id-col", "0", "--weight-col", "1", "--label-col", "2",
              "--solver", "exact", "--output", RUN + "/regress"]},
    {"task_id": "lasso", "job": "regress", "after": ["scan"],
     "args": ["--input", SOURCE, "--label-col", "0", "--lasso", "--output", RUN + "/lasso"]},
    {"task_id": "cluster", "job": "cluster", "after": ["scan"],
     "args": ["--input", SOURCE, "--label-col", "0", "--block-by", "file", "--rank", "20", "--eps", "0.05",
              "--output", RUN + "/cluster"]},
]

DEFAULT_ARGS = {
    "owner": "randnla",
    "retries": 2,
    "retry_delay": timedelta(minutes=10),
}


def randnla_task(spec: dict, source: str) -> SparkSubmitOperator:
    """A SparkSubmitOperator running one randnla job: spark-submit --class dev.randnla.jobs.Main JAR JOB ARGS."""
    args = [a.replace(SOURCE, source) for a in spec["args"]]
    return SparkSubmitOperator(
        task_id=spec["task_id"],
        conn_id=SPARK_CONN_ID,
        application=JAR,
        java_class=JAVA_CLASS,
        name="randnla-" + spec["job"] + "-{{ ds_nodash }}",
        conf=SPARK_CONF,
        application_args=[spec["job"], *args, "--overwrite", "--seed", "{{ ds_nodash }}"],
        execution_timeout=timedelta(hours=6),
    )


def incoming_sensor() -> WebHdfsSensor:
    """Waits (without holding a worker slot) for the producer's _SUCCESS marker of the day's input."""
    return WebHdfsSensor(
        task_id="source",
        filepath=INCOMING_PATH + "/_SUCCESS",
        webhdfs_conn_id=WEBHDFS_CONN_ID,
        mode="reschedule",
        poke_interval=600,
        timeout=18 * 3600,
    )


def build_dag(dag_id: str, description: str, source_task, source_path: str) -> DAG:
    """One daily DAG: the source task, then PIPELINE on source_path."""
    with DAG(
        dag_id=dag_id,
        description=description,
        schedule="@daily",
        start_date=datetime(2025, 1, 1),
        catchup=False,
        max_active_runs=1,
        default_args=DEFAULT_ARGS,
        tags=["randnla"],
        doc_md=__doc__,
    ) as dag:
        tasks = {"source": source_task()}
        for spec in PIPELINE:
            tasks[spec["task_id"]] = randnla_task(spec, source_path)
        for spec in PIPELINE:
            for upstream in spec["after"]:
                tasks[upstream] >> tasks[spec["task_id"]]
    return dag


randnla_daily = build_dag(
    "randnla_daily",
    "randnla jobs on the day's input matrix from HDFS",
    incoming_sensor,
    FS + INCOMING_PATH,
)

randnla_synthetic = build_dag(
    "randnla_synthetic",
    "randnla jobs on a generated matrix with known answers (a daily end-to-end check)",
    lambda: randnla_task(GENERATE, ""),
    RUN + "/generate",
)
