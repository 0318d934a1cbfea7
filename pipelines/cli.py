"""The `pug` command: sample, template, check, build, ui."""

import argparse
import contextlib
import gc
import os
import select
import shutil
import subprocess
import sys
from pathlib import Path

from pug import paths
from pug.paths import Layout
from pug.warehouse.lock import DEFAULT_WAIT_SECONDS


class _Parser(argparse.ArgumentParser):
    """argparse, whose usage errors are also said in Bahasa Indonesia: OPD staff run `pug check` too."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        usage_error(self.prog, "perintah tidak lengkap atau ada pilihan yang tidak dikenal. Lihat petunjuknya dengan "
                    f"`{self.prog} --help`.", message)
        sys.exit(2)


def usage_error(prog: str, indonesian: str, english: str) -> int:
    """Say a usage error in both languages on standard error; the exit code of one, 2."""
    print(f"{prog}: {indonesian}\n{prog}: {english}", file=sys.stderr)
    return 2


def _sample(args) -> int:
    if args.scale == "national":
        return _sample_national(args)
    if args.regions is not None or args.mistakes:
        print("pug sample: --regions and --mistakes apply to --scale national only", file=sys.stderr)
        return 2

    from pug.synthetic.sample import generate_sample

    raw = Path(args.out).resolve() if args.out else Layout.from_environment().raw
    reference = raw / "reference"
    if not reference.exists():  # a fresh directory: give it the project's reference data
        shutil.copytree(paths.PROJECT_ROOT / "raw" / "reference", reference)
    summary = generate_sample(raw)
    print(f"pug sample: wrote synthetic submissions under {raw / 'submissions'}")
    for key, value in summary.items():
        if not isinstance(value, (dict, list)):
            print(f"  {key}: {value}")
    return 0


def _sample_national(args) -> int:
    from pug.synthetic.national import DEFAULT_REGIONS, UsageProblem, generate_national

    regions = DEFAULT_REGIONS if args.regions is None else args.regions
    if regions < 1:
        print("pug sample: --regions must be at least 1", file=sys.stderr)
        return 2
    raw = Path(args.out).resolve() if args.out else Layout.from_environment().raw
    try:
        summary = generate_national(raw, regions=regions, progress=sys.stderr, mistakes=args.mistakes)
    except (FileExistsError, UsageProblem) as problem:
        print(f"pug sample: {problem}", file=sys.stderr)
        return 2
    print(f"pug sample: wrote national-scale synthetic submissions under {raw / 'submissions'}")
    for key, value in summary.items():
        print(f"  {key}: {value}")
    return 0


def _template(args) -> int:
    from pug.reference import Reference
    from pug.outputs.template import write_template

    layout = Layout.from_environment()
    reference = Reference.load(layout.reference)
    out = Path(args.out) if args.out else Path(f"{args.opd}_{args.year}.xlsx")
    try:
        write_template(out, reference, opd_code=args.opd, year=args.year, region_code=args.region, published=layout.published)
    except ValueError as problem:
        print(f"pug template: {problem}", file=sys.stderr)
        return 2
    print(f"pug template: wrote {out}")
    return 0


def _check(args) -> int:
    from pug.validation.lone_file import as_json_line, as_text, check_file, has_error
    from pug.reference import Reference

    missing = [name for name in args.files if not os.path.lexists(name)]
    if missing:
        return usage_error("pug check", f"tidak ada berkas atau folder bernama {', '.join(missing)}. Periksa nama dan "
                           "foldernya, lalu ulangi.", f"no such file or folder: {', '.join(missing)}")
    layout = Layout.from_environment()
    reference = Reference.load(layout.reference)
    any_error = False
    for name in args.files:
        result = check_file(Path(name), reference, layout.published)
        any_error |= has_error(result)
        print(as_json_line(result) if args.json else as_text(result))
    return 1 if any_error else 0


def _rules(args) -> int:
    from pug.validation.rules import catalogue_markdown

    print(catalogue_markdown())
    return 0


def _methods(args) -> int:
    from pug.sqlfiles import methods_markdown

    print(methods_markdown(), end="")
    return 0


def _build(args) -> int:
    from pipelines.build import BuildFailed, run_build
    from pipelines.summary import print_summary

    try:
        report = run_build([args.year] if args.year else None, wait_seconds=args.wait)
    except BuildFailed as failure:
        print(f"pug build: FAILED: {failure}", file=sys.stderr)
        return 1
    except Exception as exc:  # before the run: the instance, its storage, its packages
        return _failed_before_the_run("pug build", exc)
    if report.failed_checks:
        print(f"pug build: NOT PUBLISHED: blocking checks failed: {', '.join(report.failed_checks)}; "
              f"the previous warehouse is unchanged. See `pug ui`.", file=sys.stderr)
        return 1
    print_summary(report)
    return 0


def _close(args) -> int:
    from pipelines.build import BuildFailed, close_year

    try:
        edition = close_year(args.year, wait_seconds=args.wait)
    except BuildFailed as failure:
        print(f"pug close: FAILED: {failure}", file=sys.stderr)
        return 1
    except Exception as exc:
        return _failed_before_the_run("pug close", exc)
    print(f"pug close: report year {args.year} closed; edition {edition}")
    return 0


def _failed_before_the_run(command: str, exc: Exception) -> int:
    """A known cause in one line, the stack trace otherwise (a bug, which the line would hide)."""
    from pug.failures import chain_of, explain

    cause = explain(chain_of(exc), Layout.from_environment().warehouse)
    if cause is None:
        raise exc
    print(f"{command}: FAILED: {cause}", file=sys.stderr)
    return 1


def _ledger_rebuild(args) -> int:
    from pug.ingest.ledger_backup import rebuild
    from pug.ingest.parse_cache import ParseCache
    from pug.reference import Reference
    from pug.warehouse.lock import BuildLock, WarehouseBusy

    layout = Layout.from_environment()
    try:
        with BuildLock(layout.warehouse).held("", "pug ledger rebuild", args.wait):
            update = rebuild(layout.submissions, layout.ledger, ParseCache(layout.cache), Reference.load(layout.reference))
    except WarehouseBusy as busy:
        print(f"pug ledger rebuild: FAILED: {busy}", file=sys.stderr)
        return 1
    print(f"pug ledger rebuild: {layout.ledger}: {update.files_seen} berkas dari {layout.submissions}; waktu pertama "
          f"terlihat adalah perkiraan (waktu ubah berkas). Jalankan pug build. / {update.files_seen} files from "
          f"{layout.submissions}; first-seen times are estimates (the files' modification times). Run pug build.")
    return 0


def _bench(args) -> int:
    from pipelines.bench import RESUBMISSIONS, print_bench, run_bench

    if args.portal:
        from pipelines.portal_bench import print_portal_bench, run_portal_bench

        root = Path(args.dir).resolve() if args.dir else Layout.from_environment().bench(f"national-{args.regions}")
        print_portal_bench(run_portal_bench(root))
        return 0
    if not 0 <= args.mistakes <= 1:
        print("pug bench: --mistakes is a share of rows from 0 to 1", file=sys.stderr)
        return 2
    if args.resubmissions is not None and args.resubmissions < 1:
        print("pug bench: --resubmissions is at least 1", file=sys.stderr)
        return 2
    result = run_bench(args.regions, Path(args.dir).resolve() if args.dir else None, mistakes=args.mistakes,
                       resubmissions=args.resubmissions or RESUBMISSIONS)
    print_bench(result)
    return 0


def _rollup(args) -> int:
    import duckdb

    from pug.warehouse.rollup import RollupRefused, roll_up

    try:
        counts = roll_up([Path(w) for w in args.warehouses], Path(args.out))
    except (RollupRefused, duckdb.Error) as refused:  # a missing or unreadable file is a usage problem, not a crash
        print(f"pug rollup: {refused}", file=sys.stderr)
        return 1
    print(f"pug rollup: {len(args.warehouses)} warehouses -> {args.out}: {len(counts)} tables, "
          f"{sum(counts.values()):,} rows")
    return 0


# How long `pug ui` gives Dagster's processes to stop after passing a SIGTERM or SIGINT on, before it kills them.
UI_STOP_SECONDS = 10


def _ui(args) -> int:
    """`dg dev` (the webserver, the daemon and a code server) in a process group of its own. A SIGTERM or SIGINT
    to `pug ui` is passed on to it; whatever of the group is still running after UI_STOP_SECONDS is killed."""
    import signal

    from pipelines.instance import use_project_instance

    use_project_instance()
    command = [sys.executable, "-c", "import sys; from dagster_dg_cli.cli import main; sys.argv[0] = 'dg'; sys.exit(main())",
               "dev", "-m", "pipelines.definitions", "-h", args.host, "-p", str(args.port)]
    ui = subprocess.Popen(command, cwd=paths.PROJECT_ROOT, env=os.environ.copy(), start_new_session=True)
    stopping = []

    def pass_on(signum, frame):
        stopping.append(signum)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(ui.pid, signum)

    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, pass_on)
    while True:
        try:
            code = ui.wait(timeout=UI_STOP_SECONDS if stopping else None)
            break
        except subprocess.TimeoutExpired:  # asked to stop, and not stopped in time
            with contextlib.suppress(ProcessLookupError):
                os.killpg(ui.pid, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError):  # a process of the group its parent left behind
        os.killpg(ui.pid, signal.SIGKILL)
    return 0 if stopping else code


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="pug", description="PUG warehouse: OPD gender-mainstreaming reports into DuckDB.")
    commands = parser.add_subparsers(dest="command", required=True)

    sample = commands.add_parser("sample", help="write the deterministic synthetic sample submissions")
    sample.add_argument("--out", help="raw directory to write into (default: raw/ or PUG_RAW_DIR)")
    sample.add_argument("--scale", choices=("sample", "national"), default="sample",
                        help="sample: the two sample cities, 2022-2025 (default); national: N kab/kota, report year 2025")
    sample.add_argument("--regions", type=int, metavar="N",
                        help="with --scale national: how many kab/kota, the first N by code (default 5)")
    sample.add_argument("--mistakes", type=float, default=0.0, metavar="SHARE",
                        help="with --scale national: the share of data rows given one mistake, e.g. 0.02 (default 0: none)")
    sample.set_defaults(run=_sample)

    template = commands.add_parser("template", help="write a blank submission workbook with dropdowns")
    template.add_argument("--opd", required=True, help="OPD code, e.g. DPMPPA")
    template.add_argument("--year", required=True, type=int, help="report year")
    template.add_argument("--region", help="kab/kota code when the OPD code exists in several regions")
    template.add_argument("--out", help="output .xlsx (default: <OPD>_<YEAR>.xlsx)")
    template.set_defaults(run=_template)

    check = commands.add_parser("check", help="check submission files offline; exit 1 when any has an error")
    check.add_argument("files", nargs="+", help=".xlsx workbooks or folders of CSV files")
    check.add_argument("--json", action="store_true", help="one JSON object per file")
    check.set_defaults(run=_check)

    rules = commands.add_parser("rules", help="print the rule catalogue as Markdown (docs/validation-rules.md)")
    rules.set_defaults(run=_rules)

    methods = commands.add_parser("methods", help="print the formulas of the marts as Markdown (docs/methods.md)")
    methods.set_defaults(run=_methods)

    bench = commands.add_parser("bench", help="measure a national-scale build of report year 2025 against reading its input")
    bench.add_argument("--regions", type=int, default=50, metavar="N", help="kab/kota in the national sample (default 50)")
    bench.add_argument("--mistakes", type=float, default=0.0, metavar="SHARE",
                       help="the share of data rows given one mistake, as OPD data has (default 0: every row valid)")
    bench.add_argument("--resubmissions", type=int, metavar="N",
                       help="resubmissions timed, each in another region; the median is reported (default 3)")
    bench.add_argument("--dir", help="where the sample and the bench warehouse live (default warehouse/bench/national-<N>, "
                                     "or national-<N>-mistakes-<SHARE>)")
    bench.add_argument("--portal", action="store_true",
                       help="instead: time the portal's check and pages on the built warehouse of --dir (or of the "
                            "national sample of --regions)")
    bench.set_defaults(run=_bench)

    rollup = commands.add_parser("rollup", help="one national warehouse file from the warehouses of several deployments")
    rollup.add_argument("warehouses", nargs="+", help="published warehouses or annual editions (pug.duckdb files)")
    rollup.add_argument("--out", required=True, help="the national warehouse file to write")
    rollup.set_defaults(run=_rollup)

    build = commands.add_parser("build", help="materialize and publish warehouse/pug.duckdb")
    build.add_argument("--year", type=int, help="only this report year (others stay as last built)")
    _wait_option(build)
    build.set_defaults(run=_build)

    close = commands.add_parser("close", help="close a report year: freeze warehouse/editions/pug-<year>.duckdb")
    close.add_argument("--year", type=int, required=True)
    _wait_option(close)
    close.set_defaults(run=_close)

    ledger = commands.add_parser("ledger", help="the submission ledger (warehouse/state/ledger.duckdb)")
    ledger_commands = ledger.add_subparsers(dest="ledger_command", required=True, parser_class=_Parser)
    rebuild = ledger_commands.add_parser("rebuild", help="make the ledger again from raw/submissions/ when it and its "
                                         "backups are damaged (first-seen times become estimates)")
    _wait_option(rebuild)
    rebuild.set_defaults(run=_ledger_rebuild)

    serve = commands.add_parser("serve", help="the portal: OPD staff check and submit, reviewers approve or return")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--builds", choices=("portal", "daemon", "off"), default="portal",
                       help="who builds after a submission or decision: the portal runs `pug build` (default); daemon: "
                            "the Dagster daemon's sensor does (`pug ui` running); off: nobody")
    serve.set_defaults(run=_serve)

    users = commands.add_parser("users", help="accounts of the portal")
    users_commands = users.add_subparsers(dest="users_command", required=True)
    add = users_commands.add_parser("add", help="add an account; the password is read from standard input, or generated "
                                                "and printed once")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=("opd", "reviewer", "admin"))
    add.add_argument("--region", action="append", default=[], help="kab/kota code (repeat for a reviewer of several)")
    add.add_argument("--opd", help="OPD code, for role opd")
    add.set_defaults(run=_users_add)
    users_commands.add_parser("list", help="every account").set_defaults(run=_users_list)
    disable = users_commands.add_parser("disable", help="disable an account and its API token")
    disable.add_argument("username")
    disable.set_defaults(run=_users_disable)
    token = users_commands.add_parser("token", help="a new bearer token for the API (the previous one stops working)")
    token.add_argument("username")
    token.set_defaults(run=_users_token)

    ui = commands.add_parser("ui", help="the Dagster UI")
    ui.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    ui.add_argument("--port", type=int, default=3000)
    ui.set_defaults(run=_ui)

    args = parser.parse_args(argv)
    return args.run(args)


def _serve(args) -> int:
    os.environ["PUG_PORTAL_BUILDS"] = args.builds
    from portal import server

    server.prepare()
    print(f"pug serve: portal at http://{args.host}:{args.port}/ (builds: {args.builds}); stop with Ctrl+C", file=sys.stderr)
    server.serve(args.host, args.port)
    return 0


def _accounts():
    from portal import server

    server.prepare()
    from portal import accounts

    return accounts


def _users_add(args) -> int:
    accounts = _accounts()
    from portal.submitting import reference

    password = None if sys.stdin.isatty() else sys.stdin.readline().rstrip("\n")
    try:
        generated = accounts.add(args.username, args.role, args.region, args.opd, password or None, reference())
    except accounts.AccountProblem as problem:
        return usage_error("pug users add", *str(problem).split(" / ", 1)) if " / " in str(problem) else \
            usage_error("pug users add", str(problem), str(problem))
    print(f"pug users: akun {args.username} dibuat / account {args.username} created")
    if generated:
        print(f"kata sandi / password (shown once): {generated}")
    return 0


def _users_list(args) -> int:
    for account in _accounts().listing():
        state = "aktif" if account["active"] else "nonaktif"
        print(f"{account['username']}\t{account['role']}\t{account['regions']}\t{account['opd']}\t{state}")
    return 0


def _users_disable(args) -> int:
    accounts = _accounts()
    try:
        accounts.disable(args.username)
    except accounts.AccountProblem as problem:
        return usage_error("pug users disable", *str(problem).split(" / ", 1))
    print(f"pug users: akun {args.username} dinonaktifkan / account {args.username} disabled")
    return 0


def _users_token(args) -> int:
    accounts = _accounts()
    try:
        print(accounts.token(args.username))
    except accounts.AccountProblem as problem:
        return usage_error("pug users token", *str(problem).split(" / ", 1))
    return 0


def _wait_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--wait", type=float, default=DEFAULT_WAIT_SECONDS, metavar="SECONDS",
                         help=f"how long to wait for another build of the same warehouse (default {DEFAULT_WAIT_SECONDS})")


def run() -> None:
    """The `pug` console script."""
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        if not _output_closed():
            raise  # a pipe of our own (a worker's), not the reader of our output
        # The reader of our output went away (`pug check --json ... | head`): stop quietly, as command-line tools do,
        # and let nothing write to the closed pipe again at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 1
    # Everything the command wrote is closed by now. The collections of cyclic garbage that end an interpreter which
    # loaded Dagster take most of a second; the process's memory goes when it ends anyway.
    gc.freeze()
    sys.exit(code)


def _output_closed() -> bool:
    """Whether standard output is a pipe whose reader has gone (poll reports an error on its end)."""
    poller = select.poll()
    poller.register(sys.stdout.fileno(), select.POLLOUT)
    return any(events & (select.POLLERR | select.POLLHUP) for _, events in poller.poll(0))


if __name__ == "__main__":
    run()
