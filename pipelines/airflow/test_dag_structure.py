"""Structural test of the generated Airflow DAG, standard library only (Airflow itself is not installed here).

Checks that hrdd_pipeline.py compiles, that its task ids and `a >> b` dependencies equal the steps and `after:` lists
of ../pipeline.yaml, that retries and execution timeouts match, that the DAG run has its timeout and fires
start_delay_days after the quarter ends, that exit codes 2 and 3 are not retried, that Java options never replace the
cluster's extraJavaOptions and --packages and extra Spark settings come from Variables, that .airflowignore keeps this
file out of the DAG folder's parse, and that the module does no work at parse time beyond imports, constants, the
operator subclass and the DAG definition. Run: python3 pipelines/airflow/test_dag_structure.py
"""
import ast
import py_compile
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DAG_FILE = HERE / "hrdd_pipeline.py"
SPEC_FILE = HERE.parent / "pipeline.yaml"


def spec_top(text, key):
    m = re.search(r"^" + key + r":\s*(\d+)\s*$", text, re.M)
    return int(m.group(1)) if m else None


def spec_steps(text):
    """Steps of pipeline.yaml: id -> after list, retries, timeout. A small reader for this file's own layout."""
    steps, current = {}, None
    defaults = {}
    for line in text.splitlines():
        for key in ("retries", "timeout_minutes"):
            m = re.match(r"^\s*" + key + r":\s*(\d+)", line)
            if m and current is None:
                defaults[key] = int(m.group(1))
        m = re.match(r"^\s*-\s*id:\s*([a-z_0-9]+)\s*$", line)
        if m:
            current = m.group(1)
            steps[current] = {"after": [], "retries": None, "timeout_minutes": None}
            continue
        if current is None:
            continue
        m = re.match(r"^\s*after:\s*\[(.*)\]\s*$", line)
        if m:
            steps[current]["after"] = [x.strip() for x in m.group(1).split(",") if x.strip()]
        for key in ("retries", "timeout_minutes"):
            m = re.match(r"^\s*" + key + r":\s*(\d+)", line)
            if m:
                steps[current][key] = int(m.group(1))
    for s in steps.values():
        for key in ("retries", "timeout_minutes"):
            if s[key] is None:
                s[key] = defaults.get(key)
    return steps


def timedelta_minutes(node):
    """Minutes of a `timedelta(minutes=N)` or `timedelta(hours=N)` call, else None."""
    if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "timedelta"):
        return None
    kw = {k.arg: k.value.value for k in node.keywords}
    return kw.get("minutes", 0) + 60 * kw.get("hours", 0)


def constants(tree):
    """Top-level NAME = <literal> assignments (strings, tuples, dicts of strings)."""
    out = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            if isinstance(node.value, ast.Dict):  # values may name another constant
                out[node.targets[0].id] = {ast.literal_eval(k): (v.id if isinstance(v, ast.Name) else ast.literal_eval(v))
                                           for k, v in zip(node.value.keys, node.value.values)}
                continue
            try:
                out[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                pass
    return out


def operator_classes(tree):
    """Names of the classes defined at top level that subclass SparkSubmitOperator."""
    return {n.name for n in tree.body if isinstance(n, ast.ClassDef)
            and any(getattr(b, "id", None) == "SparkSubmitOperator" for b in n.bases)}


def dag_structure(tree):
    tasks, edges = {}, set()
    operators = operator_classes(tree) | {"SparkSubmitOperator"}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in operators:
            kw = {k.arg: k.value for k in node.keywords}
            task_id = kw["task_id"].value
            tasks[task_id] = {"retries": kw["retries"].value, "java_class": kw["java_class"].value,
                              "operator": node.func.id,
                              "timeout": timedelta_minutes(kw.get("execution_timeout")),
                              "conf": getattr(kw.get("conf"), "id", None),
                              "packages": getattr(kw.get("packages"), "id", None),
                              "env_vars": getattr(kw.get("env_vars"), "id", None)}
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.RShift):
            edges.add((node.left.id, node.right.id))
    return tasks, edges


def top_level_is_declarative(tree):
    allowed = (ast.Import, ast.ImportFrom, ast.Assign, ast.With, ast.Expr, ast.ClassDef)
    for node in tree.body:
        if not isinstance(node, allowed):
            return False, type(node).__name__
        if isinstance(node, ast.Expr) and not isinstance(node.value, ast.Constant):
            return False, "expression statement"
    return True, None


def dag_settings(tree, spec_text):
    """DAG-level checks: run timeout, schedule with the start delay, no retry on 2 and 3, Variables for the settings."""
    errors = []
    c = constants(tree)
    dag_kw = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "DAG":
            dag_kw = {k.arg: k.value for k in node.keywords}
    hours = spec_top(spec_text, "run_timeout_hours")
    if timedelta_minutes(dag_kw.get("dagrun_timeout")) != 60 * hours:
        errors.append(f"dagrun_timeout is not run_timeout_hours {hours}")
    delay = spec_top(spec_text, "start_delay_days")
    expected = "@quarterly" if delay == 0 else f"0 0 {1 + delay} 1,4,7,10 *"
    if getattr(dag_kw.get("schedule"), "value", None) != expected:
        errors.append(f"schedule is not {expected!r} (start_delay_days {delay})")
    if c.get("NO_RETRY_EXIT_CODES") != (2, 3):
        errors.append(f"NO_RETRY_EXIT_CODES is {c.get('NO_RETRY_EXIT_CODES')}, not (2, 3)")
    source = ast.unparse(tree) if hasattr(ast, "unparse") else ""
    if "AirflowFailException" not in source or "Error code is: {code}." not in source:
        errors.append("the operator does not turn exit codes 2 and 3 into AirflowFailException")
    conf = c.get("SPARK_CONF", {})
    if any("extraJavaOptions" in k for k in conf):
        errors.append("SPARK_CONF sets extraJavaOptions, which replaces the cluster's own")
    if set(conf) != {"spark.driver.defaultJavaOptions", "spark.executor.defaultJavaOptions"}:
        errors.append(f"SPARK_CONF keys {sorted(conf)}")
    for name, variable in (("JAVA_OPTIONS", "hrdd_java_options"), ("PACKAGES", "hrdd_packages")):
        if f"var.value.get('{variable}'" not in str(c.get(name)):
            errors.append(f"{name} is not read from the Variable {variable}")
    if "var.value.get('hrdd_spark_conf'" not in str(c.get("ENV_VARS", {}).get("HRDD_SPARK_CONF")):
        errors.append("ENV_VARS does not pass the Variable hrdd_spark_conf as HRDD_SPARK_CONF")
    return errors


def main():
    py_compile.compile(str(DAG_FILE), doraise=True)
    tree = ast.parse(DAG_FILE.read_text(encoding="utf-8"))
    steps = spec_steps(SPEC_FILE.read_text(encoding="utf-8"))
    tasks, edges = dag_structure(tree)
    errors = []
    if set(tasks) != set(steps):
        errors.append(f"task ids {sorted(tasks)} != spec steps {sorted(steps)}")
    expected_edges = {(a, s) for s, v in steps.items() for a in v["after"]}
    if edges != expected_edges:
        errors.append(f"dependencies {sorted(edges)} != spec {sorted(expected_edges)}")
    for s, v in steps.items():
        if s in tasks and tasks[s]["retries"] != v["retries"]:
            errors.append(f"{s}: retries {tasks[s]['retries']} != spec {v['retries']}")
        if s in tasks and tasks[s]["java_class"] != "org.hrdd.cli.Hrdd":
            errors.append(f"{s}: java_class {tasks[s]['java_class']}")
        if s in tasks and tasks[s]["timeout"] != v["timeout_minutes"]:
            errors.append(f"{s}: execution_timeout {tasks[s]['timeout']} min != spec {v['timeout_minutes']}")
        if s in tasks and tasks[s]["operator"] == "SparkSubmitOperator":
            errors.append(f"{s}: plain SparkSubmitOperator retries exit codes 2 and 3")
        if s in tasks and (tasks[s]["conf"], tasks[s]["packages"], tasks[s]["env_vars"]) != ("SPARK_CONF", "PACKAGES", "ENV_VARS"):
            errors.append(f"{s}: conf/packages/env_vars are not SPARK_CONF/PACKAGES/ENV_VARS")
    errors += dag_settings(tree, SPEC_FILE.read_text(encoding="utf-8"))
    ignore = HERE / ".airflowignore"
    if not ignore.exists() or "test_dag_structure" not in ignore.read_text(encoding="utf-8"):
        errors.append(".airflowignore does not keep test_dag_structure.py out of the DAG folder's parse")
    ok, what = top_level_is_declarative(tree)
    if not ok:
        errors.append(f"top-level work in the DAG file: {what}")
    if errors:
        print("\n".join(errors))
        return 1
    print(f"ok: {len(tasks)} tasks, {len(edges)} dependencies match {SPEC_FILE.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
