"""The package as installed (a wheel, not this source tree) has everything its pages need."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LEFT_OUT = (".git", ".venv", "build", "*.egg-info", "*_cache", ".hypothesis", "instance")
# Run inside the installed copy: the app's Methods page, and where `web` came from.
PROBE = """
import sys, web
from web import create_app
app = create_app({"TESTING": True, "SECRET_KEY": "probe", "DATABASE_URL": sys.argv[1]})
page = app.test_client().get("/methods")
print(web.__file__)
print(page.status_code)
print(page.get_data(as_text=True))
app.extensions["learnloop"].close()
"""


def test_an_installed_wheel_serves_the_methods_and_chart_guides_from_its_own_files(
    tmp_path: Path,
) -> None:
    # A clean copy: a build folder or egg-info left in the tree would lend the wheel files.
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, symlinks=True, ignore=shutil.ignore_patterns(*LEFT_OUT))
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", tmp_path / "wheel", source],
        check=True,
        cwd=tmp_path,
        capture_output=True,
    )
    [wheel] = (tmp_path / "wheel").glob("learnloop-*.whl")
    installed = tmp_path / "installed"
    subprocess.run(
        [*pip, "install", "--no-deps", "--target", installed, wheel],
        check=True,
        capture_output=True,
    )
    probed = subprocess.run(
        [sys.executable, "-c", PROBE, f"sqlite:///{tmp_path / 'probe.sqlite'}"],
        # The installed copy first on the path, and a folder away from the source tree.
        env={"PYTHONPATH": str(installed), "PATH": "/usr/bin:/bin"},
        cwd=tmp_path,
        check=True,
        capture_output=True,
        text=True,
    )
    origin, status, page = probed.stdout.split("\n", 2)
    assert origin.startswith(str(installed))
    assert status == "200"
    assert "PDSA — Plan, Do, Study, Act" in page
    assert '<a href="/methods/reading_a_run_chart">Reading a run chart</a>' in page
    assert '<a href="/methods/reading_an_spc_chart">Reading an SPC chart</a>' in page
    assert page.count('href="/methods/') >= 10
