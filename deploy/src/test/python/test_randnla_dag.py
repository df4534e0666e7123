"""Tests of conf/airflow/randnla_dag.py without Airflow (it cannot be installed here).

1. The DAG file is parsed with ``ast`` and every operator/DAG call's keyword arguments are checked
   against the real constructor signatures (airflow_signatures.py, written down from the provider
   source).
2. The file is imported with stub ``airflow`` modules in ``sys.modules`` whose classes accept exactly
   those keywords, so the DAG objects, their tasks and dependencies can be inspected.
3. Every templated field is rendered with Jinja2 ``StrictUndefined`` for sample logical dates, with
   the template context Airflow provides (``ds``, ``ds_nodash``, ``var``, ``conn``).
4. Every rendered randnla command line is checked by the job CLI itself: ``bin/randnla ... --dry-run``
   parses and validates the options, the input and the output without starting Spark. Tasks are
   checked in dependency order; after a task passes, its output is laid down (a small CSV and
   ``_SUCCESS``) the way the real job would leave it, so the next task's input check means
   "the task reads what an upstream task wrote".
"""
from __future__ import annotations

import ast
import importlib.util
import os
import re
import subprocess
import sys
import types
from pathlib import Path
from urllib.parse import urlparse

import jinja2
import pytest

import airflow_signatures as sig

ROOT = Path(__file__).resolve().parents[4]
DAG_FILE = ROOT / "conf" / "airflow" / "randnla_dag.py"
RANDNLA = ROOT / "bin" / "randnla"
SAMPLE_DAYS = ["2024-03-15", "2024-12-31"]
# The Spark connection ``spark_randnla`` as README documents it, to a standalone master or to YARN, by the
# extras the DAG's templates read (``conn.spark_randnla.extra_dejson``); the host (spark://MASTER or
# yarn) goes to spark-submit's --master, which the templates never see.
CONNECTIONS = {
    "standalone": {"spark_randnla": {"deploy-mode": "cluster", "rest-port": 6066, "executor-memory": "8g",
                                     "executor-cores": "4"}, "webhdfs_default": {}},
    "yarn": {"spark_randnla": {"deploy-mode": "cluster", "queue": "randnla", "executor-memory": "6g",
                               "executor-cores": "3", "driver-memory": "2g"}, "webhdfs_default": {}},
}
MEMORY = re.compile(r"^[0-9]+[kmgt]?$")


# ---------------------------------------------------------------------------------------------
# 1. ast: keyword arguments against the real signatures


def _calls(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None
            yield name, node


def _module_constants(tree):
    consts = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            if isinstance(node.value, ast.Constant):
                consts[node.targets[0].id] = node.value.value
    return consts


def test_every_operator_call_uses_only_keywords_of_the_real_signature():
    tree = ast.parse(DAG_FILE.read_text(), filename=str(DAG_FILE))
    consts = _module_constants(tree)
    seen = set()
    for name, call in _calls(tree):
        if name is None:
            continue
        if (name.endswith("Operator") or name.endswith("Sensor") or name == "DAG") and name not in sig.CLASSES:
            pytest.fail(f"line {call.lineno}: {name} has no recorded signature; add it to airflow_signatures.py")
        if name not in sig.CLASSES:
            continue
        seen.add(name)
        spec = sig.CLASSES[name][1]
        assert not call.args, f"line {call.lineno}: {name} takes keyword arguments only"
        keywords = [k.arg for k in call.keywords]
        assert None not in keywords, f"line {call.lineno}: {name}(**...) cannot be checked; name every argument"
        unknown = set(keywords) - spec["params"]
        assert not unknown, f"line {call.lineno}: {name} has no parameter(s) {sorted(unknown)}"
        missing = spec["required"] - set(keywords)
        assert not missing, f"line {call.lineno}: {name} needs {sorted(missing)}"
        if name == "SparkSubmitOperator":
            java_class = next(k.value for k in call.keywords if k.arg == "java_class")
            value = java_class.value if isinstance(java_class, ast.Constant) else consts.get(getattr(java_class, "id", None))
            assert value == "dev.randnla.jobs.Main", f"line {call.lineno}: java_class is {value!r}"
    assert {"SparkSubmitOperator", "WebHdfsSensor", "DAG"} <= seen


def test_no_path_or_seed_comes_from_the_clock():
    tree = ast.parse(DAG_FILE.read_text())
    for name, call in _calls(tree):
        assert name not in {"now", "utcnow", "today", "time", "time_ns"}, (
            f"line {call.lineno}: {name}() makes re-runs differ; use {{{{ ds }}}} templates")


# ---------------------------------------------------------------------------------------------
# 2. import with stub airflow modules


class _Task:
    SIGNATURE: dict = {}
    current_dag = None

    def __init__(self, **kwargs):
        cls = type(self).__name__
        unknown = set(kwargs) - self.SIGNATURE["params"]
        if unknown:
            raise TypeError(f"{cls}() got unexpected keyword argument(s) {sorted(unknown)}")
        missing = self.SIGNATURE["required"] - set(kwargs)
        if missing:
            raise TypeError(f"{cls}() missing required keyword argument(s) {sorted(missing)}")
        dag = kwargs.get("dag") or _Dag.current
        if dag is None:
            raise RuntimeError(f"{cls} {kwargs['task_id']} created outside a DAG")
        for key, value in dag.kwargs.get("default_args", {}).items():
            kwargs.setdefault(key, value)
        self.kwargs = kwargs
        self.task_id = kwargs["task_id"]
        self.dag = dag
        self.upstream = set()
        if self.task_id in dag.tasks:
            raise ValueError(f"duplicate task id {self.task_id} in {dag.dag_id}")
        dag.tasks[self.task_id] = self

    def __rshift__(self, other):
        other.upstream.add(self.task_id)
        return other

    def __lshift__(self, other):
        self.upstream.add(other.task_id)
        return other


class SparkSubmitOperator(_Task):
    SIGNATURE = sig.SPARK_SUBMIT_OPERATOR


class WebHdfsSensor(_Task):
    SIGNATURE = sig.WEB_HDFS_SENSOR


class _Dag:
    current = None

    def __init__(self, **kwargs):
        unknown = set(kwargs) - sig.DAG["params"]
        if unknown:
            raise TypeError(f"DAG() got unexpected keyword argument(s) {sorted(unknown)}")
        self.kwargs = kwargs
        self.dag_id = kwargs["dag_id"]
        self.tasks = {}

    def __enter__(self):
        _Dag.current = self
        return self

    def __exit__(self, *exc):
        _Dag.current = None


STUBS = {
    "airflow": {"DAG": _Dag},
    "airflow.providers": {},
    "airflow.providers.apache": {},
    "airflow.providers.apache.spark": {},
    "airflow.providers.apache.spark.operators": {},
    "airflow.providers.apache.spark.operators.spark_submit": {"SparkSubmitOperator": SparkSubmitOperator},
    "airflow.providers.apache.hdfs": {},
    "airflow.providers.apache.hdfs.sensors": {},
    "airflow.providers.apache.hdfs.sensors.web_hdfs": {"WebHdfsSensor": WebHdfsSensor},
}


@pytest.fixture(scope="module")
def dag_module():
    saved = {name: sys.modules.get(name) for name in STUBS}
    try:
        for name, attrs in STUBS.items():
            module = types.ModuleType(name)
            module.__path__ = []
            module.__dict__.update(attrs)
            sys.modules[name] = module
        spec = importlib.util.spec_from_file_location("randnla_dag_under_test", DAG_FILE)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield module
    finally:
        for name, old in saved.items():
            if old is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = old


def _dags(module):
    return {v.dag_id: v for v in vars(module).values() if isinstance(v, _Dag)}


def _in_order(dag):
    """Tasks in dependency order (fails on a cycle or an unknown upstream)."""
    done, order = set(), []
    pending = dict(dag.tasks)
    while pending:
        ready = [t for t in pending.values() if t.upstream <= done]
        assert ready, f"{dag.dag_id}: cycle or unknown upstream among {sorted(pending)}"
        for t in sorted(ready, key=lambda t: t.task_id):
            order.append(t)
            done.add(t.task_id)
            del pending[t.task_id]
    return order


def test_both_dags_build_every_pipeline_task(dag_module):
    dags = _dags(dag_module)
    assert set(dags) == {"randnla_daily", "randnla_synthetic"}
    assert isinstance(dags["randnla_daily"].tasks["source"], WebHdfsSensor)
    synthetic_source = dags["randnla_synthetic"].tasks["source"]
    assert isinstance(synthetic_source, SparkSubmitOperator)
    assert synthetic_source.kwargs["application_args"][0] == "generate"
    for dag in dags.values():
        expected = {"source"} | {spec["task_id"] for spec in dag_module.PIPELINE}
        assert set(dag.tasks) == expected, dag.dag_id
        for spec in dag_module.PIPELINE:
            task = dag.tasks[spec["task_id"]]
            assert task.upstream == set(spec["after"]), f"{dag.dag_id}.{task.task_id}"
            assert task.kwargs["application_args"][0] == spec["job"]
        _in_order(dag)
        assert dag.kwargs["catchup"] is False and dag.kwargs["schedule"] == "@daily"
        for key in dag.kwargs.get("default_args", {}):
            assert key in sig.BASE_OPERATOR_PARAMS, f"default_args key {key!r} is no operator parameter"


def test_regress_fits_the_coreset_leverage_samples(dag_module):
    for dag in _dags(dag_module).values():
        rendered = _rendered(dag, SAMPLE_DAYS[0], variables={})
        leverage = rendered["leverage"]["application_args"]
        regress = rendered["regress"]["application_args"]
        assert _option(leverage, "--sample"), f"{dag.dag_id}: leverage draws no sample"
        assert "leverage" in dag.tasks["regress"].upstream, dag.dag_id
        assert _option(regress, "--input") == [_option(leverage, "--output")[0] + "/coreset"], dag.dag_id
        # a CSV coreset's fields are id, weight, label, x0, ... (leverage's CoresetWriter): the label column moves
        # from the source's field 0 to field 2, the id is no matrix column, and the weight weighs the row
        assert _option(leverage, "--label-col") == ["0"], dag.dag_id
        assert (_option(regress, "--id-col"), _option(regress, "--weight-col"), _option(regress, "--label-col")) == (
            ["0"], ["1"], ["2"]), dag.dag_id
        assert not _option(regress, "--key-col"), f"{dag.dag_id}: the weight is no block key"


def test_lasso_fits_the_path_of_the_days_whole_matrix(dag_module):
    for dag in _dags(dag_module).values():
        rendered = _rendered(dag, SAMPLE_DAYS[0], variables={})
        lasso = rendered["lasso"]["application_args"]
        scan = rendered["scan"]["application_args"]
        assert lasso[0] == "regress" and "--lasso" in lasso, f"{dag.dag_id}: {lasso}"
        # the full matrix (not the coreset: the path's cross-validation folds need every row), after scan
        assert _option(lasso, "--input") == _option(scan, "--input"), dag.dag_id
        assert _option(lasso, "--label-col") == ["0"], dag.dag_id
        assert dag.tasks["lasso"].upstream == {"scan"}, dag.dag_id


# ---------------------------------------------------------------------------------------------
# 3. rendering with StrictUndefined


class _VariableValues:
    """``var.value``: Airflow Variables as text; ``get(key, default)`` falls back to the default."""

    def __init__(self, values):
        self._values = values

    def get(self, key, default_var=None):
        return self._values.get(key, default_var)

    def __getattr__(self, key):
        if key.startswith("_") or key not in self._values:
            raise KeyError(f"Variable {key} does not exist")
        return self._values[key]


class _Connections:
    """``conn.<id>``: a connection by id (an unknown id fails, as in Airflow)."""

    def __init__(self, extras):
        self._extras = extras

    def __getattr__(self, conn_id):
        if conn_id.startswith("_") or conn_id not in self._extras:
            raise KeyError(f"The conn_id `{conn_id}` isn't defined")
        return types.SimpleNamespace(conn_id=conn_id, extra_dejson=dict(self._extras[conn_id]))


def _render(value, env, context):
    if isinstance(value, str):
        return env.from_string(value).render(**context)
    if isinstance(value, (list, tuple)):
        return type(value)(_render(v, env, context) for v in value)
    if isinstance(value, dict):
        return {k: _render(v, env, context) for k, v in value.items()}
    return value


def _rendered(dag, ds, variables, extras=None):
    """Every task's template fields rendered for logical date ds: {task_id: {field: value}}."""
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    conns = _Connections(extras if extras is not None else {"spark_randnla": {}, "webhdfs_default": {}})
    out = {}
    for task in _in_order(dag):
        context = {"ds": ds, "ds_nodash": ds.replace("-", ""), "dag": dag, "task": task, "params": {},
                   "var": {"value": _VariableValues(variables)}, "conn": conns}
        fields = type(task).SIGNATURE["template_fields"]
        out[task.task_id] = {f: _render(task.kwargs[f], env, context) for f in fields if f in task.kwargs}
    return out


def _flatten(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from _flatten(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _flatten(v)
    else:
        yield value


def _option(args, name):
    return [args[i + 1] for i, a in enumerate(args[:-1]) if a == name]


@pytest.mark.parametrize("connection", sorted(CONNECTIONS))
def test_templates_render_strictly_and_every_day_has_its_own_paths(dag_module, connection):
    defaults = _spark_defaults()
    extra = CONNECTIONS[connection]["spark_randnla"]
    for dag in _dags(dag_module).values():
        per_day = {}
        for ds in SAMPLE_DAYS:
            rendered = _rendered(dag, ds, variables={}, extras=CONNECTIONS[connection])
            for task_id, fields in rendered.items():
                for v in _flatten(fields):
                    assert "{{" not in str(v) and "{%" not in str(v), f"{dag.dag_id}.{task_id}: unrendered {v!r}"
                if "application_args" not in fields:
                    continue
                args = fields["application_args"]
                assert "--overwrite" in args, f"{dag.dag_id}.{task_id}: re-runs need --overwrite"
                assert _option(args, "--seed") == [ds.replace("-", "")], f"{dag.dag_id}.{task_id}: seed of the day"
                for out in _option(args, "--output"):
                    assert ds.replace("-", "") in out, f"{dag.dag_id}.{task_id}: output {out} is not the day's"
                conf = fields["conf"]
                for key in ("spark.executor.memory", "spark.driver.memory"):
                    assert MEMORY.match(conf[key]), f"{dag.dag_id}.{task_id}: {key}={conf[key]!r}"
                assert conf["spark.executor.memory"] == extra["executor-memory"], f"{dag.dag_id}.{task_id}"
                # on YARN a failed job must fail the task at once: Airflow's retries are the only retries
                assert conf["spark.yarn.maxAppAttempts"] == "1", f"{dag.dag_id}.{task_id}"
                for key, value in conf.items():
                    if key in defaults:
                        assert value == defaults[key], f"{key} differs from conf/spark-defaults.conf"
                assert fields["application"] == "/opt/randnla/randnla-jobs-0.1.0.jar"
                assert args[0] in fields["name"] and ds.replace("-", "") in fields["name"]
            per_day[ds] = rendered
        a, b = (per_day[ds] for ds in SAMPLE_DAYS)
        for task_id in a:
            assert a[task_id] != b[task_id], f"{dag.dag_id}.{task_id} renders the same for two days"


def test_sizes_come_from_the_spark_connection(dag_module):
    dag = _dags(dag_module)["randnla_synthetic"]
    extras = {"spark_randnla": {"executor-memory": "16g", "executor-cores": "8", "driver-memory": "6g"},
              "webhdfs_default": {}}
    conf = _rendered(dag, SAMPLE_DAYS[0], {}, extras)["scan"]["conf"]
    assert (conf["spark.executor.memory"], conf["spark.executor.cores"], conf["spark.driver.memory"]) == ("16g", "8", "6g")
    with pytest.raises(KeyError):
        _rendered(dag, SAMPLE_DAYS[0], {}, {"webhdfs_default": {}})


# ---------------------------------------------------------------------------------------------
# 4. the rendered command lines through the job CLI (--dry-run)


def _jar():
    jar = os.environ.get("RANDNLA_JAR")
    if jar:
        return Path(jar)
    found = [p for p in (ROOT / "jobs" / "target").glob("randnla-jobs-*.jar") if not p.name.startswith("original-")]
    assert found, "no jobs/target/randnla-jobs-*.jar: run mvn -B verify (or package) first"
    return found[0]


def _dry_run(args):
    env = dict(os.environ, SPARK_LOCAL_IP="127.0.0.1", RANDNLA_DRIVER_MEMORY="512m")
    return subprocess.run([str(RANDNLA), *args, "--dry-run"], env=env, capture_output=True, text=True, timeout=300)


def _lay_down_output(uri, read_later=()):
    """What a finished job leaves: a directory with a data file and _SUCCESS last; likewise every
    subdirectory of it in read_later (e.g. leverage's coreset/, read by regress)."""
    for u in [uri, *(r for r in read_later if r.startswith(uri + "/"))]:
        path = Path(urlparse(u).path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "part-00000.csv").write_text("1,2,3,4\n5,6,7,8\n")
        (path / "_SUCCESS").write_text("")


def _ancestors(dag, task):
    """The tasks task runs after, directly or not."""
    seen, todo = set(), list(task.upstream)
    while todo:
        t = todo.pop()
        if t not in seen:
            seen.add(t)
            todo.extend(dag.tasks[t].upstream)
    return seen


def _check_dag_with_the_cli(dag, ds, tmp_path, lay_down_sensor_input=True, connection="standalone"):
    """Runs every task's rendered command line with --dry-run in dependency order; returns the failures."""
    variables = {"randnla_jar": str(_jar()), "randnla_fs": "file://",
                 "randnla_incoming": str(tmp_path / "incoming"), "randnla_root": str(tmp_path / "runs")}
    rendered = _rendered(dag, ds, variables, CONNECTIONS[connection])
    read = [i for f in rendered.values() for i in _option(f.get("application_args", []), "--input")]
    produced = {}
    failures = []
    for task in _in_order(dag):
        fields = rendered[task.task_id]
        if isinstance(task, WebHdfsSensor):
            marker = Path(fields["filepath"])
            assert marker.name == "_SUCCESS" and ds in str(marker)
            produced[task.task_id] = "file://" + str(marker.parent)
            if lay_down_sensor_input:
                _lay_down_output(produced[task.task_id], read)
            continue
        assert Path(fields["application"]).is_file(), f"{task.task_id}: application {fields['application']}"
        args = fields["application_args"]
        upstream_outputs = {produced[u] for u in _ancestors(dag, task) if u in produced}
        for source in _option(args, "--input"):
            assert any(source == o or source.startswith(o + "/") for o in upstream_outputs), (
                f"{dag.dag_id}.{task.task_id} reads {source}, which no task it runs after writes ({upstream_outputs})")
        outputs = _option(args, "--output")
        assert len(outputs) == 1, f"{task.task_id}: one --output"
        produced[task.task_id] = outputs[0]
        result = _dry_run(args)
        if result.returncode != 0:
            failures.append((task.task_id, result.returncode, result.stderr))
            continue
        assert "--dry-run: the options are valid" in result.stdout, result.stdout
        _lay_down_output(outputs[0], read)
    return failures


@pytest.mark.parametrize("connection", sorted(CONNECTIONS))
@pytest.mark.parametrize("dag_id", ["randnla_synthetic", "randnla_daily"])
def test_every_rendered_command_line_passes_the_job_cli(dag_module, dag_id, connection, tmp_path):
    failures = _check_dag_with_the_cli(_dags(dag_module)[dag_id], SAMPLE_DAYS[0], tmp_path, connection=connection)
    assert not failures, "\n".join(f"{t}: exit {c}\n{err}" for t, c, err in failures)


def test_the_cli_check_catches_a_missing_input(dag_module, tmp_path):
    failures = _check_dag_with_the_cli(_dags(dag_module)["randnla_daily"], SAMPLE_DAYS[0], tmp_path,
                                       lay_down_sensor_input=False)
    # every task reads the day's input or what a task reading it writes: all fail, none runs Spark
    tasks = sorted(spec["task_id"] for spec in dag_module.PIPELINE)
    assert sorted((t, c) for t, c, _ in failures) == [(t, 3) for t in tasks], failures
    assert all("input not found" in err for _, _, err in failures), failures


def test_the_cli_check_catches_a_bad_option(tmp_path):
    result = _dry_run(["scan", "--input", str(tmp_path), "--output", str(tmp_path / "o"), "--min-partitions", "-1"])
    assert result.returncode == 2, result.stderr
    assert "--min-partitions must be non-negative" in result.stderr


def _spark_defaults():
    conf = {}
    for line in (ROOT / "conf" / "spark-defaults.conf").read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition(" ")
            conf[key] = value.strip()
    return conf
