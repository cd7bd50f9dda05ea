"""Structural test of the generated Airflow DAG, standard library only (Airflow itself is not installed here).

Checks that hrdd_pipeline.py compiles, that its SparkSubmitOperator task ids and `a >> b` dependencies equal the steps
and `after:` lists of ../pipeline.yaml, that retries match, and that the module does no work at parse time beyond
imports, constants and the DAG definition. Run: python3 pipelines/airflow/test_dag_structure.py
"""
import ast
import py_compile
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DAG_FILE = HERE / "hrdd_pipeline.py"
SPEC_FILE = HERE.parent / "pipeline.yaml"


def spec_steps(text):
    """Steps of pipeline.yaml: id -> (after list, retries or None). A small reader for this file's own layout."""
    steps, current = {}, None
    default_retries = None
    for line in text.splitlines():
        m = re.match(r"^\s*retries:\s*(\d+)", line)
        if m and current is None:
            default_retries = int(m.group(1))
        m = re.match(r"^\s*-\s*id:\s*([a-z_0-9]+)\s*$", line)
        if m:
            current = m.group(1)
            steps[current] = {"after": [], "retries": None}
            continue
        if current is None:
            continue
        m = re.match(r"^\s*after:\s*\[(.*)\]\s*$", line)
        if m:
            steps[current]["after"] = [x.strip() for x in m.group(1).split(",") if x.strip()]
        m = re.match(r"^\s*retries:\s*(\d+)", line)
        if m:
            steps[current]["retries"] = int(m.group(1))
    for s in steps.values():
        if s["retries"] is None:
            s["retries"] = default_retries
    return steps


def dag_structure(tree):
    tasks, edges = {}, set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "SparkSubmitOperator":
            kw = {k.arg: k.value for k in node.keywords}
            task_id = kw["task_id"].value
            tasks[task_id] = {"retries": kw["retries"].value, "java_class": kw["java_class"].value}
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.RShift):
            edges.add((node.left.id, node.right.id))
    return tasks, edges


def top_level_is_declarative(tree):
    allowed = (ast.Import, ast.ImportFrom, ast.Assign, ast.With, ast.Expr)
    for node in tree.body:
        if not isinstance(node, allowed):
            return False, type(node).__name__
        if isinstance(node, ast.Expr) and not isinstance(node.value, ast.Constant):
            return False, "expression statement"
    return True, None


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
