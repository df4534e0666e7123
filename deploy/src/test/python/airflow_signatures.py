"""The constructor signatures of the Airflow classes randnla's DAG uses, written down from their source.

Airflow cannot be installed here (no PyPI), so the DAG tests check keyword arguments against these
lists instead of the real classes. Sources, in the apache/airflow repository:

* SparkSubmitOperator: apache-airflow-providers-apache-spark 6.3.2,
  providers/apache/spark/src/airflow/providers/apache/spark/operators/spark_submit.py
  (``SparkSubmitOperator.__init__`` and ``template_fields``; the 6.3.2 changelog entries #71531 and
  #71534 — ``durable`` named explicitly — are in the source read, commit 015d5de7).
* WebHdfsSensor: apache-airflow-providers-apache-hdfs,
  providers/apache/hdfs/src/airflow/providers/apache/hdfs/sensors/web_hdfs.py.
* BaseSensorOperator: task-sdk/src/airflow/sdk/bases/sensor.py (Airflow 3.x task SDK).
* BaseOperator: task-sdk/src/airflow/sdk/bases/operator.py (the keyword list of ``partial``/``__init__``).
* DAG: the Airflow 3.x ``DAG`` constructor (task-sdk/src/airflow/sdk/definitions/dag.py, commit 008a445f).

When upgrading the provider, re-read those files and update the lists; the test names the keyword
that no longer exists.
"""

# SparkSubmitOperator.__init__(self, *, ...) keyword-only parameters, in source order.
SPARK_SUBMIT_OPERATOR_PARAMS = (
    "application", "conf", "conn_id", "files", "py_files", "archives", "driver_class_path", "jars",
    "java_class", "packages", "exclude_packages", "repositories", "total_executor_cores", "executor_cores",
    "executor_memory", "driver_memory", "keytab", "principal", "proxy_user", "name", "num_executors",
    "status_poll_interval", "application_args", "env_vars", "verbose", "spark_binary", "properties_file",
    "yarn_queue", "deploy_mode", "use_krb5ccache", "post_submit_commands", "track_driver_via_k8s_api",
    "yarn_track_via_rm_api", "yarn_rm_auth", "openlineage_inject_parent_job_info",
    "openlineage_inject_transport_info", "reconnect_on_retry", "durable",
)

# SparkSubmitOperator.template_fields: rendered with Jinja when the task runs. java_class, conn_id and
# deploy_mode are NOT templated.
SPARK_SUBMIT_OPERATOR_TEMPLATE_FIELDS = (
    "application", "conf", "files", "py_files", "jars", "driver_class_path", "packages", "exclude_packages",
    "keytab", "principal", "proxy_user", "name", "application_args", "env_vars", "post_submit_commands",
    "properties_file",
)

# WebHdfsSensor.__init__(self, *, filepath, webhdfs_conn_id="webhdfs_default", **kwargs)
WEB_HDFS_SENSOR_PARAMS = ("filepath", "webhdfs_conn_id")
WEB_HDFS_SENSOR_REQUIRED = ("filepath",)
WEB_HDFS_SENSOR_TEMPLATE_FIELDS = ("filepath", "webhdfs_conn_id")

# BaseSensorOperator.__init__(self, *, ...) keyword-only parameters.
BASE_SENSOR_PARAMS = (
    "poke_interval", "timeout", "soft_fail", "mode", "exponential_backoff", "max_wait", "silent_fail",
    "never_fail",
)

# BaseOperator keyword parameters (every operator accepts them through **kwargs).
BASE_OPERATOR_PARAMS = (
    "task_id", "owner", "email", "email_on_retry", "email_on_failure", "retries", "retry_delay",
    "retry_exponential_backoff", "max_retry_delay", "retry_policy", "start_date", "end_date", "depends_on_past",
    "ignore_first_depends_on_past", "wait_for_past_depends_before_skipping", "wait_for_downstream", "dag",
    "params", "default_args", "priority_weight", "weight_rule", "queue", "pool", "pool_slots", "sla",
    "execution_timeout", "on_execute_callback", "on_failure_callback", "on_success_callback",
    "on_retry_callback", "on_skipped_callback", "pre_execute", "post_execute", "trigger_rule", "resources",
    "run_as_user", "max_active_tis_per_dag", "max_active_tis_per_dagrun", "executor", "executor_config",
    "do_xcom_push", "multiple_outputs", "inlets", "outlets", "task_group", "doc", "doc_md", "doc_json",
    "doc_yaml", "doc_rst", "task_display_name", "logger_name", "allow_nested_operators", "map_index_template",
)
BASE_OPERATOR_REQUIRED = ("task_id",)

# DAG(...) parameters: the attrs fields with init=True of airflow.sdk DAG (task-sdk/src/airflow/sdk/definitions/dag.py,
# commit 008a445f), in source order; `schedule` replaced schedule_interval in Airflow 3.
DAG_PARAMS = (
    "dag_id", "description", "default_args", "start_date", "end_date", "schedule", "template_searchpath",
    "template_undefined", "user_defined_macros", "user_defined_filters", "max_active_tasks", "max_active_runs",
    "max_consecutive_failed_dag_runs", "dagrun_timeout", "deadline", "sla_miss_callback", "catchup",
    "on_success_callback", "on_failure_callback", "doc_md", "params", "access_control", "is_paused_upon_creation",
    "jinja_environment_kwargs", "render_template_as_native_obj", "tags", "owner_links", "auto_register",
    "fail_fast", "dag_display_name", "task_group", "disable_bundle_versioning",
)
DAG_REQUIRED = ("dag_id",)

SPARK_SUBMIT_OPERATOR = {
    "params": set(SPARK_SUBMIT_OPERATOR_PARAMS) | set(BASE_OPERATOR_PARAMS),
    "required": set(BASE_OPERATOR_REQUIRED),
    "template_fields": SPARK_SUBMIT_OPERATOR_TEMPLATE_FIELDS,
}
WEB_HDFS_SENSOR = {
    "params": set(WEB_HDFS_SENSOR_PARAMS) | set(BASE_SENSOR_PARAMS) | set(BASE_OPERATOR_PARAMS),
    "required": set(WEB_HDFS_SENSOR_REQUIRED) | set(BASE_OPERATOR_REQUIRED),
    "template_fields": WEB_HDFS_SENSOR_TEMPLATE_FIELDS,
}
DAG = {"params": set(DAG_PARAMS), "required": set(DAG_REQUIRED), "template_fields": ()}

# The classes the DAG may use, by the name it imports them under, and their modules.
CLASSES = {
    "SparkSubmitOperator": ("airflow.providers.apache.spark.operators.spark_submit", SPARK_SUBMIT_OPERATOR),
    "WebHdfsSensor": ("airflow.providers.apache.hdfs.sensors.web_hdfs", WEB_HDFS_SENSOR),
    "DAG": ("airflow", DAG),
}
